#pragma once

// Item-data roles shared by the app's models, delegates and views.

#include <Qt>

namespace warmline::app {

enum ModelRole
{
    ContactIdRole = Qt::UserRole + 1,
    RiskRole,      ///< int(RiskLevel)
    ChannelRole,   ///< int(Channel)
    SortRole,      ///< a value that sorts naturally (numbers for times)
    DirectionRole, ///< int(Direction)
    StatusRole,    ///< int(DeliveryStatus)
    CanRetryRole,  ///< bool: a failed or unsent outbound text
    TimeRole,      ///< qint64 ms since epoch
    MessageIdRole,
    UnsentRole,  ///< bool: a local outbox entry the operator must retry
    WaitingRole, ///< bool: typed offline, sent by itself on reconnect
    OperatorIdRole,
    AlertIdRole,
    AlertLevelRole ///< int(AlertLevel)
};

} // namespace warmline::app
