#include "core/domain/Retention.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <string>
#include <vector>

namespace warmline {

EpochMs retentionCutoff(EpochMs now, int days)
{
    if (days <= 0) {
        return 0;
    }
    return now - static_cast<EpochMs>(days) * 24 * 3600 * 1000;
}

PurgeResult purgeContentBefore(SQLite::Database& db, EpochMs cutoff, EpochMs now,
                               std::size_t maxContacts)
{
    PurgeResult r;
    if (cutoff <= 0) {
        return r;
    }
    std::vector<std::int64_t> ids;
    {
        SQLite::Statement q(db, "SELECT id FROM contacts WHERE closed_at < ? AND purged_at IS NULL "
                                "AND closed_at IS NOT NULL ORDER BY closed_at LIMIT ?");
        q.bind(1, cutoff);
        q.bind(2, static_cast<std::int64_t>(maxContacts + 1));
        while (q.executeStep()) {
            ids.push_back(q.getColumn(0).getInt64());
        }
    }
    if (ids.size() > maxContacts) {
        ids.pop_back();
        r.more = true;
    }
    SQLite::Statement messages(db, "UPDATE messages SET body = '' WHERE contact_id = ? "
                                   "AND body != ''");
    SQLite::Statement notes(db, "UPDATE caller_notes SET body = '' WHERE contact_id = ? "
                                "AND body != ''");
    SQLite::Statement comments(db, "UPDATE review_comments SET body = '' WHERE contact_id = ?");
    SQLite::Statement debriefs(db, "UPDATE debriefs SET body = '' WHERE contact_id = ?");
    // What was shared is the directory's words, but kept beside a contact
    // they say what this caller needed: blanked with it (the name stays, for
    // the reports' counts).
    SQLite::Statement referrals(db,
                                "UPDATE referrals_given SET snapshot = '' WHERE contact_id = ?");
    // A lead's coaching notes are about this conversation: blanked with it;
    // who watched, noted and took over stays.
    SQLite::Statement coaching(db, "UPDATE contact_coaching SET body = '' WHERE contact_id = ?");
    SQLite::Statement steps(db, "UPDATE escalation_steps SET detail = '{}' WHERE escalation_id "
                                "IN (SELECT id FROM escalations WHERE contact_id = ?)");
    SQLite::Statement escalations(db, "UPDATE escalations SET close_reason = NULL WHERE "
                                      "contact_id = ? AND close_reason IS NOT NULL");
    SQLite::Statement contact(db, "UPDATE contacts SET wrapup_note = CASE WHEN wrapup_note IS "
                                  "NULL THEN NULL ELSE '' END, preview = '', "
                                  "follow_up_note = '', purged_at = ? WHERE id = ?");
    for (const auto id : ids) {
        messages.bind(1, id);
        r.messages += static_cast<std::size_t>(messages.exec());
        messages.reset();
        notes.bind(1, id);
        r.callerNotes += static_cast<std::size_t>(notes.exec());
        notes.reset();
        comments.bind(1, id);
        comments.exec();
        comments.reset();
        debriefs.bind(1, id);
        debriefs.exec();
        debriefs.reset();
        referrals.bind(1, id);
        referrals.exec();
        referrals.reset();
        coaching.bind(1, id);
        coaching.exec();
        coaching.reset();
        steps.bind(1, id);
        steps.exec();
        steps.reset();
        escalations.bind(1, id);
        escalations.exec();
        escalations.reset();
        contact.bind(1, now);
        contact.bind(2, id);
        contact.exec();
        contact.reset();
        ++r.contacts;
    }
    if (!r.more) {
        // Notes about the caller written outside any contact, or in a contact
        // still open, age out by their own date.
        SQLite::Statement q(db, "UPDATE caller_notes SET body = '' WHERE at < ? AND body != ''");
        q.bind(1, cutoff);
        r.callerNotes += static_cast<std::size_t>(q.exec());
        if (r.contacts > 0 || r.callerNotes > 0) {
            // The full-text indexes keep a blanked note's words in older
            // segments until they are merged: merge them after the last
            // blanking (secure delete then zeroes the pages they leave).
            // The last chunk always holds contacts when earlier ones did.
            db.exec("INSERT INTO contact_notes_fts(contact_notes_fts) VALUES('optimize')");
            db.exec("INSERT INTO caller_notes_fts(caller_notes_fts) VALUES('optimize')");
        }
    }
    return r;
}

} // namespace warmline
