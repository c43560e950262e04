#include "core/config/LineContent.h"

#include "core/text/FormCodec.h"

#include <boost/json/stream_parser.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace json = boost::json;

namespace warmline {

namespace {

// Quick replies are sent as texts: the same bound as message.send.
constexpr std::size_t kMaxReplyBytes = 1600;
constexpr std::size_t kMaxTitleBytes = 64;
constexpr std::size_t kMaxLabelBytes = 64;
constexpr std::size_t kMaxItems = 200;

class Checker
{
public:
    explicit Checker(std::string_view fileName) : m_file(fileName) {}

    [[noreturn]] void fail(std::string_view where, std::string_view problem) const
    {
        if (where.empty()) {
            throw LineContentError(fmt::format("{}: {}", m_file, problem));
        }
        throw LineContentError(fmt::format("{}: {}: {}", m_file, where, problem));
    }

    const json::array& array(const json::object& o, std::string_view key) const
    {
        const auto* v = o.if_contains(key);
        if (!v) {
            fail(key, "is missing (an array is required)");
        }
        if (!v->is_array()) {
            fail(key, "must be an array");
        }
        if (v->get_array().size() > kMaxItems) {
            fail(key, fmt::format("has more than {} entries", kMaxItems));
        }
        return v->get_array();
    }

    std::string text(const json::value& v, const std::string& where, std::size_t maxBytes) const
    {
        if (!v.is_string()) {
            fail(where, "must be a string");
        }
        std::string s(v.get_string());
        if (!isValidUtf8(s)) {
            fail(where, "is not valid UTF-8");
        }
        if (s.find_first_not_of(" \t\r\n") == std::string::npos) {
            fail(where, "is empty");
        }
        if (s.size() > maxBytes) {
            fail(where, fmt::format("is longer than {} bytes", maxBytes));
        }
        return s;
    }

