#include "core/store/Interpretations.h"
#include "core/store/Repository.h"
#include "core/store/Schema.h"
#include "core/store/StoreWorker.h"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <future>
#include <random>

using namespace warmline;

namespace {

class TempFile
{
public:
    TempFile()
    {
        std::random_device rd;
        m_dir = std::filesystem::temp_directory_path() /
                ("warmline-store-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(m_dir);
    }
    ~TempFile() { std::filesystem::remove_all(m_dir); }
    std::filesystem::path path() const { return m_dir / "store.db"; }

private:
    std::filesystem::path m_dir;
};

InboundText text(std::string sid, std::string body, EpochMs at = 1000)
{
    InboundText t;
    t.provider = Provider::Twilio;
    t.providerId = std::move(sid);
    t.from = "+15555550123";
    t.to = "+15555550100";
    t.body = std::move(body);
    t.receivedAt = at;
    return t;
}

IngestOptions caller(std::string hash = "hash-a")
{
    IngestOptions o;
    o.caller = CallerKey{std::move(hash), "encrypted", "Amber Heron 417"};
    return o;
}

template <typename R> StoreResult<R> wait(std::future<StoreResult<R>>& f)
{
    REQUIRE(f.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    return f.get();
}

} // namespace

TEST_CASE("migrations bring a new in-memory database to the latest version, once")
{
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    CHECK(schemaVersion(db) == 0);
    CHECK(migrate(db) == 0);
    CHECK(schemaVersion(db) == latestSchemaVersion());
    CHECK(migrate(db) == latestSchemaVersion());
    CHECK(db.tableExists("callers"));
    CHECK(db.tableExists("contacts"));
    CHECK(db.tableExists("messages"));
    CHECK(db.tableExists("sessions"));
}

TEST_CASE("each migration applies on top of the one before it, on a file")
{
    TempFile f;
    {
        SQLite::Database db(f.path(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        migrate(db);
        // Fill data under the latest schema and reopen: nothing is lost.
        Repository repo(db);
        repo.texts().ingestInbound(text("SM1", "hello"), caller());
    }
    SQLite::Database db(f.path(), SQLite::OPEN_READWRITE);
    CHECK(migrate(db) == latestSchemaVersion());
    CHECK(db.execAndGet("SELECT count(*) FROM messages").getInt() == 1);
    // Migration 2 added the index for pending outbound texts.
    CHECK(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'messages_pending'")
              .getInt() == 1);
}

TEST_CASE("a database newer than the build is refused, not damaged")
{
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA user_version = 999");
    CHECK_THROWS_AS(migrate(db), SchemaError);
    CHECK(schemaVersion(db) == 999);
}

TEST_CASE("inbound texts group into one open conversation per caller")
{
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db);
    Repository repo(db);
    const auto first = repo.texts().ingestInbound(text("SM1", "can't sleep again", 1000), caller());
    CHECK(first.newCaller);
    CHECK(first.newContact);
    CHECK_FALSE(first.duplicate);
    CHECK(first.contact.state == ContactState::Queued);
    CHECK(first.contact.alias == "Amber Heron 417");
    CHECK(first.contact.messageCount == 1);

    const auto second = repo.texts().ingestInbound(text("SM2", "are you there?", 2000), caller());
    CHECK_FALSE(second.newCaller);
    CHECK_FALSE(second.newContact);
    CHECK(second.contact.id == first.contact.id);
    CHECK(second.contact.messageCount == 2);
    CHECK(second.contact.preview == "are you there?");
    CHECK(second.contact.queuedAt == 1000);

    const auto other = repo.texts().ingestInbound(text("SM3", "hi", 2500), caller("hash-b"));
    CHECK(other.newCaller);
    CHECK(other.contact.id != first.contact.id);

    repo.contacts().markClosed(first.contact.id, ContactState::Closed, "note", 3000);
    const auto third = repo.texts().ingestInbound(text("SM4", "me again", 4000), caller());
    CHECK(third.newContact);
    CHECK(third.contact.id != first.contact.id);
    CHECK(repo.texts().messages(first.contact.id).size() == 2);
}

TEST_CASE("a provider message id is stored once")
{
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db);
    Repository repo(db);
    const auto a = repo.texts().ingestInbound(text("SMdup", "hello"), caller());
    const auto b = repo.texts().ingestInbound(text("SMdup", "hello"), caller());
    CHECK_FALSE(a.duplicate);
    CHECK(b.duplicate);
    CHECK(b.message.id == a.message.id);
    CHECK(b.contact.id == a.contact.id);
    CHECK(db.execAndGet("SELECT count(*) FROM messages").getInt() == 1);
}

TEST_CASE("outbound delivery status only moves forward")
{
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db);
    Repository repo(db);
    const auto in = repo.texts().ingestInbound(text("SM1", "hello"), caller());
    auto job =
        repo.texts().appendOutbound(in.contact.id, "I'm here.", std::nullopt, Provider::Twilio, 5);
    CHECK(job.encryptedNumber == "encrypted");
    CHECK(job.message.status == DeliveryStatus::Queued);
    CHECK(repo.texts().pendingOutbound().size() == 1);
    CHECK(repo.texts().advanceStatus(job.message.id, DeliveryStatus::Sent, "",
                                     std::string("SMout1")));
    CHECK(repo.texts().outboundByProviderId("SMout1") == job.message.id);
    CHECK_FALSE(repo.texts().advanceStatus(job.message.id, DeliveryStatus::Queued, ""));
    CHECK(repo.texts().advanceStatus(job.message.id, DeliveryStatus::Delivered, ""));
    CHECK_FALSE(repo.texts().advanceStatus(job.message.id, DeliveryStatus::Sent, ""));
    CHECK_FALSE(repo.texts().advanceStatus(job.message.id, DeliveryStatus::Failed, "late"));
    CHECK(repo.texts().pendingOutbound().empty());
    CHECK_THROWS_AS(repo.texts().appendOutbound(9999, "x", std::nullopt, Provider::Twilio, 5),
                    NotFoundError);
}

TEST_CASE("operators and sessions")
{
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db);
    Repository repo(db);
    OperatorAccount a;
    a.name = "sam";
    a.role = Role::Lead;
    const Id id = repo.operators().addOperator(a, "hash");
    CHECK(repo.operators().operatorByName("sam")->account.role == Role::Lead);
    CHECK_THROWS(repo.operators().addOperator(a, "hash"));
    repo.operators().setRole(id, Role::Supervisor);
    repo.operators().setDisabled(id, true);
    CHECK(repo.operators().operatorById(id)->account.role == Role::Supervisor);
    CHECK(repo.operators().operatorById(id)->account.disabled);
    repo.sessions().addSession("tok", id, 100, 200);
    CHECK(repo.sessions().sessionOperator("tok", 150) == id);
    CHECK_FALSE(repo.sessions().sessionOperator("tok", 200));
    repo.sessions().removeSessionsOf(id);
    CHECK_FALSE(repo.sessions().sessionOperator("tok", 150));
}

