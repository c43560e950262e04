// warmlinectl's link to the gateway: the Context a command runs in (which
// gateway, connecting, resuming the stored session, requests and their
// answers), how a gateway error becomes an exit code, and operatorIdOf.

#include "core/link/LinkCodec.h"
#include "telephony/cmd/ctl/Ctl.h"
#include "telephony/net/LinkClient.h"

#include <string>
#include <utility>

namespace warmline::ctl {

namespace {

using warmline::link::ErrorCode;
using warmline::link::ServerFrame;
using warmline::telephony::LinkClientOptions;

constexpr const char* kDefaultGateway = "ws://127.0.0.1:8080/link";

int exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Unauthenticated:
    case ErrorCode::BadCredentials:
    case ErrorCode::Throttled:
        return kNotAuthenticated;
    case ErrorCode::Forbidden:
        return kForbidden;
    default:
        return kGatewayError;
    }
}

[[noreturn]] void failWith(const ServerFrame& f)
{
    std::string message = std::string(warmline::link::toString(f.code)) + ": " + f.message;
    if (f.code == ErrorCode::Unauthenticated) {
        message += " (log in again: warmlinectl login --name NAME)";
    }
    throw Failure{exitCodeFor(f.code), message};
}

} // namespace

Context::Context(Globals g)
    : globals(std::move(g)), client(LinkClientOptions{globals.caFile, globals.insecure})
{
    sessionPath = globals.sessionFile ? fs::path(*globals.sessionFile) : defaultSessionPath();
}

std::string Context::chooseGateway(bool useSession)
{
    if (globals.gateway) {
        return *globals.gateway;
    }
    if (auto env = envOr("WARMLINE_GATEWAY"); !env.empty()) {
        return env;
    }
    if (useSession && session && !session->gateway.empty()) {
        return session->gateway;
    }
    return kDefaultGateway;
}

void Context::connect(const std::string& url)
{
    gatewayUrl = url;
    client.connect(url, globals.timeout);
}

ServerFrame Context::request(std::string_view type, json::object params)
{
    return client.request(type, std::move(params), globals.timeout);
}

json::object Context::expectAck(std::string_view type, json::object params)
{
    auto f = request(type, std::move(params));
    if (f.kind != ServerFrame::Kind::Ack) {
        failWith(f);
    }
    return std::move(f.data);
}

Session& Context::requireSession()
{
    session = loadSession(sessionPath);
    if (!session) {
        throw Failure{kNotAuthenticated, "not logged in (no session in " + sessionPath.string() +
                                             "); run: warmlinectl login --name NAME"};
    }
    return *session;
}

json::object Context::connectAndResume()
{
    auto& s = requireSession();
    connect(chooseGateway(true));
    json::object params;
    params["token"] = s.token;
    if (!s.epoch.empty()) {
        params["epoch"] = s.epoch;
        params["seq"] = s.seq;
    }
    return expectAck("resume", std::move(params));
}

int Context::simple(std::string_view type, json::object params)
{
    connectAndResume();
    printJson(expectAck(type, std::move(params)));
    client.close();
    return kOk;
}

/// An operator's id from an id or a name (looked up with operator.list on
/// the open link).
std::int64_t operatorIdOf(Context& c, const std::string& who)
{
    if (!who.empty() && who.find_first_not_of("0123456789") == std::string::npos) {
        return parsePositive("OPERATOR", who);
    }
    const auto name = requireName(who);
    const auto list = c.expectAck("operator.list");
    for (const auto& op : list.at("operators").as_array()) {
        if (op.at("name").as_string() == name) {
            return op.at("id").as_int64();
        }
    }
    throw Failure{kGatewayError, "not_found: there is no operator named " + name};
}

} // namespace warmline::ctl
