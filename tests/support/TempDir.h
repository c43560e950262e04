#pragma once

// A temporary directory for a test, on its own so that tests which start no
// processes (core/) can use it without the process helpers.

#include <filesystem>
#include <string>

namespace warmline::test {

/// A directory that exists for the object's lifetime; removed with its
/// contents in the destructor unless WARMLINE_KEEP_TEST_DIRS is set (for
/// looking at a failed test's files). Not thread-safe.
class TempDir
{
public:
    explicit TempDir(const std::string& prefix = "warmline-test");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

} // namespace warmline::test
