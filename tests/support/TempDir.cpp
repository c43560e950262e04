#include "support/TempDir.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <stdlib.h>

namespace fs = std::filesystem;

namespace warmline::test {

TempDir::TempDir(const std::string& prefix)
{
    const auto base = fs::temp_directory_path();
    std::string pattern = (base / (prefix + "-XXXXXX")).string();
    if (!::mkdtemp(pattern.data())) {
        throw std::runtime_error("mkdtemp " + pattern + ": " + std::strerror(errno));
    }
    m_path = pattern;
}

TempDir::~TempDir()
{
    if (std::getenv("WARMLINE_KEEP_TEST_DIRS")) {
        return;
    }
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

} // namespace warmline::test
