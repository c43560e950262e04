#pragma once

// Small helpers that keep the app following the palette and font it is
// given (dark palettes, large fonts), also when they change at run time.
// GUI thread only.

#include <QApplication>
#include <QColor>
#include <QFont>
#include <QPalette>
#include <QVariant>
#include <QWidget>

namespace warmline::app {

/// True when the palette's window is dark (a dark theme).
inline bool isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

enum class Tone
{
    Good,
    Warning,
    Trouble
};

/// A status colour with enough contrast on the palette's window and base.
inline QColor toneColor(const QPalette& palette, Tone tone)
{
    const bool dark = isDarkPalette(palette);
    switch (tone) {
    case Tone::Good:
        return dark ? QColor(0x81, 0xC7, 0x84) : QColor(0x2E, 0x7D, 0x32);
    case Tone::Warning:
        return dark ? QColor(0xFF, 0xB7, 0x4D) : QColor(0xB2, 0x6B, 0x00);
    case Tone::Trouble:
        break;
    }
    return dark ? QColor(0xEF, 0x9A, 0x9A) : QColor(0xC6, 0x28, 0x28);
}

/// Applies the font remembered by setRelativeFont(): the parent's font
/// scaled, so it follows later font changes (see rescaleFonts()).
inline void applyRelativeFont(QWidget* widget)
{
    const QVariant scale = widget->property("warmlineFontScale");
    if (!scale.isValid()) {
        return;
    }
    QFont f = widget->parentWidget() ? widget->parentWidget()->font() : QApplication::font();
    if (f.pointSizeF() > 0) {
        f.setPointSizeF(f.pointSizeF() * scale.toReal());
    } else if (f.pixelSize() > 0) {
        f.setPixelSize(qRound(f.pixelSize() * scale.toReal()));
    }
    f.setBold(widget->property("warmlineFontBold").toBool());
    widget->setFont(f);
}

/// The widget's font is its parent's times `scale`, bold or not.
inline void setRelativeFont(QWidget* widget, qreal scale, bool bold)
{
    widget->setProperty("warmlineFontScale", scale);
    widget->setProperty("warmlineFontBold", bold);
    applyRelativeFont(widget);
}

/// Re-applies relative fonts below `root` (call on QEvent::FontChange).
inline void rescaleFonts(QWidget* root)
{
    const auto children = root->findChildren<QWidget*>();
    for (auto* w : children) {
        applyRelativeFont(w);
    }
}

} // namespace warmline::app
