// warmlinectl's session commands: login (stores the session file), logout
// (ends it and deletes the file) and ping (checks the gateway, no login).

#include "telephony/cmd/ctl/Ctl.h"

#include <iostream>
#include <iterator>
#include <string>
#include <system_error>

namespace warmline::ctl {

namespace {

int cmdLogin(Context& c, const Args& a)
{
    const auto name = requireName(*a.value("--name"));
    const auto password = obtainPassword(a.flag("--password-stdin"), "WARMLINE_PASSWORD",
                                         "Password for " + name + ": ", false);
    try {
        c.session = loadSession(c.sessionPath);
    } catch (const Failure&) {
        c.session.reset();
    }
    c.connect(c.chooseGateway(true));
    json::object params;
    params["name"] = name;
    params["password"] = password;
    auto data = c.expectAck("login", std::move(params));
    Session s;
    s.gateway = c.gatewayUrl;
    s.name = name;
    if (const auto* t = data.if_contains("token"); t && t->is_string()) {
        s.token = std::string(t->get_string());
    }
    if (s.token.empty()) {
        throw Failure{kGatewayError, "the gateway's login answer has no token"};
    }
    if (const auto* e = data.if_contains("epoch"); e && e->is_string()) {
        s.epoch = std::string(e->get_string());
    }
    if (const auto* q = data.if_contains("seq"); q && q->is_number()) {
        s.seq = q->to_number<std::uint64_t>();
    }
    saveSession(c.sessionPath, s);
    data.erase("token");
    printJson(data);
    c.client.close();
    return kOk;
}

int cmdLogout(Context& c, const Args& a)
{
    try {
        c.connectAndResume();
    } catch (const Failure& f) {
        if (f.code != kNotAuthenticated || !c.session) {
            throw;
        }
        // The session had already ended: the goal is reached.
        std::error_code ec;
        fs::remove(c.sessionPath, ec);
        std::cerr << "warmlinectl: the session had already ended\n";
        printJson({});
        return kOk;
    }
    json::object params;
    if (const auto where = a.value("--contacts")) {
        params["contacts"] = *where;
    }
    auto data = c.expectAck("logout", std::move(params));
    std::error_code ec;
    fs::remove(c.sessionPath, ec);
    printJson(data);
    c.client.close();
    return kOk;
}

int cmdPing(Context& c, const Args&)
{
    try {
        c.session = loadSession(c.sessionPath);
    } catch (const Failure&) {
        c.session.reset();
    }
    c.connect(c.chooseGateway(true));
    printJson(c.expectAck("ping"));
    c.client.close();
    return kOk;
}

} // namespace

void addSessionCommands(CommandTable& table)
{
    const Command entries[] = {
        {"login",
         "--name NAME [--password-stdin]",
         "Logs in and stores the session (token, gateway, epoch, seq) in the session file,\n"
         "readable only by you. Prints the operator and the link position.\n" +
             passwordNote() + "Variable: WARMLINE_PASSWORD.\n",
         {"--password-stdin"},
         {"--name"},
         0,
         0,
         cmdLogin},
        {"logout",
         "[--contacts queue|lead]",
         "Ends the session at the gateway and deletes the session file. The contacts you\n"
         "hold go back to the queue, or with --contacts lead your texts go to a shift lead\n"
         "on shift (calls always return to the queue). Prints what went where.\n",
         {},
         {"--contacts"},
         0,
         0,
         cmdLogout},
    };
    table.insert(table.end(), std::begin(entries), std::end(entries));
}

void addPingCommand(CommandTable& table)
{
    const Command entries[] = {
        {"ping", "", "Checks that the gateway answers (no login needed).\n", {}, {}, 0, 0, cmdPing},
    };
    table.insert(table.end(), std::begin(entries), std::end(entries));
}

} // namespace warmline::ctl
