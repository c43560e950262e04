#include "app/widgets/LevelMeter.h"

#include <QPainter>
#include <QPalette>

#include <algorithm>

namespace warmline::app {

namespace {

/// Below this a line is taken as silent (about -51 dBm0 on the call bar's scale).
constexpr int kSoundFrom = 15;

} // namespace

LevelMeter::LevelMeter(QWidget* parent) : QWidget(parent)
{
    setFixedSize(sizeHint());
    setAccessibleDescription(tr("silent"));
}

void LevelMeter::setValue(int percent)
{
    percent = std::clamp(percent, 0, 100);
    if (percent == m_value) {
        return;
    }
    m_value = percent;
    if (const bool sound = percent >= kSoundFrom; sound != m_sound) {
        m_sound = sound;
        setAccessibleDescription(sound ? tr("sound") : tr("silent"));
    }
    update();
}

void LevelMeter::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const QRect frame = rect().adjusted(0, 0, -1, -1);
    p.setPen(palette().color(QPalette::Mid));
    p.setBrush(palette().color(QPalette::Base));
    p.drawRect(frame);
    const int width = (frame.width() - 1) * m_value / 100;
    if (width > 0) {
        p.fillRect(QRect(frame.left() + 1, frame.top() + 1, width, frame.height() - 1),
                   palette().color(QPalette::Highlight));
    }
}

} // namespace warmline::app
