#include "app/shift/CheckInDialog.h"

#include "app/link/LinkConnection.h"
#include "app/shift/ShiftSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDate>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTimeEdit>
#include <QVBoxLayout>

namespace warmline::app {

namespace {

constexpr const char* kDayKeys[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/// One line for the list: when, where, why, and how it stands.
QString describe(const QJsonObject& c)
{
    QString days = c.value(u"days").toString();
    if (days == u"once") {
        days = QObject::tr("Once on %1").arg(c.value(u"from").toString());
    } else if (days == u"daily") {
        days = QObject::tr("Every day");
    } else if (days == u"weekdays") {
        days = QObject::tr("Weekdays");
    } else {
        // "tue,fri" in the operator's language: "Tue, Fri".
        QStringList names;
        for (const auto& key : days.split(QLatin1Char(','))) {
            for (int i = 0; i < 7; ++i) {
                if (key == QLatin1String(kDayKeys[i])) {
                    names << QLocale().dayName(i + 1, QLocale::ShortFormat);
                }
            }
        }
        days = names.join(QStringLiteral(", "));
    }
    QString line = QObject::tr("%1 at %2 (%3): %4")
                       .arg(days, c.value(u"at").toString(), c.value(u"zone").toString(),
                            c.value(u"reason").toString());
    if (c.value(u"channel").toString() == u"call") {
        line += QStringLiteral(" — ") + QObject::tr("by call");
    }
    if (c.contains(u"stoppedAt")) {
        line += QStringLiteral(" — ") +
                QObject::tr("stopped (%1)").arg(c.value(u"stopReason").toString());
    } else if (c.contains(u"nextLocal")) {
        line +=
            QStringLiteral(" — ") + QObject::tr("next %1").arg(c.value(u"nextLocal").toString());
    } else {
        line += QStringLiteral(" — ") + QObject::tr("ended");
    }
    return line;
}

} // namespace

CheckInDialog::CheckInDialog(ShiftSession& session, QWidget* parent)
    : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("Check-ins"));
    setAccessibleName(tr("Check-ins"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("A check-in the caller asks for: a text or a call at their time. "
                                "Whoever is on shift then sees it in the queue with why, and "
                                "texts or calls first."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("The caller's check-ins"));
    m_list->setMinimumHeight(m_list->fontMetrics().lineSpacing() * 4);
    m_list->setMaximumHeight(m_list->fontMetrics().lineSpacing() * 8);
    layout->addWidget(m_list);
    m_stop = new QPushButton(tr("S&top the selected check-in"), this);
    m_stop->setAccessibleName(tr("Stop the selected check-in"));
    m_stop->setEnabled(false);
    auto* stopRow = new QHBoxLayout;
    stopRow->addStretch();
    stopRow->addWidget(m_stop);
    layout->addLayout(stopRow);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        const auto* item = m_list->item(row);
        m_stop->setEnabled(item && item->data(Qt::UserRole + 1).toBool());
    });
    connect(m_stop, &QPushButton::clicked, this, &CheckInDialog::stopSelected);

    auto* form = new QFormLayout;
    m_by = new QComboBox(this);
    m_by->addItem(tr("A text"), QStringLiteral("text"));
    m_by->addItem(tr("A call (the line rings you first, then the caller)"), QStringLiteral("call"));
    m_by->setAccessibleName(tr("A text or a call"));
    form->addRow(tr("&By"), m_by);
    m_time = new QTimeEdit(QTime(16, 0), this);
    m_time->setDisplayFormat(QStringLiteral("HH:mm"));
    m_time->setAccessibleName(tr("Time"));
    form->addRow(tr("T&ime"), m_time);

