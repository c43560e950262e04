// Escalation alerts from the gateway's public entry point, as the escalation
// flow calls it: a real Gateway on a real store file, with links that are
// real LinkPeer subclasses recording their frames. Leads get the alert at
// once, it repeats louder, goes to everyone on shift when nobody
// acknowledges it, and an acknowledgement is recorded as an escalation step.

#include "core/domain/CallerIdentity.h"
#include "core/link/LinkCodec.h"
#include "core/security/LoginThrottle.h"
#include "core/security/PasswordHasher.h"
#include "core/store/Repository.h"
#include "core/store/StoreWorker.h"
#include "support/Process.h"
#include "telephony/gateway/Gateway.h"

#include <SQLiteCpp/Database.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include <array>
#include <future>

using namespace warmline;
using namespace warmline::telephony;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

class RecordingPeer : public LinkPeer
{
public:
    void sendFrame(std::shared_ptr<const std::string> frame) override
    {
        frames.push_back(link::parseServerFrame(*frame));
    }
    void closeLink() override { closed = true; }
    const std::string& remoteAddress() const override { return m_address; }

    std::vector<link::ServerFrame> frames;
    bool closed = false;

private:
    std::string m_address = "127.0.0.1";
};

/// Runs the loop until `done` holds; false after `timeout`.
template <typename P>
bool runUntil(boost::asio::io_context& ioc, P done, std::chrono::milliseconds timeout = 20s)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        ioc.run_for(10ms);
    }
    return true;
}

const link::ServerFrame* findEvent(const RecordingPeer& peer, const std::string& name,
                                   const std::function<bool(const json::object&)>& pred)
{
    for (const auto& f : peer.frames) {
        if (f.kind == link::ServerFrame::Kind::Event && f.name == name && pred(f.data)) {
            return &f;
        }
    }
    return nullptr;
}

const link::ServerFrame* findAck(const RecordingPeer& peer, const std::string& re)
{
    for (const auto& f : peer.frames) {
        if (f.kind != link::ServerFrame::Kind::Event && f.re == re) {
            return &f;
        }
    }
    return nullptr;
}

template <typename F> auto onStore(StoreWorker& worker, F fn)
{
    using R = std::invoke_result_t<F&, Repository&>;
    auto promise = std::make_shared<std::promise<StoreResult<R>>>();
    auto future = promise->get_future();
    REQUIRE(worker.call(fn, [promise](StoreResult<R> r) { promise->set_value(std::move(r)); }));
    REQUIRE(future.wait_for(30s) == std::future_status::ready);
    auto r = future.get();
    REQUIRE_FALSE(r.error);
    return r;
}

} // namespace

