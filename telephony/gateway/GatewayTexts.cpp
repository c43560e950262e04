// The Gateway's texts: an inbound text from a carrier's webhook, stored and
// scored in one transaction, then queued or handed to its holder with the
// line's automatic reply; and the texts going out through the provider,
// with retries, delivery reports and the texts left unsent at a restart.

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/carriers/TextKeywords.h"
#include "core/domain/AuditLog.h"
#include "core/domain/CallerIdentity.h"
#include "core/domain/LineReplies.h"
#include "core/risk/LanguageGuess.h"
#include "core/security/Tokens.h"
#include "core/store/Surveys.h"
#include "core/text/Text.h"
#include "telephony/gateway/FaultScope.h"
#include "telephony/gateway/GatewayBoard.h"
#include "telephony/gateway/GatewayJobs.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace asio = boost::asio;

namespace warmline::telephony {

namespace {

/// What the operator reads for a text that may have reached the provider.
constexpr const char* kMaybeSent =
    "The provider may have received this text but did not confirm it. Check with the caller "
    "before sending it again.";

} // namespace

// ---------------------------------------------------------------- texts in

void Gateway::ingestText(InboundText text, std::function<void(IngestResult)> done)
{
    const TextKeyword keyword = classifyKeyword(text.body);
    IngestOptions options;
    options.caller.numberHash = m_keys.numberHash(text.from);
    const auto sealed = m_keys.encryptNumber(text.from);
    options.caller.encryptedNumber.assign(sealed.begin(), sealed.end());
    options.caller.alias = aliasFor(options.caller.numberHash);
    const TextLanguage language =
        m_settings.languages ? m_settings.languages->guess(text.body) : TextLanguage::Unknown;
    options.language = std::string(toTag(language));
    if (keyword == TextKeyword::Stop) {
        options.setOptedOut = true;
        options.closeIfNew = true;
    } else if (keyword == TextKeyword::Start) {
        options.setOptedOut = false;
        options.closeIfNew = true;
    }
    // Scored before it is stored, so the contact's level and any escalation
    // are committed with the text. STOP and START are keywords, not talk.
    if (m_settings.risk && keyword != TextKeyword::Stop && keyword != TextKeyword::Start) {
        options.risk = m_settings.risk->assess(text.body);
        // Scored again with the contact's recent texts, on the store's
        // thread, in the transaction that stores this one.
        options.scoreConversation = [engine = m_settings.risk](const std::vector<std::string>& t) {
            return engine->assessConversation(std::vector<std::string_view>(t.begin(), t.end()));
        };
    }
    // Counted in the number's hourly window whatever happens next; a
    // refused number's text is stored, its contact closed at once.
    Screen screen = screenInbound(Channel::Text, text.from, options.caller.numberHash);
    if (screen.action == ScreenAction::Refuse && options.risk.level != RiskLevel::None) {
        // A text with risk signals is never turned away: a lead sees it.
        screen.action = ScreenAction::Hold;
        screen.reason += ", with risk signals";
    }
    if (screen.action == ScreenAction::Refuse) {
        options.closeIfNew = true;
    }
    // The number is needed no longer than this call.
    text.from.clear();
    auto shared = std::make_shared<InboundText>(std::move(text));
    // The webhook is answered once: with the outcome, or 503 if the
    // completion throws before it could answer (the carrier retries; a
    // committed text is then a duplicate, answered 200).
    auto answered = std::make_shared<bool>(false);
    auto answer = [answered, done = std::move(done)](IngestResult result) {
        if (!*answered) {
            *answered = true;
            done(result);
        }
    };
    fault::Scope scope(fault::once([this, answer] {
        m_counters.webhookUnavailable++;
        answer(IngestResult::Unavailable);
    }));
    // "1", "2" or "3" from a texter surveyed lately, with no conversation
    // open, is the survey's answer: stored as that, not as a new contact.
    const auto surveyAnswer = surveyAnswerOf(shared->body);
    write(
        [shared, options, surveyAnswer, window = m_settings.survey.answerWindowMs,
         now = nowMs()](Repository& repo) {
            if (surveyAnswer) {
                const std::string key =
                    shared->providerId.empty()
                        ? std::string()
                        : std::string(toString(shared->provider)) + ":" + shared->providerId;
                if (const auto a = recordSurveyAnswer(repo.database(), options.caller.numberHash,
                                                      *surveyAnswer, key, now, window)) {
                    IngestOutcome o;
                    o.duplicate = a->duplicate;
                    o.surveyAnswerFor = a->contactId;
                    o.contact.callerId = a->callerId;
                    return o;
                }
            }
            auto o = repo.texts().ingestInbound(*shared, options);
            if (options.setOptedOut == true && !o.duplicate) {
                // STOP stops the caller's check-ins too, in the same commit.
                o.checkInsStopped = stopCheckInsOfCaller(repo.database(), o.contact.callerId,
                                                         std::nullopt, "STOP", now);
                for (const Id id : o.checkInsStopped) {
                    AuditLog(repo.database())
                        .append(now, std::nullopt, audit::kCheckInStop, o.contact.id,
                                o.contact.callerId,
                                "{\"checkInId\":" + std::to_string(id) + ",\"by\":\"STOP\"}");
                }
            }
            return o;
        },
        [this, shared, keyword, language, screen, done = answer](StoreResult<IngestOutcome> r) {
            if (m_faultNextIngest) {
                m_faultNextIngest = false;
                throw std::runtime_error("injected fault (webhook completion)");
            }
            if (r.error) {
                m_counters.webhookUnavailable++;
                spdlog::error("inbound text not stored: {}", describeStoreError(r.error));
                done(IngestResult::Unavailable);
                return;
            }
            if (r.value->duplicate) {
                m_counters.webhookDuplicate++;
                done(IngestResult::Duplicate);
                // A retry of a text whose first completion failed after its
                // commit: its contact may be stored as queued but missing
                // from the queue. Put it there now.
                const ContactSummary& c = r.value->contact;
                if (c.id != 0 && c.state == ContactState::Queued && !m_queue.contains(c.id) &&
                    !m_pending.contains(c.id)) {
                    spdlog::warn("contact {} was stored but not queued; queued on the retry", c.id);
                    m_queue.upsert(c);
                    publish("contact.queued", {{"contact", link::toJson(c)}}, {});
                }
                return;
            }
            m_counters.webhookStored++;
            done(IngestResult::Stored);
            checkInsStopped(r.value->checkInsStopped, std::nullopt, "STOP");
            if (r.value->surveyAnswerFor) {
                surveyAnswered(*r.value->surveyAnswerFor, r.value->contact.callerId);
                return;
            }
            afterIngest(*shared, *r.value, keyword, language, screen);
        });
}

bool Gateway::repliesInSpanish(TextLanguage text, const std::string& callerLanguage) const
{
    // The text's own language first: a caller who switches is answered in
    // the language they just wrote; a text too short to tell ("ok", "STOP")
    // is answered in the caller's language.
    if (text == TextLanguage::Spanish) {
        return true;
    }
    if (text == TextLanguage::English) {
        return false;
    }
    return isSpanishLanguage(callerLanguage);
}

void Gateway::afterIngest(const InboundText& text, const IngestOutcome& outcome,
                          TextKeyword keyword, TextLanguage language, Screen screen)
{
    // The store's view of the contact is the truth: an accept or release may
    // be committed but not yet applied here (the contact is then pending, and
    // that command's completion brings the queue in line).
    const ContactSummary& c = outcome.contact;
    if (c.state == ContactState::Active || c.state == ContactState::Offered ||
        c.state == ContactState::WrapUp) {
        if (auto it = m_held.find(c.id); it != m_held.end()) {
            it->second = c;
        }
        publish("contact.updated", {{"contact", link::toJson(c)}}, {});
        publishMessage("message.received", outcome.message, c.operatorId);
    } else if (c.state == ContactState::Queued && !m_pending.contains(c.id)) {
        // The caller wrote in a check-in's contact: it is them reaching in
        // now, waiting like anyone else (wait notice, overflow, no "missed").
        m_checkInContacts.erase(c.id);
        // Refused, but the number already had a conversation open (the
        // setting changed meanwhile): it is held instead, never dropped.
        if (screen.action == ScreenAction::Refuse) {
            screen.action = ScreenAction::Hold;
        }
        const bool known = m_queue.contains(c.id);
        m_queue.upsert(c);
        if (!known) {
            publish("contact.queued", queuedNew(c, screen), {});
        } else {
            publish("contact.updated", {{"contact", link::toJson(c)}}, {});
            if (screen.action == ScreenAction::Hold && !m_screened.contains(c.id)) {
                // Past its number's hourly limit while it waits.
                holdScreened(c, screen);
                publish("contact.screened",
                        {{"contactId", c.id},
                         {"screened", {{"kind", screen.kind}, {"reason", screen.reason}}}},
                        {});
            }
        }
    } else if (screen.action == ScreenAction::Refuse && outcome.newContact) {
        recordRefusal(Channel::Text, screen, c.alias, c.id, c.callerId);
        return; // no automatic reply to a refused number
    }

    const bool es = repliesInSpanish(language, outcome.callerLanguage);
    const auto& spanish = m_settings.spanish;
    const auto pick = [es](const std::string& english, const std::string& inSpanish) {
        return es && !inSpanish.empty() ? inSpanish : english;
    };
    std::string reply;
    if (keyword == TextKeyword::Stop) {
        reply = pick(m_settings.stopReply, spanish.stop);
    } else if (keyword == TextKeyword::Start) {
        reply = pick(m_settings.startReply, spanish.start);
    } else if (keyword == TextKeyword::Help) {
        reply = pick(m_settings.helpReply, spanish.help);
    } else if (outcome.newContact) {
        const bool open =
            !afterHoursMode() && (!m_settings.isOpenAt || m_settings.isOpenAt(text.receivedAt));
        reply = open ? pick(m_settings.firstContactReply, spanish.firstContact)
                     : pick(m_settings.afterHoursReply, spanish.afterHours);
    }
    if (!reply.empty()) {
        queueReply(c.id, reply, std::nullopt, [](std::optional<Message>, std::string) {});
    }
    // The contact (with its new level) went out above with the text.
    escalationChanged(outcome.escalation, true);
}

// --------------------------------------------------------------- texts out

void Gateway::resumeOutbound(const std::vector<OutboundJob>& pending)
{
    for (const auto& job : pending) {
        if (job.message.status == DeliveryStatus::Sending) {
            // The gateway stopped while this text was on its way: the
            // provider may have it, so it is not sent again blindly.
            m_counters.outboundUnknown++;
            applyStatus(job.message.id, DeliveryStatus::Unknown, kMaybeSent, std::nullopt);
            continue;
        }
        trySend(job.message.id, job.attempts + 1);
    }
}

void Gateway::queueReply(Id contactId, const std::string& body, std::optional<Id> operatorId,
                         std::function<void(std::optional<Message>, std::string)> done)
{
    const Provider provider = m_sender ? m_sender->provider() : Provider::Simulator;
    write(
        [contactId, body, operatorId, provider](Repository& repo) {
            return repo.texts().appendOutbound(contactId, body, operatorId, provider, nowMs());
        },
        [this, done = std::move(done)](StoreResult<OutboundJob> r) {
            if (r.error) {
                done(std::nullopt, describeStoreError(r.error));
                return;
            }
            publishMessage("message.sent", r.value->message);
            trySend(r.value->message.id, 1);
            done(r.value->message, {});
        });
}

// ------------------------------------------------------------ wait notices

namespace {
/// The shift's pace of answers is read over this much time.
} // namespace

std::optional<bool> automaticTextInSpanish(Repository& repo, Id callerId)
{
    SQLite::Statement q(repo.database(),
                        "SELECT COALESCE(language, ''), opted_out FROM callers WHERE id = ?");
    q.bind(1, callerId);
    if (!q.executeStep() || q.getColumn(1).getInt() != 0) {
        return std::nullopt;
    }
    return isSpanishLanguage(q.getColumn(0).getString());
}

void Gateway::sendWaitNotices(EpochMs now)
{
    if (m_settings.waitNoticeMs <= 0 || !m_board) {
        return;
    }
    const auto waiting = m_queue.ordered();
    if (m_waitNoticed.size() > 2 * waiting.size() + 1000) {
        // Forget the contacts that left the queue (the set is a guard, not
        // a record: the messages table is the record).
        std::set<Id> still;
        for (const auto& c : waiting) {
            if (m_waitNoticed.contains(c.id)) {
                still.insert(c.id);
            }
        }
        m_waitNoticed = std::move(still);
    }
    const std::size_t pace = m_board->stats.answeredSince(now - kWaitPaceWindowMs);
    const Provider provider = m_sender ? m_sender->provider() : Provider::Simulator;
    std::size_t position = 0;
    for (const auto& c : waiting) {
        ++position;
        // A check-in waiting is the line's to start, not the texter's wait.
        if (c.channel != Channel::Text || now - c.queuedAt < m_settings.waitNoticeMs ||
            m_waitNoticed.contains(c.id) || m_checkInContacts.contains(c.id)) {
            continue;
        }
        m_waitNoticed.insert(c.id);
        const auto minutes = roughWaitMinutes(position, pace, kWaitPaceWindowMs);
        write(
            [id = c.id, callerId = c.callerId, position, minutes, name = m_settings.lineName,
             provider](Repository& repo) -> std::optional<OutboundJob> {
                const auto spanish = automaticTextInSpanish(repo, callerId);
                if (!spanish) {
                    return std::nullopt; // STOP: nothing more, not even this
                }
                return repo.texts().appendOutbound(
                    id, waitNoticeText(name, position, minutes, *spanish), std::nullopt, provider,
                    nowMs());
            },
            [this, id = c.id](StoreResult<std::optional<OutboundJob>> r) {
                if (r.error) {
                    // Not retried: a wait notice late is worse than none.
                    spdlog::warn("contact {}: the wait notice was not stored: {}", id,
                                 describeStoreError(r.error));
                    return;
                }
                if (!*r.value) {
                    return;
                }
                spdlog::info("contact {}: wait notice sent", id);
                publishMessage("message.sent", (*r.value)->message);
                trySend((*r.value)->message.id, 1);
            });
    }
}

void Gateway::trySend(Id messageId, int attempt)
{
    if (!m_sender) {
        applyStatus(messageId, DeliveryStatus::Failed,
                    "No text provider is configured on this gateway.", std::nullopt);
        return;
    }
    read([messageId](Repository& repo) { return repo.texts().outboundJob(messageId); },
         [this, messageId, attempt](StoreResult<std::optional<OutboundJob>> r) {
             if (r.error || !r.value || !*r.value) {
                 spdlog::error("outbound text {} could not be loaded", messageId);
                 return;
             }
             const OutboundJob& job = **r.value;
             if (job.callerOptedOut && job.message.body != m_settings.stopReply &&
                 job.message.body != m_settings.spanish.stop) {
                 applyStatus(messageId, DeliveryStatus::Failed,
                             "The texter has opted out (STOP); no texts can be sent.",
                             std::nullopt);
                 return;
             }
             OutboundRequest req;
             req.messageId = messageId;
             try {
                 const auto& blob = job.encryptedNumber;
                 req.to = m_keys.decryptNumber(std::span<const unsigned char>(
                     reinterpret_cast<const unsigned char*>(blob.data()), blob.size()));
             } catch (const std::exception&) {
                 applyStatus(messageId, DeliveryStatus::Failed,
                             "The caller's number could not be decrypted with this site's key.",
                             std::nullopt);
                 return;
             }
             req.from = job.lineNumber.empty() ? m_settings.defaultFromNumber : job.lineNumber;
             req.body = job.message.body;
             applyStatus(messageId, DeliveryStatus::Sending, {}, std::nullopt);
             // The store's writer runs writes in order: once this one is
             // done, "sending" is on disk too. Only then does the request
             // leave, so that a gateway killed mid-send finds the text
             // "sending" (and marks it unknown) instead of sending it twice.
             write([messageId](Repository& repo) { repo.texts().countAttempt(messageId); },
                   [this, req = std::move(req), messageId, attempt](StoreResult<void> w) mutable {
                       if (w.error) {
                           spdlog::warn("outbound text {}: its attempt was not recorded; "
                                        "sending anyway",
                                        messageId);
                       }
                       m_sender->send(std::move(req), [this, alive = m_alive, messageId,
                                                       attempt](SendOutcome outcome) {
                           if (*alive) {
                               finishSend(messageId, attempt, std::move(outcome));
                           }
                       });
                   });
         });
}

void Gateway::finishSend(Id messageId, int attempt, SendOutcome outcome)
{
    switch (outcome.kind) {
    case SendOutcome::Kind::Sent:
        m_counters.outboundSent++;
        applyStatus(messageId, DeliveryStatus::Sent, {},
                    outcome.providerId.empty() ? std::nullopt
                                               : std::optional<std::string>(outcome.providerId));
        return;
    case SendOutcome::Kind::Retry:
        if (attempt < m_settings.maxOutboundAttempts) {
            m_counters.outboundRetried++;
            EpochMs delay = m_settings.retryInitialMs;
            for (int i = 1; i < attempt && delay < m_settings.retryMaxMs; ++i) {
                delay *= 2;
            }
            delay = std::min(delay, m_settings.retryMaxMs);
            spdlog::warn("outbound text {} attempt {} failed ({}); retrying in {} ms", messageId,
                         attempt, outcome.error, delay);
            auto timer = std::make_shared<asio::steady_timer>(m_ex);
            timer->expires_after(std::chrono::milliseconds(delay));
            timer->async_wait(
                [this, alive = m_alive, timer, messageId, attempt](boost::system::error_code ec) {
                    if (!ec && *alive) {
                        fault::guarded("an outbound retry timer", nullptr,
                                       [&] { trySend(messageId, attempt + 1); });
                    }
                });
            return;
        }
        [[fallthrough]];
    case SendOutcome::Kind::Unknown:
        m_counters.outboundUnknown++;
        spdlog::warn("outbound text {} attempt {} may have reached the provider ({}); not "
                     "retried",
                     messageId, attempt, outcome.error);
        applyStatus(messageId, DeliveryStatus::Unknown, kMaybeSent, std::nullopt);
        return;
    case SendOutcome::Kind::Failed:
        m_counters.outboundFailed++;
        spdlog::warn("outbound text {} failed after {} attempt(s): {}", messageId, attempt,
                     outcome.error);
        applyStatus(messageId, DeliveryStatus::Failed,
                    outcome.error.empty() ? "The provider did not accept the text." : outcome.error,
                    std::nullopt);
        return;
    }
}

void Gateway::applyStatus(Id messageId, DeliveryStatus status, std::string error,
                          std::optional<std::string> providerId)
{
    write(
        [messageId, status, error, providerId](Repository& repo) {
            return repo.texts().advanceStatus(messageId, status, error, providerId);
        },
        [this](StoreResult<std::optional<Message>> r) {
            if (r.error) {
                spdlog::error("delivery status not stored: {}", describeStoreError(r.error));
                return;
            }
            if (*r.value) {
                publishMessage("message.status", **r.value);
            }
        });
}

void Gateway::deliveryReport(std::optional<std::string> providerId, std::optional<Id> messageId,
                             DeliveryStatus status, std::string error,
                             std::function<void(bool)> done)
{
    m_counters.statusCallbacks++;
    auto answered = std::make_shared<bool>(false);
    auto answer = [answered, done = std::move(done)](bool ok) {
        if (!*answered) {
            *answered = true;
            done(ok);
        }
    };
    fault::Scope scope(fault::once([answer] { answer(false); }));
    write(
        [providerId, messageId, status, error](Repository& repo) -> std::optional<Message> {
            std::optional<Id> id = messageId;
            if (!id && providerId) {
                id = repo.texts().outboundByProviderId(*providerId);
            }
            if (!id) {
                return std::nullopt;
            }
            return repo.texts().advanceStatus(*id, status, error);
        },
        [this, done = answer](StoreResult<std::optional<Message>> r) {
            if (r.error) {
                done(false);
                return;
            }
            if (*r.value) {
                publishMessage("message.status", **r.value);
            }
            done(true);
        });
}

void Gateway::publishMessage(std::string_view name, const Message& m, std::optional<Id> holder)
{
    if (!holder) {
        if (auto it = m_held.find(m.contactId); it != m_held.end()) {
            holder = it->second.operatorId;
        }
    }
    publish(name, {{"message", link::toJson(m)}}, Audience{false, holder});
}

} // namespace warmline::telephony
