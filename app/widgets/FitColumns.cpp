#include "app/widgets/FitColumns.h"

#include <QEvent>
#include <QHeaderView>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <vector>

namespace warmline::app {

FitColumns::FitColumns(QTableView* view, int keepWhole)
    : QObject(view), m_view(view), m_keepWhole(keepWhole)
{
    auto* header = view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    // Titles elide too, from the left edge, instead of being cut on both
    // sides of a centred title.
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setTextElideMode(Qt::ElideRight);
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setTextElideMode(Qt::ElideRight);
    view->viewport()->installEventFilter(this);
    view->installEventFilter(this);
    auto* model = view->model();
    connect(model, &QAbstractItemModel::layoutChanged, this, &FitColumns::schedule);
    connect(model, &QAbstractItemModel::modelReset, this, &FitColumns::schedule);
    connect(model, &QAbstractItemModel::rowsInserted, this, &FitColumns::schedule);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &FitColumns::schedule);
    connect(model, &QAbstractItemModel::dataChanged, this, &FitColumns::schedule);
    schedule();
}

bool FitColumns::eventFilter(QObject* watched, QEvent* event)
{
    const auto type = event->type();
    if ((watched == m_view->viewport() && type == QEvent::Resize) ||
        (watched == m_view && (type == QEvent::FontChange || type == QEvent::Show))) {
        schedule();
    }
    return QObject::eventFilter(watched, event);
}

void FitColumns::schedule()
{
    // Once per event-loop turn, however many rows a burst of events changed.
    if (!m_pending) {
        m_pending = true;
        QTimer::singleShot(0, this, [this] {
            m_pending = false;
            fit();
        });
    }
}

void FitColumns::fit()
{
    auto* header = m_view->horizontalHeader();
    const int count = header->count();
    if (count == 0) {
        return;
    }
    const int last = header->logicalIndex(count - 1);
    const int room = m_view->viewport()->width();
    // What each column wants: its visible cells (resizeContentsPrecision
    // keeps this to the rows on screen) or its title, whichever is wider.
    std::vector<int> want(static_cast<size_t>(count), 0);
    int total = 0;
    int shrinkable = 0;
    for (int c = 0; c < count; ++c) {
        if (c == last || header->isSectionHidden(c)) {
            continue;
        }
        // Public in QAbstractItemView, protected in QTableView.
        const auto* view = static_cast<const QAbstractItemView*>(m_view);
        const int w = std::max(view->sizeHintForColumn(c), header->sectionSizeHint(c));
        want[static_cast<size_t>(c)] = w;
        total += w;
        if (c != m_keepWhole) {
            shrinkable += w;
        }
    }
    // The last column (the caller's words) keeps room for a few words.
    const int lastRoom = m_view->fontMetrics().averageCharWidth() * 8;
    const int over = total + lastRoom - room;
    const int least = m_view->fontMetrics().averageCharWidth() * 4;
    for (int c = 0; c < count; ++c) {
        if (c == last || header->isSectionHidden(c)) {
            continue;
        }
        int w = want[static_cast<size_t>(c)];
        if (over > 0 && c != m_keepWhole && shrinkable > 0) {
            w = std::max(least, w - over * w / shrinkable);
        }
        header->resizeSection(c, w);
    }
}

} // namespace warmline::app
