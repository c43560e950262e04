// Webhook → operator-link latency, and the gateway's memory with many links.
//
//   bench_link_latency latency --gateway http://127.0.0.1:PORT --name NAME
//                      --password-file FILE [--rate 200] [--seconds 10] [--senders 4]
//   bench_link_latency rss --gateway http://127.0.0.1:PORT --name NAME
//                      --password-file FILE --pid PID [--links 100] [--texts 1000]
//                      [--senders 4]
//   bench_link_latency load --gateway http://127.0.0.1:PORT --name NAME
//                      --password-file FILE [--rate 1000] [--seconds 30] [--links 100]
//                      [--senders 8]
//
// The operator account must exist (bench/run.sh creates it with
// `warmline-gateway add-operator NAME --role operator --password-stdin`
// before it starts the gateway); role `operator` sees every contact.* event.
//
// latency: logs in over the link, then POSTs Twilio webhooks at a fixed rate
// from --senders threads (each with its own keep-alive SimpleHttpClient). Text
// i comes from its own fictional caller and its body starts with a token
// unique to this run and text, so it produces a contact.queued event whose
// preview starts with that token. For each text it measures the time from
// just before the POST to the matching event on the link, and the time to the
// webhook's 200 (the commit). Prints p50/p90/p99/max of both.
//
// rss: holds --links logged-in links (the first logs in with the password,
// the others resume its session: the same state on the gateway, without an
// argon2 verification each), queues --texts texts from as many callers, reads
// every event on every link so nothing piles up, then prints VmRSS and VmHWM
// from /proc/PID/status.
//
// load: background load for another measurement (bench/sip.sh runs the RTP
// probe beside it): holds --links logged-in links, reading every event on
// each, prints "load sending" once they are up, then POSTs webhooks at
// --rate for --seconds. Prints what it achieved: texts sent and failed,
// sends more than 5 ms late, events read per link, links the gateway closed.
//
// Synthetic data only: callers are +1 NPA 555-01xx (the fictional block),
// the line is +1 555 555 0199, bodies are made-up words. Nothing here prints a
// number or a body.

#include "telephony/net/LinkClient.h"
#include "telephony/net/SimpleHttpClient.h"

#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace warmline;
using namespace warmline::telephony;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

constexpr const char* kUsage = R"(usage:
  bench_link_latency latency --gateway URL --name NAME --password-file FILE
                     [--rate 200] [--seconds 10] [--senders 4]
  bench_link_latency rss --gateway URL --name NAME --password-file FILE --pid PID
                     [--links 100] [--texts 1000] [--senders 4]
  bench_link_latency load --gateway URL --name NAME --password-file FILE
                     [--rate 1000] [--seconds 30] [--links 100] [--senders 8]

  --gateway URL        http://127.0.0.1:PORT (the link is ws://…/link on the same port)
  --name, --password-file   an existing operator account (role operator)
  --pid PID            the gateway's process id, for /proc/PID/status
)";

struct Args
{
    std::string mode;
    std::string gateway;
    std::string name;
    std::string passwordFile;
    int rate = 200;
    int seconds = 10;
    int senders = 4;
    int pid = 0;
    int links = 100;
    int texts = 1000;
    bool rateGiven = false;
    bool secondsGiven = false;
    bool sendersGiven = false;
};

[[noreturn]] void usageError(const std::string& message)
{
    std::cerr << "bench_link_latency: " << message << "\n\n" << kUsage;
    std::exit(2);
}

int positive(const std::string& flag, const std::string& value)
{
    const int n = std::atoi(value.c_str());
    if (n <= 0) {
        usageError(flag + " needs a positive whole number");
    }
    return n;
}

