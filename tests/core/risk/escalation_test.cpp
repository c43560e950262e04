// Escalation in core: the screener's protocol, the record kept in the store
// (levels only rise, one open escalation per contact, steps in order, closing
// rules), and crisis lines in the line's content file.

#include "core/config/LineContent.h"
#include "core/risk/Escalation.h"
#include "core/risk/RiskEngine.h"
#include "core/store/Repository.h"
#include "core/store/Schema.h"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <unistd.h>

using namespace warmline;

namespace {

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

IngestOptions scored(RiskLevel level, std::vector<RiskSignal> signals)
{
    IngestOptions o;
    o.caller = CallerKey{"hash-e", "encrypted", "Amber Heron 417"};
    o.risk.level = level;
    o.risk.riskSignals = std::move(signals);
    return o;
}

std::vector<std::string> kinds(const EscalationRecord& e)
{
    std::vector<std::string> out;
    for (const auto& s : e.steps) {
        out.push_back(s.kind);
    }
    return out;
}

} // namespace

TEST_CASE("the screener's answers map to the protocol's action", "[escalation]")
{
    ScreenerAnswers a;
    CHECK(recommendedAction(a) == RecommendedAction::KeepSupporting);
    a.wishDead = false;
    a.suicidalThoughts = false;
    a.behaviour = false;
    CHECK(recommendedAction(a) == RecommendedAction::KeepSupporting);
    a.wishDead = true;
    CHECK(recommendedAction(a) == RecommendedAction::SafetyPlan);
    a.suicidalThoughts = true;
    a.method = true;
    CHECK(recommendedAction(a) == RecommendedAction::SafetyPlan);
    a.intent = true;
    CHECK(recommendedAction(a) == RecommendedAction::WarmTransfer);
    a.intent = false;
    a.plan = true;
    CHECK(recommendedAction(a) == RecommendedAction::WarmTransfer);
    a.plan = false;
    a.behaviour = true;
    a.behaviourRecent = false;
    CHECK(recommendedAction(a) == RecommendedAction::SafetyPlan);
    a.behaviourRecent.reset(); // timing not asked yet: treated as recent
    CHECK(recommendedAction(a) == RecommendedAction::WarmTransfer);
    a.behaviourRecent = true;
    CHECK(recommendedAction(a) == RecommendedAction::WarmTransfer);
    a.dangerNow = true;
    CHECK(recommendedAction(a) == RecommendedAction::Emergency);
    ScreenerAnswers onlyDanger;
    onlyDanger.dangerNow = true;
    CHECK(recommendedAction(onlyDanger) == RecommendedAction::Emergency);
}

TEST_CASE("signals survive their JSON form and merge without repeats", "[escalation]")
{
    std::vector<RiskSignal> a{{"method", "method: pills + quantity"}, {"time_frame", "tonight"}};
    CHECK(signalsFromJson(signalsToJson(a)).size() == 2);
    CHECK(signalsFromJson(signalsToJson(a))[1].text == "tonight");
    CHECK(signalsFromJson("not json").empty());
    CHECK(signalsFromJson("[1, {\"category\": 2}]").empty());
    mergeSignals(a, {{"time_frame", "tonight"}, {"past_attempt", "past attempt"}});
    REQUIRE(a.size() == 3);
    CHECK(a[2].category == "past_attempt");
}

