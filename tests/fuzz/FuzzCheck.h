#pragma once

// A check for fuzz targets that holds in every build (NDEBUG or not): on
// failure it names the condition and aborts, which libFuzzer reports as a
// crash and saves the input, and which fails the replay test in ctest.

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__,             \
                         #condition);                                                              \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)
