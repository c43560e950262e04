#include "core/store/StoreWorker.h"

#include "core/store/Schema.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>

namespace warmline {

std::optional<StoreErrorKind> storeErrorKind(const std::exception_ptr& e)
{
    try {
        std::rethrow_exception(e);
    } catch (const SQLite::Exception& ex) {
        switch (ex.getErrorCode() & 0xff) {
        case SQLITE_FULL:
            return StoreErrorKind::Full;
        case SQLITE_IOERR:
            return StoreErrorKind::Io;
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return StoreErrorKind::Busy;
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return StoreErrorKind::Corrupt;
        case SQLITE_READONLY:
        case SQLITE_CANTOPEN:
        case SQLITE_PERM:
            return StoreErrorKind::ReadOnly;
        default:
            return StoreErrorKind::Other;
        }
    } catch (...) {
        return std::nullopt;
    }
}

namespace {

void countError(StoreStats& stats, StoreErrorKind kind)
{
    stats.errors[static_cast<std::size_t>(kind)].fetch_add(1, std::memory_order_relaxed);
}

std::string pragmaSynchronous(Synchronous s)
{
    switch (s) {
    case Synchronous::Off:
        return "OFF";
    case Synchronous::Normal:
        return "NORMAL";
    case Synchronous::Full:
        return "FULL";
    }
    return "FULL";
}

} // namespace

StoreWorker::StoreWorker(const StoreOptions& options, Mode mode) : m_options(options), m_mode(mode)
{
    const std::size_t count = mode == Mode::Writer ? 1 : std::max<std::size_t>(1, options.readers);
    for (std::size_t i = 0; i < count; ++i) {
        auto c = std::make_unique<Connection>();
        const int flags = mode == Mode::Writer ? (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE)
                                               : SQLite::OPEN_READONLY;
        c->db = std::make_unique<SQLite::Database>(m_options.path, flags, 5000);
        if (mode == Mode::Writer) {
            c->db->exec("PRAGMA journal_mode = WAL");
            c->db->exec("PRAGMA synchronous = " + pragmaSynchronous(m_options.synchronous));
            c->db->exec("PRAGMA foreign_keys = ON");
            // Deleted and overwritten content is zeroed, not left in free
            // pages: what retention removes is gone from the file.
            c->db->exec("PRAGMA secure_delete = ON");
            migrate(*c->db);
            if (m_options.maxPageCount > 0) {
                c->db->exec("PRAGMA max_page_count = " + std::to_string(m_options.maxPageCount));
            }
        } else {
            c->db->exec("PRAGMA query_only = ON");
        }
        c->repo = std::make_unique<Repository>(*c->db);
        m_connections.push_back(std::move(c));
    }
    try {
        for (auto& c : m_connections) {
            c->thread = std::thread([this, conn = c.get()] { run(*conn); });
        }
    } catch (...) {
        stop();
        throw;
    }
}

StoreWorker::~StoreWorker()
{
    stop();
}

void StoreWorker::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto& c : m_connections) {
        if (c->thread.joinable()) {
            c->thread.join();
        }
        c->repo.reset();
    }
}

bool StoreWorker::submit(Work work, Done done)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping || m_jobs.size() >= m_options.maxQueuedJobs) {
            countError(m_stats, StoreErrorKind::QueueFull);
            return false;
        }
        m_jobs.push_back(Job{std::move(work), std::move(done)});
    }
    m_wake.notify_one();
    return true;
}

std::size_t StoreWorker::queued() const
{
    std::lock_guard lock(m_mutex);
    return m_jobs.size();
}

void StoreWorker::run(Connection& c)
{
    std::deque<Job> batch;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_jobs.empty()) {
                return; // stopping and drained
            }
            const std::size_t n = m_mode == Mode::Writer
                                      ? std::min(m_jobs.size(), m_options.groupCommitMax)
                                      : std::size_t{1};
            for (std::size_t i = 0; i < n; ++i) {
                batch.push_back(std::move(m_jobs.front()));
                m_jobs.pop_front();
            }
        }
        runBatch(c, batch);
        batch.clear();
    }
}

