// The store's side of callers: history, limits, flags, notes, wrap-up, and
// migration 3 applied to a file written by schema 2.

#include "core/store/Repository.h"
#include "core/store/Schema.h"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

using namespace warmline;

namespace {

constexpr EpochMs kHour = 3600 * 1000;
constexpr EpochMs kDay = 24 * kHour;
// 2026-11-19T00:00:00Z, a fixed "today" for the tests.
constexpr EpochMs kMidnight = 1'795'046'400'000;

InboundText text(std::string sid, EpochMs at, std::string body = "synthetic text")
{
    InboundText t;
    t.provider = Provider::Twilio;
    t.providerId = std::move(sid);
    t.from = "+15555550142";
    t.to = "+15555550100";
    t.body = std::move(body);
    t.receivedAt = at;
    return t;
}

IngestOptions caller(std::string hash = "hash-a", std::string alias = "Amber Heron 417")
{
    IngestOptions o;
    o.caller = CallerKey{std::move(hash), "encrypted", std::move(alias)};
    return o;
}

struct Store
{
    SQLite::Database db{":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE};
    Repository repo{db};
    Id sam = 0;
    Id lee = 0;

    Store()
    {
        migrate(db);
        OperatorAccount op;
        op.name = "sam";
        sam = repo.operators().addOperator(op, "hash");
        op.name = "lee";
        op.role = Role::Lead;
        lee = repo.operators().addOperator(op, "hash");
    }

    /// A contact from the caller at `at`, accepted by sam after a minute
    /// and wrapped up and closed as given.
    ContactSummary contact(const std::string& sid, EpochMs at, std::optional<WrapUp> wrapup,
                           const std::string& note, EpochMs talkMs = 10 * 60 * 1000)
    {
        const auto in = repo.texts().ingestInbound(text(sid, at), caller());
        repo.contacts().markAccepted(in.contact.id, sam, at + 60'000);
        REQUIRE(repo.contacts().markWrapUp(in.contact.id, at + 60'000 + talkMs));
        repo.contacts().markClosed(in.contact.id, ContactState::Closed, note,
                                   at + 60'000 + talkMs + 30'000, wrapup);
        return in.contact;
    }
};

class TempDir
{
public:
    TempDir()
    {
        std::random_device rd;
        m_dir = std::filesystem::temp_directory_path() /
                ("warmline-caller-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(m_dir);
    }
    ~TempDir() { std::filesystem::remove_all(m_dir); }
    std::filesystem::path path() const { return m_dir / "store.db"; }

private:
    std::filesystem::path m_dir;
};

} // namespace

TEST_CASE("localMidnight finds the start of the line's local day")
{
    CHECK(localMidnight(kMidnight, 0) == kMidnight);
    CHECK(localMidnight(kMidnight + kDay - 1, 0) == kMidnight);
    CHECK(localMidnight(kMidnight + 5 * kHour, 0) == kMidnight);
    // UTC-5: local midnight is 05:00 UTC; at 03:00 UTC it is still yesterday.
    CHECK(localMidnight(kMidnight + 3 * kHour, -300) == kMidnight - kDay + 5 * kHour);
    CHECK(localMidnight(kMidnight + 6 * kHour, -300) == kMidnight + 5 * kHour);
    // UTC+5:30.
    CHECK(localMidnight(kMidnight + 20 * kHour, 330) == kMidnight + kDay - 330 * 60'000);
    CHECK(localMidnight(-1, 0) == -kDay);
}

TEST_CASE("a caller's history lists earlier contacts newest first with their wrap-up")
{
    Store s;
    WrapUp w;
    w.topics = {"sleep", "loneliness"};
    w.referrals = {"211"};
    w.outcome = Outcome::Referred;
    w.helped = Helped::Somewhat;
    const auto first = s.contact("SM1", kMidnight - 2 * kDay, w, "first note");
    const auto second = s.contact("SM2", kMidnight - kDay, std::nullopt, "second note");
    const auto third = s.contact("SM3", kMidnight + kHour, w, "third note", 5 * 60 * 1000);
    const auto now = s.repo.texts().ingestInbound(text("SM4", kMidnight + 2 * kHour), caller());
    // Another caller's contact never shows.
    s.repo.texts().ingestInbound(text("SM5", kMidnight + kHour),
                                 caller("hash-b", "Quiet Cedar 052"));

    const auto history = s.repo.callers().callerHistory(now.contact.callerId, now.contact.id);
    REQUIRE(history.size() == 3);
    CHECK(history[0].id == third.id);
    CHECK(history[1].id == second.id);
    CHECK(history[2].id == first.id);

    const auto& h = history[0];
    CHECK(h.channel == Channel::Text);
    CHECK(h.state == ContactState::Closed);
    CHECK(h.createdAt == kMidnight + kHour);
    CHECK(h.closedAt == kMidnight + kHour + 60'000 + 5 * 60'000 + 30'000);
    // Accept to wrap-up: the time with the caller, not the wrap-up after.
    CHECK(h.durationMs == 5 * 60 * 1000);
    CHECK(h.outcome == Outcome::Referred);
    CHECK(h.helped == Helped::Somewhat);
    CHECK(h.topics == std::vector<std::string>{"sleep", "loneliness"});
    CHECK(h.referrals == std::vector<std::string>{"211"});
    CHECK(h.note == "third note");
    CHECK(h.operatorName == "sam");

    // Closed without the structured wrap-up: no outcome, no topics.
    CHECK_FALSE(history[1].outcome);
    CHECK_FALSE(history[1].helped);
    CHECK(history[1].topics.empty());
    CHECK(history[1].note == "second note");

    CHECK(s.repo.callers().callerHistory(now.contact.callerId, now.contact.id, 2).size() == 2);
}

TEST_CASE("a caller's profile counts contacts, today's from local midnight")
{
    Store s;
    s.contact("SM1", kMidnight - kDay, std::nullopt, "n");
    s.contact("SM2", kMidnight + kHour, std::nullopt, "n");
    const auto now = s.repo.texts().ingestInbound(text("SM3", kMidnight + 2 * kHour), caller());
    const Id callerId = now.contact.callerId;

    auto p = s.repo.callers().callerProfile(callerId, kMidnight + 3 * kHour, kMidnight);
    REQUIRE(p);
    CHECK(p->alias == "Amber Heron 417");
    CHECK(p->contactCount == 3);
    CHECK(p->contactsToday == 2);
    CHECK(p->firstContactAt == kMidnight - kDay);
    CHECK(p->preferredName.empty());
    CHECK_FALSE(p->limits.callsPerDay);
    CHECK_FALSE(p->limits.minutesPerCall);
    CHECK(p->limits.preferredTimes.empty());
    CHECK(p->flags.empty());
    CHECK(p->notes.empty());

    // A line at UTC-5: at 03:00 UTC its day began at 05:00 UTC the day
    // before (two contacts since); at 06:00 UTC a new day began at 05:00.
    p = s.repo.callers().callerProfile(callerId, kMidnight + 3 * kHour,
                                       localMidnight(kMidnight + 3 * kHour, -300));
    CHECK(p->contactsToday == 2);
    p = s.repo.callers().callerProfile(callerId, kMidnight + 6 * kHour,
                                       localMidnight(kMidnight + 6 * kHour, -300));
    CHECK(p->contactsToday == 0);

    CHECK_FALSE(s.repo.callers().callerProfile(9999, kMidnight, kMidnight));
}

TEST_CASE("a caller's own limits and details are stored and cleared")
{
    Store s;
    const auto in = s.repo.texts().ingestInbound(text("SM1", kMidnight), caller());
    const Id callerId = in.contact.callerId;
    s.repo.callers().setCallerLimits(callerId, CallerLimits{5, 0, "evenings after 7"});
    CallerDetailsUpdate u;
    u.preferredName = "Jo";
    u.pronouns = "they/them";
    s.repo.callers().updateCallerDetails(callerId, u);

    auto p = s.repo.callers().callerProfile(callerId, kMidnight, kMidnight);
    CHECK(p->limits.callsPerDay == 5);
    CHECK(p->limits.minutesPerCall == 0);
    CHECK(p->limits.preferredTimes == "evenings after 7");
    CHECK(p->preferredName == "Jo");
    CHECK(p->pronouns == "they/them");
    CHECK(p->language.empty());

    // Left out: unchanged; empty: cleared.
    CallerDetailsUpdate v;
    v.language = "es";
    v.preferredName = "";
    s.repo.callers().updateCallerDetails(callerId, v);
    p = s.repo.callers().callerProfile(callerId, kMidnight, kMidnight);
    CHECK(p->preferredName.empty());
    CHECK(p->pronouns == "they/them");
    CHECK(p->language == "es");

    s.repo.callers().setCallerLimits(callerId, CallerLimits{});
    p = s.repo.callers().callerProfile(callerId, kMidnight, kMidnight);
    CHECK_FALSE(p->limits.callsPerDay);
    CHECK_THROWS_AS(s.repo.callers().updateCallerDetails(9999, v), NotFoundError);
}

TEST_CASE("the first language guessed for a texter is remembered until an operator changes it")
{
    Store s;
    // Too little to tell: nothing is remembered.
    auto o = caller();
    const auto first = s.repo.texts().ingestInbound(text("SM1", kMidnight, "ok"), o);
    CHECK(first.callerLanguage.empty());
    const Id callerId = first.contact.callerId;
    // The first guess is remembered, on the profile operators read.
    o.language = "es";
    const auto second = s.repo.texts().ingestInbound(text("SM2", kMidnight + 1), o);
    CHECK(second.callerLanguage == "es");
    CHECK(s.repo.callers().callerProfile(callerId, kMidnight, kMidnight)->language == "es");
    // A later guess does not overwrite it.
    o.language = "en";
    CHECK(s.repo.texts().ingestInbound(text("SM3", kMidnight + 2), o).callerLanguage == "es");
    // An operator's correction stands, and later guesses leave it too.
    CallerDetailsUpdate u;
    u.language = "Spanish and English";
    s.repo.callers().updateCallerDetails(callerId, u);
    o.language = "es";
    CHECK(s.repo.texts().ingestInbound(text("SM4", kMidnight + 3), o).callerLanguage ==
          "Spanish and English");
}

TEST_CASE("flags expire and are cleared, not deleted, and notes list newest first")
{
    Store s;
    const auto in = s.repo.texts().ingestInbound(text("SM1", kMidnight), caller());
    const Id callerId = in.contact.callerId;
    const auto blocked = s.repo.callers().setCallerFlag(
        callerId, FlagKind::Blocked, "threats to staff", s.lee, kMidnight, kMidnight + kDay);
    CHECK(blocked.setBy == "lee");
    CHECK(blocked.expiresAt == kMidnight + kDay);
    const auto follow = s.repo.callers().setCallerFlag(
        callerId, FlagKind::FollowUp, "ask about the move", s.sam, kMidnight + 1, std::nullopt);

    auto p = s.repo.callers().callerProfile(callerId, kMidnight + kHour, kMidnight);
    REQUIRE(p->flags.size() == 2);
    CHECK(p->flags[0].kind == FlagKind::Blocked);
    CHECK(p->flags[0].note == "threats to staff");
    CHECK(p->flags[1].kind == FlagKind::FollowUp);
    CHECK_FALSE(p->flags[1].expiresAt);
    CHECK(p->flags[1].setBy == "sam");

    // Past its expiry the blocked flag is no longer returned.
    p = s.repo.callers().callerProfile(callerId, kMidnight + kDay, kMidnight + kDay);
    REQUIRE(p->flags.size() == 1);
    CHECK(p->flags[0].id == follow.id);

    CHECK(s.repo.callers().clearCallerFlag(callerId, follow.id, s.lee, kMidnight + 2 * kHour));
    CHECK_FALSE(
        s.repo.callers().clearCallerFlag(callerId, follow.id, s.lee, kMidnight + 2 * kHour));
    CHECK_FALSE(s.repo.callers().clearCallerFlag(callerId + 1, blocked.id, s.lee, kMidnight));
    p = s.repo.callers().callerProfile(callerId, kMidnight + kHour, kMidnight);
    REQUIRE(p->flags.size() == 1);
    CHECK(p->flags[0].id == blocked.id);
    CHECK(s.db.execAndGet("SELECT COUNT(*) FROM caller_flags").getInt() == 2);

    const auto n1 = s.repo.callers().addCallerNote(callerId, in.contact.id, s.sam,
                                                   "likes to talk about "
                                                   "gardening",
                                                   kMidnight + 10);
    const auto n2 = s.repo.callers().addCallerNote(callerId, std::nullopt, s.lee, "prefers texting",
                                                   kMidnight + 20);
    CHECK(n1.operatorName == "sam");
    p = s.repo.callers().callerProfile(callerId, kMidnight + kHour, kMidnight);
    REQUIRE(p->notes.size() == 2);
    CHECK(p->notes[0].id == n2.id);
    CHECK(p->notes[0].operatorName == "lee");
    CHECK(p->notes[1].body == "likes to talk about gardening");
    CHECK(p->notes[1].at == kMidnight + 10);
}

TEST_CASE("only an active contact moves to wrap-up")
{
    Store s;
    const auto in = s.repo.texts().ingestInbound(text("SM1", kMidnight), caller());
    CHECK_FALSE(s.repo.contacts().markWrapUp(in.contact.id, kMidnight + 1));
    s.repo.contacts().markAccepted(in.contact.id, s.sam, kMidnight + 2);
    CHECK(s.repo.contacts().markWrapUp(in.contact.id, kMidnight + 3));
    CHECK(s.repo.contacts().contact(in.contact.id)->state == ContactState::WrapUp);
    CHECK_FALSE(s.repo.contacts().markWrapUp(in.contact.id, kMidnight + 4));
    // A text in wrap-up joins the same conversation.
    const auto later = s.repo.texts().ingestInbound(text("SM2", kMidnight + 5, "thanks"), caller());
    CHECK(later.contact.id == in.contact.id);
    CHECK(later.contact.state == ContactState::WrapUp);
}

TEST_CASE("migration 3 applies on top of a schema-2 file with data")
{
    TempDir dir;
    {
        SQLite::Database db(dir.path(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        REQUIRE(migrate(db, 2) == 0);
        REQUIRE(schemaVersion(db) == 2);
        // Rows as a schema-2 gateway wrote them.
        db.exec("INSERT INTO operators (id, name, password_hash, role, created_at) "
                "VALUES (1, 'sam', 'x', 'operator', 1000)");
        db.exec("INSERT INTO callers (id, number_hash, number_enc, alias, created_at, "
                "preferred_name) VALUES (1, x'01', x'02', 'Amber Heron 417', 1000, 'Jo')");
        db.exec("INSERT INTO contacts (id, caller_id, channel, state, created_at, queued_at, "
                "accepted_at, closed_at, operator_id, wrapup_note) VALUES "
                "(1, 1, 'text', 'closed', 1000, 1000, 2000, 62000, 1, 'old note'), "
                "(2, 1, 'text', 'active', 70000, 70000, 71000, NULL, 1, NULL)");
        db.exec("INSERT INTO messages (contact_id, direction, body, at, provider, provider_id, "
                "status) VALUES (1, 'in', 'synthetic', 1000, 'twilio', 'SMold', 'received')");
    }
    SQLite::Database db(dir.path(), SQLite::OPEN_READWRITE);
    CHECK(migrate(db) == 2);
    CHECK(schemaVersion(db) == latestSchemaVersion());
    CHECK(db.tableExists("caller_flags"));
    CHECK(db.tableExists("caller_notes"));
    CHECK(db.execAndGet("SELECT COUNT(*) FROM messages").getInt() == 1);

    Repository repo(db);
    const auto history = repo.callers().callerHistory(1, 2);
    REQUIRE(history.size() == 1);
    CHECK(history[0].note == "old note");
    CHECK(history[0].durationMs == 60000);
    CHECK_FALSE(history[0].outcome);
    CHECK(history[0].topics.empty());
    const auto p = repo.callers().callerProfile(1, 100000, 0);
    REQUIRE(p);
    CHECK(p->preferredName == "Jo");
    CHECK(p->contactCount == 2);
    CHECK_FALSE(p->limits.callsPerDay);
    CHECK(p->limits.preferredTimes.empty());

    // The old active contact can now go through wrap-up and close with one.
    CHECK(repo.contacts().markWrapUp(2, 80000));
    WrapUp w;
    w.outcome = Outcome::Supported;
    w.helped = Helped::Yes;
    w.topics = {"grief"};
    repo.contacts().markClosed(2, ContactState::Closed, "note", 90000, w);
    const auto after = repo.callers().callerHistory(1, 1);
    REQUIRE(after.size() == 1);
    CHECK(after[0].outcome == Outcome::Supported);
    CHECK(after[0].durationMs == 9000);
}
