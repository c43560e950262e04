// Supervision: its start-up, its commands' rules, and the review of ended
// contacts, reports, the audit log, revealing a caller's number and the
// comments operators read. The administration commands (settings,
// accounts' capacity and languages, retention) are SupervisionAdmin.cpp's.

#include "telephony/gateway/Supervision.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/domain/AuditLog.h"
#include "core/domain/CallerIdentity.h"
#include "core/domain/Retention.h"
#include "core/link/ReviewCodec.h"
#include "core/store/Reports.h"
#include "core/store/ReviewStore.h"
#include "core/text/FormCodec.h"
#include "telephony/gateway/Permissions.h"
#include "telephony/gateway/SupervisionJobs.h"

#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace json = boost::json;
namespace asio = boost::asio;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;
using supervision::detailJson;
using supervision::optionalBool;

namespace {

constexpr std::size_t kMaxCommentBytes = 4000;
constexpr std::size_t kMaxFollowUpNoteBytes = 1000;
constexpr std::size_t kMaxReasonBytes = 500;
constexpr std::size_t kMaxThreadMessages = 500;

/// Free text of 1..max bytes of UTF-8, not only spaces.
std::string requireText(const json::object& params, std::string_view key, std::size_t max)
{
    auto text = link::requireString(params, key, max);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos || !isValidUtf8(text)) {
        throw LinkError(ErrorCode::BadRequest, "Field \"" + std::string(key) + "\" must be 1-" +
                                                   std::to_string(max) + " bytes of UTF-8 text.");
    }
    return text;
}

/// The contact, which must have ended: review is of closed and abandoned contacts.
ReviewRow endedRow(ReviewStore& store, Id contactId)
{
    auto row = store.row(contactId);
    if (!row) {
        throw NotFoundError("no contact");
    }
    if (isOpen(row->state)) {
        throw LinkError(ErrorCode::Conflict,
                        "This contact is still open; it can be reviewed once it has ended.");
    }
    return std::move(*row);
}

} // namespace

Supervision::Supervision(asio::any_io_executor ex, StoreWorker& writer, StoreWorker& reader,
                         SiteKeys& keys, LineSettings settings, TimeZone zone,
                         SupervisionHooks hooks)
    : m_ex(std::move(ex)), m_writer(writer), m_reader(reader), m_keys(keys),
      m_settings(std::move(settings)), m_zone(std::move(zone)), m_hooks(std::move(hooks)),
      m_alive(std::make_shared<bool>(true)), m_purgeTimer(m_ex)
{
}

Supervision::~Supervision()
{
    *m_alive = false;
}

void Supervision::start(std::function<void(std::string)> done)
{
    read([](Repository& repo) { return loadLineSettingOverrides(repo.database()); },
         [this, done = std::move(done)](StoreResult<std::vector<StoredLineSetting>> r) {
             if (r.error) {
                 done("could not read the line settings: " + describeStoreError(r.error));
                 return;
             }
             for (const auto& s : *r.value) {
                 try {
                     m_settings.setOverride(s.key, s.value, s.setAt, s.setBy);
                 } catch (const ConfigError& e) {
                     // A key this build no longer lets admins set, or a value
                     // it no longer accepts: the file's value applies.
                     spdlog::warn("stored line setting ignored: {}", e.what());
                 }
             }
             if (m_hooks.lineSettingsChanged) {
                 m_hooks.lineSettingsChanged(m_settings);
             }
             done({});
             schedulePurge(std::chrono::milliseconds(0));
         });
}

void Supervision::reloadFile(const LineSettings& fromFile, TimeZone zone)
{
    m_zone = std::move(zone);
    m_settings = m_settings.withFileValues(fromFile);
    if (m_hooks.lineSettingsChanged) {
        m_hooks.lineSettingsChanged(m_settings);
    }
}

