// HTTP senders for outbound texts: Twilio's Messages resource and Kannel's
// sendsms. One short-lived connection per attempt (texts are rare next to
// webhooks), HTTPS through OpenSSL, every step under one deadline.

#include "telephony/net/OutboundHttp.h"
#include "core/carriers/SmsSegments.h"
#include "core/text/FormCodec.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json/parse.hpp>
#include <boost/url/parse.hpp>
#include <openssl/evp.h>
#include <spdlog/spdlog.h>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using net::awaitable;
using net::use_awaitable;

namespace warmline::telephony {

namespace {

constexpr auto kTuple = net::as_tuple(use_awaitable);

struct Target
{
    bool https = false;
    std::string host;
    std::string port;
    std::string path; ///< path and query, never empty
};

std::optional<Target> parseTarget(const std::string& url)
{
    auto r = boost::urls::parse_uri(url);
    if (!r) {
        return std::nullopt;
    }
    Target t;
    t.https = r->scheme() == "https";
    if (!t.https && r->scheme() != "http") {
        return std::nullopt;
    }
    t.host = std::string(r->host());
    t.port = r->has_port() ? std::string(r->port()) : (t.https ? "443" : "80");
    t.path = std::string(r->encoded_path());
    if (t.path.empty()) {
        t.path = "/";
    }
    if (r->has_query()) {
        t.path += "?" + std::string(r->encoded_query());
    }
    return t;
}

std::string base64(std::string_view in)
{
    std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(in.data()),
                                  static_cast<int>(in.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

struct HttpResult
{
    bool connected = false;
    /// Bytes of the request left this host and no answer came back: the
    /// provider may have the text. Sending it again could deliver it twice.
    bool maybeDelivered = false;
    unsigned status = 0;
    std::string body;
    std::string error; ///< transport failure, readable
};

/// One request under one deadline; never throws.
awaitable<HttpResult> exchange(Target target, http::request<http::string_body> req, int timeoutMs,
                               std::shared_ptr<ssl::context> tls)
{
    HttpResult result;
    auto ex = co_await net::this_coro::executor;
    const auto deadline = std::chrono::milliseconds(timeoutMs);
    // The resolver has no deadline of its own: a timer cancels it.
    tcp::resolver resolver(ex);
    net::steady_timer resolveDeadline(ex, deadline);
    resolveDeadline.async_wait([&resolver](boost::system::error_code ec) {
        if (!ec) {
            resolver.cancel();
        }
    });
    auto [rec, endpoints] = co_await resolver.async_resolve(target.host, target.port, kTuple);
    resolveDeadline.cancel();
    if (rec) {
        result.error = rec == net::error::operation_aborted
                           ? "resolving the provider's host took too long"
                           : "cannot resolve the provider's host";
        co_return result;
    }
    req.set(http::field::host, target.host);
    req.set(http::field::user_agent, "warmline-gateway");
    req.prepare_payload();
    http::response_parser<http::string_body> parser;
    parser.body_limit(1u << 20);
    beast::flat_buffer buffer;
    if (target.https) {
        beast::ssl_stream<beast::tcp_stream> stream(ex, *tls);
        // SSL_set_tlsext_host_name is a macro with a C cast; this is its body.
        if (SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME,
                     TLSEXT_NAMETYPE_host_name, const_cast<char*>(target.host.c_str())) != 1) {
            result.error = "TLS setup failed";
            co_return result;
        }
        stream.set_verify_callback(ssl::host_name_verification(target.host));
        beast::get_lowest_layer(stream).expires_after(deadline);
        auto [cec, ep] = co_await beast::get_lowest_layer(stream).async_connect(endpoints, kTuple);
        if (cec) {
            result.error = "cannot connect to the provider";
            co_return result;
        }
        result.connected = true;
        auto [hec] = co_await stream.async_handshake(ssl::stream_base::client, kTuple);
        if (hec) {
            result.error = "TLS handshake with the provider failed";
            co_return result;
        }
        auto [wec, wn] = co_await http::async_write(stream, req, kTuple);
        auto [dec, dn] = wec ? std::make_tuple(wec, std::size_t{0})
                             : co_await http::async_read(stream, buffer, parser, kTuple);
        if (wec || dec) {
            result.maybeDelivered = wn > 0;
            result.error = "the provider did not answer in time";
            co_return result;
        }
        co_await stream.async_shutdown(kTuple);
    } else {
        beast::tcp_stream stream(ex);
        stream.expires_after(deadline);
        auto [cec, ep] = co_await stream.async_connect(endpoints, kTuple);
        if (cec) {
            result.error = "cannot connect to the provider";
            co_return result;
        }
        result.connected = true;
        auto [wec, wn] = co_await http::async_write(stream, req, kTuple);
        auto [dec, dn] = wec ? std::make_tuple(wec, std::size_t{0})
                             : co_await http::async_read(stream, buffer, parser, kTuple);
        if (wec || dec) {
            result.maybeDelivered = wn > 0;
            result.error = "the provider did not answer in time";
            co_return result;
        }
        boost::system::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    }
    result.status = parser.get().result_int();
    result.body = parser.get().body();
    co_return result;
}

std::shared_ptr<ssl::context> clientTls()
{
    auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
    ctx->set_default_verify_paths();
    ctx->set_verify_mode(ssl::verify_peer);
    return ctx;
}

SendOutcome classify(const HttpResult& r, std::string_view provider)
{
    SendOutcome o;
    if (r.status == 0 && r.maybeDelivered) {
        o.kind = SendOutcome::Kind::Unknown;
        o.error = std::string(provider) + " may have received this text: " + r.error;
    } else if (r.status == 0) {
        o.kind = SendOutcome::Kind::Retry;
        o.error = std::string(provider) + ": " + r.error;
    } else if (r.status == 429 || r.status >= 500) {
        o.kind = SendOutcome::Kind::Retry;
        o.error = fmt::format("{} is busy or failing (HTTP {})", provider, r.status);
    } else if (r.status >= 200 && r.status < 300) {
        o.kind = SendOutcome::Kind::Sent;
    } else {
        o.kind = SendOutcome::Kind::Failed;
        o.error = fmt::format("{} refused the text (HTTP {})", provider, r.status);
    }
    return o;
}

class TwilioSender final : public OutboundSender
{
public:
    TwilioSender(net::any_io_executor ex, TwilioSenderSettings s)
        : m_ex(std::move(ex)), m_settings(std::move(s)), m_tls(clientTls())
    {
    }
    Provider provider() const override { return Provider::Twilio; }

    void send(OutboundRequest request, std::function<void(SendOutcome)> done) override
    {
        auto target = parseTarget(m_settings.apiBaseUrl + "/2010-04-01/Accounts/" +
                                  m_settings.accountSid + "/Messages.json");
        if (!target || m_settings.accountSid.empty()) {
            done({SendOutcome::Kind::Failed,
                  {},
                  "twilio.api_base_url or twilio.account_sid is not set correctly"});
            return;
        }
        FormFields form{{"To", request.to}, {"From", request.from}, {"Body", request.body}};
        if (!m_settings.statusCallbackUrl.empty()) {
            form.emplace_back("StatusCallback", m_settings.statusCallbackUrl);
        }
        http::request<http::string_body> req{http::verb::post, target->path, 11};
        req.set(http::field::content_type, "application/x-www-form-urlencoded");
        req.set(http::field::authorization,
                "Basic " + base64(m_settings.accountSid + ":" + m_settings.authToken));
        req.body() = encodeForm(form);
        net::co_spawn(
            m_ex, exchange(*target, std::move(req), m_settings.timeoutMs, m_tls),
            [done = std::move(done)](std::exception_ptr e, HttpResult r) {
                if (e) {
                    done({SendOutcome::Kind::Retry, {}, "Twilio: unexpected client error"});
                    return;
                }
                SendOutcome o = classify(r, "Twilio");
                if (o.kind == SendOutcome::Kind::Sent) {
                    boost::system::error_code ec;
                    auto v = boost::json::parse(r.body, ec);
                    if (!ec && v.is_object() && v.as_object().contains("sid") &&
                        v.as_object().at("sid").is_string()) {
                        o.providerId = std::string(v.as_object().at("sid").as_string());
                    }
                } else if (o.kind == SendOutcome::Kind::Failed) {
                    // Twilio's error message can quote the number: keep only the code.
                    boost::system::error_code ec;
                    auto v = boost::json::parse(r.body, ec);
                    if (!ec && v.is_object() && v.as_object().contains("code") &&
                        v.as_object().at("code").is_int64()) {
                        o.error = fmt::format("Twilio refused the text (error {})",
                                              v.as_object().at("code").as_int64());
                    }
                }
                done(std::move(o));
            });
    }

private:
    net::any_io_executor m_ex;
    TwilioSenderSettings m_settings;
    std::shared_ptr<ssl::context> m_tls;
};

class KannelSender final : public OutboundSender
{
public:
    KannelSender(net::any_io_executor ex, KannelSenderSettings s)
        : m_ex(std::move(ex)), m_settings(std::move(s)), m_tls(clientTls())
    {
    }
    Provider provider() const override { return Provider::Kannel; }

    void send(OutboundRequest request, std::function<void(SendOutcome)> done) override
    {
        FormFields q{
            {"username", m_settings.username},
            {"password", m_settings.password},
            {"to", request.to},
            {"text", request.body},
            {"charset", "UTF-8"},
            // GSM-7 (160 characters a segment) when every character
            // has a GSM code, UCS-2 (70) only when one has none: the
            // same choice as Twilio's and the app's segment counter.
            {"coding", countSegments(request.body).encoding == SmsEncoding::Gsm7 ? "0" : "2"}};
        if (!request.from.empty()) {
            q.emplace_back("from", request.from);
        }
        if (!m_settings.dlrUrl.empty()) {
            const char sep = m_settings.dlrUrl.find('?') == std::string::npos ? '?' : '&';
            q.emplace_back("dlr-mask", "31");
            q.emplace_back("dlr-url", m_settings.dlrUrl + sep +
                                          "id=" + std::to_string(request.messageId) + "&status=%d");
        }
        const char sep = m_settings.sendsmsUrl.find('?') == std::string::npos ? '?' : '&';
        auto target = parseTarget(m_settings.sendsmsUrl + sep + encodeForm(q));
        if (!target || m_settings.sendsmsUrl.empty()) {
            done({SendOutcome::Kind::Failed, {}, "kannel.sendsms_url is not set correctly"});
            return;
        }
        http::request<http::string_body> req{http::verb::get, target->path, 11};
        net::co_spawn(
            m_ex, exchange(*target, std::move(req), m_settings.timeoutMs, m_tls),
            [done = std::move(done)](std::exception_ptr e, HttpResult r) {
                if (e) {
                    done({SendOutcome::Kind::Retry, {}, "Kannel: unexpected client error"});
                    return;
                }
                done(classify(r, "Kannel"));
            });
    }

private:
    net::any_io_executor m_ex;
    KannelSenderSettings m_settings;
    std::shared_ptr<ssl::context> m_tls;
};

} // namespace

std::unique_ptr<OutboundSender> makeTwilioSender(net::any_io_executor ex,
                                                 TwilioSenderSettings settings)
{
    return std::make_unique<TwilioSender>(std::move(ex), std::move(settings));
}

std::unique_ptr<OutboundSender> makeKannelSender(net::any_io_executor ex,
                                                 KannelSenderSettings settings)
{
    return std::make_unique<KannelSender>(std::move(ex), std::move(settings));
}

} // namespace warmline::telephony
