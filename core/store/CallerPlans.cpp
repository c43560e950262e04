#include "core/store/CallerPlans.h"

#include "core/domain/AuditLog.h"
#include "core/text/JsonStrings.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace warmline {

namespace {

const std::vector<PlanSection> kWrap{
    {"wellness_toolbox", "Wellness toolbox", "Caja de herramientas de bienestar"},
    {"daily_maintenance", "Daily maintenance", "Mantenimiento diario"},
    {"triggers", "Triggers", "Detonantes"},
    {"early_warning_signs", "Early warning signs", "Señales tempranas"},
    {"breaking_down", "When things are breaking down", "Cuando las cosas empeoran"},
    {"crisis_plan", "Crisis plan", "Plan de crisis"},
    {"post_crisis", "After a crisis", "Después de una crisis"},
};

const std::vector<PlanSection> kSafety{
    {"warning_signs", "Warning signs", "Señales de alerta"},
    {"coping_strategies", "Things I can do on my own", "Lo que puedo hacer por mi cuenta"},
    {"distraction", "People and places that take my mind off things",
     "Personas y lugares que me distraen"},
    {"help_people", "People I can ask for help", "Personas a quienes puedo pedir ayuda"},
    {"professionals", "Professionals and crisis lines", "Profesionales y líneas de crisis"},
    {"safe_environment", "Making my surroundings safe", "Hacer seguro mi entorno"},
    {"reasons_for_living", "My reasons for living", "Mis razones para vivir"},
};

bool hasSection(PlanKind kind, std::string_view key)
{
    const auto& all = planSections(kind);
    return std::any_of(all.begin(), all.end(), [&](const PlanSection& s) { return s.key == key; });
}

/// Stored sections (a JSON object) in the kind's order, empty ones left out.
std::vector<std::pair<std::string, std::string>> readSections(PlanKind kind,
                                                              const std::string& text)
{
    std::vector<std::pair<std::string, std::string>> out;
    boost::system::error_code ec;
    const auto v = boost::json::parse(text, ec);
    if (ec || !v.is_object()) {
        return out;
    }
    for (const auto& s : planSections(kind)) {
        const auto* w = v.get_object().if_contains(s.key);
        if (w && w->is_string() && !w->get_string().empty()) {
            out.emplace_back(std::string(s.key), std::string(w->get_string()));
        }
    }
    return out;
}

std::string writeSections(const std::vector<std::pair<std::string, std::string>>& sections)
{
    boost::json::object o;
    for (const auto& [key, words] : sections) {
        if (!words.empty()) {
            o[key] = words;
        }
    }
    return boost::json::serialize(o);
}

std::optional<CallerPlan> readPlan(SQLite::Database& db, Id callerId, PlanKind kind)
{
    SQLite::Statement q(
        db, "SELECT p.id, p.sections, p.consent_text, COALESCE(c.name, ''), p.consent_at, "
            "p.consent_contact_id, p.updated_at, COALESCE(u.name, '') FROM caller_plans p "
            "LEFT JOIN operators c ON c.id = p.consent_by "
            "LEFT JOIN operators u ON u.id = p.updated_by "
            "WHERE p.caller_id = ? AND p.kind = ? AND p.deleted_at IS NULL");
    q.bind(1, callerId);
    q.bind(2, std::string(toString(kind)));
    if (!q.executeStep()) {
        return std::nullopt;
    }
    CallerPlan p;
    p.id = q.getColumn(0).getInt64();
    p.callerId = callerId;
    p.kind = kind;
    p.sections = readSections(kind, q.getColumn(1).getString());
    p.consentText = q.getColumn(2).getString();
    p.consentBy = q.getColumn(3).getString();
    p.consentAt = q.getColumn(4).getInt64();
    if (!q.getColumn(5).isNull()) {
        p.consentContactId = q.getColumn(5).getInt64();
    }
    p.updatedAt = q.getColumn(6).getInt64();
    p.updatedBy = q.getColumn(7).getString();
    SQLite::Statement c(db, "SELECT g.at, COALESCE(o.name, ''), g.contact_id, g.sections "
                            "FROM caller_plan_changes g LEFT JOIN operators o "
                            "ON o.id = g.operator_id WHERE g.plan_id = ? "
                            "ORDER BY g.id DESC LIMIT 50");
    c.bind(1, p.id);
    while (c.executeStep()) {
        PlanChange change;
        change.at = c.getColumn(0).getInt64();
        change.operatorName = c.getColumn(1).getString();
        if (!c.getColumn(2).isNull()) {
            change.contactId = c.getColumn(2).getInt64();
        }
        change.sections = stringsOfJsonArray(c.getColumn(3).getString());
        p.changes.push_back(std::move(change));
    }
    return p;
}

void bindOptional(SQLite::Statement& q, int index, std::optional<Id> v)
{
    if (v) {
        q.bind(index, *v);
    } else {
        q.bind(index);
    }
}

} // namespace

