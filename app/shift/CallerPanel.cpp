#include "app/shift/CallerPanel.h"

#include "app/shift/CallerHistoryModel.h"
#include "app/shift/PlanDialog.h"
#include "app/widgets/FitColumns.h"
#include "app/widgets/RiskBadgeDelegate.h"
#include "app/widgets/Theme.h"

#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace warmline::app {

namespace {

QLabel* sectionTitle(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    setRelativeFont(label, 1.0, true);
    label->setContentsMargins(0, 8, 0, 0);
    return label;
}

QString dateText(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().date(),
                              QLocale::ShortFormat);
}

} // namespace

CallerPanel::CallerPanel(QAbstractItemModel* history, QWidget* parent) : QWidget(parent)
{
    setAccessibleName(tr("Caller"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(6);

    m_alias = new QLabel(tr("No contact open"), this);
    setRelativeFont(m_alias, 1.3, true);
    m_alias->setAccessibleName(tr("Caller alias"));
    m_alias->setWordWrap(true);
    layout->addWidget(m_alias);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setAccessibleName(tr("Caller summary"));
    layout->addWidget(m_summary);
    m_unavailable = new QLabel(tr("Caller details are not available from this gateway yet."), this);
    m_unavailable->setWordWrap(true);
    m_unavailable->setAccessibleName(tr("Caller details not available"));
    m_unavailable->hide();
    layout->addWidget(m_unavailable);

    m_details = new QWidget(this);
    auto* details = new QVBoxLayout(m_details);
    details->setContentsMargins(0, 0, 0, 0);
    details->setSpacing(6);
    auto* form = new QFormLayout;
    form->setSpacing(6);
    // In a narrow column (large text) a field goes under its label.
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_preferredName = new QLineEdit(m_details);
    m_preferredName->setAccessibleName(tr("Preferred name"));
    m_pronouns = new QLineEdit(m_details);
    m_pronouns->setAccessibleName(tr("Pronouns"));
    m_language = new QLineEdit(m_details);
    m_language->setAccessibleName(tr("Language"));
    form->addRow(tr("Preferred &name:"), m_preferredName);
    form->addRow(tr("Pron&ouns:"), m_pronouns);
    form->addRow(tr("&Language:"), m_language);
    details->addLayout(form);
    m_save = new QPushButton(tr("Save details"), m_details);
    m_save->setAccessibleName(tr("Save caller details"));
    m_save->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_save->setToolTip(tr("Save the caller's details (Ctrl+Shift+S)"));
    connect(m_save, &QPushButton::clicked, this, [this] {
        emit saveRequested(m_preferredName->text().trimmed(), m_pronouns->text().trimmed(),
                           m_language->text().trimmed());
    });
    auto* saveRow = new QHBoxLayout;
    saveRow->addStretch();
    saveRow->addWidget(m_save);
    details->addLayout(saveRow);

    // The caller's own plans at a glance; the full plan opens beside the
    // conversation (PlanDialog) from the links.
    details->addWidget(sectionTitle(tr("Plan"), m_details));
    m_plans = new QLabel(m_details);
    m_plans->setWordWrap(true);
    m_plans->setAccessibleName(tr("The caller's plan"));
    // Links by mouse only: a label with keyboard links takes Tab inside it
    // and screen readers lose the focus there. From the keyboard the plan
    // opens with Contact → Caller's plan (Ctrl+Alt+P).
    m_plans->setTextInteractionFlags(Qt::LinksAccessibleByMouse);
    m_plans->setOpenExternalLinks(false);
    connect(m_plans, &QLabel::linkActivated, this,
            [this](const QString& kind) { emit planRequested(kind); });
    details->addWidget(m_plans);

    details->addWidget(sectionTitle(tr("Flags"), m_details));
    m_flags = new QLabel(m_details);
    m_flags->setWordWrap(true);
    m_flags->setAccessibleName(tr("Caller flags"));
    details->addWidget(m_flags);

    details->addWidget(sectionTitle(tr("Limits"), m_details));
    m_limits = new QLabel(m_details);
    m_limits->setWordWrap(true);
    m_limits->setAccessibleName(tr("Caller limits"));
    details->addWidget(m_limits);
    m_countdown = new QLabel(m_details);
    m_countdown->setAccessibleName(tr("Time left in this contact"));
    details->addWidget(m_countdown);

    details->addWidget(sectionTitle(tr("Earlier contacts"), m_details));
    m_historyView = new QTableView(m_details);
    m_historyView->setTabKeyNavigation(false); // Tab leaves the table; arrows move in it
    m_historyView->setModel(history);
    m_historyView->setAccessibleName(tr("Earlier contacts"));
    m_historyView->setItemDelegateForColumn(CallerHistoryModel::RiskColumn,
                                            new RiskBadgeDelegate(m_historyView));
    m_historyView->verticalHeader()->hide();
    m_historyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_historyView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_historyView->setWordWrap(false);
    m_historyView->horizontalHeader()->setStretchLastSection(true);
    m_historyView->setColumnHidden(CallerHistoryModel::OperatorColumn, true);
    m_historyView->setColumnHidden(CallerHistoryModel::ChannelColumn, true);
    new FitColumns(m_historyView, CallerHistoryModel::RiskColumn);
    details->addWidget(m_historyView, 1);

    details->addWidget(sectionTitle(tr("Notes about this caller"), m_details));
    m_notes = new QLabel(m_details);
    m_notes->setWordWrap(true);
    m_notes->setAccessibleName(tr("Notes about this caller"));
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    details->addWidget(m_notes);
    m_newNote = new QLineEdit(m_details);
    m_newNote->setPlaceholderText(tr("Add a note for the next operator…"));
    m_newNote->setAccessibleName(tr("New caller note"));
    connect(m_newNote, &QLineEdit::returnPressed, this, [this] {
        if (!m_newNote->text().trimmed().isEmpty()) {
            emit noteRequested(m_newNote->text().trimmed());
            m_newNote->clear();
        }
    });
    details->addWidget(m_newNote);
    layout->addWidget(m_details, 1);
    clear();
    updateMetrics();
}

void CallerPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (!m_historyView) {
        return; // still being built
    }
    if (event->type() == QEvent::FontChange) {
        rescaleFonts(this);
        updateMetrics();
    } else if (event->type() == QEvent::PaletteChange) {
        updateCountdownStyle();
    }
}

void CallerPanel::updateMetrics()
{
    m_historyView->setMinimumHeight(m_historyView->fontMetrics().height() * 7);
    m_historyView->verticalHeader()->setDefaultSectionSize(m_historyView->fontMetrics().height() +
                                                           10);
}

void CallerPanel::updateCountdownStyle()
{
    // Palette and font rather than a style sheet, so the label keeps
    // following the panel's font.
    const QColor color =
        m_overTime ? toneColor(palette(), Tone::Trouble) : palette().color(QPalette::WindowText);
    if (m_countdown->palette().color(QPalette::WindowText) != color) {
        QPalette pal = m_countdown->palette();
        pal.setColor(QPalette::WindowText, color);
        m_countdown->setPalette(pal);
    }
    if (m_countdown->property("warmlineFontBold").toBool() != m_overTime) {
        setRelativeFont(m_countdown, 1.0, m_overTime);
    }
}

QString CallerPanel::plansText(const CallerRecord& caller)
{
    // The first line of the sections that matter most in a hard moment.
    auto glance = [](const PlanRecord& p, const QStringList& keys) {
        QStringList parts;
        for (const auto& key : keys) {
            const QString words = p.section(key).section(QLatin1Char('\n'), 0, 0).trimmed();
            if (!words.isEmpty()) {
                parts << QStringLiteral("<i>%1</i>: %2")
                             .arg(PlanDialog::sectionTitle(key).toHtmlEscaped(),
                                  words.left(120).toHtmlEscaped());
            }
        }
        return parts.join(QStringLiteral("<br>"));
    };
    QStringList lines;
    if (const auto* p = caller.plan(QStringLiteral("safety"))) {
        lines << QStringLiteral("<b>%1</b> <a href=\"safety\">%2</a><br>%3")
                     .arg(tr("Safety plan").toHtmlEscaped(), tr("open").toHtmlEscaped(),
                          glance(*p, {QStringLiteral("reasons_for_living"),
                                      QStringLiteral("help_people"),
                                      QStringLiteral("coping_strategies")}));
    }
    if (const auto* p = caller.plan(QStringLiteral("wrap"))) {
        lines << QStringLiteral("<b>%1</b> <a href=\"wrap\">%2</a><br>%3")
                     .arg(tr("Wellness plan").toHtmlEscaped(), tr("open").toHtmlEscaped(),
                          glance(*p, {QStringLiteral("early_warning_signs"),
                                      QStringLiteral("wellness_toolbox")}));
    }
    if (lines.isEmpty()) {
        return tr("None on file. Make a <a href=\"safety\">safety plan</a> or a "
                  "<a href=\"wrap\">wellness plan</a> with the caller.");
    }
    return lines.join(QStringLiteral("<br>"));
}

void CallerPanel::clear()
{
    m_alias->setText(tr("No contact open"));
    m_summary->setText(tr("Accept a contact from the queue, or pick one of yours."));
    m_unavailable->hide();
    m_details->setEnabled(false);
    m_details->hide();
    m_minutesPerCall = 0;
    m_countdown->clear();
}

void CallerPanel::showCaller(const QString& alias, const CallerRecord* caller, bool available,
                             const LineInfo& line)
{
    m_alias->setText(alias);
    m_details->show();
    if (!caller) {
        m_summary->setText(available ? tr("Loading caller details…") : QString());
        m_unavailable->setVisible(!available);
        m_details->setVisible(available);
        m_details->setEnabled(false);
        m_minutesPerCall = line.minutesPerCall;
        return;
    }
    m_unavailable->hide();
    m_details->setEnabled(true);
    m_summary->setText(caller->contactCount <= 1
                           ? tr("First contact with the line.")
                           : tr("%n contacts since %1.", nullptr, caller->contactCount)
                                 .arg(dateText(caller->firstContactAt)));
    m_preferredName->setText(caller->preferredName);
    m_pronouns->setText(caller->pronouns);
    m_language->setText(caller->language);

    QStringList flags;
    for (const auto& flag : caller->flags) {
        QString line1 = QStringLiteral("<b>%1</b>").arg(flag.kind.toHtmlEscaped());
        if (!flag.note.isEmpty()) {
            line1 += QStringLiteral(" — ") + flag.note.toHtmlEscaped();
        }
        line1 += QStringLiteral("<br><small>");
        line1 +=
            flag.expiresAt > 0 ? tr("until %1").arg(dateText(flag.expiresAt)) : tr("no expiry");
        if (!flag.setBy.isEmpty()) {
            line1 += tr(", set by %1").arg(flag.setBy.toHtmlEscaped());
        }
        line1 += QStringLiteral("</small>");
        flags << line1;
    }
    m_flags->setText(flags.isEmpty() ? tr("None") : flags.join(QStringLiteral("<br>")));
    m_plans->setText(plansText(*caller));

    const int perDay = caller->callsPerDay > 0 ? caller->callsPerDay : line.callsPerDay;
    m_minutesPerCall = caller->minutesPerCall > 0 ? caller->minutesPerCall : line.minutesPerCall;
    QStringList limits;
    limits << (perDay > 0 ? tr("Today: %1 of %2 contacts").arg(caller->contactsToday).arg(perDay)
                          : tr("Today: %n contact(s)", nullptr, caller->contactsToday));
    if (m_minutesPerCall > 0) {
        limits << tr("%1 minutes per contact").arg(m_minutesPerCall);
    }
    if (!caller->preferredTimes.isEmpty()) {
        limits << tr("Preferred times: %1").arg(caller->preferredTimes);
    }
    m_limits->setText(limits.join(QStringLiteral("\n")));

    QStringList notes;
    for (const auto& note : caller->notes) {
        notes << QStringLiteral("%1<br><small>%2 · %3</small>")
                     .arg(note.body.toHtmlEscaped(), dateText(note.at),
                          note.operatorName.toHtmlEscaped());
    }
    m_notes->setText(notes.isEmpty() ? tr("No notes yet.") : notes.join(QStringLiteral("<br>")));
}

void CallerPanel::updateCountdown(qint64 elapsedMs)
{
    if (m_minutesPerCall <= 0) {
        m_countdown->setText(tr("Running for %1").arg(durationText(elapsedMs)));
        m_overTime = false;
        updateCountdownStyle();
        return;
    }
    const qint64 left = qint64(m_minutesPerCall) * 60000 - elapsedMs;
    if (left > 0) {
        const qint64 s = left / 1000;
        m_countdown->setText(
            tr("Time left: %1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0')));
        m_overTime = false;
    } else {
        m_countdown->setText(tr("Over the agreed time by %1").arg(durationText(-left)));
        m_overTime = true;
    }
    updateCountdownStyle();
}

void CallerPanel::focusEditor()
{
    m_preferredName->setFocus();
}

} // namespace warmline::app
