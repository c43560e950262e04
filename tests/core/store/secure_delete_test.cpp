// Retention really removes content from the disk: after a purge through the
// store's writer (secure delete on, the full-text indexes merged, the log
// checkpointed and truncated), none of a contact's words is left in the
// database file, its write-ahead log or a journal, while the store is still
// open. All words are synthetic and unique so a stray copy is found.

#include "core/domain/Retention.h"
#include "core/store/Interpretations.h"
#include "core/store/Repository.h"
#include "core/store/StoreWorker.h"
#include "support/TempDir.h"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>

using namespace warmline;
using warmline::test::TempDir;
namespace fs = std::filesystem;

namespace {

/// Runs `fn` on the writer and waits for it.
template <typename F> auto onWriter(StoreWorker& w, F&& fn)
{
    using R = decltype(fn(std::declval<Repository&>()));
    std::promise<R> p;
    auto f = p.get_future();
    REQUIRE(w.call(std::forward<F>(fn), [&p](StoreResult<R> r) {
        if (r.error) {
            p.set_exception(r.error);
        } else if constexpr (std::is_void_v<R>) {
            p.set_value();
        } else {
            p.set_value(std::move(*r.value));
        }
    }));
    return f.get();
}

/// Which of `words` appear in any file of `dir` (the database, -wal, -shm,
/// -journal).
std::vector<std::string> foundIn(const fs::path& dir, const std::vector<std::string>& words)
{
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(dir)) {
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
        for (const auto& w : words) {
            if (bytes.find(w) != std::string::npos) {
                found.push_back(w + " in " + entry.path().filename().string());
            }
        }
    }
    return found;
}

} // namespace

TEST_CASE("a purge leaves none of a contact's words in the database, its log or a journal")
{
    TempDir dir("warmline-secure-delete");
    StoreOptions options;
    options.path = dir.path() / "warmline.db";
    StoreWorker writer(options, StoreWorker::Mode::Writer);

    // Each word appears nowhere else: in the text, the wrap-up note (and its
    // full-text index), a note about the caller and the operator's debrief.
    const std::vector<std::string> words = {"zanzibarquokka", "marzipanheron", "pelicanfjord",
                                            "xylophonemoth", "quillpebble"};
    const auto contact = onWriter(writer, [&](Repository& repo) {
        OperatorAccount op;
        op.name = "sam";
        const Id sam = repo.operators().addOperator(op, "x");
        InboundText t;
        t.provider = Provider::Twilio;
        t.providerId = "SMsecure1";
        t.from = "+15555550123";
        t.to = "+15555550100";
        t.body = "synthetic: the " + words[0] + " kept me up again";
        t.receivedAt = 1000;
        IngestOptions o;
        o.caller = CallerKey{"hash-secure", "sealed", "Quiet Cedar 052"};
        const Id id = repo.texts().ingestInbound(t, o).contact.id;
        repo.contacts().markAccepted(id, sam, 2000);
        repo.callers().addCallerNote(repo.contacts().contact(id)->callerId, id, sam,
                                     "synthetic: likes the " + words[2], 2500);
        repo.contacts().markClosed(id, ContactState::Closed,
                                   "synthetic: talked about the " + words[1], 3000, std::nullopt);
        addDebrief(repo.database(), id, sam, "synthetic: the " + words[3] + " stayed with me",
                   3500);
        // A note about the caller outside any contact: it ages by its date.
        repo.callers().addCallerNote(repo.contacts().contact(id)->callerId, std::nullopt, sam,
                                     "synthetic: mentioned a " + words[4], 3600);
        return id;
    });
    REQUIRE(contact > 0);
    // Before: the words are on disk (the test would prove nothing otherwise).
    CHECK(foundIn(dir.path(), words).size() >= words.size());

    const auto purged = onWriter(writer, [](Repository& repo) {
        auto r = purgeContentBefore(repo.database(), 10'000, 20'000, 100);
        repo.wantCheckpoint();
        return r;
    });
    CHECK(purged.contacts == 1);
    CHECK_FALSE(purged.more);

    // The store is still open (its log would vanish on close anyway).
    const auto left = foundIn(dir.path(), words);
    INFO(left.size() << " left");
    for (const auto& l : left) {
        UNSCOPED_INFO(l);
    }
    CHECK(left.empty());
    // And the contact is still there, with what reports count.
    CHECK(onWriter(writer, [&](Repository& repo) {
              return repo.contacts().contact(contact)->state;
          }) == ContactState::Closed);
}
