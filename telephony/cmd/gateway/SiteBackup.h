#pragma once

// warmline-gateway's backup and restore (docs/backup.md), and the lock that
// says a gateway is running on a data directory.

#include <filesystem>
#include <string>
#include <vector>

namespace warmline::telephony {

/// An exclusive lock on DATA_DIR/gateway.lock while the object lives: a
/// running gateway holds it, so a second gateway or a restore on the same
/// directory is refused. held() is false when another process has it.
class DataDirLock
{
public:
    explicit DataDirLock(const std::filesystem::path& dataDir);
    ~DataDirLock();
    DataDirLock(const DataDirLock&) = delete;
    DataDirLock& operator=(const DataDirLock&) = delete;
    bool held() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

/// `backup DEST [--passphrase-file FILE | --passphrase-stdin]`: an online
/// copy of the store (SQLite's backup API, consistent while the gateway
/// runs) and the site key, sealed with the passphrase. Returns the exit code.
int runBackup(const std::filesystem::path& dataDir, const std::filesystem::path& storePath,
              const std::vector<std::string>& command);

/// `restore SRC [--passphrase-file FILE | --passphrase-stdin]`: checks the
/// backup (passphrase, integrity, schema), refuses while a gateway runs on
/// the directory, keeps what was there in before-restore-TIME/, and puts the
/// store and the site key in place. Returns the exit code.
int runRestore(const std::filesystem::path& dataDir, const std::filesystem::path& storePath,
               const std::vector<std::string>& command);

} // namespace warmline::telephony
