// Supervision's administration commands: the line's admin-editable
// settings, operators' capacity and languages, and content retention (the
// purge an administrator runs, and the daily one), each on the audit log.
// The review, reports and audit commands are in Supervision.cpp.

#include "telephony/gateway/StoreErrors.h"
#include "telephony/gateway/SupervisionJobs.h"

#include "core/domain/AuditLog.h"
#include "core/domain/Retention.h"
#include "core/link/ReviewCodec.h"
#include "core/text/Text.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace json = boost::json;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;
using supervision::detailJson;
using supervision::optionalBool;

namespace {

constexpr std::size_t kPurgeChunk = 1000;
constexpr std::size_t kMaxLanguages = 10;
constexpr std::chrono::hours kPurgeEvery{24};

std::string requireOperatorName(const json::object& params)
{
    auto name = link::requireString(params, "name", 64);
    if (!link::isValidOperatorName(name)) {
        throw LinkError(ErrorCode::BadRequest, "A name is 1-64 letters, digits, '.', '_' or '-'.");
    }
    return name;
}

} // namespace

// ------------------------------------------------------------ line settings

void Supervision::settingsGet(const Actor&, const link::Request& req, const Reply& reply)
{
    json::array settings;
    for (const auto& s : m_settings.entries()) {
        settings.push_back(link::toJson(s));
    }
    reply(link::ackFrame(req.id, {{"settings", std::move(settings)},
                                  {"timezone", m_zone.name()},
                                  {"timezoneOffsetMinutes", m_zone.offsetMinutesAt(nowMs())}}));
}

void Supervision::settingsSet(const Actor& actor, const link::Request& req, const Reply& reply)
{
    const auto key = link::requireString(req.params, "key", 64);
    const bool reset = optionalBool(req.params, "reset").value_or(false);
    std::string value;
    if (!reset) {
        // Checked on a copy: a refused value changes nothing.
        LineSettings check = m_settings;
        try {
            check.setOverride(key, link::requireString(req.params, "value", 1000), 0, actor.name);
        } catch (const ConfigError& e) {
            throw LinkError(ErrorCode::BadRequest, e.what());
        }
        value = check.value(key);
    } else if (!LineSettings::isEditable(key)) {
        throw LinkError(ErrorCode::BadRequest, "\"" + key + "\" is not a line setting.");
    }
    const Id by = actor.operatorId;
    const EpochMs now = nowMs();
    write(
        [key, value, reset, by, now](Repository& repo) {
            if (reset) {
                removeLineSetting(repo.database(), key);
            } else {
                storeLineSetting(repo.database(), key, value, now, by);
            }
            json::object detail{{"key", key}};
            if (reset) {
                detail["reset"] = true;
            } else {
                detail["value"] = value;
            }
            AuditLog(repo.database())
                .append(now, by, audit::kSettingSet, std::nullopt, std::nullopt,
                        detailJson(std::move(detail)));
        },
        [this, key, value, reset, now, name = actor.name, reply,
         rid = req.id](StoreResult<void> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            if (reset) {
                m_settings.clearOverride(key);
            } else {
                m_settings.setOverride(key, value, now, name);
            }
            spdlog::info("line setting {} {} by an administrator", key, reset ? "reset" : "set");
            if (m_hooks.lineSettingsChanged) {
                m_hooks.lineSettingsChanged(m_settings);
            }
            reply(link::ackFrame(rid, {{"setting", link::toJson(*m_settings.find(key))}}));
        });
}

// ------------------------------------------------------------------ operators

void Supervision::operatorCapacity(const Actor& actor, const link::Request& req, const Reply& reply)
{
    const auto name = requireOperatorName(req.params);
    const auto capacity = link::requireInt(req.params, "capacity");
    if (capacity < 1 || capacity > 10) {
        throw LinkError(ErrorCode::BadRequest, "Capacity must be between 1 and 10.");
    }
    const Id by = actor.operatorId;
    write(
        [name, capacity, by](Repository& repo) {
            auto op = repo.operators().operatorByName(name);
            if (!op) {
                throw LinkError(ErrorCode::NotFound, "There is no account with that name.");
            }
            repo.operators().setCapacity(op->account.id, static_cast<int>(capacity));
            AuditLog(repo.database())
                .append(nowMs(), by, audit::kOperatorChange, std::nullopt, std::nullopt,
                        detailJson({{"name", name}, {"capacity", capacity}}));
            op->account.textCapacity = static_cast<int>(capacity);
            return op->account;
        },
        [this, reply, rid = req.id](StoreResult<OperatorAccount> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            reply(link::ackFrame(rid, {{"operator", m_hooks.operatorChanged(*r.value)}}));
        });
}

