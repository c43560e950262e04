#include "core/directory/Hsds.h"

#include "core/directory/Csv.h"
#include "core/text/Text.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

namespace warmline::directory {

namespace fs = std::filesystem;

std::string HsdsProblem::text() const
{
    std::string s = file;
    if (row > 0) {
        s += ", row " + std::to_string(row);
    }
    if (!field.empty()) {
        s += ", field " + field;
    }
    return s + ": " + message;
}

namespace {

constexpr std::size_t kMaxProblems = 50;

std::string joinProblems(const std::vector<HsdsProblem>& problems)
{
    std::string s;
    for (const auto& p : problems) {
        if (!s.empty()) {
            s += "\n";
        }
        s += p.text();
    }
    return s;
}

std::optional<double> parseNumber(std::string_view text)
{
    double v = 0;
    const auto* end = text.data() + text.size();
    const auto r = std::from_chars(text.data(), end, v);
    if (r.ec != std::errc() || r.ptr != end || !std::isfinite(v)) {
        return std::nullopt;
    }
    return v;
}

std::string lower(std::string_view s)
{
    return asciiLower(s);
}

bool startsWithAny(std::string_view text, std::initializer_list<std::string_view> prefixes)
{
    const auto l = lower(text);
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](std::string_view p) { return l.rfind(p, 0) == 0; });
}

/// Language names some directories give instead of codes.
std::string languageCode(std::string_view code, std::string_view name)
{
    if (!code.empty()) {
        return lower(code);
    }
    static const std::map<std::string, std::string, std::less<>> kNames = {
        {"english", "en"}, {"spanish", "es"},        {"espanol", "es"},
        {"español", "es"}, {"french", "fr"},         {"vietnamese", "vi"},
        {"chinese", "zh"}, {"arabic", "ar"},         {"russian", "ru"},
        {"korean", "ko"},  {"tagalog", "tl"},        {"portuguese", "pt"},
        {"somali", "so"},  {"haitian creole", "ht"}, {"american sign language", "ase"}};
    const auto l = lower(name);
    const auto it = kNames.find(l);
    return it == kNames.end() ? l : it->second;
}

struct Reader
{
    fs::path folder;
    std::vector<HsdsProblem> problems;
    std::vector<std::string> filesRead;
    /// From a datapackage.json: each table's file ("service.csv" →
    /// "data/services.csv"), relative to the folder. Without one, every
    /// table is its own name.
    std::optional<std::map<std::string, std::string>> paths;

    /// The file a table is read from, as problems name it.
    std::string fileOf(const std::string& table) const
    {
        if (paths) {
            if (const auto it = paths->find(table); it != paths->end()) {
                return it->second;
            }
        }
        return table;
    }

    void problem(const std::string& file, std::size_t row, std::string field, std::string message)
    {
        if (problems.size() < kMaxProblems) {
            problems.push_back({fileOf(file), row, std::move(field), std::move(message)});
        }
    }

    std::optional<CsvTable> open(const std::string& name, bool required)
    {
        if (paths && !paths->contains(name)) {
            if (required) {
                problem("datapackage.json", 0, "resources",
                        "lists no \"" + name.substr(0, name.size() - 4) + "\" resource");
            }
            return std::nullopt;
        }
        const auto path = folder / fileOf(name);
        std::error_code ec;
        if (!fs::is_regular_file(path, ec)) {
            if (required || paths) {
                problem(name, 0, "", "the file is missing");
            }
            return std::nullopt;
        }
        try {
            auto t = CsvTable::read(path);
            filesRead.push_back(fileOf(name));
            return t;
        } catch (const CsvError& e) {
            problem(name, e.row, "", e.what());
        } catch (const std::exception& e) {
            problem(name, 0, "", e.what());
        }
        return std::nullopt;
    }

    /// The field, or a problem when it is empty.
    std::string_view required(const CsvTable& t, const std::string& file, std::size_t r,
                              const std::string& field)
    {
        const auto v = t.field(r, field);
        if (v.empty()) {
            problem(file, CsvTable::rowNumber(r), field,
                    t.hasColumn(field) ? "is required"
                                       : "is required, and the file has no such column");
        }
        return v;
    }

