// make_old_store: writes a store at an older schema version, for the package
// upgrade test (scripts/package-test): a gateway installed later must
// migrate it and keep its rows. Synthetic data only: one account.
//
//   make_old_store FILE VERSION NAME ROLE   (the password on standard input)

#include "core/security/PasswordHasher.h"
#include "core/store/Schema.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>

int main(int argc, char** argv)
{
    if (argc != 5) {
        std::cerr << "usage: make_old_store FILE VERSION NAME ROLE  (password on stdin)\n";
        return 2;
    }
    const std::string file = argv[1];
    const int version = std::atoi(argv[2]);
    if (version < 1 || version >= warmline::latestSchemaVersion()) {
        std::cerr << "make_old_store: VERSION must be 1.." << warmline::latestSchemaVersion() - 1
                  << " (older than this build's " << warmline::latestSchemaVersion() << ")\n";
        return 2;
    }
    std::string password;
    std::getline(std::cin, password);
    try {
        std::filesystem::remove(file);
        SQLite::Database db(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        warmline::migrate(db, version);
        // The operators table as migration 1 made it; later migrations add
        // columns with defaults, so the row must come through them whole.
        SQLite::Statement insert(db, "INSERT INTO operators (name, password_hash, role, capacity, "
                                     "created_at) VALUES (?, ?, ?, 3, ?)");
        insert.bind(1, argv[3]);
        insert.bind(2, warmline::PasswordHasher().hash(password));
        insert.bind(3, argv[4]);
        insert.bind(
            4, static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count()));
        insert.exec();
        std::cout << "schema " << warmline::schemaVersion(db) << " of "
                  << warmline::latestSchemaVersion() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "make_old_store: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
