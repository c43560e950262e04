#include "telephony/sip/SipMessage.h"
#include "core/text/Text.h"

#include "telephony/sip/SipFraming.h"
#include "telephony/sip/SipHeaderText.h"

// <osip2/…> and <osipparser2/…> need <sys/time.h> first in C++.
#include <sys/time.h>

#include <osipparser2/osip_message.h>
#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_port.h>

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <mutex>

namespace warmline::sip {

namespace {

using namespace detail;

void discardTrace(const char*, int, osip_trace_level_t, const char*, va_list) {}

void initParser()
{
    static std::once_flag once;
    std::call_once(once, [] {
        parser_init();
        // libosip2's own trace goes to stderr unasked; the gateway logs
        // parse failures itself, without message content.
        osip_trace_initialize_func(TRACE_LEVEL0, &discardTrace);
        for (int level = 0; level < END_TRACE_LEVEL; ++level) {
            osip_trace_disable_level(static_cast<osip_trace_level_t>(level));
        }
    });
}

struct MessageDeleter
{
    void operator()(osip_message_t* m) const { osip_message_free(m); }
};
using MessagePtr = std::unique_ptr<osip_message_t, MessageDeleter>;

struct UriDeleter
{
    void operator()(osip_uri_t* u) const { osip_uri_free(u); }
};

/// Takes ownership of a string libosip2 allocated.
std::string take(char* s)
{
    if (s == nullptr) {
        return {};
    }
    std::string out(s);
    osip_free(s);
    return out;
}

std::optional<SipUri> fromOsipUri(const osip_uri_t* u)
{
    if (u == nullptr) {
        return std::nullopt;
    }
    SipUri out;
    out.scheme = asciiLower(u->scheme != nullptr ? u->scheme : "");
    if (out.scheme.empty()) {
        return std::nullopt;
    }
    out.user = u->username != nullptr ? u->username : "";
    out.host = u->host != nullptr ? u->host : "";
    if (u->port != nullptr) {
        const int port = osip_atoi(u->port);
        if (port <= 0 || port > 65535) {
            return std::nullopt;
        }
        out.port = static_cast<std::uint16_t>(port);
    }
    osip_uri_param_t* t = nullptr;
    if (osip_uri_param_get_byname(const_cast<osip_list_t*>(&u->url_params),
                                  const_cast<char*>("transport"), &t) == 0 &&
        t != nullptr && t->gvalue != nullptr) {
        out.transport = asciiLower(t->gvalue);
    }
    char* text = nullptr;
    if (osip_uri_to_str(u, &text) != 0) {
        return std::nullopt;
    }
    out.text = take(text);
    // libosip2 keeps raw control characters (a bare CR in the host, say). A
    // URI is sent back as it is (a Contact becomes the Request-URI of our
    // BYE), so one holding them would split or inject lines: not a URI.
    if (hasControlCharacter(out.text)) {
        return std::nullopt;
    }
    return out;
}

void reject(SipParse& p, int code, std::string problem)
{
    if (p.rejectCode == 0) {
        p.rejectCode = code;
        p.problem = std::move(problem);
    }
}

} // namespace

std::optional<SipUri> parseSipUri(std::string_view text)
{
    initParser();
    osip_uri_t* raw = nullptr;
    if (osip_uri_init(&raw) != 0) {
        return std::nullopt;
    }
    std::unique_ptr<osip_uri_t, UriDeleter> uri(raw);
    const std::string copy(text);
    if (osip_uri_parse(uri.get(), copy.c_str()) != 0) {
        return std::nullopt;
    }
    auto out = fromOsipUri(uri.get());
    if (out && (out->scheme == "sip" || out->scheme == "sips") && out->host.empty()) {
        return std::nullopt;
    }
    return out;
}

SipParse parseSipMessage(std::string_view bytes, std::string_view sourceIp,
                         std::uint16_t sourcePort)
{
    initParser();
    SipParse result;
    const std::size_t headerEnd = bytes.find("\r\n\r\n");
    if (headerEnd == std::string_view::npos) {
        result.rejectCode = 400;
        result.problem = "the header does not end with an empty line";
        return result;
    }
    const std::string_view header = bytes.substr(0, headerEnd + 2);
    const std::string_view startLine = header.substr(0, header.find('\n'));

    osip_message_t* raw = nullptr;
    if (osip_message_init(&raw) != 0) {
        result.rejectCode = 500;
        result.problem = "out of memory";
        return result;
    }
    MessagePtr msg(raw);
    // libosip2 reads a NUL-terminated copy; the body is taken from `bytes`.
    std::string copy(bytes);
    bool lengthProblem = false;
    try {
        const auto declared = sipContentLength(header);
        lengthProblem = declared && *declared > bytes.size() - (headerEnd + 4);
    } catch (const std::invalid_argument&) {
        lengthProblem = true;
    }
    if (lengthProblem) {
        // Still answerable (400): libosip2 gets the header without its
        // Content-Length and without a body.
        copy.clear();
        std::size_t pos = 0;
        while (pos < headerEnd + 2) {
            const std::size_t eol = bytes.find("\r\n", pos);
            const std::string_view line = bytes.substr(pos, eol + 2 - pos);
            pos = eol + 2;
            const std::size_t colon = line.find(':');
            const std::string name = colon == std::string_view::npos
                                         ? std::string()
                                         : asciiLower(trim(line.substr(0, colon), kBlanks));
            if (name != "content-length" && name != "l") {
                copy += line;
            }
        }
        copy += "\r\n";
        reject(result, 400, "Content-Length is malformed or larger than the message");
    }
    std::string foreignUri;
    if (const auto r = foreignRequestUri(startLine)) {
        // libosip2 cannot parse URIs of other schemes; the request is still
        // well formed and is answered 416 by its user.
        foreignUri = std::string(startLine.substr(r->first, r->second));
        copy.replace(r->first, r->second, "sip:foreign-scheme.invalid");
    }
    for (std::size_t i = 0; i < std::min(copy.size(), headerEnd); ++i) {
        // (The header's bytes sit at the same offsets in `copy`.)
        if (copy[i] == '\0') {
            // An escaped NUL in a quoted string is legal (RFC 4475 3.1.1.2)
            // but would end libosip2's C string: it becomes a space. Any
            // other NUL makes the message unusable.
            if (i == 0 || copy[i - 1] != '\\') {
                result.rejectCode = 400;
                result.problem = "the header contains a NUL byte";
                return result;
            }
            copy[i] = ' ';
        }
    }
    const auto lineProblem = startLineProblem(startLine);
    if (lineProblem || osip_message_parse(msg.get(), copy.c_str(), copy.size()) != 0) {
        // A request whose start line is broken is still answered 400 when its
        // header can be read: parse it again under a stand-in request line.
        const std::size_t sp = startLine.find(' ');
        const std::string method(startLine.substr(0, sp));
        const std::size_t eol = copy.find("\r\n");
        osip_message_t* retry = nullptr;
        if (startLine.rfind("SIP/", 0) == 0 || sp == std::string_view::npos || !isToken(method) ||
            eol == std::string::npos || osip_message_init(&retry) != 0) {
            result.rejectCode = 400;
            result.problem = "the message could not be parsed";
            return result;
        }
        msg.reset(retry);
        copy.replace(0, eol, method + " sip:malformed.invalid SIP/2.0");
        if (osip_message_parse(msg.get(), copy.c_str(), copy.size()) != 0) {
            result.rejectCode = 400;
            result.problem = "the message could not be parsed";
            return result;
        }
        reject(result, 400, lineProblem.value_or("the request line is malformed"));
    }
    SipMessage m;
    m.isRequest = MSG_IS_REQUEST(msg.get());
    if (m.isRequest) {
        m.method = msg->sip_method != nullptr ? msg->sip_method : "";
        m.version = msg->sip_version != nullptr ? msg->sip_version : "";
        if (!foreignUri.empty()) {
            m.requestUri.text = foreignUri;
            m.requestUri.scheme = asciiLower(foreignUri.substr(0, foreignUri.find(':')));
        } else if (auto uri = fromOsipUri(msg->req_uri)) {
            m.requestUri = std::move(*uri);
            if (osip_list_size(&msg->req_uri->url_headers) > 0 &&
                (m.requestUri.scheme == "sip" || m.requestUri.scheme == "sips")) {
                reject(result, 400, "the Request-URI carries headers");
            }
        } else {
            reject(result, 400, "the Request-URI is malformed");
        }
    } else {
        if (msg->status_code < 100 || msg->status_code > 699) {
            result.rejectCode = 400;
            result.problem = "the status code is out of range";
            return result;
        }
        m.status = msg->status_code;
        m.reason = msg->reason_phrase != nullptr ? msg->reason_phrase : "";
        m.version = msg->sip_version != nullptr ? msg->sip_version : "";
    }

    // Without a Via and a CSeq a request cannot be answered at all.
    if (msg->cseq == nullptr || osip_list_size(&msg->vias) == 0) {
        result.rejectCode = 400;
        result.problem = "a required header (Via, CSeq) is missing";
        return result;
    }
    if (msg->call_id == nullptr || msg->from == nullptr || msg->to == nullptr) {
        reject(result, 400, "a required header (From, To, Call-ID) is missing");
    }
    m.everyViaTls = true;
    for (int i = 0; i < osip_list_size(&msg->vias); ++i) {
        auto* via = static_cast<osip_via_t*>(osip_list_get(&msg->vias, i));
        if (upper(via->protocol != nullptr ? via->protocol : "") != "TLS") {
            m.everyViaTls = false;
        }
        if (i == 0) {
            m.viaTransport = upper(via->protocol != nullptr ? via->protocol : "");
            osip_generic_param_t* b = nullptr;
            if (osip_via_param_get_byname(via, const_cast<char*>("branch"), &b) == 0 &&
                b != nullptr && b->gvalue != nullptr) {
                m.branch = b->gvalue;
            }
            if (!sourceIp.empty()) {
                osip_generic_param_t* rport = nullptr;
                if (osip_via_param_get_byname(via, const_cast<char*>("rport"), &rport) == 0 &&
                    rport != nullptr && rport->gvalue == nullptr) {
                    rport->gvalue = osip_strdup(std::to_string(sourcePort).c_str());
                }
                osip_generic_param_t* received = nullptr;
                if (osip_via_param_get_byname(via, const_cast<char*>("received"), &received) != 0 &&
                    (via->host == nullptr || sourceIp != via->host)) {
                    osip_via_set_received(via, osip_strdup(std::string(sourceIp).c_str()));
                }
            }
        }
        char* text = nullptr;
        if (osip_via_to_str(via, &text) != 0) {
            result.rejectCode = 400;
            result.problem = "a Via header is malformed";
            return result;
        }
        m.vias.push_back(take(text));
    }
    char* text = nullptr;
    if (msg->from != nullptr) {
        if (osip_from_to_str(msg->from, &text) != 0) {
            reject(result, 400, "the From header is malformed");
        }
        m.from = take(text);
        osip_generic_param_t* tag = nullptr;
        if (osip_from_get_tag(msg->from, &tag) == 0 && tag != nullptr && tag->gvalue != nullptr) {
            m.fromTag = tag->gvalue;
        }
        if (auto u = fromOsipUri(msg->from->url)) {
            m.fromUri = std::move(*u);
        }
        if (msg->from->displayname != nullptr) {
            m.fromDisplay = msg->from->displayname;
        }
    }
    if (msg->to != nullptr) {
        text = nullptr;
        if (osip_to_to_str(msg->to, &text) != 0) {
            reject(result, 400, "the To header is malformed");
        }
        m.to = take(text);
        osip_generic_param_t* tag = nullptr;
        if (osip_to_get_tag(msg->to, &tag) == 0 && tag != nullptr && tag->gvalue != nullptr) {
            m.toTag = tag->gvalue;
        }
        if (auto u = fromOsipUri(msg->to->url)) {
            m.toUri = std::move(*u);
        }
    }
    if (msg->call_id != nullptr) {
        text = nullptr;
        if (osip_call_id_to_str(msg->call_id, &text) != 0) {
            reject(result, 400, "the Call-ID is malformed");
        }
        m.callId = take(text);
    }
    const auto cseq = decimal(msg->cseq->number != nullptr ? msg->cseq->number : "", 0x7FFFFFFF);
    m.cseqMethod = msg->cseq->method != nullptr ? msg->cseq->method : "";
    if (!cseq || !isToken(m.cseqMethod)) {
        // Answerable only with the CSeq as given; an overlarge number is still a reply key.
        reject(result, 400, "the CSeq is malformed or out of range");
        m.cseq = 0;
    } else {
        m.cseq = static_cast<std::uint32_t>(*cseq);
    }

    m.contactCount = static_cast<std::size_t>(std::max(0, osip_list_size(&msg->contacts)));
    if (osip_list_size(&msg->contacts) > 0) {
        auto* c = static_cast<osip_contact_t*>(osip_list_get(&msg->contacts, 0));
        if (c != nullptr && c->url != nullptr) {
            m.contact = fromOsipUri(c->url);
            osip_generic_param_t* param = nullptr;
            if (osip_contact_param_get_byname(c, const_cast<char*>("expires"), &param) == 0 &&
                param != nullptr) {
                const auto v = decimal(param->gvalue != nullptr ? param->gvalue : "", 0xFFFFFFFF);
                if (!v) {
                    reject(result, 400, "a Contact's expires parameter is malformed");
                } else {
                    m.contactExpires = static_cast<std::uint32_t>(*v);
                }
            }
        }
    }
    for (int i = 0; i < osip_list_size(&msg->record_routes); ++i) {
        auto* rr = static_cast<osip_record_route_t*>(osip_list_get(&msg->record_routes, i));
        if (osip_record_route_to_str(rr, &text) == 0) {
            m.recordRoutes.push_back(take(text));
        }
    }
    if (msg->content_type != nullptr && msg->content_type->type != nullptr &&
        msg->content_type->subtype != nullptr) {
        m.contentType =
            asciiLower(std::string(msg->content_type->type) + "/" + msg->content_type->subtype);
    }
    const std::size_t bodyStart = headerEnd + 4;
    if (!lengthProblem) {
        m.body = std::string(bytes.substr(std::min(bodyStart, bytes.size())));
    }

    // Rules libosip2 leaves to its user.
    const auto names = headerNames(header);
    for (const std::string_view single :
         {"to", "from", "call-id", "cseq", "max-forwards", "content-type"}) {
        if (std::count(names.begin(), names.end(), single) > 1) {
            reject(result, 400, "the " + std::string(single) + " header is given more than once");
        }
    }
    const auto contentLengths = rawValues(header, "content-length", 'l');
    for (const auto& cl : contentLengths) {
        if (!decimal(cl, 0xFFFFFFFF) || cl != contentLengths.front()) {
            reject(result, 400, "Content-Length is malformed or given twice");
        }
    }
    for (const auto& mf : rawValues(header, "max-forwards")) {
        const auto v = decimal(mf, 255);
        if (!v) {
            reject(result, 400, "Max-Forwards is malformed or larger than 255");
        } else {
            m.maxForwards = static_cast<int>(*v);
        }
    }
    for (const auto& e : rawValues(header, "expires")) {
        if (const auto v = decimal(e, 0xFFFFFFFF); !v) {
            reject(result, 400, "Expires is malformed or out of range");
        } else {
            m.expires = static_cast<std::uint32_t>(*v);
        }
    }
    for (const auto& v : rawValues(header, "via", 'v')) {
        if (hasEmptyParameter(v)) {
            reject(result, 400, "a Via header has an empty parameter");
        }
    }
    for (const auto& v : rawValues(header, "contact", 'm')) {
        if (hasEmptyParameter(v)) {
            reject(result, 400, "a Contact header has an empty parameter");
        }
        // "*" alone, or (malformed, rejected by the registrar) with others.
        const auto value = trim(std::string_view(v), kBlanks);
        if (value == "*" ||
            (value.starts_with("*") && trim(value.substr(1), kBlanks).starts_with(","))) {
            m.contactStar = true;
        }
    }
    for (const auto& v : rawValues(header, "require")) {
        std::size_t start = 0;
        while (start <= v.size()) {
            const std::size_t comma = std::min(v.find(',', start), v.size());
            const auto tagName = trim(std::string_view(v).substr(start, comma - start), kBlanks);
            if (!tagName.empty()) {
                m.require.emplace_back(tagName);
            }
            start = comma + 1;
        }
    }
    for (const auto& v : rawValues(header, "accept")) {
        std::size_t start = 0;
        while (start <= v.size()) {
            const std::size_t comma = std::min(v.find(',', start), v.size());
            auto range = trim(std::string_view(v).substr(start, comma - start), kBlanks);
            range = trim(range.substr(0, range.find(';')), kBlanks);
            if (!range.empty()) {
                m.accept.push_back(asciiLower(range));
            }
            start = comma + 1;
        }
    }
    if (const auto auths = rawValues(header, "authorization"); !auths.empty()) {
        m.authorization = auths.front();
    }
    if (const auto pai = rawValues(header, "p-asserted-identity"); !pai.empty()) {
        m.assertedIdentity = pai.front();
    }
    if (m.isRequest) {
        if (upper(m.version) != "SIP/2.0") {
            reject(result, 505, "only SIP/2.0 is supported");
        }
        if (m.method != "ACK" && m.method != "CANCEL" && m.cseq != 0 && m.cseqMethod != m.method) {
            reject(result, 400, "the CSeq method does not match the request's method");
        }
        if ((m.method == "ACK" || m.method == "CANCEL") && m.cseqMethod != m.method) {
            reject(result, 400, "the CSeq method does not match the request's method");
        }
    }
    result.message = std::move(m);
    return result;
}

} // namespace warmline::sip