TEST_CASE("the store raises levels, keeps one open escalation, and records every step",
          "[escalation][store]")
{
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db);
    Repository repo(db);
    OperatorAccount op;
    op.name = "sam";
    const Id sam = repo.operators().addOperator(op, "hash");

    // A concern: the contact shows it, no escalation yet.
    auto first =
        repo.texts().ingestInbound(text("SM1", 1000, "synthetic: feeling hopeless"),
                                   scored(RiskLevel::Concern, {{"desire", "hopelessness"}}));
    const Id contact = first.contact.id;
    CHECK(first.contact.risk == RiskLevel::Concern);
    CHECK(first.contact.riskSignals == std::vector<std::string>{"hopelessness"});
    CHECK_FALSE(first.escalation.escalationId);
    CHECK(first.escalation.contactRiskRose);

    // High: an escalation opens with a raised step, in the same transaction.
    auto second =
        repo.texts().ingestInbound(text("SM2", 2000, "synthetic: pills"),
                                   scored(RiskLevel::High, {{"method", "method: pills"}}));
    REQUIRE(second.escalation.escalationId);
    CHECK(second.escalation.opened);
    const Id esc = *second.escalation.escalationId;
    CHECK(second.contact.risk == RiskLevel::High);
    CHECK(second.contact.riskSignals == std::vector<std::string>{"hopelessness", "method: pills"});

    // A calm message never lowers it; imminent raises the open escalation.
    auto calm = repo.texts().ingestInbound(text("SM3", 3000), scored(RiskLevel::None, {}));
    CHECK(calm.contact.risk == RiskLevel::High);
    CHECK_FALSE(calm.escalation.escalationId);
    auto worse =
        repo.texts().ingestInbound(text("SM4", 4000, "synthetic: tonight"),
                                   scored(RiskLevel::Imminent, {{"time_frame", "tonight"}}));
    CHECK(worse.escalation.escalationId == esc);
    CHECK(worse.escalation.raised);
    CHECK_FALSE(worse.escalation.opened);
    CHECK(worse.contact.risk == RiskLevel::Imminent);

    // A manual open adds a step to the open one rather than a second record.
    auto again =
        repo.escalations().openEscalation(contact, RiskLevel::High, EscalationSource::Operator, sam,
                                          "{\"reason\":\"synthetic\"}", 5000);
    CHECK(again.escalationId == esc);
    CHECK_FALSE(again.opened);
    repo.escalations().addEscalationStep(esc, sam, "screener", "{\"q1\":true}", 6000);

    auto e = repo.escalations().escalation(esc);
    REQUIRE(e);
    CHECK(e->level == RiskLevel::Imminent);
    CHECK(e->source == EscalationSource::Text);
    CHECK(e->riskSignals.size() == 2);
    CHECK(kinds(*e) == std::vector<std::string>{"raised", "level_raised", "opened", "screener"});
    CHECK(e->steps[2].operatorName == "sam");
    CHECK_FALSE(e->steps[0].operatorId);
    CHECK_FALSE(e->acted());

    repo.escalations().addEscalationStep(esc, sam, "transfer_started", "{\"line\":\"988\"}", 7000);
    CHECK(repo.escalations().escalation(esc)->acted());
    repo.escalations().closeEscalation(esc, sam, EscalationOutcome::WarmTransfer, "", 8000);
    CHECK_THROWS_AS(
        repo.escalations().closeEscalation(esc, sam, EscalationOutcome::NoAction, "again", 9000),
        NotFoundError);
    e = repo.escalations().escalation(esc);
    CHECK_FALSE(e->open);
    CHECK(e->outcome == EscalationOutcome::WarmTransfer);
    CHECK(e->closedAt == 8000);
    CHECK(kinds(*e).back() == "closed");
    CHECK_FALSE(repo.escalations().openEscalationOf(contact));

    // After it closed, a new high score opens a new escalation.
    auto later = repo.texts().ingestInbound(text("SM5", 10000, "synthetic: rope"),
                                            scored(RiskLevel::High, {{"method", "method: rope"}}));
    REQUIRE(later.escalation.escalationId);
    CHECK(*later.escalation.escalationId != esc);
    CHECK(repo.escalations().escalationsOf(contact).size() == 2);

    // Messages keep the level the engine gave them.
    SQLite::Statement q(db, "SELECT risk FROM messages WHERE provider_id = 'SM4'");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString() == "imminent");
}

