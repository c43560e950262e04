#pragma once

// A bar across the top of the operator's window for what the shift lead
// sends: a lead's message or a contact the lead gave them (stays until
// dismissed), a lead reading one of their conversations and the coaching
// notes they send (docs/coaching.md), a lead asking to take a conversation
// over (Hand it over / Keep it), and an escalation alert
// that went to everyone on shift (stays until a lead acknowledges it).
// Fed by the link's events. GUI thread only.

#include <QFrame>
#include <QHash>
#include <QJsonObject>
#include <QStringList>

class QLabel;
class QPushButton;

namespace warmline::app {

class LinkConnection;

class LeadNoticeBar : public QFrame
{
    Q_OBJECT
public:
    explicit LeadNoticeBar(LinkConnection& link, QWidget* parent = nullptr);

    QString text() const;
    /// A lead is asking to take over this contact (0: none); the bar shows
    /// Hand it over and Keep it until answered.
    qint64 takeoverAsked() const { return m_askContactId; }
    /// Answers the lead's ask, as the buttons do.
    void answerTakeover(bool agree);
    /// The leads reading this contact now (coaching.watch), for the
    /// conversation's header: being read is never hidden from an operator.
    QStringList readersOf(qint64 contactId) const { return m_readers.value(contactId); }

signals:
    /// Something arrived the operator should notice (sound, tray).
    void arrived(const QString& text);
    void readersChanged();

private:
    void onEvent(const QString& name, const QJsonObject& data);
    void showNotice(const QString& text, bool urgent, bool ask = false);

    QLabel* m_text = nullptr;
    QPushButton* m_dismiss = nullptr;
    QPushButton* m_handOver = nullptr;
    QPushButton* m_keep = nullptr;
    qint64 m_askContactId = 0;
    QHash<qint64, QStringList> m_readers;
    LinkConnection& m_link;
    qint64 m_alertId = 0; ///< the all-hands alert shown, until acknowledged
};

} // namespace warmline::app
