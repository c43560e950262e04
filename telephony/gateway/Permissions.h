#pragma once

// Who may do what on the operator link, beyond the role predicates of
// core/domain (mayHoldContacts, mayAdminister, mayReview...): the ones only
// the gateway's commands and events use. Plain functions of a role.

#include "core/domain/Domain.h"

namespace warmline::telephony {

/// Who reads the shift board: leads, supervisors (read only) and admins.
inline bool mayReadBoard(Role r)
{
    return r == Role::Lead || r == Role::Supervisor || r == Role::Admin;
}

/// Who acts on the board (assign, take back, break, messages, after-hours,
/// acknowledging alerts): leads and admins.
inline bool mayLeadShift(Role r)
{
    return r == Role::Lead || r == Role::Admin;
}

/// Anyone but a plain operator: who lists the accounts and reads the
/// line's settings.
inline bool overseesOperators(Role r)
{
    return r != Role::Operator;
}

} // namespace warmline::telephony
