#pragma once

// Find a resource for the person on the line: the line's resource directory
// searched as the operator types (resources.search, docs/resources.md), the
// chosen service read whole (resources.show), and shared in the open
// contact (resources.share): sent to a texter, or read out on a call and
// recorded, either way kept on the contact as a referral given. Not modal,
// so the conversation stays in reach. GUI thread only.

#include <QDialog>
#include <QJsonObject>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTimer;

namespace warmline::app {

class LinkConnection;

class ResourceDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ResourceDialog(LinkConnection& link, QWidget* parent = nullptr);

    QLineEdit* wordsBox() const { return m_words; }
    QListWidget* results() const { return m_results; }
    QPushButton* shareButton() const { return m_share; }
    QLabel* status() const { return m_status; }
    QLabel* detail() const { return m_detail; }

    /// The contact a resource is shared in: one this operator holds, a text
    /// conversation or a call; 0 for none (sharing is then off).
    void setContact(qint64 contactId, bool isText);

signals:
    /// A resource was shared in `contactId` and recorded.
    void shared(qint64 contactId, const QString& resourceName);

private:
    void search();
    void showSelected();
    void share();
    void updateShareButton();

    LinkConnection& m_link;
    QLineEdit* m_words = nullptr;
    QLineEdit* m_near = nullptr;
    QComboBox* m_language = nullptr;
    QCheckBox* m_openNow = nullptr;
    QCheckBox* m_free = nullptr;
    QCheckBox* m_peerRun = nullptr;
    QListWidget* m_results = nullptr;
    QLabel* m_detail = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_share = nullptr;
    QTimer* m_debounce = nullptr;
    QJsonObject m_shown; ///< the selected service, whole
    int m_searchSeq = 0; ///< answers to older searches are dropped
    int m_showSeq = 0;
    qint64 m_contactId = 0;
    bool m_contactIsText = true;
    bool m_sharing = false; ///< a share is on its way: one at a time
};

} // namespace warmline::app
