#pragma once

// SQLite connections served by threads of their own. The writer instance is
// one connection on one thread and runs queued jobs in group-committed
// transactions (each job in its own savepoint, so a failing job rolls back
// alone); a reader instance is a small pool (StoreOptions::readers), each
// thread with its own read-only connection, and runs each job in one read
// transaction, so a job's queries all see one snapshot and a long job (a
// report) leaves the other threads to short ones (a login). Jobs and
// completions run on a worker thread: a completion must only hand its
// result over (post to an event loop), never block. submit() is thread-safe.

#include "core/store/Repository.h"

#include <array>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <type_traits>
#include <vector>

namespace SQLite {
class Database;
}

namespace warmline {

enum class Synchronous
{
    Off,
    Normal,
    Full
};

struct StoreOptions
{
    std::filesystem::path path;
    Synchronous synchronous = Synchronous::Full;
    std::size_t groupCommitMax = 512;  ///< jobs per transaction at most
    std::size_t maxQueuedJobs = 20000; ///< submit() refuses beyond this
    std::int64_t maxPageCount = 0;     ///< 0 = no cap on the file's size
    std::size_t readers = 2;           ///< a reader's connections (and threads)
};

/// The store could not take or finish a job; the caller answers "retry later".
class StoreUnavailable : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Why SQLite failed a job, by its primary result code; a job that threw
/// anything else refused on purpose (a domain rule) and is not a store error.
enum class StoreErrorKind
{
    Full,      ///< SQLITE_FULL: the disk, or store.max_pages
    Io,        ///< SQLITE_IOERR
    Busy,      ///< SQLITE_BUSY, SQLITE_LOCKED
    Corrupt,   ///< SQLITE_CORRUPT, SQLITE_NOTADB
    ReadOnly,  ///< SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM
    QueueFull, ///< submit() refused: maxQueuedJobs reached or stopping
    Other,     ///< any other SQLite error
    Count_
};

/// The label /metrics gives a kind: "full", "io", "busy", ...
std::string_view toString(StoreErrorKind kind);

/// The store's share in a job's failure: a SQLite error's kind, or none
/// when the job refused by throwing something of its own.
std::optional<StoreErrorKind> storeErrorKind(const std::exception_ptr& e);

/// Counters for /metrics; read from any thread.
struct StoreStats
{
    static constexpr std::array<double, 10> kBucketsMs{0.5, 1, 2, 5, 10, 25, 50, 100, 250, 1000};
    std::atomic<std::uint64_t> jobs{0};
    std::atomic<std::uint64_t> failedJobs{0}; ///< refusals by the job included
    /// Jobs that failed because of the store itself, by kind (not refusals).
    std::array<std::atomic<std::uint64_t>, static_cast<std::size_t>(StoreErrorKind::Count_)>
        errors{};
    std::atomic<std::uint64_t> batches{0};
    std::atomic<std::uint64_t> commitMicrosTotal{0};
    std::array<std::atomic<std::uint64_t>, kBucketsMs.size() + 1> commitBuckets{};
};

template <typename R> struct StoreResult
{
    std::exception_ptr error;
    std::optional<R> value;
};

template <> struct StoreResult<void>
{
    std::exception_ptr error;
};

class StoreWorker
{
public:
    enum class Mode
    {
        Writer,
        Reader
    };

    using Work = std::function<void(Repository&)>;
    using Done = std::function<void(std::exception_ptr)>;

    /// Opens the file (the writer creates and migrates it) and starts the thread.
    StoreWorker(const StoreOptions& options, Mode mode);
    /// Runs what is queued, then stops.
    ~StoreWorker();
    StoreWorker(const StoreWorker&) = delete;
    StoreWorker& operator=(const StoreWorker&) = delete;

    /// Queues a job. False (and `done` is not called) when the queue is full.
    bool submit(Work work, Done done);

    /// Queues a function returning a value; `done` receives it or the error.
    template <typename F, typename D> bool call(F&& fn, D&& done)
    {
        using R = std::invoke_result_t<F&, Repository&>;
        auto result = std::make_shared<StoreResult<R>>();
        return submit(
            [fn = std::forward<F>(fn), result](Repository& repo) mutable {
                if constexpr (std::is_void_v<R>) {
                    fn(repo);
                } else {
                    result->value.emplace(fn(repo));
                }
            },
            [done = std::forward<D>(done), result](std::exception_ptr e) mutable {
                // Moved, not copied: the store's thread keeps no reference
                // to the exception, so it is freed on the thread that reads it.
                result->error = std::move(e);
                done(std::move(*result));
            });
    }

    std::size_t queued() const;
    const StoreStats& stats() const { return m_stats; }

private:
    struct Job
    {
        Work work;
        Done done;
    };

    /// One connection and the thread that uses it.
    struct Connection
    {
        std::unique_ptr<SQLite::Database> db;
        std::unique_ptr<Repository> repo;
        std::thread thread;
    };

    void run(Connection& c);
    void runBatch(Connection& c, std::deque<Job>& batch);
    void runRead(Connection& c, Job& job, std::exception_ptr& error);
    void stop();

    StoreOptions m_options;
    Mode m_mode;
    std::vector<std::unique_ptr<Connection>> m_connections;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    StoreStats m_stats;
};

} // namespace warmline
