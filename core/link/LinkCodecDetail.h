#pragma once

// Internal to core/link/: the field readers LinkCodec.cpp and
// EscalationCodec.cpp share. Not part of the folder's interface.

#include "core/link/LinkCodec.h"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace warmline::link::detail {

/// Throws LinkError(BadRequest): Field "key" <what>.
[[noreturn]] void badField(std::string_view key, std::string_view what);

/// A required string field read as an enum by `parse`; throws
/// LinkError(BadRequest) when missing or of an unknown value.
template <typename E>
E enumField(const boost::json::object& o, std::string_view key,
            std::optional<E> (*parse)(std::string_view))
{
    const auto s = requireString(o, key, 64);
    const auto v = parse(s);
    if (!v) {
        badField(key, "has an unknown value");
    }
    return *v;
}

/// A string field's value; empty when absent or not a string.
std::string stringOr(const boost::json::object& o, std::string_view key);

} // namespace warmline::link::detail
