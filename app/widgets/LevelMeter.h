#pragma once

// A small horizontal audio level bar (0-100). Unlike QProgressBar it raises
// no accessibility event for every new value: a screen reader would speak
// or beep ten times a second. Its accessible description says only "sound"
// or "silent", and changes only when that does. GUI thread only.

#include <QWidget>

namespace warmline::app {

class LevelMeter : public QWidget
{
    Q_OBJECT
public:
    explicit LevelMeter(QWidget* parent = nullptr);

    void setValue(int percent);
    int value() const { return m_value; }
    QSize sizeHint() const override { return {90, 8}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    int m_value = 0;
    bool m_sound = false;
};

} // namespace warmline::app
