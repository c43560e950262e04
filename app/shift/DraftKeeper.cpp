#include "app/shift/DraftKeeper.h"

namespace warmline::app {

DraftKeeper::DraftKeeper(LocalStore& store, QObject* parent, int debounceMs, int sweepMs)
    : QObject(parent), m_store(store)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(debounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &DraftKeeper::flush);
    m_sweep.setInterval(sweepMs);
    connect(&m_sweep, &QTimer::timeout, this, &DraftKeeper::flush);
    m_sweep.start();
}

DraftKeeper::~DraftKeeper()
{
    flush();
}

void DraftKeeper::edit(qint64 contactId, const QString& kind, const QString& text)
{
    if (contactId == 0) {
        return;
    }
    m_dirty.insert({contactId, kind}, text);
    m_debounce.start();
}

QString DraftKeeper::text(qint64 contactId, const QString& kind) const
{
    const auto it = m_dirty.constFind({contactId, kind});
    return it != m_dirty.constEnd() ? it.value() : m_store.draft(contactId, kind);
}

void DraftKeeper::discard(qint64 contactId)
{
    for (auto it = m_dirty.begin(); it != m_dirty.end();) {
        it = it.key().first == contactId ? m_dirty.erase(it) : std::next(it);
    }
    m_store.removeDrafts(contactId);
}

void DraftKeeper::flush()
{
    if (m_dirty.isEmpty()) {
        return;
    }
    for (auto it = m_dirty.cbegin(); it != m_dirty.cend(); ++it) {
        m_store.saveDraft(it.key().first, it.key().second, it.value());
    }
    m_dirty.clear();
    emit saved();
}

} // namespace warmline::app
