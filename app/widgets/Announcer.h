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
// status bar. GUI thread only.

#include <QWidget>

namespace warmline::app {

class Announcer : public QWidget
{
    Q_OBJECT
public:
    explicit Announcer(QWidget* parent);

    /// Tells assistive technology `sentence` (not translated here: pass a
    /// tr() string). Repeating a sentence announces it again.
    void announce(const QString& sentence);
    /// The last sentence announced.
    QString sentence() const { return m_sentence; }

private:
    QString m_sentence;
};

} // namespace warmline::app
