#pragma once

// What Supervision's files share: the definitions of its store jobs
// (Supervision::write and read) and the checks of parameters that more than
// one of its commands reads. Private to Supervision.cpp and
// SupervisionAdmin.cpp.

#include "telephony/gateway/Supervision.h"

#include "core/store/Repository.h"
#include "telephony/gateway/StoreCall.h"

#include <boost/json/serialize.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace warmline::telephony {

template <typename F, typename D> void Supervision::write(F&& fn, D&& done)
{
    runOnStore(m_ex, m_alive, m_writer, std::forward<F>(fn), std::forward<D>(done));
}

template <typename F, typename D> void Supervision::read(F&& fn, D&& done)
{
    runOnStore(m_ex, m_alive, m_reader, std::forward<F>(fn), std::forward<D>(done));
}

namespace supervision {

/// An optional true or false; BadRequest for anything else.
inline std::optional<bool> optionalBool(const boost::json::object& params, std::string_view key)
{
    const auto* v = params.if_contains(key);
    if (!v || v->is_null()) {
        return std::nullopt;
    }
    if (!v->is_bool()) {
        throw link::LinkError(link::ErrorCode::BadRequest,
                              "Field \"" + std::string(key) + "\" must be true or false.");
    }
    return v->get_bool();
}

/// An audit row's detail.
inline std::string detailJson(boost::json::object o)
{
    return boost::json::serialize(o);
}

} // namespace supervision
} // namespace warmline::telephony
