// ShiftSession's softphone (ShiftSession.h): the account it asks its link
// for and gives liblinphone (decisions 157 and 158), asked again when the
// gateway cannot give one just now, or the address it announces instead.

#include "app/phone/Softphone.h"
#include "app/shift/ShiftSession.h"
#include "app/shift/ShiftSessionDetail.h"

#include <QHostAddress>
#include <QRandomGenerator>

#include <algorithm>

namespace warmline::app {

using shift_detail::unknownCommand;

void ShiftSession::setSoftphone(Softphone* phone)
{
    m_softphone = phone;
    if (phone) {
        connect(phone, &Softphone::started, this, &ShiftSession::registerSoftphone);
        connect(phone, &Softphone::accountUnusable, this, [this](const QString& why) {
            emit notice(tr("This computer's softphone cannot use the gateway's account (%1). "
                           "Calls go to the phone on your profile, if you have one.")
                            .arg(why));
            // The account would hold the operator's calls for a phone that
            // will never register: give it up.
            m_link.request(QStringLiteral("softphone.set"), {{QStringLiteral("uri"), QString()}},
                           [](const LinkReply&) {});
        });
        connect(phone, &Softphone::registrationChanged, this, [this](Softphone::Registration r) {
            emit phoneStatusChanged();
            // Said once while it keeps failing (liblinphone tries again).
            if (r == Softphone::Registration::Registered || r == Softphone::Registration::None) {
                m_phoneFailureSaid = false;
            } else if (r == Softphone::Registration::Failed && m_softphone && !m_phoneFailureSaid &&
                       m_link.state() == LinkConnection::State::Online) {
                m_phoneFailureSaid = true;
                emit notice(tr("This computer's softphone cannot connect to the gateway (%1). "
                               "Calls cannot reach it until it does; it keeps trying.")
                                .arg(m_softphone->registrationProblem()));
            }
        });
        registerSoftphone();
    }
}

void ShiftSession::registerSoftphone()
{
    // A new start (the softphone started, the link came up): a new streak.
    m_phoneRetries = 0;
    m_phoneRetrySaid = false;
    askSoftphoneAccount();
}

void ShiftSession::askSoftphoneAccount()
{
    if (!m_softphone || !m_softphone->running() ||
        m_link.state() != LinkConnection::State::Online || m_link.operatorId() == 0) {
        return;
    }
    // Operators and leads take calls; other roles get forbidden, which is
    // fine. A gateway with SIP over TLS gives the link an account: the
    // softphone connects out and registers, wherever it is, and its calls
    // are SRTP (decision 157). Otherwise it announces its address, which
    // the gateway takes only on the site's network.
    const QString host = m_link.url().host();
    // Only the latest request's answer counts: an earlier one's account
    // has been replaced on the gateway by the time a later one answers.
    const quint64 request = ++m_phoneRequest;
    m_phoneRetry.stop();
    m_link.request(
        QStringLiteral("softphone.account"), {},
        [this, host, request](const LinkReply& r) {
            if (!m_softphone || !m_softphone->running() || request != m_phoneRequest) {
                return;
            }
            if (unknownCommand(r)) {
                // A gateway from before accounts: announce, as the app did then.
                m_softphone->setAccount({});
                announceSoftphone();
                return;
            }
            const bool passing = r.code == u"timeout" || r.code == u"capacity" ||
                                 r.code == u"unavailable" || r.code == u"internal";
            if (!r.ok && passing) {
                // It may answer the next time: ask again, 5 s, 10 s, ...
                // up to a minute apart (give or take a fifth, so that apps
                // turned away together do not come back together), and say
                // so once.
                m_softphone->setAccount({});
                if (r.code == u"timeout") {
                    // The gateway may yet make the account it did not
                    // answer for, and send calls to it: give it up, in
                    // order behind that request.
                    m_link.request(QStringLiteral("softphone.set"),
                                   {{QStringLiteral("uri"), QString()}}, [](const LinkReply&) {});
                }
                const int delay = std::min(5000 << std::min(m_phoneRetries, 4), 60000);
                const double jitter = 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
                m_phoneRetry.start(static_cast<int>(delay * jitter));
                ++m_phoneRetries;
                if (!m_phoneRetrySaid) {
                    m_phoneRetrySaid = true;
                    const QString why = r.code == u"timeout" || r.message.isEmpty()
                                            ? tr("The gateway did not answer in time.")
                                            : r.message;
                    emit notice(tr("Calls cannot come to this computer's softphone yet. %1 The "
                                   "app keeps asking the gateway.")
                                    .arg(why));
                }
                return;
            }
            m_phoneRetries = 0;
            m_phoneRetrySaid = false;
            if (!r.ok) {
                m_softphone->setAccount({});
                if (r.code != QStringLiteral("forbidden") && r.code != QStringLiteral("offline")) {
                    emit notice(
                        tr("Calls cannot come to this computer's softphone: %1").arg(r.message));
                }
                return;
            }
            const int tlsPort = r.data.value(u"tlsPort").toInt();
            // liblinphone checks the names on the gateway's certificate, not
            // addresses: a gateway named by its address gets plain calls.
            if (tlsPort > 0 && QHostAddress(host).isNull()) {
                Softphone::Account account;
                account.identity = r.data.value(u"uri").toString();
                account.host = host;
                account.tlsPort = tlsPort;
                account.username = r.data.value(u"username").toString();
                account.password = r.data.value(u"password").toString();
                account.realm = r.data.value(u"realm").toString();
                m_softphone->setAccount(account);
                return;
            }
            if (tlsPort > 0) {
                emit notice(tr("Calls to this computer's softphone are not encrypted: the app "
                               "reaches the gateway by its address (%1), not by the name on its "
                               "certificate. Ask your administrator for the gateway's name.")
                                .arg(host));
            }
            m_softphone->setAccount({});
            announceSoftphone();
        },
        m_phoneAccountTimeoutMs);
}

void ShiftSession::announceSoftphone()
{
    // A softphone listening on every address names the one the link
    // leaves from, which the gateway can reach (IPv4: the softphone's SIP
    // is IPv4 only).
    QString uri = m_softphone->uri();
    const QString any = QStringLiteral("@0.0.0.0:");
    if (uri.contains(any)) {
        bool v4 = false;
        const quint32 local = m_link.localAddress().toIPv4Address(&v4);
        if (!v4) {
            emit notice(tr("Calls cannot come to this computer's softphone: the gateway is "
                           "reached over IPv6, and the softphone's calls need IPv4."));
            m_link.request(QStringLiteral("softphone.set"), {{QStringLiteral("uri"), QString()}},
                           [](const LinkReply&) {});
            return;
        }
        uri.replace(any, QLatin1Char('@') + QHostAddress(local).toString() + QLatin1Char(':'));
    }
    // Any refusal but "forbidden" (a softphone off the site's network) is
    // said, and the account asked for just before is given up, so that
    // calls go to the phone on the operator's profile, if any.
    m_link.request(
        QStringLiteral("softphone.set"), {{QStringLiteral("uri"), uri}},
        [this](const LinkReply& r) {
            if (r.ok || r.code == QStringLiteral("offline")) {
                return;
            }
            if (r.code != QStringLiteral("forbidden")) {
                emit notice(
                    tr("Calls cannot come to this computer's softphone: %1").arg(r.message));
            }
            m_link.request(QStringLiteral("softphone.set"), {{QStringLiteral("uri"), QString()}},
                           [](const LinkReply&) {});
        });
}

} // namespace warmline::app
