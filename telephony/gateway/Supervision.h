#pragma once

// The link commands of supervisors and administrators: reviewing ended
// contacts, reports, the audit log, revealing a caller's number, comments
// for operators, the line's admin-editable settings, operators' capacity and
// languages, and content retention (docs/protocol.md, "Supervisor review"
// and after). Every permission is checked in the gateway: the role each
// command needs in its CommandTable rule, the rest in its handler. Reads that
// open a contact or reveal a number run on the writer, in the transaction
// that appends their audit row, and answer only after it commits. Lives on
// the gateway's executor (one thread); store work runs on the store's
// threads and comes back by post. Free of Beast.

#include "core/config/LineSettings.h"
#include "core/link/LinkCodec.h"
#include "core/store/StoreWorker.h"
#include "telephony/gateway/CommandTable.h"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/object.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace warmline {
class SiteKeys;
}

namespace warmline::telephony {

/// Who sent a command.
struct Actor
{
    Id operatorId = 0;
    Role role = Role::Operator;
    std::string name;
};

/// What Supervision needs from the gateway it serves.
struct SupervisionHooks
{
    /// Sends an event to one operator's links only.
    std::function<void(Id operatorId, std::string_view name, const boost::json::object& data)>
        publishTo;
    /// The effective line settings changed (at start-up or by an admin).
    std::function<void(const LineSettings&)> lineSettingsChanged;
    /// An account's capacity or languages changed; returns its link view.
    std::function<boost::json::object(const OperatorAccount&)> operatorChanged;
};

class Supervision
{
public:
    using Reply = std::function<void(std::string frame)>;

    Supervision(boost::asio::any_io_executor ex, StoreWorker& writer, StoreWorker& reader,
                SiteKeys& keys, LineSettings settings, TimeZone zone, SupervisionHooks hooks);
    ~Supervision();
    Supervision(const Supervision&) = delete;
    Supervision& operator=(const Supervision&) = delete;

    /// Applies the settings stored by admins, then calls `done` and starts
    /// the daily retention purge. `done` gets an error text if the store
    /// could not be read.
    void start(std::function<void(std::string error)> done);

    /// Adds these commands to the link's table; `actorOf` says who sent one.
    /// A handler throws LinkError for what is wrong before any store work.
    void addCommands(CommandTable& table, std::function<Actor(const LinkState&)> actorOf);

    const LineSettings& lineSettings() const { return m_settings; }

    /// The config file was read again (SIGHUP): its values replace the
    /// file's, admins' overrides stay on top, and the line's zone changes.
    void reloadFile(const LineSettings& fromFile, TimeZone zone);

private:
    template <typename F, typename D> void write(F&& fn, D&& done);
    template <typename F, typename D> void read(F&& fn, D&& done);

    void reviewList(const Actor&, const link::Request&, const Reply&);
    void reviewGet(const Actor&, const link::Request&, const Reply&);
    void reviewMark(const Actor&, const link::Request&, const Reply&);
    void reviewComment(const Actor&, const link::Request&, const Reply&);
    void reviewFollowUp(const Actor&, const link::Request&, const Reply&);
    void reportGet(const Actor&, const link::Request&, const Reply&);
    void auditList(const Actor&, const link::Request&, const Reply&);
    void callerReveal(const Actor&, const link::Request&, const Reply&);
    void commentList(const Actor&, const link::Request&, const Reply&);
    void commentRead(const Actor&, const link::Request&, const Reply&);
    void settingsGet(const Actor&, const link::Request&, const Reply&);
    void settingsSet(const Actor&, const link::Request&, const Reply&);
    void operatorCapacity(const Actor&, const link::Request&, const Reply&);
    void operatorLanguages(const Actor&, const link::Request&, const Reply&);
    void retentionPurge(const Actor&, const link::Request&, const Reply&);

    /// One chunk of the purge; chains the next until none is left, then
    /// records the run and calls `done(contacts, messages, notes)`.
    void
    purgeChunk(EpochMs cutoff, std::optional<Id> by, std::size_t contacts, std::size_t messages,
               std::size_t notes,
               std::function<void(std::string error, std::size_t, std::size_t, std::size_t)> done);
    void schedulePurge(std::chrono::milliseconds delay);

    boost::asio::any_io_executor m_ex;
    StoreWorker& m_writer;
    StoreWorker& m_reader;
    SiteKeys& m_keys;
    LineSettings m_settings;
    TimeZone m_zone; ///< the line's: dates in filters and reports
    SupervisionHooks m_hooks;
    std::shared_ptr<bool> m_alive;
    boost::asio::steady_timer m_purgeTimer;
    bool m_purging = false;
};

} // namespace warmline::telephony
