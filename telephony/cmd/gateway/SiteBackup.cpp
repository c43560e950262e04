#include "telephony/cmd/gateway/SiteBackup.h"

#include "core/security/BackupFile.h"
#include "core/store/Schema.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <optional>
#include <sys/file.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace warmline::telephony {

namespace {

constexpr int kUsage = 2;
constexpr int kFailed = 1;
constexpr int kRunning = 3;

/// A private scratch directory inside the data directory, removed on exit:
/// it holds the store in the clear for a moment.
struct Scratch
{
    fs::path path;
    explicit Scratch(const fs::path& dataDir, const char* what)
        : path(dataDir / fmt::format(".{}-{}", what, ::getpid()))
    {
        fs::remove_all(path);
        fs::create_directories(path);
        fs::permissions(path, fs::perms::owner_all, fs::perm_options::replace);
    }
    ~Scratch()
    {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
};

struct Parsed
{
    fs::path file;
    std::string passphrase;
};

/// FILE and the passphrase, or an error message.
std::optional<Parsed> parse(const std::vector<std::string>& cmd, std::string& error)
{
    Parsed p;
    bool fromStdin = false;
    std::optional<fs::path> passFile;
    for (std::size_t i = 1; i < cmd.size(); ++i) {
        if (cmd[i] == "--passphrase-stdin") {
            fromStdin = true;
        } else if (cmd[i] == "--passphrase-file" && i + 1 < cmd.size()) {
            passFile = cmd[++i];
        } else if (!cmd[i].starts_with("--") && p.file.empty()) {
            p.file = cmd[i];
        } else {
            error = "unknown option for " + cmd[0] + ": " + cmd[i];
            return std::nullopt;
        }
    }
    if (p.file.empty()) {
        error = cmd[0] + " needs a FILE";
        return std::nullopt;
    }
    if (fromStdin == passFile.has_value()) {
        error = cmd[0] + " reads the passphrase with --passphrase-file FILE or --passphrase-stdin";
        return std::nullopt;
    }
    if (passFile) {
        std::ifstream in(*passFile);
        if (!in) {
            error = passFile->string() + ": cannot be read";
            return std::nullopt;
        }
        std::getline(in, p.passphrase);
    } else {
        std::getline(std::cin, p.passphrase);
    }
    if (!p.passphrase.empty() && p.passphrase.back() == '\r') {
        p.passphrase.pop_back();
    }
    return p;
}

std::string checkStore(const fs::path& db)
{
    SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
    const std::string check = d.execAndGet("PRAGMA integrity_check").getString();
    if (check != "ok") {
        return "the store in it fails SQLite's integrity check (" + check + ")";
    }
    const int version = schemaVersion(d);
    if (version > latestSchemaVersion()) {
        return fmt::format("its store has schema {}, newer than this gateway's ({}): restore "
                           "with the Warmline that made it",
                           version, latestSchemaVersion());
    }
    return {};
}

std::string stamp()
{
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
    return buf;
}

} // namespace

DataDirLock::DataDirLock(const fs::path& dataDir)
{
    const auto path = dataDir / "gateway.lock";
    m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (m_fd >= 0 && ::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

DataDirLock::~DataDirLock()
{
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

int runBackup(const fs::path& dataDir, const fs::path& storePath,
              const std::vector<std::string>& command)
{
    std::string error;
    const auto args = parse(command, error);
    if (!args) {
        std::cerr << "warmline-gateway: " << error << "\n";
        return kUsage;
    }
    if (!fs::exists(storePath)) {
        std::cerr << "warmline-gateway: there is no store at " << storePath.string() << "\n";
        return kFailed;
    }
    const auto key = dataDir / "site.key";
    if (!fs::exists(key)) {
        std::cerr << "warmline-gateway: there is no site key at " << key.string()
                  << "; without it the callers' numbers cannot be read back\n";
        return kFailed;
    }
    try {
        Scratch scratch(dataDir, "backup");
        const auto copy = scratch.path / "warmline.db";
        {
            // Read while the gateway writes: one consistent snapshot.
            SQLite::Database source(storePath.string(), SQLite::OPEN_READWRITE, 10000);
            SQLite::Database target(copy.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            SQLite::Backup backup(target, source);
            backup.executeStep();
            target.exec("PRAGMA journal_mode = DELETE");
        }
        if (const auto bad = checkStore(copy); !bad.empty()) {
            std::cerr << "warmline-gateway: the copy is not usable: " << bad << "\n";
            return kFailed;
        }
        const fs::path out = args->file;
        const fs::path partial = out.string() + ".partial";
        writeBackup(partial, {{"warmline.db", copy}, {"site.key", key}}, args->passphrase);
        fs::rename(partial, out);
        std::cout << "backup written: " << out.string() << " (" << fs::file_size(out)
                  << " bytes; the store and the site key, sealed with the passphrase)\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "warmline-gateway: backup failed: " << e.what() << "\n";
        return kFailed;
    }
}

int runRestore(const fs::path& dataDir, const fs::path& storePath,
               const std::vector<std::string>& command)
{
    std::string error;
    const auto args = parse(command, error);
    if (!args) {
        std::cerr << "warmline-gateway: " << error << "\n";
        return kUsage;
    }
    fs::create_directories(dataDir);
    fs::permissions(dataDir, fs::perms::owner_all, fs::perm_options::replace);
    DataDirLock lock(dataDir);
    if (!lock.held()) {
        std::cerr << "warmline-gateway: a gateway is running on " << dataDir.string()
                  << ": stop it before restoring (nothing was changed)\n";
        return kRunning;
    }
    try {
        Scratch scratch(dataDir, "restore");
        const auto names = readBackup(args->file, args->passphrase, scratch.path);
        for (const char* needed : {"warmline.db", "site.key"}) {
            if (std::find(names.begin(), names.end(), needed) == names.end()) {
                std::cerr << "warmline-gateway: " << args->file.string() << " holds no " << needed
                          << " (nothing was changed)\n";
                return kFailed;
            }
        }
        if (const auto bad = checkStore(scratch.path / "warmline.db"); !bad.empty()) {
            std::cerr << "warmline-gateway: " << args->file.string() << ": " << bad
                      << " (nothing was changed)\n";
            return kFailed;
        }
        // What was there is kept, never overwritten.
        const auto key = dataDir / "site.key";
        const std::vector<fs::path> current = {storePath, fs::path(storePath.string() + "-wal"),
                                               fs::path(storePath.string() + "-shm"), key};
        fs::path kept;
        for (const auto& p : current) {
            if (fs::exists(p)) {
                if (kept.empty()) {
                    kept = dataDir / ("before-restore-" + stamp());
                    fs::create_directories(kept);
                    fs::permissions(kept, fs::perms::owner_all, fs::perm_options::replace);
                }
                fs::rename(p, kept / p.filename());
            }
        }
        fs::create_directories(storePath.parent_path());
        fs::rename(scratch.path / "warmline.db", storePath);
        fs::rename(scratch.path / "site.key", key);
        std::cout << "restored " << args->file.string() << " into " << dataDir.string();
        if (!kept.empty()) {
            std::cout << "; what was there is in " << kept.string();
        }
        std::cout << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "warmline-gateway: restore failed: " << e.what() << "\n";
        return kFailed;
    }
}

} // namespace warmline::telephony