TEST_CASE("the writer commits groups, and a failing job rolls back alone")
{
    TempFile f;
    StoreOptions opts;
    opts.path = f.path();
    {
        StoreWorker writer(opts, StoreWorker::Mode::Writer);
        std::vector<std::future<StoreResult<IngestOutcome>>> results;
        for (int i = 0; i < 200; ++i) {
            auto p = std::make_shared<std::promise<StoreResult<IngestOutcome>>>();
            results.push_back(p->get_future());
            writer.call(
                [i](Repository& repo) {
                    return repo.texts().ingestInbound(text("SM" + std::to_string(i), "hello"),
                                                      caller());
                },
                [p](StoreResult<IngestOutcome> r) { p->set_value(std::move(r)); });
        }
        auto bad = std::make_shared<std::promise<StoreResult<void>>>();
        auto badFuture = bad->get_future();
        writer.call(
            [](Repository& repo) {
                repo.texts().ingestInbound(text("SMbad", "rolled back"), caller("hash-z"));
                throw std::runtime_error("job fails after writing");
            },
            [bad](StoreResult<void> r) { bad->set_value(std::move(r)); });
        for (auto& r : results) {
            auto res = wait(r);
            CHECK_FALSE(res.error);
            CHECK(res.value.has_value());
        }
        CHECK(wait(badFuture).error);
        CHECK(writer.stats().batches.load() >= 1);
        CHECK(writer.stats().batches.load() <= 201);
        // The job refused by throwing on its own: a failed job, no store error.
        CHECK(writer.stats().failedJobs.load() == 1);
        for (const auto& e : writer.stats().errors) {
            CHECK(e.load() == 0);
        }
    }
    SQLite::Database db(f.path(), SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("SELECT count(*) FROM messages").getInt() == 200);
    CHECK(db.execAndGet("SELECT count(*) FROM callers WHERE number_hash = 'hash-z'").getInt() == 0);
}

