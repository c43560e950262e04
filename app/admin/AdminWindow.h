#pragma once

// The Administration window (admins): accounts with their role, capacity,
// languages and status, and the line's settings (hours, limits, targets,
// retention) with where each value comes from. Everything it changes goes
// through the gateway, which refuses it to any other role. GUI thread only.

#include "app/admin/AdminController.h"

#include <QMainWindow>

class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTabWidget;

namespace warmline::app {

class AdminWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit AdminWindow(LinkConnection& link, QWidget* parent = nullptr);

    AdminController* controller() { return &m_controller; }
    QTableView* operatorsView() const { return m_operators; }
    QTableView* settingsView() const { return m_settings; }
    QTabWidget* tabs() const { return m_tabs; }

private:
    void showSelected();
    QString selectedName() const;
    void openAddDialog();

    AdminController m_controller;
    QTabWidget* m_tabs = nullptr;
    QTableView* m_operators = nullptr;
    QComboBox* m_role = nullptr;
    QSpinBox* m_capacity = nullptr;
    QLineEdit* m_languages = nullptr;
    QLineEdit* m_group = nullptr;
    QLineEdit* m_phone = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_disable = nullptr;
    QTableView* m_settings = nullptr;
};

} // namespace warmline::app
