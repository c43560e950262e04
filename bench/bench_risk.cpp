// The risk engine on one core: messages per second, latency per message
// (p50, p99, max), the cost of a 100 KB message, the memory the compiled rules
// take, side by side with a naive baseline that lower-cases each message and
// runs std::string::find for every phrase of the same rules file. The
// labelled sets give both a quality figure too (docs/PERFORMANCE.md, "Risk
// engine").
//
//   bench_risk [MESSAGES [RULES]]  (default 300000 and resources/risk-rules.txt;
//                                  run under `taskset -c 0`; RULES lets one
//                                  binary compare two rules or model files)

#include "core/risk/RiskEngine.h"

#include <fmt/format.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
using warmline::RiskLevel;

const fs::path kSource = WARMLINE_SOURCE_DIR;

struct Labelled
{
    RiskLevel label;
    std::string text;
};

std::vector<Labelled> readLabelled(const fs::path& path)
{
    std::ifstream in(path);
    std::vector<Labelled> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const auto a = line.find('\t');
        const auto b = line.find('\t', a + 1);
        const auto level = warmline::parseRiskLevel(line.substr(0, a));
        if (a != std::string::npos && b != std::string::npos && level) {
            out.push_back({*level, line.substr(b + 1)});
        }
    }
    return out;
}

std::vector<std::string> readSimTexts(const fs::path& path)
{
    std::ifstream in(path);
    std::vector<std::string> out;
    std::string line;
    while (std::getline(in, line)) {
        const auto bar = line.find('|');
        if (!line.empty() && line[0] != '#' && bar != std::string::npos) {
            out.push_back(line.substr(bar + 1));
        }
    }
    return out;
}

long rssKiB()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::strtol(line.c_str() + 6, nullptr, 10);
        }
    }
    return -1;
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

/// The naive baseline: every phrase of the rules file as plain lower-case
/// text (alternatives expanded, placeholders dropped), found with
/// std::string::find. A phrase from a signal block of level high or above
/// counts as an alarm.
struct NaivePhrase
{
    std::string text;
    bool alarm = false;
};

std::vector<NaivePhrase> naivePhrases(const fs::path& rules)
{
    std::ifstream in(rules);
    std::vector<NaivePhrase> out;
    std::string line;
    bool inPhrases = false;
    bool alarm = false;
    while (std::getline(in, line)) {
        if (const auto hash = line.find('#'); hash != std::string::npos) {
            line.erase(hash);
        }
        while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) {
            line.pop_back();
        }
        if (line.empty()) {
            continue;
        }
        if (line[0] == '[') {
            const auto kind = line.substr(1, line.find_first_of(" ]") - 1);
            inPhrases = kind == "signal" || kind == "modifier" || kind == "idiom" ||
                        kind == "negation" || kind == "pseudo_negation";
            alarm = kind == "signal" && (line.find(" high") != std::string::npos ||
                                         line.find(" imminent") != std::string::npos);
            continue;
        }
        if (!inPhrases || line.find('{') != std::string::npos) {
            continue;
        }
        std::vector<std::string> phrases{""};
        std::istringstream words(line);
        std::string word;
        while (words >> word) {
            std::vector<std::string> next;
            std::size_t pos = 0;
            while (pos <= word.size()) {
                auto bar = word.find('|', pos);
                if (bar == std::string::npos) {
                    bar = word.size();
                }
                auto option = word.substr(pos, bar - pos);
                std::replace(option.begin(), option.end(), '_', ' ');
                for (const auto& p : phrases) {
                    next.push_back(p.empty() ? option : p + " " + option);
                }
                pos = bar + 1;
            }
            phrases = std::move(next);
        }
        for (auto& p : phrases) {
            out.push_back({lower(p), alarm});
        }
    }
    return out;
}

bool naiveAlarm(const std::vector<NaivePhrase>& phrases, std::string_view message, int& found)
{
    const auto text = lower(message);
    bool alarm = false;
    for (const auto& p : phrases) {
        if (text.find(p.text) != std::string::npos) {
            ++found;
            alarm = alarm || p.alarm;
        }
    }
    return alarm;
}

struct Latency
{
    double p50 = 0, p99 = 0, max = 0, mean = 0;
};

