#pragma once

// Who the caller is, as far as the line knows: alias, preferred name,
// pronouns, language (editable), flags with expiry, limits with today's
// count and a countdown, earlier contacts and notes. Displays what the
// ShiftSession holds; asks it for changes through signals. GUI thread only.

#include "app/link/LinkRecords.h"

#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace warmline::app {

class CallerPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CallerPanel(QAbstractItemModel* history, QWidget* parent = nullptr);

    /// `caller` null: loading, or (available false) the gateway has none.
    void showCaller(const QString& alias, const CallerRecord* caller, bool available,
                    const LineInfo& line);
    void clear();
    /// Updates the limit line; `elapsedMs` is how long the contact has run.
    void updateCountdown(qint64 elapsedMs);
    QTableView* historyView() const { return m_historyView; }
    QLabel* plansLabel() const { return m_plans; }
    /// The plans' key lines, with links that open them.
    static QString plansText(const CallerRecord& caller);
    void focusEditor();

signals:
    void saveRequested(const QString& preferredName, const QString& pronouns,
                       const QString& language);
    void noteRequested(const QString& body);
    /// The operator opened the caller's plan of `kind` ("safety", "wrap").
    void planRequested(const QString& kind);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateMetrics();
    void updateCountdownStyle();

    QLabel* m_alias = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_unavailable = nullptr;
    QWidget* m_details = nullptr;
    QLineEdit* m_preferredName = nullptr;
    QLineEdit* m_pronouns = nullptr;
    QLineEdit* m_language = nullptr;
    QPushButton* m_save = nullptr;
    QLabel* m_flags = nullptr;
    QLabel* m_plans = nullptr;
    QLabel* m_limits = nullptr;
    QLabel* m_countdown = nullptr;
    QTableView* m_historyView = nullptr;
    QLabel* m_notes = nullptr;
    QLineEdit* m_newNote = nullptr;
    int m_minutesPerCall = 0;
    bool m_overTime = false;
};

} // namespace warmline::app
