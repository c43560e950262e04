#include "app/shift/WrapUpDialog.h"

#include "app/widgets/Theme.h"

#include <algorithm>

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace warmline::app {

namespace {

QListWidget* checkList(const QStringList& items, const QString& accessibleName, QWidget* parent)
{
    auto* list = new QListWidget(parent);
    list->setAccessibleName(accessibleName);
    for (const auto& item : items) {
        // What is stored stays as given (the line's words, or the built-in
        // English ones); the built-in ones are shown translated.
        auto* it = new QListWidgetItem(
            QCoreApplication::translate("warmline::app::WrapUpLists", item.toUtf8().constData()),
            list);
        it->setData(Qt::UserRole, item);
        it->setFlags(it->flags() | Qt::ItemIsUserCheckable);
        it->setCheckState(Qt::Unchecked);
    }
    // Every item readable at once where it fits: up to ten rows.
    const int rows = std::min<int>(static_cast<int>(items.size()), 10);
    list->setMinimumHeight(list->sizeHintForRow(0) * std::max(rows, 6) + 2 * list->frameWidth());
    return list;
}

void check(QListWidget* list, const QStringList& wanted)
{
    for (int i = 0; i < list->count(); ++i) {
        for (const auto& w : wanted) {
            if (list->item(i)->data(Qt::UserRole).toString().compare(w, Qt::CaseInsensitive) == 0) {
                list->item(i)->setCheckState(Qt::Checked);
            }
        }
    }
}

QStringList checked(const QListWidget* list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->checkState() == Qt::Checked) {
            out << list->item(i)->data(Qt::UserRole).toString();
        }
    }
    return out;
}

} // namespace

WrapUpDialog::WrapUpDialog(const QString& callerAlias, const QStringList& topics,
                           const QStringList& referrals, const QString& noteDraft, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Wrap up — %1").arg(callerAlias));
    setAccessibleName(tr("Wrap up"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    layout->setSpacing(12);

    auto* intro = new QLabel(
        tr("Write what happened and what was agreed. The note is kept for the line; it is "
           "needed before the contact can close."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_note = new QPlainTextEdit(this);
    m_note->setAccessibleName(tr("Wrap-up note"));
    m_note->setPlaceholderText(tr("What did you talk about? How did it end?"));
    m_note->setPlainText(noteDraft);
    m_note->setTabChangesFocus(true);
    auto* noteLabel = new QLabel(tr("&Note (required)"), this);
    noteLabel->setBuddy(m_note);
    layout->addWidget(noteLabel);
    layout->addWidget(m_note, 2);

    auto* lists = new QHBoxLayout;
    auto* topicsBox = new QVBoxLayout;
    m_topics = checkList(topics, tr("Topics"), this);
    auto* topicsLabel = new QLabel(tr("&Topics"), this);
    topicsLabel->setBuddy(m_topics);
    topicsBox->addWidget(topicsLabel);
    topicsBox->addWidget(m_topics);
    auto* referralsBox = new QVBoxLayout;
    m_referrals = checkList(referrals, tr("Referrals given"), this);
    auto* referralsLabel = new QLabel(tr("&Referrals given"), this);
    referralsLabel->setBuddy(m_referrals);
    referralsBox->addWidget(referralsLabel);
    referralsBox->addWidget(m_referrals);
    lists->addLayout(topicsBox);
    lists->addLayout(referralsBox);
    layout->addLayout(lists, 1);

    auto* form = new QFormLayout;
    m_outcome = new QComboBox(this);
    m_outcome->setAccessibleName(tr("Outcome"));
    m_outcome->addItem(tr("Choose…"), QString());
    m_outcome->addItem(tr("Supported"), QStringLiteral("supported"));
    m_outcome->addItem(tr("Referred"), QStringLiteral("referred"));
    m_outcome->addItem(tr("Escalated to crisis support"), QStringLiteral("escalated"));
    m_outcome->addItem(tr("Disconnected"), QStringLiteral("disconnected"));
    m_outcome->addItem(tr("Inappropriate use"), QStringLiteral("inappropriate"));
    m_helped = new QComboBox(this);
    m_helped->setAccessibleName(tr("Did it help"));
    m_helped->addItem(tr("Choose…"), QString());
    m_helped->addItem(tr("Yes"), QStringLiteral("yes"));
    m_helped->addItem(tr("Somewhat"), QStringLiteral("somewhat"));
    m_helped->addItem(tr("No"), QStringLiteral("no"));
    m_helped->addItem(tr("Not sure"), QStringLiteral("unsure"));
    form->addRow(tr("&Outcome (required):"), m_outcome);
    form->addRow(tr("Did it &help? (required):"), m_helped);
    layout->addLayout(form);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    // The palette's trouble tone: on black (high contrast) the fixed red had 3.7:1.
    m_error->setStyleSheet(
        QStringLiteral("color: %1;").arg(toneColor(palette(), Tone::Trouble).name()));
    m_error->setAccessibleName(tr("Wrap-up problem"));
    m_error->hide();
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(this);
    m_close = buttons->addButton(tr("Close contact"), QDialogButtonBox::AcceptRole);
    m_close->setAccessibleName(tr("Close contact"));
    m_close->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_close->setToolTip(tr("Close the contact and save the note (Ctrl+Enter)"));
    auto* back = buttons->addButton(tr("Back to conversation"), QDialogButtonBox::RejectRole);
    back->setAccessibleName(tr("Back to conversation"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_close->isEnabled()) {
            setBusy(true);
            emit submitted(wrapUp());
        }
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_note, &QPlainTextEdit::textChanged, this, [this] {
        updateValidity();
        emit noteEdited(m_note->toPlainText());
    });
    connect(m_outcome, &QComboBox::currentIndexChanged, this, &WrapUpDialog::updateValidity);
    connect(m_helped, &QComboBox::currentIndexChanged, this, &WrapUpDialog::updateValidity);
    updateValidity();
    resize(620, 560);
}

WrapUp WrapUpDialog::wrapUp() const
{
    return {m_note->toPlainText().trimmed(), checked(m_topics), checked(m_referrals),
            m_outcome->currentData().toString(), m_helped->currentData().toString()};
}

void WrapUpDialog::showError(const QString& sentence)
{
    setBusy(false);
    m_error->setText(sentence);
    m_error->show();
}

void WrapUpDialog::setBusy(bool busy)
{
    m_close->setText(busy ? tr("Closing…") : tr("Close contact"));
    if (busy) {
        m_close->setEnabled(false);
    } else {
        updateValidity();
    }
}

void WrapUpDialog::preset(const QString& outcome, const QStringList& topics,
                          const QStringList& referrals)
{
    check(m_topics, topics);
    check(m_referrals, referrals);
    if (!outcome.isEmpty() && m_outcome->currentData().toString().isEmpty()) {
        m_outcome->setCurrentIndex(std::max(0, m_outcome->findData(outcome)));
    }
    updateValidity();
}

void WrapUpDialog::updateValidity()
{
    const WrapUp w = wrapUp();
    m_close->setEnabled(!w.note.isEmpty() && !w.outcome.isEmpty() && !w.helped.isEmpty());
}

} // namespace warmline::app
