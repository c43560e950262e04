#include "app/widgets/FoldingGrid.h"

#include <QWidget>

#include <algorithm>

namespace warmline::app {

FoldingGrid::FoldingGrid(int maxColumns, QWidget* parent)
    : QLayout(parent), m_maxColumns(std::max(1, maxColumns))
{
}

FoldingGrid::~FoldingGrid()
{
    while (auto* item = takeAt(0)) {
        delete item;
    }
}

void FoldingGrid::addItem(QLayoutItem* item)
{
    m_items.append(item);
}

QLayoutItem* FoldingGrid::itemAt(int index) const
{
    return index >= 0 && index < m_items.size() ? m_items.at(index) : nullptr;
}

QLayoutItem* FoldingGrid::takeAt(int index)
{
    return index >= 0 && index < m_items.size() ? m_items.takeAt(index) : nullptr;
}

int FoldingGrid::cellWidth() const
{
    int widest = 0;
    for (const auto* item : m_items) {
        if (!item->isEmpty()) {
            widest = std::max(widest, item->sizeHint().width());
        }
    }
    return widest;
}

int FoldingGrid::columnsFor(int width) const
{
    const int cell = cellWidth();
    const int gap = spacing() < 0 ? 6 : spacing();
    const auto m = contentsMargins();
    const int room = width - m.left() - m.right();
    if (cell <= 0) {
        return m_maxColumns;
    }
    return std::clamp((room + gap) / (cell + gap), 1, m_maxColumns);
}

int FoldingGrid::arrange(const QRect& rect, bool apply) const
{
    const auto m = contentsMargins();
    const QRect area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom());
    const int gap = spacing() < 0 ? 6 : spacing();
    const int columns = columnsFor(rect.width());
    const int width = std::max(1, (area.width() - gap * (columns - 1)) / columns);
    int y = area.top();
    int column = 0;
    int rowHeight = 0;
    for (auto* item : m_items) {
        if (item->isEmpty()) {
            continue;
        }
        if (column == columns) {
            y += rowHeight + gap;
            column = 0;
            rowHeight = 0;
        }
        const int height =
            item->hasHeightForWidth() ? item->heightForWidth(width) : item->sizeHint().height();
        if (apply) {
            item->setGeometry(QRect(area.left() + column * (width + gap), y, width, height));
        }
        rowHeight = std::max(rowHeight, height);
        ++column;
    }
    return y + rowHeight - rect.top() + m.bottom();
}

int FoldingGrid::heightForWidth(int width) const
{
    return arrange(QRect(0, 0, width, 0), false);
}

QSize FoldingGrid::minimumSize() const
{
    QSize least;
    for (const auto* item : m_items) {
        if (!item->isEmpty()) {
            least = least.expandedTo(item->minimumSize());
        }
    }
    const auto m = contentsMargins();
    const int width = least.width() + m.left() + m.right();
    return {width, heightForWidth(width)};
}

QSize FoldingGrid::sizeHint() const
{
    const int gap = spacing() < 0 ? 6 : spacing();
    const auto m = contentsMargins();
    const int width = cellWidth() * m_maxColumns + gap * (m_maxColumns - 1) + m.left() + m.right();
    return {width, heightForWidth(width)};
}

void FoldingGrid::setGeometry(const QRect& rect)
{
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

} // namespace warmline::app
