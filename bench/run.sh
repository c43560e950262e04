#!/usr/bin/env bash
# Runs every benchmark in docs/PERFORMANCE.md in one go, side by side, and
# prints a summary table. Builds nothing.
#
#   bench/run.sh [BUILD_DIR]        (default build/release, else build/dev)
#
# Environment: WRK_DURATION (15s), WRK_THREADS (2), WRK_CONNECTIONS (32),
# LATENCY_RATE (200), LATENCY_SECONDS (10), RSS_LINKS (100), RSS_TEXTS (1000),
# SQLITE_ROWS (20000), SQLITE_GROUP (64).
# FSYNC_DELAY_US: if set, the gateways and the SQLite loop run with
# BUILD_DIR/bench/libbench_fsync_delay.so preloaded, which adds that many
# microseconds to every fsync/fdatasync: a model of a disk whose flush costs
# that much, for machines (VMs) whose disk acknowledges flushes from a cache.
#
# Needs wrk and nginx (scripts/deps bench). wrk, nginx and the gateway share
# this machine's cores: the load generator takes CPU the gateway could have
# used, on purpose (it is the same for nginx), so the figures are a floor.
# Each gateway runs in its own temporary directory (a fresh store) with
# [http] port = 0, [outbound] provider = none and [store] synchronous = full.
# Every process started here is stopped by its own pid when the script exits.
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
sqlite_bin="$build/bench/bench_sqlite_insert"
link_bin="$build/bench/bench_link_latency"
for b in "$gateway_bin" "$sqlite_bin" "$link_bin"; do
  [ -x "$b" ] || { echo "run.sh: $b is missing; build $build first" >&2; exit 2; }
done
preload=()
if [ -n "${FSYNC_DELAY_US:-}" ]; then
  [ -f "$build/bench/libbench_fsync_delay.so" ] || { echo "run.sh: $build/bench/libbench_fsync_delay.so is missing" >&2; exit 2; }
  preload=(env "FSYNC_DELAY_US=$FSYNC_DELAY_US" "LD_PRELOAD=$build/bench/libbench_fsync_delay.so")
fi
for t in wrk nginx; do
  command -v "$t" >/dev/null || { echo "run.sh: $t is missing; run scripts/deps bench" >&2; exit 2; }
done

wrk_duration="${WRK_DURATION:-15s}"
wrk_threads="${WRK_THREADS:-2}"
wrk_connections="${WRK_CONNECTIONS:-32}"
latency_rate="${LATENCY_RATE:-200}"
latency_seconds="${LATENCY_SECONDS:-10}"
rss_links="${RSS_LINKS:-100}"
rss_texts="${RSS_TEXTS:-1000}"
sqlite_rows="${SQLITE_ROWS:-20000}"
sqlite_group="${SQLITE_GROUP:-64}"

# On the same file system as the gateways' stores (not a tmpfs), so the bare
# SQLite loop pays the same fsync.
work="$(mktemp -d "${TMPDIR:-/var/tmp}/warmline-bench.XXXXXX")"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop_pid() { # stops one process we started, by its pid, and forgets it
  local pid="$1" i kept=()
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for i in "${pids[@]}"; do [ "$i" = "$pid" ] || kept+=("$i"); done
  pids=("${kept[@]}")
}

password="bench-password-$$-$RANDOM"
printf '%s\n' "$password" > "$work/password"
chmod 600 "$work/password"

