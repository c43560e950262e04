#include "app/admin/AdminWindow.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace warmline::app {

namespace {

QTableView* table(QAbstractItemModel* model, const QString& name, QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setTabKeyNavigation(false); // Tab leaves the table; arrows move in it
    view->setModel(model);
    view->setAccessibleName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->verticalHeader()->hide();
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setWordWrap(false);
    auto* header = view->horizontalHeader();
    for (int c = 0; c + 1 < model->columnCount(); ++c) {
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    }
    header->setStretchLastSection(true);
    return view;
}

void fillRoles(QComboBox* box)
{
    for (const auto role : {Role::Operator, Role::Lead, Role::Supervisor, Role::Admin}) {
        box->addItem(OperatorAdminModel::roleText(role), QString::fromLatin1(toString(role)));
    }
}

} // namespace

AdminWindow::AdminWindow(LinkConnection& link, QWidget* parent)
    : QMainWindow(parent), m_controller(link)
{
    setWindowTitle(tr("Warmline — Administration"));
    setAccessibleName(tr("Administration"));
    m_tabs = new QTabWidget(this);
    m_tabs->setAccessibleName(tr("Administration sections"));

    // Accounts.
    auto* accounts = new QWidget(m_tabs);
    auto* accountsLayout = new QHBoxLayout(accounts);
    m_operators = table(m_controller.operators(), tr("Accounts"), accounts);
    m_operators->setEditTriggers(QAbstractItemView::NoEditTriggers);
    accountsLayout->addWidget(m_operators, 3);
    auto* side = new QVBoxLayout;
    auto* edit = new QGroupBox(tr("Selected account"), accounts);
    auto* form = new QFormLayout(edit);
    m_role = new QComboBox(edit);
    m_role->setAccessibleName(tr("Role"));
    fillRoles(m_role);
    form->addRow(tr("&Role"), m_role);
    m_capacity = new QSpinBox(edit);
    m_capacity->setRange(1, 10);
    m_capacity->setAccessibleName(tr("Capacity"));
    m_capacity->setToolTip(tr("Texts held at once; a call takes the whole capacity."));
    form->addRow(tr("&Capacity"), m_capacity);
    m_languages = new QLineEdit(edit);
    m_languages->setAccessibleName(tr("Languages"));
    m_languages->setPlaceholderText(tr("e.g. English, Spanish"));
    form->addRow(tr("&Languages"), m_languages);
    m_group = new QLineEdit(edit);
    m_group->setAccessibleName(tr("Group"));
    m_group->setMaxLength(40); // characters, as the gateway counts them
    m_group->setPlaceholderText(tr("e.g. evenings"));
    m_group->setToolTip(tr("A team or cohort; the survey's figures are reported by group."));
    form->addRow(tr("&Group"), m_group);
    m_phone = new QLineEdit(edit);
    m_phone->setAccessibleName(tr("Phone"));
    m_phone->setMaxLength(256);
    m_phone->setPlaceholderText(tr("e.g. +1 555 555 0100"));
    m_phone->setToolTip(tr("Where this person's calls ring when the app's softphone is off: a desk "
                           "phone's SIP address, or their own mobile or landline, which must "
                           "press 1 to accept each call."));
    form->addRow(tr("P&hone"), m_phone);
    m_apply = new QPushButton(tr("A&pply changes"), edit);
    m_apply->setAccessibleName(tr("Apply account changes"));
    form->addRow(m_apply);
    m_disable = new QPushButton(tr("&Disable account"), edit);
    m_disable->setAccessibleName(tr("Disable or enable the account"));
    form->addRow(m_disable);
    side->addWidget(edit);
    auto* add = new QPushButton(tr("&Add account…"), accounts);
    add->setAccessibleName(tr("Add account"));
    side->addWidget(add);
    side->addStretch(1);
    accountsLayout->addLayout(side, 1);
    m_tabs->addTab(accounts, tr("Accounts"));

    // Line settings.
    auto* settings = new QWidget(m_tabs);
    auto* settingsLayout = new QVBoxLayout(settings);
    auto* explain = new QLabel(tr("Values set here override the gateway's config file until they "
                                  "are reset. Double-click a value to change it, then save."),
                               settings);
    explain->setWordWrap(true);
    settingsLayout->addWidget(explain);
    m_settings = table(m_controller.settings(), tr("Line settings"), settings);
    m_settings->setEditTriggers(QAbstractItemView::DoubleClicked |
                                QAbstractItemView::EditKeyPressed |
                                QAbstractItemView::AnyKeyPressed);
    settingsLayout->addWidget(m_settings, 1);
    auto* buttons = new QHBoxLayout;
    auto* reset = new QPushButton(tr("&Reset selected to the config file"), settings);
    reset->setAccessibleName(tr("Reset the selected setting"));
    auto* discard = new QPushButton(tr("D&iscard changes"), settings);
    discard->setAccessibleName(tr("Discard changes"));
    auto* save = new QPushButton(tr("&Save changes"), settings);
    save->setAccessibleName(tr("Save settings"));
    buttons->addWidget(reset);
    buttons->addStretch(1);
    buttons->addWidget(discard);
    buttons->addWidget(save);
    settingsLayout->addLayout(buttons);
    m_tabs->addTab(settings, tr("Line settings"));

    setCentralWidget(m_tabs);
    statusBar()->setAccessibleName(tr("Messages from Warmline"));

    connect(m_operators->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AdminWindow::showSelected);
    connect(m_controller.operators(), &QAbstractItemModel::dataChanged, this,
            &AdminWindow::showSelected);
    connect(m_controller.operators(), &QAbstractItemModel::modelReset, this,
            &AdminWindow::showSelected);
    connect(m_apply, &QPushButton::clicked, this, [this] {
        const auto* a = m_controller.operators()->accountAt(m_operators->currentIndex().row());
        if (!a) {
            return;
        }
        const QString role = m_role->currentData().toString();
        if (role != QString::fromLatin1(toString(a->role))) {
            m_controller.setRole(a->name, role);
        }
        if (m_capacity->value() != a->capacity) {
            m_controller.setCapacity(a->name, m_capacity->value());
        }
        QStringList languages;
        for (const auto& l : m_languages->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (!l.trimmed().isEmpty()) {
                languages << l.trimmed();
            }
        }
        if (languages != a->languages) {
            m_controller.setLanguages(a->name, languages);
        }
        if (m_group->text().trimmed() != a->group) {
            m_controller.setGroup(a->name, m_group->text().trimmed());
        }
        if (m_phone->text().trimmed() != a->phone) {
            m_controller.setPhone(a->name, m_phone->text().trimmed());
        }
    });
    connect(m_disable, &QPushButton::clicked, this, [this] {
        const auto* a = m_controller.operators()->accountAt(m_operators->currentIndex().row());
        if (a) {
            m_controller.setDisabled(a->name, !a->disabled);
        }
    });
    connect(add, &QPushButton::clicked, this, &AdminWindow::openAddDialog);
    connect(save, &QPushButton::clicked, &m_controller, &AdminController::saveSettings);
    connect(discard, &QPushButton::clicked, m_controller.settings(), &LineSettingsModel::dropEdits);
    connect(reset, &QPushButton::clicked, this, [this] {
        const auto* s = m_controller.settings()->settingAt(m_settings->currentIndex().row());
        if (s) {
            m_controller.resetSetting(s->key);
        }
    });
    connect(&m_controller, &AdminController::notice, this,
            [this](const QString& s) { statusBar()->showMessage(s, 15000); });

    m_controller.refresh();
    showSelected();
    resize(1100, 640);
}

