#pragma once

// The operator's feedback: supervisors' comments on their contacts, newest
// first; choosing one shows it in full and marks it read. GUI thread only.

#include "app/review/FeedbackInbox.h"

#include <QDialog>

class QLabel;
class QTableView;

namespace warmline::app {

class FeedbackDialog : public QDialog
{
    Q_OBJECT
public:
    FeedbackDialog(FeedbackInbox& inbox, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }

private:
    FeedbackInbox& m_inbox;
    QTableView* m_view = nullptr;
    QLabel* m_full = nullptr;
};

} // namespace warmline::app
