#include "telephony/cmd/sim/FakeCarrier.h"

#include "core/carriers/TwilioSignature.h"
#include "core/text/FormCodec.h"
#include "telephony/net/SimpleHttpClient.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace warmline::sim {

namespace {

constexpr const char* kUsage =
    R"(usage: warmline-sim carrier [--listen 127.0.0.1:PORT] [--ready-file FILE]
                         [--auth-token TOKEN] [--delivery-delay-ms N]

Accepts POST /2010-04-01/Accounts/SID/Messages.json like Twilio, answers 201,
and posts a "delivered" status callback to the StatusCallback URL.
GET /sim/sent?after=N lists the texts accepted after the Nth, one
`SEQUENCE NUMBER` line each (at most 200, the last 1000 kept), so that
`warmline-sim --replies-from` texters see who was texted back.
)";

std::atomic<bool> g_stopCarrier{false};

void onCarrierSignal(int)
{
    g_stopCarrier = true;
}

struct Counters
{
    std::atomic<long> accepted{0};
    std::atomic<long> rejected{0};
    std::atomic<long> callbacks{0};
};

/// Who the line texted, in order: the handsets' side of the network. The
/// numbers stay in memory, for `GET /sim/sent` on loopback only.
class SentLog
{
public:
    void add(std::string to)
    {
        std::lock_guard lock(m_mutex);
        m_sent.emplace_back(++m_last, std::move(to));
        if (m_sent.size() > 1000) {
            m_sent.pop_front();
        }
    }

    std::string after(long long seq) const
    {
        std::lock_guard lock(m_mutex);
        std::string out;
        int n = 0;
        for (const auto& [s, to] : m_sent) {
            if (s > seq && n++ < 200) {
                out += std::to_string(s) + " " + to + "\n";
            }
        }
        return out;
    }

private:
    mutable std::mutex m_mutex;
    std::deque<std::pair<long long, std::string>> m_sent;
    long long m_last = 0;
};

std::optional<long long> afterParameter(const std::string& target)
{
    const std::string prefix = "/sim/sent?after=";
    if (target.rfind(prefix, 0) != 0) {
        return target == "/sim/sent" ? std::optional<long long>(0) : std::nullopt;
    }
    try {
        std::size_t used = 0;
        const auto seq = std::stoll(target.substr(prefix.size()), &used);
        if (used == target.size() - prefix.size() && seq >= 0) {
            return seq;
        }
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

std::string newSid()
{
    static std::mutex mutex;
    static std::mt19937_64 rng(std::random_device{}());
    std::lock_guard lock(mutex);
    static const char* hex = "0123456789abcdef";
    std::string sid = "SM";
    for (int i = 0; i < 32; ++i) {
        sid += hex[rng() % 16];
    }
    return sid;
}

void deliverLater(std::string callbackUrl, std::string sid, std::string token, int delayMs,
                  Counters& counters)
{
    std::thread([callbackUrl = std::move(callbackUrl), sid = std::move(sid),
                 token = std::move(token), delayMs, &counters] {
        std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        try {
            const auto pathStart = callbackUrl.find('/', callbackUrl.find("//") + 2);
            const std::string base = callbackUrl.substr(0, pathStart);
            const std::string path =
                pathStart == std::string::npos ? "/" : callbackUrl.substr(pathStart);
            FormFields form{{"MessageSid", sid}, {"MessageStatus", "delivered"}};
            telephony::HttpHeaders headers;
            if (!token.empty()) {
                headers.emplace_back("X-Twilio-Signature",
                                     twilioSignature(token, callbackUrl, form));
            }
            telephony::SimpleHttpClient client(base, std::chrono::seconds(5));
            if (client.postForm(path, encodeForm(form), headers).status == 200) {
                counters.callbacks++;
            }
        } catch (const std::exception&) {
            // The gateway may be stopping; a lost demo callback is harmless.
        }
    }).detach();
}

void serve(tcp::socket socket, const std::string& token, int delayMs, Counters& counters,
           SentLog& sent)
{
    beast::flat_buffer buffer;
    beast::error_code ec;
    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(64 * 1024);
        http::read(socket, buffer, parser, ec);
        if (ec) {
            return;
        }
        auto req = parser.release();
        http::response<http::string_body> res;
        res.version(req.version());
        res.keep_alive(req.keep_alive());
        res.set(http::field::content_type, "application/json");
        const std::string target(req.target());
        const auto listAfter =
            req.method() == http::verb::get ? afterParameter(target) : std::nullopt;
        const bool isSend = req.method() == http::verb::post &&
                            target.rfind("/2010-04-01/Accounts/", 0) == 0 && target.size() > 14 &&
                            target.substr(target.size() - 14) == "/Messages.json";
        if (listAfter) {
            res.result(http::status::ok);
            res.set(http::field::content_type, "text/plain");
            res.body() = sent.after(*listAfter);
        } else if (!isSend || req[http::field::authorization].empty()) {
            counters.rejected++;
            res.result(http::status::bad_request);
            res.body() = R"({"code":21604,"message":"Malformed request","status":400})";
        } else {
            FormFields form;
            try {
                form = parseForm(req.body());
            } catch (const std::exception&) {
            }
            const auto to = formValue(form, "To");
            const auto body = formValue(form, "Body");
            if (!to || !body || body->empty()) {
                counters.rejected++;
                res.result(http::status::bad_request);
                res.body() = R"({"code":21602,"message":"Message body is required","status":400})";
            } else {
                counters.accepted++;
                sent.add(std::string(*to));
                const std::string sid = newSid();
                res.result(http::status::created);
                res.body() = R"({"sid":")" + sid + R"(","status":"queued"})";
                if (auto cb = formValue(form, "StatusCallback")) {
                    deliverLater(std::string(*cb), sid, token, delayMs, counters);
                }
            }
        }
        res.prepare_payload();
        http::write(socket, res, ec);
        if (ec || !res.keep_alive()) {
            return;
        }
    }
}

} // namespace

