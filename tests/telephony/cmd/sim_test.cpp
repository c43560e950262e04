// warmline-sim against a recording HTTP listener in the test: the posts
// must look like a carrier's, carry valid signatures, and the sim's own
// output must name no caller and quote no text.

#include "core/carriers/TwilioSignature.h"
#include "support/Process.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace warmline::test;

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct Received
{
    std::string method;
    std::string target;
    std::string contentType;
    std::string signature;
    std::string body;
};

/// Answers every request with a fixed status and records it. Runs its
/// io_context on its own thread; received() is safe from the test thread.
class RecordingHttpServer
{
public:
    explicit RecordingHttpServer(int status = 200)
        : m_acceptor(m_ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)), m_status(status)
    {
        accept();
        m_thread = std::thread([this] { m_ioc.run(); });
    }
    ~RecordingHttpServer()
    {
        m_ioc.stop();
        m_thread.join();
    }
    RecordingHttpServer(const RecordingHttpServer&) = delete;
    RecordingHttpServer& operator=(const RecordingHttpServer&) = delete;

    int port() const { return m_acceptor.local_endpoint().port(); }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port()); }
    std::vector<Received> received() const
    {
        std::lock_guard lock(m_mutex);
        return m_received;
    }

private:
    struct Connection : std::enable_shared_from_this<Connection>
    {
        Connection(tcp::socket s, RecordingHttpServer& server) : stream(std::move(s)), owner(server)
        {
        }
        void read()
        {
            request = {};
            http::async_read(stream, buffer, request,
                             [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                 if (!ec) {
                                     self->answer();
                                 }
                             });
        }
        void answer()
        {
            {
                std::lock_guard lock(owner.m_mutex);
                owner.m_received.push_back(
                    Received{std::string(request.method_string()), std::string(request.target()),
                             std::string(request[http::field::content_type]),
                             std::string(request["X-Twilio-Signature"]), request.body()});
            }
            response = {};
            response.result(static_cast<http::status>(owner.m_status.load()));
            response.version(11);
            response.set(http::field::content_type, "text/xml");
            response.body() = "<Response></Response>";
            response.keep_alive(request.keep_alive());
            response.prepare_payload();
            http::async_write(stream, response,
                              [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                  if (!ec && self->response.keep_alive()) {
                                      self->read();
                                  }
                              });
        }
        beast::tcp_stream stream;
        RecordingHttpServer& owner;
        beast::flat_buffer buffer;
        http::request<http::string_body> request;
        http::response<http::string_body> response;
    };

    void accept()
    {
        m_acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
            if (ec) {
                return;
            }
            std::make_shared<Connection>(std::move(socket), *this)->read();
            accept();
        });
    }

    net::io_context m_ioc;
    tcp::acceptor m_acceptor;
    std::atomic<int> m_status;
    mutable std::mutex m_mutex;
    std::vector<Received> m_received;
    std::thread m_thread;
};

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

std::string percentDecode(const std::string& in, bool plusIsSpace)
{
    std::string out;
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '+' && plusIsSpace) {
            out += ' ';
        } else if (in[i] == '%' && i + 2 < in.size() && hexValue(in[i + 1]) >= 0 &&
                   hexValue(in[i + 2]) >= 0) {
            out += static_cast<char>(hexValue(in[i + 1]) * 16 + hexValue(in[i + 2]));
            i += 2;
        } else {
            out += in[i];
        }
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> parseForm(const std::string& body,
                                                           bool plusIsSpace = true)
{
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t start = 0;
    while (start <= body.size()) {
        auto end = body.find('&', start);
        if (end == std::string::npos) {
            end = body.size();
        }
        const auto pair = body.substr(start, end - start);
        const auto eq = pair.find('=');
        if (!pair.empty()) {
            out.emplace_back(percentDecode(pair.substr(0, eq), plusIsSpace),
                             eq == std::string::npos
                                 ? std::string()
                                 : percentDecode(pair.substr(eq + 1), plusIsSpace));
        }
        start = end + 1;
    }
    return out;
}

std::map<std::string, std::string> asMap(const std::vector<std::pair<std::string, std::string>>& v)
{
    return {v.begin(), v.end()};
}

