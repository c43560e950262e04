#pragma once

// Runs a function on a store worker's thread and hands its result back on
// an executor: the pattern every gateway command uses. Header-only; no Beast.

#include "core/store/StoreWorker.h"
#include "telephony/gateway/FaultScope.h"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/post.hpp>

#include <memory>
#include <type_traits>
#include <utility>

namespace warmline::telephony {

/// Runs `fn(Repository&)` on `worker` (the writer's inside its group
/// transaction), then `done(StoreResult<R>)` on `ex`, unless `*alive` is
/// false by then. A full job queue fails at once, also through `done`. A
/// throw from `done` is logged and answered through the failure action
/// current at submission (FaultScope.h); it never reaches the event loop.
// GCC 12 warns that the store result moved into `done` may be used
// uninitialised once it is called inside guarded()'s try block; it is
// initialised (a false positive of -Wmaybe-uninitialized with optionals).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
template <typename F, typename D>
void runOnStore(boost::asio::any_io_executor ex, std::shared_ptr<bool> alive, StoreWorker& worker,
                F&& fn, D&& done)
{
    using R = std::invoke_result_t<F&, Repository&>;
    auto shared = std::make_shared<std::decay_t<D>>(std::forward<D>(done));
    auto deliver = [ex, alive, shared, scope = fault::current()](StoreResult<R> r) {
        boost::asio::post(ex, [alive, shared, scope, r = std::move(r)]() mutable {
            if (*alive) {
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

} // namespace warmline::telephony
