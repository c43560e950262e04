// warmline-sim: synthetic SMS traffic through the gateway's provider
// webhooks, paced like a real warmline (a few repeat callers send most texts,
// conversations continue over several messages, a small share shows crisis
// signs: Traffic.h). With --replies-from, texters answer the line's replies
// instead, each following a scripted arc (Conversations.h). It never prints a
// text or a number: its output is counts only.

#include "core/carriers/TwilioSignature.h"
#include "telephony/cmd/sim/Conversations.h"
#include "telephony/cmd/sim/FakeCarrier.h"
#include "telephony/cmd/sim/Traffic.h"
#include "telephony/net/SimpleHttpClient.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#ifndef WARMLINE_RESOURCES_DIR
#define WARMLINE_RESOURCES_DIR ""
#endif

namespace {

using warmline::sim::Arc;
using warmline::sim::Caller;
using warmline::sim::Conversations;
using warmline::sim::readArcs;
using warmline::sim::TextBank;
using warmline::sim::TrafficModel;
using warmline::telephony::HttpClientError;
using warmline::telephony::HttpHeaders;
using warmline::telephony::SimpleHttpClient;
using Clock = std::chrono::steady_clock;

volatile std::sig_atomic_t g_stop = 0;

void onSignal(int)
{
    g_stop = 1;
}

constexpr const char* kUsage =
    R"(usage: warmline-sim --url http://HOST:PORT [options]

Sends synthetic texts to the gateway's provider webhooks, as a carrier would.
`warmline-sim carrier --help`: a stand-in for Twilio's API that receives replies.

options:
  --url URL             the gateway's HTTP base URL (required)
  --provider NAME       twilio (POST /sms/twilio, default) or kannel (GET /sms/kannel)
  --rate N              texts per minute, on average (default 6)
  --count N             stop after N texts (default 0: until killed)
  --duration SECONDS    stop after this long
  --callers N           distinct synthetic callers (default 40, at most 1000)
  --auth-token TOKEN    sign Twilio posts with X-Twilio-Signature
  --public-url URL      the URL Twilio would sign (default: --url)
  --account-sid SID     AccountSid to send (default: a synthetic one)
  --to NUMBER           the line's number (default +15555550100)
  --seed N              seed for a repeatable run
  --texts FILE          text bank (default: resources/sim/texts.txt)
  --help                this text

Conversations (texters who answer the line):
  --replies-from URL    a `warmline-sim carrier` that receives the gateway's
                        replies; each texter then follows an arc of the text
                        bank, sending its next line each time it is texted
                        back. --rate and --count then count conversations.
  --reply-delay SECONDS a texter's time to answer a reply (default 4)
  --patience SECONDS    a texter with no reply for this long leaves (default 600)
  --arc NAME            only this arc (default: any, Spanish arcs for Spanish texters)

Prints a summary line per minute and a total at the end to stderr. Exits 1
when --count was given and any text failed with a 5xx or no connection.
With --replies-from and --count N, exits once N conversations have ended.
)";

struct Options
{
    std::string url;
    std::string provider = "twilio";
    double rate = 6.0;
    long long count = 0;
    std::optional<double> duration;
    int callers = 40;
    std::string authToken;
    std::string publicUrl;
    std::string accountSid;
    std::string to = "+15555550100";
    std::optional<std::uint64_t> seed;
    std::string textsFile;
    std::string repliesFrom;
    double replyDelay = 4.0;
    double patience = 600.0;
    std::string arc;
};

struct UsageError
{
    std::string message;
};

template <typename T> T parseNumber(const std::string& option, const std::string& value)
{
    std::istringstream in(value);
    T v{};
    in >> v;
    if (!in || !in.eof()) {
        throw UsageError{"invalid value for " + option + ": " + value};
    }
    return v;
}

