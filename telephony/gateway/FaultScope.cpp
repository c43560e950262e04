#include "telephony/gateway/FaultScope.h"

#include <spdlog/spdlog.h>

#include <typeinfo>

namespace warmline::telephony::fault {

namespace {
thread_local OnFailure t_current;
} // namespace

OnFailure current()
{
    return t_current;
}

Scope::Scope(OnFailure onFailure) : m_previous(std::move(t_current))
{
    t_current = std::move(onFailure);
}

Scope::~Scope()
{
    t_current = std::move(m_previous);
}

OnFailure once(std::function<void()> fn)
{
    auto pending = std::make_shared<std::function<void()>>(std::move(fn));
    return std::make_shared<const std::function<void()>>([pending] {
        if (*pending) {
            auto f = std::move(*pending);
            *pending = nullptr;
            f();
        }
    });
}

void logEscaped(std::string_view where, const std::exception_ptr& e) noexcept
{
    try {
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& ex) {
            spdlog::error("{} threw {}: {}; the request gets an error, serving goes on", where,
                          typeid(ex).name(), ex.what());
        } catch (...) {
            spdlog::error("{} threw a non-standard exception; the request gets an error, serving "
                          "goes on",
                          where);
        }
    } catch (...) {
        // Logging never throws out of here.
    }
}

void runGuarded(std::string_view where, const OnFailure& scope, void (*call)(void*),
                void* target) noexcept
{
    try {
        Scope s(scope);
        call(target);
        return;
    } catch (...) {
        logEscaped(where, std::current_exception());
    }
    if (scope && *scope) {
        try {
            (*scope)();
        } catch (...) {
            logEscaped("answering a failed request", std::current_exception());
        }
    }
}

} // namespace warmline::telephony::fault
