#include "telephony/net/Metrics.h"

#include "core/store/StoreWorker.h"
#include "telephony/gateway/Gateway.h"

#include <fmt/format.h>

#include <sys/statvfs.h>

namespace warmline::telephony {

std::string prometheusMetrics(const Gateway& gateway, const StoreWorker& writer,
                              const HttpCounters& http, const std::filesystem::path& diskPath)
{
    const auto& c = gateway.counters();
    const auto& s = writer.stats();
    std::string out;
    auto gauge = [&out](std::string_view name, std::string_view help, auto value) {
        out += fmt::format("# HELP {0} {1}\n# TYPE {0} gauge\n{0} {2}\n", name, help, value);
    };
    gauge("warmline_queue_length", "Contacts waiting in the queue.", gateway.queueLength());
    out += "# HELP warmline_queue_by_channel Contacts waiting, by channel.\n"
           "# TYPE warmline_queue_by_channel gauge\n";
    out += fmt::format("warmline_queue_by_channel{{channel=\"text\"}} {}\n",
                       gateway.queueByChannel(Channel::Text));
    out += fmt::format("warmline_queue_by_channel{{channel=\"call\"}} {}\n",
                       gateway.queueByChannel(Channel::Call));
    gauge("warmline_queue_longest_wait_seconds", "Wait of the longest-waiting contact.",
          static_cast<double>(gateway.longestWaitMs()) / 1000.0);
    gauge("warmline_contacts_held", "Contacts held by operators.", gateway.heldContacts());
    gauge("warmline_operators_on_shift", "Operators not offline.", gateway.operatorsOnShift());
    gauge("warmline_operator_phones_not_answering",
          "Signed-in operators whose phone did not answer the gateway's last check.",
          gateway.phonesNotAnswering());
    gauge("warmline_escalations_unacknowledged",
          "Escalations whose alert no shift lead has acknowledged yet.",
          gateway.unacknowledgedEscalations());
    gauge("warmline_escalation_oldest_unacknowledged_seconds",
          "How long the oldest unacknowledged escalation alert has waited (0 when none).",
          static_cast<double>(gateway.oldestUnacknowledgedEscalationMs()) / 1000.0);
    gauge("warmline_links", "Operator links connected.", gateway.linkCount());
    gauge("warmline_http_connections", "Open HTTP and link connections.", http.connections);
    out += "# HELP warmline_webhooks_total Inbound webhooks by result.\n"
           "# TYPE warmline_webhooks_total counter\n";
    out += fmt::format("warmline_webhooks_total{{result=\"stored\"}} {}\n", c.webhookStored.load());
    out += fmt::format("warmline_webhooks_total{{result=\"duplicate\"}} {}\n",
                       c.webhookDuplicate.load());
    out += fmt::format("warmline_webhooks_total{{result=\"rejected\"}} {}\n",
                       c.webhookRejected.load());
    out += fmt::format("warmline_webhooks_total{{result=\"forbidden\"}} {}\n",
                       c.webhookForbidden.load());
    out += fmt::format("warmline_webhooks_total{{result=\"unavailable\"}} {}\n",
                       c.webhookUnavailable.load());
    out += "# HELP warmline_contacts_screened_total Contacts held for a lead or refused by "
           "screening (docs/screening.md).\n"
           "# TYPE warmline_contacts_screened_total counter\n";
    out += fmt::format("warmline_contacts_screened_total{{channel=\"text\",action=\"hold\"}} {}\n",
                       c.screenedHeldTexts.load());
    out += fmt::format("warmline_contacts_screened_total{{channel=\"call\",action=\"hold\"}} {}\n",
                       c.screenedHeldCalls.load());
    out +=
        fmt::format("warmline_contacts_screened_total{{channel=\"text\",action=\"refuse\"}} {}\n",
                    c.screenedRefusedTexts.load());
    out +=
        fmt::format("warmline_contacts_screened_total{{channel=\"call\",action=\"refuse\"}} {}\n",
                    c.screenedRefusedCalls.load());
    out += fmt::format("# HELP warmline_webhook_commit_timeouts_total Webhooks answered 503 "
                       "because their commit took longer than http.webhook_commit_timeout.\n"
                       "# TYPE warmline_webhook_commit_timeouts_total counter\n"
                       "warmline_webhook_commit_timeouts_total {}\n",
                       c.webhookTimedOut.load());
    out += "# HELP warmline_outbound_total Outbound send attempts by result.\n"
           "# TYPE warmline_outbound_total counter\n";
    out += fmt::format("warmline_outbound_total{{result=\"sent\"}} {}\n", c.outboundSent.load());
    out +=
        fmt::format("warmline_outbound_total{{result=\"retried\"}} {}\n", c.outboundRetried.load());
    out +=
        fmt::format("warmline_outbound_total{{result=\"failed\"}} {}\n", c.outboundFailed.load());
    out +=
        fmt::format("warmline_outbound_total{{result=\"unknown\"}} {}\n", c.outboundUnknown.load());
    out += fmt::format("# HELP warmline_http_bad_requests_total Malformed HTTP requests.\n"
                       "# TYPE warmline_http_bad_requests_total counter\n"
                       "warmline_http_bad_requests_total {}\n",
                       http.badRequests);
    out += fmt::format("# HELP warmline_http_refused_total Connections refused over the limit.\n"
                       "# TYPE warmline_http_refused_total counter\n"
                       "warmline_http_refused_total {}\n",
                       http.refused);
    out += fmt::format("# HELP warmline_logins_failed_total Failed link logins.\n"
                       "# TYPE warmline_logins_failed_total counter\n"
                       "warmline_logins_failed_total {}\n",
                       c.failedLogins.load());
    out += gateway.callMetrics();
    gauge("warmline_store_backlog", "Jobs waiting for the store writer.", writer.queued());
    out += "# HELP warmline_store_commit_seconds Time to run and commit one group of writes.\n"
           "# TYPE warmline_store_commit_seconds histogram\n";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < StoreStats::kBucketsMs.size(); ++i) {
        cumulative += s.commitBuckets[i].load();
        out += fmt::format("warmline_store_commit_seconds_bucket{{le=\"{}\"}} {}\n",
                           StoreStats::kBucketsMs[i] / 1000.0, cumulative);
    }
    cumulative += s.commitBuckets[StoreStats::kBucketsMs.size()].load();
    out += fmt::format("warmline_store_commit_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
    out += fmt::format("warmline_store_commit_seconds_sum {}\n",
                       static_cast<double>(s.commitMicrosTotal.load()) / 1e6);
    out += fmt::format("warmline_store_commit_seconds_count {}\n", s.batches.load());
    out += fmt::format("# HELP warmline_store_jobs_total Store jobs by result.\n"
                       "# TYPE warmline_store_jobs_total counter\n"
                       "warmline_store_jobs_total{{result=\"ok\"}} {}\n"
                       "warmline_store_jobs_total{{result=\"failed\"}} {}\n",
                       s.jobs.load(), s.failedJobs.load());
    out += "# HELP warmline_store_errors_total Store jobs failed by the store itself (not "
           "refused by a rule), by kind.\n"
           "# TYPE warmline_store_errors_total counter\n";
    for (std::size_t i = 0; i < s.errors.size(); ++i) {
        out += fmt::format("warmline_store_errors_total{{kind=\"{}\"}} {}\n",
                           toString(static_cast<StoreErrorKind>(i)), s.errors[i].load());
    }
    // Read at each scrape: one statvfs call, no I/O on the disk itself.
    struct statvfs fs
    {
    };
    if (!diskPath.empty() && ::statvfs(diskPath.c_str(), &fs) == 0) {
        const auto unit = static_cast<std::uint64_t>(fs.f_frsize);
        gauge("warmline_data_disk_free_bytes",
              "Bytes free to the gateway on the filesystem holding the database.",
              static_cast<std::uint64_t>(fs.f_bavail) * unit);
        gauge("warmline_data_disk_size_bytes",
              "Size in bytes of the filesystem holding the database.",
              static_cast<std::uint64_t>(fs.f_blocks) * unit);
    }
    return out;
}

} // namespace warmline::telephony
