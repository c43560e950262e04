// Fuzz target: raw SIP bytes as they reach the gateway, over a stream (TCP
// framing by Content-Length) and as a datagram (UDP), then the libosip2-based
// parser, the stateless response built from what parsed, and the parsers
// that read parts of a request (SDP body, Digest Authorization, URIs).

#include "tests/fuzz/FuzzCheck.h"

#include "telephony/media/Sdp.h"
#include "telephony/sip/SipDigest.h"
#include "telephony/sip/SipFraming.h"
#include "telephony/sip/SipMessage.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace warmline;
using namespace warmline::sip;

namespace {

// The endpoint's default limit (SipEndpoint::Settings::maxMessageBytes).
constexpr std::size_t kMaxMessageBytes = 65535;

bool hasLineBreak(std::string_view s)
{
    return s.find_first_of("\r\n") != std::string_view::npos;
}

void checkUri(const SipUri& uri)
{
    FUZZ_CHECK(!hasLineBreak(uri.text));
    if (!uri.text.empty()) {
        parseSipUri(uri.text);
    }
}

// What the endpoint does with one framed message (SipEndpoint::receive).
void handleMessage(std::string_view bytes)
{
    const SipParse parsed = parseSipMessage(bytes, "192.0.2.10", 5060);
    if (!parsed.message) {
        FUZZ_CHECK(parsed.rejectCode != 0);
        return;
    }
    const SipMessage& m = *parsed.message;
    if (parsed.rejectCode != 0) {
        FUZZ_CHECK(parsed.rejectCode >= 400 && parsed.rejectCode <= 699);
    }
    // Every value the response copies back must stay on its own line, or a
    // caller could inject header lines into the gateway's answer.
    for (const auto& via : m.vias) {
        FUZZ_CHECK(!hasLineBreak(via));
    }
    FUZZ_CHECK(!hasLineBreak(m.from));
    FUZZ_CHECK(!hasLineBreak(m.to));
    FUZZ_CHECK(!hasLineBreak(m.callId));
    FUZZ_CHECK(!hasLineBreak(m.cseqMethod));
    FUZZ_CHECK(!hasLineBreak(m.branch));
    checkUri(m.requestUri);
    checkUri(m.fromUri);
    checkUri(m.toUri);
    if (m.contact) {
        checkUri(*m.contact);
    }

    if (m.isRequest && m.method != "ACK") {
        const int code = parsed.rejectCode != 0 ? parsed.rejectCode : 200;
        const std::string response = buildResponse(m, code, "fuzztag");
        const SipFrame frame = nextSipStreamFrame(response, response.size() + 1);
        FUZZ_CHECK(frame.kind == SipFrame::Kind::Message);
        FUZZ_CHECK(frame.length == response.size());
        // Not required: that the response parses again. libosip2 accepts
        // some From values it cannot read back once it has serialised them
        // (regressions/sip_message/from-uri-libosip2-cannot-read-back.sip),
        // and the response copies From as RFC 3261 requires.
    }
    if (const auto sdp = parseSdp(m.body)) {
        chooseCodec(*sdp);
    }
    if (!m.authorization.empty()) {
        parseDigestAuthorization(m.authorization);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    // As a TCP stream: frame messages one after another, as the endpoint's
    // drain loop does; every frame must consume bytes or the loop spins.
    std::size_t used = 0;
    while (used < input.size()) {
        const std::string_view rest = input.substr(used);
        const SipFrame frame = nextSipStreamFrame(rest, kMaxMessageBytes);
        if (frame.kind == SipFrame::Kind::Incomplete) {
            break;
        }
        if (frame.kind == SipFrame::Kind::Error) {
            FUZZ_CHECK(!frame.error.empty());
            break;
        }
        FUZZ_CHECK(frame.length > 0);
        FUZZ_CHECK(frame.length <= rest.size());
        FUZZ_CHECK(frame.length <= kMaxMessageBytes);
        if (frame.kind == SipFrame::Kind::Message) {
            handleMessage(rest.substr(0, frame.length));
        }
        used += frame.length;
    }

    // As a UDP datagram.
    if (input.size() <= kMaxMessageBytes) {
        const SipDatagram d = sipDatagramMessage(input);
        if (d.error.empty()) {
            FUZZ_CHECK(d.length <= input.size());
            handleMessage(input.substr(0, d.length));
        } else {
            handleMessage(input);
        }
    }
    return 0;
}
