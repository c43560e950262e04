#pragma once

// Content retention: after a line's period, what people wrote is blanked
// and what reports count is kept. For each contact closed before the cutoff
// and not purged yet, the purge empties the message bodies, the wrap-up
// note, the preview, the notes about the caller written in it, supervisors'
// comments on it and the free text of its escalation steps, and stamps
// contacts.purged_at. Rows, times, channels, states, outcomes, topics,
// risk levels and message counts stay, and so does the audit log (which
// holds no content). Notes about a caller older than the cutoff are blanked
// whatever contact they came from. Runs on the writer's connection inside
// its transaction; one call handles at most `maxContacts` contacts so other
// writes are not held up.

#include "core/domain/Domain.h"

#include <cstddef>

namespace SQLite {
class Database;
}

namespace warmline {

struct PurgeResult
{
    std::size_t contacts = 0;    ///< contacts whose content was blanked
    std::size_t messages = 0;    ///< message bodies blanked
    std::size_t callerNotes = 0; ///< caller notes blanked
    bool more = false;           ///< more contacts wait for another call
};

/// The cutoff for a retention period in days, or 0 when content is kept
/// forever (days == 0).
EpochMs retentionCutoff(EpochMs now, int days);

PurgeResult purgeContentBefore(SQLite::Database& db, EpochMs cutoff, EpochMs now,
                               std::size_t maxContacts = 1000);

} // namespace warmline
