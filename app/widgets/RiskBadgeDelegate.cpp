#include "app/widgets/RiskBadgeDelegate.h"

#include "app/widgets/ModelRoles.h"

#include <QApplication>
#include <QPainter>

namespace warmline::app {

QColor RiskBadgeDelegate::colorFor(int risk)
{
    switch (risk) {
    case 1:
        return QColor(0xB2, 0x6B, 0x00); // amber, readable with white text
    case 2:
        return QColor(0xC2, 0x41, 0x0C);
    case 3:
        return QColor(0xB0, 0x1E, 0x2E);
    default:
        return {};
    }
}

void RiskBadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QColor fill = colorFor(index.data(RiskRole).toInt());
    if (!fill.isValid() || text.isEmpty()) {
        return;
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QFont font = opt.font;
    font.setBold(true);
    painter->setFont(font);
    const QFontMetrics fm(font);
    const int padX = fm.height() / 2;
    const int h = fm.height() + 2;
    const int w = fm.horizontalAdvance(text) + 2 * padX;
    QRect pill(opt.rect.left() + 4, opt.rect.center().y() - h / 2, w, h);
    pill = pill.intersected(opt.rect.adjusted(2, 0, -2, 0));
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(pill, h / 2.0, h / 2.0);
    painter->setPen(Qt::white);
    painter->drawText(pill, Qt::AlignCenter, text);
    painter->restore();
}

QSize RiskBadgeDelegate::sizeHint(const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics fm(option.font);
    s.setWidth(s.width() + fm.height() + 8);
    s.setHeight(std::max(s.height(), fm.height() + 8));
    return s;
}

} // namespace warmline::app
