// Link commands, the operator family: listing the accounts, and an
// administrator's changes to them (add, password, disable or enable, role,
// group), each on the audit log in the change's own transaction. An operator's
// capacity and languages are Supervision's; their phone, commands/Calls.cpp.

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/domain/AuditLog.h"
#include "core/security/PasswordHasher.h"
#include "core/text/Text.h"
#include "telephony/gateway/GatewayJobs.h"
#include "telephony/gateway/Permissions.h"

#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <functional>

namespace json = boost::json;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

namespace {
constexpr std::size_t kMaxGroupChars = 40;

/// A group label: trimmed of spaces, at most 40 characters (the admin
/// window's limit), UTF-8 on one line.
std::string requireGroup(const json::object& params)
{
    auto group = link::requireString(params, "group", 4 * kMaxGroupChars + 64);
    const auto first = group.find_first_not_of(" \t");
    group = first == std::string::npos
                ? std::string()
                : group.substr(first, group.find_last_not_of(" \t") - first + 1);
    const bool oneLine =
        std::none_of(group.begin(), group.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }) &&
        group.find("\xE2\x80\xA8") == std::string::npos &&
        group.find("\xE2\x80\xA9") == std::string::npos &&
        group.find("\xC2\x85") == std::string::npos;
    if (!isValidUtf8(group) || !oneLine) {
        throw LinkError(ErrorCode::BadRequest, "A group is UTF-8 text on one line.");
    }
    const auto chars = std::count_if(group.begin(), group.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    });
    if (chars > static_cast<std::ptrdiff_t>(kMaxGroupChars)) {
        throw LinkError(ErrorCode::BadRequest, "A group is at most 40 characters.");
    }
    return group;
}

std::string requireName(const json::object& params)
{
    auto name = link::requireString(params, "name", 64);
    if (!link::isValidOperatorName(name)) {
        throw LinkError(ErrorCode::BadRequest, "A name is 1-64 letters, digits, '.', '_' or '-'.");
    }
    return name;
}

/// An account change on the audit log, in the change's own transaction.
/// An empty value is left out unless `keepEmpty` (a cleared group).
void auditAccount(Repository& repo, Id by, const std::string& name, std::string_view change,
                  std::string_view value, bool keepEmpty = false)
{
    json::object detail{{"name", name}, {"change", change}};
    if (!value.empty() || keepEmpty) {
        detail["value"] = value;
    }
    AuditLog(repo.database())
        .append(nowMs(), by, audit::kOperatorChange, std::nullopt, std::nullopt,
                json::serialize(detail));
}

/// On the writer: applies `apply` to the account named `name` (NotFound if
/// none), audits `change` = `value`, and returns the account as changed.
OperatorAccount changeAccount(Repository& repo, const std::string& name, Id by,
                              std::string_view change, const std::string& value, bool keepEmpty,
                              const std::function<void(Repository&, OperatorAccount&)>& apply)
{
    auto op = repo.operators().operatorByName(name);
    if (!op) {
        throw LinkError(ErrorCode::NotFound, "There is no account with that name.");
    }
    apply(repo, op->account);
    auditAccount(repo, by, name, change, value, keepEmpty);
    return op->account;
}

std::string requireNewPassword(const json::object& params)
{
    auto pw = link::requireString(params, "password", 1024);
    if (pw.size() < 10) {
        throw LinkError(ErrorCode::BadRequest, "A password needs at least 10 characters.");
    }
    return pw;
}
} // namespace

void Gateway::addOperatorCommands()
{
    const CommandRule admin{.allows = mayAdminister,
                            .refusal = "Only an administrator can manage accounts."};
    addCommand("operator.list",
               {.allows = overseesOperators,
                .refusal = "Only leads, supervisors and admins list operators."},
               &Gateway::cmdOperatorList);
    addCommand("operator.add", admin, &Gateway::cmdOperatorAdd);
    addCommand("operator.passwd", {}, &Gateway::cmdOperatorPasswd);
    m_commands.add("operator.disable", admin,
                   [this](CommandCall& c) { cmdOperatorDisable(c.state, c.req, c.reply, true); });
    m_commands.add("operator.enable", admin,
                   [this](CommandCall& c) { cmdOperatorDisable(c.state, c.req, c.reply, false); });
    addCommand("operator.role", admin, &Gateway::cmdOperatorRole);
    addCommand("operator.group", admin, &Gateway::cmdOperatorGroup);
}

