#pragma once

// Accounts as the administration window lists them (operator.list): name,
// role, capacity, languages, disabled, presence. Edits go to the gateway;
// the model changes when its answer comes back. GUI thread only.

#include "app/link/LinkRecords.h"

#include <QAbstractTableModel>
#include <QList>

namespace warmline::app {

struct AccountRecord
{
    qint64 id = 0;
    QString name;
    Role role = Role::Operator;
    int capacity = 3;
    QStringList languages;
    QString group; ///< for the survey's figures by group (docs/surveys.md); "" if none
    /// Where their calls ring without the app's softphone: a SIP address or
    /// their own number (docs/remote-operators.md); "" if none. Only an
    /// administrator's list carries it.
    QString phone;
    bool disabled = false;
    Presence presence = Presence::Offline;

    static AccountRecord fromJson(const QJsonObject&);
};

class OperatorAdminModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        RoleColumn,
        CapacityColumn,
        LanguagesColumn,
        GroupColumn,
        StatusColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit OperatorAdminModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setAccounts(const QList<AccountRecord>& accounts);
    /// Inserts or replaces by id, keeping the list sorted by name.
    void upsert(const AccountRecord& account);
    const AccountRecord* accountAt(int row) const;

    static QString roleText(Role);

private:
    QList<AccountRecord> m_accounts;
};

} // namespace warmline::app
