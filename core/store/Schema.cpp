#include "core/store/Schema.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace warmline {

namespace {

// Append only: a released migration is never edited, a change is a new one.
constexpr std::array<std::string_view, 19> kMigrations{
    // 1: callers, operators, contacts, messages, link sessions.
    R"sql(
CREATE TABLE callers (
    id             INTEGER PRIMARY KEY,
    number_hash    BLOB    NOT NULL UNIQUE,
    number_enc     BLOB    NOT NULL,
    alias          TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    opted_out      INTEGER NOT NULL DEFAULT 0,
    preferred_name TEXT,
    pronouns       TEXT,
    language       TEXT
);
CREATE TABLE operators (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    capacity      INTEGER NOT NULL DEFAULT 3,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);
CREATE TABLE contacts (
    id            INTEGER PRIMARY KEY,
    caller_id     INTEGER NOT NULL REFERENCES callers(id),
    channel       TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    risk          TEXT    NOT NULL DEFAULT 'none',
    line_number   TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    queued_at     INTEGER NOT NULL,
    accepted_at   INTEGER,
    closed_at     INTEGER,
    operator_id   INTEGER REFERENCES operators(id),
    preview       TEXT    NOT NULL DEFAULT '',
    message_count INTEGER NOT NULL DEFAULT 0,
    wrapup_note   TEXT
);
CREATE INDEX contacts_open ON contacts(caller_id, channel)
    WHERE state NOT IN ('closed', 'abandoned');
CREATE INDEX contacts_caller ON contacts(caller_id, created_at);
CREATE TABLE messages (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts(id),
    direction   TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    provider    TEXT    NOT NULL,
    provider_id TEXT,
    status      TEXT    NOT NULL,
    error       TEXT,
    attempts    INTEGER NOT NULL DEFAULT 0,
    operator_id INTEGER REFERENCES operators(id)
);
CREATE UNIQUE INDEX messages_inbound_id ON messages(provider, provider_id)
    WHERE direction = 'in';
CREATE INDEX messages_outbound_id ON messages(provider_id) WHERE direction = 'out';
CREATE INDEX messages_contact ON messages(contact_id, id);
CREATE TABLE sessions (
    token_hash  BLOB    PRIMARY KEY,
    operator_id INTEGER NOT NULL REFERENCES operators(id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
)sql",
    // 2: outbound texts waiting for a send are found without a scan.
    R"sql(
CREATE INDEX messages_pending ON messages(status)
    WHERE direction = 'out' AND status IN ('queued', 'sending');
)sql",
    // 3: what the line knows about a caller (limits, flags, notes) and the
    // structured wrap-up of a contact. Topics and referrals are JSON arrays
    // of the line's labels; outcome and helped are columns so reports can
    // group by them.
    R"sql(
ALTER TABLE callers ADD COLUMN calls_per_day INTEGER;
ALTER TABLE callers ADD COLUMN minutes_per_call INTEGER;
ALTER TABLE callers ADD COLUMN preferred_times TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN wrapup_at INTEGER;
ALTER TABLE contacts ADD COLUMN outcome TEXT;
ALTER TABLE contacts ADD COLUMN helped TEXT;
ALTER TABLE contacts ADD COLUMN topics TEXT NOT NULL DEFAULT '[]';
ALTER TABLE contacts ADD COLUMN referrals TEXT NOT NULL DEFAULT '[]';
CREATE TABLE caller_flags (
    id         INTEGER PRIMARY KEY,
    caller_id  INTEGER NOT NULL REFERENCES callers(id),
    kind       TEXT    NOT NULL,
    note       TEXT    NOT NULL DEFAULT '',
    set_at     INTEGER NOT NULL,
    set_by     INTEGER REFERENCES operators(id),
    expires_at INTEGER,
    cleared_at INTEGER,
    cleared_by INTEGER REFERENCES operators(id)
);
CREATE INDEX caller_flags_caller ON caller_flags(caller_id) WHERE cleared_at IS NULL;
CREATE TABLE caller_notes (
    id          INTEGER PRIMARY KEY,
    caller_id   INTEGER NOT NULL REFERENCES callers(id),
    contact_id  INTEGER REFERENCES contacts(id),
    body        TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    operator_id INTEGER REFERENCES operators(id)
);
CREATE INDEX caller_notes_caller ON caller_notes(caller_id, id);
)sql",
    // 4: crisis escalation. A contact keeps its highest risk level and the
    // signals behind it; each escalation (raised by the risk engine on a text
    // or a note, or opened by hand) keeps every step with its time, who took
    // it and what was recorded, for supervisors. Messages keep the level the
    // engine gave them so the thread can mark the one that raised the alarm.
    R"sql(
ALTER TABLE contacts ADD COLUMN risk_signals TEXT NOT NULL DEFAULT '[]';
ALTER TABLE messages ADD COLUMN risk TEXT NOT NULL DEFAULT 'none';
CREATE TABLE escalations (
    id           INTEGER PRIMARY KEY,
    contact_id   INTEGER NOT NULL REFERENCES contacts(id),
    level        TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    signals      TEXT    NOT NULL DEFAULT '[]',
    state        TEXT    NOT NULL DEFAULT 'open',
    opened_at    INTEGER NOT NULL,
    opened_by    INTEGER REFERENCES operators(id),
    closed_at    INTEGER,
    closed_by    INTEGER REFERENCES operators(id),
    outcome      TEXT,
    close_reason TEXT
);
CREATE INDEX escalations_contact ON escalations(contact_id);
CREATE INDEX escalations_open ON escalations(state) WHERE state = 'open';
CREATE TABLE escalation_steps (
    id            INTEGER PRIMARY KEY,
    escalation_id INTEGER NOT NULL REFERENCES escalations(id),
    at            INTEGER NOT NULL,
    operator_id   INTEGER REFERENCES operators(id),
    kind          TEXT    NOT NULL,
    detail        TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX escalation_steps_escalation ON escalation_steps(escalation_id, id);
)sql",
    // Migration 6 of the plan (the shift lead board; numbered by its place
    // here): alerts for shift leads, kept until a lead acknowledges them, and
    // the line's state that a lead switches at run time (after-hours mode).
    // An alert's text never holds a number or a message body.
    R"sql(
CREATE TABLE alerts (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL,
    contact_id      INTEGER REFERENCES contacts(id),
    operator_id     INTEGER REFERENCES operators(id),
    escalation_id   INTEGER REFERENCES escalations(id),
    level           TEXT    NOT NULL,
    text            TEXT    NOT NULL,
    raised_at       INTEGER NOT NULL,
    last_raised_at  INTEGER NOT NULL,
    repeat_count    INTEGER NOT NULL DEFAULT 0,
    to_all          INTEGER NOT NULL DEFAULT 0,
    acknowledged_by INTEGER REFERENCES operators(id),
    acknowledged_at INTEGER
);
CREATE INDEX alerts_open ON alerts(id) WHERE acknowledged_at IS NULL;
CREATE INDEX alerts_raised ON alerts(raised_at);
CREATE TABLE line_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    set_at INTEGER NOT NULL,
    set_by INTEGER REFERENCES operators(id)
);
)sql",
    // 6 (5 in the plan): supervisor review, the audit log, admin-editable line settings,
    // operators' languages and content retention. A contact keeps whether a
    // supervisor reviewed it, a follow-up flag, and when its content was
    // purged; comments go to the operator who handled it. The audit log is
    // append-only: triggers refuse every UPDATE and DELETE. Notes are
    // searchable through FTS5 indexes kept in step by triggers. The report
    // index covers every column the reports read, so a period's figures come
    // from one index range scan without touching notes or previews.
    R"sql(
