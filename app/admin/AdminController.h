#pragma once

// Administration in the app: accounts (operator.list, add, role, capacity,
// languages, disable, enable) and the line's settings (line.settings.get and
// set). Holds the models the Administration window shows; every change goes
// to the gateway, which checks the role again. GUI thread only.

#include "app/admin/LineSettingsModel.h"
#include "app/admin/OperatorAdminModel.h"
#include "app/link/LinkConnection.h"

#include <QObject>

namespace warmline::app {

class AdminController : public QObject
{
    Q_OBJECT
public:
    explicit AdminController(LinkConnection& link, QObject* parent = nullptr);

    OperatorAdminModel* operators() { return &m_operators; }
    LineSettingsModel* settings() { return &m_settings; }

    void refresh();
    void addOperator(const QString& name, const QString& role, int capacity,
                     const QString& password);
    void setRole(const QString& name, const QString& role);
    void setCapacity(const QString& name, int capacity);
    void setLanguages(const QString& name, const QStringList& languages);
    /// The operator's group for the survey's figures; "" for none.
    void setGroup(const QString& name, const QString& group);
    /// Where the operator's calls ring without the app's softphone: a SIP
    /// address, their own number (through the trunk), or "" for none.
    void setPhone(const QString& name, const QString& phone);
    void setDisabled(const QString& name, bool disabled);
    /// Sends every edited setting; each accepted one replaces its row.
    void saveSettings();
    void resetSetting(const QString& key);

signals:
    void notice(const QString& sentence);
    /// A request finished (tests wait on it).
    void done();

private:
    void accountReply(const LinkReply& r, const QString& confirmation);

    LinkConnection& m_link;
    OperatorAdminModel m_operators;
    LineSettingsModel m_settings;
};

} // namespace warmline::app
