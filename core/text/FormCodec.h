#pragma once

// application/x-www-form-urlencoded: the body of a carrier's webhook POST,
// the query string of a Kannel get-url, and the body of our outbound API
// requests. Pure functions; thread-safe.

#include "core/text/Text.h"

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace warmline {

/// Name/value pairs in the order they arrived; a name may repeat.
using FormFields = std::vector<std::pair<std::string, std::string>>;

/// A malformed form: a bad percent escape or too many fields. The message
/// never quotes the input, which may hold a caller's number or words.
class FormError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

inline constexpr std::size_t kDefaultMaxFormFields = 256;

/// Parses `a=1&b=2`. '+' is a space; a name without '=' has an empty value;
/// empty segments (`a=1&&b=2`) are skipped. Throws FormError on a bad %XX
/// escape or when there are more than `maxFields` fields.
FormFields parseForm(std::string_view body, std::size_t maxFields = kDefaultMaxFormFields);

/// The same format as a query string; a leading '?' is allowed.
FormFields parseQuery(std::string_view query, std::size_t maxFields = kDefaultMaxFormFields);

/// The query part of a request target (`/path?a=1#frag` → `a=1`), empty if none.
std::string_view queryOf(std::string_view target);

/// The value of the first field named `name`.
std::optional<std::string_view> formValue(const FormFields& fields, std::string_view name);

/// Decodes one component: %XX escapes and '+' as space. Throws FormError.
std::string percentDecode(std::string_view encoded);

/// Encodes one component for a form: ALPHA, DIGIT and `*-._` stay, a space
/// becomes '+', every other byte %XX.
std::string formEncode(std::string_view raw);

/// Encodes one URL component (RFC 3986): ALPHA, DIGIT and `-._~` stay,
/// every other byte, including space, becomes %XX.
std::string percentEncode(std::string_view raw);

/// `name=value&...` with formEncode applied to each part, in order.
std::string encodeForm(const FormFields& fields);

} // namespace warmline
