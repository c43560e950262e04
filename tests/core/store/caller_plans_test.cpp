// A caller's own plans in the store (core/store/CallerPlans.h): consent
// first, sections merged, changes kept without words, deletion blanking
// and audited; the text a caller is sent, and how a long one is split.

#include "ReviewStoreFixture.h"
#include "core/store/CallerPlans.h"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <string>

using namespace warmline;
using namespace warmline::test;

namespace {

Id callerOf(SQLite::Database& db, Id contact)
{
    SQLite::Statement q(db, "SELECT caller_id FROM contacts WHERE id = ?");
    q.bind(1, contact);
    REQUIRE(q.executeStep());
    return q.getColumn(0).getInt64();
}

} // namespace

TEST_CASE("a plan is kept only with consent, and each change keeps who, when and which sections",
          "[store][plans]")
{
    Known k;
    const Id caller = callerOf(k.db, k.a);
    CHECK_THROWS_AS(savePlan(k.db, caller, PlanKind::Wrap, {{"triggers", "synthetic: crowds"}},
                             std::nullopt, k.sam, k.a, kT0),
                    PlanConsentNeeded);
    CHECK_THROWS_AS(savePlan(k.db, caller, PlanKind::Wrap, {{"reasons_for_living", "x"}},
                             std::string("ok"), k.sam, k.a, kT0),
                    std::invalid_argument);
    CHECK(plansOf(k.db, caller).empty());

    auto p = savePlan(k.db, caller, PlanKind::Wrap,
                      {{"triggers", "synthetic: crowds"}, {"wellness_toolbox", "synthetic: tea"}},
                      std::string("synthetic: keep it"), k.sam, k.a, kT0);
    CHECK(p.consentBy == "sam");
    CHECK(p.consentAt == kT0);
    // In the plan's order, whatever the order given.
    REQUIRE(p.sections.size() == 2);
    CHECK(p.sections[0].first == "wellness_toolbox");

    p = savePlan(k.db, caller, PlanKind::Wrap,
                 {{"triggers", "synthetic: crowds"},
                  {"wellness_toolbox", ""},
                  {"post_crisis", "synthetic: rest a day"}},
                 std::nullopt, k.jo, k.b, kT0 + 1000);
    CHECK(p.section("wellness_toolbox").empty()); // "" clears a section
    CHECK(p.section("triggers") == "synthetic: crowds");
    CHECK(p.updatedBy == "jo");
    REQUIRE(p.changes.size() == 2);
    // Unchanged sections are not listed as changed.
    CHECK(p.changes[0].sections == std::vector<std::string>{"wellness_toolbox", "post_crisis"});
    CHECK(p.changes[0].operatorName == "jo");
    CHECK(p.consentBy == "sam");

    // Deleting blanks it; a new one needs consent again.
    CHECK(deletePlan(k.db, caller, PlanKind::Wrap, k.sam, k.b, kT0 + 2000));
    CHECK_FALSE(deletePlan(k.db, caller, PlanKind::Wrap, k.sam, k.b, kT0 + 3000));
    CHECK(plansOf(k.db, caller).empty());
    CHECK(k.db.execAndGet("SELECT COUNT(*) FROM caller_plans WHERE sections != '{}' "
                          "OR consent_text != ''")
              .getInt() == 0);
    CHECK(k.db.execAndGet("SELECT COUNT(*) FROM audit_log WHERE action = 'plan.delete' "
                          "AND detail = '{\"kind\":\"wrap\"}'")
              .getInt() == 1);
    CHECK_THROWS_AS(savePlan(k.db, caller, PlanKind::Wrap, {{"triggers", "x"}}, std::nullopt, k.sam,
                             k.b, kT0 + 4000),
                    PlanConsentNeeded);
}

TEST_CASE("a plan is sent with its titles in the caller's language, split at paragraphs",
          "[store][plans]")
{
    CallerPlan p;
    p.kind = PlanKind::Safety;
    p.sections = {{"help_people", "synthetic: Ana"}, {"reasons_for_living", "synthetic: Pepper"}};
    CHECK(planText(p, "en") == "Your safety plan\n\nPeople I can ask for help:\nsynthetic: "
                               "Ana\n\nMy reasons for living:\nsynthetic: Pepper");
    CHECK(planText(p, "es").rfind("Tu plan de seguridad\n\nPersonas a quienes puedo pedir ayuda:",
                                  0) == 0);

    CHECK(splitIntoTexts("short", 1600) == std::vector<std::string>{"short"});
    CHECK(splitIntoTexts("", 1600).empty());
    const std::string a(900, 'a');
    const std::string b(900, 'b');
    const auto parts = splitIntoTexts(a + "\n\n" + b, 1000);
    REQUIRE(parts.size() == 2);
    CHECK(parts[0] == "(1/2) " + a);
    CHECK(parts[1] == "(2/2) " + b);
    // No paragraph or space: cut between characters, never inside one.
    std::string n;
    for (int i = 0; i < 1500; ++i) {
        n += "\xC3\xB1";
    }
    for (const auto& part : splitIntoTexts(n, 1000)) {
        CHECK(part.size() <= 1000);
        const auto words = part.substr(part.find(' ') + 1);
        CHECK(words.size() % 2 == 0);
        CHECK(words.find_first_not_of("\xC3\xB1") == std::string::npos);
    }
    // Bounded: at most 20 messages.
    CHECK(splitIntoTexts(std::string(100000, 'x'), 1000).size() == 20);
}
