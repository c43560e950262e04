#pragma once

// The contacts the signed-in operator holds (active or in wrap-up), in the
// order they were taken. GUI thread only.

#include "app/shift/ContactListModel.h"

namespace warmline::app {

class MyContactsModel : public ContactListModel
{
    Q_OBJECT
public:
    enum Column
    {
        ChannelColumn,
        AliasColumn,
        StateColumn,
        RiskColumn,
        PreviewColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit MyContactsModel(QObject* parent = nullptr);

    /// Whose contacts these are; set after login.
    void setOperatorId(qint64 id) { m_operatorId = id; }
    qint64 operatorId() const { return m_operatorId; }

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    bool belongs(const ContactRecord&) const override;

private:
    qint64 m_operatorId = 0;
};

} // namespace warmline::app
