#include "app/shift/LocalStore.h"

#include <QDateTime>
#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

namespace warmline::app {

namespace {

std::atomic<int> g_connectionCounter{0};
constexpr int kSchemaVersion = 1;

} // namespace

LocalStore::LocalStore(const QString& directory)
    : m_connection(QStringLiteral("warmline-local-%1").arg(++g_connectionCounter))
{
    QDir().mkpath(directory);
    m_path = QDir(directory).filePath(QStringLiteral("warmline-local.sqlite"));
    auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    if (!db.open()) {
        m_error = db.lastError().text();
        return;
    }
    // WAL keeps a committed draft on disk through a crash of this process.
    exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    QSqlQuery version(db);
    version.exec(QStringLiteral("PRAGMA user_version"));
    const int current = version.next() ? version.value(0).toInt() : 0;
    if (current < 1) {
        m_open = exec(QStringLiteral("CREATE TABLE IF NOT EXISTS drafts ("
                                     "contact_id INTEGER NOT NULL, kind TEXT NOT NULL, "
                                     "body TEXT NOT NULL, updated_at INTEGER NOT NULL, "
                                     "PRIMARY KEY (contact_id, kind))")) &&
                 exec(QStringLiteral("CREATE TABLE IF NOT EXISTS outbox ("
                                     "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                                     "contact_id INTEGER NOT NULL, body TEXT NOT NULL, "
                                     "created_at INTEGER NOT NULL, "
                                     "unsent INTEGER NOT NULL DEFAULT 0)")) &&
                 exec(QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion));
    } else {
        m_open = true;
    }
}

LocalStore::~LocalStore()
{
    {
        auto db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

bool LocalStore::exec(const QString& sql)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(sql)) {
        m_error = q.lastError().text();
        return false;
    }
    return true;
}

bool LocalStore::saveDraft(qint64 contactId, const QString& kind, const QString& text)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (text.isEmpty()) {
        q.prepare(QStringLiteral("DELETE FROM drafts WHERE contact_id = ? AND kind = ?"));
        q.addBindValue(contactId);
        q.addBindValue(kind);
    } else {
        q.prepare(QStringLiteral("INSERT INTO drafts (contact_id, kind, body, updated_at) "
                                 "VALUES (?, ?, ?, ?) ON CONFLICT (contact_id, kind) DO "
                                 "UPDATE SET body = excluded.body, "
                                 "updated_at = excluded.updated_at"));
        q.addBindValue(contactId);
        q.addBindValue(kind);
        q.addBindValue(text);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    }
    if (!q.exec()) {
        m_error = q.lastError().text();
        return false;
    }
    return true;
}

QString LocalStore::draft(qint64 contactId, const QString& kind) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT body FROM drafts WHERE contact_id = ? AND kind = ?"));
    q.addBindValue(contactId);
    q.addBindValue(kind);
    if (q.exec() && q.next()) {
        return q.value(0).toString();
    }
    return QString();
}

void LocalStore::removeDrafts(qint64 contactId)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("DELETE FROM drafts WHERE contact_id = ?"));
    q.addBindValue(contactId);
    q.exec();
}

QList<qint64> LocalStore::contactsWithDrafts() const
{
    QList<qint64> out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (q.exec(QStringLiteral("SELECT DISTINCT contact_id FROM drafts ORDER BY contact_id"))) {
        while (q.next()) {
            out.append(q.value(0).toLongLong());
        }
    }
    return out;
}

qint64 LocalStore::addToOutbox(qint64 contactId, const QString& body)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("INSERT INTO outbox (contact_id, body, created_at) VALUES (?, ?, ?)"));
    q.addBindValue(contactId);
    q.addBindValue(body);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec()) {
        m_error = q.lastError().text();
        return 0;
    }
    return q.lastInsertId().toLongLong();
}

QList<OutboxEntry> LocalStore::outbox() const
{
    QList<OutboxEntry> out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (q.exec(QStringLiteral(
            "SELECT id, contact_id, body, created_at, unsent FROM outbox ORDER BY id"))) {
        while (q.next()) {
            out.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                        q.value(3).toLongLong(), q.value(4).toBool()});
        }
    }
    return out;
}

void LocalStore::removeFromOutbox(qint64 id)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("DELETE FROM outbox WHERE id = ?"));
    q.addBindValue(id);
    q.exec();
}

void LocalStore::markUnsent(qint64 id, bool unsent)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("UPDATE outbox SET unsent = ? WHERE id = ?"));
    q.addBindValue(unsent ? 1 : 0);
    q.addBindValue(id);
    q.exec();
}

} // namespace warmline::app