void Supervision::addCommands(CommandTable& table, std::function<Actor(const LinkState&)> actorOf)
{
    using Handler = void (Supervision::*)(const Actor&, const link::Request&, const Reply&);
    const CommandRule reviewer{.allows = mayReview,
                               .refusal = "Only supervisors and administrators review contacts, "
                                          "read reports and the audit log."};
    const CommandRule accounts{.allows = mayAdminister,
                               .refusal = "Only an administrator manages accounts."};
    const std::tuple<std::string_view, CommandRule, Handler> commands[] = {
        {"review.list", reviewer, &Supervision::reviewList},
        {"review.get", reviewer, &Supervision::reviewGet},
        {"review.mark", reviewer, &Supervision::reviewMark},
        {"review.comment", reviewer, &Supervision::reviewComment},
        {"review.followup", reviewer, &Supervision::reviewFollowUp},
        {"report.get", reviewer, &Supervision::reportGet},
        {"audit.list", reviewer, &Supervision::auditList},
        {"caller.reveal",
         {.allows = mayRevealNumber,
          .refusal = "Only an administrator can reveal a caller's number."},
         &Supervision::callerReveal},
        {"comment.list", {}, &Supervision::commentList},
        {"comment.read", {}, &Supervision::commentRead},
        {"line.settings.get",
         {.allows = overseesOperators,
          .refusal = "Only leads, supervisors and administrators see the line's settings."},
         &Supervision::settingsGet},
        {"line.settings.set",
         {.allows = mayAdminister, .refusal = "Only an administrator changes the line's settings."},
         &Supervision::settingsSet},
        {"operator.capacity", accounts, &Supervision::operatorCapacity},
        {"operator.languages", accounts, &Supervision::operatorLanguages},
        {"retention.purge",
         {.allows = mayAdminister, .refusal = "Only an administrator runs the retention purge."},
         &Supervision::retentionPurge},
    };
    auto shared = std::make_shared<std::function<Actor(const LinkState&)>>(std::move(actorOf));
    for (const auto& [name, rule, handler] : commands) {
        table.add(std::string(name), rule, [this, shared, handler = handler](CommandCall& c) {
            (this->*handler)((*shared)(c.state), c.req, c.reply);
        });
    }
}

// ------------------------------------------------------------------ review

void Supervision::reviewList(const Actor&, const link::Request& req, const Reply& reply)
{
    const ReviewFilter filter = link::reviewFilterFromJson(req.params, m_zone);
    read([filter](Repository& repo) { return ReviewStore(repo).list(filter); },
         [reply, rid = req.id](StoreResult<ReviewPage> r) {
             if (r.error) {
                 reply(storeErrorFrame(rid, r.error));
                 return;
             }
             json::array rows;
             for (const auto& row : r.value->rows) {
                 rows.push_back(link::toJson(row));
             }
             json::object data;
             data["contacts"] = std::move(rows);
             data["total"] = r.value->total;
             if (r.value->next) {
                 data["nextCursor"] = link::cursorText(*r.value->next);
             } else {
                 data["nextCursor"] = nullptr;
             }
             reply(link::ackFrame(rid, std::move(data)));
         });
}

void Supervision::reviewGet(const Actor& actor, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    const Id by = actor.operatorId;
    // On the writer: the audit row and the read commit together, or neither.
    write(
        [id, by](Repository& repo) {
            ReviewStore store(repo);
            auto d = store.detail(id, kMaxThreadMessages);
            if (!d) {
                throw NotFoundError("no contact");
            }
            AuditLog(repo.database())
                .append(nowMs(), by, audit::kContactOpen, id, d->row.callerId,
                        R"({"via":"review.get"})");
            return std::move(*d);
        },
        [reply, rid = req.id](StoreResult<ReviewDetail> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            reply(link::ackFrame(rid, link::toJson(*r.value)));
        });
}

void Supervision::reviewMark(const Actor& actor, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    const bool reviewed = optionalBool(req.params, "reviewed").value_or(true);
    const Id by = actor.operatorId;
    write(
        [id, by, reviewed](Repository& repo) {
            ReviewStore store(repo);
            const auto row = endedRow(store, id);
            const EpochMs now = nowMs();
            store.setReviewed(id, reviewed ? std::optional<Id>(by) : std::nullopt, now);
            AuditLog(repo.database())
                .append(now, by, audit::kReviewMark, id, row.callerId,
                        detailJson({{"reviewed", reviewed}}));
            return *store.row(id);
        },
        [reply, rid = req.id](StoreResult<ReviewRow> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            reply(link::ackFrame(rid, {{"contact", link::toJson(*r.value)}}));
        });
}