    /// Every row's id, checked present and unique: id → row.
    std::unordered_map<std::string, std::size_t> ids(const CsvTable& t, const std::string& file)
    {
        std::unordered_map<std::string, std::size_t> out;
        for (std::size_t r = 0; r < t.rows(); ++r) {
            const auto id = required(t, file, r, "id");
            if (id.empty()) {
                continue;
            }
            if (!out.emplace(std::string(id), r).second) {
                problem(file, CsvTable::rowNumber(r), "id",
                        "\"" + std::string(id) + "\" is used by an earlier row too");
            }
        }
        return out;
    }

    /// Checks a reference; true when it is empty or names a row of `target`.
    template <typename Map>
    bool reference(const CsvTable& t, const std::string& file, std::size_t r,
                   const std::string& field, const Map& target, const std::string& targetFile)
    {
        const auto v = t.field(r, field);
        if (v.empty() || target.count(std::string(v)) != 0) {
            return true;
        }
        problem(file, CsvTable::rowNumber(r), field,
                "\"" + std::string(v) + "\" is not an id in " + targetFile);
        return false;
    }
};

const std::array<std::string_view, 7> kDays = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

std::string clockText(int minutes)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
    return buf;
}

/// Days as an operator reads them out: "Mon–Fri", "Tue, Thu", "Sat, Sun".
std::string daysText(std::vector<int> days)
{
    static const std::array<const char*, 7> kNames = {"Mon", "Tue", "Wed", "Thu",
                                                      "Fri", "Sat", "Sun"};
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    std::string out;
    for (std::size_t i = 0; i < days.size();) {
        std::size_t j = i;
        while (j + 1 < days.size() && days[j + 1] == days[j] + 1) {
            ++j;
        }
        if (!out.empty()) {
            out += ", ";
        }
        out += kNames[static_cast<std::size_t>(days[i])];
        if (j >= i + 2) {
            out += "–";
            out += kNames[static_cast<std::size_t>(days[j])];
            i = j + 1;
        } else {
            i = i + 1;
        }
    }
    return out;
}

} // namespace

HsdsError::HsdsError(std::vector<HsdsProblem> p)
    : std::runtime_error(joinProblems(p)), problems(std::move(p))
{
}

