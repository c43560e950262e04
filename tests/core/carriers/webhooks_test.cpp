#include "core/carriers/Webhooks.h"

#include <catch2/catch.hpp>

#include <tuple>

using namespace warmline;

namespace {

constexpr EpochMs kNow = 1'795'000'000'000;

FormFields twilioInbound()
{
    return {{"ToCountry", "US"},
            {"SmsMessageSid", "SM0123456789abcdef0123456789abcdef"},
            {"NumMedia", "0"},
            {"MessageSid", "SM0123456789abcdef0123456789abcdef"},
            {"AccountSid", "AC00000000000000000000000000000000"},
            {"From", "+15555550123"},
            {"To", "+15555550199"},
            {"Body", "hi, is anyone there?"},
            {"NumSegments", "1"},
            {"ApiVersion", "2010-04-01"}};
}

void setField(FormFields& fields, const std::string& name, const std::string& value)
{
    for (auto& field : fields) {
        if (field.first == name) {
            field.second = value;
            return;
        }
    }
    fields.emplace_back(name, value);
}

void removeField(FormFields& fields, const std::string& name)
{
    std::erase_if(fields, [&](const auto& field) { return field.first == name; });
}

FormFields kannelInbound()
{
    return {{"from", "+15555550123"},
            {"to", "+15555550199"},
            {"text", "can't sleep again"},
            {"time", "2026-11-12 03:14:15"}};
}

} // namespace

TEST_CASE("a Twilio inbound text parses")
{
    const auto result = parseTwilioInbound(twilioInbound(), kNow);
    REQUIRE(result);
    CHECK(result.error.empty());
    const InboundText& text = *result.value;
    CHECK(text.provider == Provider::Twilio);
    CHECK(text.providerId == "SM0123456789abcdef0123456789abcdef");
    CHECK(text.from == "+15555550123");
    CHECK(text.to == "+15555550199");
    CHECK(text.body == "hi, is anyone there?");
    CHECK(text.receivedAt == kNow);
}

TEST_CASE("Twilio: SmsSid stands in for MessageSid")
{
    auto fields = twilioInbound();
    removeField(fields, "MessageSid");
    setField(fields, "SmsSid", "SM99");
    const auto result = parseTwilioInbound(fields, kNow);
    REQUIRE(result);
    CHECK(result.value->providerId == "SM99");
}

TEST_CASE("Twilio: missing or malformed fields are refused with a reason")
{
    struct Case
    {
        std::string field;
        std::optional<std::string> value; // nullopt: remove the field
        std::string reasonPart;
    };
    const std::vector<Case> cases = {
        {"MessageSid", std::nullopt, "MessageSid is missing"},
        {"MessageSid", "", "MessageSid is missing"},
        {"MessageSid", "SM-123", "MessageSid"},
        {"MessageSid", std::string(65, 'a'), "longer than 64"},
        {"From", std::nullopt, "From is missing"},
        {"From", "", "From is missing"},
        {"From", std::string(33, '5'), "From is longer than 32"},
        {"From", "+1555\n5550123", "From"},
        {"From", "+1555|5550123", "From"},
        {"To", std::nullopt, "To is missing"},
        {"Body", std::nullopt, "Body is missing"},
        {"Body", "", "Body is empty"},
        {"Body", "caf\xE9", "not valid UTF-8"},
        {"Body", "\xED\xA0\x80", "not valid UTF-8"},
        {"Body", std::string("a\0b", 3), "NUL"},
        {"Body", std::string(10 * 1024 + 1, 'x'), "10 KiB"},
        {"NumMedia", "two", "NumMedia"},
        {"NumMedia", "-1", "NumMedia"},
    };
    for (const auto& c : cases) {
        auto fields = twilioInbound();
        if (c.field == "MessageSid") {
            removeField(fields, "SmsMessageSid");
        }
        if (c.value) {
            setField(fields, c.field, *c.value);
        } else {
            removeField(fields, c.field);
        }
        const auto result = parseTwilioInbound(fields, kNow);
        INFO(c.field << " → expecting " << c.reasonPart);
        CHECK_FALSE(result);
        CHECK_THAT(result.error, Catch::Contains(c.reasonPart));
        CHECK(result.error.find("5555550123") == std::string::npos);
    }
}

TEST_CASE("Twilio: an empty body is fine when media is attached, and 10 KiB is the limit")
{
    auto fields = twilioInbound();
    setField(fields, "Body", "");
    setField(fields, "NumMedia", "1");
    const auto media = parseTwilioInbound(fields, kNow);
    REQUIRE(media);
    CHECK(media.value->body.empty());

    setField(fields, "Body", std::string(10 * 1024, 'x'));
    CHECK(parseTwilioInbound(fields, kNow));

    removeField(fields, "NumMedia");
    setField(fields, "Body", "\xF0\x9F\x98\x80 ok");
    CHECK(parseTwilioInbound(fields, kNow));
}

