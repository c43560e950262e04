// Operators' wellbeing at the gateway (docs/wellbeing.md): the debrief an
// operator may leave for a supervisor after a heavy contact. The reminders to
// take a break are the board's (GatewayBoard.cpp) and contact.close's.

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/link/ReviewCodec.h"
#include "core/store/Interpretations.h"
#include "core/text/Text.h"
#include "telephony/gateway/GatewayJobs.h"

#include <spdlog/spdlog.h>

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

namespace {

constexpr std::size_t kMaxDebriefBytes = 4000;

} // namespace

// contact.debrief {contactId, body}: after a heavy contact, the operator who
// handled it leaves a note for a supervisor (docs/wellbeing.md). Stored
// with the contact, shown in its review, and announced to reviewers.
void Gateway::cmdDebrief(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id contactId = link::requireInt(req.params, "contactId");
    const auto body = link::requireString(req.params, "body", kMaxDebriefBytes);
    if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
        throw LinkError(ErrorCode::BadRequest, "The debrief is empty.");
    }
    if (!isValidUtf8(body)) {
        throw LinkError(ErrorCode::BadRequest, "The debrief must be valid UTF-8.");
    }
    const Id self = *state.operatorId;
    write(
        [contactId, self, body](Repository& repo) {
            const auto c = repo.contacts().contact(contactId);
            if (!c) {
                throw LinkError(ErrorCode::NotFound, "There is no such contact.");
            }
            if (c->operatorId != self) {
                throw LinkError(ErrorCode::Forbidden,
                                "Only the operator who handled this contact can write its "
                                "debrief.");
            }
            return addDebrief(repo.database(), contactId, self, body, nowMs());
        },
        [this, reply, rid = req.id](StoreResult<Debrief> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            // Never logged: the body is the operator's own words about a caller.
            spdlog::info("contact {}: a debrief was written", r.value->contactId);
            const auto debrief = link::toJson(*r.value);
            reply(link::ackFrame(rid, {{"debrief", debrief}}));
            publish("debrief.new", {{"debrief", debrief}}, Audience{false, std::nullopt});
        });
}

} // namespace warmline::telephony
