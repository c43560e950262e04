// Link commands, the resources family: the line's resource directory
// (docs/resources.md), searched and read on a store reader thread, each
// with its own read connection to the directory's file; shared in a
// contact on the writer, where the referral and its text are stored in one
// transaction.

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/directory/Directory.h"
#include "core/directory/DirectoryJson.h"
#include "core/directory/ShareText.h"
#include "core/link/ReviewCodec.h"
#include "core/store/Referrals.h"
#include "core/store/Reports.h"
#include "telephony/gateway/GatewayJobs.h"

#include <filesystem>
#include <map>
#include <memory>

namespace json = boost::json;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

namespace {

constexpr std::size_t kMaxWordsBytes = 500;
constexpr std::size_t kMaxTermBytes = 100;
constexpr std::int64_t kMaxResults = 50;

/// The directory as this thread reads it: one connection per thread, opened
/// when first asked for. A NotFound link error when the file is not there.
directory::ResourceDirectory& directoryOn(const std::string& file)
{
    thread_local std::map<std::string, std::unique_ptr<directory::ResourceDirectory>> open;
    if (const auto it = open.find(file); it != open.end()) {
        return *it->second;
    }
    std::error_code ec;
    if (file.empty() || !std::filesystem::is_regular_file(file, ec)) {
        throw LinkError(ErrorCode::NotFound,
                        "The line has no resource directory yet (an administrator imports one "
                        "with warmlinectl resources import).");
    }
    auto d = std::make_unique<directory::ResourceDirectory>(file);
    auto& ref = *d;
    open.emplace(file, std::move(d));
    return ref;
}

bool optionalBool(const json::object& params, std::string_view key)
{
    const auto* v = params.if_contains(key);
    if (v == nullptr || v->is_null()) {
        return false;
    }
    if (!v->is_bool()) {
        throw LinkError(ErrorCode::BadRequest,
                        "Field \"" + std::string(key) + "\" must be true or false.");
    }
    return v->get_bool();
}

std::optional<double> optionalNumber(const json::object& params, std::string_view key, double min,
                                     double max)
{
    const auto* v = params.if_contains(key);
    if (v == nullptr || v->is_null()) {
        return std::nullopt;
    }
    if (!v->is_number()) {
        throw LinkError(ErrorCode::BadRequest,
                        "Field \"" + std::string(key) + "\" must be a number.");
    }
    const double d = v->to_number<double>();
    if (!(d >= min && d <= max)) {
        throw LinkError(ErrorCode::BadRequest,
                        "Field \"" + std::string(key) + "\" is out of range.");
    }
    return d;
}

} // namespace

void Gateway::addResourceCommands()
{
    addCommand("resources.search", {}, &Gateway::cmdResourcesSearch);
    addCommand("resources.show", {}, &Gateway::cmdResourcesShow);
    addCommand("resources.share", {}, &Gateway::cmdResourcesShare);
}

void Gateway::cmdResourcesSearch(LinkState&, const link::Request& req, const Reply& reply)
{
    const auto& p = req.params;
    directory::DirectoryQuery q;
    q.words = link::optionalString(p, "words", kMaxWordsBytes).value_or("");
    q.category = link::optionalString(p, "category", kMaxTermBytes).value_or("");
    q.language = link::optionalString(p, "language", 16).value_or("");
    q.freeOnly = optionalBool(p, "free");
    q.peerRunOnly = optionalBool(p, "peerRun");
    q.includeClosed = optionalBool(p, "all");
    const EpochMs now = nowMs();
    // "Today" and "now" are the line's: its directory covers its region.
    q.today = localDate(now, m_settings.timeZone);
    if (optionalBool(p, "openNow")) {
        directory::setOpenAt(q, m_settings.timeZone.toLocal(now));
    }
    if (const auto limit = link::optionalInt(p, "limit")) {
        if (*limit < 1 || *limit > kMaxResults) {
            throw LinkError(ErrorCode::BadRequest, "Field \"limit\" must be 1 to 50.");
        }
        q.limit = static_cast<std::size_t>(*limit);
    }
    const auto near = link::optionalString(p, "near", kMaxTermBytes);
    const auto lat = optionalNumber(p, "latitude", -90, 90);
    const auto lon = optionalNumber(p, "longitude", -180, 180);
    const auto within = optionalNumber(p, "withinKm", 0.1, 500);
    if (near || lat || lon) {
        if (!near && (!lat || !lon)) {
            throw LinkError(ErrorCode::BadRequest, "Give \"near\", or both \"latitude\" and "
                                                   "\"longitude\".");
        }
        directory::Near n;
        if (near) {
            n.place = *near;
        } else {
            n.latitude = lat;
            n.longitude = lon;
        }
        n.radiusKm = within.value_or(25);
        q.near = n;
    }
    runOn(
        m_reader,
        [file = m_settings.directoryFile, q](Repository&) {
            auto& d = directoryOn(file);
            json::array results;
            // A place the directory does not know: std::invalid_argument,
            // answered as a bad request with its sentence.
            for (const auto& e : d.search(q)) {
                results.push_back(directory::directoryEntryJson(e, false));
            }
            return json::object{{"version", d.currentVersion()}, {"results", std::move(results)}};
        },
        [reply, rid = req.id](StoreResult<json::object> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            reply(link::ackFrame(rid, std::move(*r.value)));
        });
}

