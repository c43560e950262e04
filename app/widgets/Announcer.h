#pragma once

// Says a short sentence to screen readers without moving the keyboard
// focus: a new contact in the queue, a crisis prompt, a lost connection.
// Qt 6.4 has no announcement event (QAccessibleAnnouncementEvent is 6.8),
// and its AT-SPI bridge drops QAccessible::Alert. What the bridge does send,
// and what Orca speaks from a window that does not have the focus, is an
// object with the notification role becoming visible
// (object:state-changed:showing). The Announcer is such an object: a
// one-pixel widget in the window whose accessible name is the sentence,
// shown again for each one. Sighted operators read the same sentence in the
// status bar.
//
// Each sentence goes out a moment after it is asked for (kSettle): what
// prompts an announcement (a contact opening, the crisis prompt appearing)
// also sends a burst of other events, and Orca drops "showing" events that
// arrive in such a burst (its flood pruning keeps only the focused
// object's). Sentences asked for within that moment go out together.
// GUI thread only.

#include <QStringList>
#include <QTimer>
#include <QWidget>

namespace warmline::app {

class Announcer : public QWidget
{
    Q_OBJECT
public:
    explicit Announcer(QWidget* parent);

    static constexpr int kSettleMs = 400;

    /// Tells assistive technology `sentence` (not translated here: pass a
    /// tr() string) kSettleMs from now. Repeating a sentence announces it
    /// again.
    void announce(const QString& sentence);
    /// What was last announced (sentences sent together, joined).
    QString sentence() const { return m_sentence; }

signals:
    /// The sentence went out to assistive technology (for tests).
    void announced(const QString& sentence);

private:
    void flush();

    QString m_sentence;
    QStringList m_pending;
    QTimer m_settle;
};

} // namespace warmline::app
