// Link commands, the debug family: debug.fault, failures on purpose, for the
// tests that prove a throwing handler, store completion or timer costs one
// request and nothing else. Registered only with GatewaySettings::testFaults
// (WARMLINE_TEST_FAULTS=1); without it the command is unknown.

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/GatewayJobs.h"

#include <boost/asio/steady_timer.hpp>
#include <spdlog/spdlog.h>

#include <stdexcept>

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

void Gateway::addDebugCommands()
{
    m_commands.add("debug.fault", {}, [this](CommandCall& c) { cmdDebugFault(c.req, c.reply); });
}

void Gateway::cmdDebugFault(const link::Request& req, const Reply& reply)
{
    const std::string at = link::requireString(req.params, "at");
    spdlog::warn("debug.fault: injecting a failure at \"{}\"", at);
    if (at == "handler") {
        throw std::runtime_error("injected fault (link handler)");
    }
    if (at == "completion") {
        // The store job succeeds; its completion throws before answering.
        read([](Repository&) { return 0; },
             [](StoreResult<int>) {
                 throw std::runtime_error("injected fault (store completion)");
             });
        return;
    }
    if (at == "timer") {
        // A bare timer whose handler throws straight into the event loop:
        // what any timer or socket handler that forgot to catch would do.
        auto timer = std::make_shared<boost::asio::steady_timer>(m_ex);
        timer->expires_after(std::chrono::milliseconds(10));
        timer->async_wait([timer](boost::system::error_code ec) {
            if (!ec) {
                throw std::runtime_error("injected fault (timer)");
            }
        });
        reply(link::ackFrame(req.id, {{"armed", "timer"}}));
        return;
    }
    if (at == "ingest") {
        m_faultNextIngest = true;
        reply(link::ackFrame(req.id, {{"armed", "ingest"}}));
        return;
    }
    throw LinkError(ErrorCode::BadRequest,
                    "debug.fault: at must be handler, completion, timer or ingest.");
}

} // namespace warmline::telephony
