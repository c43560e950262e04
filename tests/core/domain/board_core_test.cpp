// The shift board's pure parts: alert text that never carries a number,
// alert JSON both ways, the shift's start and figures, and the store's
// alerts (acknowledged once, with an escalation step) and line state.

#include "core/config/Config.h"
#include "core/domain/Alert.h"
#include "core/domain/ShiftFigures.h"
#include "core/store/Repository.h"
#include "core/store/Schema.h"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

using namespace warmline;

namespace {
constexpr EpochMs kMinute = 60'000;
constexpr EpochMs kHour = 60 * kMinute;
// 2026-01-05 00:00 UTC, a Monday.
constexpr EpochMs kMonday = 1'767'571'200'000;
} // namespace

TEST_CASE("alert text masks anything that looks like a phone number")
{
    CHECK(sanitizeAlertText("Caller +1 (555) 555-0142 said hi") == "Caller [number] said hi");
    CHECK(sanitizeAlertText("texted from 5555550142.") == "texted from [number].");
    CHECK(sanitizeAlertText("555.555.0142 and 555 0100 999") == "[number] and [number]");
    // Short numbers (times, counts, aliases) stay.
    CHECK(sanitizeAlertText("Amber Heron 417 waited 5m 12s") == "Amber Heron 417 waited 5m 12s");
    CHECK(sanitizeAlertText("2 contacts at 14:05") == "2 contacts at 14:05");
    CHECK(sanitizeAlertText("line\nbreak\tand\x7f") == "line break and ");
    // Cut at a UTF-8 boundary.
    const std::string cut = sanitizeAlertText("ab\xc3\xa9\xc3\xa9", 4);
    CHECK(cut == "ab\xc3\xa9");
}

TEST_CASE("an alert survives its JSON form")
{
    Alert a;
    a.id = 7;
    a.kind = AlertKind::Escalation;
    a.contactId = 42;
    a.escalationId = 3;
    a.level = AlertLevel::Imminent;
    a.text = "Imminent risk: Quiet Cedar 052";
    a.raisedAt = 1000;
    a.lastRaisedAt = 2000;
    a.repeatCount = 1;
    a.toAll = true;
    const auto o = toJson(a, "lee");
    CHECK(o.at("louder") == true);
    CHECK(o.at("operatorId").is_null());
    CHECK(o.at("kind") == "escalation");
    const Alert back = alertFromJson(o);
    CHECK(back.id == 7);
    CHECK(back.kind == AlertKind::Escalation);
    CHECK(back.contactId == 42);
    CHECK_FALSE(back.operatorId);
    CHECK(back.escalationId == 3);
    CHECK(back.level == AlertLevel::Imminent);
    CHECK(back.repeatCount == 1);
    CHECK(back.toAll);
    CHECK(back.open());
    auto bad = o;
    bad["kind"] = "party";
    CHECK_THROWS_AS(alertFromJson(bad), std::invalid_argument);
    bad = o;
    bad.erase("text");
    CHECK_THROWS_AS(alertFromJson(bad), std::invalid_argument);
}

TEST_CASE("shift start times parse strictly and pick the latest start")
{
    CHECK(parseShiftStarts("").empty());
    CHECK(parseShiftStarts("23:00, 07:00,15:00, 07:00") == std::vector<int>{420, 900, 1380});
    CHECK_THROWS_AS(parseShiftStarts("7am"), ShiftStartsError);
    CHECK_THROWS_AS(parseShiftStarts("07:00,,15:00"), ShiftStartsError);
    CHECK_THROWS_AS(parseShiftStarts("24:00"), ShiftStartsError);
    CHECK_THROWS_AS(parseShiftStarts("07:60"), ShiftStartsError);

    const std::vector<int> starts{420, 900, 1380}; // 07:00, 15:00, 23:00
    CHECK(shiftStartAt(kMonday + 10 * kHour, starts, TimeZone(), kHour) == kMonday + 7 * kHour);
    CHECK(shiftStartAt(kMonday + 15 * kHour, starts, TimeZone(), kHour) == kMonday + 15 * kHour);
    // 03:00 belongs to the shift that began at 23:00 the day before.
    CHECK(shiftStartAt(kMonday + 3 * kHour, starts, TimeZone(), kHour) == kMonday - kHour);
    // Local time two hours ahead of UTC: 07:00 local is 05:00 UTC.
    CHECK(shiftStartAt(kMonday + 6 * kHour, starts, TimeZone::fixed(120), kHour) ==
          kMonday + 5 * kHour);
    // No start times: a window before now.
    CHECK(shiftStartAt(kMonday + 10 * kHour, {}, TimeZone(), 8 * kHour) == kMonday + 2 * kHour);
}