    std::vector<std::string> labels(const json::object& o, std::string_view key) const
    {
        std::vector<std::string> out;
        std::set<std::string> seen;
        const auto& a = array(o, key);
        for (std::size_t i = 0; i < a.size(); ++i) {
            const std::string where = fmt::format("{}[{}]", key, i);
            auto label = text(a[i], where, kMaxLabelBytes);
            if (!seen.insert(label).second) {
                fail(where, fmt::format("\"{}\" appears twice", label));
            }
            out.push_back(std::move(label));
        }
        return out;
    }

private:
    std::string m_file;
};

/// 1-based line and column of byte `offset` in `text`.
std::pair<std::size_t, std::size_t> lineAndColumn(std::string_view text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

std::vector<CrisisLine> parseCrisisLines(const Checker& check, const json::array& a)
{
    std::vector<CrisisLine> out;
    std::set<std::string> ids;
    if (a.empty()) {
        check.fail("crisisLines", "is empty: a line needs at least one crisis line");
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        const std::string where = fmt::format("crisisLines[{}]", i);
        if (!a[i].is_object()) {
            check.fail(where, "must be an object with \"id\" and \"name\"");
        }
        const auto& o = a[i].get_object();
        for (const auto& item : o) {
            const std::string_view key = item.key();
            if (key != "id" && key != "name" && key != "description" && key != "callAddress" &&
                key != "textTemplate" && key != "textTemplateEs" && key != "emergency") {
                check.fail(where + "." + std::string(key),
                           "unknown key (expected id, name, description, callAddress, "
                           "textTemplate, textTemplateEs, emergency)");
            }
        }
        auto optionalText = [&](std::string_view key, std::size_t max) {
            const auto* v = o.if_contains(key);
            return v ? check.text(*v, where + "." + std::string(key), max) : std::string();
        };
        CrisisLine line;
        const auto* id = o.if_contains("id");
        const auto* name = o.if_contains("name");
        if (!id) {
            check.fail(where + ".id", "is missing");
        }
        if (!name) {
            check.fail(where + ".name", "is missing");
        }
        line.id = check.text(*id, where + ".id", 32);
        line.name = check.text(*name, where + ".name", kMaxTitleBytes);
        line.description = optionalText("description", 400);
        line.callAddress = optionalText("callAddress", 256);
        line.textTemplate = optionalText("textTemplate", kMaxReplyBytes);
        line.textTemplateEs = optionalText("textTemplateEs", kMaxReplyBytes);
        if (!line.textTemplateEs.empty() && line.textTemplate.empty()) {
            check.fail(where + ".textTemplateEs",
                       "needs a textTemplate too (the text for everyone else)");
        }
        if (const auto* e = o.if_contains("emergency")) {
            if (!e->is_bool()) {
                check.fail(where + ".emergency", "must be true or false");
            }
            line.emergency = e->get_bool();
        }
        if (line.callAddress.empty() && line.textTemplate.empty() && !line.emergency) {
            check.fail(where, "needs a callAddress, a textTemplate, or both");
        }
        if (!ids.insert(line.id).second) {
            check.fail(where + ".id", fmt::format("\"{}\" appears twice", line.id));
        }
        out.push_back(std::move(line));
    }
    return out;
}

std::vector<InterpreterService> parseInterpreters(const Checker& check, const json::object& root)
{
    std::vector<InterpreterService> out;
    std::set<std::string> ids;
    const auto& a = check.array(root, "interpreters");
    for (std::size_t i = 0; i < a.size(); ++i) {
        const std::string where = fmt::format("interpreters[{}]", i);
        if (!a[i].is_object()) {
            check.fail(where, "must be an object with \"id\", \"name\" and \"callAddress\"");
        }
        const auto& o = a[i].get_object();
        for (const auto& item : o) {
            const std::string_view key = item.key();
            if (key != "id" && key != "name" && key != "callAddress" && key != "languages") {
                check.fail(where + "." + std::string(key),
                           "unknown key (expected id, name, callAddress, languages)");
            }
        }
        InterpreterService service;
        for (const char* key : {"id", "name", "callAddress"}) {
            if (!o.contains(key)) {
                check.fail(where + "." + key, "is missing");
            }
        }
        service.id = check.text(o.at("id"), where + ".id", 32);
        service.name = check.text(o.at("name"), where + ".name", kMaxTitleBytes);
        service.callAddress = check.text(o.at("callAddress"), where + ".callAddress", 256);
        if (const auto* langs = o.if_contains("languages")) {
            if (!langs->is_array() || langs->get_array().size() > kMaxItems) {
                check.fail(where + ".languages",
                           fmt::format("must be an array of at most {} labels", kMaxItems));
            }
            std::set<std::string> seen;
            const auto& list = langs->get_array();
            for (std::size_t j = 0; j < list.size(); ++j) {
                const std::string at = fmt::format("{}.languages[{}]", where, j);
                auto label = check.text(list[j], at, kMaxLabelBytes);
                if (!seen.insert(label).second) {
                    check.fail(at, fmt::format("\"{}\" appears twice", label));
                }
                service.languages.push_back(std::move(label));
            }
        }
        if (!ids.insert(service.id).second) {
            check.fail(where + ".id", fmt::format("\"{}\" appears twice", service.id));
        }
        out.push_back(std::move(service));
    }
    return out;
}

} // namespace

std::vector<CrisisLine> defaultCrisisLines()
{
    return {
        CrisisLine{"988", "988 Suicide & Crisis Lifeline",
                   "Thoughts of suicide or a mental health crisis: counsellors by call or text, "
                   "24/7.",
                   "988",
                   "I'd like to connect you with the 988 Suicide & Crisis Lifeline. They're "
                   "there 24/7 and you can text or call 988 right now. I'll stay here with you "
                   "until you've reached them. Can you text 988 now and tell me when they answer?",
                   false,
                   "Me gustaría ponerte en contacto con la Línea 988 de Prevención del Suicidio y "
                   "Crisis. Atienden en español las 24 horas: llama al 988 y oprime el 2, o "
                   "envía AYUDA al 988. Me quedo aquí contigo hasta que te respondan. ¿Puedes "
                   "escribirles ahora y avisarme cuando contesten?"},
        CrisisLine{"ctl", "Crisis Text Line",
                   "A texter in crisis who prefers to keep texting: crisis counsellors by text.",
                   "",
                   "Crisis Text Line has counsellors available right now. Text HOME to 741741 "
                   "and someone will text you back. I'll stay with you until you hear from them. "
                   "Let me know when they reply.",
                   false,
                   "Crisis Text Line tiene consejeros disponibles ahora mismo en español. Envía "
                   "AYUDA al 741741 y alguien te responderá por mensaje. Me quedo contigo hasta "
                   "que te contesten. Avísame cuando te respondan."},
        CrisisLine{"911", "Emergency services (911)",
                   "Someone is in immediate danger: an attempt in progress, means at hand, or "
                   "danger to others.",
                   "911", "", true, ""},
    };
}

LineContent parseLineContent(std::string_view text, std::string_view fileName)
{
    const Checker check(fileName);
    json::stream_parser parser;
    json::error_code ec;
    const std::size_t used = parser.write(text.data(), text.size(), ec);
    if (!ec) {
        parser.finish(ec);
    }
    if (ec) {
        const auto [line, column] = lineAndColumn(text, used);
        check.fail(fmt::format("line {}, column {}", line, column),
                   fmt::format("not valid JSON ({})", ec.message()));
    }
    const json::value root = parser.release();
    if (!root.is_object()) {
        check.fail("", "the file must hold one JSON object");
    }
    const auto& o = root.get_object();
    // Misspelt keys would otherwise be silently ignored.
    for (const auto& item : o) {
        const std::string_view key = item.key();
        if (key != "version" && key != "quickReplies" && key != "topics" && key != "referrals" &&
            key != "crisisLines" && key != "interpreters") {
            check.fail(key, "unknown key (expected version, quickReplies, topics, referrals, "
                            "crisisLines, interpreters)");
        }
    }
    const auto* version = o.if_contains("version");
    if (!version) {
        check.fail("version", "is missing");
    }
    if (!version->is_int64() || version->get_int64() != kLineContentVersion) {
        check.fail("version", fmt::format("must be {} (this gateway reads version {} only)",
                                          kLineContentVersion, kLineContentVersion));
    }

    LineContent content;
    const auto& replies = check.array(o, "quickReplies");
    for (std::size_t i = 0; i < replies.size(); ++i) {
        const std::string where = fmt::format("quickReplies[{}]", i);
        if (!replies[i].is_object()) {
            check.fail(where, "must be an object with \"title\" and \"text\"");
        }
        const auto& r = replies[i].get_object();
        const auto* title = r.if_contains("title");
        const auto* body = r.if_contains("text");
        if (!title) {
            check.fail(where + ".title", "is missing");
        }
        if (!body) {
            check.fail(where + ".text", "is missing");
        }
        content.quickReplies.push_back(QuickReply{
            check.text(*title, where + ".title", kMaxTitleBytes),
            check.text(*body, where + ".text", kMaxReplyBytes),
        });
    }
    content.topics = check.labels(o, "topics");
    content.referrals = check.labels(o, "referrals");
    if (o.contains("crisisLines")) {
        content.crisisLines = parseCrisisLines(check, check.array(o, "crisisLines"));
    }
    if (o.contains("interpreters")) {
        content.interpreters = parseInterpreters(check, o);
    }
    return content;
}

LineContent loadLineContent(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw LineContentError(path.string() + ": cannot be opened for reading");
    }
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) {
        throw LineContentError(path.string() + ": cannot be read");
    }
    return parseLineContent(content.str(), path.string());
}

} // namespace warmline
