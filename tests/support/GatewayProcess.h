#pragma once

// A real warmline-gateway for integration tests, and warmlinectl runs
// against it.

#include "support/Process.h"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace warmline::test {

struct GatewayOptions
{
    /// Appended to the config after "[http]\nport = 0\n": lines before any
    /// section header extend [http]; further sections follow as usual.
    std::string configExtra;
    std::vector<std::string> extraArgs; ///< after --ready-file
    std::vector<std::pair<std::string, std::string>> env;
    std::chrono::milliseconds readyTimeout = 30s;
    bool start = true; ///< false: call start() yourself (e.g. after addOperator)
};

/// Runs WARMLINE_GATEWAY_BIN on its own data directory and config in a
/// TempDir, with an OS-chosen HTTP port read back from the ready file. The
/// destructor kills the gateway. Use from one thread.
class GatewayProcess
{
public:
    explicit GatewayProcess(GatewayOptions options = {});
    ~GatewayProcess();
    GatewayProcess(const GatewayProcess&) = delete;
    GatewayProcess& operator=(const GatewayProcess&) = delete;

    /// Starts the gateway and waits for its ready file (`http_port=NNNN`);
    /// throws std::runtime_error with its stderr if it exits or times out.
    void start();
    /// SIGTERM and wait; returns the exit status.
    int stop(std::chrono::milliseconds grace = 10s);
    /// stop() then start(). With `keepPort` the config pins the port the
    /// gateway had, so clients holding its URL can reconnect.
    void restart(bool keepPort = true);
    /// SIGKILL: a crash, for recovery tests. start() brings it back.
    void kill9();
    bool running();

    int port() const { return m_port; }
    /// A number the gateway wrote in its ready file, e.g. "sip_udp_port"; 0 if none.
    int readyValue(const std::string& key) const;
    std::string url() const;     ///< http://127.0.0.1:PORT
    std::string linkUrl() const; ///< ws://127.0.0.1:PORT/link
    const std::filesystem::path& dir() const { return m_dir.path(); }
    std::filesystem::path dataDir() const { return m_dir / "data"; }
    std::filesystem::path configPath() const { return m_dir / "gateway.conf"; }
    std::filesystem::path ctlSessionPath() const { return m_dir / "ctl-session.json"; }
    Process* process() { return m_process.get(); }
    /// The options; a change (e.g. to `env`) takes effect at the next start().
    GatewayOptions& options() { return m_options; }
    /// The current (or last) gateway run's stderr: its log.
    std::string log() const;

    /// `warmline-gateway --data-dir … --config … ARGS…`, e.g. add-operator.
    RunResult runGatewayCommand(const std::vector<std::string>& args,
                                std::optional<std::string> stdinData = std::nullopt,
                                std::chrono::milliseconds timeout = 60s);
    /// Creates an account with the add-operator subcommand; throws on failure.
    void addOperator(const std::string& name, const std::string& role, const std::string& password);

    /// warmlinectl with --session in the temp dir and --gateway linkUrl()
    /// (unless `args` name one).
    RunResult runCtl(const std::vector<std::string>& args,
                     std::optional<std::string> stdinData = std::nullopt,
                     std::chrono::milliseconds timeout = 60s);

private:
    void writeConfig(int port);

    GatewayOptions m_options;
    TempDir m_dir;
    std::unique_ptr<Process> m_process;
    int m_port = 0;
};

/// warmlinectl without a gateway (offline tests): WARMLINE_* variables of
/// the test's environment are removed so they cannot leak in.
RunResult runCtl(const std::vector<std::string>& args,
                 std::optional<std::string> stdinData = std::nullopt,
                 std::chrono::milliseconds timeout = 60s,
                 std::vector<std::pair<std::string, std::string>> env = {});

} // namespace warmline::test