Options parseArgs(int argc, char** argv)
{
    Options o;
    std::vector<std::string> args(argv + 1, argv + argc);
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& a = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) {
                throw UsageError{a + " needs a value"};
            }
            return args[++i];
        };
        if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            std::exit(0);
        } else if (a == "--url") {
            o.url = value();
        } else if (a == "--provider") {
            o.provider = value();
        } else if (a == "--rate") {
            o.rate = parseNumber<double>(a, value());
        } else if (a == "--count") {
            o.count = parseNumber<long long>(a, value());
        } else if (a == "--duration") {
            o.duration = parseNumber<double>(a, value());
        } else if (a == "--callers") {
            o.callers = parseNumber<int>(a, value());
        } else if (a == "--auth-token") {
            o.authToken = value();
        } else if (a == "--public-url") {
            o.publicUrl = value();
        } else if (a == "--account-sid") {
            o.accountSid = value();
        } else if (a == "--to") {
            o.to = value();
        } else if (a == "--seed") {
            o.seed = parseNumber<std::uint64_t>(a, value());
        } else if (a == "--texts") {
            o.textsFile = value();
        } else if (a == "--replies-from") {
            o.repliesFrom = value();
        } else if (a == "--reply-delay") {
            o.replyDelay = parseNumber<double>(a, value());
        } else if (a == "--patience") {
            o.patience = parseNumber<double>(a, value());
        } else if (a == "--arc") {
            o.arc = value();
        } else {
            throw UsageError{"unknown argument: " + a};
        }
    }
    if (o.url.empty()) {
        throw UsageError{"--url is required"};
    }
    while (!o.url.empty() && o.url.back() == '/') {
        o.url.pop_back();
    }
    if (o.provider != "twilio" && o.provider != "kannel") {
        throw UsageError{"--provider must be twilio or kannel"};
    }
    if (!(o.rate > 0)) {
        throw UsageError{"--rate must be positive"};
    }
    if (o.count < 0) {
        throw UsageError{"--count must be 0 or more"};
    }
    if (o.duration && !(*o.duration > 0)) {
        throw UsageError{"--duration must be positive"};
    }
    if (o.callers < 1 || o.callers > 1000) {
        throw UsageError{"--callers must be between 1 and 1000"};
    }
    if (!(o.replyDelay >= 0) || !(o.patience > 0)) {
        throw UsageError{"--reply-delay must be 0 or more and --patience positive"};
    }
    if (!o.arc.empty() && o.repliesFrom.empty()) {
        throw UsageError{"--arc needs --replies-from"};
    }
    while (!o.repliesFrom.empty() && o.repliesFrom.back() == '/') {
        o.repliesFrom.pop_back();
    }
    if (o.publicUrl.empty()) {
        o.publicUrl = o.url;
    }
    while (!o.publicUrl.empty() && o.publicUrl.back() == '/') {
        o.publicUrl.pop_back();
    }
    return o;
}

std::filesystem::path findTexts(const std::string& explicitFile)
{
    namespace fs = std::filesystem;
    if (!explicitFile.empty()) {
        return explicitFile;
    }
    std::error_code ec;
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto installed = exe.parent_path().parent_path() / "share/warmline/sim/texts.txt";
        if (fs::exists(installed, ec)) {
            return installed;
        }
    }
    return fs::path(WARMLINE_RESOURCES_DIR) / "sim/texts.txt";
}

std::string randomHex(std::mt19937_64& rng, std::size_t digits)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    while (out.size() < digits) {
        auto word = rng();
        for (int i = 0; i < 16 && out.size() < digits; ++i, word >>= 4) {
            out += kHex[word & 0xF];
        }
    }
    return out;
}

struct Tally
{
    long long sent = 0;
    long long ok = 0;
    long long failed = 0;
    std::map<std::string, long long> failures; ///< by status, or "connection"/"timeout"

    void add(const std::optional<int>& status, const std::string& failure)
    {
        ++sent;
        if (status && *status >= 200 && *status < 300) {
            ++ok;
            return;
        }
        ++failed;
        ++failures[status ? std::to_string(*status) : failure];
    }

    std::string line() const
    {
        std::string out = "sent " + std::to_string(sent) + ", ok " + std::to_string(ok) +
                          ", failed " + std::to_string(failed);
        if (!failures.empty()) {
            out += " (";
            bool first = true;
            for (const auto& [why, n] : failures) {
                out += (first ? "" : ", ") + why + ": " + std::to_string(n);
                first = false;
            }
            out += ")";
        }
        return out;
    }
};

std::string nowStamp()
{
    const auto t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
    return buf;
}

