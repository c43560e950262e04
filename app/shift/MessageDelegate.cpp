#include "app/shift/MessageDelegate.h"

#include "app/shift/ConversationModel.h"
#include "app/widgets/ModelRoles.h"
#include "app/widgets/Theme.h"

#include <QAbstractItemView>
#include <QPainter>

namespace warmline::app {

namespace {

constexpr int kMargin = 8;
constexpr int kPad = 10;

QString column(const QModelIndex& index, int col)
{
    return index.sibling(index.row(), col).data().toString();
}

bool outbound(const QModelIndex& index)
{
    return index.data(DirectionRole).toInt() == static_cast<int>(Direction::Outbound);
}

int viewWidth(const QStyleOptionViewItem& option)
{
    if (const auto* view = qobject_cast<const QAbstractItemView*>(option.widget)) {
        return view->viewport()->width();
    }
    return option.rect.width() > 0 ? option.rect.width() : 480;
}

/// The delivery line as painted (with the retry hint when it applies), so
/// the size hint and the painting agree.
QString statusText(const QModelIndex& index)
{
    const QString status = column(index, ConversationModel::StatusColumn);
    if (!status.isEmpty() && index.data(CanRetryRole).toBool()) {
        return MessageDelegate::tr("%1 — press Ctrl+R to retry").arg(status);
    }
    return status;
}

} // namespace

MessageDelegate::Layout MessageDelegate::layoutFor(const QStyleOptionViewItem& option,
                                                   const QModelIndex& index, int width) const
{
    const QFontMetrics fm(option.font);
    const int maxBubble = std::max(160, width * 3 / 4);
    const QString body = column(index, ConversationModel::BodyColumn);
    const QString meta = column(index, ConversationModel::SenderColumn) + QStringLiteral(" · ") +
                         column(index, ConversationModel::TimeColumn);
    const QString status = statusText(index);
    const QRect bodyRect =
        fm.boundingRect(QRect(0, 0, maxBubble - 2 * kPad, 100000), Qt::TextWordWrap, body);
    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.85);
    const QFontMetrics sfm(small);
    const int metaW = sfm.horizontalAdvance(meta);
    const QRect statusRect =
        status.isEmpty()
            ? QRect()
            : sfm.boundingRect(QRect(0, 0, maxBubble - 2 * kPad, 100000), Qt::TextWordWrap, status);
    const int inner = std::max({bodyRect.width(), metaW, statusRect.width()});
    const int bubbleW = std::min(maxBubble, inner + 2 * kPad);
    const int bubbleH = kPad + sfm.height() + 4 + bodyRect.height() +
                        (status.isEmpty() ? 0 : 4 + statusRect.height()) + kPad;
    Layout l;
    const int left = outbound(index) ? width - kMargin - bubbleW : kMargin;
    l.bubble = QRect(left, kMargin / 2, bubbleW, bubbleH);
    l.meta = QRect(left + kPad, l.bubble.top() + kPad, bubbleW - 2 * kPad, sfm.height());
    l.body = QRect(left + kPad, l.meta.bottom() + 4, bubbleW - 2 * kPad, bodyRect.height());
    if (!status.isEmpty()) {
        l.status = QRect(left + kPad, l.body.bottom() + 4, bubbleW - 2 * kPad, statusRect.height());
    }
    return l;
}

void MessageDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    Layout l = layoutFor(option, index, option.rect.width());
    const QPoint offset = option.rect.topLeft();
    l.bubble.translate(offset);
    l.meta.translate(offset);
    l.body.translate(offset);
    l.status.translate(offset);

    const QPalette& pal = option.palette;
    const bool out = outbound(index);
    QColor fill = out ? pal.color(QPalette::Highlight) : pal.color(QPalette::AlternateBase);
    if (out) {
        // A soft tint of the highlight reads well in light and dark palettes.
        fill = QColor::fromRgbF(fill.redF(), fill.greenF(), fill.blueF(), 0.18f);
    }
    painter->setPen(QPen(pal.color(QPalette::Mid), 1));
    painter->setBrush(fill);
    painter->drawRoundedRect(l.bubble, 10, 10);
    if (option.state & QStyle::State_Selected) {
        painter->setPen(QPen(pal.color(QPalette::Highlight), 2));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(l.bubble.adjusted(1, 1, -1, -1), 10, 10);
    }

    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.85);
    painter->setFont(small);
    painter->setPen(pal.color(QPalette::PlaceholderText));
    painter->drawText(l.meta, Qt::AlignLeft | Qt::AlignVCenter,
                      column(index, ConversationModel::SenderColumn) + QStringLiteral(" · ") +
                          column(index, ConversationModel::TimeColumn));

    painter->setFont(option.font);
    painter->setPen(pal.color(QPalette::Text));
    painter->drawText(l.body, Qt::TextWordWrap, column(index, ConversationModel::BodyColumn));

    const QString status = statusText(index);
    if (!status.isEmpty()) {
        painter->setFont(small);
        QColor pen = pal.color(QPalette::PlaceholderText);
        if (index.data(CanRetryRole).toBool()) {
            pen = toneColor(pal, Tone::Trouble);
        } else if (index.data(WaitingRole).toBool()) {
            pen = toneColor(pal, Tone::Warning);
        }
        painter->setPen(pen);
        painter->drawText(l.status, Qt::TextWordWrap, status);
    }
    painter->restore();
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const int width = viewWidth(option);
    const Layout l = layoutFor(option, index, width);
    return {width, l.bubble.height() + kMargin};
}

} // namespace warmline::app
