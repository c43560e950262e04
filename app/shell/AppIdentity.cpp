#include "app/shell/AppIdentity.h"

#include <QApplication>

namespace warmline::app {

void setApplicationIdentity()
{
    QApplication::setOrganizationName(QStringLiteral("Warmline"));
    QApplication::setApplicationName(QStringLiteral("warmline"));
    QApplication::setApplicationDisplayName(QStringLiteral("Warmline"));
}

} // namespace warmline::app
