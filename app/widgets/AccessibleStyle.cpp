#include "app/widgets/AccessibleStyle.h"

#include "app/widgets/Theme.h"

#include <QAbstractScrollArea>
#include <QApplication>
#include <QPainter>
#include <QStyleOption>
#include <algorithm>

namespace warmline::app {

namespace {

QColor focusColor(const QPalette& palette)
{
    const QColor highlight = palette.color(QPalette::Highlight);
    // On a light window the usual highlight blue is too faint for a 2-pixel
    // line (under 3:1); darker, it passes.
    return isDarkPalette(palette) ? highlight : highlight.darker(140);
}

void drawOutline(QPainter* painter, const QRect& rect, const QPalette& palette)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    QPen pen(focusColor(palette), 2);
    pen.setJoinStyle(Qt::MiterJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(rect.adjusted(1, 1, -1, -1));
    painter->restore();
}

/// Set by applyAccessibleLook(): with a black window, the desktop style's
/// edges (a shade darker than the window) vanish, so they are drawn again.
bool s_highContrast = false;

void drawEdge(QPainter* painter, const QRect& rect, const QPalette& palette, bool round)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, round);
    painter->setPen(QPen(palette.color(QPalette::Mid), 1));
    painter->setBrush(Qt::NoBrush);
    const QRect r = rect.adjusted(0, 0, -1, -1);
    if (round) {
        painter->drawEllipse(r);
    } else {
        painter->drawRect(r);
    }
    painter->restore();
}

bool focused(const QStyleOption* option, const QWidget* widget)
{
    return (option->state & QStyle::State_HasFocus) || (widget && widget->hasFocus());
}

} // namespace

void FocusStyle::drawPrimitive(PrimitiveElement element, const QStyleOption* option,
                               QPainter* painter, const QWidget* widget) const
{
    if (element == PE_FrameFocusRect) {
        drawOutline(painter, option->rect, option->palette);
        return;
    }
    QProxyStyle::drawPrimitive(element, option, painter, widget);
    if (element == PE_FrameLineEdit && focused(option, widget)) {
        drawOutline(painter, option->rect, option->palette);
    } else if (s_highContrast &&
               (element == PE_FrameLineEdit || element == PE_IndicatorCheckBox ||
                element == PE_IndicatorItemViewItemCheck || element == PE_IndicatorRadioButton)) {
        drawEdge(painter, option->rect, option->palette, element == PE_IndicatorRadioButton);
    }
}

void FocusStyle::drawControl(ControlElement element, const QStyleOption* option, QPainter* painter,
                             const QWidget* widget) const
{
    // A column title wider than its column (large text) ends in "…" rather
    // than being cut off mid-letter.
    if (const auto* header = qstyleoption_cast<const QStyleOptionHeader*>(option);
        header && element == CE_HeaderLabel) {
        QStyleOptionHeader elided(*header);
        elided.text = header->fontMetrics.elidedText(header->text, Qt::ElideRight,
                                                     std::max(0, header->rect.width() - 4));
        QProxyStyle::drawControl(element, &elided, painter, widget);
        return;
    }
    QProxyStyle::drawControl(element, option, painter, widget);
    const bool framed =
        element == CE_PushButtonBevel ||
        (element == CE_ShapedFrame && qobject_cast<const QAbstractScrollArea*>(widget));
    if (framed && focused(option, widget)) {
        drawOutline(painter, option->rect, option->palette);
    } else if (framed && s_highContrast) {
        drawEdge(painter, option->rect, option->palette, false);
    }
}

void FocusStyle::drawComplexControl(ComplexControl control, const QStyleOptionComplex* option,
                                    QPainter* painter, const QWidget* widget) const
{
    QProxyStyle::drawComplexControl(control, option, painter, widget);
    const bool outlined =
        control == CC_ComboBox || control == CC_ToolButton || control == CC_SpinBox;
    if (outlined && focused(option, widget)) {
        drawOutline(painter, option->rect, option->palette);
    } else if (outlined && s_highContrast && control != CC_ToolButton) {
        drawEdge(painter, option->rect, option->palette, false);
    }
}

int FocusStyle::pixelMetric(PixelMetric metric, const QStyleOption* option,
                            const QWidget* widget) const
{
    const int base = QProxyStyle::pixelMetric(metric, option, widget);
    // Room for the whole 2-pixel outline around a list or a text box, so
    // the view inside does not paint over half of it.
    if (metric == PM_DefaultFrameWidth) {
        return std::max(base, 2);
    }
    // Check boxes and radio buttons grow with the text (the style's are a
    // fixed 14 pixels, a speck beside 200 % text).
    if (metric == PM_IndicatorWidth || metric == PM_IndicatorHeight ||
        metric == PM_ExclusiveIndicatorWidth || metric == PM_ExclusiveIndicatorHeight) {
        const QFontMetrics fm(widget ? widget->font() : QApplication::font());
        return std::max(base, fm.height() * 3 / 4);
    }
    return base;
}

QPalette highContrastPalette()
{
    const QColor black(0x00, 0x00, 0x00);
    const QColor white(0xFF, 0xFF, 0xFF);
    const QColor yellow(0xFF, 0xFF, 0x00);
    const QColor grey(0x9E, 0x9E, 0x9E); // 7.6:1 on black
    QPalette p;
    for (const auto group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        const bool disabled = group == QPalette::Disabled;
        const QColor text = disabled ? grey : white;
        p.setColor(group, QPalette::Window, black);
        p.setColor(group, QPalette::WindowText, text);
        p.setColor(group, QPalette::Base, black);
        p.setColor(group, QPalette::AlternateBase, QColor(0x1C, 0x1C, 0x1C));
        p.setColor(group, QPalette::Text, text);
        p.setColor(group, QPalette::PlaceholderText, grey);
        p.setColor(group, QPalette::Button, black);
        p.setColor(group, QPalette::ButtonText, text);
        p.setColor(group, QPalette::BrightText, yellow);
        p.setColor(group, QPalette::Highlight, disabled ? grey : yellow);
        p.setColor(group, QPalette::HighlightedText, black);
        p.setColor(group, QPalette::ToolTipBase, black);
        p.setColor(group, QPalette::ToolTipText, white);
        p.setColor(group, QPalette::Link, QColor(0x00, 0xFF, 0xFF));
        p.setColor(group, QPalette::LinkVisited, QColor(0xFF, 0x80, 0xFF));
        // Bevels and frames: white lines, so every control's edge shows.
        p.setColor(group, QPalette::Light, white);
        p.setColor(group, QPalette::Midlight, grey);
        p.setColor(group, QPalette::Mid, grey);
        p.setColor(group, QPalette::Dark, white);
        p.setColor(group, QPalette::Shadow, white);
    }
    return p;
}

void applyAccessibleLook(bool highContrast)
{
    if (!qobject_cast<FocusStyle*>(QApplication::style())) {
        QApplication::setStyle(new FocusStyle);
    }
    // The palette the app started with (the desktop's), kept for switching back.
    static const QPalette original = QApplication::palette();
    s_highContrast = highContrast;
    QApplication::setPalette(highContrast ? highContrastPalette() : original);
}

} // namespace warmline::app
