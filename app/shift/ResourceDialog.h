#pragma once

// Find a resource for the person on the line: the line's resource directory
// searched as the operator types (resources.search, docs/resources.md), the
// chosen service read whole (resources.show), and a short text of it put
// into the reply box to send. Not modal, so the conversation stays in
// reach. GUI thread only.

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
    QPushButton* insertButton() const { return m_insert; }
    QLabel* status() const { return m_status; }

    /// The short text a resource is shared by: name, phone, address, hours,
    /// web address; at most about 300 characters.
    static QString shareText(const QJsonObject& resource);

signals:
    /// The operator chose to put `text` in the reply.
    void insertRequested(const QString& text);

private:
    void search();
    void showSelected();

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
    QPushButton* m_insert = nullptr;
    QTimer* m_debounce = nullptr;
    QJsonObject m_shown; ///< the selected service, whole
    int m_searchSeq = 0; ///< answers to older searches are dropped
    int m_showSeq = 0;
};

} // namespace warmline::app