    auto* dayRow = new QHBoxLayout;
    const QString names[7] = {tr("Mon"), tr("Tue"), tr("Wed"), tr("Thu"),
                              tr("Fri"), tr("Sat"), tr("Sun")};
    for (std::size_t i = 0; i < m_days.size(); ++i) {
        m_days[i] = new QCheckBox(names[i], this);
        m_days[i]->setAccessibleName(QLocale().dayName(static_cast<int>(i) + 1));
        dayRow->addWidget(m_days[i]);
    }
    auto* dayHint = new QLabel(tr("(none ticked: once)"), this);
    dayRow->addWidget(dayHint);
    dayRow->addStretch();
    form->addRow(tr("Days"), dayRow);

    m_from = new QDateEdit(QDate::currentDate(), this);
    m_from->setCalendarPopup(true);
    m_from->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_from->setAccessibleName(tr("Starting on"));
    form->addRow(tr("&Starting on"), m_from);

    auto* endRow = new QHBoxLayout;
    m_times = new QSpinBox(this);
    m_times->setRange(1, 500);
    m_times->setValue(4);
    m_times->setAccessibleName(tr("Number of times"));
    m_untilOn = new QCheckBox(tr("or &until"), this);
    m_untilOn->setAccessibleName(tr("End on a date"));
    m_until = new QDateEdit(QDate::currentDate().addMonths(1), this);
    m_until->setCalendarPopup(true);
    m_until->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_until->setAccessibleName(tr("Last day"));
    m_until->setEnabled(false);
    connect(m_untilOn, &QCheckBox::toggled, m_until, &QWidget::setEnabled);
    endRow->addWidget(m_times);
    endRow->addWidget(new QLabel(tr("times"), this));
    endRow->addWidget(m_untilOn);
    endRow->addWidget(m_until);
    endRow->addStretch();
    form->addRow(tr("Ends after"), endRow);

    m_zone = new QComboBox(this);
    m_zone->setEditable(true);
    m_zone->setAccessibleName(tr("The caller's time zone"));
    m_zone->addItem(tr("The line's time zone"), QString());
    for (const char* z :
         {"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
          "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico"}) {
        m_zone->addItem(QString::fromLatin1(z), QString::fromLatin1(z));
    }
    form->addRow(tr("Their time &zone"), m_zone);

    m_except = new QLineEdit(this);
    m_except->setPlaceholderText(tr("e.g. 2026-11-26, 2026-12-25"));
    m_except->setAccessibleName(tr("Dates to skip"));
    form->addRow(tr("S&kip these dates"), m_except);

    m_reason = new QLineEdit(this);
    m_reason->setMaxLength(400);
    m_reason->setPlaceholderText(tr("Why, for whoever takes it"));
    m_reason->setAccessibleName(tr("Why"));
    form->addRow(tr("&Why"), m_reason);
    layout->addLayout(form);

    m_consent = new QCheckBox(tr("The caller asked for this and &agrees to be contacted"), this);
    m_consent->setAccessibleName(tr("The caller asked for this and agrees to be contacted"));
    layout->addWidget(m_consent);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Check-in status"));
    layout->addWidget(m_status);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    m_schedule = buttons->addButton(tr("Sc&hedule"), QDialogButtonBox::ActionRole);
    m_schedule->setAccessibleName(tr("Schedule the check-in"));
    connect(m_schedule, &QPushButton::clicked, this, &CheckInDialog::schedule);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::hide);
    layout->addWidget(buttons);
    resize(640, 560);
}

void CheckInDialog::openFor()
{
    m_contactId = m_session.currentContactId();
    m_status->clear();
    m_consent->setChecked(false);
    m_from->setDate(QDate::currentDate());
    reload();
    show();
    raise();
    activateWindow();
}

