#pragma once

// What happens when a handler on the gateway's event loop throws: the
// request it serves (a link command, a webhook) gets an error, the failure
// is logged, and the loop goes on serving everyone else.
//
// A request's failure action is "current" while its handler runs; store
// jobs and timers started from that handler capture it and restore it
// around their completion, so a throw there still reaches the right request.
// Event-loop thread only (the current action is thread-local).

#include <exception>
#include <functional>
#include <memory>
#include <string_view>
#include <type_traits>

namespace warmline::telephony::fault {

/// Answers the request with an error; may be empty (no request to answer).
using OnFailure = std::shared_ptr<const std::function<void()>>;

/// The failure action of the handler running now (empty outside one).
OnFailure current();

/// Makes `onFailure` current for its lifetime, then restores the previous one.
class Scope
{
public:
    explicit Scope(OnFailure onFailure);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

private:
    OnFailure m_previous;
};

/// An action that runs `fn` once at most, however often it is invoked.
OnFailure once(std::function<void()> fn);

/// Logs an exception escaping a handler: its type and message only (never a
/// message body or a number: exceptions carry neither), under `where`.
void logEscaped(std::string_view where, const std::exception_ptr& e) noexcept;

/// The body of guarded(), out of line: `call(target)` runs under `scope`.
void runGuarded(std::string_view where, const OnFailure& scope, void (*call)(void*),
                void* target) noexcept;

/// Runs `fn` with `scope` current. If it throws, the exception is logged
/// and `scope` (if any) answers the request; nothing propagates. (Out of
/// line, so that `fn` is not inlined into the try block: GCC 12 then warns
/// about optionals in store results that are in fact initialised.)
template <typename F> void guarded(std::string_view where, const OnFailure& scope, F&& fn) noexcept
{
    using Fn = std::remove_reference_t<F>;
    runGuarded(
        where, scope, [](void* target) { (*static_cast<Fn*>(target))(); },
        const_cast<void*>(static_cast<const volatile void*>(std::addressof(fn))));
}

} // namespace warmline::telephony::fault
