// Fuzz target: operator-link frames. As the gateway reads them (a client's
// request, then the parameter readers its handlers use) and as a client reads
// them (a gateway frame, then the record decoders). Malformed input may only
// ever be refused with LinkError; anything else thrown would reach the
// gateway's catch-all ("internal") or escape the client's read loop.

#include "tests/fuzz/FuzzCheck.h"

#include "core/link/LinkCodec.h"
#include "core/link/ReviewCodec.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

using namespace warmline;
using namespace warmline::link;

namespace {

// JSON equality, except that doubles may differ in the last bits: Boost.JSON
// 1.81 parses doubles fast, not correctly rounded, so serialize-then-parse
// can move one by an ulp. The protocol carries no doubles.
bool sameJson(const boost::json::value& a, const boost::json::value& b)
{
    if (a.is_double() && b.is_double()) {
        const double x = a.get_double();
        const double y = b.get_double();
        return x == y || std::fabs(x - y) <= 1e-12 * std::fmax(std::fabs(x), std::fabs(y));
    }
    if (a.is_object() && b.is_object()) {
        const auto& x = a.get_object();
        const auto& y = b.get_object();
        if (x.size() != y.size()) {
            return false;
        }
        for (const auto& [key, value] : x) {
            const auto* other = y.if_contains(key);
            if (other == nullptr || !sameJson(value, *other)) {
                return false;
            }
        }
        return true;
    }
    if (a.is_array() && b.is_array()) {
        const auto& x = a.get_array();
        const auto& y = b.get_array();
        if (x.size() != y.size()) {
            return false;
        }
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (!sameJson(x[i], y[i])) {
                return false;
            }
        }
        return true;
    }
    return a == b;
}

// Runs `f`, allowing it to refuse with LinkError only.
template <typename F> void refusesOnlyWithLinkError(F&& f)
{
    try {
        f();
    } catch (const LinkError& e) {
        FUZZ_CHECK(e.what()[0] != '\0');
    }
}

const LineContent& lineContent()
{
    static const LineContent line = [] {
        LineContent c;
        c.topics = {"loneliness", "housing", "family"};
        c.referrals = {"988", "food bank"};
        return c;
    }();
    return line;
}

// The handlers' readers over a request's parameters.
void readParams(const boost::json::object& params)
{
    refusesOnlyWithLinkError([&] { screenerFromJson(params); });
    refusesOnlyWithLinkError([&] {
        if (const auto* w = params.if_contains("wrapup")) {
            wrapUpFromJson(*w, lineContent());
        }
        wrapUpFromJson(boost::json::value(params), lineContent());
    });
    refusesOnlyWithLinkError([&] { reviewFilterFromJson(params, TimeZone::fixed(120)); });
    refusesOnlyWithLinkError([&] { auditFilterFromJson(params, TimeZone::fixed(-300)); });
    refusesOnlyWithLinkError([&] {
        requireString(params, "body", 1600);
        optionalString(params, "text");
        requireInt(params, "contactId");
        optionalInt(params, "since");
    });
}

void asRequest(std::string_view frame)
{
    std::optional<std::string> id;
    try {
        const Request req = parseRequest(frame, id);
        FUZZ_CHECK(id && *id == req.id);
        FUZZ_CHECK(!req.id.empty() && req.id.size() <= kMaxRequestIdLength);
        FUZZ_CHECK(req.type.size() <= 64);
        readParams(req.params);

        // The same request encoded again must read back the same.
        std::optional<std::string> id2;
        const Request again = parseRequest(requestFrame(req.id, req.type, req.params), id2);
        FUZZ_CHECK(again.id == req.id && again.type == req.type);
        FUZZ_CHECK(sameJson(again.params, req.params));
    } catch (const LinkError& e) {
        if (id) {
            FUZZ_CHECK(!id->empty() && id->size() <= kMaxRequestIdLength);
        }
        // The refusal the gateway sends must be a frame its clients can read.
        const ServerFrame answer = parseServerFrame(errorFrame(id, e.code(), e.what()));
        FUZZ_CHECK(answer.kind == ServerFrame::Kind::Error);
        FUZZ_CHECK(answer.re == id);
        FUZZ_CHECK(answer.code == e.code());
    }
}

void asServerFrame(std::string_view frame)
{
    try {
        const ServerFrame f = parseServerFrame(frame);
        const auto& data = f.data;
        refusesOnlyWithLinkError([&] { contactFromJson(data); });
        refusesOnlyWithLinkError([&] { messageFromJson(data); });
        refusesOnlyWithLinkError([&] { operatorFromJson(data); });
        refusesOnlyWithLinkError([&] { escalationFromJson(data); });
        if (f.kind == ServerFrame::Kind::Event) {
            // An event re-encoded reads back as the same event.
            const ServerFrame again = parseServerFrame(eventFrame(f.epoch, f.seq, f.name, data));
            FUZZ_CHECK(again.kind == ServerFrame::Kind::Event);
            FUZZ_CHECK(again.epoch == f.epoch && again.seq == f.seq && again.name == f.name);
            FUZZ_CHECK(sameJson(again.data, data));
        }
    } catch (const LinkError&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view frame(reinterpret_cast<const char*>(data), size);
    asRequest(frame);
    asServerFrame(frame);
    return 0;
}
