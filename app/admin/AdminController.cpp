#include "app/admin/AdminController.h"

#include <QJsonArray>

namespace warmline::app {

AdminController::AdminController(LinkConnection& link, QObject* parent)
    : QObject(parent), m_link(link)
{
}

void AdminController::refresh()
{
    m_link.request(QStringLiteral("operator.list"), {}, [this](const LinkReply& r) {
        if (!r.ok) {
            emit notice(r.message);
        } else {
            QList<AccountRecord> accounts;
            for (const auto& o : r.data.value(u"operators").toArray()) {
                accounts.append(AccountRecord::fromJson(o.toObject()));
            }
            m_operators.setAccounts(accounts);
        }
        m_link.request(QStringLiteral("line.settings.get"), {}, [this](const LinkReply& s) {
            if (!s.ok) {
                emit notice(s.message);
            } else {
                QList<SettingRecord> settings;
                for (const auto& o : s.data.value(u"settings").toArray()) {
                    settings.append(SettingRecord::fromJson(o.toObject()));
                }
                m_settings.setSettings(settings);
            }
            emit done();
        });
    });
}

void AdminController::accountReply(const LinkReply& r, const QString& confirmation)
{
    if (!r.ok) {
        emit notice(r.message);
    } else {
        if (r.data.contains(u"operator")) {
            const auto o = r.data.value(u"operator").toObject();
            auto account = AccountRecord::fromJson(o);
            if (!o.contains(u"sipUri")) {
                // Only operator.sip's answer says the phone: keep the one known.
                for (int row = 0; row < m_operators.rowCount(); ++row) {
                    if (m_operators.accountAt(row)->id == account.id) {
                        account.phone = m_operators.accountAt(row)->phone;
                    }
                }
            }
            m_operators.upsert(account);
        }
        emit notice(confirmation);
    }
    emit done();
}

void AdminController::addOperator(const QString& name, const QString& role, int capacity,
                                  const QString& password)
{
    m_link.request(
        QStringLiteral("operator.add"),
        {{QStringLiteral("name"), name},
         {QStringLiteral("role"), role},
         {QStringLiteral("capacity"), capacity},
         {QStringLiteral("password"), password}},
        [this, name](const LinkReply& r) { accountReply(r, tr("Account %1 added.").arg(name)); });
}

void AdminController::setRole(const QString& name, const QString& role)
{
    m_link.request(
        QStringLiteral("operator.role"),
        {{QStringLiteral("name"), name}, {QStringLiteral("role"), role}},
        [this, name](const LinkReply& r) { accountReply(r, tr("%1's role changed.").arg(name)); });
}

void AdminController::setCapacity(const QString& name, int capacity)
{
    m_link.request(QStringLiteral("operator.capacity"),
                   {{QStringLiteral("name"), name}, {QStringLiteral("capacity"), capacity}},
                   [this, name](const LinkReply& r) {
                       accountReply(r, tr("%1's capacity changed.").arg(name));
                   });
}

void AdminController::setLanguages(const QString& name, const QStringList& languages)
{
    m_link.request(QStringLiteral("operator.languages"),
                   {{QStringLiteral("name"), name},
                    {QStringLiteral("languages"), QJsonArray::fromStringList(languages)}},
                   [this, name](const LinkReply& r) {
                       accountReply(r, tr("%1's languages changed.").arg(name));
                   });
}

void AdminController::setGroup(const QString& name, const QString& group)
{
    m_link.request(
        QStringLiteral("operator.group"),
        {{QStringLiteral("name"), name}, {QStringLiteral("group"), group}},
        [this, name](const LinkReply& r) { accountReply(r, tr("%1's group changed.").arg(name)); });
}

void AdminController::setPhone(const QString& name, const QString& phone)
{
    m_link.request(
        QStringLiteral("operator.sip"),
        {{QStringLiteral("name"), name}, {QStringLiteral("uri"), phone}},
        [this, name](const LinkReply& r) { accountReply(r, tr("%1's phone changed.").arg(name)); });
}

void AdminController::setDisabled(const QString& name, bool disabled)
{
    m_link.request(
        disabled ? QStringLiteral("operator.disable") : QStringLiteral("operator.enable"),
        {{QStringLiteral("name"), name}}, [this, name, disabled](const LinkReply& r) {
            if (r.ok) {
                refresh(); // the answer carries no account
                emit notice(disabled ? tr("%1 disabled.").arg(name) : tr("%1 enabled.").arg(name));
                return;
            }
            emit notice(r.message);
            emit done();
        });
}

void AdminController::saveSettings()
{
    const auto edits = m_settings.edits();
    if (edits.isEmpty()) {
        emit notice(tr("Nothing to save."));
        emit done();
        return;
    }
    auto left = std::make_shared<int>(static_cast<int>(edits.size()));
    for (const auto& [key, value] : edits) {
        m_link.request(
            QStringLiteral("line.settings.set"),
            {{QStringLiteral("key"), key}, {QStringLiteral("value"), value}},
            [this, left, key = key](const LinkReply& r) {
                if (r.ok) {
                    m_settings.apply(SettingRecord::fromJson(r.data.value(u"setting").toObject()));
                    emit notice(tr("%1 saved.").arg(LineSettingsModel::labelFor(key)));
                } else {
                    emit notice(tr("%1: %2").arg(LineSettingsModel::labelFor(key), r.message));
                }
                if (--*left == 0) {
                    emit done();
                }
            });
    }
}

void AdminController::resetSetting(const QString& key)
{
    m_link.request(
        QStringLiteral("line.settings.set"),
        {{QStringLiteral("key"), key}, {QStringLiteral("reset"), true}},
        [this, key](const LinkReply& r) {
            if (r.ok) {
                m_settings.apply(SettingRecord::fromJson(r.data.value(u"setting").toObject()));
                emit notice(
                    tr("%1 follows the config file again.").arg(LineSettingsModel::labelFor(key)));
            } else {
                emit notice(r.message);
            }
            emit done();
        });
}

} // namespace warmline::app