void Gateway::cmdOperatorList(LinkState& state, const link::Request& req, const Reply& reply)
{
    // An administrator, who sets it, also sees each phone (never a lead).
    const bool admin = mayAdminister(state.role);
    read([](Repository& repo) { return repo.operators().operators(); },
         [this, reply, admin, rid = req.id](StoreResult<std::vector<OperatorAccount>> r) {
             if (r.error) {
                 reply(storeErrorFrame(rid, r.error));
                 return;
             }
             json::array a;
             for (const auto& account : *r.value) {
                 auto& op = operatorState(account);
                 op.account = account;
                 auto view = link::toJson(viewOf(op));
                 if (admin && !account.sipUri.empty()) {
                     view["sipUri"] = account.sipUri;
                 }
                 a.push_back(std::move(view));
             }
             reply(link::ackFrame(rid, {{"operators", std::move(a)}}));
         });
}

void Gateway::cmdOperatorAdd(LinkState& state, const link::Request& req, const Reply& reply)
{
    OperatorAccount account;
    account.name = requireName(req.params);
    const auto password = requireNewPassword(req.params);
    const auto role = parseRole(link::requireString(req.params, "role", 32));
    if (!role) {
        throw LinkError(ErrorCode::BadRequest, "Role must be operator, lead, supervisor or admin.");
    }
    account.role = *role;
    account.textCapacity = static_cast<int>(link::optionalInt(req.params, "capacity").value_or(3));
    if (account.textCapacity < 1 || account.textCapacity > 10) {
        throw LinkError(ErrorCode::BadRequest, "Capacity must be between 1 and 10.");
    }
    account.createdAt = nowMs();
    // Hashing is deliberately slow (argon2id): it runs on the reader's
    // thread, so webhooks waiting for the writer never wait for it.
    read([password](Repository&) { return PasswordHasher().hash(password); },
         [this, account, by = *state.operatorId, reply, rid = req.id](StoreResult<std::string> h) {
             if (h.error) {
                 reply(storeErrorFrame(rid, h.error));
                 return;
             }
             write(
                 [account, by, hash = std::move(*h.value)](Repository& repo) mutable {
                     if (repo.operators().operatorByName(account.name)) {
                         throw LinkError(ErrorCode::Conflict, "An account with that name exists.");
                     }
                     account.id = repo.operators().addOperator(account, hash);
                     auditAccount(repo, by, account.name, "added", toString(account.role));
                     return account;
                 },
                 [this, reply, rid](StoreResult<OperatorAccount> r) {
                     if (r.error) {
                         reply(storeErrorFrame(rid, r.error));
                         return;
                     }
                     auto& op = operatorState(*r.value);
                     spdlog::info("operator account {} added", r.value->id);
                     reply(link::ackFrame(rid, {{"operator", link::toJson(viewOf(op))}}));
                 });
         });
}