Args parseArgs(int argc, char** argv)
{
    Args a;
    if (argc < 2) {
        usageError("name a mode: latency or rss");
    }
    a.mode = argv[1];
    if (a.mode != "latency" && a.mode != "rss" && a.mode != "load") {
        usageError("unknown mode " + a.mode);
    }
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc) {
            usageError(arg + " needs a value");
        }
        const std::string v = argv[++i];
        if (arg == "--gateway") {
            a.gateway = v;
        } else if (arg == "--name") {
            a.name = v;
        } else if (arg == "--password-file") {
            a.passwordFile = v;
        } else if (arg == "--rate") {
            a.rate = positive(arg, v);
            a.rateGiven = true;
        } else if (arg == "--seconds") {
            a.seconds = positive(arg, v);
            a.secondsGiven = true;
        } else if (arg == "--senders") {
            a.senders = positive(arg, v);
            a.sendersGiven = true;
        } else if (arg == "--pid") {
            a.pid = positive(arg, v);
        } else if (arg == "--links") {
            a.links = positive(arg, v);
        } else if (arg == "--texts") {
            a.texts = positive(arg, v);
        } else {
            usageError("unknown option " + arg);
        }
    }
    if (a.gateway.rfind("http://", 0) != 0) {
        usageError("--gateway must be http://HOST:PORT");
    }
    if (a.name.empty() || a.passwordFile.empty()) {
        usageError("--name and --password-file are required");
    }
    if (a.mode == "rss" && a.pid == 0) {
        usageError("rss needs --pid");
    }
    if (a.mode == "load") {
        a.rate = a.rateGiven ? a.rate : 1000;
        a.seconds = a.secondsGiven ? a.seconds : 30;
        a.senders = a.sendersGiven ? a.senders : 8;
    }
    return a;
}

std::string readPassword(const std::string& path)
{
    std::ifstream in(path);
    std::string line;
    if (!in || !std::getline(in, line) || line.empty()) {
        throw std::runtime_error("cannot read a password from " + path);
    }
    return line;
}

std::string linkUrlOf(const std::string& httpUrl)
{
    return "ws://" + httpUrl.substr(std::string("http://").size()) + "/link";
}

/// Caller i: +1 NPA 555 01xx, NPA running 201, 202, … (skipping N11 codes).
/// 555-0100..0199 is the fictional block in every North American area code.
std::string fictionalCaller(int i)
{
    int npaIndex = i / 100;
    int npa = 201;
    for (;;) {
        if (npa % 100 != 11) {
            if (npaIndex == 0) {
                break;
            }
            --npaIndex;
        }
        ++npa;
    }
    if (npa > 999) {
        throw std::runtime_error("out of fictional caller numbers");
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "+1%03d55501%02d", npa, i % 100);
    return buf;
}

/// A token unique to this run, so events from earlier runs never match.
std::string runTag()
{
    std::random_device rd;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%06x", rd() & 0xFFFFFFu);
    return buf;
}

/// The body of text i: the token first (it becomes the preview's first word).
std::string tokenOf(const std::string& tag, int i)
{
    return "b" + tag + "n" + std::to_string(i);
}

std::string webhookForm(const std::string& tag, int i, int callerOffset)
{
    return SimpleHttpClient::formEncode(
        {{"MessageSid", "SMbench" + tag + "n" + std::to_string(i)},
         {"AccountSid", "ACsynthetic"},
         {"From", fictionalCaller(callerOffset + i)},
         {"To", "+15555550199"},
         {"Body", tokenOf(tag, i) + " cannot sleep again and wanted to talk to someone"},
         {"NumMedia", "0"}});
}

/// The text index in an event's preview, if the event is one of ours.
std::optional<int> matchEvent(const link::ServerFrame& f, const std::string& prefix)
{
    if (f.name != "contact.queued" && f.name != "contact.updated") {
        return std::nullopt;
    }
    const auto* contact = f.data.if_contains("contact");
    if (!contact || !contact->is_object()) {
        return std::nullopt;
    }
    const auto* preview = contact->as_object().if_contains("preview");
    if (!preview || !preview->is_string()) {
        return std::nullopt;
    }
    const std::string_view p = preview->as_string();
    if (p.substr(0, prefix.size()) != prefix) {
        return std::nullopt;
    }
    const auto rest = p.substr(prefix.size());
    const auto end = rest.find(' ');
    const std::string digits(rest.substr(0, end));
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) {
        return std::nullopt;
    }
    return std::atoi(digits.c_str());
}

struct LoginResult
{
    std::string token;
    std::string epoch;
    std::int64_t seq = 0;
};

LoginResult login(LinkClient& client, const std::string& name, const std::string& password)
{
    auto ack =
        client.request("login", boost::json::object{{"name", name}, {"password", password}}, 30s);
    if (ack.kind != link::ServerFrame::Kind::Ack) {
        throw std::runtime_error("login refused: " + ack.message);
    }
    LoginResult r;
    r.token = std::string(ack.data.at("token").as_string());
    r.epoch = std::string(ack.data.at("epoch").as_string());
    r.seq = ack.data.at("seq").to_number<std::int64_t>();
    return r;
}

