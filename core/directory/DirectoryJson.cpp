#include "core/directory/DirectoryJson.h"

#include <boost/json/array.hpp>

#include <cmath>

namespace warmline::directory {

namespace json = boost::json;

json::array stringsJson(const std::vector<std::string>& v)
{
    json::array a;
    for (const auto& s : v) {
        a.emplace_back(s);
    }
    return a;
}

json::array phonesJson(const std::vector<HsdsPhone>& phones)
{
    json::array a;
    for (const auto& p : phones) {
        a.push_back(json::object{{"number", p.number},
                                 {"extension", p.extension},
                                 {"type", p.type},
                                 {"description", p.description}});
    }
    return a;
}

json::object directoryEntryJson(const DirectoryEntry& e, bool full)
{
    const auto& d = e.detail;
    json::object o{{"id", d.id},
                   {"name", d.name},
                   {"organization", d.organization},
                   {"status", d.status},
                   {"free", d.free},
                   {"peerRun", d.peerRun},
                   {"languages", stringsJson(d.languages)},
                   {"categories", stringsJson(d.categoryNames)},
                   {"hours", stringsJson(d.hoursText)},
                   {"assuredDate", d.assuredDate},
                   {"outOfDate", e.outOfDate},
                   {"unverified", e.unverified}};
    if (e.unverified && !e.unverifiedNote.empty()) {
        o["unverifiedNote"] = e.unverifiedNote;
    }
    if (!d.phones.empty()) {
        o["phone"] = d.phones.front().number;
    }
    for (const auto& p : d.places) {
        if (!p.address.empty()) {
            o["address"] = p.address;
            break;
        }
    }
    if (e.distanceKm) {
        o["distanceKm"] = std::round(*e.distanceKm * 10) / 10;
    }
    if (full) {
        o["alternateName"] = d.alternateName;
        o["description"] = d.description;
        o["url"] = d.url;
        o["email"] = d.email;
        o["applicationProcess"] = d.applicationProcess;
        o["fees"] = d.fees;
        o["eligibility"] = d.eligibility;
        o["interpretation"] = d.interpretation;
        o["areas"] = stringsJson(d.areas);
        o["phones"] = phonesJson(d.phones);
        json::array places;
        for (const auto& p : d.places) {
            json::object po{{"name", p.name}, {"address", p.address}, {"virtual", p.isVirtual}};
            if (p.latitude) {
                po["latitude"] = *p.latitude;
                po["longitude"] = *p.longitude;
            }
            places.push_back(std::move(po));
        }
        o["places"] = std::move(places);
    }
    return o;
}

} // namespace warmline::directory