ALTER TABLE operators ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';
ALTER TABLE contacts ADD COLUMN reviewed_at INTEGER;
ALTER TABLE contacts ADD COLUMN reviewed_by INTEGER REFERENCES operators(id);
ALTER TABLE contacts ADD COLUMN follow_up INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN follow_up_note TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN purged_at INTEGER;
CREATE INDEX contacts_ended ON contacts(created_at, id)
    WHERE state IN ('closed', 'abandoned');
CREATE INDEX contacts_report ON contacts(created_at, channel, state, accepted_at, wrapup_at,
    closed_at, caller_id, outcome, topics);
CREATE INDEX contacts_purge ON contacts(closed_at)
    WHERE purged_at IS NULL AND closed_at IS NOT NULL;
CREATE INDEX contacts_operator ON contacts(operator_id, created_at);
CREATE INDEX caller_notes_contact ON caller_notes(contact_id);
CREATE INDEX caller_notes_at ON caller_notes(at);
CREATE TABLE review_comments (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts(id),
    author_id   INTEGER NOT NULL REFERENCES operators(id),
    operator_id INTEGER REFERENCES operators(id),
    body        TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    read_at     INTEGER
);
CREATE INDEX review_comments_contact ON review_comments(contact_id, id);
CREATE INDEX review_comments_operator ON review_comments(operator_id, id);
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    operator_id INTEGER REFERENCES operators(id),
    action      TEXT    NOT NULL,
    contact_id  INTEGER,
    caller_id   INTEGER,
    detail      TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_contact ON audit_log(contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX audit_log_operator ON audit_log(operator_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TABLE line_settings (
    key    TEXT    PRIMARY KEY,
    value  TEXT    NOT NULL,
    set_at INTEGER NOT NULL,
    set_by INTEGER REFERENCES operators(id)
);
CREATE VIRTUAL TABLE contact_notes_fts USING fts5(
    wrapup_note, content='contacts', content_rowid='id');
CREATE TRIGGER contact_notes_fts_insert AFTER INSERT ON contacts
WHEN new.wrapup_note IS NOT NULL
BEGIN
    INSERT INTO contact_notes_fts(rowid, wrapup_note) VALUES (new.id, new.wrapup_note);
END;
CREATE TRIGGER contact_notes_fts_update AFTER UPDATE OF wrapup_note ON contacts
BEGIN
    INSERT INTO contact_notes_fts(contact_notes_fts, rowid, wrapup_note)
        SELECT 'delete', old.id, old.wrapup_note WHERE old.wrapup_note IS NOT NULL;
    INSERT INTO contact_notes_fts(rowid, wrapup_note)
        SELECT new.id, new.wrapup_note WHERE new.wrapup_note IS NOT NULL;
END;
CREATE TRIGGER contact_notes_fts_delete AFTER DELETE ON contacts
WHEN old.wrapup_note IS NOT NULL
BEGIN
    INSERT INTO contact_notes_fts(contact_notes_fts, rowid, wrapup_note)
        VALUES ('delete', old.id, old.wrapup_note);
END;
INSERT INTO contact_notes_fts(rowid, wrapup_note)
    SELECT id, wrapup_note FROM contacts WHERE wrapup_note IS NOT NULL;
CREATE VIRTUAL TABLE caller_notes_fts USING fts5(
    body, content='caller_notes', content_rowid='id');
CREATE TRIGGER caller_notes_fts_insert AFTER INSERT ON caller_notes
BEGIN
    INSERT INTO caller_notes_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER caller_notes_fts_update AFTER UPDATE OF body ON caller_notes
BEGIN
    INSERT INTO caller_notes_fts(caller_notes_fts, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO caller_notes_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER caller_notes_fts_delete AFTER DELETE ON caller_notes
BEGIN
    INSERT INTO caller_notes_fts(caller_notes_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
INSERT INTO caller_notes_fts(rowid, body) SELECT id, body FROM caller_notes;
)sql",
    // 7: calls. The phone an operator takes calls on (their languages come
    // from migration 6); for an
    // abandoned call, how long the caller waited and where they were in the
    // queue when they hung up; the language a caller chose.
    R"sql(
ALTER TABLE operators ADD COLUMN sip_uri TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN abandoned_wait_ms INTEGER;
ALTER TABLE contacts ADD COLUMN abandoned_position INTEGER;
ALTER TABLE contacts ADD COLUMN language TEXT NOT NULL DEFAULT '';
)sql",
    // 8: interpreters. Each interpreter service an operator conferenced into
    // a call: which, for which language, by whom, when it answered and
    // ended, or why it was not reached.
    R"sql(
CREATE TABLE interpretations (
    id            INTEGER PRIMARY KEY,
    contact_id    INTEGER NOT NULL REFERENCES contacts(id),
    service       TEXT    NOT NULL,
    service_name  TEXT    NOT NULL,
    language      TEXT    NOT NULL DEFAULT '',
    operator_id   INTEGER REFERENCES operators(id),
    requested_at  INTEGER NOT NULL,
    connected_at  INTEGER,
    ended_at      INTEGER,
    outcome       TEXT    NOT NULL DEFAULT 'ringing'
                  CHECK (outcome IN ('ringing', 'on', 'ended', 'not_reached')),
    reason        TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX interpretations_contact ON interpretations(contact_id);
)sql",
    // 9: operators' debriefs. After a heavy contact an operator may leave a
    // short note for a supervisor: how it went, what weighs on them.
    R"sql(
CREATE TABLE debriefs (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts(id),
    operator_id INTEGER NOT NULL REFERENCES operators(id),
    body        TEXT    NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX debriefs_contact ON debriefs(contact_id);
)sql",
    // 10: referrals given. Each resource from the line's directory an
    // operator shared in a contact: which (id, and its name then), from which
    // directory version, how (sent as a text, or read out on a call), the
    // words exactly as shared, the message that carried them, by whom, when.
    R"sql(
CREATE TABLE referrals_given (
    id                INTEGER PRIMARY KEY,
    contact_id        INTEGER NOT NULL REFERENCES contacts(id),
    resource_id       TEXT    NOT NULL,
    resource_name     TEXT    NOT NULL,
    directory_version INTEGER NOT NULL,
    how               TEXT    NOT NULL CHECK (how IN ('text', 'read')),
    snapshot          TEXT    NOT NULL,
    message_id        INTEGER REFERENCES messages(id),
    operator_id       INTEGER NOT NULL REFERENCES operators(id),
    at                INTEGER NOT NULL
);
CREATE INDEX referrals_given_contact ON referrals_given(contact_id);
CREATE INDEX referrals_given_at ON referrals_given(at);
)sql",
    // 11: callers' own plans. A wellness plan (WRAP) or a safety plan kept
    // on the caller's profile with their consent (who recorded it, when,
    // what they agreed to), in their words, section by section; each change
    // with who, when and which sections (not the words: the plan holds
    // those once). Deleting a plan blanks it and keeps the row and the
    // changes' who and when.
    R"sql(
CREATE TABLE caller_plans (
    id                 INTEGER PRIMARY KEY,
    caller_id          INTEGER NOT NULL REFERENCES callers(id),
    kind               TEXT    NOT NULL CHECK (kind IN ('wrap', 'safety')),
    sections           TEXT    NOT NULL DEFAULT '{}',
    consent_text       TEXT    NOT NULL,
    consent_by         INTEGER NOT NULL REFERENCES operators(id),
    consent_at         INTEGER NOT NULL,
    consent_contact_id INTEGER REFERENCES contacts(id),
    updated_at         INTEGER NOT NULL,
    updated_by         INTEGER NOT NULL REFERENCES operators(id),
    deleted_at         INTEGER,
    deleted_by         INTEGER REFERENCES operators(id)
);
CREATE UNIQUE INDEX caller_plans_live ON caller_plans(caller_id, kind) WHERE deleted_at IS NULL;
CREATE TABLE caller_plan_changes (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES caller_plans(id),
    contact_id  INTEGER REFERENCES contacts(id),
    operator_id INTEGER NOT NULL REFERENCES operators(id),
    at          INTEGER NOT NULL,
    sections    TEXT    NOT NULL DEFAULT '[]'
);
CREATE INDEX caller_plan_changes_plan ON caller_plan_changes(plan_id);
)sql",
    // 12: live coaching of a text conversation. A shift lead reading a
    // conversation someone else holds, the private notes sent to that
    // operator (never to the texter), and taking the conversation over
    // (asked, agreed, declined, or forced in an escalation): who, to whom,
    // when, and a note's words.
    R"sql(
