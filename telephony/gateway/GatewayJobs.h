#pragma once

// The gateway's store jobs: the definitions of Gateway::runOn, write and
// read, shared by the files that implement Gateway. Private to them.

#include "telephony/gateway/Gateway.h"

#include "core/store/Repository.h"
#include "core/store/StoreWorker.h"
#include "telephony/gateway/FaultScope.h"

#include <boost/asio/post.hpp>

namespace warmline::telephony {

// Runs `fn` on a store worker's thread (the writer's inside its group
// transaction), then `done` back on the gateway's executor, unless the
// gateway is gone by then. A full job queue fails at once, also through `done`.
// A throw from `done` is logged and answered through the failure action that
// was current when the job was submitted (FaultScope.h); the loop goes on.
// GCC 12 warns that the store result moved into `done` may be used
// uninitialised once it is called inside guarded()'s try block; it is
// initialised (a false positive of -Wmaybe-uninitialized with optionals).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
template <typename F, typename D> void Gateway::runOn(StoreWorker& worker, F&& fn, D&& done)
{
    using R = std::invoke_result_t<F&, Repository&>;
    auto ex = m_ex;
    auto alive = m_alive;
    auto shared = std::make_shared<std::decay_t<D>>(std::forward<D>(done));
    Gateway* self = &worker == &m_writer ? this : nullptr;
    auto deliver = [ex, alive, shared, self, scope = fault::current()](StoreResult<R> r) {
        boost::asio::post(ex, [alive, shared, self, scope, r = std::move(r)]() mutable {
            if (*alive) {
                if (self != nullptr) {
                    self->noteWriteOutcome(r.error);
                }
                fault::guarded("a store job's completion", scope, [&] { (*shared)(std::move(r)); });
            }
        });
    };
    if (!worker.call(std::forward<F>(fn), deliver)) {
        StoreResult<R> r;
        r.error = std::make_exception_ptr(StoreUnavailable("the store's queue is full"));
        deliver(std::move(r));
    }
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

template <typename F, typename D> void Gateway::write(F&& fn, D&& done)
{
    runOn(m_writer, std::forward<F>(fn), std::forward<D>(done));
}

template <typename F, typename D> void Gateway::read(F&& fn, D&& done)
{
    runOn(m_reader, std::forward<F>(fn), std::forward<D>(done));
}

/// In a store job that texts a caller: a Conflict link error when they
/// opted out (STOP), so nothing is stored or sent.
inline void requireNotOptedOut(Repository& repo, Id callerId)
{
    if (repo.callers().callerOptedOut(callerId)) {
        throw link::LinkError(link::ErrorCode::Conflict,
                              "This texter has opted out (STOP). They can text START to "
                              "receive texts again.");
    }
}

/// In a store job for an automatic text to a waiting texter (the wait
/// notice, the partner line's number): whether it goes in Spanish, or
/// nullopt when the texter opted out (STOP) and gets nothing (GatewayTexts.cpp).
std::optional<bool> automaticTextInSpanish(Repository& repo, Id callerId);

/// In the board's load: the waiting contacts screening held for a lead and
/// no lead admitted since (from the audit log), so a restart during a flood
/// keeps them held (GatewayScreening.cpp).
std::vector<std::pair<Id, Screen>> screenedWaiting(Repository& repo);

/// The survey after a text conversation (GatewaySurveys.cpp): if it is due
/// for the contact just closed, records it as sent and stores its text as
/// an automatic outbound message, returned for sending. In the close's
/// transaction.
std::optional<OutboundJob> surveyIfDue(Repository& repo, Id contactId, Id callerId,
                                       const std::string& lineName, Provider provider,
                                       EpochMs minGapMs, EpochMs now);

} // namespace warmline::telephony
