#pragma once

// The Gateway's store helpers, shared by Gateway.cpp and GatewayCalls.cpp.
// Included only by the Gateway's own source files.

#include "telephony/lib/Gateway.h"

#include <boost/asio/post.hpp>

namespace warmline::telephony {

// Runs `fn` on a store worker's thread (the writer's inside its group
// transaction), then `done` back on the gateway's executor, unless the
// gateway is gone by then. A full job queue fails at once, also through `done`.
template <typename F, typename D> void Gateway::runOn(StoreWorker& worker, F&& fn, D&& done)
{
    using R = std::invoke_result_t<F&, Repository&>;
    auto ex = m_ex;
    auto alive = m_alive;
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

template <typename F, typename D> void Gateway::write(F&& fn, D&& done)
{
    runOn(m_writer, std::forward<F>(fn), std::forward<D>(done));
}

template <typename F, typename D> void Gateway::read(F&& fn, D&& done)
{
    runOn(m_reader, std::forward<F>(fn), std::forward<D>(done));
}

} // namespace warmline::telephony
