#pragma once

// The softphone's account with the gateway (decision 157): what liblinphone
// is told so that it connects out over TLS, checks the gateway's
// certificate, registers with the link's credentials and takes only SRTP
// calls. Used on the softphone's engine thread only.

#include "app/phone/Softphone.h"

#include <linphone++/linphone.hh>

#include <memory>

namespace warmline::app {

/// Why an account from the gateway cannot be used on this computer.
enum class AccountProblem
{
    None,
    NoCertificates, ///< the certificates to check the gateway's with cannot be read
    Unparseable,    ///< the gateway gave an address or port liblinphone cannot use
    NoSrtp,         ///< this liblinphone was built without SRTP
    Refused,        ///< liblinphone would not take the account
};

/// Replaces the core's accounts with `account` (none when its username is
/// empty, or when it cannot be used: plain calls are taken again). Returns
/// why it could not be used. `haveRootCa`: the certificates to check the
/// gateway's against were read.
AccountProblem applySoftphoneAccount(const std::shared_ptr<linphone::Core>& core,
                                     const Softphone::Account& account, bool haveRootCa);

/// The listening ports for a softphone with an account (none: its calls
/// come over its TLS connection) or without (UDP on `udpPort`). Changing
/// them closes open connections, so never while a call is up.
void applySoftphoneTransports(const std::shared_ptr<linphone::Core>& core, bool account,
                              int udpPort);

/// liblinphone's registration state as the app's.
Softphone::Registration registrationOf(linphone::RegistrationState state);

} // namespace warmline::app
