#include "app/review/ReviewController.h"

#include <QJsonArray>

namespace warmline::app {

namespace {

constexpr int kPageSize = 100;
constexpr int kAuditPage = 200;

} // namespace

QJsonObject ReviewQuery::toJson() const
{
    QJsonObject o;
    if (!from.isEmpty()) {
        o.insert(QStringLiteral("from"), from);
    }
    if (!to.isEmpty()) {
        o.insert(QStringLiteral("to"), to);
    }
    if (operatorId > 0) {
        o.insert(QStringLiteral("operatorId"), operatorId);
    }
    if (!channel.isEmpty()) {
        o.insert(QStringLiteral("channel"), channel);
    }
    if (!topic.isEmpty()) {
        o.insert(QStringLiteral("topic"), topic);
    }
    if (!risk.isEmpty()) {
        o.insert(QStringLiteral("risk"), risk);
    }
    if (escalated >= 0) {
        o.insert(QStringLiteral("escalated"), escalated == 1);
    }
    if (unreviewed) {
        o.insert(QStringLiteral("unreviewed"), true);
    }
    if (followUp) {
        o.insert(QStringLiteral("followUp"), true);
    }
    if (!search.trimmed().isEmpty()) {
        o.insert(QStringLiteral("search"), search.trimmed());
    }
    return o;
}

ReviewController::ReviewController(LinkConnection& link, QObject* parent)
    : QObject(parent), m_link(link)
{
    // An operator's texts speak for the line; automatic replies say so.
    m_thread.setReadOnly(tr("Line"));
}

bool ReviewController::canReveal() const
{
    return m_link.operatorInfo().value(u"role").toString() == u"admin";
}

void ReviewController::setBusy(bool busy)
{
    const bool was = m_busy > 0;
    m_busy += busy ? 1 : -1;
    if (was != (m_busy > 0)) {
        emit busyChanged(m_busy > 0);
    }
}

void ReviewController::loadOptions()
{
    m_link.request(QStringLiteral("operator.list"), {}, [this](const LinkReply& ops) {
        QList<QPair<qint64, QString>> operators;
        if (ops.ok) {
            for (const auto& o : ops.data.value(u"operators").toArray()) {
                const auto op = o.toObject();
                const auto role = op.value(u"role").toString();
                if (role == u"operator" || role == u"lead") {
                    operators.append({op.value(u"id").toInteger(), op.value(u"name").toString()});
                }
            }
        }
        m_link.request(QStringLiteral("line.info"), {}, [this, operators](const LinkReply& line) {
            QStringList topics;
            if (line.ok) {
                topics = LineInfo::fromJson(line.data).topics;
            }
            emit optionsLoaded(operators, topics);
        });
    });
}

void ReviewController::search(const ReviewQuery& filter)
{
    m_filter = filter.toJson();
    m_nextCursor.clear();
    ++m_generation;
    listPage(false);
}

void ReviewController::loadMore()
{
    if (!m_nextCursor.isEmpty()) {
        listPage(true);
    }
}

void ReviewController::listPage(bool append)
{
    QJsonObject params = m_filter;
    params.insert(QStringLiteral("limit"), kPageSize);
    if (append) {
        params.insert(QStringLiteral("cursor"), m_nextCursor);
    }
    setBusy(true);
    const quint64 generation = m_generation;
    m_link.request(QStringLiteral("review.list"), params,
                   [this, append, generation](const LinkReply& r) {
                       setBusy(false);
                       if (generation != m_generation) {
                           return; // a newer search replaced this one
                       }
                       if (!r.ok) {
                           emit notice(r.message);
                           return;
                       }
                       QList<ReviewRowRecord> rows;
                       for (const auto& c : r.data.value(u"contacts").toArray()) {
                           rows.append(ReviewRowRecord::fromJson(c.toObject()));
                       }
                       m_nextCursor = r.data.value(u"nextCursor").toString();
                       if (append) {
                           m_list.appendRows(rows);
                       } else {
                           m_list.setRows(rows, r.data.value(u"total").toInteger());
                       }
                       emit listChanged();
                   });
}

void ReviewController::open(qint64 contactId)
{
    setBusy(true);
    m_link.request(QStringLiteral("review.get"), {{QStringLiteral("contactId"), contactId}},
                   [this](const LinkReply& r) {
                       setBusy(false);
                       if (!r.ok) {
                           emit notice(r.message);
                           return;
                       }
                       m_current = ReviewDetailRecord::fromJson(r.data);
                       m_thread.setConversation(m_current->row.id, m_current->messages,
                                                m_current->row.alias);
                       m_escalations.setEscalations(m_current->escalations);
                       m_list.updateRow(m_current->row);
                       emit currentChanged();
                   });
}

void ReviewController::applyRow(const ReviewRowRecord& row)
{
    m_list.updateRow(row);
    if (m_current && m_current->row.id == row.id) {
        m_current->row = row;
        emit currentChanged();
    }
}

void ReviewController::setReviewed(bool reviewed)
{
    if (!m_current) {
        return;
    }
    m_link.request(
        QStringLiteral("review.mark"),
        {{QStringLiteral("contactId"), m_current->row.id}, {QStringLiteral("reviewed"), reviewed}},
        [this, reviewed](const LinkReply& r) {
            if (!r.ok) {
                emit notice(r.message);
                return;
            }
            applyRow(ReviewRowRecord::fromJson(r.data.value(u"contact").toObject()));
            emit notice(reviewed ? tr("Marked reviewed.") : tr("Review mark removed."));
        });
}

void ReviewController::addComment(const QString& body)
{
    if (!m_current || body.trimmed().isEmpty()) {
        return;
    }
    const qint64 id = m_current->row.id;
    m_link.request(QStringLiteral("review.comment"),
                   {{QStringLiteral("contactId"), id}, {QStringLiteral("body"), body.trimmed()}},
                   [this, id](const LinkReply& r) {
                       if (!r.ok) {
                           emit notice(r.message);
                           return;
                       }
                       const auto comment =
                           CommentRecord::fromJson(r.data.value(u"comment").toObject());
                       if (m_current && m_current->row.id == id) {
                           m_current->comments.append(comment);
                           ++m_current->row.commentCount;
                           m_list.updateRow(m_current->row);
                           emit currentChanged();
                       }
                       emit notice(tr("Comment sent to %1.").arg(comment.operatorName));
                   });
}

void ReviewController::setFollowUp(bool on, const QString& note)
{
    if (!m_current) {
        return;
    }
    m_link.request(QStringLiteral("review.followup"),
                   {{QStringLiteral("contactId"), m_current->row.id},
                    {QStringLiteral("followUp"), on},
                    {QStringLiteral("note"), note}},
                   [this](const LinkReply& r) {
                       if (!r.ok) {
                           emit notice(r.message);
                           return;
                       }
                       if (m_current) {
                           m_current->followUpNote = r.data.value(u"followUpNote").toString();
                       }
                       applyRow(ReviewRowRecord::fromJson(r.data.value(u"contact").toObject()));
                       emit notice(tr("Follow-up saved."));
                   });
}

void ReviewController::reveal(const QString& reason)
{
    if (!m_current) {
        return;
    }
    const qint64 id = m_current->row.id;
    m_link.request(QStringLiteral("caller.reveal"),
                   {{QStringLiteral("contactId"), id}, {QStringLiteral("reason"), reason}},
                   [this, id](const LinkReply& r) {
                       if (!r.ok) {
                           emit notice(r.message);
                           return;
                       }
                       if (m_current && m_current->row.id == id) {
                           emit revealed(r.data.value(u"number").toString());
                       }
                   });
}

void ReviewController::loadAudit(const QString& action)
{
    m_auditAction = action;
    QJsonObject params{{QStringLiteral("limit"), kAuditPage}};
    if (!action.isEmpty()) {
        params.insert(QStringLiteral("action"), action);
    }
    m_link.request(QStringLiteral("audit.list"), params, [this](const LinkReply& r) {
        if (!r.ok) {
            emit notice(r.message);
            return;
        }
        QList<AuditRecord> entries;
        for (const auto& e : r.data.value(u"entries").toArray()) {
            entries.append(AuditRecord::fromJson(e.toObject()));
        }
        m_auditMore = r.data.value(u"nextBefore").isDouble();
        m_audit.setEntries(entries);
    });
}

void ReviewController::loadMoreAudit()
{
    if (!m_auditMore) {
        return;
    }
    QJsonObject params{{QStringLiteral("limit"), kAuditPage},
                       {QStringLiteral("before"), m_audit.oldestId()}};
    if (!m_auditAction.isEmpty()) {
        params.insert(QStringLiteral("action"), m_auditAction);
    }
    m_link.request(QStringLiteral("audit.list"), params, [this](const LinkReply& r) {
        if (!r.ok) {
            emit notice(r.message);
            return;
        }
        QList<AuditRecord> entries;
        for (const auto& e : r.data.value(u"entries").toArray()) {
            entries.append(AuditRecord::fromJson(e.toObject()));
        }
        m_auditMore = r.data.value(u"nextBefore").isDouble();
        m_audit.appendEntries(entries);
    });
}

} // namespace warmline::app