/// Kannel's %t: the time the SMSC delivered the text, `YYYY-MM-DD HH:MM:SS`.
std::string kannelTime()
{
    const auto t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

void sleepUntil(Clock::time_point at)
{
    // Short steps, so a signal ends the run promptly.
    while (!g_stop) {
        const auto now = Clock::now();
        if (now >= at) {
            return;
        }
        std::this_thread::sleep_for(
            std::min<Clock::duration>(at - now, std::chrono::milliseconds(100)));
    }
}

/// Posts texts to the gateway as a carrier would, and counts the outcomes.
class Webhooks
{
public:
    Webhooks(const Options& o, std::mt19937_64& rng)
        : m_o(o), m_rng(rng),
          m_accountSid(o.accountSid.empty() ? "AC" + randomHex(rng, 32) : o.accountSid),
          m_http(o.url, std::chrono::seconds(10))
    {
    }

    void post(const std::string& from, const std::string& body)
    {
        std::optional<int> status;
        std::string failure;
        try {
            status = m_o.provider == "twilio" ? postTwilio(from, body) : getKannel(from, body);
        } catch (const HttpClientError& e) {
            failure = e.kind() == HttpClientError::Kind::Timeout ? "timeout" : "connection";
        }
        if (!status || *status >= 500) {
            hardFailure = true;
        }
        total.add(status, failure);
        minute.add(status, failure);
    }

    Tally total;
    Tally minute;
    bool hardFailure = false;

private:
    int postTwilio(const std::string& from, const std::string& body)
    {
        const auto sid = "SM" + randomHex(m_rng, 32);
        HttpHeaders form{{"ToCountry", "US"},
                         {"SmsMessageSid", sid},
                         {"NumMedia", "0"},
                         {"SmsSid", sid},
                         {"SmsStatus", "received"},
                         {"Body", body},
                         {"To", m_o.to},
                         {"NumSegments", "1"},
                         {"MessageSid", sid},
                         {"AccountSid", m_accountSid},
                         {"From", from},
                         {"FromCountry", "US"},
                         {"ApiVersion", "2010-04-01"}};
        HttpHeaders headers;
        if (!m_o.authToken.empty()) {
            headers.emplace_back(
                "X-Twilio-Signature",
                warmline::twilioSignature(m_o.authToken, m_o.publicUrl + "/sms/twilio", form));
        }
        return m_http.postForm("/sms/twilio", SimpleHttpClient::formEncode(form), headers).status;
    }

    int getKannel(const std::string& from, const std::string& body)
    {
        const auto target = "/sms/kannel?from=" + SimpleHttpClient::percentEncode(from) +
                            "&to=" + SimpleHttpClient::percentEncode(m_o.to) +
                            "&text=" + SimpleHttpClient::percentEncode(body) +
                            "&time=" + SimpleHttpClient::percentEncode(kannelTime()) +
                            "&id=" + randomHex(m_rng, 8) + "-" + randomHex(m_rng, 4) + "-4" +
                            randomHex(m_rng, 3) + "-a" + randomHex(m_rng, 3) + "-" +
                            randomHex(m_rng, 12);
        return m_http.get(target).status;
    }

    const Options& m_o;
    std::mt19937_64& m_rng;
    std::string m_accountSid;
    SimpleHttpClient m_http;
};

/// Reads whom the line texted back from `warmline-sim carrier`
/// (GET /sim/sent), from where the last read stopped.
class RepliesFeed
{
public:
    explicit RepliesFeed(const std::string& carrierUrl)
        : m_http(carrierUrl, std::chrono::seconds(2))
    {
    }

    /// The numbers texted since the last call; empty when the carrier does
    /// not answer (counted, and asked again next time).
    std::vector<std::string> poll()
    {
        std::vector<std::string> numbers;
        try {
            const auto r = m_http.get("/sim/sent?after=" + std::to_string(m_seen));
            if (r.status != 200) {
                ++failures;
                return numbers;
            }
            std::istringstream in(r.body);
            long long seq = 0;
            std::string number;
            while (in >> seq >> number) {
                if (seq > m_seen) {
                    m_seen = seq;
                    numbers.push_back(number);
                }
            }
        } catch (const HttpClientError&) {
            ++failures;
        }
        return numbers;
    }

    long long failures = 0;

private:
    SimpleHttpClient m_http;
    long long m_seen = 0;
};

Clock::duration seconds(double s)
{
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

int run(const Options& o)
{
    std::mt19937_64 rng(o.seed ? *o.seed : std::random_device{}());
    const auto textsPath = findTexts(o.textsFile);
    const bool conversations = !o.repliesFrom.empty();
    std::optional<TextBank> texts;
    std::optional<Conversations> talk;
    if (conversations) {
        auto arcs = readArcs(textsPath);
        if (!o.arc.empty()) {
            std::erase_if(arcs, [&](const Arc& a) { return a.name != o.arc; });
            if (arcs.empty()) {
                throw UsageError{"no arc named " + o.arc + " in " + textsPath.string()};
            }
        }
        talk.emplace(std::move(arcs), seconds(o.replyDelay), seconds(o.patience));
    } else {
        texts.emplace(textsPath);
    }
    TrafficModel model(o.callers, rng, texts ? &*texts : nullptr);
    Webhooks hooks(o, rng);
    std::optional<RepliesFeed> replies;
    if (conversations) {
        replies.emplace(o.repliesFrom);
    }

    const auto start = Clock::now();
    std::optional<Clock::time_point> end;
    if (o.duration) {
        end = start + seconds(*o.duration);
    }
    // Poisson arrivals: exponential gaps around the mean rate.
    std::exponential_distribution<double> gap(o.rate / 60.0);
    auto nextAt = start;
    auto nextReport = start + std::chrono::minutes(1);
    auto nextPoll = start;
    long long opened = 0;
    long long skipped = 0; ///< openings with every texter tried already talking

    auto reportIfDue = [&] {
        if (Clock::now() >= nextReport) {
            std::cerr << "warmline-sim: " << nowStamp() << " last minute: " << hooks.minute.line()
                      << "\n";
            hooks.minute = Tally{};
            nextReport += std::chrono::minutes(1);
        }
    };
    // Sleeps until `at`, reporting each minute on the way even when idle.
    auto waitUntil = [&](Clock::time_point at) {
        while (!g_stop && Clock::now() < at) {
            sleepUntil(std::min(at, nextReport));
            reportIfDue();
        }
    };
    auto scheduleNext = [&] {
        nextAt += seconds(gap(rng));
        // After a stall, carry on at the rate instead of bursting to catch up.
        nextAt = std::max(nextAt, Clock::now() - std::chrono::seconds(1));
    };

    while (!conversations && !g_stop && (o.count == 0 || hooks.total.sent < o.count)) {
        if (end && nextAt >= *end) {
            waitUntil(*end);
            break;
        }
        waitUntil(nextAt);
        if (g_stop) {
            break;
        }
        const auto text = model.next();
        hooks.post(text.caller->number, *text.body);
        scheduleNext();
        reportIfDue();
    }

    // Conversations: new texters at the rate, answers as replies come in.
    while (conversations && !g_stop && (!end || Clock::now() < *end)) {
        const bool opening = o.count == 0 || opened < o.count;
        if (!opening && talk->active() == 0) {
            break;
        }
        auto now = Clock::now();
        if (opening && now >= nextAt) {
            std::optional<Conversations::Text> first;
            for (int tries = 0; tries < 20 && !first; ++tries) {
                const Caller& c = model.pickCaller();
                first = talk->open(c.number, c.spanish, rng, now);
            }
            if (first) {
                ++opened;
                hooks.post(first->number, first->body);
            } else {
                ++skipped;
            }
            scheduleNext();
        }
        if (now >= nextPoll) {
            for (const auto& number : replies->poll()) {
                talk->replied(number, Clock::now());
            }
            nextPoll = Clock::now() + std::chrono::milliseconds(250);
        }
        for (const auto& text : talk->due(Clock::now())) {
            hooks.post(text.number, text.body);
        }
        reportIfDue();
        auto wake = nextPoll;
        if (opening) {
            wake = std::min(wake, nextAt);
        }
        if (const auto next = talk->nextEvent()) {
            wake = std::min(wake, *next);
        }
        if (end) {
            wake = std::min(wake, *end);
        }
        waitUntil(wake);
    }

    std::cerr << hooks.total.line() << "\n";
    if (conversations) {
        std::cerr << "conversations: opened " << opened << ", finished " << talk->finished()
                  << ", left waiting " << talk->leftWaiting() << ", still open " << talk->active()
                  << ", not opened (every texter tried was talking) " << skipped
                  << ", carrier unreachable " << replies->failures << "\n";
    }
    return (o.count > 0 && hooks.hardFailure) ? 1 : 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc > 1 && std::string_view(argv[1]) == "carrier") {
        return warmline::sim::runFakeCarrier(argc, argv);
    }
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    try {
        return run(parseArgs(argc, argv));
    } catch (const UsageError& e) {
        std::cerr << "warmline-sim: " << e.message << "\n\n" << kUsage;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "warmline-sim: " << e.what() << "\n";
        return 1;
    }
}
