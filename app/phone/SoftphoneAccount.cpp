#include "app/phone/SoftphoneAccount.h"

namespace warmline::app {

std::string applySoftphoneAccount(const std::shared_ptr<linphone::Core>& core,
                                  const Softphone::Account& account)
{
    core->clearAccounts();
    core->clearAllAuthInfo();
    if (account.username.isEmpty()) {
        core->setMediaEncryptionMandatory(false);
        core->setMediaEncryption(linphone::MediaEncryption::None);
        return {};
    }
    // The gateway sends the key of each call's audio inside its SIP, so SIP
    // must be TLS and a call without SRTP is not taken.
    if (core->setMediaEncryption(linphone::MediaEncryption::SRTP) != 0) {
        return "this liblinphone has no SRTP";
    }
    core->setMediaEncryptionMandatory(true);
    auto factory = linphone::Factory::get();
    const std::string host = account.host.toStdString();
    const std::string bracketed = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    const auto server = factory->createAddress("sip:" + bracketed + ":" +
                                               std::to_string(account.tlsPort) + ";transport=tls");
    const auto identity = factory->createAddress(account.identity.toStdString());
    if (!server || !identity || account.tlsPort <= 0 || account.tlsPort > 65535) {
        return "the gateway gave an account this softphone cannot use";
    }
    auto params = core->createAccountParams();
    params->setIdentityAddress(identity);
    params->setServerAddress(server);
    params->enableOutboundProxy(false);
    params->enableRegister(true);
    // The gateway keeps a registration at most 600 s; liblinphone renews
    // before it ends, and again at once when its connection drops.
    params->setExpires(300);
    params->setPushNotificationAllowed(false);
    auto made = core->createAccount(params);
    if (!made) {
        return "liblinphone refused the account";
    }
    core->addAuthInfo(factory->createAuthInfo(account.username.toStdString(), "",
                                              account.password.toStdString(), "",
                                              account.realm.toStdString(), ""));
    if (core->addAccount(made) != 0) {
        return "liblinphone refused the account";
    }
    core->setDefaultAccount(made);
    return {};
}

Softphone::Registration registrationOf(linphone::RegistrationState state)
{
    using S = linphone::RegistrationState;
    switch (state) {
    case S::Ok:
        return Softphone::Registration::Registered;
    case S::Failed:
        return Softphone::Registration::Failed;
    case S::None:
    case S::Cleared:
        return Softphone::Registration::None;
    case S::Progress:
    default:
        return Softphone::Registration::Registering;
    }
}

} // namespace warmline::app
