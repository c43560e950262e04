#pragma once

// SIP messages as the gateway uses them: parsed with libosip2 into a plain
// value, checked against the rules RFC 3261 sets for a UAS (and the RFC 4475
// torture cases), and responses built from a request. No I/O; thread-safe
// (libosip2's parser tables are set up once, on first use).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warmline::sip {

/// A SIP URI reduced to what routing needs.
struct SipUri
{
    std::string scheme; ///< lower case: sip, sips, tel, or another
    std::string user;
    std::string host;
    std::uint16_t port = 0; ///< 0: not given
    std::string transport;  ///< the transport parameter, lower case; empty if none
    std::string text;       ///< as serialised by libosip2
};

/// Parses a URI such as "sip:desk-12@10.0.0.40:5062"; nullopt if malformed.
std::optional<SipUri> parseSipUri(std::string_view text);

struct SipMessage
{
    bool isRequest = true;
    // Request line.
    std::string method;
    SipUri requestUri;
    std::string version;
    // Status line.
    int status = 0;
    std::string reason;

    std::vector<std::string> vias; ///< each Via value in order, serialised (top first)
    std::string branch;            ///< of the top Via; may be empty (RFC 2543 peers)
    std::string viaTransport;      ///< of the top Via, upper case (UDP, TCP)
    bool everyViaTls = false;      ///< every hop so far was TLS (each Via says TLS)
    std::string from;              ///< From value, serialised
    std::string to;                ///< To value, serialised
    std::string fromTag;
    std::string toTag;
    SipUri fromUri;
    SipUri toUri;
    std::string fromDisplay;
    std::string callId;
    std::uint32_t cseq = 0;
    std::string cseqMethod;
    std::optional<SipUri> contact;               ///< the first Contact's URI
    std::optional<std::uint32_t> contactExpires; ///< the first Contact's expires parameter
    bool contactStar = false;                    ///< "Contact: *" (REGISTER: remove all)
    std::size_t contactCount = 0;                ///< Contact values, "*" included
    std::optional<std::uint32_t> expires;        ///< the Expires header
    std::vector<std::string> recordRoutes;
    std::string contentType; ///< type/subtype, lower case
    std::string body;
    std::string authorization; ///< the first Authorization value, raw
    std::string assertedIdentity;
    std::vector<std::string> require;
    std::vector<std::string> accept; ///< media ranges, lower case
    int maxForwards = -1;            ///< -1: absent
};

/// The outcome of parsing one message. A request that parsed but breaks a
/// rule has `message` and a `rejectCode` to answer with; one that cannot be
/// answered (no Via, Call-ID, CSeq, From or To) has no message.
struct SipParse
{
    std::optional<SipMessage> message;
    int rejectCode = 0; ///< 0: fine
    std::string problem;
};

/// Parses exactly one message (the framing already cut it out). `sourceIp`
/// and `sourcePort`, when given, are stamped into the top Via as
/// received/rport (RFC 3261 18.2.1, RFC 3581).
SipParse parseSipMessage(std::string_view bytes, std::string_view sourceIp = {},
                         std::uint16_t sourcePort = 0);

/// A 400 Bad Request for a request libosip2 could not read, built from its
/// raw text: its Via headers, From, To (with a tag added), Call-ID and CSeq
/// copied as they came (the first of each). nullopt when the text is not a
/// request, is an ACK (never answered), or lacks a Via or one of the others:
/// then there is nothing a client could match an answer to (RFC 3261 8.2).
std::optional<std::string> badRequestFromRaw(std::string_view bytes, std::string_view toTag);

/// The standard reason phrase of a status code.
std::string_view reasonPhrase(int code);

/// A response to `request`. `toTag` is added to the To header when it has
/// none (never on 100). `extraHeaders` are complete lines without CRLF.
std::string buildResponse(const SipMessage& request, int code, std::string_view toTag = {},
                          const std::vector<std::string>& extraHeaders = {},
                          std::string_view contentType = {}, std::string_view body = {});

/// Random tokens for tags, branches (with the RFC 3261 magic cookie) and Call-IDs.
std::string randomSipToken(std::size_t bytes = 8);
std::string newBranch();

} // namespace warmline::sip