CREATE TABLE contact_coaching (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts(id),
    lead_id     INTEGER NOT NULL REFERENCES operators(id),
    operator_id INTEGER REFERENCES operators(id),
    kind        TEXT    NOT NULL CHECK (kind IN ('watch', 'unwatch', 'note', 'takeover.asked',
                                                 'takeover.agreed', 'takeover.declined',
                                                 'takeover.forced')),
    body        TEXT    NOT NULL DEFAULT '',
    at          INTEGER NOT NULL
);
CREATE INDEX contact_coaching_contact ON contact_coaching(contact_id);
)sql",
    // 13: live coaching of calls. A shift lead listening to a call
    // (nobody hears them), whispering to the operator (only the operator
    // hears them) or barging in (all hear each other), and leaving it. The
    // kinds' CHECK grows, so the table is rebuilt with its rows.
    R"sql(
CREATE TABLE contact_coaching_new (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts(id),
    lead_id     INTEGER NOT NULL REFERENCES operators(id),
    operator_id INTEGER REFERENCES operators(id),
    kind        TEXT    NOT NULL CHECK (kind IN ('watch', 'unwatch', 'note', 'takeover.asked',
                                                 'takeover.agreed', 'takeover.declined',
                                                 'takeover.forced', 'listen', 'whisper',
                                                 'barge', 'unlisten')),
    body        TEXT    NOT NULL DEFAULT '',
    at          INTEGER NOT NULL
);
INSERT INTO contact_coaching_new (id, contact_id, lead_id, operator_id, kind, body, at)
    SELECT id, contact_id, lead_id, operator_id, kind, body, at FROM contact_coaching;
