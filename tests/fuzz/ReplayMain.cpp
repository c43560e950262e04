// Replays saved inputs through a fuzz target's entry function, for builds
// without libFuzzer (the regular gcc build and its ctest). Each argument is
// a file or a folder of files; hidden files (.gitkeep) and README.md are
// skipped. A target that finds a problem aborts, so the test fails with the
// file named on stderr just before.
//
// Usage: fuzz_replay_NAME [--allow-empty] PATH...   fails if no input was replayed
// (unless --allow-empty), so a missing corpus is not a silent pass.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

bool replayFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        return false;
    }
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
    std::fprintf(stderr, "replaying %s (%zu bytes)\n", path.c_str(), bytes.size());
    // A copy in a buffer of its own size, so an overread past the input is an
    // overread of the allocation (as under libFuzzer).
    std::vector<std::uint8_t> input(bytes.begin(), bytes.end());
    LLVMFuzzerTestOneInput(input.empty() ? nullptr : input.data(), input.size());
    return true;
}

bool skipped(const std::filesystem::path& path)
{
    const std::string name = path.filename().string();
    return name.empty() || name.front() == '.' || name == "README.md";
}

} // namespace

int main(int argc, char** argv)
{
    bool allowEmpty = false;
    std::size_t replayed = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--allow-empty") {
            allowEmpty = true;
            continue;
        }
        const std::filesystem::path path(arg);
        std::vector<std::filesystem::path> files;
        if (std::filesystem::is_directory(path)) {
            for (const auto& entry : std::filesystem::directory_iterator(path)) {
                if (entry.is_regular_file() && !skipped(entry.path())) {
                    files.push_back(entry.path());
                }
            }
            std::sort(files.begin(), files.end());
        } else if (std::filesystem::exists(path)) {
            files.push_back(path);
        } else {
            std::fprintf(stderr, "no such file or folder: %s\n", path.c_str());
            return 1;
        }
        for (const auto& file : files) {
            if (!replayFile(file)) {
                return 1;
            }
            ++replayed;
        }
    }
    std::printf("replayed %zu inputs\n", replayed);
    if (replayed == 0 && !allowEmpty) {
        std::fprintf(stderr, "no input was replayed\n");
        return 1;
    }
    return 0;
}
