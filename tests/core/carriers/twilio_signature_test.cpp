#include "core/carriers/TwilioSignature.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace warmline;

namespace {

// The example from Twilio's security documentation.
const std::string kToken = "12345";
const std::string kUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";
const std::vector<std::pair<std::string, std::string>> kParams = {
    {"CallSid", "CA1234567890ABCDE"}, {"Caller", "+12349013030"}, {"Digits", "1234"},
    {"From", "+12349013030"},         {"To", "+18005551212"},
};
const std::string kExpected = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

} // namespace

TEST_CASE("Twilio's documented example signature")
{
    CHECK(twilioSignature(kToken, kUrl, kParams) == kExpected);
    CHECK(verifyTwilioSignature(kToken, kUrl, kParams, kExpected));
}

TEST_CASE("parameter order on the wire does not matter")
{
    auto shuffled = kParams;
    std::reverse(shuffled.begin(), shuffled.end());
    std::swap(shuffled[1], shuffled[3]);
    CHECK(twilioSignature(kToken, kUrl, shuffled) == kExpected);
}

TEST_CASE("any change to the request breaks the signature")
{
    auto changed = kParams;
    changed[2].second = "1235";
    CHECK_FALSE(verifyTwilioSignature(kToken, kUrl, changed, kExpected));

    auto extra = kParams;
    extra.emplace_back("Body", "hi");
    CHECK_FALSE(verifyTwilioSignature(kToken, kUrl, extra, kExpected));

    CHECK_FALSE(verifyTwilioSignature("12346", kUrl, kParams, kExpected));
    CHECK_FALSE(verifyTwilioSignature(kToken, "https://mycompany.com/myapp.php?foo=1&bar=3",
                                      kParams, kExpected));
    CHECK_FALSE(verifyTwilioSignature(kToken, "http://mycompany.com/myapp.php?foo=1&bar=2", kParams,
                                      kExpected));
}

TEST_CASE("malformed or missing headers and tokens never verify")
{
    CHECK_FALSE(verifyTwilioSignature(kToken, kUrl, kParams, ""));
    CHECK_FALSE(verifyTwilioSignature(kToken, kUrl, kParams, kExpected.substr(1)));
    CHECK_FALSE(verifyTwilioSignature(kToken, kUrl, kParams, kExpected + "="));
    CHECK_FALSE(verifyTwilioSignature(kToken, kUrl, kParams, "1/KCTR6DLpKmkAf8muzZqo1nDgQ="));
    CHECK_FALSE(verifyTwilioSignature("", kUrl, kParams, twilioSignature("", kUrl, kParams)));
}

TEST_CASE("a signature with no parameters covers only the URL")
{
    const std::string url = "https://line.example.org/twilio/sms";
    const std::string signature = twilioSignature("token-for-tests", url, {});
    CHECK(signature.size() == 28); // base64 of 20 bytes
    CHECK(verifyTwilioSignature("token-for-tests", url, {}, signature));
    CHECK(signature != twilioSignature("token-for-tests", url + "/", {}));
}
