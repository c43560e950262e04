#include "telephony/sip/SipDigest.h"
#include "telephony/sip/SipFraming.h"

#include <catch2/catch.hpp>

using namespace warmline;

TEST_CASE("digest responses match RFC 2617's worked example")
{
    DigestCredentials c;
    c.username = "Mufasa";
    c.realm = "testrealm@host.com";
    c.nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
    c.uri = "/dir/index.html";
    c.qop = "auth";
    c.nc = "00000001";
    c.cnonce = "0a4f113b";
    CHECK(digestResponse(c, "GET", "Circle Of Life") == "6629fae49393a05397450978507c4ef1");
}

TEST_CASE("Authorization values are parsed with quoted and bare fields")
{
    const auto c = parseDigestAuthorization(
        R"(Digest username="trunk", realm="warmline", nonce="abc.def", uri="sip:+15555550100@192.0.2.1", response="0123456789ABCDEF0123456789abcdef", algorithm=MD5, qop=auth, nc=00000001, cnonce="x\"y")");
    REQUIRE(c);
    CHECK(c->username == "trunk");
    CHECK(c->uri == "sip:+15555550100@192.0.2.1");
    CHECK(c->response == "0123456789abcdef0123456789abcdef");
    CHECK(c->qop == "auth");
    CHECK(c->cnonce == "x\"y");
    CHECK_FALSE(parseDigestAuthorization("Basic dXNlcjpwYXNz"));
    CHECK_FALSE(parseDigestAuthorization(R"(Digest username="a", nonce="n")"));
    CHECK_FALSE(parseDigestAuthorization(R"(Digest username="a, nonce="n", uri="u", response="r)"));
}

TEST_CASE("a server nonce is accepted while fresh, stale after, refused when forged")
{
    const std::string secret = "per-run secret";
    const EpochMs t0 = 1'795'000'000'000;
    DigestCredentials c;
    c.username = "trunk";
    c.realm = "warmline";
    c.nonce = makeDigestNonce(secret, t0);
    c.uri = "sip:+15555550100@127.0.0.1";
    c.qop = "auth";
    c.nc = "00000001";
    c.cnonce = "abc";
    c.response = digestResponse(c, "INVITE", "s3cret-pass");
    auto check = [&](const DigestCredentials& cred, EpochMs now, std::string_view password) {
        return checkDigest(cred, "INVITE", "trunk", password, "warmline", secret, now, 300'000);
    };
    CHECK(check(c, t0 + 1000, "s3cret-pass") == DigestVerdict::Ok);
    CHECK(check(c, t0 + 400'000, "s3cret-pass") == DigestVerdict::Stale);
    CHECK(check(c, t0 + 1000, "wrong") == DigestVerdict::Bad);
    auto forged = c;
    forged.nonce = makeDigestNonce("another secret", t0);
    forged.response = digestResponse(forged, "INVITE", "s3cret-pass");
    CHECK(check(forged, t0 + 1000, "s3cret-pass") == DigestVerdict::Bad);
    auto otherMethod = c;
    CHECK(checkDigest(otherMethod, "BYE", "trunk", "s3cret-pass", "warmline", secret, t0 + 1000,
                      300'000) == DigestVerdict::Bad);
    CHECK_THAT(digestChallenge("warmline", c.nonce, true), Catch::Contains("stale=true"));
}

TEST_CASE("stream framing by Content-Length, with keep-alives, limits and errors")
{
    const std::string msg = "OPTIONS sip:a@b SIP/2.0\r\nl: 4\r\n\r\nbody";
    auto f = nextSipStreamFrame(msg + "INVITE", 1000);
    CHECK(f.kind == SipFrame::Kind::Message);
    CHECK(f.length == msg.size());
    CHECK(nextSipStreamFrame(msg.substr(0, msg.size() - 1), 1000).kind ==
          SipFrame::Kind::Incomplete);
    CHECK(nextSipStreamFrame("OPTIONS sip:a@b SIP/2.0\r\nVia", 1000).kind ==
          SipFrame::Kind::Incomplete);
    f = nextSipStreamFrame("\r\n\r\nOPTIONS", 1000);
    CHECK(f.kind == SipFrame::Kind::KeepAlive);
    CHECK(f.length == 4);
    CHECK(nextSipStreamFrame(msg, 20).kind == SipFrame::Kind::Error);
    CHECK(nextSipStreamFrame(std::string(2000, 'x'), 1000).kind == SipFrame::Kind::Error);
    CHECK(nextSipStreamFrame("OPTIONS sip:a@b SIP/2.0\r\n\r\n", 1000).kind ==
          SipFrame::Kind::Error);
    CHECK(nextSipStreamFrame("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: -5\r\n\r\n", 1000).kind ==
          SipFrame::Kind::Error);
    CHECK(nextSipStreamFrame("A sip:a@b SIP/2.0\r\nl: 0\r\nContent-Length: 3\r\n\r\nabc", 1000)
              .kind == SipFrame::Kind::Error);
    // Folded header values are part of their header.
    f = nextSipStreamFrame("A sip:a@b SIP/2.0\r\nContent-Length:\r\n 2\r\n\r\nab", 1000);
    CHECK(f.kind == SipFrame::Kind::Message);
}

TEST_CASE("a datagram's message ends at its Content-Length")
{
    const std::string head = "REGISTER sip:a SIP/2.0\r\nContent-Length: 0\r\n\r\n";
    auto d = sipDatagramMessage(head + "INVITE sip:junk SIP/2.0\r\n\r\n");
    CHECK(d.error.empty());
    CHECK(d.length == head.size());
    d = sipDatagramMessage("INVITE sip:a SIP/2.0\r\nContent-Length: 9999\r\n\r\nv=0");
    CHECK_THAT(d.error, Catch::Contains("larger"));
    d = sipDatagramMessage("INVITE sip:a SIP/2.0\r\n\r\nbody");
    CHECK(d.error.empty());
    CHECK(d.length == 28);
    CHECK_FALSE(sipDatagramMessage("INVITE sip:a SIP/2.0\r\nVia: x\r\n").error.empty());
}