void StoreWorker::runRead(Connection& c, Job& job, std::exception_ptr& error)
{
    // One read transaction: every query of the job sees the same snapshot,
    // however many commits the writer makes meanwhile.
    try {
        c.db->exec("BEGIN");
    } catch (...) {
        error = std::current_exception();
        return;
    }
    try {
        job.work(*c.repo);
    } catch (...) {
        error = std::current_exception();
    }
    try {
        c.db->exec("COMMIT");
    } catch (...) {
        try {
            c.db->exec("ROLLBACK");
        } catch (...) {
            // No transaction left to end.
        }
    }
}

void StoreWorker::runBatch(Connection& c, std::deque<Job>& batch)
{
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::exception_ptr> errors(batch.size());
    auto& db = *c.db;
    auto& repo = *c.repo;

    if (m_mode == Mode::Reader) {
        for (std::size_t i = 0; i < batch.size(); ++i) {
            runRead(c, batch[i], errors[i]);
        }
    } else {
        std::exception_ptr batchError;
        try {
            db.exec("BEGIN IMMEDIATE");
        } catch (...) {
            batchError = std::current_exception();
        }
        for (std::size_t i = 0; i < batch.size() && !batchError; ++i) {
            try {
                db.exec("SAVEPOINT job");
            } catch (...) {
                batchError = std::current_exception();
                break;
            }
            try {
                batch[i].work(repo);
                db.exec("RELEASE job");
            } catch (...) {
                errors[i] = std::current_exception();
                try {
                    db.exec("ROLLBACK TO job");
                    db.exec("RELEASE job");
                } catch (...) {
                    batchError = std::current_exception();
                }
            }
        }
        if (!batchError) {
            try {
                db.exec("COMMIT");
            } catch (...) {
                batchError = std::current_exception();
            }
        }
        if (repo.takeCheckpointWanted() && !batchError) {
            try {
                // Readers' transactions are short: the busy timeout waits
                // for them, and a checkpoint that cannot finish is retried
                // with the next purge.
                db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (...) {
                // The data is committed either way.
            }
        }
        if (batchError) {
            try {
                db.exec("ROLLBACK");
            } catch (...) {
                // No transaction was open: BEGIN itself failed.
            }
            for (auto& e : errors) {
                if (!e) {
                    e = batchError;
                }
            }
            batchError = nullptr;
        }
    }

    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
    m_stats.batches.fetch_add(1, std::memory_order_relaxed);
    m_stats.commitMicrosTotal.fetch_add(static_cast<std::uint64_t>(micros),
                                        std::memory_order_relaxed);
    std::size_t bucket = 0;
    while (bucket < StoreStats::kBucketsMs.size() &&
           static_cast<double>(micros) / 1000.0 > StoreStats::kBucketsMs[bucket]) {
        ++bucket;
    }
    m_stats.commitBuckets[bucket].fetch_add(1, std::memory_order_relaxed);

    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (errors[i]) {
            m_stats.failedJobs.fetch_add(1, std::memory_order_relaxed);
            if (const auto kind = storeErrorKind(errors[i])) {
                countError(m_stats, *kind);
            }
        } else {
            m_stats.jobs.fetch_add(1, std::memory_order_relaxed);
        }
        if (batch[i].done) {
            // Handed over, not shared: an exception_ptr's count is not
            // visible to ThreadSanitizer, and this thread needs it no more.
            batch[i].done(std::move(errors[i]));
        }
    }
}

std::string_view toString(StoreErrorKind kind)
{
    switch (kind) {
    case StoreErrorKind::Full:
        return "full";
    case StoreErrorKind::Io:
        return "io";
    case StoreErrorKind::Busy:
        return "busy";
    case StoreErrorKind::Corrupt:
        return "corrupt";
    case StoreErrorKind::ReadOnly:
        return "readonly";
    case StoreErrorKind::QueueFull:
        return "queue_full";
    case StoreErrorKind::Other:
    case StoreErrorKind::Count_:
        break;
    }
    return "other";
}

} // namespace warmline