void AdminWindow::showSelected()
{
    const auto* a = m_controller.operators()->accountAt(m_operators->currentIndex().row());
    for (QWidget* w : std::initializer_list<QWidget*>{m_role, m_capacity, m_languages, m_group,
                                                      m_phone, m_apply, m_disable}) {
        w->setEnabled(a != nullptr);
    }
    if (!a) {
        return;
    }
    m_role->setCurrentIndex(m_role->findData(QString::fromLatin1(toString(a->role))));
    m_capacity->setValue(a->capacity);
    m_languages->setText(a->languages.join(QStringLiteral(", ")));
    m_group->setText(a->group);
    m_phone->setText(a->phone);
    m_disable->setText(a->disabled ? tr("&Enable account") : tr("&Disable account"));
}

void AdminWindow::openAddDialog()
{
    // Not exec(): no nested event loop while the link keeps working.
    auto* dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Add an account"));
    auto* form = new QFormLayout(dialog);
    auto* name = new QLineEdit(dialog);
    name->setAccessibleName(tr("Name"));
    auto* role = new QComboBox(dialog);
    role->setAccessibleName(tr("Role"));
    fillRoles(role);
    auto* capacity = new QSpinBox(dialog);
    capacity->setRange(1, 10);
    capacity->setValue(3);
    capacity->setAccessibleName(tr("Capacity"));
    auto* password = new QLineEdit(dialog);
    password->setEchoMode(QLineEdit::Password);
    password->setAccessibleName(tr("Password"));
    auto* again = new QLineEdit(dialog);
    again->setEchoMode(QLineEdit::Password);
    again->setAccessibleName(tr("Password again"));
    auto* problem = new QLabel(dialog);
    form->addRow(tr("&Name"), name);
    form->addRow(tr("&Role"), role);
    form->addRow(tr("&Capacity"), capacity);
    form->addRow(tr("&Password (10+ characters)"), password);
    form->addRow(tr("Password &again"), again);
    form->addRow(problem);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, dialog, [=, this] {
        if (password->text() != again->text()) {
            problem->setText(tr("The two passwords differ."));
            again->setFocus();
            again->selectAll();
            return;
        }
        m_controller.addOperator(name->text().trimmed(), role->currentData().toString(),
                                 capacity->value(), password->text());
        dialog->accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    dialog->open();
}

} // namespace warmline::app