void CheckInDialog::reload()
{
    m_list->clear();
    m_stop->setEnabled(false);
    if (m_contactId == 0) {
        m_status->setText(tr("Open the caller's contact first."));
        return;
    }
    m_session.link().request(
        QStringLiteral("checkin.list"), {{QStringLiteral("contactId"), m_contactId}},
        [this, contactId = m_contactId](const LinkReply& r) {
            if (contactId != m_contactId) {
                return;
            }
            if (!r.ok) {
                m_status->setText(r.message);
                return;
            }
            m_list->clear();
            const auto all = r.data.value(u"checkIns").toArray();
            for (const auto& v : all) {
                const auto c = v.toObject();
                auto* item = new QListWidgetItem(describe(c), m_list);
                item->setData(Qt::UserRole, c.value(u"checkInId").toInteger());
                item->setData(Qt::UserRole + 1, !c.contains(u"stoppedAt") && c.contains(u"next"));
            }
            if (all.isEmpty()) {
                auto* item = new QListWidgetItem(tr("None yet."), m_list);
                item->setFlags(Qt::NoItemFlags);
            }
        });
}

void CheckInDialog::schedule()
{
    if (m_contactId == 0 || m_session.currentContactId() != m_contactId) {
        m_status->setText(tr("Open the caller's contact to schedule a check-in."));
        return;
    }
    if (!m_consent->isChecked()) {
        m_status->setText(tr("Ask the caller first: tick that they asked for it and agree."));
        m_consent->setFocus();
        return;
    }
    if (m_reason->text().trimmed().isEmpty()) {
        m_status->setText(tr("Say why, for whoever takes it."));
        m_reason->setFocus();
        return;
    }
    QStringList days;
    for (std::size_t i = 0; i < m_days.size(); ++i) {
        if (m_days[i]->isChecked()) {
            days << QString::fromLatin1(kDayKeys[i]);
        }
    }
    QJsonObject params{{QStringLiteral("contactId"), m_contactId},
                       {QStringLiteral("consent"), true},
                       {QStringLiteral("at"), m_time->time().toString(QStringLiteral("HH:mm"))},
                       {QStringLiteral("days"),
                        days.isEmpty() ? QStringLiteral("once") : days.join(QLatin1Char(','))},
                       {QStringLiteral("reason"), m_reason->text().trimmed()},
                       {QStringLiteral("channel"), m_by->currentData().toString()}};
    if (m_from->date() != QDate::currentDate()) {
        // Left at today: today in the caller's zone, which the gateway knows.
        params.insert(u"from", m_from->date().toString(Qt::ISODate));
    }
    if (!days.isEmpty()) {
        params.insert(u"times", m_times->value());
        if (m_untilOn->isChecked()) {
            params.insert(u"until", m_until->date().toString(Qt::ISODate));
        }
    }
    const QString zone = m_zone->currentIndex() == 0 && m_zone->currentText() == m_zone->itemText(0)
                             ? QString()
                             : m_zone->currentText().trimmed();
    if (!zone.isEmpty()) {
        params.insert(u"zone", zone);
    }
    QJsonArray except;
    for (const QString& d : m_except->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        except.append(d.trimmed());
    }
    if (!except.isEmpty()) {
        params.insert(u"except", except);
    }
    m_schedule->setEnabled(false);
    m_status->setText(tr("Scheduling…"));
    m_session.link().request(QStringLiteral("checkin.schedule"), params,
                             [this](const LinkReply& r) {
                                 m_schedule->setEnabled(true);
                                 if (!r.ok) {
                                     m_status->setText(r.message);
                                     return;
                                 }
                                 m_status->setText(tr("Scheduled. The first is on %1 (their time).")
                                                       .arg(r.data.value(u"nextLocal").toString()));
                                 m_reason->clear();
                                 m_consent->setChecked(false);
                                 reload();
                             });
}

void CheckInDialog::stopSelected()
{
    const auto* item = m_list->currentItem();
    if (!item) {
        return;
    }
    m_stop->setEnabled(false);
    m_session.link().request(QStringLiteral("checkin.stop"),
                             {{QStringLiteral("checkInId"), item->data(Qt::UserRole).toLongLong()},
                              {QStringLiteral("reason"), tr("the caller asked")}},
                             [this](const LinkReply& r) {
                                 if (!r.ok) {
                                     m_status->setText(r.message);
                                     return;
                                 }
                                 m_status->setText(tr("Stopped."));
                                 reload();
                             });
}

} // namespace warmline::app
