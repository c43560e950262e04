#pragma once

// Paints one message of the conversation as a bubble: the caller's on the
// left, ours on the right, with time, and delivery for ours (failed and
// unsent in the palette's error colour with the retry hint). GUI thread only.

#include <QStyledItemDelegate>

namespace warmline::app {

class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    struct Layout
    {
        QRect bubble;
        QRect meta;
        QRect body;
        QRect status;
    };
    Layout layoutFor(const QStyleOptionViewItem& option, const QModelIndex& index, int width) const;
};

} // namespace warmline::app
