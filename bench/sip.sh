#!/usr/bin/env bash
# The calls benchmarks of docs/PERFORMANCE.md ("Calls"), in one run:
#
#  1. Queue: sipp places SIP_CPS new calls a second (default 50), each
#     staying SIP_QUEUED / SIP_CPS seconds, so SIP_QUEUED calls (500) wait in
#     the queue at once; SIP_CALLS calls in all (2500). Reported: failed calls,
#     INVITE -> 100 Trying (sipp's response time, -trace_rtt), INVITE read ->
#     contact.queued on an operator link (bench_sip link), the deepest queue
#     seen in /metrics, and the gateway's CPU.
#  2. RTP relay: RELAY_CALLS calls (20) with audio (sipp playing its own
#     G.711 A-law recording) are accepted by as many operators whose desk
#     phone is one sipp -rtp_echo; the gateway relays (and re-encodes A-law to
#     mu-law) both ways. Reported: the gateway's CPU per relayed call and
#     sipp -rtp_echo's CPU per echoed call over the same RELAY_SECONDS (10)
#     window; then bench_sip probe measures the RTP round trip through the
#     gateway's relay and, in the same run, to the same sipp echo directly.
#  3. RTP relay under load: the same probe again, on the same gateway, while
#     bench_link_latency load holds LOAD_LINKS (100) operator links (each
#     reading every event) and POSTs LOAD_RATE (1000) webhooks a second.
#     Reported: the probe's figures, and what the load achieved (texts sent
#     and failed, late sends, links the gateway closed).
#
#   bench/sip.sh [BUILD_DIR]        (default build/release, else build/dev)
#
# Every process started here is stopped by its own pid when the script ends.
# Needs sipp (scripts/deps test).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="${1:-}"
if [ -z "$build" ]; then
  if [ -x "$root/build/release/telephony/warmline-gateway" ]; then build="$root/build/release"
  else build="$root/build/dev"; fi
fi
build="$(cd "$build" && pwd)"
gateway_bin="$build/telephony/warmline-gateway"
ctl_bin="$build/telephony/warmlinectl"
bench_bin="$build/bench/bench_sip"
load_bin="$build/bench/bench_link_latency"
for b in "$gateway_bin" "$ctl_bin" "$bench_bin" "$load_bin"; do
  [ -x "$b" ] || { echo "sip.sh: $b is missing; build $build first" >&2; exit 2; }
done
command -v sipp >/dev/null || { echo "sip.sh: sipp is missing; run scripts/deps test" >&2; exit 2; }

cps="${SIP_CPS:-50}"
queued="${SIP_QUEUED:-500}"
calls="${SIP_CALLS:-2500}"
relay_calls="${RELAY_CALLS:-20}"
relay_seconds="${RELAY_SECONDS:-10}"
probe_seconds="${PROBE_SECONDS:-10}"
load_rate="${LOAD_RATE:-1000}"
load_links="${LOAD_LINKS:-100}"
password="bench-password-123"

work="$(mktemp -d "${TMPDIR:-/var/tmp}/warmline-sip-bench.XXXXXX")"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -z "${KEEP_BENCH_DIR:-}" ]; then rm -rf "$work"; else echo "kept $work"; fi
}
trap cleanup EXIT

free_udp() { python3 -c 'import socket
while True:
    s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); p=s.getsockname()[1]; s.close()
    if p%2==0: print(p); break'; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
metric() { curl -s "http://127.0.0.1:$1/metrics" | awk -v n="$2" '$1==n {print $2}'; }

# start_gateway DIR EXTRA_SIP_CONFIG OPERATORS...
# Phone checks are off: sipp's uas scenario, the operators' phones here,
# would take the gateway's OPTIONS for a call and fail it.
start_gateway() {
  local dir="$1" extra="$2"; shift 2
  mkdir -p "$dir"
  printf '[http]\nport = 0\n[link]\nmax_outbound_queue = %s\n[outbound]\nprovider = none\n[sip]\nenabled = true\nudp_port = 0\ntcp_port = 0\nphone_check_interval = 0\n%b\n' \
    "${link_queue:-1024}" "$extra" > "$dir/gateway.conf"
  for name in admin "$@"; do
    local role=operator; [ "$name" = admin ] && role=admin
    echo "$password" | "$gateway_bin" --config "$dir/gateway.conf" --data-dir "$dir/data" \
      add-operator "$name" --role "$role" --password-stdin > /dev/null
  done
  ${GATEWAY_WRAP:-} "$gateway_bin" --config "$dir/gateway.conf" --data-dir "$dir/data" --ready-file "$dir/ready" \
    2> "$dir/gateway.log" &
  gw_pid=$!; pids+=("$gw_pid")
  for _ in $(seq 100); do [ -s "$dir/ready" ] && grep -q http_port "$dir/ready" && break; sleep 0.1; done
  http_port=$(sed -n 's/^http_port=//p' "$dir/ready")
  sip_port=$(sed -n 's/^sip_udp_port=//p' "$dir/ready")
  link="ws://127.0.0.1:$http_port/link"
}
ctl() { local session="$1"; shift; "$ctl_bin" --gateway "$link" --session "$session" "$@"; }