template <typename F>
Latency timeEach(const std::vector<std::string>& messages, std::size_t count, F&& score)
{
    std::vector<double> ns;
    ns.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const auto& m = messages[i % messages.size()];
        const auto t0 = Clock::now();
        score(m);
        const auto t1 = Clock::now();
        ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
    }
    Latency l;
    for (const auto v : ns) {
        l.mean += v;
    }
    l.mean /= static_cast<double>(ns.size());
    std::sort(ns.begin(), ns.end());
    l.p50 = ns[ns.size() / 2];
    l.p99 = ns[std::min(ns.size() - 1, ns.size() * 99 / 100)];
    l.max = ns.back();
    return l;
}

/// CPU time of this thread per call: what scoring costs, without the time
/// the scheduler gives other processes on a shared machine.
template <typename F> Latency cpuEach(const std::string& message, std::size_t count, F&& score)
{
    std::vector<double> ns;
    ns.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        timespec t0{}, t1{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
        score(message);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
        ns.push_back(static_cast<double>(t1.tv_sec - t0.tv_sec) * 1e9 +
                     static_cast<double>(t1.tv_nsec - t0.tv_nsec));
    }
    std::sort(ns.begin(), ns.end());
    Latency l;
    l.p50 = ns[ns.size() / 2];
    l.p99 = ns[std::min(ns.size() - 1, ns.size() * 99 / 100)];
    l.max = ns.back();
    return l;
}

template <typename F>
double throughput(const std::vector<std::string>& messages, std::size_t count, F&& score)
{
    const auto t0 = Clock::now();
    for (std::size_t i = 0; i < count; ++i) {
        score(messages[i % messages.size()]);
    }
    const auto seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    return static_cast<double>(count) / seconds;
}

} // namespace

