#pragma once

// The app's look for people who need it clearer: a focus outline that can
// be seen in any style (the desktop's own is often a faint 1-pixel line or
// nothing at all), and a high-contrast palette that Settings can switch on.
// GUI thread only.

#include <QPalette>
#include <QProxyStyle>

namespace warmline::app {

/// The desktop's style with a 2-pixel outline in the highlight colour around
/// whatever has the keyboard focus: buttons, fields, lists and tables,
/// combo boxes, check boxes, tabs, and the current cell of a table.
class FocusStyle : public QProxyStyle
{
    Q_OBJECT
public:
    using QProxyStyle::QProxyStyle;

    void drawPrimitive(PrimitiveElement element, const QStyleOption* option, QPainter* painter,
                       const QWidget* widget = nullptr) const override;
    void drawControl(ControlElement element, const QStyleOption* option, QPainter* painter,
                     const QWidget* widget = nullptr) const override;
    void drawComplexControl(ComplexControl control, const QStyleOptionComplex* option,
                            QPainter* painter, const QWidget* widget = nullptr) const override;
    int pixelMetric(PixelMetric metric, const QStyleOption* option = nullptr,
                    const QWidget* widget = nullptr) const override;
};

/// White on black with a yellow highlight and focus; every text colour at
/// least 7:1 against its background (WCAG AAA), disabled text 4.5:1.
QPalette highContrastPalette();

/// Installs FocusStyle over the current style and, with `highContrast`,
/// the high-contrast palette (otherwise the palette the app started with).
/// Call after QApplication exists; again whenever the setting changes.
void applyAccessibleLook(bool highContrast);

} // namespace warmline::app