void Supervision::reviewComment(const Actor& actor, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    const auto body = requireText(req.params, "body", kMaxCommentBytes);
    const Id by = actor.operatorId;
    write(
        [id, by, body](Repository& repo) {
            ReviewStore store(repo);
            const auto row = endedRow(store, id);
            const EpochMs now = nowMs();
            auto comment = store.addComment(id, by, body, now);
            AuditLog(repo.database())
                .append(now, by, audit::kReviewComment, id, row.callerId,
                        detailJson({{"commentId", comment.id}}));
            return comment;
        },
        [this, reply, rid = req.id](StoreResult<ReviewComment> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            auto comment = link::toJson(*r.value);
            reply(link::ackFrame(rid, {{"comment", comment}}));
            if (r.value->operatorId && m_hooks.publishTo) {
                m_hooks.publishTo(*r.value->operatorId, "review.comment",
                                  {{"comment", std::move(comment)}});
            }
        });
}

void Supervision::reviewFollowUp(const Actor& actor, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    const bool on = optionalBool(req.params, "followUp").value_or(true);
    std::string note;
    if (const auto n = link::optionalString(req.params, "note", kMaxFollowUpNoteBytes)) {
        if (!isValidUtf8(*n)) {
            throw LinkError(ErrorCode::BadRequest, "Field \"note\" must be UTF-8 text.");
        }
        note = *n;
    }
    const Id by = actor.operatorId;
    write(
        [id, by, on, note](Repository& repo) {
            ReviewStore store(repo);
            const auto row = endedRow(store, id);
            store.setFollowUp(id, on, note);
            AuditLog(repo.database())
                .append(nowMs(), by, audit::kReviewFollowUp, id, row.callerId,
                        detailJson({{"followUp", on}}));
            return *store.row(id);
        },
        [reply, rid = req.id, note, on](StoreResult<ReviewRow> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            reply(link::ackFrame(rid, {{"contact", link::toJson(*r.value)},
                                       {"followUpNote", on ? note : std::string()}}));
        });
}

// ------------------------------------------------------- reports and audit

void Supervision::reportGet(const Actor&, const link::Request& req, const Reply& reply)
{
    // A client may ask for another fixed offset; by default the line's zone.
    TimeZone tz = m_zone;
    if (const auto offset = link::optionalInt(req.params, "tzOffsetMinutes")) {
        if (*offset < -720 || *offset > 840) {
            throw LinkError(ErrorCode::BadRequest,
                            "Field \"tzOffsetMinutes\" must be between -720 and 840.");
        }
        tz = TimeZone::fixed(static_cast<int>(*offset));
    }
    const auto from = link::timeBound(req.params, "from", tz, false);
    const auto to = link::timeBound(req.params, "to", tz, true);
    if (!from || !to) {
        throw LinkError(ErrorCode::BadRequest,
                        "A report needs \"from\" and \"to\" (dates YYYY-MM-DD or epoch ms).");
    }
    if (*to <= *from || *to - *from > kMaxReportPeriodMs) {
        throw LinkError(ErrorCode::BadRequest,
                        "The period must end after it starts and cover at most 732 days.");
    }
    const ReportPeriod period{*from, *to, tz};
    const ReportTargets targets = m_settings.targets();
    // Aggregates only (no contact, caller or content): not audited.
    read([period, targets](
             Repository& repo) { return toJson(computeReport(repo.database(), period, targets)); },
         [reply, rid = req.id](StoreResult<json::object> r) {
             if (r.error) {
                 reply(storeErrorFrame(rid, r.error));
                 return;
             }
             reply(link::ackFrame(rid, {{"report", std::move(*r.value)}}));
         });
}

