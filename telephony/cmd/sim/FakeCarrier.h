#pragma once

// `warmline-sim carrier`: a stand-in for Twilio's Messages API on loopback,
// so a demo's replies have somewhere to go. It accepts the gateway's sends
// (answering 201 with a message sid, as Twilio does) and a moment later
// posts a signed "delivered" status callback. It keeps a short list of whom
// it texted, which `warmline-sim --replies-from` reads (GET /sim/sent) so its
// texters can answer. It prints counts, never numbers or texts. Runs until
// SIGINT/SIGTERM.

namespace warmline::sim {

int runFakeCarrier(int argc, char** argv);

} // namespace warmline::sim