echo "machine: $(nproc) cores, $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"

# --- 1. queue ------------------------------------------------------------
# Each call rings sip.answer_delay (1 s) before the answer, then waits.
hold_ms=$(( queued * 1000 / cps - 1000 ))
start_gateway "$work/queue" "max_calls = $(( queued * 2 ))\nrtp_port_min = 20000\nrtp_port_max = 21999"
WARMLINE_PASSWORD="$password" "$bench_bin" link "$link" admin "$calls" $(( calls / cps + 120 )) \
  > "$work/link.out" 2>&1 &
link_pid=$!; pids+=("$link_pid")
for _ in $(seq 100); do grep -qs ready "$work/link.out" && break; sleep 0.1; done
cpu0=$(cpu_ticks "$gw_pid"); t0=$(date +%s.%N)
( cd "$work" && exec sipp -sf "$here/sip_caller.xml" "127.0.0.1:$sip_port" -i 127.0.0.1 -p "$(free_udp)" \
    -mp "$(free_udp)" -cp "$(free_udp)" -s +15555550100 -r "$cps" -l $(( queued + 100 )) \
    -m "$calls" -d "$hold_ms" -nostdin -timeout $(( calls / cps + 120 ))s \
    -trace_rtt -rtt_freq 1 > sipp-queue.out 2>&1 ) &
sipp_pid=$!; pids+=("$sipp_pid")
deepest=0
while kill -0 "$sipp_pid" 2>/dev/null; do
  d=$(metric "$http_port" 'warmline_queue_by_channel{channel="call"}'); d=${d:-0}
  [ "$d" -gt "$deepest" ] && deepest=$d
  sleep 1
