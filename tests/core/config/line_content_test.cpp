#include "core/config/LineContent.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using namespace warmline;
using Catch::Matchers::Contains;

namespace {

std::string errorOf(const std::string& text)
{
    try {
        parseLineContent(text, "content.json");
    } catch (const LineContentError& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

TEST_CASE("a content file parses into quick replies, topics and referrals")
{
    const auto content = parseLineContent(R"({
  "version": 1,
  "quickReplies": [{"title": "Welcome", "text": "Hi, I'm here."},
                   {"title": "Goodbye", "text": "Take care."}],
  "topics": ["loneliness", "sleep"],
  "referrals": ["211"]
})",
                                          "content.json");
    REQUIRE(content.quickReplies.size() == 2);
    CHECK(content.quickReplies[0] == QuickReply{"Welcome", "Hi, I'm here."});
    CHECK(content.topics == std::vector<std::string>{"loneliness", "sleep"});
    CHECK(content.referrals == std::vector<std::string>{"211"});

    const auto empty = parseLineContent(
        R"({"version":1,"quickReplies":[],"topics":[],"referrals":[]})", "content.json");
    CHECK(empty == LineContent{});
}

TEST_CASE("the shipped line-content.json is valid and carries the crisis resources")
{
    const auto content =
        loadLineContent(std::string(WARMLINE_SOURCE_DIR) + "/resources/line-content.json");
    CHECK(content.quickReplies.size() >= 8);
    CHECK(content.topics.size() == 17);
    // What an escalation is about can be recorded as a topic.
    CHECK(std::find(content.topics.begin(), content.topics.end(), "suicidal thoughts") !=
          content.topics.end());
    CHECK(std::find(content.topics.begin(), content.topics.end(), "self-harm") !=
          content.topics.end());
    CHECK(content.referrals.size() == 8);
    CHECK(std::any_of(content.quickReplies.begin(), content.quickReplies.end(), [](const auto& q) {
        return q.text == "If you're thinking about suicide or are in danger, you can call or text "
                         "988 any time, or text HOME to 741741.";
    }));
    CHECK(std::find(content.topics.begin(), content.topics.end(), "work/school") !=
          content.topics.end());
}

TEST_CASE("a malformed content file is refused with the file, the place and the problem")
{
    CHECK_THAT(errorOf("{\"version\": 1,\n  \"topics\": [\"a\",]\n}"),
               Contains("content.json: line 2") && Contains("not valid JSON"));
    CHECK(errorOf("[]") == "content.json: the file must hold one JSON object");
    CHECK(errorOf(R"({"quickReplies":[],"topics":[],"referrals":[]})") ==
          "content.json: version: is missing");
    CHECK_THAT(errorOf(R"({"version":2,"quickReplies":[],"topics":[],"referrals":[]})"),
               Contains("content.json: version: must be 1"));
    CHECK(errorOf(R"({"version":1,"topics":[],"referrals":[]})") ==
          "content.json: quickReplies: is missing (an array is required)");
    CHECK(errorOf(R"({"version":1,"quickReplies":[{"title":"Hi"}],"topics":[],"referrals":[]})") ==
          "content.json: quickReplies[0].text: is missing");
    CHECK(errorOf(R"({"version":1,"quickReplies":[{"title":"Hi","text":" "}],"topics":[],)"
                  R"("referrals":[]})") == "content.json: quickReplies[0].text: is empty");
    CHECK(errorOf(R"({"version":1,"quickReplies":[],"topics":["a", 3],"referrals":[]})") ==
          "content.json: topics[1]: must be a string");
    CHECK(errorOf(R"({"version":1,"quickReplies":[],"topics":["a","a"],"referrals":[]})") ==
          "content.json: topics[1]: \"a\" appears twice");
    CHECK(errorOf(R"({"version":1,"quickReplies":[],"topics":[],"referrals":"211"})") ==
          "content.json: referrals: must be an array");
    CHECK_THAT(errorOf(R"({"version":1,"quickreplies":[],"topics":[],"referrals":[]})"),
               Contains("content.json: quickreplies: unknown key"));
    const std::string longTopic(65, 'x');
    CHECK_THAT(errorOf(R"({"version":1,"quickReplies":[],"topics":[")" + longTopic +
                       R"("],"referrals":[]})"),
               Contains("topics[0]: is longer than 64 bytes"));
    CHECK_THAT(errorOf(R"({"version":1,"quickReplies":[],"topics":[")"
                       "\xff"
                       R"("],"referrals":[]})"),
               Contains("content.json"));
}

TEST_CASE("an unreadable content file is reported with its path")
{
    try {
        loadLineContent("/nonexistent/warmline/line-content.json");
        FAIL("no error");
    } catch (const LineContentError& e) {
        CHECK(std::string(e.what()) ==
              "/nonexistent/warmline/line-content.json: cannot be opened for reading");
    }
}

TEST_CASE("interpreter services parse with their languages, and a bad one names its place")
{
    const std::string head = R"({"version":1,"quickReplies":[],"topics":[],"referrals":[],)";
    const auto content = parseLineContent(
        head + R"("interpreters":[{"id":"lang","name":"Telephone interpreters",)"
               R"("callAddress":"+15555550170","languages":["Vietnamese","Tagalog"]},)"
               R"({"id":"asl","name":"Video relay","callAddress":"sip:relay@192.0.2.9"}]})",
        "content.json");
    REQUIRE(content.interpreters.size() == 2);
    CHECK(content.interpreters[0] ==
          InterpreterService{
              "lang", "Telephone interpreters", "+15555550170", {"Vietnamese", "Tagalog"}});
    CHECK(content.interpreters[1].languages.empty());
    // None unless the file names some: a line needs an account with a service.
    CHECK(parseLineContent(R"({"version":1,"quickReplies":[],"topics":[],"referrals":[]})",
                           "content.json")
              .interpreters.empty());

    CHECK(errorOf(head + R"("interpreters":[{"id":"lang","name":"X"}]})") ==
          "content.json: interpreters[0].callAddress: is missing");
    CHECK(errorOf(head + R"("interpreters":[{"id":"a","name":"X","callAddress":"1",)"
                         R"("languages":["Tagalog","Tagalog"]}]})") ==
          "content.json: interpreters[0].languages[1]: \"Tagalog\" appears twice");
    CHECK_THAT(errorOf(head + R"("interpreters":[{"id":"a","name":"X","callAddress":"1",)"
                              R"("number":"2"}]})"),
               Contains("content.json: interpreters[0].number: unknown key"));
    CHECK(errorOf(head + R"("interpreters":[{"id":"a","name":"X","callAddress":"1"},)"
                         R"({"id":"a","name":"Y","callAddress":"2"}]})") ==
          "content.json: interpreters[1].id: \"a\" appears twice");
}
