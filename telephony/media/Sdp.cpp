#include "telephony/media/Sdp.h"
#include "core/text/Text.h"
#include "telephony/media/SdpWords.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace warmline {

namespace {

std::optional<int> toInt(std::string_view s)
{
    int v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size()) {
        return std::nullopt;
    }
    return v;
}

/// The address of a c= line value "IN IP4 192.0.2.1[/ttl]"; empty if unusable.
std::string connectionAddress(std::string_view value)
{
    const auto w = sdpWords(value);
    if (w.size() < 3 || w[0] != "IN" || w[1] != "IP4") {
        return {};
    }
    std::string_view addr = w[2];
    addr = addr.substr(0, addr.find('/'));
    return std::string(addr);
}

/// More a=crypto lines than any real offer has are ignored.
constexpr std::size_t kMaxCryptos = 16;

} // namespace

std::optional<SdpMedia> parseSdp(std::string_view body)
{
    std::string sessionAddress;
    std::optional<SdpMedia> media;
    bool inAudio = false;
    bool sawVersion = false;
    bool sessionInactive = false;
    bool sessionDeaf = false;
    std::size_t start = 0;
    while (start < body.size()) {
        std::size_t end = body.find('\n', start);
        if (end == std::string_view::npos) {
            end = body.size();
        }
        std::string_view line = body.substr(start, end - start);
        start = end + 1;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.size() < 2 || line[1] != '=') {
            continue;
        }
        const char type = line[0];
        const std::string_view value = line.substr(2);
        if (type == 'v') {
            sawVersion = value == "0";
        } else if (type == 'm') {
            if (media) {
                // Only the first audio stream is used.
                inAudio = false;
                continue;
            }
            const auto w = sdpWords(value);
            inAudio = w.size() >= 3 && w[0] == "audio";
            if (!inAudio) {
                continue;
            }
            const auto port = toInt(w[1].substr(0, w[1].find('/')));
            if (!port || *port < 0 || *port > 65535 || w[2].substr(0, 3) != "RTP") {
                inAudio = false;
                continue;
            }
            media.emplace();
            media->port = static_cast<std::uint16_t>(*port);
            media->profile = std::string(w[2]);
            media->sendsAudio = !sessionInactive;
            media->receivesAudio = !sessionDeaf;
            for (std::size_t i = 3; i < w.size(); ++i) {
                if (const auto pt = toInt(w[i]); pt && *pt >= 0 && *pt <= 127) {
                    media->payloadTypes.push_back(*pt);
                }
            }
        } else if (type == 'c') {
            auto addr = connectionAddress(value);
            if (inAudio && media) {
                media->address = std::move(addr);
            } else if (!media) {
                sessionAddress = std::move(addr);
            }
        } else if (type == 'a') {
            const bool inactive = value == "recvonly" || value == "inactive";
            const bool deaf = value == "sendonly" || value == "inactive";
            if (!media) {
                sessionInactive = sessionInactive || inactive;
                sessionDeaf = sessionDeaf || deaf;
                continue;
            }
            if (!inAudio) {
                continue;
            }
            if (value == "sendrecv" || value == "sendonly" || inactive) {
                media->sendsAudio = !inactive;
                media->receivesAudio = !deaf;
            } else if (value.size() > 7 && iequalsAscii(value.substr(0, 7), "crypto:")) {
                if (media->cryptos.size() < kMaxCryptos) {
                    media->cryptos.emplace_back(value.substr(7));
                }
            } else if (value.substr(0, 7) == "rtpmap:") {
                const auto w = sdpWords(value.substr(7));
                if (w.size() >= 2) {
                    if (const auto pt = toInt(w[0])) {
                        const std::string name = asciiLower(w[1]);
                        media->rtpmaps.emplace_back(*pt, name);
                        if (name.rfind("telephone-event/8000", 0) == 0) {
                            media->telephoneEventPt = *pt;
                        }
                    }
                }
            }
        }
    }
    if (!sawVersion || !media) {
        return std::nullopt;
    }
    if (media->address.empty()) {
        media->address = sessionAddress;
    }
    if (media->address.empty()) {
        return std::nullopt;
    }
    return media;
}