TEST_CASE("an escalation alert reaches every lead, repeats louder, goes to all, and is "
          "acknowledged as an escalation step",
          "[gateway][board][alerts][escalation]")
{
    test::TempDir dir;
    StoreOptions options;
    options.path = dir / "warmline.db";
    options.synchronous = Synchronous::Normal;
    boost::asio::io_context ioc(1);
    auto guard = boost::asio::make_work_guard(ioc);
    StoreWorker writer(options, StoreWorker::Mode::Writer);
    StoreWorker reader(options, StoreWorker::Mode::Reader);

    const std::string password = "synthetic-password-1";
    const std::string hash = PasswordHasher().hash(password);
    const auto ids = onStore(writer, [&hash](Repository& repo) {
        OperatorAccount lead;
        lead.name = "lee";
        lead.role = Role::Lead;
        OperatorAccount op;
        op.name = "sam";
        op.role = Role::Operator;
        const Id leeId = repo.operators().addOperator(lead, hash);
        const Id samId = repo.operators().addOperator(op, hash);
        auto& db = repo.database();
        db.exec("INSERT INTO callers (id, number_hash, number_enc, alias, created_at) "
                "VALUES (1, x'01', x'02', 'Amber Heron 417', 0)");
        db.exec("INSERT INTO contacts (id, caller_id, channel, state, created_at, queued_at) "
                "VALUES (10, 1, 'text', 'queued', 0, 0)");
        db.exec("INSERT INTO escalations (id, contact_id, level, source, opened_at) "
                "VALUES (5, 10, 'imminent', 'text', 0)");
        return std::make_pair(leeId, samId);
    });
    const Id leeId = ids.value->first;

    std::array<unsigned char, kSiteKeyFileBytes> master{};
    master.fill(7);
    SiteKeys keys = SiteKeys::fromMaster(master);
    LoginThrottle throttle(LoginThrottle::Settings{});
    GatewaySettings settings;
    settings.board.checkIntervalMs = 50;
    settings.board.repeatAfterMs = 300;
    settings.board.escalateAfterMs = 900;
    settings.board.waitAlertMs = 0;
    settings.board.timeLimitMs = 0;
    settings.board.presenceStuckMs = 0;
    Gateway gateway(ioc.get_executor(), settings, writer, reader, keys, throttle, nullptr);
    std::optional<std::string> started;
    gateway.start([&](std::string error) { started = std::move(error); });
    REQUIRE(runUntil(ioc, [&] { return started.has_value(); }));
    REQUIRE(started->empty());

    auto lee = std::make_shared<RecordingPeer>();
    auto sam = std::make_shared<RecordingPeer>();
    for (const auto& [peer, name] : {std::pair{lee, "lee"}, std::pair{sam, "sam"}}) {
        gateway.attach(peer);
        gateway.handleFrame(
            peer, link::requestFrame("login", "login", {{"name", name}, {"password", password}}));
        REQUIRE(runUntil(ioc, [p = peer] { return findAck(*p, "login") != nullptr; }));
        REQUIRE(findAck(*peer, "login")->kind == link::ServerFrame::Kind::Ack);
    }
    gateway.handleFrame(sam, link::requestFrame("p", "presence.set", {{"presence", "available"}}));
    // Open escalation alerts, as the board lists them (a "no one available"
    // alert may open too while the contact waited before sam was available).
    int listed = 0;
    const auto openEscalationAlerts = [&] {
        const std::string id = "list" + std::to_string(++listed);
        gateway.handleFrame(lee, link::requestFrame(id, "alert.list", {}));
        REQUIRE(runUntil(ioc, [&] { return findAck(*lee, id) != nullptr; }));
        const auto& alerts = findAck(*lee, id)->data.at("alerts").as_array();
        return std::count_if(alerts.begin(), alerts.end(),
                             [](const json::value& a) { return a.at("kind") == "escalation"; });
    };

    gateway.raiseEscalationAlert(10, 5, RiskLevel::Imminent,
                                 "synthetic: plan and means; said to call +1 555 555 0142");
    const auto isEscalation = [](const json::object& d) {
        return d.at("alert").at("kind") == "escalation";
    };
    REQUIRE(runUntil(ioc, [&] { return findEvent(*lee, "alert.raised", isEscalation); }));
    const auto& first = findEvent(*lee, "alert.raised", isEscalation)->data.at("alert");
    const Id alertId = first.at("id").as_int64();
    CHECK(first.at("level") == "imminent");
    CHECK(first.at("escalationId") == 5);
    CHECK(first.at("louder") == false);
    const std::string text(first.at("text").as_string());
    CHECK(text.find("Amber Heron 417") != std::string::npos);
    CHECK(text.find("[number]") != std::string::npos);
    CHECK(text.find("555") == std::string::npos);
    // The operator is not shown it until it goes to everyone.
    CHECK_FALSE(findEvent(*sam, "alert.raised", isEscalation));
    // Raising the same escalation again at the same level adds nothing.
    gateway.raiseEscalationAlert(10, 5, RiskLevel::Imminent, "synthetic: again");

    // Unacknowledged: louder, then to everyone on shift.
    REQUIRE(runUntil(ioc, [&] {
        return findEvent(*lee, "alert.raised", [&](const json::object& d) {
            return d.at("alert").at("id").as_int64() == alertId &&
                   d.at("alert").at("louder") == true;
        });
    }));
    REQUIRE(runUntil(ioc, [&] {
        return findEvent(*sam, "alert.raised", [&](const json::object& d) {
            return d.at("alert").at("id").as_int64() == alertId &&
                   d.at("alert").at("toAll") == true;
        });
    }));
    CHECK(openEscalationAlerts() == 1);

    // An operator cannot acknowledge it; a lead can, once.
    gateway.handleFrame(sam, link::requestFrame("a1", "alert.ack", {{"alertId", alertId}}));
    REQUIRE(runUntil(ioc, [&] { return findAck(*sam, "a1") != nullptr; }));
    CHECK(findAck(*sam, "a1")->code == link::ErrorCode::Forbidden);
    gateway.handleFrame(lee, link::requestFrame("a2", "alert.ack", {{"alertId", alertId}}));
    REQUIRE(runUntil(ioc, [&] { return findAck(*lee, "a2") != nullptr; }));
    REQUIRE(findAck(*lee, "a2")->kind == link::ServerFrame::Kind::Ack);
    // Everyone who was shown it sees it end.
    REQUIRE(runUntil(ioc, [&] {
        return findEvent(*sam, "alert.acknowledged", [&](const json::object& d) {
            return d.at("alert").at("id").as_int64() == alertId;
        });
    }));
    CHECK(openEscalationAlerts() == 0);
    gateway.handleFrame(lee, link::requestFrame("a3", "alert.ack", {{"alertId", alertId}}));
    REQUIRE(runUntil(ioc, [&] { return findAck(*lee, "a3") != nullptr; }));

    const auto steps = onStore(reader, [](Repository& repo) {
        SQLite::Statement q(repo.database(),
                            "SELECT kind, operator_id, detail FROM escalation_steps "
                            "WHERE escalation_id = 5");
        std::vector<std::tuple<std::string, Id, std::string>> out;
        while (q.executeStep()) {
            out.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getInt64(),
                             q.getColumn(2).getString());
        }
        return out;
    });
    REQUIRE(steps.value->size() == 1);
    CHECK(std::get<0>(steps.value->front()) == "lead_acknowledged");
    CHECK(std::get<1>(steps.value->front()) == leeId);
    CHECK(std::get<2>(steps.value->front()) == "{\"alertId\":" + std::to_string(alertId) + "}");
}
