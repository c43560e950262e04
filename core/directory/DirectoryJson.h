#pragma once

// A resource directory entry as JSON, the same for warmlinectl and the
// operator link (docs/resources.md, docs/protocol.md).

#include "core/directory/Directory.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace warmline::directory {

/// id, name, organization, status, free, peerRun, languages, categories,
/// hours, assuredDate, outOfDate, the first phone and address, distanceKm
/// when known; with `full` also everything `show` gives.
boost::json::object directoryEntryJson(const DirectoryEntry& e, bool full);

/// A list of strings as a JSON array.
boost::json::array stringsJson(const std::vector<std::string>& v);
/// Phones as [{number, extension, type, description}], as stored and shown.
boost::json::array phonesJson(const std::vector<HsdsPhone>& phones);

} // namespace warmline::directory