std::optional<int> parseClock(std::string_view text)
{
    // HH:MM or H:MM, optional :SS, optional Z or ±HH:MM.
    auto digits = [](std::string_view s, std::size_t from,
                     std::size_t count) -> std::optional<int> {
        if (s.size() < from + count) {
            return std::nullopt;
        }
        int v = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (s[i] < '0' || s[i] > '9') {
                return std::nullopt;
            }
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    std::size_t hourLen = text.size() > 1 && text[1] == ':' ? 1 : 2;
    const auto h = digits(text, 0, hourLen);
    if (!h || text.size() < hourLen + 3 || text[hourLen] != ':') {
        return std::nullopt;
    }
    const auto m = digits(text, hourLen + 1, 2);
    if (!m || *h > 24 || *m > 59 || (*h == 24 && *m != 0)) {
        return std::nullopt;
    }
    auto rest = text.substr(hourLen + 3);
    if (rest.size() >= 3 && rest[0] == ':') {
        if (!digits(rest, 1, 2)) {
            return std::nullopt;
        }
        rest.remove_prefix(3);
    }
    if (!rest.empty() && rest != "Z" && rest != "z") {
        if ((rest[0] != '+' && rest[0] != '-') || rest.size() != 6 || rest[3] != ':' ||
            !digits(rest, 1, 2) || !digits(rest, 4, 2)) {
            return std::nullopt;
        }
    }
    return *h * 60 + *m;
}

bool isIsoDate(std::string_view t)
{
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') {
        return false;
    }
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (t[i] < '0' || t[i] > '9') {
            return false;
        }
    }
    const int month = (t[5] - '0') * 10 + (t[6] - '0');
    const int day = (t[8] - '0') * 10 + (t[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

HsdsPackage readHsdsPackage(const fs::path& folder)
{
    Reader rd{folder, {}, {}, std::nullopt};
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        throw HsdsError({{folder.filename().string(), 0, "", "is not a folder"}});
    }
    // A data package descriptor, when there is one, says where each table is.
    if (const auto descriptor = folder / "datapackage.json"; fs::exists(descriptor, ec)) {
        rd.paths = readDataPackage(descriptor);
        rd.filesRead.push_back("datapackage.json");
    }
    const auto orgs = rd.open("organization.csv", true);
    const auto services = rd.open("service.csv", true);
    const auto locations = rd.open("location.csv", false);
    const auto addresses = rd.open("address.csv", false);
    const auto sal = rd.open("service_at_location.csv", false);
    const auto phones = rd.open("phone.csv", false);
    const auto schedules = rd.open("schedule.csv", false);
    const auto languages = rd.open("language.csv", false);
    const auto areas = rd.open("service_area.csv", false);
    const auto terms = rd.open("taxonomy_term.csv", false);
    const auto attributes = rd.open("attribute.csv", false);
    if (!orgs || !services) {
        throw HsdsError(std::move(rd.problems));
    }

    HsdsPackage pkg;
    const auto orgIds = rd.ids(*orgs, "organization.csv");
    for (std::size_t r = 0; r < orgs->rows(); ++r) {
        rd.required(*orgs, "organization.csv", r, "name");
    }
    const auto serviceIds = rd.ids(*services, "service.csv");
    static const std::set<std::string, std::less<>> kStatus = {"active", "inactive", "defunct",
                                                               "temporarily closed"};
    pkg.services.resize(services->rows());
    for (std::size_t r = 0; r < services->rows(); ++r) {
        const std::string file = "service.csv";
        auto& s = pkg.services[r];
        const auto& t = *services;
        s.id = std::string(t.field(r, "id"));
        s.name = std::string(rd.required(t, file, r, "name"));
        s.alternateName = std::string(t.field(r, "alternate_name"));
        s.description = std::string(t.field(r, "description"));
        s.url = std::string(t.field(r, "url"));
        s.email = std::string(t.field(r, "email"));
        s.status = lower(rd.required(t, file, r, "status"));
        if (!s.status.empty() && kStatus.count(s.status) == 0) {
            rd.problem(file, CsvTable::rowNumber(r), "status",
                       "\"" + s.status +
                           "\" is not one of active, inactive, defunct, temporarily closed");
        }
        s.applicationProcess = std::string(t.field(r, "application_process"));
        s.fees = std::string(t.field(r, "fees_description"));
        if (s.fees.empty()) {
            s.fees = std::string(t.field(r, "fees"));
        }
        s.eligibility = std::string(t.field(r, "eligibility_description"));
        s.interpretation = std::string(t.field(r, "interpretation_services"));
        s.assuredDate = std::string(t.field(r, "assured_date"));
        if (!s.assuredDate.empty() && !isIsoDate(s.assuredDate)) {
            rd.problem(file, CsvTable::rowNumber(r), "assured_date",
                       "\"" + s.assuredDate + "\" is not a date YYYY-MM-DD");
        }
        if (rd.reference(t, file, r, "organization_id", orgIds, "organization.csv")) {
            if (const auto org = t.field(r, "organization_id"); !org.empty()) {
                s.organization = std::string(orgs->field(orgIds.at(std::string(org)), "name"));
            }
        }
        s.free = startsWithAny(
            s.fees, {"free", "gratis", "no cost", "no charge", "sin costo", "sin cargo", "$0 "});
    }
    auto serviceOf = [&](std::string_view id) -> HsdsService* {
        const auto it = serviceIds.find(std::string(id));
        return it == serviceIds.end() ? nullptr : &pkg.services[it->second];
    };

    // Locations and their addresses.
    std::unordered_map<std::string, std::size_t> locationIds;
    std::vector<HsdsPlace> places;
    if (locations) {
        const std::string file = "location.csv";
        locationIds = rd.ids(*locations, file);
        places.resize(locations->rows());
        for (std::size_t r = 0; r < locations->rows(); ++r) {
            const auto& t = *locations;
            auto& p = places[r];
            p.name = std::string(t.field(r, "name"));
            const auto type = lower(t.field(r, "location_type"));
            if (!type.empty() && type != "physical" && type != "postal" && type != "virtual") {
                rd.problem(file, CsvTable::rowNumber(r), "location_type",
                           "\"" + type + "\" is not one of physical, postal, virtual");
            }
            p.isVirtual = type == "virtual";
            rd.reference(t, file, r, "organization_id", orgIds, "organization.csv");
            const auto lat = t.field(r, "latitude");
            const auto lon = t.field(r, "longitude");
            if (!lat.empty() || !lon.empty()) {
                const auto la = parseNumber(lat);
                const auto lo = parseNumber(lon);
                if (!la || *la < -90 || *la > 90) {
                    rd.problem(file, CsvTable::rowNumber(r), "latitude",
                               "\"" + std::string(lat) + "\" is not a latitude (-90 to 90)");
                } else if (!lo || *lo < -180 || *lo > 180) {
                    rd.problem(file, CsvTable::rowNumber(r), "longitude",
                               "\"" + std::string(lon) + "\" is not a longitude (-180 to 180)");
                } else {
                    p.latitude = la;
                    p.longitude = lo;
                }
            }
        }
    }
    if (addresses) {
        const std::string file = "address.csv";
        const auto& t = *addresses;
        rd.ids(t, file);
        std::set<std::size_t> addressed;
        for (std::size_t r = 0; r < t.rows(); ++r) {
            const auto loc = rd.required(t, file, r, "location_id");
            if (loc.empty() ||
                !rd.reference(t, file, r, "location_id", locationIds, "location.csv")) {
                continue;
            }
            const auto street = rd.required(t, file, r, "address_1");
            const auto city = rd.required(t, file, r, "city");
            const auto type = lower(t.field(r, "address_type"));
            const auto at = locationIds.at(std::string(loc));
            // The first physical address of a location is the one shown.
            if (addressed.count(at) != 0 || type == "postal") {
                continue;
            }
            addressed.insert(at);
            auto& p = places[at];
            std::string line(street);
            if (const auto a2 = t.field(r, "address_2"); !a2.empty()) {
                line += ", " + std::string(a2);
            }
            line += ", " + std::string(city);
            const auto state = t.field(r, "state_province");
            const auto postal = t.field(r, "postal_code");
            if (!state.empty() || !postal.empty()) {
                line += ", " + std::string(state);
                if (!postal.empty()) {
                    line += (state.empty() ? "" : " ") + std::string(postal);
                }
            }
            p.address = line;
            p.city = std::string(city);
            p.postalCode = std::string(postal);
        }
    }
    // Services at their locations; services of each location.
    std::unordered_map<std::string, std::vector<std::size_t>> servicesAt;
    std::unordered_map<std::string, std::string> salService;
    if (sal) {
        const std::string file = "service_at_location.csv";
        const auto& t = *sal;
        const auto salIds = rd.ids(t, file);
        for (std::size_t r = 0; r < t.rows(); ++r) {
            const auto svc = rd.required(t, file, r, "service_id");
            const auto loc = rd.required(t, file, r, "location_id");
            const bool okS = rd.reference(t, file, r, "service_id", serviceIds, "service.csv");
            const bool okL = rd.reference(t, file, r, "location_id", locationIds, "location.csv");
            if (svc.empty() || loc.empty() || !okS || !okL) {
                continue;
            }
            auto* s = serviceOf(svc);
            s->places.push_back(places[locationIds.at(std::string(loc))]);
            servicesAt[std::string(loc)].push_back(serviceIds.at(std::string(svc)));
            salService[std::string(t.field(r, "id"))] = std::string(svc);
        }
        (void)salIds;
    }
    // The services a row of phone, schedule or language is for: its
    // service, its service at a location, or every service at its location.
    auto targets = [&](const CsvTable& t, const std::string& file,
                       std::size_t r) -> std::vector<HsdsService*> {
        if (const auto svc = t.field(r, "service_id"); !svc.empty()) {
            if (!rd.reference(t, file, r, "service_id", serviceIds, "service.csv")) {
                return {};
            }
            return {serviceOf(svc)};
        }
        if (const auto id = t.field(r, "service_at_location_id"); !id.empty()) {
            const auto it = salService.find(std::string(id));
            if (it == salService.end()) {
                rd.problem(file, CsvTable::rowNumber(r), "service_at_location_id",
                           "\"" + std::string(id) + "\" is not an id in service_at_location.csv");
                return {};
            }
            return {serviceOf(it->second)};
        }
        if (const auto loc = t.field(r, "location_id"); !loc.empty()) {
            if (!rd.reference(t, file, r, "location_id", locationIds, "location.csv")) {
                return {};
            }
            std::vector<HsdsService*> out;
            for (const auto i : servicesAt[std::string(loc)]) {
                out.push_back(&pkg.services[i]);
            }
            return out;
        }
        return {};
    };
    if (phones) {
        const std::string file = "phone.csv";
        const auto& t = *phones;
        rd.ids(t, file);
        std::unordered_map<std::string, std::vector<HsdsPhone>> orgPhones;
        for (std::size_t r = 0; r < t.rows(); ++r) {
            const auto number = rd.required(t, file, r, "number");
            if (number.empty()) {
                continue;
            }
            HsdsPhone ph{std::string(number), std::string(t.field(r, "extension")),
                         lower(t.field(r, "type")), std::string(t.field(r, "description"))};
            auto to = targets(t, file, r);
            if (to.empty() && !t.field(r, "organization_id").empty() &&
                rd.reference(t, file, r, "organization_id", orgIds, "organization.csv")) {
                orgPhones[std::string(t.field(r, "organization_id"))].push_back(ph);
            }
            for (auto* s : to) {
                s->phones.push_back(ph);
            }
        }
        // A service with no number of its own shows its organisation's.
        for (std::size_t r = 0; r < services->rows(); ++r) {
            auto& s = pkg.services[r];
            const auto org = services->field(r, "organization_id");
            if (s.phones.empty() && !org.empty()) {
                if (const auto it = orgPhones.find(std::string(org)); it != orgPhones.end()) {
                    s.phones = it->second;
                }
            }
        }
    }
    if (schedules) {
        const std::string file = "schedule.csv";
        const auto& t = *schedules;
        rd.ids(t, file);
        for (std::size_t r = 0; r < t.rows(); ++r) {
            const auto to = targets(t, file, r);
            const auto freq = lower(t.field(r, "freq"));
            const auto byday = t.field(r, "byday");
            const auto opensText = t.field(r, "opens_at");
            const auto closesText = t.field(r, "closes_at");
            const auto description = t.field(r, "description");
            std::vector<HsdsHours> hours;
            std::string text;
            const bool weekly = (freq.empty() || freq == "weekly") && !byday.empty();
            if (weekly) {
                std::vector<int> days;
                bool ok = true;
                std::string_view rest = byday;
                while (!rest.empty()) {
                    const auto comma = rest.find(',');
                    const auto day = trim(rest.substr(0, comma));
                    rest = comma == std::string_view::npos ? std::string_view{}
                                                           : rest.substr(comma + 1);
                    const auto it = std::find_if(kDays.begin(), kDays.end(),
                                                 [&](auto d) { return iequalsAscii(d, day); });
                    if (it == kDays.end()) {
                        rd.problem(file, CsvTable::rowNumber(r), "byday",
                                   "\"" + std::string(day) +
                                       "\" is not a day (MO, TU, WE, TH, FR, SA, SU)");
                        ok = false;
                        break;
                    }
                    days.push_back(static_cast<int>(it - kDays.begin()));
                }
                const auto opens = parseClock(opensText);
                const auto closes = parseClock(closesText);
                if (!opens) {
                    rd.problem(file, CsvTable::rowNumber(r), "opens_at",
                               "\"" + std::string(opensText) + "\" is not a time HH:MM");
                    ok = false;
                } else if (!closes) {
                    rd.problem(file, CsvTable::rowNumber(r), "closes_at",
                               "\"" + std::string(closesText) + "\" is not a time HH:MM");
                    ok = false;
                }
                if (ok) {
                    // 23:59 means to the end of the day; an end at or before
                    // the start runs past midnight.
                    const int close = *closes == 23 * 60 + 59 ? 24 * 60 : *closes;
                    for (const int d : days) {
                        if (close > *opens) {
                            hours.push_back({d, *opens, close});
                        } else {
                            hours.push_back({d, *opens, 24 * 60});
                            if (close > 0) {
                                hours.push_back({(d + 1) % 7, 0, close});
                            }
                        }
                    }
                    text = daysText(days) + " " + clockText(*opens) + "–" +
                           clockText(close == 24 * 60 ? 0 : close);
                    if (*opens == 0 && close == 24 * 60 && days.size() == 7) {
                        text = "24 hours, every day";
                    }
                }
            } else if (!freq.empty() && freq != "weekly" && freq != "monthly") {
                rd.problem(file, CsvTable::rowNumber(r), "freq",
                           "\"" + freq + "\" is not WEEKLY or MONTHLY");
            }
            if (!description.empty()) {
                text = text.empty() ? std::string(description)
                                    : text + " (" + std::string(description) + ")";
            }
            for (auto* s : to) {
                s->hours.insert(s->hours.end(), hours.begin(), hours.end());
                if (!text.empty()) {
                    s->hoursText.push_back(text);
                }
            }
        }
    }
    if (languages) {
        const std::string file = "language.csv";
        const auto& t = *languages;
        rd.ids(t, file);
        for (std::size_t r = 0; r < t.rows(); ++r) {
            const auto code = languageCode(t.field(r, "code"), t.field(r, "name"));
            if (code.empty()) {
                rd.problem(file, CsvTable::rowNumber(r), "code", "is required (or a name)");
                continue;
            }
            for (auto* s : targets(t, file, r)) {
                if (std::find(s->languages.begin(), s->languages.end(), code) ==
                    s->languages.end()) {
                    s->languages.push_back(code);
                }
            }
        }
    }
    if (areas) {
        const std::string file = "service_area.csv";
        const auto& t = *areas;
        rd.ids(t, file);
        for (std::size_t r = 0; r < t.rows(); ++r) {
            const auto name = t.field(r, "name");
            const auto text = name.empty() ? t.field(r, "description") : name;
            for (auto* s : targets(t, file, r)) {
                if (!text.empty()) {
                    s->areas.emplace_back(text);
                }
            }
        }
    }
    // Taxonomy terms, their ancestors, and the attributes that give them to
    // services.
    std::unordered_map<std::string, std::size_t> termIds;
    if (terms) {
        const std::string file = "taxonomy_term.csv";
        termIds = rd.ids(*terms, file);
        for (std::size_t r = 0; r < terms->rows(); ++r) {
            rd.required(*terms, file, r, "name");
            rd.reference(*terms, file, r, "parent_id", termIds, "taxonomy_term.csv");
        }
    }
    if (attributes) {
        const std::string file = "attribute.csv";
        const auto& t = *attributes;
        rd.ids(t, file);
        for (std::size_t r = 0; r < t.rows(); ++r) {
            const auto entity = lower(t.field(r, "link_entity"));
            const auto termId = rd.required(t, file, r, "taxonomy_term_id");
            const auto link = rd.required(t, file, r, "link_id");
            if (termId.empty() || link.empty()) {
                continue;
            }
            if (!terms) {
                rd.problem(file, CsvTable::rowNumber(r), "taxonomy_term_id",
                           "names a term, and the package has no taxonomy_term.csv");
                continue;
            }
            if (!rd.reference(t, file, r, "taxonomy_term_id", termIds, "taxonomy_term.csv")) {
                continue;
            }
            if (!entity.empty() && entity != "service") {
                continue; // terms of organisations, locations, …: not shown
            }
            if (!rd.reference(t, file, r, "link_id", serviceIds, "service.csv")) {
                continue;
            }
            auto* s = serviceOf(link);
            std::size_t term = termIds.at(std::string(termId));
            const auto code = lower(terms->field(term, "code"));
            const auto name = lower(terms->field(term, "name"));
            if (code == "free" || name == "free") {
                s->free = true;
                continue;
            }
            if (code == "peer-run" || name == "peer-run" || name == "peer run" ||
                code == "peer-led" || name == "peer-led") {
                s->peerRun = true;
                continue;
            }
            s->categoryNames.emplace_back(terms->field(term, "name"));
            // The term and its ancestors (bounded: a cycle stops).
            for (int depth = 0; depth < 16; ++depth) {
                for (const auto& v :
                     {lower(terms->field(term, "code")), lower(terms->field(term, "name"))}) {
                    if (!v.empty() && std::find(s->categories.begin(), s->categories.end(), v) ==
                                          s->categories.end()) {
                        s->categories.push_back(v);
                    }
                }
                const auto parent = terms->field(term, "parent_id");
                const auto it = termIds.find(std::string(parent));
                if (parent.empty() || it == termIds.end()) {
                    break;
                }
                term = it->second;
            }
        }
    }
    if (!rd.problems.empty()) {
        throw HsdsError(std::move(rd.problems));
    }
    pkg.filesRead = std::move(rd.filesRead);
    return pkg;
}

} // namespace warmline::directory