int runFakeCarrier(int argc, char** argv)
{
    std::string listen = "127.0.0.1:0";
    std::string readyFile;
    std::string token;
    int delayMs = 1500;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << "warmline-sim carrier: " << a << " needs a value\n" << kUsage;
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--listen") {
            listen = value();
        } else if (a == "--ready-file") {
            readyFile = value();
        } else if (a == "--auth-token") {
            token = value();
        } else if (a == "--delivery-delay-ms") {
            delayMs = std::stoi(value());
        } else if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            return 0;
        } else {
            std::cerr << "warmline-sim carrier: unknown option " << a << "\n" << kUsage;
            return 2;
        }
    }
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) {
        std::cerr << "warmline-sim carrier: --listen takes HOST:PORT\n";
        return 2;
    }
    std::signal(SIGINT, onCarrierSignal);
    std::signal(SIGTERM, onCarrierSignal);
    net::io_context ioc(1);
    tcp::acceptor acceptor(ioc, {net::ip::make_address(listen.substr(0, colon)),
                                 static_cast<unsigned short>(std::stoi(listen.substr(colon + 1)))});
    const auto port = acceptor.local_endpoint().port();
    if (!readyFile.empty()) {
        std::ofstream(readyFile + ".tmp") << "http_port=" << port << "\n";
        std::filesystem::rename(readyFile + ".tmp", readyFile);
    }
    std::cerr << "warmline-sim carrier: listening on " << listen.substr(0, colon) << ":" << port
              << "\n";
    Counters counters;
    SentLog sent;
    acceptor.non_blocking(true);
    auto lastReport = std::chrono::steady_clock::now();
    while (!g_stopCarrier) {
        beast::error_code ec;
        tcp::socket socket(ioc);
        acceptor.accept(socket, ec);
        if (ec == net::error::would_block || ec == net::error::try_again) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        } else if (!ec) {
            socket.non_blocking(false);
            std::thread(serve, std::move(socket), token, delayMs, std::ref(counters),
                        std::ref(sent))
                .detach();
        }
        if (std::chrono::steady_clock::now() - lastReport > std::chrono::minutes(1)) {
            lastReport = std::chrono::steady_clock::now();
            std::cerr << "warmline-sim carrier: accepted " << counters.accepted << ", rejected "
                      << counters.rejected << ", delivered " << counters.callbacks << "\n";
        }
    }
    std::cerr << "warmline-sim carrier: accepted " << counters.accepted << ", rejected "
              << counters.rejected << ", delivered " << counters.callbacks << "\n";
    return 0;
}

} // namespace warmline::sim
