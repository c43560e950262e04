#pragma once

// The app's small local SQLite (QSQLITE): note and reply drafts, and an
// outbox for replies typed while the link was down. Never a copy of the
// history. Each write is its own committed transaction, so a crash loses at
// most the typing since the last save. One instance per thread (the GUI's).

#include <QList>
#include <QString>

namespace warmline::app {

struct OutboxEntry
{
    qint64 id = 0;
    qint64 contactId = 0;
    QString body;
    qint64 createdAt = 0;
    bool unsent = false; ///< the gateway refused it or it waited too long
};

class LocalStore
{
public:
    /// Opens (creating) `directory`/warmline-local.sqlite.
    explicit LocalStore(const QString& directory);
    ~LocalStore();
    LocalStore(const LocalStore&) = delete;
    LocalStore& operator=(const LocalStore&) = delete;

    bool isOpen() const { return m_open; }
    QString errorText() const { return m_error; }
    QString path() const { return m_path; }

    /// Empty text removes the draft. `kind` is "reply" or "note".
    bool saveDraft(qint64 contactId, const QString& kind, const QString& text);
    QString draft(qint64 contactId, const QString& kind) const;
    void removeDrafts(qint64 contactId);
    QList<qint64> contactsWithDrafts() const;

    /// Returns the entry's id (> 0), or 0 if it could not be stored.
    qint64 addToOutbox(qint64 contactId, const QString& body);
    QList<OutboxEntry> outbox() const;
    void removeFromOutbox(qint64 id);
    void markUnsent(qint64 id, bool unsent = true);

private:
    bool exec(const QString& sql);

    QString m_connection;
    QString m_path;
    QString m_error;
    bool m_open = false;
};

} // namespace warmline::app
