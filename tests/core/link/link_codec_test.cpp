#include "core/link/LinkCodec.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace warmline;
using namespace warmline::link;
namespace json = boost::json;

namespace {
ErrorCode codeOf(std::string_view frame)
{
    std::optional<std::string> id;
    try {
        parseRequest(frame, id);
    } catch (const LinkError& e) {
        return e.code();
    }
    FAIL("no error for " << frame);
    return ErrorCode::Internal;
}
} // namespace

TEST_CASE("a request round-trips through the codec")
{
    const auto frame = requestFrame("7", "contact.accept", {{"contactId", 42}});
    std::optional<std::string> id;
    const Request r = parseRequest(frame, id);
    CHECK(id == "7");
    CHECK(r.id == "7");
    CHECK(r.type == "contact.accept");
    CHECK(requireInt(r.params, "contactId") == 42);
    CHECK_FALSE(optionalString(r.params, "note"));
}

TEST_CASE("malformed requests are refused with the right code and keep the id when readable")
{
    CHECK(codeOf("not json") == ErrorCode::BadRequest);
    CHECK(codeOf("[1,2]") == ErrorCode::BadRequest);
    CHECK(codeOf(R"({"v":1,"type":"ping"})") == ErrorCode::BadRequest);
    CHECK(codeOf(R"({"v":1,"id":"","type":"ping"})") == ErrorCode::BadRequest);
    CHECK(codeOf(R"({"v":1,"id":7,"type":"ping"})") == ErrorCode::BadRequest);
    CHECK(codeOf(R"({"id":"1","type":"ping"})") == ErrorCode::BadRequest);
    CHECK(codeOf(R"({"v":2,"id":"1","type":"ping"})") == ErrorCode::UnsupportedVersion);
    CHECK(codeOf(R"({"v":1,"id":"1"})") == ErrorCode::BadRequest);
    CHECK(codeOf(std::string(R"({"v":1,"id":")") + std::string(65, 'x') + R"(","type":"ping"})") ==
          ErrorCode::BadRequest);
    // Deep nesting is refused rather than recursed into.
    CHECK(codeOf(std::string(100, '[') + std::string(100, ']')) == ErrorCode::BadRequest);

    std::optional<std::string> id;
    CHECK_THROWS_AS(parseRequest(R"({"v":2,"id":"abc","type":"ping"})", id), LinkError);
    CHECK(id == "abc");
}

TEST_CASE("field getters name the field that is wrong")
{
    const auto o = json::parse(R"({"a":"x","n":"5","big":18446744073709551615})").as_object();
    CHECK_THROWS_WITH(requireInt(o, "n"), Catch::Contains("\"n\""));
    CHECK_THROWS_WITH(requireInt(o, "missing"), Catch::Contains("\"missing\""));
    CHECK_THROWS_WITH(requireString(o, "a", 0), Catch::Contains("too long"));
    CHECK_THROWS_AS(requireInt(o, "big"), LinkError);
    CHECK(requireString(o, "a") == "x");
}

TEST_CASE("ack, error and event frames parse back on the client side")
{
    auto ack = parseServerFrame(ackFrame("3", {{"x", 1}}));
    CHECK(ack.kind == ServerFrame::Kind::Ack);
    CHECK(ack.re == "3");
    CHECK(ack.data.at("x").as_int64() == 1);

    auto err = parseServerFrame(errorFrame(std::nullopt, ErrorCode::Capacity, "full"));
    CHECK(err.kind == ServerFrame::Kind::Error);
    CHECK_FALSE(err.re);
    CHECK(err.code == ErrorCode::Capacity);
    CHECK(err.message == "full");

    auto ev = parseServerFrame(eventFrame("ab12", 9, "contact.queued", {{"k", "v"}}));
    CHECK(ev.kind == ServerFrame::Kind::Event);
    CHECK(ev.epoch == "ab12");
    CHECK(ev.seq == 9);
    CHECK(ev.name == "contact.queued");

    CHECK_THROWS_AS(parseServerFrame(R"({"type":"bogus"})"), LinkError);
}

TEST_CASE("domain records round-trip as JSON")
{
    ContactSummary c;
    c.id = 43;
    c.alias = "Quiet Cedar 052";
    c.channel = Channel::Text;
    c.state = ContactState::Active;
    c.risk = RiskLevel::High;
    c.createdAt = 1795000001000;
    c.queuedAt = 1795000001000;
    c.operatorId = 3;
    c.operatorName = "sam";
    c.preview = "can't sleep again";
    c.messageCount = 2;
    const auto back = contactFromJson(toJson(c));
    CHECK(back.id == c.id);
    CHECK(back.alias == c.alias);
    CHECK(back.state == c.state);
    CHECK(back.risk == c.risk);
    CHECK(back.operatorId == c.operatorId);
    CHECK(back.preview == c.preview);
    CHECK(back.messageCount == 2);

    Message m;
    m.id = 9;
    m.contactId = 43;
    m.direction = Direction::Outbound;
    m.body = "I'm here.";
    m.status = DeliveryStatus::Failed;
    m.error = "refused";
    const auto mb = messageFromJson(toJson(m));
    CHECK(mb.direction == Direction::Outbound);
    CHECK(mb.status == DeliveryStatus::Failed);
    CHECK(mb.error == "refused");

    OperatorView v;
    v.id = 3;
    v.name = "sam";
    v.role = Role::Lead;
    v.presence = Presence::Break;
    const auto vb = operatorFromJson(toJson(v));
    CHECK(vb.role == Role::Lead);
    CHECK(vb.presence == Presence::Break);

    auto bad = toJson(c);
    bad["state"] = "sleeping";
    CHECK_THROWS_AS(contactFromJson(bad), LinkError);
}

TEST_CASE("operator names are restricted")
{
    CHECK(isValidOperatorName("sam.lee-2_x"));
    CHECK_FALSE(isValidOperatorName(""));
    CHECK_FALSE(isValidOperatorName("sam lee"));
    CHECK_FALSE(isValidOperatorName(std::string(65, 'a')));
    CHECK_FALSE(isValidOperatorName("sam\xc3\xa9"));
}

TEST_CASE("previews cut at a word and never split a UTF-8 character")
{
    CHECK(previewOf("short") == "short");
    const std::string longText = "I have been feeling really alone since the move and I do not "
                                 "know anyone here yet at all";
    const auto p = previewOf(longText, 40);
    CHECK(p.size() <= 40 + 3);
    CHECK(p.substr(p.size() - 3) == "\u2026");
    const std::string accents(60, 'a');
    const auto q = previewOf(accents + "\xc3\xa9\xc3\xa9\xc3\xa9", 61);
    CHECK(q.find("\xc3\xa9") == std::string::npos);
}

TEST_CASE("callers and history entries encode as docs/protocol.md shows them")
{
    CallerProfile p;
    p.id = 12;
    p.alias = "Amber Heron 417";
    p.preferredName = "Jo";
    p.pronouns = "they/them";
    p.firstContactAt = 1794400000000;
    p.contactCount = 4;
    p.contactsToday = 2;
    p.flags.push_back(
        CallerFlag{3, FlagKind::FollowUp, "Ask how the move went.", 1794990000000, "sam", {}});
    p.notes.push_back(
        CallerNote{7, "Likes to talk about their dog, Biscuit.", 1794990000000, "sam"});
    CHECK(
        toJson(p, LineLimits{3, 20}) ==
        json::parse(
            R"({"id":12,"alias":"Amber Heron 417","preferredName":"Jo","pronouns":"they/them","language":"","firstContactAt":1794400000000,"contactCount":4,"contactsToday":2,"flags":[{"id":3,"kind":"follow-up","note":"Ask how the move went.","setAt":1794990000000,"setBy":"sam","expiresAt":null}],"limits":{"callsPerDay":3,"minutesPerCall":20,"preferredTimes":""},"notes":[{"id":7,"body":"Likes to talk about their dog, Biscuit.","at":1794990000000,"operatorName":"sam"}]})"));
    // The caller's own limits win over the line's.
    p.limits = CallerLimits{1, 0, "evenings"};
    const auto own = toJson(p, LineLimits{3, 20});
    CHECK(own.at("limits") == json::parse(R"({"callsPerDay":1,"minutesPerCall":0,)"
                                          R"("preferredTimes":"evenings"})"));

    ContactHistoryEntry e;
    e.id = 41;
    e.createdAt = 1794990000000;
    e.closedAt = 1794991500000;
    e.durationMs = 1200000;
    e.outcome = Outcome::Supported;
    e.helped = Helped::Somewhat;
    e.topics = {"sleep", "loneliness"};
    e.resourcesShared = {"Depression and Anxiety Peer Support Group"};
    e.note = "Talked through sleep routine; caller felt calmer.";
    e.operatorName = "sam";
    CHECK(
        toJson(e) ==
        json::parse(
            R"({"id":41,"channel":"text","state":"closed","createdAt":1794990000000,"closedAt":1794991500000,"durationMs":1200000,"outcome":"supported","helped":"somewhat","topics":["sleep","loneliness"],"referrals":[],"resourcesShared":["Depression and Anxiety Peer Support Group"],"risk":"none","note":"Talked through sleep routine; caller felt calmer.","operatorName":"sam"})"));
    e.outcome.reset();
    e.helped.reset();
    e.closedAt.reset();
    const auto open = toJson(e);
    CHECK(open.at("outcome").is_null());
    CHECK(open.at("helped").is_null());
    CHECK(open.at("closedAt").is_null());
}

TEST_CASE("a wrap-up object is checked against the line's lists")
{
    LineContent line;
    line.topics = {"sleep", "grief"};
    line.referrals = {"211"};
    const auto w = wrapUpFromJson(
        json::parse(R"({"outcome":"referred","helped":"no","topics":["grief","sleep","grief"],)"
                    R"("referrals":["211"]})"),
        line);
    CHECK(w.outcome == Outcome::Referred);
    CHECK(w.helped == Helped::No);
    CHECK(w.topics == std::vector<std::string>{"grief", "sleep"});
    CHECK(w.referrals == std::vector<std::string>{"211"});
    CHECK(wrapUpFromJson(json::parse(R"({"outcome":"supported","helped":"yes"})"), line)
              .topics.empty());

    auto messageOf = [&line](std::string_view text) {
        try {
            wrapUpFromJson(json::parse(text), line);
        } catch (const LinkError& e) {
            CHECK(e.code() == ErrorCode::BadRequest);
            return std::string(e.what());
        }
        return std::string("(no error)");
    };
    CHECK(messageOf(R"({"outcome":"supported","helped":"yes","topics":["sleep","tarot"]})") ==
          "Unknown topic \"tarot\": it is not in this line's list (see line.info).");
    CHECK(messageOf(R"({"outcome":"supported","helped":"yes","referrals":["911"]})") ==
          "Unknown referral \"911\": it is not in this line's list (see line.info).");
    CHECK(messageOf(R"({"helped":"yes"})") == "Field \"outcome\" is required.");
    CHECK(messageOf(R"({"outcome":"supported"})") == "Field \"helped\" is required.");
    CHECK(messageOf(R"({"outcome":"fine","helped":"yes"})").find("\"outcome\"") !=
          std::string::npos);
    CHECK(messageOf(R"({"outcome":"supported","helped":"yes","topics":"sleep"})") ==
          "Field \"topics\" must be an array of strings.");
    CHECK(messageOf(R"([])") == "Field \"wrapup\" must be an object.");
}
