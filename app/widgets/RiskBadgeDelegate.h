#pragma once

// Paints the risk column as a coloured pill (nothing for "none"), so a high
// or imminent contact stands out in any palette. GUI thread only.

#include <QStyledItemDelegate>

namespace warmline::app {

class RiskBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    /// Fill colour for a risk level (int(RiskLevel)); invalid for none.
    static QColor colorFor(int risk);
};

} // namespace warmline::app
