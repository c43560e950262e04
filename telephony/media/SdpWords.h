#pragma once

// The fields of an SDP line: runs of characters between spaces and tabs
// (RFC 4566 separates fields by one space; peers send more, or tabs).
// Shared by Sdp.cpp and Srtp.cpp (the a=crypto attribute).

#include <string_view>
#include <vector>

namespace warmline {

inline std::vector<std::string_view> sdpWords(std::string_view line)
{
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
            ++i;
        }
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') {
            ++i;
        }
        if (i > start) {
            out.push_back(line.substr(start, i - start));
        }
    }
    return out;
}

} // namespace warmline
