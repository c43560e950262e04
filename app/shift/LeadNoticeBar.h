#pragma once

// A bar across the top of the operator's window for what the shift lead
// sends: a lead's message or a contact the lead gave them (stays until
// dismissed) and an escalation alert
// that went to everyone on shift (stays until a lead acknowledges it).
// Fed by the link's events. GUI thread only.

#include <QFrame>
#include <QJsonObject>

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

signals:
    /// Something arrived the operator should notice (sound, tray).
    void arrived(const QString& text);

private:
    void onEvent(const QString& name, const QJsonObject& data);
    void showNotice(const QString& text, bool urgent);

    QLabel* m_text = nullptr;
    QPushButton* m_dismiss = nullptr;
    LinkConnection& m_link;
    qint64 m_alertId = 0; ///< the all-hands alert shown, until acknowledged
};

} // namespace warmline::app
