#pragma once

// The operator link's commands as one table: a command's name, who may send
// it, and its handler. A request is looked up by name, its sender checked
// (logged in, and of a role the command allows) and only then handed to
// the handler, which checks its parameters and what it acts on. The
// families register their commands from telephony/gateway/commands/ (and
// Supervision its own). Used on the gateway's executor only.

#include "core/link/LinkCodec.h"
#include "telephony/gateway/LinkHub.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace warmline::telephony {

/// One command on its way to its handler.
struct CommandCall
{
    const std::shared_ptr<LinkPeer>& peer;
    LinkState& state;
    link::Request& req;
    /// Answers the request (once).
    const std::function<void(std::string frame)>& reply;
};

/// Who may send a command.
struct CommandRule
{
    /// Runs on a link nobody has logged in on yet (ping, login, resume).
    bool beforeLogin = false;
    /// The roles that may send it; none: every role.
    bool (*allows)(Role) = nullptr;
    /// The Forbidden error's text for the roles `allows` refuses.
    std::string_view refusal;
};

class CommandTable
{
public:
    using Handler = std::function<void(CommandCall&)>;

    /// Adds a command; a name added twice is a mistake (std::logic_error).
    void add(std::string name, CommandRule rule, Handler handler);
    /// Runs the command `call.req.type` names. Throws link::LinkError before
    /// its handler runs: Unauthenticated on a link not logged in,
    /// BadRequest for a name not in the table, Forbidden for a role the
    /// command refuses.
    void run(CommandCall& call) const;
    bool contains(std::string_view name) const { return m_commands.contains(name); }
    std::size_t size() const { return m_commands.size(); }

private:
    struct Command
    {
        CommandRule rule;
        Handler handler;
    };
    std::map<std::string, Command, std::less<>> m_commands;
};

} // namespace warmline::telephony
