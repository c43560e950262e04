#include "app/phone/SoftphoneAccount.h"

namespace warmline::app {

AccountProblem applySoftphoneAccount(const std::shared_ptr<linphone::Core>& core,
                                     const Softphone::Account& account, bool haveRootCa)
{
    auto factory = linphone::Factory::get();
    const bool none = account.username.isEmpty();
    std::shared_ptr<linphone::Address> server;
    std::shared_ptr<linphone::Address> identity;
    AccountProblem why = AccountProblem::None;
    if (!none) {
        const std::string host = account.host.toStdString();
        const std::string bracketed = host.find(':') != std::string::npos ? "[" + host + "]" : host;
        server = factory->createAddress("sip:" + bracketed + ":" + std::to_string(account.tlsPort) +
                                        ";transport=tls");
        identity = factory->createAddress(account.identity.toStdString());
        if (!haveRootCa) {
            why = AccountProblem::NoCertificates;
        } else if (!server || !identity || account.tlsPort <= 0 || account.tlsPort > 65535) {
            why = AccountProblem::Unparseable;
        }
    }
    core->clearAccounts();
    core->clearAllAuthInfo();
    if (none || why != AccountProblem::None) {
        // Plain calls to the announced address again.
        core->setMediaEncryptionMandatory(false);
        core->setMediaEncryption(linphone::MediaEncryption::None);
        return why;
    }
    // The gateway sends the key of each call's audio inside its SIP, so SIP
    // must be TLS and a call without SRTP is not taken.
    if (core->setMediaEncryption(linphone::MediaEncryption::SRTP) != 0) {
        core->setMediaEncryption(linphone::MediaEncryption::None);
        return AccountProblem::NoSrtp;
    }
    core->setMediaEncryptionMandatory(true);
    auto params = core->createAccountParams();
    params->setIdentityAddress(identity);
    params->setServerAddress(server);
    params->enableOutboundProxy(false);
    params->enableRegister(true);
    // The gateway keeps a registration at most 600 s; liblinphone renews
    // it before it ends.
    params->setExpires(300);
    params->setPushNotificationAllowed(false);
    auto made = core->createAccount(params);
    if (!made) {
        return AccountProblem::Refused;
    }
    core->addAuthInfo(factory->createAuthInfo(account.username.toStdString(), "",
                                              account.password.toStdString(), "",
                                              account.realm.toStdString(), ""));
    if (core->addAccount(made) != 0) {
        return AccountProblem::Refused;
    }
    core->setDefaultAccount(made);
    return AccountProblem::None;
}

void applySoftphoneTransports(const std::shared_ptr<linphone::Core>& core, bool account,
                              int udpPort)
{
    auto transports = linphone::Factory::get()->createTransports();
    // With an account nothing listens: calls come over the connection the
    // softphone keeps to the gateway (TLS without a socket of its own).
    // Without, the gateway calls the announced UDP port.
    transports->setUdpPort(account ? 0 : udpPort);
    transports->setTcpPort(0);
    transports->setTlsPort(account ? -2 : 0); // -2: LC_SIP_TRANSPORT_DONTBIND
    transports->setDtlsPort(0);
    core->setTransports(transports);
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
