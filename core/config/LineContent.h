#pragma once

// The line's own content for operators: quick replies, and the topics and
// referrals a wrap-up may name. Read from a JSON file (docs/line-content.md)
// at start-up; parsing is pure so a bad file can be reported precisely.

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace warmline {

inline constexpr int kLineContentVersion = 1;

struct QuickReply
{
    std::string title;
    std::string text;
    bool operator==(const QuickReply&) const = default;
};

/// A crisis line an operator can warm-transfer to (docs/escalation.md).
struct CrisisLine
{
    std::string id;           ///< short key used on the link, e.g. "988"
    std::string name;         ///< shown to operators
    std::string description;  ///< when to use it, one sentence
    std::string callAddress;  ///< SIP URI or number dialled through the trunk; empty = none
    std::string textTemplate; ///< sent to a texter; empty = not for texts
    bool emergency = false;   ///< emergency services (911): guidance, location fields
    /// Sent instead of textTemplate to a caller whose language is Spanish;
    /// empty = textTemplate for everyone.
    std::string textTemplateEs;
    bool operator==(const CrisisLine&) const = default;
};

/// An interpreter service an operator can conference into a call
/// (docs/languages.md): a telephone interpreting service the line has an
/// account with.
struct InterpreterService
{
    std::string id;                     ///< short key used on the link
    std::string name;                   ///< shown to operators
    std::string callAddress;            ///< SIP URI or number dialled through the trunk
    std::vector<std::string> languages; ///< offered in the operator's menu; may be empty
    bool operator==(const InterpreterService&) const = default;
};

/// The crisis lines used when a content file names none: 988, Crisis Text
/// Line and 911 (United States).
std::vector<CrisisLine> defaultCrisisLines();

struct LineContent
{
    std::vector<QuickReply> quickReplies;
    std::vector<std::string> topics;
    std::vector<std::string> referrals;
    std::vector<CrisisLine> crisisLines = defaultCrisisLines();
    std::vector<InterpreterService> interpreters; ///< none unless the file names some
    bool operator==(const LineContent&) const = default;
};

/// A content file that cannot be used. what() names the file, where the
/// problem is and what it is: `line-content.json: topics[3]: an empty label`.
class LineContentError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Parses and checks the text of a content file; `fileName` prefixes every
/// error. Throws LineContentError.
LineContent parseLineContent(std::string_view text, std::string_view fileName);

/// Reads and parses a content file. Throws LineContentError, also when unreadable.
LineContent loadLineContent(const std::filesystem::path& path);

} // namespace warmline