TEST_CASE("crisis lines in the content file are checked and default when absent",
          "[escalation][line-content]")
{
    const auto base = std::string(R"({"version":1,"quickReplies":[],"topics":[],"referrals":[])");
    const auto content = parseLineContent(base + "}", "line.json");
    REQUIRE(content.crisisLines.size() == 3);
    CHECK(content.crisisLines[0].id == "988");
    CHECK(content.crisisLines[2].emergency);

    const auto custom = parseLineContent(
        base +
            R"(,"crisisLines":[{"id":"mct","name":"Mobile crisis","callAddress":"sip:mct@trunk.invalid"}]})",
        "line.json");
    REQUIRE(custom.crisisLines.size() == 1);
    CHECK(custom.crisisLines[0].textTemplate.empty());

    auto error = [&](const std::string& lines) {
        try {
            parseLineContent(base + R"(,"crisisLines":)" + lines + "}", "line.json");
        } catch (const LineContentError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(error("[]") == "line.json: crisisLines: is empty: a line needs at least one crisis line");
    CHECK(error(R"([{"id":"x","name":"X"}])") ==
          "line.json: crisisLines[0]: needs a callAddress, a textTemplate, or both");
    CHECK(error(R"([{"id":"x","name":"X","callAddress":"1","phone":"2"}])") ==
          "line.json: crisisLines[0].phone: unknown key (expected id, name, description, "
          "callAddress, textTemplate, textTemplateEs, emergency)");
    CHECK(
        error(
            R"([{"id":"x","name":"X","callAddress":"1"},{"id":"x","name":"Y","callAddress":"2"}])") ==
        "line.json: crisisLines[1].id: \"x\" appears twice");
    CHECK(error(R"([{"name":"X","callAddress":"1"}])") ==
          "line.json: crisisLines[0].id: is missing");
    // A Spanish text for Spanish-speaking callers, beside the one for everyone.
    CHECK(!content.crisisLines[0].textTemplateEs.empty());
    const auto spanish = parseLineContent(
        base +
            R"(,"crisisLines":[{"id":"x","name":"X","textTemplate":"t","textTemplateEs":"te"}]})",
        "line.json");
    CHECK(spanish.crisisLines[0].textTemplateEs == "te");
    CHECK(error(R"([{"id":"x","name":"X","callAddress":"1","textTemplateEs":"te"}])") ==
          "line.json: crisisLines[0].textTemplateEs: needs a textTemplate too (the text for "
          "everyone else)");
}

TEST_CASE("a contact's level comes from its recent texts together", "[escalation][store][risk]")
{
    const auto path = std::filesystem::temp_directory_path() /
                      ("warmline-conversation-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        migrate(db);
        Repository repo(db);
        // The rules alone: what the window hands over is the point here, and
        // the second opinion may read a bare "tonight" as concern.
        const auto engine = RiskEngine::fromFile(std::filesystem::path(WARMLINE_SOURCE_DIR) /
                                                 "resources/risk-rules.txt")
                                .withoutModel();
        std::vector<std::vector<std::string>> seen;
        int limit = 10;
        const auto ingest = [&](std::string sid, EpochMs at, std::string body) {
            IngestOptions o;
            o.caller = CallerKey{"hash-c", "encrypted", "Quiet Fern 12"};
            o.risk = engine.assess(body);
            o.scoreConversation = [&](const std::vector<std::string>& texts) {
                seen.push_back(texts);
                return engine.assessConversation(
                    std::vector<std::string_view>(texts.begin(), texts.end()));
            };
            o.conversationWindowMs = 60 * 60 * 1000;
            o.conversationMessages = limit;
            return repo.texts().ingestInbound(text(std::move(sid), at, std::move(body)), o);
        };
        // Long before the window: it must not count.
        ingest("SMc0", 1'000, "i want to die");
        const EpochMs t0 = 10 * 60 * 60 * 1000;
        auto a = ingest("SMc1", t0, "i have the pills saved up");
        auto b = ingest("SMc2", t0 + 60'000, "i want to die");
        REQUIRE(b.contact.id == a.contact.id);
        CHECK(b.contact.risk == RiskLevel::Imminent); // a wish and the means at hand
        auto c = ingest("SMc3", t0 + 120'000, "tonight");
        CHECK(engine.assess("tonight").level == RiskLevel::None);
        CHECK(c.contact.risk == RiskLevel::Imminent);
        // The store handed over the window's texts, oldest first, the new one last.
        REQUIRE(!seen.empty());
        // The text from hours before is outside the window, though the limit
        // of 10 would have let it in.
        CHECK(seen.back() ==
              std::vector<std::string>{"i have the pills saved up", "i want to die", "tonight"});
        // At most `limit` texts, the newest.
        limit = 2;
        ingest("SMc4", t0 + 180'000, "ok");
        CHECK(seen.back() == std::vector<std::string>{"tonight", "ok"});
        // Each message keeps its own level; "tonight" alone is none.
        SQLite::Statement q(db, "SELECT risk FROM messages WHERE provider_id = 'SMc3'");
        REQUIRE(q.executeStep());
        CHECK((q.getColumn(0).isNull() || q.getColumn(0).getString() == "none"));
    }
    {
        // Ordinary texts stay ordinary together.
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        Repository repo(db);
        const auto engine = RiskEngine::fromFile(std::filesystem::path(WARMLINE_SOURCE_DIR) /
                                                 "resources/risk-rules.txt");
        IngestOptions o;
        o.caller = CallerKey{"hash-d", "encrypted", "Still Lake 4"};
        o.scoreConversation = [&](const std::vector<std::string>& texts) {
            return engine.assessConversation(
                std::vector<std::string_view>(texts.begin(), texts.end()));
        };
        repo.texts().ingestInbound(text("SMd1", 5'000, "long day at work"), o);
        const auto d =
            repo.texts().ingestInbound(text("SMd2", 6'000, "gonna watch a movie tonight"), o);
        CHECK(d.contact.risk == RiskLevel::None);
    }
    std::filesystem::remove(path);
}
