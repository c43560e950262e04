#pragma once

// The supervisor's Review window: a filter bar over ended contacts (dates,
// operator, channel, topic, risk, escalated, not yet reviewed, follow-up,
// words in notes), the list, the review pane, and the audit log on a second
// tab. Opened from the main window's View menu for supervisors and admins;
// the gateway refuses review to everyone else whatever the app shows. GUI
// thread only.

#include "app/review/ReviewController.h"

#include <QMainWindow>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTabWidget;

namespace warmline::app {

class ReviewPane;

class ReviewWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit ReviewWindow(LinkConnection& link, QWidget* parent = nullptr);

    ReviewController* controller() { return &m_controller; }
    ReviewPane* pane() const { return m_pane; }
    QTableView* listView() const { return m_list; }
    QTableView* auditView() const { return m_auditView; }
    QTabWidget* tabs() const { return m_tabs; }
    QLineEdit* searchBox() const { return m_search; }
    QCheckBox* unreviewedBox() const { return m_unreviewed; }

    /// Runs the search with the filter bar's values.
    void runSearch();

private:
    ReviewQuery query() const;
    void updateCount();

    ReviewController m_controller;
    QTabWidget* m_tabs = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QComboBox* m_operator = nullptr;
    QComboBox* m_channel = nullptr;
    QComboBox* m_topic = nullptr;
    QComboBox* m_risk = nullptr;
    QComboBox* m_escalated = nullptr;
    QCheckBox* m_unreviewed = nullptr;
    QCheckBox* m_followUp = nullptr;
    QLineEdit* m_search = nullptr;
    QTableView* m_list = nullptr;
    QLabel* m_count = nullptr;
    QPushButton* m_more = nullptr;
    ReviewPane* m_pane = nullptr;
    QTableView* m_auditView = nullptr;
    QComboBox* m_auditAction = nullptr;
    QPushButton* m_auditMore = nullptr;
};

} // namespace warmline::app