DROP TABLE contact_coaching;
ALTER TABLE contact_coaching_new RENAME TO contact_coaching;
CREATE INDEX contact_coaching_contact ON contact_coaching(contact_id);
)sql",
    // 14: overflow to a partner line on a surge: the partner's text number
    // sent to a texter, the offer a caller heard, their keypress, and
    // whether the partner line answered. lead_id is the lead whose switch
    // made it (NULL: the line's set wait did).
    R"sql(
CREATE TABLE contact_overflow (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts(id),
    kind        TEXT    NOT NULL CHECK (kind IN ('texted', 'offered', 'accepted', 'connected',
                                                 'failed')),
    lead_id     INTEGER REFERENCES operators(id),
    detail      TEXT    NOT NULL DEFAULT '',
    at          INTEGER NOT NULL
);
CREATE INDEX contact_overflow_contact ON contact_overflow(contact_id);
CREATE INDEX contact_overflow_at ON contact_overflow(at);
)sql",
    // 15: the one-question survey after a text conversation (issue 16,
    // docs/surveys.md): when it was sent, to which contact, and the
    // answer (1 yes, 2 a little, 3 no), never shown to the operator. The
    // provider id of the answer's text makes a carrier's retry a duplicate.
    R"sql(
CREATE TABLE contact_surveys (
    contact_id  INTEGER PRIMARY KEY REFERENCES contacts(id),
    caller_id   INTEGER NOT NULL REFERENCES callers(id),
    channel     TEXT    NOT NULL,
    sent_at     INTEGER NOT NULL,
    answer      INTEGER CHECK (answer IN (1, 2, 3)),
    answered_at INTEGER,
    provider_id TEXT
);
CREATE INDEX contact_surveys_caller ON contact_surveys(caller_id, sent_at);
CREATE INDEX contact_surveys_sent ON contact_surveys(sent_at);
CREATE UNIQUE INDEX contact_surveys_answer_id ON contact_surveys(provider_id)
    WHERE provider_id IS NOT NULL;
)sql",
    // 16: check-ins a caller asked for (issue 16, docs/checkins.md): the
    // schedule in the caller's zone, the consent (who recorded it, when),
    // and each occurrence once: the primary key (check-in, due instant)
    // keeps a restart from queueing one twice. last_due is how far the
    // schedule has been handled.
    R"sql(
