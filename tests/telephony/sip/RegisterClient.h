#pragma once

// A phone registering over TLS, for the SIP and gateway tests: REGISTER
// requests (RFC 3261 section 10.2) from a phone at 127.0.0.1:5099, the
// answer to the gateway's digest challenge, and both steps in one call.

#include "TlsClient.h"
#include "telephony/sip/SipDigest.h"

#include <chrono>
#include <regex>
#include <string>

namespace warmline::sip::test {

/// A REGISTER for `user` from a phone at 127.0.0.1:5099 over `transport`,
/// with `authorization` (a header value) when given.
inline std::string
registerRequest(const std::string& user, int cseq, const std::string& transport,
                const std::string& authorization = {},
                const std::string& contact = "<sip:app@192.168.1.20:5099;transport=tls>",
                const std::string& expires = "300")
{
    std::string r = "REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/" + transport +
                    " 127.0.0.1:5099;branch=z9hG4bKreg" + std::to_string(cseq) +
                    "\r\nFrom: <sip:" + user + "@127.0.0.1>;tag=ph1\r\nTo: <sip:" + user +
                    "@127.0.0.1>\r\nCall-ID: reg-1@phone\r\nCSeq: " + std::to_string(cseq) +
                    " REGISTER\r\nMax-Forwards: 70\r\n";
    if (!contact.empty()) {
        r += "Contact: " + contact + "\r\n";
    }
    if (!expires.empty()) {
        r += "Expires: " + expires + "\r\n";
    }
    if (!authorization.empty()) {
        r += "Authorization: " + authorization + "\r\n";
    }
    return r + "Content-Length: 0\r\n\r\n";
}

/// The Authorization value answering the last challenge in `text`.
inline std::string answerChallenge(const std::string& text, const std::string& user,
                                   const std::string& password)
{
    std::string nonce;
    std::string realm;
    const std::regex challenge(R"(WWW-Authenticate: Digest ([^\r]*))");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), challenge);
         it != std::sregex_iterator(); ++it) {
        const std::string v = (*it)[1];
        std::smatch n;
        if (std::regex_search(v, n, std::regex(R"(nonce="([^"]*)\")"))) {
            nonce = n[1];
        }
        if (std::regex_search(v, n, std::regex(R"(realm="([^"]*)\")"))) {
            realm = n[1];
        }
    }
    DigestCredentials c;
    c.username = user;
    c.realm = realm;
    c.nonce = nonce;
    c.uri = "sip:127.0.0.1";
    c.response = digestResponse(c, "REGISTER", password);
    return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce +
           "\", uri=\"sip:127.0.0.1\", response=\"" + c.response + "\"";
}

/// The status of the last response in `text` (0 if none).
inline int lastStatus(const std::string& text)
{
    const auto at = text.rfind("SIP/2.0 ");
    return at == std::string::npos || at + 11 > text.size() ? 0 : std::stoi(text.substr(at + 8, 3));
}

/// Registers `client` as `user` with `password`: the challenge, then the
/// answer. The status of the second response (0: no answer in time).
inline int registerAs(TlsClient& client, const std::string& user, const std::string& password,
                      const std::string& expires = "300")
{
    client.got.clear();
    if (!client.write(registerRequest(user, 1, "TLS")) ||
        !client.readUntil("\r\n\r\n", std::chrono::seconds(5))) {
        return 0;
    }
    const auto challenge = client.got;
    if (lastStatus(challenge) != 401) {
        return lastStatus(challenge);
    }
    client.got.clear();
    if (!client.write(registerRequest(user, 2, "TLS", answerChallenge(challenge, user, password),
                                      "<sip:app@192.168.1.20:5099;transport=tls>", expires)) ||
        !client.readUntil("\r\n\r\n", std::chrono::seconds(5))) {
        return 0;
    }
    return lastStatus(client.got);
}

} // namespace warmline::sip::test
