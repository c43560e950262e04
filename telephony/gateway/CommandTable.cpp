#include "telephony/gateway/CommandTable.h"

#include <stdexcept>

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

void CommandTable::add(std::string name, CommandRule rule, Handler handler)
{
    if (rule.allows && rule.refusal.empty()) {
        throw std::logic_error("link command " + name + " refuses roles without saying why");
    }
    const auto [it, added] =
        m_commands.try_emplace(std::move(name), Command{rule, std::move(handler)});
    if (!added) {
        throw std::logic_error("link command " + it->first + " is registered twice");
    }
}

void CommandTable::run(CommandCall& call) const
{
    const auto it = m_commands.find(call.req.type);
    const bool found = it != m_commands.end();
    if (found && it->second.rule.beforeLogin) {
        it->second.handler(call);
        return;
    }
    if (!call.state.operatorId) {
        throw LinkError(ErrorCode::Unauthenticated, "Log in first.");
    }
    if (!found) {
        throw LinkError(ErrorCode::BadRequest, "Unknown command \"" + call.req.type + "\".");
    }
    const CommandRule& rule = it->second.rule;
    if (rule.allows && !rule.allows(call.state.role)) {
        throw LinkError(ErrorCode::Forbidden, std::string(rule.refusal));
    }
    it->second.handler(call);
}

} // namespace warmline::telephony