CREATE TABLE checkins (
    id            INTEGER PRIMARY KEY,
    caller_id     INTEGER NOT NULL REFERENCES callers(id),
    contact_id    INTEGER NOT NULL REFERENCES contacts(id),
    channel       TEXT    NOT NULL CHECK (channel IN ('text', 'call')),
    zone          TEXT    NOT NULL,
    minute_of_day INTEGER NOT NULL,
    weekdays      INTEGER NOT NULL,
    first_day     INTEGER NOT NULL,
    last_day      INTEGER,
    times         INTEGER,
    skip_days     TEXT    NOT NULL DEFAULT '',
    reason        TEXT    NOT NULL,
    consent_by    INTEGER NOT NULL REFERENCES operators(id),
    consent_at    INTEGER NOT NULL,
    last_due      INTEGER NOT NULL,
    stopped_at    INTEGER,
    stopped_by    INTEGER REFERENCES operators(id),
    stop_reason   TEXT
);
CREATE INDEX checkins_caller ON checkins(caller_id);
CREATE INDEX checkins_active ON checkins(id) WHERE stopped_at IS NULL;
CREATE TABLE checkin_occurrences (
    checkin_id INTEGER NOT NULL REFERENCES checkins(id),
    due_at     INTEGER NOT NULL,
    contact_id INTEGER REFERENCES contacts(id),
    state      TEXT    NOT NULL CHECK (state IN ('queued', 'joined', 'missed')),
    at         INTEGER NOT NULL,
    PRIMARY KEY (checkin_id, due_at)
);
CREATE INDEX checkin_occurrences_contact ON checkin_occurrences(contact_id);
CREATE INDEX checkin_occurrences_at ON checkin_occurrences(at);
)sql",
    // 17: callbacks (issue 16, docs/callbacks.md): a waiting caller who
    // pressed 1 keeps their place as a call contact with no call; each
    // attempt to reach them, and how it ended. A check-in by call
    // (checkin = 1) is dialled the same way.
    R"sql(
