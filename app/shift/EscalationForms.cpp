// EscalationPanel's forms: the emergency (911) steps and
// closing the escalation, each a panel inside the prompt instead of a
// dialog, so the operator keeps reading and typing to the person while
// filling them in. One shows at a time; what was typed stays until it is
// recorded or the escalation changes.

#include "app/shift/EscalationPanel.h"

#include <algorithm>

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace warmline::app {

namespace {

QPlainTextEdit* textBox(const QString& name, int lines, QWidget* parent)
{
    auto* edit = new QPlainTextEdit(parent);
    edit->setAccessibleName(name);
    edit->setTabChangesFocus(true);
    edit->setMaximumHeight(edit->fontMetrics().lineSpacing() * lines + 12);
    return edit;
}

} // namespace

void EscalationPanel::buildForms(QVBoxLayout* layout)
{
    m_forms = new QStackedWidget(this);
    m_forms->setObjectName(QStringLiteral("escalationForms"));
    m_forms->setAccessibleName(tr("Escalation form"));
    m_forms->addWidget(new QWidget(m_forms)); // page 0: no form

    auto addForm = [this](QWidget* form, QLayout* fields, const QString& submitText) {
        auto* box = new QVBoxLayout(form);
        box->setContentsMargins(0, 4, 0, 4);
        box->addLayout(fields);
        auto* row = new QHBoxLayout;
        row->addStretch();
        auto* cancel = new QPushButton(tr("Cancel"), form);
        cancel->setAccessibleName(tr("Cancel"));
        auto* submit = new QPushButton(submitText, form);
        submit->setAccessibleName(submitText);
        submit->setDefault(true);
        row->addWidget(cancel);
        row->addWidget(submit);
        box->addLayout(row);
        connect(cancel, &QPushButton::clicked, this, [this] { showForm(nullptr); });
        m_submit.insert(form, submit);
        m_forms->addWidget(form);
        return submit;
    };

    // Emergency (911): the steps in view while the fields are filled in.
    m_emergencyForm = new QWidget(m_forms);
    m_emergencyForm->setAccessibleName(tr("Emergency (911)"));
    auto* emergencyFields = new QVBoxLayout;
    auto* steps =
        new QLabel(tr("1. Keep the person talking; do not leave the conversation.\n"
                      "2. Ask where they are right now, and who is with them.\n"
                      "3. Tell your shift lead; they or you call 911 from the line's phone.\n"
                      "4. Give 911 the location and what is happening. Stay until help arrives."),
                   m_emergencyForm);
    steps->setWordWrap(true);
    steps->setAccessibleName(tr("Emergency steps"));
    emergencyFields->addWidget(steps);
    auto* form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    const std::pair<const char*, QString> lines[] = {
        {"location", tr("Location / address")},
        {"landmarks", tr("Cross streets, landmarks")},
        {"withThem", tr("Who is with them")},
    };
    for (const auto& [key, label] : lines) {
        auto* edit = new QLineEdit(m_emergencyForm);
        edit->setAccessibleName(label);
        form->addRow(label, edit);
        m_emergencyFields.insert(QString::fromLatin1(key), edit);
    }
    auto* happening = textBox(tr("What is happening"), 3, m_emergencyForm);
    form->addRow(tr("What is happening"), happening);
    m_emergencyFields.insert(QStringLiteral("happening"), happening);
    emergencyFields->addLayout(form);
    auto* recordEmergency = addForm(m_emergencyForm, emergencyFields, tr("Record"));
    connect(recordEmergency, &QPushButton::clicked, this, [this] {
        auto line = [this](const char* key) {
            return static_cast<QLineEdit*>(m_emergencyFields.value(QString::fromLatin1(key)))
                ->text()
                .left(300);
        };
        auto* happeningBox =
            static_cast<QPlainTextEdit*>(m_emergencyFields.value(QStringLiteral("happening")));
        m_session.recordEscalationStep(
            m_escalationId, QStringLiteral("emergency"),
            {{QStringLiteral("location"), line("location")},
             {QStringLiteral("landmarks"), line("landmarks")},
             {QStringLiteral("withThem"), line("withThem")},
             {QStringLiteral("happening"), happeningBox->toPlainText().left(1500)}});
        showForm(nullptr);
    });

    // Close the escalation.
    m_closeForm = new QWidget(m_forms);
    m_closeForm->setAccessibleName(tr("Close escalation"));
    auto* closeFields = new QFormLayout;
    closeFields->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_closeOutcome = new QComboBox(m_closeForm);
    m_closeOutcome->setAccessibleName(tr("Outcome"));
    for (const char* key : {"safety_plan", "warm_transfer", "emergency", "no_action"}) {
        m_closeOutcome->addItem(escalationActionText(QString::fromLatin1(key)),
                                QString::fromLatin1(key));
    }
    m_closeReason = textBox(tr("Reason"), 3, m_closeForm);
    m_closeReason->setPlaceholderText(tr("Required when nothing was done: why not?"));
    closeFields->addRow(tr("Outcome"), m_closeOutcome);
    closeFields->addRow(tr("Reason"), m_closeReason);
    auto* closeNow = addForm(m_closeForm, closeFields, tr("Close escalation"));
    connect(closeNow, &QPushButton::clicked, this, [this] {
        m_session.closeEscalation(m_escalationId, m_closeOutcome->currentData().toString(),
                                  m_closeReason->toPlainText().trimmed());
        showForm(nullptr);
    });

    m_forms->hide();
    layout->addWidget(m_forms);
}

void EscalationPanel::showForm(QWidget* form)
{
    if (!form) {
        m_forms->setCurrentIndex(0);
        m_forms->hide();
    } else {
        m_forms->setCurrentWidget(form);
        m_forms->show();
    }
    fitHeight();
    if (form) {
        // In a scrolled prompt, bring the form into view once laid out.
        QTimer::singleShot(0, this, [this, form] {
            layout()->activate();
            fitHeight();
            for (QWidget* p = parentWidget(); p; p = p->parentWidget()) {
                if (auto* area = qobject_cast<QScrollArea*>(p)) {
                    if (area->widget() && area->widget()->height() < minimumHeight()) {
                        area->widget()->resize(area->widget()->width(), minimumHeight());
                    }
                    area->ensureWidgetVisible(m_submit.value(form), 0, 8);
                    area->ensureWidgetVisible(form, 0, 0);
                    break;
                }
            }
        });
    }
}

void EscalationPanel::resizeEvent(QResizeEvent* event)
{
    QFrame::resizeEvent(event);
    fitHeight();
}

void EscalationPanel::fitHeight()
{
    if (!layout() || !layout()->hasHeightForWidth() || width() <= 0) {
        return;
    }
    const int need = layout()->totalHeightForWidth(width());
    if (need > 0 && need != minimumHeight()) {
        setMinimumHeight(need);
    }
}

QWidget* EscalationPanel::openForm() const
{
    return m_forms->isVisible() && m_forms->currentIndex() > 0 ? m_forms->currentWidget() : nullptr;
}

QPushButton* EscalationPanel::formSubmitButton() const
{
    return m_submit.value(openForm());
}

void EscalationPanel::askEmergency()
{
    showForm(m_emergencyForm);
    m_emergencyFields.value(QStringLiteral("location"))->setFocus();
}

void EscalationPanel::askClose()
{
    // The action already taken is the likely outcome.
    const auto open = m_session.openEscalation(m_session.currentContactId());
    QString likely;
    if (open) {
        for (const auto& step : open->steps) {
            if (step.kind == u"safety_plan") {
                likely = QStringLiteral("safety_plan");
            } else if (step.kind == u"transfer_started" || step.kind == u"texter_confirmed" ||
                       step.kind == u"transfer_done") {
                likely = QStringLiteral("warm_transfer");
            } else if (step.kind == u"emergency") {
                likely = QStringLiteral("emergency");
            }
        }
    }
    if (!likely.isEmpty()) {
        m_closeOutcome->setCurrentIndex(std::max(0, m_closeOutcome->findData(likely)));
    }
    showForm(m_closeForm);
    m_closeOutcome->setFocus();
}

} // namespace warmline::app
