#pragma once

// Runs a function on a store worker's thread and hands its result back on
// an executor: the pattern every gateway command uses. Header-only; no Beast.

#include "core/StoreWorker.h"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/post.hpp>

#include <memory>
#include <type_traits>
#include <utility>

namespace warmline::telephony {

/// Runs `fn(Repository&)` on `worker` (the writer's inside its group
/// transaction), then `done(StoreResult<R>)` on `ex`, unless `*alive` is
/// false by then. A full job queue fails at once, also through `done`.
template <typename F, typename D>
void runOnStore(boost::asio::any_io_executor ex, std::shared_ptr<bool> alive, StoreWorker& worker,
                F&& fn, D&& done)
{
    using R = std::invoke_result_t<F&, Repository&>;
    auto shared = std::make_shared<std::decay_t<D>>(std::forward<D>(done));
    auto deliver = [ex, alive, shared](StoreResult<R> r) {
        boost::asio::post(ex, [alive, shared, r = std::move(r)]() mutable {
            if (*alive) {
                (*shared)(std::move(r));
            }
        });
    };
    if (!worker.call(std::forward<F>(fn), deliver)) {
        StoreResult<R> r;
        r.error = std::make_exception_ptr(StoreUnavailable("the store's queue is full"));
        deliver(std::move(r));
    }
}

} // namespace warmline::telephony