CREATE TABLE callbacks (
    contact_id      INTEGER PRIMARY KEY REFERENCES contacts(id),
    requested_at    INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    state           TEXT    NOT NULL
        CHECK (state IN ('waiting', 'dialling', 'reached', 'not_reached')),
    reached_at      INTEGER,
    closed_at       INTEGER,
    last_failure    TEXT    NOT NULL DEFAULT '',
    checkin         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX callbacks_requested ON callbacks(requested_at);
CREATE INDEX callbacks_open ON callbacks(contact_id) WHERE state IN ('waiting', 'dialling');
)sql",
    // 18: the number a caller keyed to be called back at, sealed like
    // callers.number_enc; NULL for the number they called from, and once
    // the callback is closed.
    R"sql(
ALTER TABLE callbacks ADD COLUMN number_enc BLOB;
)sql",
    // 19: an operator's group (a team: "evenings", "new peers"), set by an
    // admin; survey answers are reported by the group of the operator who
    // took the contact (docs/surveys.md). '' for none.
    R"sql(
ALTER TABLE operators ADD COLUMN op_group TEXT NOT NULL DEFAULT '';
)sql",
};

} // namespace

int latestSchemaVersion()
{
    return static_cast<int>(kMigrations.size());
}

int schemaVersion(SQLite::Database& db)
{
    return db.execAndGet("PRAGMA user_version").getInt();
}

int migrate(SQLite::Database& db, int target)
{
    const int before = schemaVersion(db);
    if (before > latestSchemaVersion()) {
        throw SchemaError("The database has schema version " + std::to_string(before) +
                          ", newer than this build supports (" +
                          std::to_string(latestSchemaVersion()) +
                          "). Upgrade warmline-gateway or restore a backup.");
    }
    target = std::min(target, latestSchemaVersion());
    for (int v = before; v < target; ++v) {
        SQLite::Transaction tx(db);
        db.exec(std::string(kMigrations[static_cast<std::size_t>(v)]));
        db.exec("PRAGMA user_version = " + std::to_string(v + 1));
        tx.commit();
    }
    return before;
}

} // namespace warmline
