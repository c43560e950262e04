#pragma once

// Internal to app/shift/: what ShiftSession.cpp and
// ShiftSessionEscalation.cpp share. Not part of the folder's interface.

#include "app/link/LinkConnection.h"

namespace warmline::app::shift_detail {

/// True when the gateway answered that it does not know the command (an
/// older gateway): the session then does without what it would have brought.
bool unknownCommand(const LinkReply& r);

} // namespace warmline::app::shift_detail
