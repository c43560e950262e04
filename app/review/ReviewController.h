#pragma once

// Supervisor review in the app: runs review.list page by page with the
// chosen filters, opens one contact (review.get, audited by the gateway),
// marks it reviewed, comments, flags follow-up, reveals the number (admin),
// and reads the audit log. Holds the models the Review window shows, so
// widgets keep no domain state. GUI thread only.

#include "app/link/LinkConnection.h"
#include "app/link/SupervisionRecords.h"
#include "app/review/AuditLogModel.h"
#include "app/review/EscalationModel.h"
#include "app/review/ReviewListModel.h"
#include "app/shift/ConversationModel.h"

#include <QJsonObject>
#include <QObject>

#include <optional>

namespace warmline::app {

/// The filter bar's choices, as review.list parameters.
struct ReviewQuery
{
    QString from; ///< YYYY-MM-DD, or empty
    QString to;
    qint64 operatorId = 0; ///< 0: any
    QString channel;       ///< call, text, or empty
    QString topic;
    QString risk;
    int escalated = -1; ///< -1 any, 0 no, 1 yes
    bool unreviewed = false;
    bool followUp = false;
    QString search;

    QJsonObject toJson() const;
};

class ReviewController : public QObject
{
    Q_OBJECT
public:
    explicit ReviewController(LinkConnection& link, QObject* parent = nullptr);

    ReviewListModel* list() { return &m_list; }
    ConversationModel* thread() { return &m_thread; }
    EscalationModel* escalations() { return &m_escalations; }
    AuditLogModel* audit() { return &m_audit; }

    /// Operators and topics for the filter bar (operator.list, line.info).
    void loadOptions();
    void search(const ReviewQuery& filter);
    bool hasMore() const { return !m_nextCursor.isEmpty(); }
    void loadMore();
    void open(qint64 contactId);
    const std::optional<ReviewDetailRecord>& current() const { return m_current; }

    void setReviewed(bool reviewed);
    void addComment(const QString& body);
    void setFollowUp(bool on, const QString& note);
    /// Admin only (the gateway refuses others); the number goes to revealed().
    void reveal(const QString& reason);

    void loadAudit(const QString& action = QString());
    void loadMoreAudit();
    bool auditHasMore() const { return m_auditMore; }

    bool canReveal() const;

signals:
    void optionsLoaded(const QList<QPair<qint64, QString>>& operators, const QStringList& topics);
    void listChanged();
    void currentChanged();
    /// The caller's number, shown until another contact is opened.
    void revealed(const QString& number);
    /// A sentence for the status bar.
    void notice(const QString& sentence);
    void busyChanged(bool busy);

private:
    void listPage(bool append);
    void setBusy(bool busy);
    void applyRow(const ReviewRowRecord& row);

    LinkConnection& m_link;
    ReviewListModel m_list;
    ConversationModel m_thread;
    EscalationModel m_escalations;
    AuditLogModel m_audit;
    QJsonObject m_filter;
    QString m_nextCursor;
    QString m_auditAction;
    bool m_auditMore = false;
    std::optional<ReviewDetailRecord> m_current;
    quint64 m_generation = 0; ///< ignores answers to superseded searches
    int m_busy = 0;
};

} // namespace warmline::app
