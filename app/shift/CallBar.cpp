#include "app/shift/CallBar.h"

#include "app/phone/Softphone.h"
#include "app/shift/InterpreterButton.h"
#include "app/shift/ShiftSession.h"
#include "app/widgets/LevelMeter.h"

#include <QApplication>
#include <QCheckBox>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace warmline::app {

namespace {

QString clock(qint64 seconds)
{
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

CallBar::CallBar(ShiftSession& session, QWidget* parent) : QFrame(parent), m_session(session)
{
    setObjectName(QStringLiteral("callBar"));
    setAccessibleName(tr("Call"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    m_state = new QLabel(this);
    m_state->setAccessibleName(tr("Call state"));
    m_timer = new QLabel(this);
    m_timer->setAccessibleName(tr("Call time"));
    m_answer = new QPushButton(tr("&Answer"), this);
    m_answer->setObjectName(QStringLiteral("answerButton"));
    m_answer->setAccessibleName(tr("Answer the call"));
    m_answer->setToolTip(tr("Your softphone is ringing: answer it (Alt+A)"));
    m_answer->hide();
    m_mute = new QPushButton(tr("&Mute"), this);
    m_mute->setCheckable(true);
    m_mute->setAccessibleName(tr("Mute my microphone"));
    m_hold = new QPushButton(tr("&Hold"), this);
    m_hold->setCheckable(true);
    m_hold->setAccessibleName(tr("Put the caller on hold"));
    m_hangUp = new QPushButton(tr("Hang &up"), this);
    m_hangUp->setAccessibleName(tr("Hang up and start wrap-up"));
    m_survey = new QCheckBox(tr("Surve&y"), this);
    m_survey->setAccessibleName(tr("Ask the caller the survey when I hang up"));
    m_survey->setToolTip(tr("When you hang up, the caller hears one question on their keypad "
                            "(did talking with us help?); never after an escalation."));
    // Two level meters (the softphone's measure, about ten times a second):
    // is my microphone picked up, and is the caller heard?
    m_meters = new QWidget(this);
    auto* meters = new QFormLayout(m_meters);
    meters->setContentsMargins(0, 0, 0, 0);
    meters->setVerticalSpacing(2);
    auto meter = [this](const QString& name) {
        auto* bar = new LevelMeter(m_meters);
        bar->setAccessibleName(name);
        return bar;
    };
    m_micMeter = meter(tr("My microphone level"));
    m_heardMeter = meter(tr("Caller's level"));
    meters->addRow(tr("Me"), m_micMeter);
    m_meterRows = meters;
    meters->addRow(tr("Caller"), m_heardMeter);
    m_meters->hide();
    layout->addWidget(m_state);
    layout->addWidget(m_timer);
    layout->addWidget(m_meters);
    layout->addStretch();
    layout->addWidget(m_answer);
    layout->addWidget(m_mute);
    layout->addWidget(m_hold);
    m_interpreter = new InterpreterButton(m_session, this);
    layout->addWidget(m_interpreter);
    layout->addWidget(m_survey);
    layout->addWidget(m_hangUp);
    connect(m_interpreter, &InterpreterButton::stateChanged, this, &CallBar::refresh);
    m_clock = new QTimer(this);
    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, &CallBar::tick);

    connect(m_answer, &QPushButton::clicked, this, [this] {
        if (auto* phone = m_session.softphone()) {
            phone->answer();
        }
    });
    connect(m_mute, &QPushButton::toggled, this, [this](bool on) {
        if (auto* phone = m_session.softphone()) {
            phone->setMuted(on);
        }
    });
    connect(m_hold, &QPushButton::clicked, this, [this](bool on) {
        m_hold->setChecked(m_held); // follows the gateway's answer
        m_session.holdCall(on);
    });
    connect(m_hangUp, &QPushButton::clicked, this, [this] {
        // The gateway ends both legs (the softphone gets its BYE); without
        // the link, the softphone hangs up by itself at least.
        if (m_session.link().state() != LinkConnection::State::Online) {
            if (auto* phone = m_session.softphone()) {
                phone->hangUp();
            }
        }
        m_session.startWrapUp(m_survey->isChecked());
    });
    connect(&m_session, &ShiftSession::callHoldChanged, this, [this](bool on) {
        m_held = on;
        refresh();
    });
    connect(&m_session, &ShiftSession::currentContactChanged, this, [this] {
        m_held = false;
        m_survey->setChecked(false); // asked afresh for each call
        refresh();
    });
    connect(&m_session, &ShiftSession::callerChanged, this, &CallBar::refresh);
    if (auto* phone = m_session.softphone()) {
        connect(phone, &Softphone::stateChanged, this, [this](Softphone::CallState s) {
            if (s == Softphone::CallState::Incoming && window()) {
                QApplication::alert(window()); // the taskbar flashes as it rings
            }
            refresh();
        });
        connect(phone, &Softphone::mutedChanged, this, &CallBar::refresh);
        connect(phone, &Softphone::levelsChanged, this, &CallBar::showLevels);
    }
    refresh();
}

QString CallBar::stateText() const
{
    const auto* phone = m_session.softphone();
    const auto* c = m_session.currentContact();
    if (c && c->state != ContactState::Active) {
        return tr("Call ended");
    }
    if (m_held) {
        return tr("On hold: the caller hears hold music");
    }
    if (const QString interpreter = m_interpreter ? m_interpreter->stateText() : QString();
        !interpreter.isEmpty()) {
        return interpreter;
    }
    if (!phone || !phone->running()) {
        return tr("On your desk phone");
    }
    switch (phone->state()) {
    case Softphone::CallState::Ringing:
        return tr("Ringing…");
    case Softphone::CallState::Incoming:
        return tr("Your softphone is ringing: press Answer");
    case Softphone::CallState::Connected:
        return tr("Connected");
    case Softphone::CallState::Held:
        return tr("On hold: the caller hears hold music");
    case Softphone::CallState::Ended:
        return tr("Call ended");
    case Softphone::CallState::Idle:
        break;
    }
    return tr("Connecting…");
}

QString CallBar::timerText() const
{
    const qint64 id = m_session.currentContactId();
    const qint64 since = m_session.heldSince(id);
    const qint64 seconds = since > 0 ? (QDateTime::currentMSecsSinceEpoch() - since) / 1000 : 0;
    int limit = m_session.lineInfo().minutesPerCall;
    if (const auto& caller = m_session.caller(); caller && caller->minutesPerCall > 0) {
        limit = caller->minutesPerCall;
    }
    if (limit <= 0) {
        return clock(seconds);
    }
    const qint64 left = qint64(limit) * 60 - seconds;
    return left >= 0 ? tr("%1 of %2").arg(clock(seconds), clock(qint64(limit) * 60))
                     : tr("%1, %2 over the time limit").arg(clock(seconds), clock(-left));
}

int CallBar::meterPercent(double dbm0)
{
    return std::clamp(static_cast<int>(std::lround((dbm0 + 60.0) * 100.0 / 60.0)), 0, 100);
}

void CallBar::showLevels()
{
    const auto* phone = m_session.softphone();
    if (!phone) {
        return;
    }
    // Muted or on hold, nothing leaves the microphone: the meter says so.
    const bool quiet = phone->muted() || phone->state() == Softphone::CallState::Held;
    m_micMeter->setValue(quiet ? 0 : meterPercent(phone->micLevel()));
    m_heardMeter->setValue(meterPercent(phone->heardLevel()));
}

void CallBar::tick()
{
    m_timer->setText(timerText());
}

void CallBar::refresh()
{
    const auto* c = m_session.currentContact();
    const bool isCall = c && c->channel == Channel::Call;
    setVisible(isCall);
    if (!isCall) {
        m_clock->stop();
        return;
    }
    const bool live = c->state == ContactState::Active;
    const auto* phone = m_session.softphone();
    const bool mine = phone && phone->running();
    const bool ringing = live && mine && phone->state() == Softphone::CallState::Incoming;
    m_answer->setVisible(ringing);
    const bool audio = live && mine &&
                       (phone->state() == Softphone::CallState::Connected ||
                        phone->state() == Softphone::CallState::Held);
    m_meters->setVisible(audio);
    if (audio) {
        // liblinphone measures no microphone while it plays a file.
        m_meterRows->setRowVisible(m_micMeter, !phone->usingFiles());
        showLevels();
    }
    m_answer->setEnabled(ringing);
    // While it rings, Answer is the one thing to do: Hang up would drop a
    // caller who has not heard anyone yet (Release to queue gives it back).
    const bool talking = live && !ringing;
    m_mute->setEnabled(talking && mine);
    m_hold->setEnabled(talking);
    m_hangUp->setEnabled(talking);
    m_survey->setEnabled(talking);
    m_interpreter->refresh(talking);
    {
        const QSignalBlocker block(m_mute);
        m_mute->setChecked(mine && phone->muted());
    }
    m_hold->setChecked(m_held);
    m_hold->setText(m_held ? tr("Resume") : tr("&Hold"));
    m_state->setText(stateText());
    m_timer->setText(timerText());
    if (live) {
        m_clock->start();
    } else {
        m_clock->stop();
    }
}

} // namespace warmline::app
