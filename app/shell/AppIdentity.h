#pragma once

// The organization and application names QSettings and QStandardPaths file
// the app's settings and data under. Set once, right after QApplication, by
// the program and by every test (which also turns on QStandardPaths test
// mode, so tests never touch the operator's real settings).

namespace warmline::app {

void setApplicationIdentity();

} // namespace warmline::app
