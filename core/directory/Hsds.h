#pragma once

// Reading an Open Referral HSDS 3.0 tabular package (a folder of CSV files:
// organization.csv, service.csv, location.csv, address.csv,
// service_at_location.csv, phone.csv, schedule.csv, language.csv,
// service_area.csv, taxonomy_term.csv, attribute.csv) into the services a
// warmline refers people to, each with what an operator needs on one card.
// Only service.csv and organization.csv must be there. Every row is checked
// (required fields, unique ids, references, numbers, times, dates); the
// errors name the file, the row and the field. See docs/resources.md.

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace warmline::directory {

struct HsdsPhone
{
    std::string number;
    std::string extension;
    std::string type; ///< voice, text, fax, …
    std::string description;
};

struct HsdsPlace
{
    std::string name;
    std::string address; ///< one line: street, city, state postal code
    std::string city;
    std::string postalCode;
    std::optional<double> latitude;
    std::optional<double> longitude;
    bool isVirtual = false;
};

/// One weekly opening: weekday 0 = Monday … 6 = Sunday; minutes of the day,
/// local time at the service; closes > opens (an opening past midnight is
/// split in two).
struct HsdsHours
{
    int weekday = 0;
    int opens = 0;
    int closes = 0;
};

struct HsdsService
{
    std::string id;
    std::string name;
    std::string alternateName;
    std::string organization;
    std::string description;
    std::string url;
    std::string email;
    std::string status; ///< active, inactive, defunct, temporarily closed
    std::string applicationProcess;
    std::string fees;
    std::string eligibility;
    std::string interpretation;
    std::string assuredDate; ///< YYYY-MM-DD or empty: when last verified
    std::vector<HsdsPhone> phones;
    std::vector<HsdsPlace> places;
    std::vector<HsdsHours> hours;
    std::vector<std::string> hoursText; ///< as the schedules describe them
    std::vector<std::string> languages; ///< ISO 639 codes, lower case
    std::vector<std::string> areas;
    /// Category terms' codes and names, with their ancestors', lower case.
    std::vector<std::string> categories;
    /// The category terms' names, for display.
    std::vector<std::string> categoryNames;
    bool free = false;
    bool peerRun = false;
};

struct HsdsPackage
{
    std::vector<HsdsService> services;
    std::vector<std::string> filesRead;
};

/// One problem in a package: file, row (1 is the header; 0: the whole
/// file), field (may be empty) and what is wrong.
struct HsdsProblem
{
    std::string file;
    std::size_t row = 0;
    std::string field;
    std::string message;

    std::string text() const;
};

/// A package that cannot be imported, with its problems (at most 50).
struct HsdsError : std::runtime_error
{
    explicit HsdsError(std::vector<HsdsProblem> problems);
    std::vector<HsdsProblem> problems;
};

/// Reads and checks the package in `folder`. Throws HsdsError.
HsdsPackage readHsdsPackage(const std::filesystem::path& folder);

/// Reads a data package descriptor (datapackage.json): the file each table
/// is in ("service.csv" → "data/services.csv"), relative to its folder;
/// tables Warmline does not read are left out. Throws HsdsError naming
/// each problem by the resource's place in the descriptor.
std::map<std::string, std::string> readDataPackage(const std::filesystem::path& descriptor);

/// "09:30", "9:30", "09:30:00", with an optional "Z" or UTC offset (not
/// applied: opening hours are read as local time at the service) → minutes
/// of the day; nullopt when it is not a time.
std::optional<int> parseClock(std::string_view text);

/// Whether `text` is a date YYYY-MM-DD.
bool isIsoDate(std::string_view text);

} // namespace warmline::directory
