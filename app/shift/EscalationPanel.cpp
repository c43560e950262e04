#include "app/shift/EscalationPanel.h"

#include "app/widgets/FoldingGrid.h"
#include "app/widgets/RiskBadgeDelegate.h"
#include "app/widgets/Theme.h"
#include "core/risk/LanguageGuess.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace warmline::app {

namespace {

QPushButton* button(const QString& text, const QString& tip, QWidget* parent)
{
    auto* b = new QPushButton(text, parent);
    b->setAccessibleName(QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…")));
    b->setToolTip(tip);
    return b;
}

} // namespace

EscalationPanel::EscalationPanel(ShiftSession& session, QWidget* parent)
    : QFrame(parent), m_session(session)
{
    setObjectName(QStringLiteral("escalation"));
    setAccessibleName(tr("Crisis escalation"));
    setFrameShape(QFrame::StyledPanel);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(6);

    m_banner = new QLabel(this);
    m_banner->setAccessibleName(tr("Escalation level"));
    m_banner->setWordWrap(true);
    setRelativeFont(m_banner, 1.25, true);
    layout->addWidget(m_banner);
    m_signals = new QLabel(this);
    m_signals->setAccessibleName(tr("What raised it"));
    m_signals->setWordWrap(true);
    m_signals->setTextFormat(Qt::PlainText);
    layout->addWidget(m_signals);

    auto* ask = new QLabel(tr("Ask directly, in your own words, and record each answer:"), this);
    ask->setWordWrap(true);
    setRelativeFont(ask, 1.0, true);
    layout->addWidget(ask);
    // All the questions show at once, from question 1: the prompt sits
    // beside the conversation with the window's full height.
    auto* questionsBox = new QWidget(this);
    questionsBox->setAccessibleName(tr("Screener questions"));
    auto* grid = new QGridLayout(questionsBox);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(2);
    // Safety right now comes first; then the screener from question 1.
    addQuestion(grid, 0, QStringLiteral("dangerNow"),
                tr("Are you in danger right now? (has taken something, has the means in hand, "
                   "or someone else is in danger)"));
    addQuestion(grid, 1, QStringLiteral("q1"),
                tr("1. In the past month, have you wished you were dead, or wished you could go "
                   "to sleep and not wake up?"));
    addQuestion(grid, 2, QStringLiteral("q2"),
                tr("2. In the past month, have you had any thoughts of killing yourself?"));
    addQuestion(grid, 3, QStringLiteral("q3"),
                tr("3. Have you been thinking about how you might do this?"));
    addQuestion(grid, 4, QStringLiteral("q4"),
                tr("4. Have you had these thoughts and had some intention of acting on them?"));
    addQuestion(grid, 5, QStringLiteral("q5"),
                tr("5. Have you started to work out, or worked out, the details of how to kill "
                   "yourself? Do you intend to carry out this plan?"));
    addQuestion(grid, 6, QStringLiteral("q6"),
                tr("6. Have you ever done anything, started to do anything, or prepared to do "
                   "anything to end your life?"));
    addQuestion(grid, 7, QStringLiteral("q6recent"),
                tr("    If yes: was it in the past three months?"));
    layout->addWidget(questionsBox);

    auto* recordRow = new QHBoxLayout;
    m_record = button(tr("Record answers"), tr("Save the answers given so far"), this);
    recordRow->addWidget(m_record);
    m_recommendation = new QLabel(this);
    m_recommendation->setAccessibleName(tr("Recommended action"));
    m_recommendation->setWordWrap(true);
    setRelativeFont(m_recommendation, 1.05, true);
    recordRow->addWidget(m_recommendation, 1);
    layout->addLayout(recordRow);

    // Two columns where they fit, one in a narrow column at a large text
    // size: every button stays whole and nothing scrolls sideways.
    auto* actions = new FoldingGrid(2);
    actions->setSpacing(6);
    m_safetyPlan = button(tr("Safety plan…"),
                          tr("Make the safety plan with the person, in their words"), this);
    m_transfer = new QToolButton(this);
    m_transfer->setText(tr("Warm transfer"));
    m_transfer->setAccessibleName(tr("Warm transfer"));
    m_transfer->setToolTip(tr("Connect the person with a crisis line; you stay with them"));
    m_transfer->setPopupMode(QToolButton::InstantPopup);
    m_transfer->setMenu(new QMenu(m_transfer));
    m_confirmed = button(tr("They reached the line"),
                         tr("The texter confirmed the crisis line has them"), this);
    m_emergency =
        button(tr("Emergency (911)…"),
               tr("Immediate danger: the emergency steps and the person's location"), this);
    m_close = button(tr("Close escalation…"), tr("Record the outcome and close"), this);
    m_leave = button(tr("Leave the call"),
                     tr("The crisis counsellor has the caller: hang up your side only"), this);
    for (QWidget* w : std::initializer_list<QWidget*>{m_safetyPlan, m_emergency, m_transfer,
                                                      m_close, m_leave, m_confirmed}) {
        actions->addWidget(w);
    }
    m_transfer->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    layout->addLayout(actions);

    // A warm transfer says what it will do and asks once, inside the
    // prompt: the conversation stays usable meanwhile.
    m_transferConfirm = new QFrame(this);
    m_transferConfirm->setObjectName(QStringLiteral("transferConfirm"));
    m_transferConfirm->setAccessibleName(tr("Warm transfer: what will happen"));
    auto* confirmRow = new QHBoxLayout(m_transferConfirm);
    confirmRow->setContentsMargins(0, 0, 0, 0);
    m_transferPreview = new QLabel(m_transferConfirm);
    m_transferPreview->setAccessibleName(tr("What the transfer does"));
    m_transferPreview->setWordWrap(true);
    m_transferPreview->setTextFormat(Qt::PlainText);
    confirmRow->addWidget(m_transferPreview, 1);
    m_transferSend =
        button(tr("Send"), tr("Start the warm transfer as described"), m_transferConfirm);
    auto* transferCancel = button(tr("Cancel"), tr("Do not start the transfer"), m_transferConfirm);
    confirmRow->addWidget(m_transferSend);
    confirmRow->addWidget(transferCancel);
    m_transferConfirm->hide();
    layout->addWidget(m_transferConfirm);
    buildForms(layout);
    connect(m_transferSend, &QPushButton::clicked, this, [this] {
        m_transferConfirm->hide();
        if (!m_transferLine.isEmpty()) {
            m_session.transferEscalation(m_escalationId, m_transferLine);
        }
        m_transferLine.clear();
    });
    connect(transferCancel, &QPushButton::clicked, this, [this] {
        m_transferConfirm->hide();
        m_transferLine.clear();
    });

    m_error = new QLabel(this);
    m_error->setAccessibleName(tr("Escalation problem"));
    m_error->setWordWrap(true);
    // The palette's trouble tone: on black (high contrast) the fixed red had 3.2:1.
    m_error->setStyleSheet(QStringLiteral("QLabel { color: %1; font-weight: bold; }")
                               .arg(toneColor(palette(), Tone::Trouble).name()));
    m_error->hide();
    layout->addWidget(m_error);
    m_steps = new QLabel(this);
    m_steps->setAccessibleName(tr("Escalation steps"));
    m_steps->setWordWrap(true);
    m_steps->setTextFormat(Qt::PlainText);
    layout->addWidget(m_steps);

    connect(m_record, &QPushButton::clicked, this, [this] {
        m_session.recordEscalationStep(m_escalationId, QStringLiteral("screener"), answers());
    });
    connect(m_safetyPlan, &QPushButton::clicked, this, [this] {
        showForm(nullptr);
        emit safetyPlanRequested(m_escalationId);
    });
    connect(m_emergency, &QPushButton::clicked, this, &EscalationPanel::askEmergency);
    connect(m_close, &QPushButton::clicked, this, &EscalationPanel::askClose);
    connect(m_leave, &QPushButton::clicked, this,
            [this] { m_session.completeTransfer(m_escalationId); });
    connect(m_confirmed, &QPushButton::clicked, this, [this] {
        m_session.recordEscalationStep(m_escalationId, QStringLiteral("texter_confirmed"));
    });
    connect(&m_session, &ShiftSession::escalationChanged, this, [this](qint64 contactId) {
        if (contactId == m_session.currentContactId()) {
            refresh();
        }
    });
    connect(&m_session, &ShiftSession::currentContactChanged, this, &EscalationPanel::refresh);
    connect(&m_session, &ShiftSession::lineInfoChanged, this, &EscalationPanel::buildTransferMenu);
    connect(&m_session, &ShiftSession::escalationFailed, this, [this](const QString& s) {
        m_error->setText(s);
        m_error->setVisible(isVisible());
    });
    connect(&m_session, &ShiftSession::escalationDone, this, [this] { m_error->hide(); });
    buildTransferMenu();
    hide();
}

void EscalationPanel::addQuestion(QGridLayout* grid, int row, const QString& key,
                                  const QString& text)
{
    QWidget* box = grid->parentWidget();
    auto* label = new QLabel(text, box);
    label->setWordWrap(true);
    auto* yes = new QRadioButton(tr("Yes"), box);
    auto* no = new QRadioButton(tr("No"), box);
    yes->setAccessibleName(tr("Yes: %1").arg(text.trimmed()));
    no->setAccessibleName(tr("No: %1").arg(text.trimmed()));
    auto* group = new QButtonGroup(this);
    group->addButton(yes, 1);
    group->addButton(no, 0);
    grid->addWidget(label, row, 0);
    grid->addWidget(yes, row, 1);
    grid->addWidget(no, row, 2);
    grid->setColumnStretch(0, 1);
    m_questions.insert(key, group);
    m_questionRows.insert(key, label);
    connect(group, &QButtonGroup::idClicked, this, &EscalationPanel::updateQuestions);
}

QJsonObject EscalationPanel::answers() const
{
    QJsonObject o;
    for (auto it = m_questions.cbegin(); it != m_questions.cend(); ++it) {
        const int id = it.value()->checkedId();
        const bool enabled = it.value()->buttons().first()->isEnabled();
        o.insert(it.key(), id < 0 || !enabled ? QJsonValue() : QJsonValue(id == 1));
    }
    return o;
}

void EscalationPanel::updateQuestions()
{
    // C-SSRS: questions 3 to 5 follow a yes to question 2; the timing
    // question follows a yes to question 6.
    const bool thoughts = m_questions.value(QStringLiteral("q2"))->checkedId() == 1;
    const bool behaviour = m_questions.value(QStringLiteral("q6"))->checkedId() == 1;
    auto enable = [this](const QString& key, bool on) {
        for (auto* b : m_questions.value(key)->buttons()) {
            b->setEnabled(on);
        }
        m_questionRows.value(key)->setEnabled(on);
    };
    for (const char* key : {"q3", "q4", "q5"}) {
        enable(QString::fromLatin1(key), thoughts);
    }
    enable(QStringLiteral("q6recent"), behaviour);
}

void EscalationPanel::buildTransferMenu()
{
    auto* menu = m_transfer->menu();
    menu->clear();
    for (const auto& line : m_session.lineInfo().crisisLines) {
        if (line.emergency) {
            continue; // 911 has its own button and steps
        }
        // "&" would be read as a shortcut marker: "988 Suicide & Crisis".
        QString label = line.name;
        label.replace(QLatin1Char('&'), QStringLiteral("&&"));
        auto* action = menu->addAction(label);
        action->setToolTip(line.description);
        action->setData(line.id);
        action->setProperty("label", label);
        action->setProperty("texts", line.texts);
        action->setProperty("calls", line.calls);
        connect(action, &QAction::triggered, this, [this, id = line.id] { askTransfer(id); });
    }
}

void EscalationPanel::askTransfer(const QString& lineId)
{
    const CrisisLineInfo* line = nullptr;
    for (const auto& l : m_session.lineInfo().crisisLines) {
        if (l.id == lineId) {
            line = &l;
        }
    }
    if (!line || m_escalationId == 0) {
        return;
    }
    const auto* contact = m_session.currentContact();
    const QString who = contact ? contact->alias : tr("the person");
    if (!contact || contact->channel == Channel::Text) {
        // The gateway sends the Spanish text to a caller whose language is
        // Spanish; the preview shows the text that will go.
        const auto& caller = m_session.caller();
        const bool spanish = caller && !line->textTemplateEs.isEmpty() &&
                             isSpanishLanguage(caller->language.toStdString());
        m_transferPreview->setText(
            tr("This text goes to %1 now, then you stay with them until they reach %2:\n“%3”")
                .arg(who, line->name, spanish ? line->textTemplateEs : line->textTemplate));
        m_transferSend->setText(tr("Send the text"));
    } else {
        m_transferPreview->setText(tr("The line calls %1 and joins them to this call; you stay "
                                      "on until their counsellor has %2.")
                                       .arg(line->name, who));
        m_transferSend->setText(tr("Call %1").arg(line->name));
    }
    m_transferLine = line->id;
    m_transferConfirm->show();
    m_transferSend->setFocus();
}

void EscalationPanel::refresh()
{
    const qint64 contactId = m_session.currentContactId();
    const auto open = contactId ? m_session.openEscalation(contactId) : std::nullopt;
    if (!open) {
        m_escalationId = 0;
        m_error->hide();
        hide();
        return;
    }
    const bool changed = open->id != m_escalationId;
    m_escalationId = open->id;
    const QColor colour = RiskBadgeDelegate::colorFor(static_cast<int>(open->level));
    setStyleSheet(QStringLiteral("QFrame#escalation { border: 3px solid %1; border-radius: 6px; }")
                      .arg(colour.name()));
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; padding: 6px; "
                                           "border-radius: 4px; }")
                                .arg(colour.name()));
    const QString level =
        open->level == RiskLevel::None ? tr("Escalation") : riskText(open->level).toUpper();
    m_banner->setText(open->level >= RiskLevel::High
                          ? tr("%1 — stay with them and follow the steps below").arg(level)
                          : tr("%1 — check in directly").arg(level));
    QStringList signalLines;
    for (const auto& [category, text] : open->riskSignals) {
        signalLines << text;
    }
    if (signalLines.isEmpty()) {
        const auto opened = open->latest(QStringLiteral("opened"));
        const QString reason = opened ? opened->value(u"reason").toString() : QString();
        signalLines << (reason.isEmpty() ? tr("Opened by hand.")
                                         : tr("Opened by hand: %1").arg(reason));
    }
    // One wrapped line: the questions below need the height more.
    m_signals->setText(tr("What raised it: %1").arg(signalLines.join(QStringLiteral(" · "))));

    if (changed) {
        // The checklist shows the answers recorded last, if any.
        const auto screener = open->latest(QStringLiteral("screener"));
        for (auto it = m_questions.cbegin(); it != m_questions.cend(); ++it) {
            auto* group = it.value();
            const QJsonValue v = screener ? screener->value(it.key()) : QJsonValue();
            group->setExclusive(false);
            for (auto* b : group->buttons()) {
                b->setChecked(v.isBool() && group->id(b) == (v.toBool() ? 1 : 0));
            }
            group->setExclusive(true);
        }
        updateQuestions();
        m_error->hide();
    }
    const auto screener = open->latest(QStringLiteral("screener"));
    if (screener) {
        m_recommendation->setText(
            tr("The answers call for: %1")
                .arg(escalationActionText(screener->value(u"recommended").toString())));
    } else {
        m_recommendation->setText(tr("No answers recorded yet."));
    }
    const auto* contact = m_session.currentContact();
    const bool text = !contact || contact->channel == Channel::Text;
    for (auto* action : m_transfer->menu()->actions()) {
        const bool usable =
            text ? action->property("texts").toBool() : action->property("calls").toBool();
        action->setEnabled(usable);
        // A greyed line says why, in the menu itself (no tooltip shows
        // on a disabled item).
        const QString label = action->property("label").toString();
        action->setText(usable ? label
                        : text ? tr("%1 — takes calls only, not texts").arg(label)
                               : tr("%1 — takes texts only, not calls").arg(label));
    }
    if (changed) {
        // Another escalation: nothing typed for the last one carries over.
        m_transferConfirm->hide();
        m_transferLine.clear();
        showForm(nullptr);
        m_closeReason->clear();
        for (auto* field : std::as_const(m_emergencyFields)) {
            if (auto* line = qobject_cast<QLineEdit*>(field)) {
                line->clear();
            } else if (auto* box = qobject_cast<QPlainTextEdit*>(field)) {
                box->clear();
            }
        }
    }
    m_confirmed->setVisible(text);
    // A call's transfer under way: the operator may leave once the line has them.
    bool transferring = false;
    for (const auto& s : open->steps) {
        if (s.kind == u"transfer_started" && s.detail.value(u"via").toString() == u"call") {
            transferring = true;
        } else if (s.kind == u"transfer_done" || s.kind == u"transfer_failed") {
            transferring = false;
        }
    }
    m_leave->setVisible(!text && transferring);
    // The latest steps; the whole record is in the tooltip.
    QStringList steps;
    for (const auto& s : open->steps) {
        steps << escalationStepText(s);
    }
    m_steps->setText(steps.mid(std::max<qsizetype>(0, steps.size() - 3)).join(QLatin1Char('\n')));
    m_steps->setToolTip(steps.join(QLatin1Char('\n')));
    show();
    fitHeight();
    // The gateway records that this operator's app showed the prompt.
    if (!m_seenSent.contains(open->id) && contact && contact->operatorId &&
        *contact->operatorId == m_session.link().operatorId()) {
        m_seenSent.insert(open->id);
        m_session.recordEscalationStep(open->id, QStringLiteral("seen"));
    }
}

} // namespace warmline::app