void resume(LinkClient& client, const LoginResult& session)
{
    auto ack = client.request(
        "resume",
        boost::json::object{{"token", session.token}, {"epoch", session.epoch}, {"seq", 0}}, 30s);
    if (ack.kind != link::ServerFrame::Kind::Ack) {
        throw std::runtime_error("resume refused: " + ack.message);
    }
}

std::int64_t nanosSince(Clock::time_point t0)
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
}

struct Summary
{
    std::size_t n = 0;
    double p50 = 0, p90 = 0, p99 = 0, max = 0;
};

Summary summarise(std::vector<double> ms)
{
    Summary s;
    s.n = ms.size();
    if (ms.empty()) {
        return s;
    }
    std::sort(ms.begin(), ms.end());
    auto at = [&ms](double q) {
        const auto idx = static_cast<std::size_t>(q * static_cast<double>(ms.size() - 1) + 0.5);
        return ms[std::min(idx, ms.size() - 1)];
    };
    s.p50 = at(0.50);
    s.p90 = at(0.90);
    s.p99 = at(0.99);
    s.max = ms.back();
    return s;
}

/// Sends texts [0, total) split over `senders` threads, text i due at
/// t0 + i / rate (rate 0: as fast as each thread can). Records the send and
/// ack times (ns since t0); counts non-200 answers and transport errors.
struct SendLog
{
    explicit SendLog(int total)
        : sent(static_cast<std::size_t>(total)), acked(static_cast<std::size_t>(total))
    {
        for (auto& v : sent) {
            v.store(-1);
        }
        for (auto& v : acked) {
            v.store(-1);
        }
    }
    std::vector<std::atomic<std::int64_t>> sent;
    std::vector<std::atomic<std::int64_t>> acked;
    std::atomic<int> failures{0};
    std::atomic<int> late{0}; ///< sent more than 5 ms after its slot
};