TEST_CASE("the shift's figures count each contact once and forget earlier shifts")
{
    ShiftStats stats;
    const EpochMs start = kMonday + 7 * kHour;
    stats.recordAnswered(1, start - kMinute, 10'000); // before the shift
    stats.recordAnswered(2, start + kMinute, 30'000);
    stats.recordAnswered(3, start + 2 * kMinute, 5 * kMinute);
    stats.recordAnswered(2, start + 3 * kMinute, 10 * kMinute); // taken again: not counted
    stats.recordAbandoned(4, start + 4 * kMinute);
    stats.recordAbandoned(5, start - 2 * kMinute);
    const auto f = stats.figures(start, 2 * kMinute);
    CHECK(f.answered == 2);
    CHECK(f.answeredWithinTarget == 1);
    CHECK(f.abandoned == 1);
    REQUIRE(f.serviceLevel());
    CHECK(*f.serviceLevel() == Approx(1.0 / 3.0));
    const auto o = toJson(f, 2 * kMinute);
    CHECK(o.at("answered") == 2);
    CHECK(o.at("serviceLevel").as_double() == Approx(1.0 / 3.0));
    CHECK(!ShiftStats().figures(start, kMinute).serviceLevel());
    CHECK(toJson(ShiftStats().figures(start, kMinute), kMinute).at("serviceLevel").is_null());
}

TEST_CASE("alerts are stored, acknowledged once, and an escalation records the step")
{
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db);
    Repository repo(db);
    OperatorAccount lead;
    lead.name = "lee";
    lead.role = Role::Lead;
    const Id leeId = repo.operators().addOperator(lead, "hash");
    db.exec("INSERT INTO callers (id, number_hash, number_enc, alias, created_at) "
            "VALUES (1, x'01', x'02', 'Amber Heron 417', 0)");
    db.exec("INSERT INTO contacts (id, caller_id, channel, state, created_at, queued_at) "
            "VALUES (10, 1, 'text', 'queued', 0, 0)");
    db.exec("INSERT INTO escalations (id, contact_id, level, source, opened_at) "
            "VALUES (5, 10, 'imminent', 'text', 0)");

    Alert wait;
    wait.kind = AlertKind::WaitOverTarget;
    wait.contactId = 10;
    wait.text = "Amber Heron 417 has waited over 5m";
    wait.raisedAt = wait.lastRaisedAt = 100;
    const Id waitId = repo.board().addAlert(wait);
    Alert esc;
    esc.kind = AlertKind::Escalation;
    esc.contactId = 10;
    esc.escalationId = 5;
    esc.level = AlertLevel::Imminent;
    esc.text = "Imminent risk: Amber Heron 417";
    esc.raisedAt = esc.lastRaisedAt = 200;
    const Id escId = repo.board().addAlert(esc);

    REQUIRE(repo.board().openAlerts().size() == 2);
    repo.board().markAlertRaisedAgain(escId, 2, 900, true);
    auto stored = repo.board().alert(escId);
    REQUIRE(stored);
    CHECK(stored->repeatCount == 2);
    CHECK(stored->lastRaisedAt == 900);
    CHECK(stored->toAll);
    // Its contact changed hands: the words and the operator are retold.
    repo.board().retellAlert(escId, "Imminent risk: Amber Heron 417 (with lee)", leeId);
    CHECK(repo.board().alert(escId)->text == "Imminent risk: Amber Heron 417 (with lee)");
    CHECK(repo.board().alert(escId)->operatorId == leeId);
    repo.board().retellAlert(escId, "Imminent risk: Amber Heron 417 (waiting)", std::nullopt);
    CHECK_FALSE(repo.board().alert(escId)->operatorId);

    const auto acked = repo.board().acknowledgeAlert(escId, leeId, 1000);
    REQUIRE(acked);
    CHECK(acked->acknowledgedBy == leeId);
    CHECK(acked->acknowledgedAt == 1000);
    SQLite::Statement steps(db, "SELECT kind, operator_id, escalation_id FROM escalation_steps");
    REQUIRE(steps.executeStep());
    CHECK(steps.getColumn(0).getString() == "lead_acknowledged");
    CHECK(steps.getColumn(1).getInt64() == leeId);
    CHECK(steps.getColumn(2).getInt64() == 5);
    CHECK_FALSE(steps.executeStep());

    // A second acknowledgement changes nothing and adds no step.
    const auto again = repo.board().acknowledgeAlert(escId, leeId, 2000);
    REQUIRE(again);
    CHECK(again->acknowledgedAt == 1000);
    CHECK(db.execAndGet("SELECT COUNT(*) FROM escalation_steps").getInt() == 1);
    // A repeat after the acknowledgement is not recorded.
    repo.board().markAlertRaisedAgain(escId, 3, 3000, true);
    CHECK(repo.board().alert(escId)->repeatCount == 2);
    // Nor is a retelling.
    repo.board().retellAlert(escId, "Imminent risk: Amber Heron 417 (with sam)", std::nullopt);
    CHECK(repo.board().alert(escId)->text == "Imminent risk: Amber Heron 417 (waiting)");

    CHECK_FALSE(repo.board().acknowledgeAlert(999, leeId, 1000));
    const auto open = repo.board().openAlerts();
    REQUIRE(open.size() == 1);
    CHECK(open[0].id == waitId);
    CHECK(repo.board().alertsSince(0, 10).size() == 2);
    CHECK(repo.board().alertsSince(150, 10).size() == 1);

    CHECK_FALSE(repo.board().lineState("after_hours"));
    repo.board().setLineState("after_hours", "on", leeId, 5);
    repo.board().setLineState("after_hours", "off", leeId, 6);
    CHECK(repo.board().lineState("after_hours") == "off");
}

TEST_CASE("the board's config keys parse, and bad shift start times name the key")
{
    const auto config = parseGatewayConfig("[board]\nshift_starts = 07:00, 19:00\n"
                                           "wait_alert = 0\nrecovery_grace = 90s\n"
                                           "[alerts]\nrepeat_after = 30s\n",
                                           "gateway.conf");
    CHECK(config.board.shiftStarts == "07:00, 19:00");
    CHECK(config.board.waitAlert.count() == 0);
    CHECK(config.board.recoveryGrace.count() == 90'000);
    CHECK(config.alerts.repeatAfter.count() == 30'000);
    try {
        parseGatewayConfig("[board]\nshift_starts = 7am\n", "gateway.conf");
        FAIL("a bad shift start was accepted");
    } catch (const ConfigError& e) {
        CHECK(e.key() == "board.shift_starts");
        CHECK(e.line() == 2);
    }
    CHECK_THROWS_AS(parseGatewayConfig("[board]\ncheck_interval = 10ms\n", "gateway.conf"),
                    ConfigError);
}