TEST_CASE("a reader sees what the writer committed")
{
    TempFile f;
    StoreOptions opts;
    opts.path = f.path();
    StoreWorker writer(opts, StoreWorker::Mode::Writer);
    StoreWorker reader(opts, StoreWorker::Mode::Reader);
    std::promise<StoreResult<IngestOutcome>> wrote;
    auto wroteF = wrote.get_future();
    writer.call([](Repository& r) { return r.texts().ingestInbound(text("SM1", "hi"), caller()); },
                [&](StoreResult<IngestOutcome> r) { wrote.set_value(std::move(r)); });
    const Id contactId = wait(wroteF).value->contact.id;
    std::promise<StoreResult<std::vector<Message>>> read;
    auto readF = read.get_future();
    reader.call([contactId](Repository& r) { return r.texts().messages(contactId); },
                [&](StoreResult<std::vector<Message>> r) { read.set_value(std::move(r)); });
    auto res = wait(readF);
    REQUIRE(res.value);
    CHECK(res.value->size() == 1);
    // A reader cannot write.
    std::promise<StoreResult<void>> denied;
    auto deniedF = denied.get_future();
    reader.call([](Repository& r) { r.texts().ingestInbound(text("SM2", "x"), caller()); },
                [&](StoreResult<void> r) { denied.set_value(std::move(r)); });
    CHECK(wait(deniedF).error);
}

TEST_CASE("a full disk fails the jobs with an error and keeps earlier data")
{
    TempFile f;
    StoreOptions opts;
    opts.path = f.path();
    opts.maxPageCount = 40;
    StoreWorker writer(opts, StoreWorker::Mode::Writer);
    int failures = 0;
    int successes = 0;
    for (int i = 0; i < 400 && failures == 0; ++i) {
        std::promise<StoreResult<IngestOutcome>> p;
        auto fut = p.get_future();
        writer.call(
            [i](Repository& r) {
                return r.texts().ingestInbound(
                    text("SM" + std::to_string(i), std::string(2000, 'x')),
                    caller("h" + std::to_string(i)));
            },
            [&](StoreResult<IngestOutcome> r) { p.set_value(std::move(r)); });
        auto res = wait(fut);
        (res.error ? failures : successes)++;
    }
    CHECK(failures == 1);
    CHECK(successes > 0);
    // Counted as the store's own failure, of kind full, for /metrics.
    const auto& errors = writer.stats().errors;
    CHECK(errors[static_cast<std::size_t>(StoreErrorKind::Full)].load() == 1);
    CHECK(toString(StoreErrorKind::Full) == "full");
    std::uint64_t all = 0;
    for (const auto& e : errors) {
        all += e.load();
    }
    CHECK(all == 1);
    SQLite::Database db(f.path(), SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("SELECT count(*) FROM messages").getInt() == successes);
}

