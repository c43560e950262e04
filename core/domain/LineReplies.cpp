#include "core/domain/LineReplies.h"

#include <algorithm>

namespace warmline {

namespace {
constexpr std::string_view kCrisis =
    "If you are in crisis, call or text 988, or text HOME to 741741. In an emergency, call 911.";
constexpr std::string_view kCrisisEs =
    "Si estás en crisis, llama al 988 y oprime el 2, o envía AYUDA al 988 o al 741741. En una "
    "emergencia, llama al 911.";
} // namespace

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

std::string defaultFirstContactReplyEs(std::string_view lineName)
{
    return std::string(lineName) +
           ": gracias por escribirnos. Una persona de apoyo te responderá en cuanto esté libre. " +
           std::string(kCrisisEs);
}

std::string defaultAfterHoursReplyEs(std::string_view lineName)
{
    return std::string(lineName) +
           ": ahora estamos cerrados; una persona de apoyo leerá tu mensaje cuando volvamos a "
           "abrir. " +
           std::string(kCrisisEs);
}

std::string defaultHelpReplyEs(std::string_view lineName)
{
    return std::string(lineName) +
           " es una línea de apoyo entre pares. Una persona te responderá. Responde STOP para no "
           "recibir más mensajes. " +
           std::string(kCrisisEs);
}

std::string defaultStopReplyEs(std::string_view lineName)
{
    return std::string(lineName) +
           ": no recibirás más mensajes nuestros. Responde START para volver a escribirnos. En "
           "una crisis, llama o escribe al 988.";
}

std::string defaultStartReplyEs(std::string_view lineName)
{
    return std::string(lineName) +
           ": los mensajes están activados de nuevo. Escríbenos cuando quieras y una persona te "
           "responderá.";
}

std::string waitNoticeText(std::string_view lineName, std::size_t position,
                           std::optional<int> roughWaitMinutes, bool spanish)
{
    const std::string n = std::to_string(position);
    if (spanish) {
        return std::string(lineName) + ": estás en el lugar " + n + " de la fila. " +
               (roughWaitMinutes ? "Alguien del equipo te escribirá en unos " +
                                       std::to_string(*roughWaitMinutes) + " minutos. "
                                 : std::string("Te escribiremos en cuanto alguien del equipo "
                                               "esté libre. ")) +
               std::string(kCrisisEs);
    }
    return std::string(lineName) + ": you are number " + n + " in line. " +
           (roughWaitMinutes ? "A peer supporter should text you back in about " +
                                   std::to_string(*roughWaitMinutes) + " minutes. "
                             : std::string("We will text you back as soon as a peer supporter "
                                           "is free. ")) +
           std::string(kCrisis);
}

std::string overflowText(std::string_view lineName, std::string_view partnerName,
                         std::string_view partnerNumber, bool spanish)
{
    if (spanish) {
        return std::string(lineName) + ": hay mucha demanda ahora. Puedes seguir esperando " +
               "y te escribiremos, o escribir ahora a " + std::string(partnerName) + " al " +
               std::string(partnerNumber) + ". " + std::string(kCrisisEs);
    }
    return std::string(lineName) + ": we are very busy right now. You can keep waiting and " +
           "we will text you back, or text " + std::string(partnerName) + " at " +
           std::string(partnerNumber) + " now. " + std::string(kCrisis);
}

std::string callbackMissedText(std::string_view lineName, bool spanish, bool checkIn)
{
    if (spanish) {
        return std::string(lineName) +
               (checkIn ? ": te llamamos para saber cómo estás, como acordamos, y no pudimos "
                          "comunicarnos. "
                        : ": intentamos devolverte la llamada, como pediste, y no pudimos "
                          "comunicarnos. ") +
               "Puedes llamar de nuevo o escribirnos aquí cuando quieras. " +
               std::string(kCrisisEs);
    }
    return std::string(lineName) +
           (checkIn ? ": we called to check in, as you asked, and could not reach you. "
                    : ": we tried to call you back, as you asked, and could not reach you. ") +
           "Call again or text us here whenever you like. " + std::string(kCrisis);
}

std::string surveyText(std::string_view lineName, bool spanish)
{
    if (spanish) {
        return std::string(lineName) +
               ": ¿te ayudó hablar con nosotros hoy? Responde 1 sí, 2 un poco, 3 no. Tu "
               "respuesta es anónima y no hace falta responder. " +
               std::string(kCrisisEs);
    }
    return std::string(lineName) +
           ": did talking with us today help? Reply 1 yes, 2 a little, 3 no. Your answer is "
           "anonymous, and you don't have to answer. " +
           std::string(kCrisis);
}

std::string surveyThanks(std::string_view lineName, bool spanish)
{
    if (spanish) {
        return std::string(lineName) +
               ": gracias por decírnoslo. Aquí estamos cuando quieras volver a hablar.";
    }
    return std::string(lineName) +
           ": thank you for telling us. We are here whenever you want to talk again.";
}

std::optional<int> roughWaitMinutes(std::size_t position, std::size_t answeredInWindow,
                                    long long windowMs)
{
    if (answeredInWindow < 2 || windowMs <= 0 || position == 0) {
        return std::nullopt;
    }
    const double minutesPerAnswer =
        static_cast<double>(windowMs) / 60'000.0 / static_cast<double>(answeredInWindow);
    const double wait = minutesPerAnswer * static_cast<double>(position);
    const int rounded = static_cast<int>((wait + 4.999) / 5.0) * 5;
    if (rounded > 180) {
        return std::nullopt;
    }
    return std::max(5, rounded);
}

} // namespace warmline
