#include "core/domain/LineReplies.h"

namespace warmline {

namespace {
constexpr std::string_view kCrisis =
    "If you are in crisis, call or text 988, or text HOME to 741741. In an emergency, call 911.";
}

std::string defaultFirstContactReply(std::string_view lineName)
{
    return std::string(lineName) +
           ": thanks for reaching out. A peer supporter will text you back as soon as one is "
           "free. " +
           std::string(kCrisis);
}

std::string defaultAfterHoursReply(std::string_view lineName)
{
    return std::string(lineName) +
           ": we are closed right now; a peer supporter will see your message when we reopen. " +
           std::string(kCrisis);
}

std::string defaultHelpReply(std::string_view lineName)
{
    return std::string(lineName) +
           " is a peer support line. A peer will text you back. Reply STOP to stop texts. " +
           std::string(kCrisis);
}

std::string defaultStopReply(std::string_view lineName)
{
    return std::string(lineName) +
           ": you will get no more texts from us. Reply START to text with us again. "
           "In a crisis, call or text 988.";
}

std::string defaultStartReply(std::string_view lineName)
{
    return std::string(lineName) +
           ": texts are back on. Send a message any time and a peer will reply.";
}

} // namespace warmline