void Gateway::cmdResourcesShow(LinkState&, const link::Request& req, const Reply& reply)
{
    // "id" is the request's own (the envelope): the service is "resourceId".
    const auto id = link::requireString(req.params, "resourceId", kMaxTermBytes);
    const auto today = localDate(nowMs(), m_settings.timeZone);
    runOn(
        m_reader,
        [file = m_settings.directoryFile, id, today](Repository&) {
            const auto e = directoryOn(file).show(id, today);
            if (!e) {
                throw LinkError(ErrorCode::NotFound,
                                "No service \"" + id + "\" in the resource directory.");
            }
            auto o = directory::directoryEntryJson(*e, true);
            // What sharing it would send or have read out, word for word.
            o["shareText"] = directory::shareText(e->detail);
            return o;
        },
        [reply, rid = req.id](StoreResult<json::object> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            reply(link::ackFrame(rid, {{"resource", std::move(*r.value)}}));
        });
}

namespace {

struct Shared
{
    ReferralGiven referral;
    std::optional<OutboundJob> text; ///< the message that carried it, for a text contact
};

} // namespace

void Gateway::cmdResourcesShare(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id contactId = link::requireInt(req.params, "contactId");
    const auto resourceId = link::requireString(req.params, "resourceId", kMaxTermBytes);
    const auto* held = heldContact(contactId);
    if (!held || held->operatorId != state.operatorId) {
        throw LinkError(ErrorCode::Forbidden,
                        "You can share a resource only in a contact you hold.");
    }
    // A text contact is sent the words; on a call the operator reads them
    // out, and the record says so.
    const bool byText = held->channel == Channel::Text;
    const Id opId = *state.operatorId;
    const Provider provider = m_sender ? m_sender->provider() : Provider::Simulator;
    const auto today = localDate(nowMs(), m_settings.timeZone);
    write(
        [file = m_settings.directoryFile, contactId, resourceId, today, byText, opId,
         provider](Repository& repo) {
            auto& d = directoryOn(file);
            const auto e = d.show(resourceId, today);
            if (!e) {
                throw LinkError(ErrorCode::NotFound,
                                "No service \"" + resourceId + "\" in the resource directory.");
            }
            const auto c = repo.contacts().contact(contactId);
            if (!c) {
                throw NotFoundError("no contact");
            }
            const std::string words = directory::shareText(e->detail);
            const EpochMs now = nowMs();
            Shared out;
            std::optional<Id> messageId;
            if (byText) {
                requireNotOptedOut(repo, c->callerId);
                out.text = repo.texts().appendOutbound(contactId, words, opId, provider, now);
                messageId = out.text->message.id;
            }
            out.referral =
                recordReferral(repo.database(), contactId, opId, e->detail.id, e->detail.name,
                               d.currentVersion(), byText ? "text" : "read", words, messageId, now);
            return out;
        },
        [this, reply, rid = req.id](StoreResult<Shared> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            json::object ack{{"referral", link::toJson(r.value->referral)}};
            if (r.value->text) {
                ack["message"] = link::toJson(r.value->text->message);
            }
            reply(link::ackFrame(rid, std::move(ack)));
            if (r.value->text) {
                publishMessage("message.sent", r.value->text->message);
                trySend(r.value->text->message.id, 1);
            }
        });
}

} // namespace warmline::telephony