# start_gateway NAME: a fresh gateway in $work/NAME with an operator "bench";
# sets gw_pid and gw_url.
start_gateway() {
  local dir="$work/$1"
  mkdir -p "$dir"
  cat > "$dir/gateway.conf" <<EOF
[http]
port = 0

[store]
synchronous = full

[outbound]
provider = none
EOF
  "$gateway_bin" --config "$dir/gateway.conf" --data-dir "$dir/data" \
    add-operator bench --role operator --password-stdin < "$work/password" > /dev/null
  "${preload[@]}" "$gateway_bin" --config "$dir/gateway.conf" --data-dir "$dir/data" \
    --ready-file "$dir/ready" 2> "$dir/gateway.log" &
  gw_pid=$!
  pids+=("$gw_pid")
  local i
  for i in $(seq 300); do
    [ -f "$dir/ready" ] && break
    kill -0 "$gw_pid" 2>/dev/null || { cat "$dir/gateway.log" >&2; exit 1; }
    sleep 0.1
  done
  [ -f "$dir/ready" ] || { echo "run.sh: the gateway did not get ready" >&2; exit 1; }
  gw_url="http://127.0.0.1:$(sed -n 's/^http_port=//p' "$dir/ready")"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_nginx() {
  local dir="$work/nginx" port i
  mkdir -p "$dir"
  for i in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    port_free "$port" && break
  done
  # One worker: the gateway serves HTTP from one event-loop thread too.
  cat > "$dir/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  server {
    listen 127.0.0.1:$port;
    location / { return 200 "ok"; }
  }
}
EOF
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
  nginx_pid=$!
  pids+=("$nginx_pid")
  for i in $(seq 100); do
    port_free "$port" || break
    kill -0 "$nginx_pid" 2>/dev/null || { cat "$dir/error.log" >&2; exit 1; }
    sleep 0.1
  done
  nginx_url="http://127.0.0.1:$port"
}