std::string_view toString(PlanKind k)
{
    return k == PlanKind::Wrap ? "wrap" : "safety";
}

std::optional<PlanKind> parsePlanKind(std::string_view s)
{
    if (s == "wrap") {
        return PlanKind::Wrap;
    }
    if (s == "safety") {
        return PlanKind::Safety;
    }
    return std::nullopt;
}

const std::vector<PlanSection>& planSections(PlanKind kind)
{
    return kind == PlanKind::Wrap ? kWrap : kSafety;
}

std::string CallerPlan::section(std::string_view key) const
{
    for (const auto& [k, words] : sections) {
        if (k == key) {
            return words;
        }
    }
    return {};
}

std::vector<CallerPlan> plansOf(SQLite::Database& db, Id callerId)
{
    std::vector<CallerPlan> out;
    for (const auto kind : {PlanKind::Wrap, PlanKind::Safety}) {
        if (auto p = readPlan(db, callerId, kind)) {
            out.push_back(std::move(*p));
        }
    }
    return out;
}

std::optional<CallerPlan> planOf(SQLite::Database& db, Id callerId, PlanKind kind)
{
    return readPlan(db, callerId, kind);
}

CallerPlan savePlan(SQLite::Database& db, Id callerId, PlanKind kind,
                    const std::vector<std::pair<std::string, std::string>>& sections,
                    const std::optional<std::string>& consentText, Id operatorId,
                    std::optional<Id> contactId, EpochMs at)
{
    for (const auto& [key, words] : sections) {
        if (!hasSection(kind, key)) {
            throw std::invalid_argument("A " + std::string(toString(kind)) +
                                        " plan has no section \"" + key + "\".");
        }
    }
    auto current = readPlan(db, callerId, kind);
    const bool consenting = consentText && !consentText->empty();
    if (!current && !consenting) {
        throw PlanConsentNeeded("Keeping a plan on the caller's profile needs their consent: "
                                "say what they agreed to.");
    }
    // The new words: the current ones, with each given section replaced.
    std::vector<std::pair<std::string, std::string>> merged =
        current ? current->sections : std::vector<std::pair<std::string, std::string>>{};
    std::vector<std::string> changed;
    for (const auto& section : sections) {
        // (Named, not a structured binding: a lambda may not capture one in
        // every compiler this builds with.)
        const std::string& key = section.first;
        const std::string& words = section.second;
        auto it = std::find_if(merged.begin(), merged.end(),
                               [&key](const auto& s) { return s.first == key; });
        const std::string before = it == merged.end() ? std::string() : it->second;
        if (before == words) {
            continue;
        }
        changed.push_back(key);
        if (it == merged.end()) {
            merged.emplace_back(key, words);
        } else {
            it->second = words;
        }
    }
    const std::string stored = writeSections(merged);
    Id planId = 0;
    if (!current) {
        SQLite::Statement q(db, "INSERT INTO caller_plans (caller_id, kind, sections, "
                                "consent_text, consent_by, consent_at, consent_contact_id, "
                                "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        q.bind(1, callerId);
        q.bind(2, std::string(toString(kind)));
        q.bind(3, stored);
        q.bind(4, *consentText);
        q.bind(5, operatorId);
        q.bind(6, at);
        bindOptional(q, 7, contactId);
        q.bind(8, at);
        q.bind(9, operatorId);
        q.exec();
        planId = db.getLastInsertRowid();
    } else {
        planId = current->id;
        SQLite::Statement q(db, "UPDATE caller_plans SET sections = ?, updated_at = ?, "
                                "updated_by = ? WHERE id = ?");
        q.bind(1, stored);
        q.bind(2, at);
        q.bind(3, operatorId);
        q.bind(4, planId);
        q.exec();
        if (consenting) {
            SQLite::Statement c(db, "UPDATE caller_plans SET consent_text = ?, consent_by = ?, "
                                    "consent_at = ?, consent_contact_id = ? WHERE id = ?");
            c.bind(1, *consentText);
            c.bind(2, operatorId);
            c.bind(3, at);
            bindOptional(c, 4, contactId);
            c.bind(5, planId);
            c.exec();
        }
    }
    if (consenting) {
        AuditLog(db).append(at, operatorId, audit::kPlanConsent, contactId, callerId,
                            R"({"kind":")" + std::string(toString(kind)) + R"("})");
    }
    if (!changed.empty() || !current) {
        SQLite::Statement q(db, "INSERT INTO caller_plan_changes (plan_id, contact_id, "
                                "operator_id, at, sections) VALUES (?, ?, ?, ?, ?)");
        q.bind(1, planId);
        bindOptional(q, 2, contactId);
        q.bind(3, operatorId);
        q.bind(4, at);
        q.bind(5, jsonArrayOf(changed));
        q.exec();
    }
    return *readPlan(db, callerId, kind);
}

bool deletePlan(SQLite::Database& db, Id callerId, PlanKind kind, Id operatorId,
                std::optional<Id> contactId, EpochMs at)
{
    const auto current = readPlan(db, callerId, kind);
    if (!current) {
        return false;
    }
    SQLite::Statement q(db, "UPDATE caller_plans SET sections = '{}', consent_text = '', "
                            "deleted_at = ?, deleted_by = ? WHERE id = ?");
    q.bind(1, at);
    q.bind(2, operatorId);
    q.bind(3, current->id);
    q.exec();
    AuditLog(db).append(at, operatorId, audit::kPlanDelete, contactId, callerId,
                        R"({"kind":")" + std::string(toString(kind)) + R"("})");
    return true;
}

std::string planText(const CallerPlan& plan, std::string_view language)
{
    const bool es = language == "es";
    std::string text;
    if (plan.kind == PlanKind::Safety) {
        text = es ? "Tu plan de seguridad" : "Your safety plan";
    } else {
        text = es ? "Tu plan de bienestar" : "Your wellness plan";
    }
    for (const auto& s : planSections(plan.kind)) {
        const std::string words = plan.section(s.key);
        if (words.empty()) {
            continue;
        }
        text += "\n\n";
        text += es ? s.titleEs : s.title;
        text += ":\n";
        text += words;
    }
    return text;
}

std::vector<std::string> splitIntoTexts(std::string_view text, std::size_t maxBytes)
{
    constexpr std::size_t kMaxTexts = 20;
    constexpr std::size_t kNumbering = 8; // "(20/20) "
    std::vector<std::string> parts;
    if (text.size() <= maxBytes) {
        if (!text.empty()) {
            parts.emplace_back(text);
        }
        return parts;
    }
    const std::size_t room = maxBytes > kNumbering + 16 ? maxBytes - kNumbering : maxBytes;
    while (!text.empty() && parts.size() < kMaxTexts) {
        if (text.size() <= room) {
            parts.emplace_back(text);
            break;
        }
        const std::string_view window = text.substr(0, room + 1);
        std::size_t cut = std::string_view::npos;
        for (const std::string_view sep : {"\n\n", "\n", " "}) {
            const auto at = window.rfind(sep);
            if (at != std::string_view::npos && at > room / 3) {
                cut = at;
                break;
            }
        }
        std::size_t next = 0;
        if (cut == std::string_view::npos) {
            cut = room;
            while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
                --cut; // not inside a character
            }
            next = cut;
        } else {
            next = cut;
            while (next < text.size() && (text[next] == '\n' || text[next] == ' ')) {
                ++next;
            }
        }
        parts.emplace_back(text.substr(0, cut));
        text.remove_prefix(next);
    }
    if (parts.size() > 1) {
        const auto n = std::to_string(parts.size());
        for (std::size_t i = 0; i < parts.size(); ++i) {
            parts[i] = "(" + std::to_string(i + 1) + "/" + n + ") " + parts[i];
        }
    }
    return parts;
}

} // namespace warmline