TEST_CASE("the calls migration keeps existing rows and adds the call columns")
{
    TempFile f;
    {
        SQLite::Database db(f.path(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        migrate(db, 6);
        Repository old(db);
        db.exec("INSERT INTO operators (name, password_hash, role, created_at) "
                "VALUES ('sam', 'x', 'operator', 1)");
    }
    SQLite::Database db(f.path(), SQLite::OPEN_READWRITE);
    CHECK(migrate(db) == 6);
    CHECK(schemaVersion(db) == latestSchemaVersion());
    Repository repo(db);
    const auto sam = repo.operators().operatorByName("sam");
    REQUIRE(sam);
    CHECK(sam->account.sipUri.empty());
    repo.operators().setSipUri(sam->account.id, "sip:desk-12@127.0.0.1:5062");
    CHECK(repo.operators().operatorById(sam->account.id)->account.sipUri ==
          "sip:desk-12@127.0.0.1:5062");
}

TEST_CASE("an interpreter on a call is recorded: asked for, answered, ended once")
{
    TempFile f;
    {
        // Made by the previous schema, with a call in it.
        SQLite::Database db(f.path(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        migrate(db, 7);
        Repository old(db);
        old.contacts().ingestCall(CallerKey{"hash-i", "sealed", "Quiet Cedar 052"}, "+15555550100",
                                  1000);
    }
    SQLite::Database db(f.path(), SQLite::OPEN_READWRITE);
    CHECK(migrate(db) == 7);
    Repository repo(db);
    db.exec("INSERT INTO operators (name, password_hash, role, created_at) "
            "VALUES ('sam', 'x', 'operator', 1)");
    const Id contact = db.execAndGet("SELECT id FROM contacts").getInt64();
    const Id sam = db.execAndGet("SELECT id FROM operators").getInt64();

    const Id reached =
        startInterpretation(db, contact, sam, "lang", "Telephone interpreters", "Tagalog", 2000);
    CHECK(interpretation(db, reached)->outcome == "ringing");
    interpretationConnected(db, reached, 2500);
    endInterpretation(db, reached, 9000, true, "The operator ended the interpretation.");
    // A second end (the call ending later) leaves the first one standing.
    endInterpretation(db, reached, 12000, true, "The call ended.");
    const Id missed =
        startInterpretation(db, contact, std::nullopt, "lang", "Telephone interpreters", "", 10000);
    endInterpretation(db, missed, 10500, false, "The interpreter service answered 486 Busy Here.");

    const auto all = interpretationsOf(db, contact);
    REQUIRE(all.size() == 2);
    CHECK(all[0].operatorName == "sam");
    CHECK(all[0].language == "Tagalog");
    CHECK(all[0].connectedAt == 2500);
    CHECK(all[0].endedAt == 9000);
    CHECK(all[0].outcome == "ended");
    CHECK(all[0].reason == "The operator ended the interpretation.");
    CHECK(all[1].operatorName.empty());
    CHECK_FALSE(all[1].connectedAt);
    CHECK(all[1].outcome == "not_reached");
    CHECK_FALSE(interpretation(db, 999));
    CHECK(interpretationsOf(db, contact + 1).empty());
}

TEST_CASE("calls are contacts: queued, abandoned with wait and position, requeued")
{
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db);
    Repository repo(db);
    const CallerKey key{"hash-call", "sealed", "Quiet Cedar 052"};
    const auto first = repo.contacts().ingestCall(key, "+15555550100", 1000);
    CHECK(first.channel == Channel::Call);
    CHECK(first.state == ContactState::Queued);
    CHECK(first.alias == "Quiet Cedar 052");
    CHECK(first.queuedAt == 1000);
    // The same caller again: the same caller row, a new contact.
    const auto second = repo.contacts().ingestCall(key, "+15555550100", 5000);
    CHECK(second.id != first.id);
    CHECK(second.callerId == first.callerId);

    repo.contacts().markAbandoned(first.id, 31000, 30000, 2);
    CHECK(repo.contacts().contact(first.id)->state == ContactState::Abandoned);
    const auto details = repo.contacts().abandonedDetails(first.id);
    REQUIRE(details);
    CHECK(details->first == 30000);
    CHECK(details->second == 2);
    CHECK_FALSE(repo.contacts().abandonedDetails(second.id));

    repo.contacts().setContactLanguage(second.id, "es");
    repo.contacts().markAccepted(second.id, 1, 6000);
    repo.contacts().requeue(second.id, 500);
    const auto back = repo.contacts().contact(second.id);
    CHECK(back->state == ContactState::Queued);
    CHECK(back->queuedAt == 500);
    CHECK_FALSE(back->operatorId);
    CHECK(back->language == "es");
    CHECK(repo.contacts().openContacts().size() == 1);
}

TEST_CASE("a reader job's queries all read one snapshot while the writer commits")
{
    TempFile f;
    StoreOptions opts;
    opts.path = f.path();
    StoreWorker writer(opts, StoreWorker::Mode::Writer);
    StoreWorker reader(opts, StoreWorker::Mode::Reader);
    auto ingest = [&](const std::string& sid) {
        std::promise<StoreResult<IngestOutcome>> done;
        auto f = done.get_future();
        writer.call(
            [sid](Repository& r) { return r.texts().ingestInbound(text(sid, "hi"), caller()); },
            [&](StoreResult<IngestOutcome> r) { done.set_value(std::move(r)); });
        REQUIRE_FALSE(wait(f).error);
    };
    ingest("SMsnap1");

    // The job counts, lets the writer commit another text, counts again.
    std::promise<void> firstCounted;
    std::promise<void> writerDone;
    auto writerDoneF = writerDone.get_future().share();
    std::promise<StoreResult<std::pair<std::int64_t, std::int64_t>>> counted;
    auto countedF = counted.get_future();
    reader.call(
        [&firstCounted, writerDoneF](Repository& r) {
            const auto before = r.database().execAndGet("SELECT count(*) FROM messages").getInt64();
            firstCounted.set_value();
            if (writerDoneF.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
                throw std::runtime_error("the writer did not commit in time");
            }
            const auto after = r.database().execAndGet("SELECT count(*) FROM messages").getInt64();
            return std::make_pair(before, after);
        },
        [&](StoreResult<std::pair<std::int64_t, std::int64_t>> r) {
            counted.set_value(std::move(r));
        });
    REQUIRE(firstCounted.get_future().wait_for(std::chrono::seconds(10)) ==
            std::future_status::ready);
    ingest("SMsnap2");
    writerDone.set_value();
    const auto r = wait(countedF);
    REQUIRE_FALSE(r.error);
    CHECK(r.value->first == 1);
    CHECK(r.value->second == 1);

    // A job after it sees the new text.
    std::promise<StoreResult<std::int64_t>> later;
    auto laterF = later.get_future();
    reader.call(
        [](Repository& r) {
            return r.database().execAndGet("SELECT count(*) FROM messages").getInt64();
        },
        [&](StoreResult<std::int64_t> r) { later.set_value(std::move(r)); });
    CHECK(*wait(laterF).value == 2);
}

TEST_CASE("a long reader job leaves the reader's other connection to short ones")
{
    TempFile f;
    StoreOptions opts;
    opts.path = f.path();
    StoreWorker writer(opts, StoreWorker::Mode::Writer);
    StoreWorker reader(opts, StoreWorker::Mode::Reader);
    REQUIRE(opts.readers >= 2);

    // A long job (a report) holds one connection until released.
    std::promise<void> release;
    auto releaseF = release.get_future().share();
    std::promise<void> longStarted;
    std::promise<StoreResult<void>> longDone;
    auto longDoneF = longDone.get_future();
    reader.call(
        [&longStarted, releaseF](Repository&) {
            longStarted.set_value();
            releaseF.wait_for(std::chrono::seconds(30));
        },
        [&](StoreResult<void> r) { longDone.set_value(std::move(r)); });
    REQUIRE(longStarted.get_future().wait_for(std::chrono::seconds(10)) ==
            std::future_status::ready);

    // A short one (a login's password check) is served meanwhile.
    std::promise<StoreResult<std::int64_t>> shortDone;
    auto shortF = shortDone.get_future();
    reader.call(
        [](Repository& r) {
            return r.database().execAndGet("SELECT count(*) FROM operators").getInt64();
        },
        [&](StoreResult<std::int64_t> r) { shortDone.set_value(std::move(r)); });
    const bool servedWhileLongRuns =
        shortF.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
    release.set_value();
    CHECK(servedWhileLongRuns);
    CHECK_FALSE(wait(longDoneF).error);
    CHECK(*wait(shortF).value == 0);
}