rps_of() { sed -n 's/^Requests\/sec:[[:space:]]*//p' "$1"; }
non2xx_of() {
  local n
  n="$(sed -n 's/^[[:space:]]*Non-2xx or 3xx responses:[[:space:]]*//p' "$1")"
  echo "${n:-0}"
}
metric_of() { # metric_of URL NAME-WITH-LABELS
  local tmp="$work/metrics.$$"
  exec 3<>"/dev/tcp/127.0.0.1/${1##*:}"
  printf 'GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
  cat <&3 > "$tmp"
  exec 3>&-
  grep -F "$2 " "$tmp" | awk '{print $NF}'
}
thread_cpu() { # thread_cpu PID: "TID utime stime" (clock ticks) per thread, by TID
  local t
  for t in /proc/"$1"/task/*; do
    echo "$(basename "$t") $(awk '{ print $14, $15 }' "$t/stat")"
  done | sort -n
}
# cpu_report PID BEFORE AFTER SECONDS: CPU per thread between two thread_cpu
# snapshots. The main thread runs the io_context; the store's writer thread
# is started before the reader, so it has the lower of the other two TIDs.
cpu_report() {
  local hz
  hz="$(getconf CLK_TCK)"
  join --nocheck-order "$2" "$3" | awk -v pid="$1" -v hz="$hz" -v secs="$4" '
    { u = ($4 - $2) / hz; s = ($5 - $3) / hz
      name = ($1 == pid) ? "io thread" : (++n == 1 ? "writer thread" : "reader thread")
      printf "  %-14s user %6.2fs  sys %6.2fs  = %5.1f%% of one core\n", name, u, s, 100 * (u + s) / secs }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }

echo "== machine"
echo "date:      $(date -u '+%Y-%m-%dT%H:%M:%SZ')"
echo "uname:     $(uname -a)"
echo "nproc:     $(nproc)"
echo "cpu:       $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "memory:    $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "disk:      $(df -hT "$work" | awk 'NR == 2 { print $1, $2 }') (stores and the SQLite loop)"
echo "commit:    $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
src="$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$build/CMakeCache.txt" 2>/dev/null)"
echo "build:     $build ($(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt" 2>/dev/null)), from $src"
if [ "$src" != "$root" ]; then
  echo "           its source: $(git -C "$src" rev-parse --short HEAD 2>/dev/null || cat "$src/COMMIT" 2>/dev/null || echo 'not a git checkout')"
fi
echo "wrk:       $(wrk --version 2>&1 | head -1 | awk '{print $1, $2}')"
echo "nginx:     $(nginx -v 2>&1 | sed 's/^nginx version: //')"
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min, before the run)"
[ -n "${FSYNC_DELAY_US:-}" ] && echo "fsync:     every fsync/fdatasync of the gateways and the SQLite loop delayed by ${FSYNC_DELAY_US} us (FSYNC_DELAY_US)"
echo

echo "== 1. wrk -t$wrk_threads -c$wrk_connections -d$wrk_duration -s bench/wrk_twilio.lua -> gateway /sms/twilio"
start_gateway wrk
thread_cpu "$gw_pid" > "$work/cpu0"
wrk -t"$wrk_threads" -c"$wrk_connections" -d"$wrk_duration" --latency -s "$here/wrk_twilio.lua" \
  "$gw_url/sms/twilio" | tee "$work/wrk-gateway.txt"
thread_cpu "$gw_pid" > "$work/cpu1"
gw_stored="$(metric_of "$gw_url" 'warmline_webhooks_total{result="stored"}')"
gw_unavail="$(metric_of "$gw_url" 'warmline_webhooks_total{result="unavailable"}')"
commits="$(metric_of "$gw_url" 'warmline_store_commit_seconds_count')"
commit_secs="$(metric_of "$gw_url" 'warmline_store_commit_seconds_sum')"
wrk_secs="$(awk -v d="$wrk_duration" 'BEGIN { sub(/s$/, "", d); print d + 0 }')"
per_commit="$(awk -v w="$gw_stored" -v c="$commits" 'BEGIN { printf "%.1f", w / c }')"
echo "gateway: stored=$gw_stored unavailable=$gw_unavail; store: $commits group commits," \
  "$(awk -v c="$commits" -v s="$commit_secs" 'BEGIN { printf "%.2f ms each on average", 1000 * s / c }'), writer busy" \
  "$(awk -v s="$commit_secs" -v d="$wrk_secs" 'BEGIN { printf "%.0f%%", 100 * s / d }') of the time," \
  "$per_commit webhooks per commit"
echo "gateway CPU during the run (${wrk_secs}s):"
cpu_report "$gw_pid" "$work/cpu0" "$work/cpu1" "$wrk_secs" | tee "$work/cpu.txt"
stop_pid "$gw_pid"
echo

# Right after the gateway's run, so both see the disk in the same state.
gw_group="$(awk -v g="$per_commit" 'BEGIN { g = int(g + 0.5); print (g < 1 ? 1 : g) }')"
echo "== 2. bench_sqlite_insert $sqlite_rows $sqlite_group, then $sqlite_rows $gw_group (the gateway's group size) (WAL, synchronous=FULL)"
TMPDIR="$work" "${preload[@]}" "$sqlite_bin" "$sqlite_rows" "$sqlite_group" | tee "$work/sqlite.txt"
TMPDIR="$work" "${preload[@]}" "$sqlite_bin" "$sqlite_rows" "$gw_group" | tee "$work/sqlite-gwgroup.txt"
echo

start_nginx
echo "== 3. wrk -t$wrk_threads -c$wrk_connections -d$wrk_duration -> nginx return 200 (GET)"
wrk -t"$wrk_threads" -c"$wrk_connections" -d"$wrk_duration" --latency "$nginx_url/" \
  | tee "$work/wrk-nginx.txt"
echo
echo "== 3b. wrk -t$wrk_threads -c$wrk_connections -d$wrk_duration -s bench/wrk_twilio.lua -> nginx return 200 (the same POSTs)"
wrk -t"$wrk_threads" -c"$wrk_connections" -d"$wrk_duration" --latency -s "$here/wrk_twilio.lua" \
  "$nginx_url/sms/twilio" | tee "$work/wrk-nginx-post.txt"
stop_pid "$nginx_pid"
echo

echo "== 4. as 1 with -c128: more webhooks in flight, so larger group commits"
start_gateway wrk128
wrk -t"$wrk_threads" -c128 -d"$wrk_duration" --latency -s "$here/wrk_twilio.lua" \
  "$gw_url/sms/twilio" | tee "$work/wrk-gateway-128.txt"
stop_pid "$gw_pid"
echo

echo "== 5. bench_link_latency latency --rate $latency_rate --seconds $latency_seconds"
start_gateway latency
latency_rc=0
"$link_bin" latency --gateway "$gw_url" --name bench --password-file "$work/password" \
  --rate "$latency_rate" --seconds "$latency_seconds" | tee "$work/latency.txt" || latency_rc=$?
stop_pid "$gw_pid"
echo

echo "== 6. bench_link_latency rss --links $rss_links --texts $rss_texts"
start_gateway rss
rss_rc=0
"$link_bin" rss --gateway "$gw_url" --name bench --password-file "$work/password" \
  --pid "$gw_pid" --links "$rss_links" --texts "$rss_texts" | tee "$work/rss.txt" || rss_rc=$?
stop_pid "$gw_pid"
echo

gw_rps="$(rps_of "$work/wrk-gateway.txt")"
nginx_rps="$(rps_of "$work/wrk-nginx.txt")"
nginx_post_rps="$(rps_of "$work/wrk-nginx-post.txt")"
sqlite_one="$(sed -n 's/^sqlite_insert_one_per_commit_rows_per_s //p' "$work/sqlite.txt")"
sqlite_grouped="$(sed -n 's/^sqlite_insert_grouped_[0-9]*_rows_per_s //p' "$work/sqlite.txt")"
sqlite_one_b="$(sed -n 's/^sqlite_insert_one_per_commit_rows_per_s //p' "$work/sqlite-gwgroup.txt")"
sqlite_gwgroup="$(sed -n 's/^sqlite_insert_grouped_[0-9]*_rows_per_s //p' "$work/sqlite-gwgroup.txt")"
event_line="$(grep '^webhook_to_event' "$work/latency.txt" || true)"
ack_line="$(grep '^webhook_ack' "$work/latency.txt" || true)"
rss_line="$(grep '^rss_queued' "$work/rss.txt" || true)"
field() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

echo "== summary"
printf '%-58s %s\n' "gateway webhook, wrk (req/s)" "$gw_rps (non-2xx: $(non2xx_of "$work/wrk-gateway.txt"); stored: $gw_stored)"
printf '%-58s %s\n' "  gateway CPU during it (% of one core)" "$(awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $(NF - 3) }' "$work/cpu.txt" | sed 's/thread //g')"
printf '%-58s %s\n' "  group commits during it" "$commits, $(awk -v c="$commits" -v s="$commit_secs" 'BEGIN { printf "%.2f ms", 1000 * s / c }') average, $per_commit webhooks each"
printf '%-58s %s\n' "gateway webhook, wrk -c128 (req/s)" "$(rps_of "$work/wrk-gateway-128.txt") (non-2xx: $(non2xx_of "$work/wrk-gateway-128.txt"))"
printf '%-58s %s\n' "nginx return 200, wrk GET (req/s)" "$nginx_rps"
printf '%-58s %s\n' "nginx return 200, wrk same POSTs (req/s)" "$nginx_post_rps"
printf '%-58s %s\n' "bare SQLite, one row per commit (rows/s)" "$sqlite_one (again: $sqlite_one_b)"
printf '%-58s %s\n' "bare SQLite, $sqlite_group rows per commit (rows/s)" "$sqlite_grouped"
printf '%-58s %s\n' "bare SQLite, $gw_group rows per commit (rows/s)" "$sqlite_gwgroup"
printf '%-58s %s\n' "ratio gateway / nginx GET" "$(ratio "$gw_rps" "$nginx_rps")"
printf '%-58s %s\n' "ratio gateway / nginx POST" "$(ratio "$gw_rps" "$nginx_post_rps")"
printf '%-58s %s\n' "ratio gateway / bare SQLite $sqlite_group per commit" "$(ratio "$gw_rps" "$sqlite_grouped")"
printf '%-58s %s\n' "ratio gateway / bare SQLite $gw_group per commit" "$(ratio "$gw_rps" "$sqlite_gwgroup")"
printf '%-58s %s\n' "ratio gateway / bare SQLite one-per-commit" "$(ratio "$gw_rps" "$sqlite_one")"
printf '%-58s %s\n' "webhook -> link event at ${latency_rate}/s (ms)" "p50 $(field "$event_line" p50) p90 $(field "$event_line" p90) p99 $(field "$event_line" p99) max $(field "$event_line" max)"
printf '%-58s %s\n' "webhook 200 (commit) at ${latency_rate}/s (ms)" "p50 $(field "$ack_line" p50) p99 $(field "$ack_line" p99)"
printf '%-58s %s\n' "gateway RSS, $rss_links links + $rss_texts queued texts" "$(field "$rss_line" VmRSS) (peak $(field "$rss_line" VmHWM))"
printf '%-58s %s\n' "load average after the run" "$(cut -d' ' -f1-3 /proc/loadavg)"
[ "$latency_rc" -eq 0 ] && [ "$rss_rc" -eq 0 ] || { echo "run.sh: a link bench reported errors" >&2; exit 1; }