TEST_CASE("a Kannel inbound text parses")
{
    auto fields = kannelInbound();
    fields.emplace_back("id", "0f8fad5b-d9cb-469f-a165-70867728950e");
    const auto result = parseKannelInbound(fields, kNow);
    REQUIRE(result);
    CHECK(result.value->provider == Provider::Kannel);
    CHECK(result.value->providerId == "0f8fad5b-d9cb-469f-a165-70867728950e");
    CHECK(result.value->from == "+15555550123");
    CHECK(result.value->to == "+15555550199");
    CHECK(result.value->body == "can't sleep again");
    CHECK(result.value->receivedAt == kNow);
}

TEST_CASE("Kannel: without an id the key is derived, stable and content-bound")
{
    const auto first = parseKannelInbound(kannelInbound(), kNow);
    const auto retried = parseKannelInbound(kannelInbound(), kNow + 5000);
    REQUIRE(first);
    REQUIRE(retried);
    CHECK(first.value->providerId.size() == 64);
    CHECK(first.value->providerId.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(first.value->providerId == retried.value->providerId);
    CHECK(first.value->providerId == kannelDerivedId("+15555550123", "+15555550199",
                                                     "2026-11-12 03:14:15", "can't sleep again"));

    // SHA-256("a|b|c|d"), computed independently.
    CHECK(kannelDerivedId("a", "b", "c", "d") ==
          "b54856b7a8705958e13238b3d67eac1cf256afefd4ad405d644ac956b1164870");

    for (const auto& [name, value] :
         std::vector<std::pair<std::string, std::string>>{{"from", "+15555550124"},
                                                          {"to", "+15555550198"},
                                                          {"time", "2026-11-12 03:14:16"},
                                                          {"text", "can't sleep again."}}) {
        auto fields = kannelInbound();
        setField(fields, name, value);
        const auto other = parseKannelInbound(fields, kNow);
        REQUIRE(other);
        CHECK(other.value->providerId != first.value->providerId);
    }

    auto noTime = kannelInbound();
    removeField(noTime, "time");
    const auto untimed = parseKannelInbound(noTime, kNow);
    REQUIRE(untimed);
    CHECK(untimed.value->providerId ==
          kannelDerivedId("+15555550123", "+15555550199", "", "can't sleep again"));
}

TEST_CASE("Kannel: charsets are converted to UTF-8")
{
    auto fields = kannelInbound();
    setField(fields, "text", "caf\xE9");
    setField(fields, "charset", "ISO-8859-1");
    auto result = parseKannelInbound(fields, kNow);
    REQUIRE(result);
    CHECK(result.value->body == "caf\xC3\xA9");

    setField(fields, "text", "\x80 5");
    setField(fields, "charset", "windows-1252");
    result = parseKannelInbound(fields, kNow);
    REQUIRE(result);
    CHECK(result.value->body == "\xE2\x82\xAC 5");

    setField(fields, "text", std::string("\x00h\x00i\xD8\x3D\xDE\x00", 8));
    setField(fields, "charset", "UTF-16BE");
    result = parseKannelInbound(fields, kNow);
    REQUIRE(result);
    CHECK(result.value->body == "hi\xF0\x9F\x98\x80");

    setField(fields, "text", "caf\xC3\xA9");
    setField(fields, "charset", "UTF-8");
    result = parseKannelInbound(fields, kNow);
    REQUIRE(result);
    CHECK(result.value->body == "caf\xC3\xA9");
}

TEST_CASE("Kannel: bad input is refused")
{
    struct Case
    {
        std::string field;
        std::optional<std::string> value;
        std::string reasonPart;
        std::string charset = "";
    };
    const std::vector<Case> cases = {
        {"from", std::nullopt, "from is missing"},
        {"to", "", "to is missing"},
        {"text", std::nullopt, "text is missing"},
        {"text", "caf\xE9", "not valid UTF-8"},
        {"text", "\x81", "not valid in its charset", "WINDOWS-1252"},
        {"text", std::string("\x00h\x00", 3), "not valid in its charset", "UTF-16BE"},
        {"text", std::string("\xD8\x3D\x00h", 4), "not valid in its charset", "UTF-16BE"},
        {"text", std::string("\xDE\x00", 2), "not valid in its charset", "UTF-16BE"},
        {"text", std::string(20 * 1024 + 1, 'x'), "10 KiB"},
        {"text", std::string(10 * 1024 + 1, 'x'), "10 KiB"},
        {"time", "yesterday", "time"},
        {"time", "2026-11-12T03:14:15", "time"},
        {"id", std::string(65, 'a'), "id is longer"},
        {"id", "abc def", "id has"},
    };
    for (const auto& c : cases) {
        auto fields = kannelInbound();
        if (c.value) {
            setField(fields, c.field, *c.value);
        } else {
            removeField(fields, c.field);
        }
        if (!c.charset.empty()) {
            setField(fields, "charset", c.charset);
        }
        const auto result = parseKannelInbound(fields, kNow);
        INFO(c.field << " → expecting " << c.reasonPart);
        CHECK_FALSE(result);
        CHECK_THAT(result.error, Catch::Contains(c.reasonPart));
    }
}

TEST_CASE("Kannel: an empty text and a minute-resolution time are accepted")
{
    auto fields = kannelInbound();
    setField(fields, "text", "");
    setField(fields, "time", "2026-11-12 03:14");
    const auto result = parseKannelInbound(fields, kNow);
    REQUIRE(result);
    CHECK(result.value->body.empty());
}

TEST_CASE("Twilio status callbacks map to delivery statuses")
{
    const std::vector<std::pair<std::string, DeliveryStatus>> cases = {
        {"queued", DeliveryStatus::Queued},           {"accepted", DeliveryStatus::Queued},
        {"sending", DeliveryStatus::Sending},         {"sent", DeliveryStatus::Sent},
        {"delivered", DeliveryStatus::Delivered},     {"read", DeliveryStatus::Delivered},
        {"undelivered", DeliveryStatus::Undelivered}, {"failed", DeliveryStatus::Failed},
        {"canceled", DeliveryStatus::Failed},         {"received", DeliveryStatus::Received},
    };
    for (const auto& [name, status] : cases) {
        const FormFields fields = {{"MessageSid", "SM0123"}, {"MessageStatus", name}};
        const auto result = parseTwilioStatus(fields);
        INFO(name);
        REQUIRE(result);
        CHECK(result.value->provider == Provider::Twilio);
        CHECK(result.value->providerId == "SM0123");
        CHECK_FALSE(result.value->messageId.has_value());
        CHECK(result.value->status == status);
        CHECK(result.value->errorCode.empty());
    }

    const auto failed = parseTwilioStatus(
        {{"SmsSid", "SM0123"}, {"SmsStatus", "undelivered"}, {"ErrorCode", "30003"}});
    REQUIRE(failed);
    CHECK(failed.value->status == DeliveryStatus::Undelivered);
    CHECK(failed.value->errorCode == "30003");
}

TEST_CASE("Twilio status callbacks with bad fields are refused")
{
    CHECK_THAT(parseTwilioStatus({{"MessageStatus", "sent"}}).error,
               Catch::Contains("MessageSid is missing"));
    CHECK_THAT(parseTwilioStatus({{"MessageSid", "SM1"}}).error,
               Catch::Contains("MessageStatus is missing"));
    CHECK_THAT(parseTwilioStatus({{"MessageSid", "SM1"}, {"MessageStatus", "exploded"}}).error,
               Catch::Contains("MessageStatus"));
    CHECK_THAT(parseTwilioStatus({{"MessageSid", "SM1"}, {"MessageStatus", "Sent"}}).error,
               Catch::Contains("MessageStatus"));
    CHECK_THAT(parseTwilioStatus(
                   {{"MessageSid", "SM1"}, {"MessageStatus", "failed"}, {"ErrorCode", "3 0"}})
                   .error,
               Catch::Contains("ErrorCode"));
}

TEST_CASE("Kannel delivery reports map DLR types")
{
    const std::vector<std::tuple<std::string, DeliveryStatus, std::string>> cases = {
        {"1", DeliveryStatus::Delivered, ""}, {"2", DeliveryStatus::Undelivered, "2"},
        {"4", DeliveryStatus::Queued, ""},    {"8", DeliveryStatus::Sent, ""},
        {"16", DeliveryStatus::Failed, "16"},
    };
    for (const auto& [type, status, code] : cases) {
        const auto result = parseKannelDlr({{"id", "4711"}, {"status", type}});
        INFO(type);
        REQUIRE(result);
        CHECK(result.value->provider == Provider::Kannel);
        CHECK(result.value->messageId == std::optional<Id>(4711));
        CHECK(result.value->status == status);
        CHECK(result.value->errorCode == code);
    }
}

TEST_CASE("Kannel delivery reports with bad fields are refused")
{
    CHECK_THAT(parseKannelDlr({{"status", "1"}}).error, Catch::Contains("id is missing"));
    CHECK_THAT(parseKannelDlr({{"id", "abc"}, {"status", "1"}}).error, Catch::Contains("id"));
    CHECK_THAT(parseKannelDlr({{"id", "-4"}, {"status", "1"}}).error, Catch::Contains("id"));
    CHECK_THAT(parseKannelDlr({{"id", "0"}, {"status", "1"}}).error, Catch::Contains("id"));
    CHECK_THAT(parseKannelDlr({{"id", "99999999999999999999"}, {"status", "1"}}).error,
               Catch::Contains("id"));
    CHECK_THAT(parseKannelDlr({{"id", "7"}}).error, Catch::Contains("status is missing"));
    CHECK_THAT(parseKannelDlr({{"id", "7"}, {"status", "3"}}).error, Catch::Contains("status"));
    CHECK_THAT(parseKannelDlr({{"id", "7"}, {"status", "x"}}).error, Catch::Contains("status"));
}
