#pragma once

// The shift lead's board window: header figures (waiting by channel,
// longest wait, service level, abandoned, after-hours mode), a banner for
// escalations that stays until acknowledged, and tables of the queue, the
// operators on shift and the open alerts, with the lead's actions on
// buttons, context menus and shortcuts. Shows what the ShiftBoard holds;
// supervisors see it read-only. GUI thread only.

#include "app/board/ShiftBoard.h"

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>
#include <utility>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace warmline::app {
class CoachWindow;
class ListenWindow;
} // namespace warmline::app

namespace warmline::app {

class ShiftBoardWindow : public QWidget
{
    Q_OBJECT
public:
    explicit ShiftBoardWindow(ShiftBoard& board, QWidget* parent = nullptr);

    // For tests and screenshots.
    ShiftBoard& board() { return m_board; }
    QTableView* queueView() const { return m_queueView; }
    QTableView* operatorsView() const { return m_operatorsView; }
    QTableView* alertsView() const { return m_alertsView; }
    QLabel* escalationBanner() const { return m_bannerText; }
    /// "No one is available …" at the top while contacts wait with nobody
    /// able to take one.
    QLabel* noOneAvailableWarning() const { return m_noOne; }
    QLabel* storeWarning() const { return m_storeWarning; }
    QCheckBox* switchboardBox() const { return m_switchboard; }
    QCheckBox* overflowBox() const { return m_overflow; }
    /// Contacts screening holds for a lead, and why (hidden when none).
    QLabel* screenedLabel() const { return m_held; }
    QPushButton* admitButton() const { return m_admit; }
    /// Opens (or raises) the window reading a live text held by someone
    /// else; returns it.
    CoachWindow* watch(qint64 contactId);
    /// Joins a call someone else holds on the lead's own phone (docs/coaching.md).
    ListenWindow* listen(qint64 contactId);

signals:
    /// An alert to put in front of the lead outside this window (tray,
    /// desktop notification); `louder` on a repeat. Emitted for every
    /// alert.raised, also when the window is hidden.
    void attention(const QString& title, const QString& text, bool louder);

private:
    /// The alias and holder of a contact someone on the board holds.
    std::pair<QString, QString> aliasAndHolder(qint64 contactId) const;
    void updateHeader();
    void updateBanner();
    void updateNoOneAvailable();
    void updateStoreWarning();
    void updateActions();
    void onAlert(const Alert& alert, bool repeat);
    void queueMenu(const QPoint& pos);
    void operatorMenu(const QPoint& pos);
    void watchMenu(const QPoint& pos);
    qint64 selectedContact() const;
    qint64 selectedOperator() const;
    qint64 selectedAlert() const;
    void sendMessage(bool toAll);

    ShiftBoard& m_board;
    QLabel* m_waiting = nullptr;
    QLabel* m_noOne = nullptr;
    QLabel* m_storeWarning = nullptr;
    QLabel* m_longest = nullptr;
    QLabel* m_serviceLevel = nullptr;
    QLabel* m_abandoned = nullptr;
    QCheckBox* m_afterHours = nullptr;
    QCheckBox* m_switchboard = nullptr;
    QCheckBox* m_overflow = nullptr;
    QWidget* m_banner = nullptr;
    QLabel* m_bannerText = nullptr;
    QPushButton* m_bannerAck = nullptr;
    QTableView* m_queueView = nullptr;
    QTableView* m_operatorsView = nullptr;
    QTableView* m_alertsView = nullptr;
    QPushButton* m_assign = nullptr;
    QPushButton* m_takeBack = nullptr;
    QPushButton* m_break = nullptr;
    QPushButton* m_watch = nullptr;
    QPushButton* m_admit = nullptr;
    QLabel* m_held = nullptr; ///< contacts screening holds, and why
    QHash<qint64, QPointer<CoachWindow>> m_coaching;
    QHash<qint64, QPointer<ListenWindow>> m_listening;
    QPushButton* m_ack = nullptr;
    QLineEdit* m_message = nullptr;
    QPushButton* m_sendOne = nullptr;
    QPushButton* m_sendAll = nullptr;
    QLabel* m_status = nullptr;
    QTimer m_tick;
    QTimer m_headerDue;
};

} // namespace warmline::app
