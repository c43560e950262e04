#include "telephony/media/Wav.h"

#include <fstream>
#include <sstream>
#include <string>

namespace warmline {

namespace {

std::uint32_t le32(std::string_view b, std::size_t at)
{
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}

std::uint16_t le16(std::string_view b, std::size_t at)
{
    return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                      static_cast<unsigned char>(b[at + 1]) << 8);
}

void put32(std::string& out, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i) {
        out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
    }
}

void put16(std::string& out, std::uint16_t v)
{
    out.push_back(static_cast<char>(v & 0xFF));
    out.push_back(static_cast<char>(v >> 8));
}

} // namespace

std::vector<std::int16_t> parseWav(std::string_view bytes)
{
    if (bytes.size() < 12 || bytes.substr(0, 4) != "RIFF" || bytes.substr(8, 4) != "WAVE") {
        throw WavError("not a RIFF/WAVE file");
    }
    bool haveFormat = false;
    std::size_t at = 12;
    while (at + 8 <= bytes.size()) {
        const std::string_view id = bytes.substr(at, 4);
        const std::uint32_t size = le32(bytes, at + 4);
        const std::size_t body = at + 8;
        if (size > bytes.size() - body) {
            // A data chunk cut short (or with a streaming size): take what is there.
            if (id != "data") {
                throw WavError("a chunk runs past the end of the file");
            }
        }
        const std::size_t available = std::min<std::size_t>(size, bytes.size() - body);
        if (id == "fmt ") {
            if (available < 16) {
                throw WavError("the fmt chunk is too short");
            }
            const auto format = le16(bytes, body);
            const auto channels = le16(bytes, body + 2);
            const auto rate = le32(bytes, body + 4);
            const auto bits = le16(bytes, body + 14);
            if (format != 1 || bits != 16) {
                throw WavError("only 16-bit linear PCM is supported");
            }
            if (channels != 1) {
                throw WavError("only mono is supported (the file has " + std::to_string(channels) +
                               " channels)");
            }
            if (rate != 8000) {
                throw WavError("only 8000 Hz is supported (the file has " + std::to_string(rate) +
                               " Hz)");
            }
            haveFormat = true;
        } else if (id == "data") {
            if (!haveFormat) {
                throw WavError("the data chunk comes before the fmt chunk");
            }
            const std::size_t count = available / 2;
            if (count == 0) {
                throw WavError("the file has no samples");
            }
            if (count > kMaxWavSamples) {
                throw WavError("the file is longer than ten minutes");
            }
            std::vector<std::int16_t> samples(count);
            for (std::size_t i = 0; i < count; ++i) {
                samples[i] = static_cast<std::int16_t>(le16(bytes, body + 2 * i));
            }
            return samples;
        }
        at = body + available + (available % 2);
    }
    throw WavError("no data chunk");
}

std::vector<std::int16_t> loadWav(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw WavError(path.string() + ": cannot be opened for reading");
    }
    std::ostringstream content;
    content << in.rdbuf();
    try {
        return parseWav(content.str());
    } catch (const WavError& e) {
        throw WavError(path.string() + ": " + e.what());
    }
}

std::string makeWav(const std::vector<std::int16_t>& samples)
{
    std::string out = "RIFF";
    const auto dataBytes = static_cast<std::uint32_t>(samples.size() * 2);
    put32(out, 36 + dataBytes);
    out += "WAVEfmt ";
    put32(out, 16);
    put16(out, 1);
    put16(out, 1);
    put32(out, 8000);
    put32(out, 16000);
    put16(out, 2);
    put16(out, 16);
    out += "data";
    put32(out, dataBytes);
    for (const auto s : samples) {
        put16(out, static_cast<std::uint16_t>(s));
    }
    return out;
}

} // namespace warmline