void Supervision::operatorLanguages(const Actor& actor, const link::Request& req,
                                    const Reply& reply)
{
    const auto name = requireOperatorName(req.params);
    const auto* list = req.params.if_contains("languages");
    if (!list || !list->is_array() || list->get_array().size() > kMaxLanguages) {
        throw LinkError(ErrorCode::BadRequest,
                        "Field \"languages\" must be an array of at most 10 languages.");
    }
    std::vector<std::string> languages;
    for (const auto& item : list->get_array()) {
        if (!item.is_string() || item.get_string().empty() || item.get_string().size() > 32 ||
            !isValidUtf8(item.get_string()) ||
            std::any_of(item.get_string().begin(), item.get_string().end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == ','; })) {
            throw LinkError(ErrorCode::BadRequest,
                            "Each language is 1-32 characters on one line, without commas.");
        }
        const std::string l(item.get_string());
        if (std::find(languages.begin(), languages.end(), l) == languages.end()) {
            languages.push_back(l);
        }
    }
    const Id by = actor.operatorId;
    write(
        [name, languages, by](Repository& repo) {
            auto op = repo.operators().operatorByName(name);
            if (!op) {
                throw LinkError(ErrorCode::NotFound, "There is no account with that name.");
            }
            repo.operators().setLanguages(op->account.id, languages);
            json::array list(languages.begin(), languages.end());
            AuditLog(repo.database())
                .append(nowMs(), by, audit::kOperatorChange, std::nullopt, std::nullopt,
                        detailJson({{"name", name}, {"languages", std::move(list)}}));
            op->account.languages = languages;
            return op->account;
        },
        [this, reply, rid = req.id](StoreResult<OperatorAccount> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            reply(link::ackFrame(rid, {{"operator", m_hooks.operatorChanged(*r.value)}}));
        });
}

// ------------------------------------------------------------------ retention

void Supervision::retentionPurge(const Actor& actor, const link::Request& req, const Reply& reply)
{
    const int days = m_settings.retentionDays();
    if (days == 0) {
        reply(link::ackFrame(req.id, {{"retentionDays", 0},
                                      {"cutoff", nullptr},
                                      {"contacts", 0},
                                      {"messages", 0},
                                      {"callerNotes", 0}}));
        return;
    }
    if (m_purging) {
        throw LinkError(ErrorCode::Conflict, "A purge is running; try again when it has finished.");
    }
    const EpochMs cutoff = retentionCutoff(nowMs(), days);
    m_purging = true;
    purgeChunk(cutoff, actor.operatorId, 0, 0, 0,
               [this, reply, rid = req.id, days, cutoff](std::string error, std::size_t contacts,
                                                         std::size_t messages, std::size_t notes) {
                   m_purging = false;
                   if (!error.empty()) {
                       reply(link::errorFrame(rid, ErrorCode::Unavailable,
                                              "The purge stopped: the store could not commit. "
                                              "What was purged stays purged; run it again."));
                       return;
                   }
                   reply(link::ackFrame(rid, {{"retentionDays", days},
                                              {"cutoff", cutoff},
                                              {"contacts", contacts},
                                              {"messages", messages},
                                              {"callerNotes", notes}}));
               });
}

void Supervision::purgeChunk(
    EpochMs cutoff, std::optional<Id> by, std::size_t contacts, std::size_t messages,
    std::size_t notes, std::function<void(std::string, std::size_t, std::size_t, std::size_t)> done)
{
    write(
        [cutoff](Repository& repo) {
            auto r = purgeContentBefore(repo.database(), cutoff, nowMs(), kPurgeChunk);
            if (!r.more) {
                // The last chunk: the log's frames still hold the words.
                repo.wantCheckpoint();
            }
            return r;
        },
        [this, cutoff, by, contacts, messages, notes,
         done = std::move(done)](StoreResult<PurgeResult> r) mutable {
            if (r.error) {
                spdlog::error("retention purge failed: {}", describeStoreError(r.error));
                done(describeStoreError(r.error), contacts, messages, notes);
                return;
            }
            contacts += r.value->contacts;
            messages += r.value->messages;
            notes += r.value->callerNotes;
            if (r.value->more) {
                // One chunk per writer job, so texts arriving meanwhile wait
                // for one chunk at most.
                purgeChunk(cutoff, by, contacts, messages, notes, std::move(done));
                return;
            }
            write(
                [by, cutoff, contacts, messages, notes](Repository& repo) {
                    AuditLog(repo.database())
                        .append(nowMs(), by, audit::kRetentionPurge, std::nullopt, std::nullopt,
                                detailJson({{"cutoff", cutoff},
                                            {"contacts", contacts},
                                            {"messages", messages},
                                            {"callerNotes", notes}}));
                },
                [done = std::move(done), contacts, messages, notes](StoreResult<void> w) {
                    done(w.error ? describeStoreError(w.error) : std::string(), contacts, messages,
                         notes);
                });
        });
}

void Supervision::schedulePurge(std::chrono::milliseconds delay)
{
    m_purgeTimer.expires_after(delay);
    m_purgeTimer.async_wait([this, alive = m_alive](boost::system::error_code ec) {
        if (ec || !*alive) {
            return;
        }
        const int days = m_settings.retentionDays();
        if (days > 0 && !m_purging) {
            m_purging = true;
            purgeChunk(retentionCutoff(nowMs(), days), std::nullopt, 0, 0, 0,
                       [this](std::string error, std::size_t contacts, std::size_t, std::size_t) {
                           m_purging = false;
                           if (error.empty() && contacts > 0) {
                               spdlog::info("retention: content of {} contacts purged", contacts);
                           }
                       });
        }
        schedulePurge(kPurgeEvery);
    });
}

} // namespace warmline::telephony
