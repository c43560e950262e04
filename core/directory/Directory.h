#pragma once

// The line's resource directory: the services it refers people to, imported
// from HSDS packages (Hsds.h) into one SQLite file, every import kept as a
// version. Search reads the newest version: words (stems of English and
// Spanish through FTS5), category, language, open at a time, free,
// peer-run, near a place. Not thread-safe: one object per thread.
// See docs/resources.md.

#include "core/directory/Hsds.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace SQLite {
class Database;
} // namespace SQLite

namespace warmline::directory {

/// What one import changed, against the version before it.
struct DirectoryChanges
{
    int fromVersion = 0; ///< 0: there was none
    int toVersion = 0;
    std::vector<std::pair<std::string, std::string>> added;   ///< id, name
    std::vector<std::pair<std::string, std::string>> removed; ///< id, name
    std::vector<std::pair<std::string, std::string>> changed; ///< id, name
};

struct DirectoryVersion
{
    int version = 0;
    std::string importedAt; ///< UTC, ISO 8601
    std::string source;
    int services = 0;
    int added = 0;
    int removed = 0;
    int changed = 0;
};

/// A place to search near: coordinates, or a postal code or town the
/// directory's own locations have.
struct Near
{
    std::optional<double> latitude;
    std::optional<double> longitude;
    std::string place; ///< postal code or town, when no coordinates
    double radiusKm = 25;
};

struct DirectoryQuery
{
    std::string words;
    std::string category;           ///< a term's code or name, or an ancestor's
    std::string language;           ///< ISO 639 code
    std::optional<int> openWeekday; ///< 0 = Monday
    std::optional<int> openMinute;  ///< minute of the day, local
    bool freeOnly = false;
    bool peerRunOnly = false;
    bool includeClosed = false; ///< inactive, defunct, temporarily closed too
    std::optional<Near> near;
    std::size_t limit = 20;
    std::string today; ///< YYYY-MM-DD, for "out of date"
};

/// One service as a search or `show` gives it.
struct DirectoryEntry
{
    HsdsService detail;     ///< everything the package said
    bool outOfDate = false; ///< not verified in the last 12 months
    std::optional<double> distanceKm;
    bool unverified = false;    ///< the line marked it so (markUnverified)
    std::string unverifiedNote; ///< why, as the administrator wrote it
};

class ResourceDirectory
{
public:
    /// Opens or creates the directory file. Throws std::runtime_error
    /// naming the file.
    explicit ResourceDirectory(const std::filesystem::path& file);
    ~ResourceDirectory();
    ResourceDirectory(const ResourceDirectory&) = delete;
    ResourceDirectory& operator=(const ResourceDirectory&) = delete;

    /// Adds `pkg` as the newest version in one transaction: a failure
    /// leaves the directory as it was. `now` is UTC ISO 8601.
    DirectoryChanges import(const HsdsPackage& pkg, const std::string& source,
                            const std::string& now);

    /// Newest first; at most the last kKeptVersions are kept.
    std::vector<DirectoryVersion> versions();
    /// What changed from version `from` to version `to`.
    DirectoryChanges changes(int from, int to);
    int currentVersion();

    /// Active services only unless asked; an empty query lists them by name.
    /// Throws std::invalid_argument for a place the directory does not know.
    std::vector<DirectoryEntry> search(const DirectoryQuery& q);
    /// A service of the newest version.
    std::optional<DirectoryEntry> show(const std::string& id, const std::string& today);

    /// Marks a service of the newest version as unverified by the line
    /// (`unverified` false: clears the mark). The mark is the line's and
    /// outlasts imports. False when there is no such service (marking) or
    /// no mark (clearing).
    bool markUnverified(const std::string& id, bool unverified, const std::string& note,
                        const std::string& now);

    static constexpr int kKeptVersions = 10;

private:
    void markedUnverified(DirectoryEntry& e);

    std::unique_ptr<SQLite::Database> m_db;
    std::filesystem::path m_file;
};

/// `base` with the line's own package laid over it: a service of `local`
/// replaces the one with its id in `base` (a correction), or is added (a
/// local entry such as the line's own peer groups).
HsdsPackage mergePackages(HsdsPackage base, const HsdsPackage& local);

/// The words a text is indexed and searched by: each word's English and
/// Spanish stems, accents and case folded.
std::vector<std::string> indexWords(std::string_view text);

/// Great-circle distance in kilometres.
double distanceKm(double lat1, double lon1, double lat2, double lon2);

/// Sets the query's opening time from a local wall-clock time: milliseconds
/// since 1970-01-01T00:00 local (TimeZone::toLocal gives it).
void setOpenAt(DirectoryQuery& q, std::int64_t localMs);

/// Whether `assured` (YYYY-MM-DD, may be empty) is more than a year before
/// `today`.
bool isOutOfDate(const std::string& assured, const std::string& today);

} // namespace warmline::directory
