#include "support/GatewayProcess.h"

#include <sstream>
#include <stdexcept>

namespace warmline::test {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kCtlEnvToDrop{"WARMLINE_GATEWAY", "WARMLINE_PASSWORD",
                                             "WARMLINE_NEW_PASSWORD"};

std::optional<int> readyPort(const fs::path& readyFile)
{
    std::istringstream in(readFile(readyFile));
    std::string line;
    while (std::getline(in, line)) {
        const std::string key = "http_port=";
        if (line.rfind(key, 0) == 0) {
            try {
                const int port = std::stoi(line.substr(key.size()));
                if (port > 0 && port < 65536) {
                    return port;
                }
            } catch (const std::exception&) {
                return std::nullopt;
            }
        }
    }
    return std::nullopt;
}

bool mentions(const std::vector<std::string>& args, const std::string& option)
{
    for (const auto& a : args) {
        if (a == option) {
            return true;
        }
    }
    return false;
}

} // namespace

GatewayProcess::GatewayProcess(GatewayOptions options)
    : m_options(std::move(options)), m_dir("warmline-gateway")
{
    fs::create_directories(dataDir());
    writeConfig(0);
    if (m_options.start) {
        start();
    }
}

GatewayProcess::~GatewayProcess() = default;

void GatewayProcess::writeConfig(int port)
{
    writeFile(configPath(),
              "[http]\nport = " + std::to_string(port) + "\n" + m_options.configExtra + "\n");
}

void GatewayProcess::start()
{
    if (m_process && m_process->running()) {
        throw std::logic_error("GatewayProcess::start: already running");
    }
    const auto readyFile = m_dir / "ready";
    std::error_code ec;
    fs::remove(readyFile, ec);
    ProcessOptions p;
    p.argv = {WARMLINE_GATEWAY_BIN,  "--data-dir",   dataDir().string(), "--config",
              configPath().string(), "--ready-file", readyFile.string()};
    p.argv.insert(p.argv.end(), m_options.extraArgs.begin(), m_options.extraArgs.end());
    p.env = m_options.env;
    p.outputDir = m_dir.path();
    p.name = "gateway";
    m_process = std::make_unique<Process>(std::move(p));

    std::optional<int> port;
    const bool ready = waitFor(
        [&] {
            port = readyPort(readyFile);
            return port.has_value() || !m_process->running();
        },
        m_options.readyTimeout);
    if (!port) {
        const auto why =
            !ready ? std::string("did not become ready in time")
                   : "exited with status " + std::to_string(m_process->exitCode().value_or(-1));
        if (!ready) {
            m_process->stop(2s);
        }
        throw std::runtime_error("warmline-gateway " + why + "; its log:\n" + log());
    }
    m_port = *port;
}

int GatewayProcess::stop(std::chrono::milliseconds grace)
{
    if (!m_process) {
        return -1;
    }
    return m_process->stop(grace);
}

void GatewayProcess::restart(bool keepPort)
{
    stop();
    writeConfig(keepPort ? m_port : 0);
    start();
}

void GatewayProcess::kill9()
{
    if (m_process) {
        m_process->kill(SIGKILL);
        m_process->waitExit(10s);
    }
}

bool GatewayProcess::running()
{
    return m_process && m_process->running();
}

int GatewayProcess::readyValue(const std::string& key) const
{
    std::istringstream in(readFile(m_dir / "ready"));
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(key + "=", 0) == 0) {
            return std::atoi(line.substr(key.size() + 1).c_str());
        }
    }
    return 0;
}

std::string GatewayProcess::url() const
{
    return "http://127.0.0.1:" + std::to_string(m_port);
}

std::string GatewayProcess::linkUrl() const
{
    return "ws://127.0.0.1:" + std::to_string(m_port) + "/link";
}

std::string GatewayProcess::log() const
{
    return m_process ? m_process->stderrText() : std::string();
}

RunResult GatewayProcess::runGatewayCommand(const std::vector<std::string>& args,
                                            std::optional<std::string> stdinData,
                                            std::chrono::milliseconds timeout)
{
    ProcessOptions p;
    p.argv = {WARMLINE_GATEWAY_BIN, "--data-dir", dataDir().string(), "--config",
              configPath().string()};
    p.argv.insert(p.argv.end(), args.begin(), args.end());
    p.stdinData = std::move(stdinData);
    p.env = m_options.env;
    p.outputDir = m_dir.path();
    p.name = "gateway-command";
    return runProgram(std::move(p), timeout);
}

void GatewayProcess::addOperator(const std::string& name, const std::string& role,
                                 const std::string& password)
{
    const auto r = runGatewayCommand({"add-operator", name, "--role", role, "--password-stdin"},
                                     password + "\n");
    if (r.exitCode != 0) {
        throw std::runtime_error("add-operator " + name + " failed (exit " +
                                 std::to_string(r.exitCode) + "): " + r.err);
    }
}

RunResult GatewayProcess::runCtl(const std::vector<std::string>& args,
                                 std::optional<std::string> stdinData,
                                 std::chrono::milliseconds timeout)
{
    ProcessOptions p;
    p.argv = {WARMLINE_CTL_BIN, "--session", ctlSessionPath().string()};
    if (!mentions(args, "--gateway")) {
        p.argv.insert(p.argv.end(), {"--gateway", linkUrl()});
    }
    p.argv.insert(p.argv.end(), args.begin(), args.end());
    p.stdinData = std::move(stdinData);
    p.unsetEnv = kCtlEnvToDrop;
    p.env = {{"XDG_CONFIG_HOME", (m_dir / "xdg").string()}};
    p.outputDir = m_dir.path();
    p.name = "ctl";
    return runProgram(std::move(p), timeout);
}

RunResult runCtl(const std::vector<std::string>& args, std::optional<std::string> stdinData,
                 std::chrono::milliseconds timeout,
                 std::vector<std::pair<std::string, std::string>> env)
{
    // A private config home, so a test without --session never touches the
    // real ~/.config.
    TempDir home("warmline-ctl");
    ProcessOptions p;
    p.argv = {WARMLINE_CTL_BIN};
    p.argv.insert(p.argv.end(), args.begin(), args.end());
    p.stdinData = std::move(stdinData);
    p.unsetEnv = kCtlEnvToDrop;
    p.env = {{"XDG_CONFIG_HOME", (home.path() / "xdg").string()}};
    p.env.insert(p.env.end(), env.begin(), env.end());
    p.outputDir = home.path();
    p.name = "ctl";
    return runProgram(std::move(p), timeout);
}

} // namespace warmline::test
