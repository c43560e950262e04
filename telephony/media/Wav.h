#pragma once

// Reading the line's audio prompts: RIFF/WAVE files of 16-bit linear PCM,
// mono, 8000 Hz (what G.711 carries). Pure; thread-safe.

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace warmline {

/// A WAV file that cannot be used, with the reason.
class WavError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Largest prompt accepted: ten minutes at 8 kHz.
inline constexpr std::size_t kMaxWavSamples = 8000 * 600;

/// The samples of a WAV file's bytes. Throws WavError unless it is PCM,
/// 16-bit, mono, 8000 Hz, with at least one sample and at most kMaxWavSamples.
std::vector<std::int16_t> parseWav(std::string_view bytes);
/// Reads and parses a file; WavError names the file.
std::vector<std::int16_t> loadWav(const std::filesystem::path& path);
/// A WAV file's bytes for samples (16-bit mono 8000 Hz); for tools and tests.
std::string makeWav(const std::vector<std::int16_t>& samples);

} // namespace warmline