done
wait "$sipp_pid" && sipp_rc=0 || sipp_rc=$?
t1=$(date +%s.%N); cpu1=$(cpu_ticks "$gw_pid")
wait "$link_pid" || true
failed=$(grep -E '^ +Failed call' "$work/sipp-queue.out" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
ok=$(grep -E '^ +Successful call' "$work/sipp-queue.out" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
rtt_file=$(ls "$work"/sip_caller_*_rtt.csv | head -1)
trying=$(awk -F';' 'NR>1 && $3==1 {print $2}' "$rtt_file" | sort -g | awk '{v[NR]=$1} END {
  i50=int(NR*0.50+0.5); i99=int(NR*0.99+0.5); if(i50<1)i50=1; if(i99<1)i99=1;
  printf "n=%d p50=%.3f ms p99=%.3f ms max=%.3f ms", NR, v[i50], v[i99], v[NR]}')
cpu_pct=$(awk -v a="$cpu0" -v b="$cpu1" -v t0="$t0" -v t1="$t1" -v hz="$(getconf CLK_TCK)" \
  'BEGIN {printf "%.1f", (b-a)/hz/(t1-t0)*100}')
echo
echo "== Queue: $cps new calls/s, $queued waiting, $calls calls =="
echo "sipp exit $sipp_rc: successful $ok, failed $failed"
echo "INVITE -> 100 Trying: $trying"
grep "contact.queued" "$work/link.out" || cat "$work/link.out"
echo "deepest call queue seen in /metrics: $deepest"
echo "gateway CPU over the run: $cpu_pct% of one core"
kill "$gw_pid"; wait "$gw_pid" 2>/dev/null || true

# --- 2. RTP relay ----------------------------------------------------------
ops=(); for i in $(seq "$relay_calls"); do ops+=("op$i"); done
# The load's links may fall behind (2 cores shared with the load client): a
# queue deep enough that the gateway keeps serving them rather than closing.
link_queue=200000 start_gateway "$work/relay" "answer_delay = 200ms\nrtp_port_min = 22000\nrtp_port_max = 22999" "${ops[@]}" probe probe2 loadop
desk_port=$(free_udp); echo_port=$(free_udp)
( cd "$work" && exec sipp -sn uas -i 127.0.0.1 -p "$desk_port" -mp "$echo_port" -cp "$(free_udp)" \
    -rtp_echo -m $(( relay_calls + 2 )) -nostdin -timeout 600s > sipp-desk.out 2>&1 ) &
desk_pid=$!; pids+=("$desk_pid")
sleep 0.5
echo_pid=$(pgrep -P "$desk_pid" sipp || echo "$desk_pid")
ctl "$work/admin.json" login --name admin --password-stdin <<< "$password" > /dev/null
for name in "${ops[@]}" probe probe2; do
  ctl "$work/admin.json" operator sip "$name" "sip:desk@127.0.0.1:$desk_port" > /dev/null
done
( cd "$work" && exec sipp -sf "$here/sip_caller_audio.xml" "127.0.0.1:$sip_port" -i 127.0.0.1 \
    -p "$(free_udp)" -mp "$(free_udp)" -cp "$(free_udp)" -s +15555550100 -r 10 \
    -l "$relay_calls" -m "$relay_calls" -d 30000 -nostdin -timeout 600s > sipp-audio.out 2>&1 ) &
audio_pid=$!; pids+=("$audio_pid")
for _ in $(seq 100); do
  [ "$(metric "$http_port" 'warmline_queue_by_channel{channel="call"}')" = "$relay_calls" ] && break
  sleep 0.1
done
for name in "${ops[@]}"; do
  ctl "$work/$name.json" login --name "$name" --password-stdin <<< "$password" > /dev/null
  ctl "$work/$name.json" presence available > /dev/null
  ctl "$work/$name.json" accept > /dev/null
done
for _ in $(seq 100); do
  [ "$(metric "$http_port" 'warmline_calls_total{result="bridged"}')" = "$relay_calls" ] && break
  sleep 0.1
done
sleep 1
r0=$(metric "$http_port" 'warmline_rtp_relayed_packets_total{to="operator"}')
g0=$(cpu_ticks "$gw_pid"); e0=$(cpu_ticks "$echo_pid"); t0=$(date +%s.%N)
sleep "$relay_seconds"
g1=$(cpu_ticks "$gw_pid"); e1=$(cpu_ticks "$echo_pid"); t1=$(date +%s.%N)
r1=$(metric "$http_port" 'warmline_rtp_relayed_packets_total{to="operator"}')
hz=$(getconf CLK_TCK)
echo
echo "== RTP relay: $relay_calls calls with audio, ${relay_seconds} s window =="
awk -v a="$r0" -v b="$r1" -v s="$relay_seconds" -v n="$relay_calls" \
  'BEGIN {printf "relayed caller -> desk phone: %.0f packets/s (%.1f per call)\n", (b-a)/s, (b-a)/s/n}'
awk -v a="$g0" -v b="$g1" -v t0="$t0" -v t1="$t1" -v hz="$hz" -v n="$relay_calls" \
  'BEGIN {c=(b-a)/hz/(t1-t0)*100; printf "warmline-gateway CPU: %.2f%% of a core, %.3f%% per relayed call (both directions, A-law<->mu-law)\n", c, c/n}'
awk -v a="$e0" -v b="$e1" -v t0="$t0" -v t1="$t1" -v hz="$hz" -v n="$relay_calls" \
  'BEGIN {c=(b-a)/hz/(t1-t0)*100; printf "sipp -rtp_echo CPU:   %.2f%% of a core, %.3f%% per echoed call\n", c, c/n}'
WARMLINE_PASSWORD="$password" "$bench_bin" probe "$sip_port" "$echo_port" "$link" probe "$probe_seconds"

# --- 3. RTP relay under load ----------------------------------------------
echo
echo "== RTP relay under load: $load_rate webhooks/s and $load_links operator links =="
printf '%s\n' "$password" > "$work/password"
( WARMLINE_PASSWORD="$password" WARMLINE_PROBE_GO="$work/go" exec "$bench_bin" probe "$sip_port" \
    "$echo_port" "$link" probe2 "$probe_seconds" > "$work/probe2.out" 2>&1 ) &
probe_pid=$!; pids+=("$probe_pid")
for _ in $(seq 600); do grep -qs "probe accepted" "$work/probe2.out" && break; sleep 0.1; done
grep -qs "probe accepted" "$work/probe2.out" || { cat "$work/probe2.out"; echo "sip.sh: the probe's call was not accepted" >&2; exit 1; }
"$load_bin" load --gateway "http://127.0.0.1:$http_port" --name loadop \
  --password-file "$work/password" --rate "$load_rate" --links "$load_links" \
  --seconds $(( 2 * probe_seconds + 5 )) > "$work/load.out" 2>&1 &
load_pid=$!; pids+=("$load_pid")
for _ in $(seq 600); do grep -qs "load sending" "$work/load.out" && break; sleep 0.1; done
grep -qs "load sending" "$work/load.out" || { cat "$work/load.out"; echo "sip.sh: the load did not start" >&2; exit 1; }
sleep 1 # the load reaches its rate before the probe starts
touch "$work/go"
wait "$probe_pid" && probe_rc=0 || probe_rc=$?
wait "$load_pid" && load_rc=0 || load_rc=$?
grep -v "probe accepted" "$work/probe2.out"
cat "$work/load.out"
echo "probe exit $probe_rc, load exit $load_rc"