std::string expectedSignature(const std::string& token, const std::string& url,
                              std::vector<std::pair<std::string, std::string>> params)
{
    std::sort(params.begin(), params.end());
    std::string data = url;
    for (const auto& [name, value] : params) {
        data += name + value;
    }
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int macLength = 0;
    HMAC(EVP_sha1(), token.data(), static_cast<int>(token.size()),
         reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &macLength);
    std::string out(4 * ((macLength + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), mac,
                                  static_cast<int>(macLength));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

bool isValidUtf8(const std::string& s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= s.size()) {
            return false;
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        const std::uint32_t minimum[] = {0, 0x80, 0x800, 0x10000};
        if (cp < minimum[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return false;
        }
        i += extra + 1;
    }
    return true;
}

RunResult runSim(const std::vector<std::string>& args)
{
    ProcessOptions p;
    p.argv = {WARMLINE_SIM_BIN};
    p.argv.insert(p.argv.end(), args.begin(), args.end());
    p.name = "sim";
    return runProgram(std::move(p), 60s);
}

} // namespace

TEST_CASE("warmline-sim posts signed Twilio webhooks and keeps texts out of its output", "[sim]")
{
    RecordingHttpServer server;
    const std::string token = "synthetic-auth-token-0123456789";
    const std::string publicUrl = "https://warmline.example.org/hooks";
    const auto r = runSim({"--url", server.url(), "--count", "20", "--rate", "6000", "--auth-token",
                           token, "--public-url", publicUrl, "--seed", "7"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.err.find("sent 20, ok 20, failed 0") != std::string::npos);

    const auto posts = server.received();
    REQUIRE(posts.size() == 20);
    const std::regex sid("SM[0-9a-f]{32}");
    const std::regex account("AC[0-9a-f]{32}");
    const std::regex caller(R"(\+1[0-9]{3}55501[0-9]{2})");
    std::set<std::string> sids;
    std::set<std::string> callers;
    for (const auto& post : posts) {
        CHECK(post.method == "POST");
        CHECK(post.target == "/sms/twilio");
        CHECK(post.contentType == "application/x-www-form-urlencoded");
        const auto fields = parseForm(post.body);
        auto form = asMap(fields);
        CHECK(std::regex_match(form["MessageSid"], sid));
        CHECK(std::regex_match(form["AccountSid"], account));
        CHECK(std::regex_match(form["From"], caller));
        CHECK(form["To"] == "+15555550100");
        CHECK(form["NumMedia"] == "0");
        CHECK(form["NumSegments"] == "1");
        CHECK_FALSE(form["Body"].empty());
        CHECK(isValidUtf8(form["Body"]));
        CHECK(post.signature == expectedSignature(token, publicUrl + "/sms/twilio", fields));
        CHECK(warmline::verifyTwilioSignature(token, publicUrl + "/sms/twilio", fields,
                                              post.signature));
        sids.insert(form["MessageSid"]);
        callers.insert(form["From"]);

        CHECK(r.err.find(form["Body"]) == std::string::npos);
        CHECK(r.err.find(form["From"]) == std::string::npos);
        CHECK(r.out.find(form["Body"]) == std::string::npos);
    }
    CHECK(sids.size() == 20);
    // Repeat callers: twenty texts come from fewer than twenty people.
    CHECK(callers.size() < 20);
}

TEST_CASE("warmline-sim sends Kannel-style GETs", "[sim]")
{
    RecordingHttpServer server;
    const auto r = runSim({"--url", server.url(), "--provider", "kannel", "--count", "5", "--rate",
                           "6000", "--seed", "3"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto requests = server.received();
    REQUIRE(requests.size() == 5);
    for (const auto& req : requests) {
        CHECK(req.method == "GET");
        REQUIRE(req.target.rfind("/sms/kannel?", 0) == 0);
        auto query = asMap(parseForm(req.target.substr(req.target.find('?') + 1), false));
        CHECK(std::regex_match(query["from"], std::regex(R"(\+1[0-9]{3}55501[0-9]{2})")));
        CHECK(query["to"] == "+15555550100");
        CHECK_FALSE(query["text"].empty());
        CHECK(isValidUtf8(query["text"]));
        CHECK(std::regex_match(
            query["time"], std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")));
        CHECK_FALSE(query["id"].empty());
    }
}

TEST_CASE("warmline-sim with --count fails on 5xx answers and on no connection", "[sim]")
{
    SECTION("5xx")
    {
        RecordingHttpServer server(503);
        const auto r = runSim({"--url", server.url(), "--count", "3", "--rate", "6000"});
        CHECK(r.exitCode == 1);
        CHECK(r.err.find("sent 3, ok 0, failed 3") != std::string::npos);
    }
    SECTION("4xx is counted but is no failure of the run")
    {
        RecordingHttpServer server(403);
        const auto r = runSim({"--url", server.url(), "--count", "3", "--rate", "6000"});
        CHECK(r.exitCode == 0);
        CHECK(r.err.find("failed 3") != std::string::npos);
    }
    SECTION("nothing listening")
    {
        const auto url = "http://127.0.0.1:" + std::to_string(freeTcpPort());
        const auto r = runSim({"--url", url, "--count", "2", "--rate", "6000"});
        CHECK(r.exitCode == 1);
        CHECK(r.err.find("sent 2, ok 0, failed 2") != std::string::npos);
    }
}

TEST_CASE("warmline-sim rejects bad usage", "[sim]")
{
    for (const auto& args : std::vector<std::vector<std::string>>{
             {},
             {"--url", "http://127.0.0.1:1", "--provider", "carrier-pigeon"},
             {"--url", "http://127.0.0.1:1", "--rate", "0"},
             {"--url", "http://127.0.0.1:1", "--callers", "0"},
             {"--url", "http://127.0.0.1:1", "--bogus"}}) {
        const auto r = runSim(args);
        CHECK(r.exitCode == 2);
    }
}
