// The floor for durable ingest: a bare SQLite insert loop with the same
// settings the gateway uses (WAL, synchronous=FULL), once committing every
// row on its own and once in groups like the gateway's writer. Prints rows/s.
//
//   bench_sqlite_insert [ROWS] [GROUP]

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

double run(const std::filesystem::path& file, int rows, int group)
{
    std::filesystem::remove(file);
    std::filesystem::remove(file.string() + "-wal");
    std::filesystem::remove(file.string() + "-shm");
    SQLite::Database db(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    db.exec("CREATE TABLE messages (id INTEGER PRIMARY KEY, provider_id TEXT UNIQUE, "
            "body TEXT NOT NULL, at INTEGER NOT NULL)");
    SQLite::Statement insert(db, "INSERT INTO messages (provider_id, body, at) VALUES (?, ?, ?)");
    const std::string body = "I just need someone to talk to tonight, it has been a long week";
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < rows; i += group) {
        db.exec("BEGIN IMMEDIATE");
        for (int j = i; j < i + group && j < rows; ++j) {
            insert.bind(1, "SM" + std::to_string(j));
            insert.bind(2, body);
            insert.bind(3, static_cast<std::int64_t>(j));
            insert.exec();
            insert.reset();
        }
        db.exec("COMMIT");
    }
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return rows / secs;
}

} // namespace

int main(int argc, char** argv)
{
    const int rows = argc > 1 ? std::atoi(argv[1]) : 20000;
    const int group = argc > 2 ? std::atoi(argv[2]) : 64;
    const auto dir = std::filesystem::temp_directory_path() / "warmline-bench-sqlite";
    std::filesystem::create_directories(dir);
    const auto file = dir / "bench.db";
    const double single = run(file, std::min(rows, 5000), 1);
    const double grouped = run(file, rows, group);
    std::printf("sqlite_insert_one_per_commit_rows_per_s %.0f\n", single);
    std::printf("sqlite_insert_grouped_%d_rows_per_s %.0f\n", group, grouped);
    std::filesystem::remove_all(dir);
    return 0;
}