bool talksBothWays(const SdpMedia& media)
{
    return media.sendsAudio && media.receivesAudio && media.address != "0.0.0.0";
}

bool isSecureProfile(const SdpMedia& media)
{
    const auto p = asciiLower(media.profile);
    return p == "rtp/savp" || p == "rtp/savpf";
}

std::optional<SdpChoice> chooseCodec(const SdpMedia& offer)
{
    for (const int pt : offer.payloadTypes) {
        std::string name;
        for (const auto& [mapped, n] : offer.rtpmaps) {
            if (mapped == pt) {
                name = n;
            }
        }
        SdpChoice c;
        c.telephoneEventPt = offer.telephoneEventPt;
        if ((pt == 0 && name.empty()) || name == "pcmu/8000" || name == "pcmu/8000/1") {
            c.payloadType = pt;
            c.law = G711Law::MuLaw;
            return c;
        }
        if ((pt == 8 && name.empty()) || name == "pcma/8000" || name == "pcma/8000/1") {
            c.payloadType = pt;
            c.law = G711Law::ALaw;
            return c;
        }
    }
    return std::nullopt;
}

namespace {
std::string sdpHead(const SdpLocal& l)
{
    return fmt::format(
        "v=0\r\no=warmline {} {} IN IP4 {}\r\ns=warmline\r\nc=IN IP4 {}\r\nt=0 0\r\n", l.sessionId,
        l.version, l.address, l.address);
}
} // namespace

std::string_view answerDirection(const SdpMedia& offer)
{
    if (offer.sendsAudio && offer.receivesAudio) {
        return "sendrecv";
    }
    if (offer.sendsAudio) {
        return "recvonly";
    }
    return offer.receivesAudio ? "sendonly" : "inactive";
}

std::string revisedDescription(SdpLocal& local, const std::string& last,
                               const std::function<std::string(const SdpLocal&)>& build)
{
    const auto withoutOrigin = [](std::string body) {
        if (const auto o = body.find("o="); o != std::string::npos) {
            body.erase(o, body.find('\n', o) - o);
        }
        return body;
    };
    std::string body = build(local);
    if (withoutOrigin(body) != withoutOrigin(last)) {
        ++local.version;
        body = build(local);
    }
    return body;
}

std::size_t sdpStreamCount(std::string_view body)
{
    std::size_t n = body.starts_with("m=") ? 1 : 0;
    for (auto at = body.find("\nm="); at != std::string_view::npos;
         at = body.find("\nm=", at + 1)) {
        ++n;
    }
    return n;
}

std::string buildSdpAnswer(const SdpLocal& local, const SdpChoice& choice,
                           std::string_view direction)
{
    std::string out = sdpHead(local);
    const char* name = choice.law == G711Law::MuLaw ? "PCMU" : "PCMA";
    if (choice.telephoneEventPt) {
        out += fmt::format("m=audio {} {} {} {}\r\n", local.port, choice.profile,
                           choice.payloadType, *choice.telephoneEventPt);
        out += fmt::format("a=rtpmap:{} {}/8000\r\n", choice.payloadType, name);
        out += fmt::format("a=rtpmap:{} telephone-event/8000\r\na=fmtp:{} 0-15\r\n",
                           *choice.telephoneEventPt, *choice.telephoneEventPt);
    } else {
        out += fmt::format("m=audio {} {} {}\r\n", local.port, choice.profile, choice.payloadType);
        out += fmt::format("a=rtpmap:{} {}/8000\r\n", choice.payloadType, name);
    }
    if (!choice.crypto.empty()) {
        out += "a=crypto:" + choice.crypto + "\r\n";
    }
    out += fmt::format("a=ptime:20\r\na={}\r\n", direction);
    return out;
}

std::string buildSdpOffer(const SdpLocal& local, const std::string& crypto)
{
    std::string out = sdpHead(local);
    out += fmt::format("m=audio {} {} 0 8 101\r\n", local.port,
                       crypto.empty() ? "RTP/AVP" : "RTP/SAVP");
    out += "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
           "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n"
           "a=ptime:20\r\na=sendrecv\r\n";
    if (!crypto.empty()) {
        out += "a=crypto:" + crypto + "\r\n";
    }
    return out;
}

} // namespace warmline
