#pragma once

// A resource directory entry as JSON, the same for warmlinectl and the
// operator link (docs/resources.md, docs/protocol.md).

#include "core/directory/Directory.h"

#include <boost/json/object.hpp>

namespace warmline::directory {

/// id, name, organization, status, free, peerRun, languages, categories,
/// hours, assuredDate, outOfDate, the first phone and address, distanceKm
/// when known; with `full` also everything `show` gives.
boost::json::object directoryEntryJson(const DirectoryEntry& e, bool full);

} // namespace warmline::directory
