#pragma once

// Operator passwords as argon2id strings (libsodium crypto_pwhash_str), with
// the salt and cost parameters inside the string. Immutable, so
// thread-safe, but each hash or verify takes about 64 MiB and a noticeable
// fraction of a second: callers bound how many run at once and keep them
// off latency-sensitive threads.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace warmline {

/// Hashing could not run (out of memory) or a stored hash is not one we read.
class PasswordHashError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Hashes and checks passwords with fixed argon2id limits. Immutable.
class PasswordHasher
{
public:
    /// The interactive limits (OPSLIMIT_INTERACTIVE, MEMLIMIT_INTERACTIVE).
    PasswordHasher();
    PasswordHasher(unsigned long long opsLimit, std::size_t memLimit);

    /// A fresh `$argon2id$...` string with a random salt. Throws PasswordHashError.
    std::string hash(std::string_view password) const;

    /// True when `password` matches `stored`. A malformed `stored` is false.
    bool verify(std::string_view stored, std::string_view password) const;

    /// True when `stored` was made with other limits or another algorithm and
    /// should be replaced by hash(password) after a successful login.
    bool needsRehash(std::string_view stored) const;

private:
    unsigned long long m_opsLimit;
    std::size_t m_memLimit;
};

} // namespace warmline