void Gateway::cmdOperatorPasswd(LinkState& state, const link::Request& req, const Reply& reply)
{
    const auto name = requireName(req.params);
    const auto password = requireNewPassword(req.params);
    const bool admin = mayAdminister(state.role);
    const auto old = link::optionalString(req.params, "oldPassword", 1024);
    const Id self = *state.operatorId;
    if (!admin && !old) {
        throw LinkError(ErrorCode::BadRequest, "Give your current password as oldPassword.");
    }
    // Verification and hashing run on the reader's thread (see cmdOperatorAdd);
    // the writer only stores the result.
    read(
        [name, password, admin, old, self](Repository& repo) {
            auto op = repo.operators().operatorByName(name);
            if (!op) {
                throw LinkError(ErrorCode::NotFound, "There is no account with that name.");
            }
            if (!admin &&
                (op->account.id != self || !PasswordHasher().verify(op->passwordHash, *old))) {
                throw LinkError(ErrorCode::Forbidden,
                                "You can change only your own password, with your current one.");
            }
            return std::make_pair(op->account.id, PasswordHasher().hash(password));
        },
        [this, reply, rid = req.id](StoreResult<std::pair<Id, std::string>> h) {
            if (h.error) {
                reply(storeErrorFrame(rid, h.error));
                return;
            }
            write([id = h.value->first, hash = h.value->second](
                      Repository& repo) { repo.operators().setPasswordHash(id, hash); },
                  [reply, rid](StoreResult<void> r) {
                      reply(r.error ? storeErrorFrame(rid, r.error) : link::ackFrame(rid, {}));
                  });
        });
}

void Gateway::cmdOperatorDisable(LinkState& state, const link::Request& req, const Reply& reply,
                                 bool disable)
{
    const auto name = requireName(req.params);
    write(
        [name, disable, by = *state.operatorId](Repository& repo) {
            auto op = repo.operators().operatorByName(name);
            if (!op) {
                throw LinkError(ErrorCode::NotFound, "There is no account with that name.");
            }
            repo.operators().setDisabled(op->account.id, disable);
            auditAccount(repo, by, name, disable ? "disabled" : "enabled", {});
            if (disable) {
                repo.sessions().removeSessionsOf(op->account.id);
            }
            op->account.disabled = disable;
            return op->account;
        },
        [this, disable, reply, rid = req.id](StoreResult<OperatorAccount> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            auto& op = operatorState(*r.value);
            op.account = *r.value;
            if (disable) {
                m_hub.forEachOf(r.value->id, [](LinkState& s) {
                    if (auto p = s.peer.lock()) {
                        p->closeLink();
                    }
                });
                setPresence(op, Presence::Offline);
            }
            reply(link::ackFrame(rid, {}));
        });
}

void Gateway::cmdOperatorRole(LinkState& state, const link::Request& req, const Reply& reply)
{
    const auto name = requireName(req.params);
    const auto role = parseRole(link::requireString(req.params, "role", 32));
    if (!role) {
        throw LinkError(ErrorCode::BadRequest, "Role must be operator, lead, supervisor or admin.");
    }
    write(
        [name, role = *role, by = *state.operatorId](Repository& repo) {
            return changeAccount(repo, name, by, "role", std::string(toString(role)), false,
                                 [role](Repository& r, OperatorAccount& a) {
                                     r.operators().setRole(a.id, role);
                                     a.role = role;
                                 });
        },
        [this, reply, rid = req.id](StoreResult<OperatorAccount> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            auto& op = operatorState(*r.value);
            op.account = *r.value;
            m_hub.forEachOf(r.value->id, [&](LinkState& s) { s.role = r.value->role; });
            reply(link::ackFrame(rid, {{"operator", link::toJson(viewOf(op))}}));
        });
}

// An operator's group, for the survey by group (docs/surveys.md): a short
// label on one line, trimmed; "" (or only spaces) takes the operator out of
// every group.
void Gateway::cmdOperatorGroup(LinkState& state, const link::Request& req, const Reply& reply)
{
    const auto name = requireName(req.params);
    const auto group = requireGroup(req.params);
    write(
        [name, group, by = *state.operatorId](Repository& repo) {
            // The value even when empty, so a cleared group reads as one.
            return changeAccount(repo, name, by, "group", group, true,
                                 [&group](Repository& r, OperatorAccount& a) {
                                     r.operators().setGroup(a.id, group);
                                     a.group = group;
                                 });
        },
        [this, reply, rid = req.id](StoreResult<OperatorAccount> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            auto& op = operatorState(*r.value);
            op.account = *r.value;
            reply(link::ackFrame(rid, {{"operator", link::toJson(viewOf(op))}}));
        });
}

} // namespace warmline::telephony
