#pragma once

// baresip as a caller of the gateway, for the SIP call tests: its home (no
// sound card, the greeting WAV as its microphone, optionally SRTP and a
// recording of what it heard), starting it, and the operator side of the
// call (sam accepts; audio is relayed both ways). Needs baresip
// (Debian package baresip-core).

#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/gateway/SipCallFixture.h"
#include "telephony/media/Wav.h"

#include <boost/json/object.hpp>
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace warmline::test::sipcall {

/// A baresip home at `home`: no sound card, the greeting WAV as its
/// microphone, RTP ports above the gateways' ranges (rtpRange) and the
/// kernel's ephemeral ports so no other test's sockets sit in them, SIP on
/// `listen` (its address goes in its SDP), `microphone` (a WAV; default the
/// greeting) as what it says, and one account for `number` (synthetic)
/// with `accountParams`. `extraConfig` is added as is.
inline void writeBaresipHome(const std::filesystem::path& home, const std::string& number,
                             const std::string& extraConfig = {},
                             const std::string& accountParams = {},
                             const std::string& listen = "127.0.0.1",
                             std::filesystem::path microphone = {})
{
    std::filesystem::create_directories(home);
    if (microphone.empty()) {
        microphone = std::filesystem::path(WARMLINE_SOURCE_DIR) / "resources/audio/greeting.wav";
    }
    const int rtpBase = 61000 + static_cast<int>(::getpid() % 40) * 100;
    writeFile(home / "config",
              "poll_method epoll\nsip_listen " + listen + ":0\n" + extraConfig +
                  "audio_player aubridge,nil\naudio_alert aubridge,nil\naudio_source aufile," +
                  microphone.string() + "\naudio_srate 8000\naudio_channels 1\nrtp_ports " +
                  std::to_string(rtpBase) + "-" + std::to_string(rtpBase + 99) +
                  "\nmodule_path /usr/lib/baresip/modules\nmodule g711.so\nmodule aufile.so\n"
                  "module aubridge.so\nmodule account.so\nmodule_app menu.so\n");
    writeFile(home / "accounts",
              "<sip:" + number + "@127.0.0.1>;regint=0;audio_codecs=PCMU" + accountParams + "\n");
}

/// The config lines and account parameter of a baresip that insists on
/// SRTP (srtp-mand: RTP/SAVP with SDES keys) over TLS, trusting `caFile`,
/// and records what it decrypted and decoded into `recordings` (sndfile).
struct BaresipSrtp
{
    std::string config;
    std::string account = ";mediaenc=srtp-mand";
};
inline BaresipSrtp baresipSrtp(const std::filesystem::path& caFile,
                               const std::filesystem::path& recordings)
{
    std::filesystem::create_directories(recordings);
    return {"sip_cafile " + caFile.string() + "\nmodule srtp.so\nmodule sndfile.so\nsnd_path " +
            recordings.string() + "\n"};
}

/// How to start baresip with the home at `home`, dialling `uri` at once
/// (a minute at most), its output in `dir` under `name`; `prefix` runs it
/// through another program (e.g. `ip netns exec NAME`, which execs it, so
/// the process is baresip's own).
inline ProcessOptions baresipOptions(const std::filesystem::path& home, const std::string& uri,
                                     const std::filesystem::path& dir, const std::string& name,
                                     const std::vector<std::string>& prefix = {})
{
    ProcessOptions p;
    p.argv = prefix;
    const std::vector<std::string> own = {kBaresip,       "-f", home.string(), "-e",
                                          "/dial " + uri, "-t", "60"};
    p.argv.insert(p.argv.end(), own.begin(), own.end());
    p.outputDir = dir;
    p.name = name;
    return p;
}

/// baresip started as baresipOptions says.
inline Process startBaresip(const std::filesystem::path& home, const std::string& uri,
                            const std::filesystem::path& dir, const std::string& name)
{
    return Process(baresipOptions(home, uri, dir, name));
}

/// [sip] lines for SIP over TLS on an OS-chosen port with SIP's own
/// certificate (the fixture's): HTTPS, here plain on loopback, would end at
/// a reverse proxy.
inline std::string sipOwnTls()
{
    const auto fixtures = std::filesystem::path(WARMLINE_SOURCE_DIR) / "tests/fixtures";
    return "tls_enabled = true\ntls_port = 0\ntls_certificate = " +
           (fixtures / "test-cert.pem").string() +
           "\ntls_private_key = " + (fixtures / "test-key.pem").string() + "\n";
}

/// sam's desk phone: a sipp that answers one call and echoes every RTP
/// packet it gets (plain RTP on the gateway's network).
inline std::unique_ptr<Process> echoingDeskForSam(CallGateway& g)
{
    const int deskPort = freeUdpPort();
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    g.samTakesCallsAt(deskPort);
    return desk;
}

/// sam accepts contact `id` (a call to sam's phone), and audio is relayed
/// both ways: 50 packets a second each way, so after a few seconds both
/// directions carry at least `packets` more than before the accept.
inline void samAcceptsAndAudioFlows(CallGateway& g, OperatorLink& lead, std::int64_t id,
                                    std::int64_t packets = 100)
{
    // Counted from here: an earlier call's packets do not count.
    const auto before = g.metrics();
    const auto operatorBefore = metric(before, relayedTo("operator"));
    const auto callerBefore = metric(before, relayedTo("caller"));
    g.ctl("sam", {"accept", std::to_string(id)});
    lead.waitEvent("call.connected", [&](const boost::json::object& e) {
        return e.at("contactId").as_int64() == id;
    });
    std::int64_t toOperator = 0;
    std::int64_t toCaller = 0;
    const bool flowing = waitFor(
        [&] {
            const auto m = g.metrics();
            toOperator = metric(m, relayedTo("operator")) - operatorBefore;
            toCaller = metric(m, relayedTo("caller")) - callerBefore;
            return toOperator >= packets && toCaller >= packets;
        },
        std::chrono::seconds(20), std::chrono::milliseconds(200));
    INFO("relayed to the operator's phone: " << toOperator << ", to the caller: " << toCaller);
    CHECK(flowing);
}

/// Checks that baresip decrypted everything it got and that what it heard
/// (sndfile's "-dec.wav" in `recordings`, written once the call ended) is
/// at least 1.5 s of audio, not silence: the gateway's greeting and hold
/// audio, then its own microphone echoed by the desk phone.
inline void checkBaresipHeardAudio(const Process& baresip, const std::filesystem::path& recordings)
{
    CHECK(readFile(baresip.stdoutPath()).find("failed to decrypt") == std::string::npos);
    std::vector<std::int16_t> heard;
    for (const auto& f : std::filesystem::directory_iterator(recordings)) {
        if (f.path().filename().string().find("-dec.wav") != std::string::npos) {
            heard = loadWav(f.path());
        }
    }
    INFO("baresip's recordings: " << recordings);
    REQUIRE(heard.size() >= 8000 * 3 / 2);
    double energy = 0;
    std::size_t loud = 0;
    for (const auto v : heard) {
        energy += static_cast<double>(v) * v;
        loud += std::abs(v) > 1000 ? 1 : 0;
    }
    const double rms = std::sqrt(energy / static_cast<double>(heard.size()));
    INFO("RMS " << rms << ", samples above 1000: " << loud << " of " << heard.size());
    CHECK(rms > 300);
    CHECK(loud > heard.size() / 10);
}

} // namespace warmline::test::sipcall
