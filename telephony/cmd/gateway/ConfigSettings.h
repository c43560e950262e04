#pragma once

// What warmline-gateway builds from its configuration file: the gateway's,
// the call service's and the SIP endpoint's settings, the outbound text
// sender, and which changed sections only a restart applies (SIGHUP).
// Built at start and again on each reload.

#include "core/config/Config.h"
#include "core/config/LineContent.h"
#include "core/risk/RiskEngine.h"
#include "telephony/gateway/Gateway.h"
#include "telephony/sip/CallService.h"

#include <boost/asio/any_io_executor.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace warmline::telephony {

/// A resource file: `configured` if set, else the installed copy, else the
/// source tree's.
std::filesystem::path resourcePath(const std::string& configured, const std::string& relative);

/// The call service's settings; throws ConfigError or WavError with the
/// file and the reason.
sip::CallSettings callSettings(const GatewayConfig& config, const std::string& configFile);

sip::EndpointSettings endpointSettings(const GatewayConfig& config);
/// The certificate and key SIP over TLS serves: sip.tls_certificate's, or
/// else tls.certificate's (both empty when neither is set).
std::pair<std::string, std::string> sipCertificate(const GatewayConfig& config);

/// The carrier's sender for outbound texts (null with provider none).
std::unique_ptr<OutboundSender> makeSender(const GatewayConfig& c, boost::asio::any_io_executor ex);

/// What the gateway's logic takes from the config file (all but the
/// network, store and carrier settings).
GatewaySettings gatewaySettings(const GatewayConfig& config, LineContent lineContent,
                                std::shared_ptr<const RiskEngine> risk);

/// The sections of `fresh` that differ from what the gateway started with
/// and that only a restart applies (its sockets, store, carriers, SIP).
std::vector<std::string> restartOnlyChanges(const GatewayConfig& running,
                                            const GatewayConfig& fresh);

} // namespace warmline::telephony
