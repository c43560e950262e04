#include "app/widgets/Announcer.h"

#include <QAccessible>
#include <QAccessibleWidget>

namespace warmline::app {

namespace {

/// The Announcer as assistive technology sees it: a notification whose
/// name is the last sentence.
class AnnouncerAccessible : public QAccessibleWidget
{
public:
    explicit AnnouncerAccessible(Announcer* announcer)
        : QAccessibleWidget(announcer, QAccessible::Notification)
    {
    }

    QString text(QAccessible::Text t) const override
    {
        if (t == QAccessible::Name) {
            return static_cast<Announcer*>(widget())->sentence();
        }
        return QAccessibleWidget::text(t);
    }
};

QAccessibleInterface* announcerFactory(const QString& /*key*/, QObject* object)
{
    if (auto* announcer = qobject_cast<Announcer*>(object)) {
        return new AnnouncerAccessible(announcer);
    }
    return nullptr;
}

} // namespace

Announcer::Announcer(QWidget* parent) : QWidget(parent)
{
    static const bool installed = [] {
        QAccessible::installFactory(announcerFactory);
        return true;
    }();
    Q_UNUSED(installed);
    // Present (a hidden widget is not "showing") but out of the way, and
    // never in the tab order.
    setFixedSize(1, 1);
    setFocusPolicy(Qt::NoFocus);
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    connect(&m_settle, &QTimer::timeout, this, &Announcer::flush);
}

void Announcer::announce(const QString& sentence)
{
    m_pending.append(sentence);
    // Not restarted by later sentences: a steady stream still goes out.
    if (!m_settle.isActive()) {
        m_settle.start();
    }
}

void Announcer::flush()
{
    if (m_pending.isEmpty()) {
        return;
    }
    m_sentence = m_pending.join(QLatin1Char(' '));
    m_pending.clear();
    QAccessibleEvent named(this, QAccessible::NameChanged);
    QAccessible::updateAccessibility(&named);
    // Hidden and shown again: each sentence is one "showing" event, which
    // screen readers speak for a notification, focused or not.
    const bool wasVisible = isVisible();
    hide();
    if (wasVisible || (parentWidget() && parentWidget()->isVisible())) {
        show();
    }
    emit announced(m_sentence);
}

} // namespace warmline::app