void sendTexts(const Args& args, const std::string& tag, int total, int rate, int callerOffset,
               Clock::time_point t0, SendLog& log)
{
    std::vector<std::thread> threads;
    for (int s = 0; s < args.senders; ++s) {
        threads.emplace_back([&, s] {
            SimpleHttpClient http(args.gateway, 30s);
            for (int i = s; i < total; i += args.senders) {
                if (rate > 0) {
                    const auto due = t0 + std::chrono::nanoseconds(static_cast<std::int64_t>(i) *
                                                                   1'000'000'000 / rate);
                    std::this_thread::sleep_until(due);
                    if (Clock::now() - due > 5ms) {
                        log.late++;
                    }
                }
                const auto body = webhookForm(tag, i, callerOffset);
                log.sent[static_cast<std::size_t>(i)].store(nanosSince(t0));
                try {
                    const auto res = http.postForm("/sms/twilio", body);
                    if (res.status != 200) {
                        log.failures++;
                        continue;
                    }
                    log.acked[static_cast<std::size_t>(i)].store(nanosSince(t0));
                } catch (const std::exception&) {
                    log.failures++;
                    http.close();
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
}

void printSummary(const char* label, const Summary& s)
{
    std::printf("%s n=%zu p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms\n", label, s.n, s.p50, s.p90,
                s.p99, s.max);
}

int runLatency(const Args& args)
{
    const std::string password = readPassword(args.passwordFile);
    const std::string tag = runTag();
    const std::string prefix = "b" + tag + "n";
    const int total = args.rate * args.seconds;

    LinkClient link;
    link.connect(linkUrlOf(args.gateway), 10s);
    login(link, args.name, password);

    SendLog log(total);
    std::vector<std::int64_t> received(static_cast<std::size_t>(total), -1);
    std::atomic<bool> sendersDone{false};
    const auto t0 = Clock::now() + 200ms;
    // Callers from 0 upwards: every text opens a new contact (run.sh starts a
    // fresh gateway for this bench).
    std::thread sender([&] {
        sendTexts(args, tag, total, args.rate, 0, t0, log);
        sendersDone = true;
    });

    int matched = 0;
    int others = 0;
    Clock::time_point quietSince = Clock::now();
    for (;;) {
        auto ev = link.nextEvent(50ms);
        if (ev) {
            const auto at = nanosSince(t0);
            if (const auto idx = matchEvent(*ev, prefix); idx && *idx >= 0 && *idx < total) {
                auto& slot = received[static_cast<std::size_t>(*idx)];
                if (slot < 0) {
                    slot = at;
                    ++matched;
                }
            } else {
                ++others;
            }
            quietSince = Clock::now();
        }
        if (matched == total) {
            break;
        }
        if (sendersDone && Clock::now() - quietSince > 3s) {
            break; // nothing more is coming
        }
    }
    sender.join();
    link.close();

    std::vector<double> eventMs;
    std::vector<double> ackMs;
    int missing = 0;
    for (int i = 0; i < total; ++i) {
        const auto idx = static_cast<std::size_t>(i);
        const auto sent = log.sent[idx].load();
        const auto acked = log.acked[idx].load();
        if (sent < 0 || acked < 0) {
            continue;
        }
        ackMs.push_back(static_cast<double>(acked - sent) / 1e6);
        if (received[idx] < 0) {
            ++missing;
        } else {
            eventMs.push_back(static_cast<double>(received[idx] - sent) / 1e6);
        }
    }
    std::printf("latency_texts sent=%d rate=%d/s seconds=%d senders=%d failed=%d late_sends=%d "
                "events_missing=%d other_events=%d\n",
                total, args.rate, args.seconds, args.senders, log.failures.load(), log.late.load(),
                missing, others);
    printSummary("webhook_to_event", summarise(eventMs));
    printSummary("webhook_ack", summarise(ackMs));
    return (log.failures.load() == 0 && missing == 0) ? 0 : 1;
}

struct ProcMemory
{
    long rssKb = -1;
    long hwmKb = -1;
};

ProcMemory readMemory(int pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    if (!in) {
        throw std::runtime_error("cannot read /proc/" + std::to_string(pid) + "/status");
    }
    ProcMemory m;
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            m.rssKb = std::atol(line.c_str() + 6);
        } else if (line.rfind("VmHWM:", 0) == 0) {
            m.hwmKb = std::atol(line.c_str() + 6);
        }
    }
    return m;
}

void printMemory(const char* label, const ProcMemory& m)
{
    std::printf("%s VmRSS=%ldkB (%.1f MiB) VmHWM=%ldkB (%.1f MiB)\n", label, m.rssKb,
                static_cast<double>(m.rssKb) / 1024.0, m.hwmKb,
                static_cast<double>(m.hwmKb) / 1024.0);
}

/// Reads whatever has arrived on every link; returns how many of our
/// contact events were seen.
int drainLinks(std::vector<std::unique_ptr<LinkClient>>& links, const std::string& prefix)
{
    int ours = 0;
    for (auto& l : links) {
        while (auto ev = l->nextEvent(1ms)) {
            if (matchEvent(*ev, prefix)) {
                ++ours;
            }
        }
    }
    return ours;
}

std::string metricLine(const std::string& gateway, const std::string& name)
{
    SimpleHttpClient http(gateway, 10s);
    const auto res = http.get("/metrics");
    std::size_t pos = 0;
    while (pos < res.body.size()) {
        auto end = res.body.find('\n', pos);
        if (end == std::string::npos) {
            end = res.body.size();
        }
        const auto line = res.body.substr(pos, end - pos);
        if (line.rfind(name + " ", 0) == 0) {
            return line;
        }
        pos = end + 1;
    }
    return name + " ?";
}

/// args.links links as one operator: the first logs in, the others resume its
/// session, as an app reconnecting would.
std::vector<std::unique_ptr<LinkClient>> openLinks(const Args& args, const std::string& password)
{
    std::vector<std::unique_ptr<LinkClient>> links;
    LoginResult session;
    for (int i = 0; i < args.links; ++i) {
        auto l = std::make_unique<LinkClient>();
        l->connect(linkUrlOf(args.gateway), 10s);
        if (i == 0) {
            session = login(*l, args.name, password);
        } else {
            resume(*l, session);
        }
        links.push_back(std::move(l));
    }
    return links;
}

int runRss(const Args& args)
{
    const std::string password = readPassword(args.passwordFile);
    const std::string tag = runTag();
    const std::string prefix = "b" + tag + "n";

    printMemory("rss_idle", readMemory(args.pid));

    auto links = openLinks(args, password);
    drainLinks(links, prefix);
    printMemory("rss_links", readMemory(args.pid));

    SendLog log(args.texts);
    std::atomic<bool> sendersDone{false};
    // Callers from 50,000 upwards: distinct from the latency bench's, so each
    // text is a new contact even on a gateway that ran it.
    std::thread sender([&] {
        sendTexts(args, tag, args.texts, 0, 50'000, Clock::now(), log);
        sendersDone = true;
    });
    const long want = static_cast<long>(args.texts) * args.links;
    long seen = 0;
    auto quietSince = Clock::now();
    while (seen < want) {
        const int n = drainLinks(links, prefix);
        seen += n;
        if (n > 0) {
            quietSince = Clock::now();
        } else if (sendersDone && Clock::now() - quietSince > 5s) {
            break;
        }
    }
    sender.join();
    const auto mem = readMemory(args.pid);
    std::printf("rss_texts links=%d texts=%d failed=%d events_seen=%ld of %ld\n", args.links,
                args.texts, log.failures.load(), seen, want);
    std::printf("%s\n%s\n", metricLine(args.gateway, "warmline_queue_length").c_str(),
                metricLine(args.gateway, "warmline_links").c_str());
    printMemory("rss_queued", mem);
    for (auto& l : links) {
        l->close(1s);
    }
    return (log.failures.load() == 0 && seen == want) ? 0 : 1;
}

int runLoad(const Args& args)
{
    const std::string password = readPassword(args.passwordFile);
    const std::string tag = runTag();
    const int total = args.rate * args.seconds;

    auto links = openLinks(args, password);

    // One reader for every link: a link the gateway closes (too slow a
    // reader, link.max_outbound_queue) is counted and no longer read.
    std::atomic<bool> sendersDone{false};
    std::vector<long> events(links.size(), 0);
    std::vector<bool> closed(links.size(), false);
    std::thread reader([&] {
        auto quietSince = Clock::now();
        for (;;) {
            bool any = false;
            for (std::size_t i = 0; i < links.size(); ++i) {
                if (closed[i]) {
                    continue;
                }
                try {
                    for (int n = 0; n < 256; ++n) {
                        auto ev = links[i]->nextEvent(1ms);
                        if (!ev) {
                            break;
                        }
                        ++events[i];
                        any = true;
                    }
                } catch (const LinkTransportError&) {
                    closed[i] = true;
                }
            }
            if (any) {
                quietSince = Clock::now();
            } else if (sendersDone && Clock::now() - quietSince > 2s) {
                return;
            }
        }
    });

    std::printf("load sending rate=%d/s seconds=%d links=%d senders=%d\n", args.rate, args.seconds,
                args.links, args.senders);
    std::fflush(stdout);
    SendLog log(total);
    const auto t0 = Clock::now();
    // Callers from 10,000 upwards: past the latency mode's (which run.sh
    // sends at 200/s for seconds), below the rss mode's 50,000.
    if (10'000 + total > 50'000) {
        throw std::runtime_error("--rate times --seconds must stay under 40,000 texts");
    }
    sendTexts(args, tag, total, args.rate, 10'000, t0, log);
    const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
    sendersDone = true;
    reader.join();

    std::vector<double> ackMs;
    for (int i = 0; i < total; ++i) {
        const auto sent = log.sent[static_cast<std::size_t>(i)].load();
        const auto acked = log.acked[static_cast<std::size_t>(i)].load();
        if (sent >= 0 && acked >= 0) {
            ackMs.push_back(static_cast<double>(acked - sent) / 1e6);
        }
    }
    long minEvents = -1;
    long sumEvents = 0;
    int dropped = 0;
    for (std::size_t i = 0; i < links.size(); ++i) {
        sumEvents += events[i];
        minEvents = minEvents < 0 ? events[i] : std::min(minEvents, events[i]);
        dropped += closed[i] ? 1 : 0;
    }
    std::printf("load_texts sent=%d in %.1fs (%.0f/s) failed=%d late_sends=%d links=%d "
                "closed_by_gateway=%d events_per_link avg=%ld min=%ld\n",
                total, elapsed, static_cast<double>(total) / elapsed, log.failures.load(),
                log.late.load(), args.links, dropped,
                links.empty() ? 0 : sumEvents / static_cast<long>(links.size()), minEvents);
    printSummary("load_webhook_ack", summarise(ackMs));
    for (std::size_t i = 0; i < links.size(); ++i) {
        if (!closed[i]) {
            try {
                links[i]->close(1s);
            } catch (const LinkTransportError&) {
                // Already gone: nothing to close.
            }
        }
    }
    return log.failures.load() == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv)
{
    const Args args = parseArgs(argc, argv);
    try {
        if (args.mode == "load") {
            return runLoad(args);
        }
        return args.mode == "latency" ? runLatency(args) : runRss(args);
    } catch (const std::exception& e) {
        std::cerr << "bench_link_latency: " << e.what() << "\n";
        return 1;
    }
}