int main(int argc, char** argv)
{
    const std::size_t count = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 300'000;
    const auto rulesPath = argc > 2 ? fs::path(argv[2]) : kSource / "resources/risk-rules.txt";

    const long rssBefore = rssKiB();
    const auto c0 = Clock::now();
    const auto engine = warmline::RiskEngine::fromFile(rulesPath);
    const auto compileMs = std::chrono::duration<double, std::milli>(Clock::now() - c0).count();
    const long rssRules = rssKiB() - rssBefore;
    const auto naive = naivePhrases(rulesPath);

    std::vector<Labelled> labelled = readLabelled(kSource / "tests/data/risk-eval.tsv");
    for (const auto* extra : {"tests/data/risk-eval-holdout.tsv", "tests/data/risk-eval-blind.tsv",
                              "tests/data/risk-eval-blind2.tsv"}) {
        for (auto& l : readLabelled(kSource / extra)) {
            labelled.push_back(std::move(l));
        }
    }
    std::vector<std::string> messages;
    for (const auto& l : labelled) {
        messages.push_back(l.text);
    }
    for (auto& s : readSimTexts(kSource / "resources/sim/texts.txt")) {
        messages.push_back(std::move(s));
    }
    std::size_t bytes = 0;
    for (const auto& m : messages) {
        bytes += m.size();
    }

    const auto rulesOnly = engine.withoutModel();
    std::cout << fmt::format("rules {} with model {} ({} naive phrases), compiled in {:.1f} ms, "
                             "RSS +{} KiB\n",
                             engine.version(), engine.modelVersion(), naive.size(), compileMs,
                             rssRules);
    std::cout << fmt::format("corpus: {} distinct messages, mean {:.0f} bytes, scored {} times\n",
                             messages.size(), static_cast<double>(bytes) / messages.size(), count);

    std::size_t sink = 0;
    const auto engineScore = [&](const std::string& m) {
        sink += static_cast<std::size_t>(engine.assess(m).level);
    };
    const auto rulesOnlyScore = [&](const std::string& m) {
        sink += static_cast<std::size_t>(rulesOnly.assess(m).level);
    };
    int naiveFound = 0;
    const auto naiveScore = [&](const std::string& m) {
        sink += naiveAlarm(naive, m, naiveFound) ? 1 : 0;
    };

    // Warm up caches and the per-thread scratch.
    throughput(messages, messages.size(), engineScore);
    const double engineRate = throughput(messages, count, engineScore);
    const auto engineLat = timeEach(messages, count, engineScore);
    const double rulesOnlyRate = throughput(messages, count, rulesOnlyScore);
    const auto rulesOnlyLat = timeEach(messages, count, rulesOnlyScore);
    const std::size_t naiveCount = std::max<std::size_t>(count / 20, messages.size());
    const double naiveRate = throughput(messages, naiveCount, naiveScore);
    const auto naiveLat = timeEach(messages, naiveCount, naiveScore);

    std::cout << "\n                      messages/s   mean µs    p50 µs    p99 µs    max µs\n";
    const auto row = [](const char* name, double rate, const Latency& l) {
        std::cout << fmt::format("{:<20}{:>12.0f}{:>10.2f}{:>10.2f}{:>10.2f}{:>10.1f}\n", name,
                                 rate, l.mean / 1000, l.p50 / 1000, l.p99 / 1000, l.max / 1000);
    };
    row("risk engine", engineRate, engineLat);
    row("  without model", rulesOnlyRate, rulesOnlyLat);
    row("naive find scan", naiveRate, naiveLat);

    // The largest inputs: an SMS of 1,600 bytes and a 100 KB message.
    std::string sms;
    while (sms.size() < 1600) {
        sms += "I had a long day at work and I can't sleep, my meds make me foggy. ";
    }
    sms.resize(1600);
    std::string big;
    while (big.size() < 100 * 1024) {
        big += "kill for a coffee, this traffic is killing me, I took my pills tonight. ";
    }
    big.resize(100 * 1024);
    const auto smsLat = timeEach(std::vector<std::string>{sms}, 2000, engineScore);
    const auto bigLat = timeEach(std::vector<std::string>{big}, 500, engineScore);
    const auto smsCpu = cpuEach(sms, 2000, engineScore);
    const auto bigCpu = cpuEach(big, 500, engineScore);
    const auto smsCpuRules = cpuEach(sms, 2000, rulesOnlyScore);
    std::cout << fmt::format("\n1,600-byte message: p50 {:.1f} µs, p99 {:.1f} µs, max {:.1f} µs\n",
                             smsLat.p50 / 1000, smsLat.p99 / 1000, smsLat.max / 1000);
    std::cout << fmt::format("100 KB message (scored on its first {} bytes): p50 {:.1f} µs, p99 "
                             "{:.1f} µs, max {:.1f} µs\n",
                             engine.scanLimitBytes(), bigLat.p50 / 1000, bigLat.p99 / 1000,
                             bigLat.max / 1000);
    std::cout << fmt::format(
        "thread CPU time: 1,600 bytes p50 {:.1f} µs, p99 {:.1f} µs, max {:.1f} "
        "µs; 100 KB p50 {:.1f} µs, p99 {:.1f} µs, max {:.1f} µs\n",
        smsCpu.p50 / 1000, smsCpu.p99 / 1000, smsCpu.max / 1000, bigCpu.p50 / 1000,
        bigCpu.p99 / 1000, bigCpu.max / 1000);
    std::cout << fmt::format(
        "  without model: 1,600 bytes thread CPU p50 {:.1f} µs, p99 {:.1f} µs\n",
        smsCpuRules.p50 / 1000, smsCpuRules.p99 / 1000);

    // Quality on the labelled sets, side by side.
    int high = 0, none = 0, engineHit = 0, engineFalse = 0, naiveHit = 0, naiveFalse = 0;
    for (const auto& l : labelled) {
        const bool e = engine.assess(l.text).level >= RiskLevel::High;
        int found = 0;
        const bool n = naiveAlarm(naive, l.text, found);
        if (l.label >= RiskLevel::High) {
            ++high;
            engineHit += e;
            naiveHit += n;
        } else if (l.label == RiskLevel::None) {
            ++none;
            engineFalse += e;
            naiveFalse += n;
        }
    }
    std::cout
        << fmt::format("\nlabelled sets: {} high/imminent, {} ordinary\n", high, none)
        << fmt::format("risk engine:     flags {:.1f}% of high/imminent, {:.1f}% of ordinary\n",
                       100.0 * engineHit / high, 100.0 * engineFalse / none)
        << fmt::format("naive find scan: flags {:.1f}% of high/imminent, {:.1f}% of ordinary\n",
                       100.0 * naiveHit / high, 100.0 * naiveFalse / none);

    std::cout << fmt::format("\ntargets: >= 50,000 messages/s on one core: {}; scoring under 1 ms "
                             "per message (p99 CPU time of a 100 KB message): {}\n",
                             engineRate >= 50'000 ? "met" : "NOT MET",
                             bigCpu.p99 < 1e6 ? "met" : "NOT MET");

    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::cout << fmt::format("\npeak RSS {} KiB (sink {})\n", usage.ru_maxrss, sink % 10);
    return 0;
}