void Supervision::auditList(const Actor&, const link::Request& req, const Reply& reply)
{
    const AuditFilter filter = link::auditFilterFromJson(req.params, m_zone);
    read([filter](Repository& repo) { return AuditLog(repo.database()).list(filter); },
         [reply, rid = req.id, limit = filter.limit](StoreResult<std::vector<AuditEntry>> r) {
             if (r.error) {
                 reply(storeErrorFrame(rid, r.error));
                 return;
             }
             json::array entries;
             for (const auto& e : *r.value) {
                 entries.push_back(link::toJson(e));
             }
             json::object data;
             data["entries"] = std::move(entries);
             if (r.value->size() == limit && !r.value->empty()) {
                 data["nextBefore"] = r.value->back().id;
             } else {
                 data["nextBefore"] = nullptr;
             }
             reply(link::ackFrame(rid, std::move(data)));
         });
}

void Supervision::callerReveal(const Actor& actor, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    const auto reason = requireText(req.params, "reason", kMaxReasonBytes);
    const Id by = actor.operatorId;
    struct Sealed
    {
        Id callerId = 0;
        std::string alias;
        std::string encrypted;
    };
    // The audit row commits before the number is decrypted and sent.
    write(
        [id, by, reason](Repository& repo) {
            const auto contact = repo.contacts().contact(id);
            const auto key = repo.callers().callerKeyOfContact(id);
            if (!contact || !key) {
                throw NotFoundError("no contact");
            }
            AuditLog(repo.database())
                .append(nowMs(), by, audit::kCallerReveal, id, contact->callerId,
                        detailJson({{"reason", reason}}));
            return Sealed{contact->callerId, key->alias, key->encryptedNumber};
        },
        [this, id, reply, rid = req.id](StoreResult<Sealed> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            std::string number;
            try {
                const auto& blob = r.value->encrypted;
                number = m_keys.decryptNumber(std::span<const unsigned char>(
                    reinterpret_cast<const unsigned char*>(blob.data()), blob.size()));
            } catch (const std::exception&) {
                reply(link::errorFrame(rid, ErrorCode::Internal,
                                       "The number could not be decrypted with this site's key."));
                return;
            }
            spdlog::info("caller {} revealed by operator link request", r.value->callerId);
            reply(link::ackFrame(rid, {{"contactId", id},
                                       {"callerId", r.value->callerId},
                                       {"alias", r.value->alias},
                                       {"number", std::move(number)}}));
        });
}

// ------------------------------------------------------------------ comments

void Supervision::commentList(const Actor& actor, const link::Request& req, const Reply& reply)
{
    const bool unreadOnly = optionalBool(req.params, "unread").value_or(false);
    const auto limit = link::optionalInt(req.params, "limit").value_or(100);
    if (limit < 1 || limit > 500) {
        throw LinkError(ErrorCode::BadRequest, "Field \"limit\" must be between 1 and 500.");
    }
    const Id me = actor.operatorId;
    read(
        [me, unreadOnly, limit](Repository& repo) {
            ReviewStore store(repo);
            return std::make_pair(
                store.commentsFor(me, unreadOnly, static_cast<std::size_t>(limit)),
                store.unreadCommentCount(me));
        },
        [reply, rid = req.id](StoreResult<std::pair<std::vector<ReviewComment>, int>> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            json::array comments;
            for (const auto& c : r.value->first) {
                comments.push_back(link::toJson(c));
            }
            reply(link::ackFrame(rid,
                                 {{"comments", std::move(comments)}, {"unread", r.value->second}}));
        });
}

void Supervision::commentRead(const Actor& actor, const link::Request& req, const Reply& reply)
{
    const Id commentId = link::requireInt(req.params, "commentId");
    const Id me = actor.operatorId;
    write(
        [commentId, me](Repository& repo) {
            if (!ReviewStore(repo).markCommentRead(commentId, me, nowMs())) {
                throw LinkError(ErrorCode::NotFound, "You have no such comment.");
            }
        },
        [reply, rid = req.id](StoreResult<void> r) {
            reply(r.error ? storeErrorFrame(rid, r.error) : link::ackFrame(rid, {}));
        });
}

} // namespace warmline::telephony
