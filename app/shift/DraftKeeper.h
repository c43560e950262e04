#pragma once

// Autosaves drafts to the LocalStore: a short debounce after each edit, and
// a periodic sweep every few seconds, so typing is on disk within seconds
// even if the app is killed. GUI thread only.

#include "app/shift/LocalStore.h"

#include <QHash>
#include <QObject>
#include <QPair>
#include <QTimer>

namespace warmline::app {

class DraftKeeper : public QObject
{
    Q_OBJECT
public:
    explicit DraftKeeper(LocalStore& store, QObject* parent = nullptr, int debounceMs = 800,
                         int sweepMs = 5000);
    ~DraftKeeper() override;

    /// Records an edit; saved after the debounce (or the sweep).
    void edit(qint64 contactId, const QString& kind, const QString& text);
    /// The latest text: unsaved edits first, then the store.
    QString text(qint64 contactId, const QString& kind) const;
    /// Drops a contact's drafts (after it was closed).
    void discard(qint64 contactId);
    /// Saves every pending edit now.
    void flush();

signals:
    void saved();

private:
    LocalStore& m_store;
    QHash<QPair<qint64, QString>, QString> m_dirty;
    QTimer m_debounce;
    QTimer m_sweep;
};

} // namespace warmline::app
