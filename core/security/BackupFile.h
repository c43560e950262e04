#pragma once

// A site's backup file (docs/backup.md): named files (the store's copy, the
// site key) sealed with a key derived from a passphrase (Argon2id) and
// encrypted and authenticated as one stream (libsodium's secretstream,
// XChaCha20-Poly1305), so that a backup on a shared disk or a stolen drive
// reveals nothing, and a damaged or truncated one is refused whole. Files
// are streamed in 64 KiB pieces: a large store never sits in memory.

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace warmline {

class BackupError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct BackupItem
{
    std::string name; ///< letters, digits, '.', '-', '_' only (no paths)
    std::filesystem::path path;
};

/// Shortest passphrase accepted for a new backup.
inline constexpr std::size_t kMinBackupPassphrase = 12;

/// Writes `items` to `out` (mode 0600, created or replaced), sealed with
/// `passphrase`. Throws BackupError naming what failed.
void writeBackup(const std::filesystem::path& out, const std::vector<BackupItem>& items,
                 std::string_view passphrase);

/// Opens `in` with `passphrase` and writes each file it holds into `dir`
/// (which must exist) under its name; returns the names in order. Throws
/// BackupError when the passphrase is wrong or the file is damaged or cut
/// short; files written before the damage was found are removed.
std::vector<std::string> readBackup(const std::filesystem::path& in, std::string_view passphrase,
                                    const std::filesystem::path& dir);

} // namespace warmline
