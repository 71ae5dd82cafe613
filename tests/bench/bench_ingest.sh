#!/usr/bin/env bash
# Ingest benchmark: committed face events per second and acknowledgement latency of
# `facedesk serve`, side by side with nginx answering the same POSTs, driven by the
# same load generator (wrk) with the same bytes. Writes its table into
# docs/PERFORMANCE.md between <!-- ingest:begin --> and <!-- ingest:end -->.
# With BACKENDS="sqlite postgres" (#12) the same run also measures FaceDesk on a local
# PostgreSQL and PostgreSQL's own insert rate for the same rows and bytes (pgbench),
# in a second table of the same section.
#
#   tests/bench/bench_ingest.sh [BUILD_DIR]
#
# BUILD_DIR (argument or environment; default /work/main/build) must hold
# app/facedesk/facedesk; tests/bench/make_push_body is built there if missing.
#
# Environment:
#   DURATION=20         seconds per run (SHORT=1 means DURATION=5)
#   DEVICES="1 50 500"  device counts; wrk opens one connection per device
#   BODIES="thumb background"
#                       thumb: a push with a 20 KB face (about 30 KB of JSON);
#                       background: the same plus a 300 KB background (about 430 KB)
#   WRK_THREADS=2       wrk threads (never more than connections)
#   NGINX_WORKERS=auto  nginx worker_processes (Debian's default is auto)
#   MAX_QUEUE=1000000   facedesk serve --max-queue
#   UPDATE_DOC=1        write the section into PERF_DOC (default docs/PERFORMANCE.md)
#   SOAK=600            instead of the table: one FaceDesk run of that many seconds with
#                       SOAK_DEVICES (500) devices and SOAK_BODY (thumb) offering SOAK_RATE
#                       (2000) pushes a second (bench_ingest_paced.lua; 0: as fast as
#                       possible), its RSS sampled
#                       every second; writes the <!-- ingest-soak --> section, and the
#                       samples to the file SOAK_CSV if that is set
#                       (every event stores new image bytes: at 2,000 events/s of 20 KB faces
#                       ten minutes write about 25 GB; point DATA_ROOT at a disk with room)
#   MIN_FREE_MB=4096    a run is stopped early when the data folder's disk gets this full
#   WORK_ROOT=/tmp      where the temporary folder (nginx, archives, logs) goes;
#                       KEEP_WORK=1 keeps it. Archives stay until the end (a few GB).
#   DATA_ROOT=DIR       put the archives there instead (e.g. /dev/shm: no disk at all)
#   FRESH_FS=auto       each FaceDesk run gets its own new ext4 file system (mkfs.ext4's
#                       defaults, journal included) on a loop device over a sparse file in
#                       the work folder, deleted after the run: runs then do not depend on
#                       what the host's file system went through before (see settle_disk).
#                       auto: when root can loop-mount and DATA_ROOT is not given; 0: never
#   BUILD_COMMIT=abc123 the commit the build came from, for the report, when its source
#                       is not a git checkout (e.g. made with git archive)
#   MAKE_PUSH_BODY=FILE the make_push_body to use instead of BUILD_DIR's
#   BACKENDS=sqlite     the archives FaceDesk is measured on, each against the same nginx
#                       run: sqlite (the first table), postgres (the second table, with
#                       the pgbench ceiling), or both: "sqlite postgres" (#12). The soak
#                       (SOAK) runs on SQLite.
#   PG_SETTINGS="shared_buffers=1GB wal_buffers=16MB max_wal_size=4GB checkpoint_timeout=15min synchronous_commit=on"
#                       postgres: server settings on top of PostgreSQL's defaults, which
#                       include fsync=on (tests/support/pg-cluster.sh turns fsync off for
#                       the test suite; here it stays on). The default is the usual advice
#                       for a write-heavy server: shared_buffers a quarter of the RAM, at
#                       most 1GB; wal_buffers 16MB; max_wal_size 4GB and checkpoint_timeout
#                       15min (fewer checkpoints, fewer full-page images in the WAL);
#                       synchronous_commit on (PostgreSQL's default, kept: a device is
#                       told "stored" only after its commit, so a commit must be durable)
#   PGBENCH_CLIENTS=4   postgres: pgbench connections (a list, e.g. "1 4", runs each; the
#                       table shows the best, the notes all). FaceDesk's writer has one
#                       connection; more let PostgreSQL overlap commits, so the ceiling
#                       is the database's, not one connection's
#   PGBENCH_EVENTS=auto postgres: events per pgbench transaction; auto: the mean group
#                       FaceDesk's writer committed in its PostgreSQL run of the same body
#                       and device count (events inserted / write transactions), so that
#                       both commit the same rows per transaction
#
# What is measured, per body and device count:
#   nginx     Debian's nginx on a free loopback port with its own config (below): it
#             reads each body completely, then answers {"code":0}. Its rate is answered
#             requests per second: the cost of receiving the bytes and nothing else.
#   FaceDesk  `facedesk serve` with a fresh archive, --accept-new-devices and a large
#             --max-queue. Before wrk starts, every device gets its token by the
#             accesstoken request and opens its TCP long connection (heartbeats), so N
#             devices are online. FaceDesk answers a push only after the event is
#             committed, so its rate (answers with "code":0 per second) is committed
#             events per second; the archive's row count after shutdown is checked
#             against it. RSS and CPU of the serve process are sampled every second.
#
#   FaceDesk on PostgreSQL (BACKENDS with postgres)
#             the same `facedesk serve` run with --database postgresql://... on a new
#             throw-away cluster (tests/support/pg-cluster.sh: initdb, Unix socket only,
#             fsync on, PG_SETTINGS) in a new database, the cluster on the same fresh
#             file system as that run's --data-dir. Besides the rate: the mean events
#             per commit (events inserted / transaction ids PostgreSQL handed out during
#             the run: the writer's group commits, plus the few other writes), the WAL
#             bytes per event, and how many image bytes per event FaceDesk stored in
#             the database (table image_blobs; a build that keeps images as files only
#             stores none). Rows in the archive are counted by `facedesk export
#             --database`.
#   pgbench   PostgreSQL's own rate for the same rows and bytes, the ceiling for the
#             collector: tests/bench/bench_ingest_pg.sql (read its header) on another
#             new cluster with the same settings, in a new database whose schema
#             FaceDesk made (`facedesk export` migrates the database it opens), with
#             table image_blobs added in its schema-8 shape when the build is older.
#             Per transaction PGBENCH_EVENTS events, each as the writer sends it: the
#             face's image row (20 KB), the background's (300 KB, background body
#             only), the events row with the same columns and values, then NOTIFY and
#             COMMIT; -M prepared, -n, PGBENCH_CLIENTS clients, DURATION seconds. Its
#             rate counts events (each: one events row and its image rows). The bytes
#             are random, made once before the run into a pool table and sent with
#             every insert, so generating them is not measured; to show that, the same
#             script without its INSERTs and NOTIFY (every value still made, sent,
#             parsed and sent back) runs once per table row, DURATION/4 seconds (3 at
#             least), as "generation alone".
#
# Why wrk and not facedesk-sim: FaceDesk's tokens belong to a device uuid, not to a
# connection, so wrk can carry real per-device tokens (bench_ingest.lua); the sim
# encodes every push on one thread and cannot saturate nginx on this machine, and it
# reuses a dozen photos, so FaceDesk's content-addressed image store would write only
# a dozen files. Here every request is a new event with new image bytes.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

# The exact command, with the settings that were given, for the report.
COMMAND=""
for v in SHORT DURATION DEVICES BODIES BACKENDS WRK_THREADS NGINX_WORKERS MAX_QUEUE DATA_ROOT SOAK SOAK_DEVICES SOAK_BODY SOAK_RATE \
    PG_SETTINGS PGBENCH_CLIENTS PGBENCH_EVENTS; do
    if [[ -n "${!v:-}" ]]; then
        COMMAND+="$v=\"${!v}\" "
    fi
done
COMMAND+="tests/bench/bench_ingest.sh${1:+ $1}"

BUILD_DIR=${1:-${BUILD_DIR:-/work/main/build}}
if [[ "${SHORT:-0}" == 1 ]]; then DURATION=${DURATION:-5}; fi
DURATION=${DURATION:-20}
DEVICES=${DEVICES:-"1 50 500"}
BODIES=${BODIES:-"thumb background"}
WRK_THREADS=${WRK_THREADS:-2}
NGINX_WORKERS=${NGINX_WORKERS:-auto}
MAX_QUEUE=${MAX_QUEUE:-1000000}
UPDATE_DOC=${UPDATE_DOC:-1}
PERF_DOC=${PERF_DOC:-$REPO/docs/PERFORMANCE.md}
SOAK=${SOAK:-0}
SOAK_DEVICES=${SOAK_DEVICES:-500}
SOAK_BODY=${SOAK_BODY:-thumb}
SOAK_RATE=${SOAK_RATE:-2000}
PAUSE_MS=0          # set for the soak: each connection's wait between requests
MIN_FREE_MB=${MIN_FREE_MB:-4096}
WORK_ROOT=${WORK_ROOT:-${TMPDIR:-/tmp}}
KEEP_WORK=${KEEP_WORK:-0}
URL_PATH=/cloud_kq/api/face/push   # where devices POST sw_face_compare_push
BACKENDS=${BACKENDS:-sqlite}
for b in $BACKENDS; do
    [[ $b == sqlite || $b == postgres ]] || { echo "bench_ingest: unknown backend $b (sqlite, postgres)" >&2; exit 2; }
done
has_backend() { [[ " $BACKENDS " == *" $1 "* ]]; }
# shellcheck source=bench_pg_settings.sh
source "$HERE/bench_pg_settings.sh"  # PG_SETTINGS, pg_sql
PGBENCH_CLIENTS=${PGBENCH_CLIENTS:-4}
PGBENCH_EVENTS=${PGBENCH_EVENTS:-auto}
[[ $PGBENCH_EVENTS == auto || $PGBENCH_EVENTS =~ ^[1-9][0-9]*$ ]] || { echo "bench_ingest: PGBENCH_EVENTS is auto or a number" >&2; exit 2; }
for c in $PGBENCH_CLIENTS; do
    [[ $c =~ ^[1-9][0-9]*$ ]] || { echo "bench_ingest: PGBENCH_CLIENTS is a list of numbers" >&2; exit 2; }
done

log() { printf '[bench_ingest %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---- 1. tools and binaries ------------------------------------------------------------

install_tools() {
    local missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    if ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
        # On Debian 12 nginx-light is a transitional package that installs nginx (and
        # the echo module); either name will do, the config below loads no modules.
        if apt-cache policy nginx-light 2>/dev/null | grep -q 'Candidate: [0-9]'; then
            missing+=(nginx-light)
        else
            missing+=(nginx)
        fi
    fi
    # postgres: the server (initdb, pg_ctl), psql and pgbench; Debian's postgresql.
    if has_backend postgres && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
        missing+=(postgresql)
    fi
    ((${#missing[@]} == 0)) && return 0
    log "installing ${missing[*]}"
    local sudo=()
    [[ $(id -u) == 0 ]] || sudo=(sudo)
    # policy-rc.d or not, nginx's own service is never needed here; the benchmark
    # starts its own nginx with its own config and stops it again.
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >&2 \
        || die "cannot install ${missing[*]}"
}
install_tools
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

FACEDESK=$BUILD_DIR/app/facedesk/facedesk
HELPER=${MAKE_PUSH_BODY:-$BUILD_DIR/tests/bench/make_push_body}
[[ -x $FACEDESK ]] || die "no $FACEDESK: build first (ninja -C $BUILD_DIR -j1 facedesk) or pass BUILD_DIR"
if [[ ! -x $HELPER ]]; then
    log "building make_push_body in $BUILD_DIR"
    cmake --build "$BUILD_DIR" --target make_push_body -j 1 >&2 || die "cannot build make_push_body"
fi

WORK=$(mktemp -d "$WORK_ROOT/bench-ingest.XXXXXX")
chmod 755 "$WORK"   # nginx workers may run as nobody
LOGS=$WORK/logs
mkdir -p "$LOGS"
FRESH_FS=${FRESH_FS:-auto}
if [[ $FRESH_FS == auto ]]; then
    FRESH_FS=0
    if [[ -z ${DATA_ROOT:-} && $(id -u) == 0 ]] && command -v mkfs.ext4 >/dev/null && command -v losetup >/dev/null; then
        FRESH_FS=1
    fi
fi
DATA_ROOT=${DATA_ROOT:-$WORK}   # where the archives go (e.g. /dev/shm to leave the disk out)
[[ $DATA_ROOT == "$WORK" ]] || DATA_ROOT=$(mktemp -d "$DATA_ROOT/bench-ingest-data.XXXXXX")
PIDS=()             # everything this script started, stopped by its pid on exit
MOUNTS=()           # fresh file systems still mounted, unmounted on exit
PG_STATES=()        # PostgreSQL clusters still running (pg-cluster.sh state folders)

cleanup() {
    local rc=$?
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    # Before the unmounts: a cluster may live on a fresh file system.
    for s in "${PG_STATES[@]}"; do
        bash "$REPO/tests/support/pg-cluster.sh" stop "$s" >/dev/null 2>&1 || true
    done
    for m in "${MOUNTS[@]}"; do
        umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
    done
    if [[ $KEEP_WORK == 1 || $rc != 0 ]]; then
        log "work folder kept: $WORK"
    else
        rm -rf "$WORK"
        [[ $DATA_ROOT == "$WORK" ]] || rm -rf "$DATA_ROOT"
        sync  # see settle_disk: the next benchmark should not pay for these deletes
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

forget_pid() {
    local keep=() p
    for p in "${PIDS[@]}"; do [[ $p == "$1" ]] || keep+=("$p"); done
    PIDS=("${keep[@]}")
}

# ---- helpers ---------------------------------------------------------------------------

# True when something listens on 127.0.0.1/0.0.0.0/:: at this TCP port.
port_in_use() {
    local hex
    hex=$(printf '%04X' "$1")
    awk -v p=":$hex" 'NR > 1 && $4 == "0A" && substr($2, length($2) - 4) == p { found = 1 } END { exit !found }' \
        /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

free_port() {
    local p
    for _ in $(seq 1 200); do
        p=$((20000 + RANDOM % 30000))
        port_in_use "$p" || { echo "$p"; return 0; }
    done
    die "no free port"
}

# One small POST over bash's /dev/tcp; prints the answer.
http_post() {
    local port=$1 body=$2 reply
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    printf 'POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
        "$URL_PATH" "${#body}" "$body" >&3
    reply=$(timeout 5 cat <&3 || true)
    exec 3<&-
    printf '%s' "$reply"
}

# utime+stime ticks of a process and its direct children (nginx: master and workers).
# With $2 = reaped, also the children that exited and were waited for (cutime+cstime
# of the root): PostgreSQL's backends end with their connections (pgbench's before
# the second count), and the postmaster waits for each.
cpu_ticks() {
    local root=$1 reaped=${2:-}
    awk -v root="$root" -v reaped="$reaped" '{
            # the command name (field 2) may hold spaces: fields after the last ")"
            s = $0; sub(/^.*\) /, "", s); split(s, f, " ")
            pid = $1 + 0; ppid = f[2] + 0
            if (pid == root || ppid == root) t += f[12] + f[13]
            if (pid == root && reaped != "") t += f[14] + f[15]
        } END { print t + 0 }' < <(cat /proc/[0-9]*/stat 2>/dev/null)
}

# "name ticks" for every thread of a process (FaceDesk: facedesk = the network thread
# that reads, frames and decodes; facedesk-store = the archive writer).
thread_ticks() {
    local t
    for t in /proc/"$1"/task/*; do
        printf '%s %s\n' "$(cat "$t/comm" 2>/dev/null)" \
            "$(awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' "$t/stat" 2>/dev/null)"
    done 2>/dev/null
}

# A TcpExt counter of the whole machine (/proc/net/netstat), e.g. ListenOverflows.
tcpext() {
    awk -v name="$1" '$1 == "TcpExt:" { if (!seen) { for (i = 2; i <= NF; i++) col[$i] = i; seen = 1 } else { print $col[name] + 0; exit } }' \
        /proc/net/netstat 2>/dev/null || echo 0
}

# Busy ticks of the whole machine charged to processes, plus steal (/proc/stat: user,
# nice, system, steal; not irq and softirq, where loopback TCP is mostly counted).
busy_ticks() { awk 'NR == 1 { print $2 + $3 + $4 + $9; exit }' /proc/stat; }

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

CLK_TCK=$(getconf CLK_TCK)

# Samples every second until told to stop (the stop file appears): seconds, RSS of
# $1 in KB, CPU ticks of $1 and its children. Stops wrk ($3) when the disk of $4 fills.
sampler() {
    local pid=$1 out=$2 wrkpid=$3 datadir=$4 stopfile=$5 t=0 avail
    while [[ ! -e $stopfile ]] && kill -0 "$pid" 2>/dev/null; do
        printf '%d\t%s\t%s\n' "$t" "$(rss_kb "$pid")" "$(cpu_ticks "$pid")" >>"$out"
        if [[ -n $datadir ]]; then
            avail=$(df -Pm "$datadir" | awk 'NR == 2 { print $4 }')
            if ((avail < MIN_FREE_MB)); then
                echo "disk below ${MIN_FREE_MB} MB free" >"$out.stopped"
                # wrk is the child of the subshell $wrkpid; on SIGINT it stops and reports.
                pkill -INT -P "$wrkpid" 2>/dev/null || kill -INT "$wrkpid" 2>/dev/null || true
                break
            fi
        fi
        sleep 1
        t=$((t + 1))
    done
}

# Runs wrk with the template and device file against a port; fills the W_* variables
# from its WRK line. $5: pid to sample (RSS, CPU); $6: data folder to watch. When
# EXTRA_PID is set (PostgreSQL's postmaster), its CPU and its children's is measured
# too (W_EXTRA_CPU) and left out of the other processes' share.
EXTRA_PID=""
run_wrk() {
    local port=$1 template=$2 devices_file=$3 conns=$4 pid=$5 datadir=$6 tag=$7 duration=$8
    local threads=$((WRK_THREADS < conns ? WRK_THREADS : conns))
    local out=$LOGS/$tag.wrk samples=$LOGS/$tag.samples stop=$LOGS/$tag.stop
    rm -f "$samples" "$stop" "$samples.stopped"
    local before_ticks extra0=0
    before_ticks=$(cpu_ticks "$pid")
    [[ -z $EXTRA_PID ]] || extra0=$(cpu_ticks "$EXTRA_PID" reaped)
    thread_ticks "$pid" >"$out.threads0"
    local overflows0 cookies0 busy0
    busy0=$(busy_ticks)
    overflows0=$(tcpext ListenOverflows)
    cookies0=$(tcpext SyncookiesFailed)
    W_RSS_IDLE=$(rss_kb "$pid")
    # In a subshell whose `times` reports wrk's own CPU afterwards.
    (
        rc=0
        local script=$HERE/bench_ingest.lua
        ((PAUSE_MS == 0)) || script=$HERE/bench_ingest_paced.lua
        wrk -t "$threads" -c "$conns" -d "${duration}s" --timeout 60s -s "$script" \
            "http://127.0.0.1:$port$URL_PATH" -- "$template" "$devices_file" "$threads" "$PAUSE_MS" >"$out" 2>&1 || rc=$?
        times >"$out.times"
        exit $rc
    ) &
    local wrkpid=$!
    PIDS+=("$wrkpid")
    sampler "$pid" "$samples" "$wrkpid" "$datadir" "$stop" &
    local spid=$!
    PIDS+=("$spid")
    local rc=0
    wait "$wrkpid" || rc=$?
    forget_pid "$wrkpid"
    local after_ticks extra1=0
    after_ticks=$(cpu_ticks "$pid")
    [[ -z $EXTRA_PID ]] || extra1=$(cpu_ticks "$EXTRA_PID" reaped)
    thread_ticks "$pid" >"$out.threads1"
    local busy1
    busy1=$(busy_ticks)
    W_OVERFLOWS=$(($(tcpext ListenOverflows) - overflows0))
    W_COOKIES_FAILED=$(($(tcpext SyncookiesFailed) - cookies0))
    touch "$stop"
    wait "$spid" || true
    forget_pid "$spid"
    ((rc == 0)) || { cat "$out" >&2; die "wrk failed ($tag)"; }
    local line
    line=$(grep '^WRK requests=' "$out") || { cat "$out" >&2; die "no result from wrk ($tag)"; }
    # WRK key=value ... -> W_key=value (these at least; bench_ingest.lua prints them all)
    W_ok=0 W_duration_s=0 W_p50_ms=0 W_p99_ms=0 W_status_errors=0 W_connect_errors=0 W_read_errors=0 W_write_errors=0 W_timeouts=0
    local kv
    for kv in ${line#WRK }; do
        printf -v "W_${kv%%=*}" '%s' "${kv#*=}"
    done
    W_CPU=$(awk -v a="$before_ticks" -v b="$after_ticks" -v hz="$CLK_TCK" -v s="$W_duration_s" \
        'BEGIN { printf "%.0f", (b - a) / hz / s * 100 }')
    # RSS: peak and last sample while wrk ran (KB).
    W_RSS_PEAK=$(awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }' "$samples" 2>/dev/null || echo 0)
    W_RSS_END=$(awk 'END { print $2 + 0 }' "$samples" 2>/dev/null || echo 0)
    W_STOPPED=$(cat "$samples.stopped" 2>/dev/null || true)
    # wrk's CPU per second of the run: the children line of `times` ("0m1.2s 0m0.3s").
    W_WRK_CPU=$(awk -v s="$W_duration_s" 'NR == 2 {
            t = 0
            for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] }
            printf "%.0f", t / s * 100
        }' "$out.times" 2>/dev/null || echo "?")
    W_SAMPLES=$samples
    W_EXTRA_CPU=$(awk -v a="$extra0" -v b="$extra1" -v hz="$CLK_TCK" -v s="$W_duration_s" \
        'BEGIN { printf "%.0f", (b - a) / hz / s * 100 }')
    # CPU used by everything else on the machine meanwhile (other users, builds): the
    # whole machine's busy time minus the server's and wrk's, in % of a core.
    W_OTHERS=$(awk -v b0="$busy0" -v b1="$busy1" -v a="$before_ticks" -v b="$after_ticks" -v hz="$CLK_TCK" \
        -v s="$W_duration_s" -v w="$W_WRK_CPU" -v x="$((extra1 - extra0))" 'BEGIN {
            o = ((b1 - b0) - (b - a) - x) / hz / s * 100 - w
            printf "%.0f", (o < 0 ? 0 : o)
        }')
    # Per thread, by name, in % of a core: "facedesk 95, facedesk-store 60".
    W_THREADS=$(awk -v hz="$CLK_TCK" -v s="$W_duration_s" '
            FNR == NR { before[$1] += $2; next }
            { after[$1] += $2 }
            END {
                n = 0
                for (name in after) { d = (after[name] - before[name]) / hz / s * 100; if (d >= 1) out[++n] = name " " sprintf("%.0f", d) }
                for (i = 1; i <= n; i++) printf "%s%s", (i > 1 ? ", " : ""), out[i]
            }' "$out.threads0" "$out.threads1" 2>/dev/null || true)
}

mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

# ---- 2. nginx ----------------------------------------------------------------------------

NGINX_DIR=$WORK/nginx
NGINX_PORT=""
NGINX_PID=""

start_nginx() {
    mkdir -p "$NGINX_DIR/www" "$NGINX_DIR/tmp"
    chmod -R 755 "$NGINX_DIR"
    local try
    for try in 1 2 3 4 5; do
        NGINX_PORT=$(free_port)
        # How this nginx reads the body before it answers (stock modules only):
        #  - `return 200 ...` does NOT: the rewrite phase answers at once and the body
        #    is discarded afterwards, often before it has even arrived (checked: with
        #    only 1 KB of a 300 KB body sent, `return` has already answered).
        #  - mirror with mirror_request_body on DOES: ngx_http_mirror_module (built in,
        #    precontent phase) calls ngx_http_read_client_request_body() and holds the
        #    request until the whole body is in client_body_buffer_size (1 MB: every
        #    body stays in memory, nothing goes to a temp file), then starts the mirror
        #    subrequest to an internal location that does nothing (204, in-process).
        #  - the content phase then finds no file (the static handler answers 404/405
        #    for a POST) and error_page turns that into the fixed answer from @ok, with
        #    status 200. open_file_cache keeps that lookup off the disk.
        # Keep-alive is unlimited, like FaceDesk's; no access log, like FaceDesk.
        cat >"$NGINX_DIR/nginx.conf" <<EOF
worker_processes $NGINX_WORKERS;
daemon off;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $NGINX_DIR/tmp;
    proxy_temp_path $NGINX_DIR/tmp;
    fastcgi_temp_path $NGINX_DIR/tmp;
    uwsgi_temp_path $NGINX_DIR/tmp;
    scgi_temp_path $NGINX_DIR/tmp;
    keepalive_requests 100000000;
    keepalive_timeout 300s;
    open_file_cache max=64 inactive=60s;
    open_file_cache_errors on;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        client_max_body_size 16m;
        client_body_buffer_size 1m;
        root $NGINX_DIR/www;
        log_not_found off;
        location / {
            mirror /_read_body;
            mirror_request_body on;
            error_page 403 404 405 =200 @ok;
        }
        location = /_read_body { internal; return 204; }
        location @ok { default_type application/json; return 200 '{"code":0}'; }
    }
}
EOF
        "$NGINX" -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR" >"$LOGS/nginx.out" 2>&1 &
        NGINX_PID=$!
        PIDS+=("$NGINX_PID")
        for _ in $(seq 1 50); do
            if http_post "$NGINX_PORT" '{"method":"x"}' 2>/dev/null | grep -q '{"code":0}'; then
                log "nginx $("$NGINX" -v 2>&1 | sed 's/.*\///') on 127.0.0.1:$NGINX_PORT (pid $NGINX_PID, workers $NGINX_WORKERS)"
                return 0
            fi
            kill -0 "$NGINX_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -TERM "$NGINX_PID" 2>/dev/null || true
        wait "$NGINX_PID" 2>/dev/null || true
        forget_pid "$NGINX_PID"
        log "nginx did not start on port $NGINX_PORT (try $try): $(tail -2 "$NGINX_DIR/error.log" "$LOGS/nginx.out" 2>/dev/null | tr '\n' ' ')"
    done
    die "cannot start nginx"
}

stop_nginx() {
    [[ -n $NGINX_PID ]] || return 0
    kill -QUIT "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
    forget_pid "$NGINX_PID"
    if grep -q 'buffered to a temporary file' "$NGINX_DIR/error.log" 2>/dev/null; then
        log "warning: nginx wrote request bodies to temporary files (client_body_buffer_size too small)"
    fi
    NGINX_PID=""
}

# ---- 3. bodies and devices ---------------------------------------------------------------

body_file() { echo "$WORK/body-$1.json"; }
body_label() {
    case $1 in
    thumb) echo "face 20 KB" ;;
    background) echo "face 20 KB + background 300 KB" ;;
    esac
}
make_bodies() {
    local b
    for b in $BODIES; do
        case $b in
        thumb) "$HELPER" body --face-bytes 20480 --out "$(body_file thumb)" >"$WORK/body-$b.size" ;;
        background) "$HELPER" body --face-bytes 20480 --background-bytes 307200 --out "$(body_file background)" \
            >"$WORK/body-$b.size" ;;
        *) die "unknown body $b (thumb or background)" ;;
        esac
    done
}
# Bytes of one request once the placeholders are filled in (make_push_body says so).
body_bytes() { sed -n 's/.*: \([0-9]*\) bytes per request.*/\1/p' "$WORK/body-$1.size"; }

# ---- 4. one FaceDesk run -------------------------------------------------------------------

# ext4 without a journal skips, when it makes a file, every inode freed less than 60 s
# ago, or 6 minutes ago while that inode's table block is still dirty (the kernel's
# recently_deleted()): right after an earlier benchmark's archives were deleted,
# creating files cost up to 70 % of the server's CPU in that scan (perf). So, once
# before the first FaceDesk run, everything is written back and a minute passes; this
# script deletes nothing between its own runs. Each run also starts with the last
# run's writeback done, so it does not pay for it.
SETTLED=0
settle_disk() {
    sync
    if [[ $SETTLED == 0 && $(df -PT "$DATA_ROOT" | awk 'NR == 2 { print $2 }') == ext4 ]]; then
        log "letting ext4 forget earlier deletes (61 s, see settle_disk)"
        sleep 61
        SETTLED=1
    fi
}

# A fresh ext4 file system for one run, mounted at $WORK/fs-$1 (FS_MNT); drop_fs
# unmounts it and deletes it, at once, as one file.
fresh_fs() {
    FS_MNT=$WORK/fs-$1
    mkdir -p "$FS_MNT"
    # As big as the host's free space, so that the full-disk stop (MIN_FREE_MB) still
    # protects the host; sparse, so it takes only what the run writes.
    truncate -s "$(df -Pk "$WORK" | awk 'NR == 2 { print $4 }')K" "$WORK/fs-$1.img"
    mkfs.ext4 -q -F "$WORK/fs-$1.img" || die "mkfs.ext4 failed"
    mount -o loop "$WORK/fs-$1.img" "$FS_MNT" || die "cannot loop-mount a fresh file system (FRESH_FS=0 to use the host's)"
    MOUNTS+=("$FS_MNT")
    sync
}
drop_fs() {
    local mnt=$WORK/fs-$1
    umount "$mnt" && rm -f "$WORK/fs-$1.img"
    MOUNTS=("${MOUNTS[@]/$mnt}")
}

# Fills F_* (and W_*): a fresh archive, N devices online, wrk for $3 seconds. $5: sqlite
# (the default) or postgres: a new cluster on the archive's file system, a new database
# in it, and also F_GROUP (events per write transaction), F_WAL_KB (WAL per event) and
# F_IMAGE_KB (image bytes per event stored in the database).
run_facedesk() {
    local body=$1 n=$2 duration=$3 tag=$4 backend=${5:-sqlite}
    local data=$DATA_ROOT/data-$tag mnt=""
    if [[ $FRESH_FS == 1 ]]; then
        fresh_fs "$tag"
        mnt=$FS_MNT
        data=$mnt/data
    else
        settle_disk
    fi
    rm -rf "$data"
    mkdir -p "$data"
    local database=() url=""
    F_GROUP="" F_WAL_KB="" F_IMAGE_KB=""
    if [[ $backend == postgres ]]; then
        pg_start "$(dirname "$data")"
        [[ -n ${PG_VERSION:-} ]] || pg_describe
        pg_sql "$PG_ADMIN_URL" "CREATE DATABASE facedesk" >/dev/null
        url=$(pg_url facedesk)
        database=(--database "$url")
        EXTRA_PID=$PG_POSTMASTER
    fi
    "$FACEDESK" serve "${database[@]}" --data-dir "$data" --http-port 0 --tcp-port 0 --bind 127.0.0.1 --accept-new-devices \
        --max-queue "$MAX_QUEUE" >"$LOGS/$tag.serve.out" 2>"$LOGS/$tag.serve.err" &
    local serve=$!
    PIDS+=("$serve")
    local port=""
    for _ in $(seq 1 100); do
        port=$(sed -n 's/^facedesk serve: listening on http=\([0-9]*\) .*/\1/p' "$LOGS/$tag.serve.out")
        [[ -n $port ]] && break
        kill -0 "$serve" 2>/dev/null || break
        sleep 0.1
    done
    [[ -n $port ]] || { cat "$LOGS/$tag.serve.err" >&2; die "facedesk serve did not start"; }

    # Tokens by the accesstoken request, then every device's long connection.
    local devices_file=$WORK/devices-$tag.lua
    "$HELPER" devices --server 127.0.0.1 --http-port "$port" --devices "$n" --out "$devices_file" --hold \
        >"$LOGS/$tag.devices" 2>&1 &
    local holder=$!
    PIDS+=("$holder")
    for _ in $(seq 1 600); do
        grep -q 'devices online' "$LOGS/$tag.devices" && break
        kill -0 "$holder" 2>/dev/null || { cat "$LOGS/$tag.devices" >&2; die "devices could not connect"; }
        sleep 0.1
    done
    grep -q 'devices online' "$LOGS/$tag.devices" || die "devices not online after 60 s"

    local mark0="" mark1=""
    [[ -z $url ]] || mark0=$(pg_mark "$url")
    run_wrk "$port" "$(body_file "$body")" "$devices_file" "$n" "$serve" "$data" "$tag" "$duration"
    [[ -z $url ]] || mark1=$(pg_mark "$url")

    kill -TERM "$holder" 2>/dev/null || true
    wait "$holder" 2>/dev/null || true
    forget_pid "$holder"
    kill -INT "$serve"
    local rc=0
    wait "$serve" || rc=$?
    forget_pid "$serve"
    ((rc == 0)) || log "warning: facedesk serve exited with $rc ($tag)"
    # Its last line: "facedesk serve: N events archived, M messages refused".
    F_REFUSED=$(sed -n 's/.* \([0-9]*\) messages refused$/\1/p' "$LOGS/$tag.serve.err")
    F_REFUSED=${F_REFUSED:-0}
    # Rows in the archive: facedesk export's own count, else its lines minus the header.
    local export_err=$LOGS/$tag.export.err lines
    lines=$("$FACEDESK" export "${database[@]}" --data-dir "$data" --out - 2>"$export_err" | wc -l)
    F_ROWS=$(sed -n 's/^facedesk export: \([0-9]*\) events$/\1/p' "$export_err")
    [[ -n $F_ROWS ]] || F_ROWS=$((lines > 0 ? lines - 1 : 0))
    if [[ -n $url ]]; then
        local x0 l0 r0 x1 l1 r1 wal images
        read -r x0 l0 r0 <<<"$mark0"
        read -r x1 l1 r1 <<<"$mark1"
        wal=$(pg_sql "$url" "SELECT pg_wal_lsn_diff('$l1', '$l0')")
        images=$(pg_image_bytes "$url")
        # Transaction ids between the two marks (each mark takes one of its own).
        F_GROUP=$(awk -v e="$((r1 - r0))" -v x="$((x1 - x0 - 1))" 'BEGIN { if (x > 0 && e > 0) printf "%.1f", e / x }')
        F_WAL_KB=$(awk -v w="$wal" -v e="$((r1 - r0))" 'BEGIN { if (e > 0) printf "%.1f", w / e / 1024 }')
        F_IMAGE_KB=$(awk -v b="$images" -v r="$F_ROWS" 'BEGIN { printf "%.0f", (r > 0 ? b / r / 1024 : 0) }')
        EXTRA_PID=""
        pg_stop
    fi
    # On the host's file system the archive stays until the end: deleting thousands of
    # files here would make the next run's file creation slower on ext4 without a
    # journal (settle_disk). A fresh file system goes at once, as one file.
    [[ -z $mnt ]] || drop_fs "$tag"
}

# ---- 4b. PostgreSQL and pgbench (BACKENDS with postgres) ---------------------------------

# A new cluster in the folder $1 (tests/support/pg-cluster.sh: initdb, Unix socket,
# fsync on, PG_SETTINGS); sets PG_STATE, PG_ADMIN_URL (database postgres), PG_BIN and
# PG_POSTMASTER (the server's pid: its children are the backends, WAL writer,
# checkpointer and the rest).
pg_start() {
    local root=$1
    # The socket is ROOT/facedesk-pg.XXXXXX/.s.PGSQL.NNNNN: at most 107 bytes.
    ((${#root} + 36 <= 107)) || die "the folder $root is too long for PostgreSQL's socket path: use a shorter WORK_ROOT or DATA_ROOT"
    PG_STATE=$(mktemp -d "$WORK/pg-state.XXXXXX")
    PG_STATES+=("$PG_STATE")
    PG_FSYNC=on PG_SETTINGS="$PG_SETTINGS" PG_ROOT="$root" bash "$REPO/tests/support/pg-cluster.sh" start "$PG_STATE" \
        >>"$LOGS/pg-cluster.log" 2>&1 || { tail -20 "$LOGS/pg-cluster.log" >&2; die "cannot start PostgreSQL"; }
    PG_ADMIN_URL=$(cat "$PG_STATE/url")
    PG_BIN=$(cat "$PG_STATE/bindir")
    PG_POSTMASTER=$(head -1 "$(cat "$PG_STATE/cluster")/data/postmaster.pid")
}

pg_stop() {
    bash "$REPO/tests/support/pg-cluster.sh" stop "$PG_STATE" >>"$LOGS/pg-cluster.log" 2>&1 || true
    local keep=() s
    for s in "${PG_STATES[@]}"; do [[ $s == "$PG_STATE" ]] || keep+=("$s"); done
    PG_STATES=("${keep[@]}")
}

# The URL of the database $1 in the running cluster.
pg_url() { printf '%s' "${PG_ADMIN_URL/\/postgres\?/\/$1?}"; }

# For the report: the server's version and, as the running server has them, the
# settings a write-heavy load depends on.
pg_describe() {
    PG_VERSION=$(pg_sql "$PG_ADMIN_URL" "SHOW server_version")
    PG_SHOWN=$(pg_sql "$PG_ADMIN_URL" "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY ord)
        FROM unnest(ARRAY['fsync', 'synchronous_commit', 'full_page_writes', 'wal_level', 'shared_buffers', 'wal_buffers',
                          'max_wal_size', 'checkpoint_timeout', 'checkpoint_completion_target', 'wal_compression',
                          'commit_delay']) WITH ORDINALITY AS s(name, ord)")
}

# "xid lsn rows": a new transaction id, the WAL position and the rows of events; two
# marks give the write transactions, WAL bytes and events between them.
pg_mark() { pg_sql "$1" "SELECT txid_current() || ' ' || pg_current_wal_lsn() || ' ' || (SELECT count(*) FROM events)"; }

# Bytes of image rows in the database (0 when it has no table image_blobs).
pg_image_bytes() {
    if [[ $(pg_sql "$1" "SELECT to_regclass('image_blobs') IS NOT NULL") == t ]]; then
        pg_sql "$1" "SELECT COALESCE(sum(octet_length(bytes)), 0) FROM image_blobs"
    else
        echo 0
    fi
}

# pgbench's transaction script from bench_ingest_pg.sql: its per-event part $1 times
# between the other two; $2 = 0 leaves the writes out (generation alone).
pg_script() {
    awk -v n="$1" -v writes="$2" '
        /^-- \[per transaction: before\]/ { part = "before"; next }
        /^-- \[per event\]/ { part = "event"; next }
        /^-- \[per transaction: after\]/ { part = "after"; next }
        part == "" { next }
        !writes && (/^INSERT INTO / || /^ON CONFLICT / || /^NOTIFY /) { next }
        { text[part] = text[part] $0 "\n" }
        END { printf "%s", text["before"]; for (i = 0; i < n; i++) printf "%s", text["event"]; printf "%s", text["after"] }' \
        "$HERE/bench_ingest_pg.sql"
}

# A new database $1 with FaceDesk's schema (made by FaceDesk: export migrates the
# database it opens), table image_blobs (its schema-8 shape, when this build's schema
# is older: P_BLOBS_ADDED=1), and bench_ingest_pool: 16 rows of random bytes for body $2
# (face 20 KB, feature 1 KB, background 300 KB or NULL). Checkpointed, so that the run
# starts with nothing to write back.
pgbench_database() {
    local db=$1 body=$2 url scene=NULL
    pg_sql "$PG_ADMIN_URL" "CREATE DATABASE $db" >/dev/null
    url=$(pg_url "$db")
    "$FACEDESK" export --database "$url" --data-dir "$WORK/pgbench-data" --out /dev/null >>"$LOGS/pgbench-schema.log" 2>&1 \
        || { tail -5 "$LOGS/pgbench-schema.log" >&2; die "facedesk could not make its schema in database $db"; }
    P_SCHEMA=$(pg_sql "$url" "SELECT version FROM schema_version")
    P_BLOBS_ADDED=0
    if [[ $(pg_sql "$url" "SELECT to_regclass('image_blobs') IS NULL") == t ]]; then
        pg_sql "$url" "CREATE TABLE image_blobs (hash TEXT PRIMARY KEY, bytes BYTEA NOT NULL, stored_at BIGINT NOT NULL)"
        P_BLOBS_ADDED=1
    fi
    # Random bytes from md5(), 16 at a time: incompressible, like JPEG data and features.
    local random="(SELECT decode(string_agg(md5(random()::text || i || '.' || j), ''), 'hex') FROM generate_series(1, %d / 16) j)"
    # shellcheck disable=SC2059 # the format is the SQL above
    [[ $body != background ]] || scene=$(printf "$random" 307200)
    # shellcheck disable=SC2059
    pg_sql "$url" "CREATE TABLE bench_ingest_pool (id INTEGER PRIMARY KEY, face BYTEA NOT NULL, feature BYTEA NOT NULL, scene BYTEA);
        INSERT INTO bench_ingest_pool SELECT i, $(printf "$random" 20480), $(printf "$random" 1024), $scene FROM generate_series(1, 16) i"
    pg_sql "$url" "VACUUM ANALYZE"
    pg_sql "$url" "CHECKPOINT"
}

# One pgbench run of the script $2 with $3 clients for $4 seconds against the URL $1
# ($5 devices, $6 background bytes; $7 names its log; $8 is the folder whose disk is
# watched). Fills B_TPS (empty when it failed), B_PROCESSED, B_LATENCY_MS, B_STOPPED,
# and CPU in % of a core: B_CPU_PG (the cluster), B_CPU_SELF (pgbench), B_OTHERS.
pgbench_once() {
    local url=$1 script=$2 clients=$3 seconds=$4 n=$5 scene=$6 tag=$7 datadir=$8
    local out=$LOGS/$tag.pgbench samples=$LOGS/$tag.samples stop=$LOGS/$tag.stop cores
    cores=$(nproc)
    rm -f "$samples" "$stop" "$samples.stopped"
    local pg0 busy0 t0
    pg0=$(cpu_ticks "$PG_POSTMASTER" reaped)
    busy0=$(busy_ticks)
    t0=$(date +%s%N)
    (
        rc=0
        "$PG_BIN/pgbench" -n -M prepared -c "$clients" -j "$((clients < cores ? clients : cores))" -T "$seconds" \
            -D devices="$n" -D scene_bytes="$scene" -f "$script" "$url" >"$out" 2>&1 || rc=$?
        times >"$out.times"
        exit $rc
    ) &
    local bpid=$!
    PIDS+=("$bpid")
    sampler "$PG_POSTMASTER" "$samples" "$bpid" "$datadir" "$stop" &
    local spid=$!
    PIDS+=("$spid")
    local rc=0
    wait "$bpid" || rc=$?
    forget_pid "$bpid"
    # pgbench's backends end as it disconnects; the postmaster then waits for them.
    sleep 0.5
    local pg1 busy1 t1
    pg1=$(cpu_ticks "$PG_POSTMASTER" reaped)
    busy1=$(busy_ticks)
    t1=$(date +%s%N)
    touch "$stop"
    wait "$spid" || true
    forget_pid "$spid"
    B_STOPPED=$(cat "$samples.stopped" 2>/dev/null || true)
    B_TPS=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$out")
    B_PROCESSED=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out")
    B_LATENCY_MS=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$out")
    if ((rc != 0)) || [[ -z $B_TPS ]]; then
        log "pgbench failed ($tag, exit $rc): $(grep -m3 -i 'error' "$out" | tr '\n' ' ')"
        B_TPS=""
    fi
    local self
    self=$(awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] } print t }' \
        "$out.times" 2>/dev/null || echo 0)
    read -r B_CPU_PG B_CPU_SELF B_OTHERS < <(awk -v p0="$pg0" -v p1="$pg1" -v b0="$busy0" -v b1="$busy1" \
        -v t0="$t0" -v t1="$t1" -v hz="$CLK_TCK" -v self="${self:-0}" 'BEGIN {
            s = (t1 - t0) / 1e9; pg = (p1 - p0) / hz
            o = (b1 - b0) / hz - pg - self
            printf "%.0f %.0f %.0f\n", pg / s * 100, self / s * 100, (o < 0 ? 0 : o) / s * 100
        }')
}

# Fills P_*: PostgreSQL's own rate for body $1's rows and bytes ($2 devices) with $3
# events per transaction, on a new cluster with the same settings, once per
# PGBENCH_CLIENTS value, each in a new database; the best run's numbers, and all runs
# in P_ALL. $4 names the logs.
run_pgbench() {
    local body=$1 n=$2 events=$3 tag=$4 root=$DATA_ROOT mnt=""
    if [[ $FRESH_FS == 1 ]]; then
        fresh_fs "$tag"
        mnt=$FS_MNT
        root=$mnt
    else
        settle_disk
    fi
    pg_start "$root"
    local scene=0 c i=0 max_clients=0
    [[ $body != background ]] || scene=307200
    pg_script "$events" 1 >"$WORK/$tag.sql"
    pg_script "$events" 0 >"$WORK/$tag.gen.sql"
    for c in $PGBENCH_CLIENTS; do
        if ((c > max_clients)); then max_clients=$c; fi
    done
    P_RATE="" P_CLIENTS="" P_ALL="" P_GEN_RATE="" P_NOTES="" P_GEN_CLIENTS=$max_clients
    P_CPU_PG="" P_CPU_SELF="" P_OTHERS="" P_WAL_KB="" P_IMAGE_KB=""
    for c in $PGBENCH_CLIENTS; do
        i=$((i + 1))
        local url
        pgbench_database "bench$i" "$body"
        url=$(pg_url "bench$i")
        if ((i == 1)); then
            # Generation alone: nothing is written, so this database stays new.
            pgbench_once "$url" "$WORK/$tag.gen.sql" "$max_clients" "$((DURATION / 4 < 3 ? 3 : DURATION / 4))" "$n" "$scene" "$tag-gen" "$root"
            P_GEN_RATE=$(awk -v t="$B_TPS" -v e="$events" 'BEGIN { if (t != "") printf "%.0f", t * e; else print "-" }')
        fi
        local mark0 mark1 x0 l0 r0 x1 l1 r1 wal rate images
        mark0=$(pg_mark "$url")
        pgbench_once "$url" "$WORK/$tag.sql" "$c" "$DURATION" "$n" "$scene" "$tag-c$c" "$root"
        mark1=$(pg_mark "$url")
        read -r x0 l0 r0 <<<"$mark0"
        read -r x1 l1 r1 <<<"$mark1"
        if [[ -z $B_TPS ]]; then
            P_NOTES+="- pgbench, $body, $n devices, $c clients: failed (see $tag-c$c.pgbench in the logs)${B_STOPPED:+, stopped early: $B_STOPPED}"$'\n'
            P_ALL+="${P_ALL:+, }$(clients "$c"): failed"
            continue
        fi
        rate=$(awk -v t="$B_TPS" -v e="$events" 'BEGIN { printf "%.0f", t * e }')
        P_ALL+="${P_ALL:+, }$(clients "$c"): $rate events/s (latency $(ms "$B_LATENCY_MS") ms a transaction)"
        # Every transaction pgbench counted must be in the table; a few more may have
        # committed as it stopped.
        if ((r1 - r0 < B_PROCESSED * events || r1 - r0 > (B_PROCESSED + c) * events)); then
            P_NOTES+="- pgbench, $body, $n devices, $c clients: $((r1 - r0)) events rows for $B_PROCESSED transactions of $events events"$'\n'
        fi
        [[ -z $B_STOPPED ]] || P_NOTES+="- pgbench, $body, $n devices, $c clients: stopped early, $B_STOPPED"$'\n'
        if [[ -z $P_RATE ]] || ((rate > P_RATE)); then
            wal=$(pg_sql "$url" "SELECT pg_wal_lsn_diff('$l1', '$l0')")
            images=$(pg_image_bytes "$url")
            P_RATE=$rate P_CLIENTS=$c P_CPU_PG=$B_CPU_PG P_CPU_SELF=$B_CPU_SELF P_OTHERS=$B_OTHERS
            P_WAL_KB=$(awk -v w="$wal" -v e="$((r1 - r0))" 'BEGIN { if (e > 0) printf "%.1f", w / e / 1024 }')
            P_IMAGE_KB=$(awk -v b="$images" -v e="$(pg_sql "$url" "SELECT count(*) FROM events")" \
                'BEGIN { printf "%.0f", (e > 0 ? b / e / 1024 : 0) }')
        fi
    done
    pg_stop
    [[ -z $mnt ]] || drop_fs "$tag"
}

# ---- 5. the table ---------------------------------------------------------------------------

machine_line() {
    local cpu os
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    # shellcheck source=/dev/null
    os=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-Linux}")
    printf '%s, %s cores, %s (%s), measured %s; load average before the run %s, after %s' "${cpu:-$(uname -m)}" \
        "$(nproc)" "${os:-Linux}" "$(uname -r)" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$LOAD_BEFORE" \
        "$(cut -d' ' -f1-3 /proc/loadavg)"
}

# Replaces <!-- $1:begin --> ... <!-- $1:end --> in PERF_DOC with the file $2, or
# appends the section; the rest of the file is kept.
update_section() {
    local name=$1 body=$2 doc=$PERF_DOC
    mkdir -p "$(dirname "$doc")"
    [[ -f $doc ]] || printf '# FaceDesk performance\n\nEach section is written by its benchmark in tests/bench/; re-running one refreshes only its own section.\n' >"$doc"
    local begin="<!-- $name:begin -->" end="<!-- $name:end -->"
    if grep -qF "$begin" "$doc" && grep -qF "$end" "$doc"; then
        awk -v b="$begin" -v e="$end" -v f="$body" '
            $0 == b { print; while ((getline l < f) > 0) print l; skip = 1; next }
            $0 == e { skip = 0 }
            !skip { print }' "$doc" >"$doc.tmp.$$"
        mv "$doc.tmp.$$" "$doc"
    else
        { printf '\n%s\n' "$begin"; cat "$body"; printf '%s\n' "$end"; } >>"$doc"
    fi
    log "updated $doc (section $name)"
}

# Which code was measured: the build's source folder, and its git commit if it is a checkout.
build_line() {
    local src commit=""
    src=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$BUILD_DIR/CMakeCache.txt" 2>/dev/null)
    if [[ -n ${BUILD_COMMIT:-} ]]; then
        printf '%s (%s, git %s)' "$BUILD_DIR" "${src:-source unknown}" "$BUILD_COMMIT"
    elif [[ -n $src ]] && commit=$(git -C "$src" rev-parse --short HEAD 2>/dev/null); then
        [[ -z $(git -C "$src" status --porcelain --untracked-files=no 2>/dev/null) ]] || commit+=" plus uncommitted changes"
        printf '%s (%s, git %s)' "$BUILD_DIR" "$src" "$commit"
    else
        printf '%s (%s, not a git checkout)' "$BUILD_DIR" "${src:-source unknown}"
    fi
}

# Where the archives were written, and on what.
data_line() {
    if [[ $FRESH_FS == 1 ]]; then
        printf 'a fresh ext4 file system for each FaceDesk run (mkfs.ext4 defaults, with its journal) on a loop device over a sparse file in %s' "$WORK"
        return
    fi
    local dev fs note=""
    read -r dev fs < <(df -PT "$DATA_ROOT" | awk 'NR == 2 { print $1, $2 }')
    # ext4 without a journal skips inodes freed in the last minutes when it makes new
    # files, which makes file creation slow right after a big delete.
    if [[ $fs == ext4 && $(cat "/sys/fs/ext4/${dev##*/}/journal_task" 2>/dev/null) == "<none>" ]]; then
        note=" without a journal"
    fi
    printf '%s (%s%s)' "$DATA_ROOT" "$fs" "$note"
}

ms() { awk -v v="$1" 'BEGIN { printf (v < 1 ? "%.2f" : v < 10 ? "%.1f" : "%.0f"), v }'; }

run_table() {
    make_bodies
    start_nginx
    local rows=$WORK/rows.md notes=$WORK/notes.md pg_rows=$WORK/pg-rows.md targets=$WORK/targets.md
    : >"$rows"
    : >"$notes"
    : >"$pg_rows"
    : >"$targets"
    local body n blobs_added=0 schema=""
    for body in $BODIES; do
        for n in $DEVICES; do
            local fake=$WORK/fake-devices-$n.lua
            [[ -f $fake ]] || "$HELPER" devices --devices "$n" --out "$fake" >/dev/null

            log "$body, $n devices: nginx, ${DURATION} s"
            run_wrk "$NGINX_PORT" "$(body_file "$body")" "$fake" "$n" "$NGINX_PID" "" "nginx-$body-$n" "$DURATION"
            local n_rate n_p50 n_p99 n_cpu n_wrk n_bad
            n_rate=$(awk -v ok="$W_ok" -v s="$W_duration_s" 'BEGIN { printf "%.0f", ok / s }')
            n_p50=$W_p50_ms n_p99=$W_p99_ms n_cpu=$W_CPU n_wrk=$W_WRK_CPU
            N_OVERFLOWS=$W_OVERFLOWS N_COOKIES_FAILED=$W_COOKIES_FAILED
            local n_others=$W_OTHERS
            n_bad=$((W_status_errors + W_connect_errors + W_read_errors + W_write_errors + W_timeouts))
            ((n_bad == 0)) || echo "- nginx, $body, $n devices: errors: $W_status_errors not HTTP 200, $W_connect_errors connect, $W_read_errors read, $W_write_errors write, $W_timeouts timeouts" >>"$notes"
            sleep 1

            local f_rate="" ratio
            if has_backend sqlite; then
                log "$body, $n devices: FaceDesk, ${DURATION} s"
                run_facedesk "$body" "$n" "$DURATION" "facedesk-$body-$n"
                f_rate=$(awk -v ok="$W_ok" -v s="$W_duration_s" 'BEGIN { printf "%.0f", ok / s }')
                ratio=$(awk -v f="$f_rate" -v n="$n_rate" 'BEGIN { if (n > 0) printf "%.1f %%", 100 * f / n; else print "-" }')
                facedesk_notes FaceDesk "facedesk-$body-$n" "$body" "$n" >>"$notes"

                printf '| %s | %s | %s | %s / %s | %s / %s %% | %s | %s / %s | %s | **%s** | %s → %s → %s | %s / %s %% | %s | %s / %s %% |\n' \
                    "$(body_label "$body")" "$n" "$n_rate" "$(ms "$n_p50")" "$(ms "$n_p99")" "$n_cpu" "$n_wrk" \
                    "$f_rate" "$(ms "$W_p50_ms")" "$(ms "$W_p99_ms")" "$F_ROWS" "$ratio" \
                    "$(mb "$W_RSS_IDLE")" "$(mb "$W_RSS_PEAK")" "$(mb "$W_RSS_END")" "$W_CPU" "$W_WRK_CPU" "${W_THREADS:-?}" "$n_others" "$W_OTHERS" >>"$rows"
                log "  nginx $n_rate req/s (p50 $n_p50 ms, p99 $n_p99 ms); FaceDesk $f_rate committed/s (p50 $W_p50_ms ms, p99 $W_p99_ms ms), $F_ROWS rows, ratio $ratio"
                sync
                sleep 1
            fi

            if has_backend postgres; then
                log "$body, $n devices: FaceDesk on PostgreSQL, ${DURATION} s"
                run_facedesk "$body" "$n" "$DURATION" "facedesk-pg-$body-$n" postgres
                local g_rate
                g_rate=$(awk -v ok="$W_ok" -v s="$W_duration_s" 'BEGIN { printf "%.0f", ok / s }')
                facedesk_notes "FaceDesk on PostgreSQL" "facedesk-pg-$body-$n" "$body" "$n" >>"$notes"
                local g_p50=$W_p50_ms g_p99=$W_p99_ms g_cpu=$W_CPU g_pg_cpu=$W_EXTRA_CPU g_wrk=$W_WRK_CPU g_threads=${W_THREADS:-?}
                local g_others=$W_OTHERS g_rows=$F_ROWS g_group=${F_GROUP:-} g_wal=${F_WAL_KB:-} g_image=${F_IMAGE_KB:-0}
                log "  FaceDesk on PostgreSQL $g_rate committed/s (p50 $g_p50 ms, p99 $g_p99 ms), $g_rows rows, ${g_group:-?} events per commit"
                sync
                sleep 1

                local events=$PGBENCH_EVENTS
                if [[ $events == auto ]]; then
                    # FaceDesk's writer commits at most 1,000 events at a time (maxBatch).
                    events=$(awk -v g="${g_group:-0}" 'BEGIN { e = int(g + 0.5); print (e < 1 ? 0 : e > 1000 ? 1000 : e) }')
                    if ((events == 0)); then
                        events=100
                        echo "- pgbench, $body, $n devices: FaceDesk's events per commit could not be measured; pgbench used $events events per transaction" >>"$notes"
                    fi
                fi
                log "$body, $n devices: pgbench, $events events per transaction, clients $PGBENCH_CLIENTS, ${DURATION} s each"
                run_pgbench "$body" "$n" "$events" "pgbench-$body-$n"
                printf '%s' "$P_NOTES" >>"$notes"
                ((P_BLOBS_ADDED == 0)) || blobs_added=1
                schema=$P_SCHEMA
                local vs_sqlite vs_pgbench
                vs_sqlite=$(pct "$g_rate" "$f_rate")
                vs_pgbench=$(pct "$g_rate" "$P_RATE")
                printf '| %s | %s | %s | %s | **%s** | %s / %s | %s | %s | %s / %s | %s / %s | **%s** (%s × %s events) | %s | **%s** | **%s** | %s / %s / %s %% | %s | %s / %s %% | %s / %s %% |\n' \
                    "$(body_label "$body")" "$n" "$n_rate" "${f_rate:--}" "$g_rate" "$(ms "$g_p50")" "$(ms "$g_p99")" "$g_rows" \
                    "${g_group:--}" "$g_image" "${P_IMAGE_KB:--}" "${g_wal:--}" "${P_WAL_KB:--}" "${P_RATE:--}" "$(clients "${P_CLIENTS:-}")" "$events" \
                    "$P_GEN_RATE" "$vs_sqlite" "$vs_pgbench" "$g_cpu" "$g_pg_cpu" "$g_wrk" "$g_threads" \
                    "${P_CPU_PG:--}" "${P_CPU_SELF:--}" "$g_others" "${P_OTHERS:--}" >>"$pg_rows"
                echo "- pgbench, $body, $n devices, $events events per transaction: $P_ALL; generation alone ($(clients "$P_GEN_CLIENTS")): $P_GEN_RATE events/s" >>"$WORK/pgbench-runs.md"
                if [[ $n == 500 ]]; then
                    echo "- $(body_label "$body"), 500 devices: PostgreSQL/SQLite $vs_sqlite ($(verdict "$vs_sqlite")), PostgreSQL/pgbench $vs_pgbench ($(verdict "$vs_pgbench"))" >>"$targets"
                fi
                log "  pgbench ${P_RATE:-?} events/s ($(clients "${P_CLIENTS:-}") × $events events), generation alone $P_GEN_RATE events/s; PostgreSQL/SQLite $vs_sqlite, PostgreSQL/pgbench $vs_pgbench"
                sync
                sleep 1
            fi
        done
    done
    stop_nginx

    local report=$WORK/report.md thumb_bytes="" bg_bytes=""
    [[ " $BODIES " != *" thumb "* ]] || thumb_bytes=$(body_bytes thumb)
    [[ " $BODIES " != *" background "* ]] || bg_bytes=$(body_bytes background)
    {
        echo "### Ingest: committed events per second, FaceDesk vs nginx"
        echo
        echo "Machine: $(machine_line)"
        echo
        echo "Command: \`$COMMAND\` (${DURATION} s per run$([[ $DURATION -lt 20 ]] && echo ', short mode: indicative only'))"
        echo
        echo "Build: $(build_line). Archives: $(data_line)."
        echo
        echo "Load generator for both: wrk $(wrk -v 2>&1 | awk 'NR == 1 { print $2 }') with tests/bench/bench_ingest.lua, ${WRK_THREADS} threads, one connection per device, no pipelining. Bodies: a real \`sw_face_compare_push\` from \`make_push_body\` (fd::protocol::encode), 256 feature values, random JPEG-headed image bytes, filled in per request in place (see the script: a static-body speed generator)${thumb_bytes:+; face only: $thumb_bytes bytes}${bg_bytes:+; with background: $bg_bytes bytes}. Every request is a new event (its own img_name) with new image bytes, from one of N devices with its own valid token; for FaceDesk the N devices also hold their TCP long connections (online, heartbeating) during the run."
        if has_backend sqlite; then
            echo
            echo "| body | devices | nginx: answered req/s | nginx p50 / p99 ms | CPU nginx / wrk | **FaceDesk: committed events/s** | FaceDesk ack p50 / p99 ms | rows in archive | **ratio FaceDesk/nginx** | FaceDesk RSS MB idle → peak → end | CPU FaceDesk / wrk | FaceDesk CPU by thread | CPU of other processes, nginx / FaceDesk run |"
            echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
            cat "$rows"
            echo
            echo "- nginx (Debian's, worker_processes $NGINX_WORKERS, started by the benchmark on loopback with its own config) reads each body completely (\`mirror_request_body on\`, body kept in memory) and answers a fixed \`{\"code\":0}\`: its column counts **answered requests**, the cost of receiving the bytes and nothing else."
            echo "- FaceDesk (\`facedesk serve\`, fresh archive per run, \`--accept-new-devices --max-queue $MAX_QUEUE\`) answers a push only after its group commit: its column counts **committed events** (answers with \`\"code\":0\` per second of the run). \"Rows in archive\" is counted by \`facedesk export\` after shutdown; it may exceed the acknowledged count by the pushes still in flight when wrk stopped (at most one per connection)."
            echo "- Latency is wrk's, from sending the request to the whole answer; for FaceDesk it includes the commit. CPU is per second of the run, 100 % being one core: the server's (all its threads and processes), then wrk's; by thread, \`facedesk\` is FaceDesk's network thread (reading, framing, decoding) and \`facedesk-store\` its archive writer (image files, SQLite); all of them share the same $(nproc) cores, so when server and wrk together use them all, the rate is the machine's, not the server's alone. The last column is the CPU that other processes on the machine took during each run (the machine's user, system and steal time minus server and wrk, so other users' work, kernel threads such as page-cache writeback, and a few % for this script's own sampling): when it is high, the run was disturbed and its numbers are low."
            echo "- Target: FaceDesk commits at least 10 % of nginx's request rate with 500 devices connected (long-term goal 30 %), and its memory stays flat over a 10-minute run (\`SOAK=600 tests/bench/bench_ingest.sh\`)."
        fi
        if has_backend postgres; then
            echo
            echo "#### FaceDesk on PostgreSQL (#12): against SQLite, nginx, and PostgreSQL's own insert rate"
            echo
            echo "PostgreSQL $PG_VERSION, local, a new cluster (initdb, Unix socket only) for every run: PostgreSQL's defaults plus \`$PG_SETTINGS\`; as the server reported them: $PG_SHOWN. FaceDesk's schema version $schema$([[ $blobs_added == 1 ]] && echo "; this build's schema has no table image_blobs yet, so the benchmark created it for pgbench in the shape of schema step 8 (hash TEXT PRIMARY KEY, bytes BYTEA, stored_at BIGINT)")."
            echo
            echo "| body | devices | nginx: answered req/s | FaceDesk on SQLite: committed events/s | **FaceDesk on PostgreSQL: committed events/s** | PostgreSQL ack p50 / p99 ms | rows in archive | events per commit | image KB per event in PostgreSQL, FaceDesk / pgbench | WAL KB per event, FaceDesk / pgbench | **pgbench: events/s** | generation alone: events/s | **PostgreSQL / SQLite** | **PostgreSQL / pgbench** | CPU FaceDesk / postgres / wrk | FaceDesk CPU by thread | CPU postgres / pgbench, pgbench run | CPU of other processes, FaceDesk run / pgbench run |"
            echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
            cat "$pg_rows"
            echo
            echo "- FaceDesk on PostgreSQL: the same \`facedesk serve\` and the same wrk load as the SQLite run, with \`--database postgresql://...\` (Unix socket) into a new database of a new cluster, the cluster on the same fresh file system as the run's \`--data-dir\`. Its rate counts **committed events**, like the SQLite column; \"rows in archive\" is \`facedesk export --database\` after shutdown. \"Events per commit\" is events inserted during the run over the transaction ids PostgreSQL handed out meanwhile (the writer's group commits, plus the few other writes: device rows). \"Image KB per event in PostgreSQL\" is the bytes of table image_blobs over the events; 0 means the build kept its images as files only, so PostgreSQL received the events rows alone while pgbench also wrote the image bytes, and the PostgreSQL/pgbench ratio compares the collector's present work with the database's ceiling for the whole #12 shape."
            echo "- pgbench: PostgreSQL's own rate for the same rows and bytes, the ceiling: \`tests/bench/bench_ingest_pg.sql\` on another new cluster with the same settings, in a new database whose schema FaceDesk made; \`pgbench -n -M prepared -T $DURATION\`, clients as shown (PGBENCH_CLIENTS: $PGBENCH_CLIENTS). Each transaction inserts as many events as FaceDesk's writer committed per transaction in its run of that row (PGBENCH_EVENTS=$PGBENCH_EVENTS; rounded, at most the writer's 1,000), each event as the writer sends it: the face's image row (20 KB) and, for the background body, the background's (300 KB) into image_blobs, then the events row with the same columns and values (ON CONFLICT DO NOTHING RETURNING id), one prepared statement each; then NOTIFY and COMMIT. Its column counts events per second (transactions × events). The bytes are random, made once before the run in a pool table, fetched to pgbench once per transaction and sent with every insert as a hex text parameter, as Qt's driver sends a bytea. \"Generation alone\" is the same script without its INSERTs and NOTIFY (every value still made, sent, parsed and sent back), run once per row for $((DURATION / 4 < 3 ? 3 : DURATION / 4)) s with the most clients: when it is far above pgbench's rate, making the rows is not what pgbench measured."
            echo "- CPU in % of one core per second of the run: FaceDesk (all its threads), PostgreSQL (the postmaster and all its processes: backends, WAL writer, checkpointer) and wrk; for pgbench's run, PostgreSQL and pgbench. All share the same $(nproc) cores."
            echo "- Target (#12): with 500 devices, the PostgreSQL collector commits at least 50 % of what FaceDesk commits on SQLite on this machine, and at least 50 % of pgbench's rate for the same rows."
            if [[ -s $targets ]]; then
                cat "$targets"
            fi
            if [[ -s $WORK/pgbench-runs.md ]]; then
                echo
                echo "pgbench runs:"
                echo
                cat "$WORK/pgbench-runs.md"
            fi
        fi
        if [[ -s $notes ]]; then
            echo
            echo "Problems seen in this run:"
            echo
            cat "$notes"
        fi
    } >"$report"
    echo
    cat "$report"
    [[ $UPDATE_DOC != 1 ]] || update_section ingest "$report"
}

# Notes on one FaceDesk run ($1 names it, $2 is its tag, $3 body, $4 devices) from the
# W_* and F_* variables: errors, listen-queue overflows, rows against acknowledgements.
facedesk_notes() {
    local label=$1 tag=$2 body=$3 n=$4 bad
    bad=$((W_status_errors + W_connect_errors + W_read_errors + W_write_errors + W_timeouts))
    if ((bad > 0)); then
        local refusal
        refusal=$(grep -m1 'facedesk.server: refused' "$LOGS/$tag.serve.err" | cut -c1-200 || true)
        echo "- $label, $body, $n devices: errors: $W_status_errors not HTTP 200, $W_connect_errors connect, $W_read_errors read, $W_write_errors write, $W_timeouts timeouts${refusal:+; first refusal in its log: $refusal}"
    fi
    # A listen backlog too short for N devices connecting at once shows here.
    if ((W_OVERFLOWS > 0 || W_COOKIES_FAILED > 0)); then
        echo "- $label, $body, $n devices: the kernel counted $W_OVERFLOWS listen-queue overflows and $W_COOKIES_FAILED failed SYN cookies (connections reset) during the run (machine-wide counters; the nginx run before it: $N_OVERFLOWS and $N_COOKIES_FAILED)"
    fi
    # Every acknowledged event must be in the archive; at most one per connection more
    # (answered after wrk stopped listening).
    if ((F_ROWS < W_ok || F_ROWS > W_ok + n)); then
        echo "- $label, $body, $n devices: $F_ROWS rows in the archive for $W_ok acknowledged events"
    fi
    [[ -z $W_STOPPED ]] || echo "- $label, $body, $n devices: stopped early, $W_STOPPED"
    ((F_REFUSED == 0)) || echo "- $label, $body, $n devices: $F_REFUSED refusals in the serve log"
    return 0
}

# 100 * $1 / $2 as "62.5 %", or "-" when either is missing.
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b != "" && b > 0) printf "%.1f %%", 100 * a / b; else print "-" }'; }
clients() { case $1 in "") echo "-" ;; 1) echo "1 client" ;; *) echo "$1 clients" ;; esac; }
verdict() { awk -v p="${1% %}" 'BEGIN { print (p == "-" ? "not measured" : p + 0 >= 50 ? "met" : "not met") }'; }

run_soak() {
    BODIES=$SOAK_BODY
    make_bodies
    local tag=soak-$SOAK_BODY-$SOAK_DEVICES
    ((SOAK_RATE == 0)) || PAUSE_MS=$((SOAK_DEVICES * 1000 / SOAK_RATE))
    log "soak: FaceDesk, $SOAK_BODY, $SOAK_DEVICES devices, $SOAK s, offered $([[ $SOAK_RATE == 0 ]] && echo "as fast as possible" || echo "$SOAK_RATE/s")"
    run_facedesk "$SOAK_BODY" "$SOAK_DEVICES" "$SOAK" "$tag"
    local f_rate
    f_rate=$(awk -v ok="$W_ok" -v s="$W_duration_s" 'BEGIN { printf "%.0f", ok / s }')
    [[ -z ${SOAK_CSV:-} ]] || { printf 'second\trss_kb\tcpu_ticks\n'; cat "$W_SAMPLES"; } >"$SOAK_CSV"
    # RSS at 1 minute, at the middle and at the end; the slope over the second half.
    local stats
    stats=$(awk -v total="$SOAK" '
        { t[NR] = $1; r[NR] = $2 / 1024; if (r[NR] > peak) peak = r[NR] }
        END {
            n = NR; one = 0; mid = 0
            for (i = 1; i <= n; i++) { if (t[i] <= 60) one = r[i]; if (t[i] <= total / 2) mid = r[i] }
            sx = sy = sxx = sxy = m = 0
            for (i = 1; i <= n; i++) if (t[i] >= total / 2) { m++; sx += t[i]; sy += r[i]; sxx += t[i] * t[i]; sxy += t[i] * r[i] }
            slope = (m > 1 && m * sxx - sx * sx != 0) ? (m * sxy - sx * sy) / (m * sxx - sx * sx) * 60 : 0
            growth = one > 0 ? 100 * (r[n] - one) / one : 0
            # Flat: at most 10 % above the 1-minute value at the end, and the second
            # half trend adds at most 5 % over that half.
            drift = mid > 0 ? 100 * slope * (total / 2 / 60) / mid : 0
            printf "%.0f %.0f %.0f %.0f %.2f %.1f %s\n", one, mid, r[n], peak, slope, growth, (growth <= 10 && drift <= 5) ? "flat" : "GROWING"
        }' "$W_SAMPLES")
    local one mid end peak slope growth verdict
    read -r one mid end peak slope growth verdict <<<"$stats"
    local report=$WORK/soak.md
    {
        echo "### Ingest soak: FaceDesk memory over $((SOAK / 60)) minutes"
        echo
        echo "Machine: $(machine_line)"
        echo
        echo "Command: \`$COMMAND\`"
        echo
        echo "Build: $(build_line). Archives: $(data_line)."
        echo
        echo "| body | devices | offered events/s | duration | committed events/s | ack p50 / p99 ms | rows in archive | RSS MB at 1 min | at half | at end | peak | slope, 2nd half | growth since 1 min | memory |"
        echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
        echo "| $(body_label "$SOAK_BODY") | $SOAK_DEVICES | $([[ $SOAK_RATE == 0 ]] && echo "as many as it takes" || echo "$SOAK_RATE (each connection waits ${PAUSE_MS} ms after an answer)") | ${W_duration_s} s | $f_rate | $(ms "$W_p50_ms") / $(ms "$W_p99_ms") | $F_ROWS | $one | $mid | $end | $peak | $slope MB/min | $growth % | **$verdict** |"
        echo
        echo "RSS of \`facedesk serve\` sampled every second from /proc/PID/status (VmRSS). \"flat\": at the end at most 10 % above the 1-minute value, and the second half's least-squares trend adds at most 5 % over that half.$([[ -n $W_STOPPED ]] && echo " Stopped early: $W_STOPPED.")"
    } >"$report"
    echo
    cat "$report"
    [[ $UPDATE_DOC != 1 ]] || update_section ingest-soak "$report"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "build $BUILD_DIR; work folder $WORK; load average $LOAD_BEFORE"
if ((SOAK > 0)); then
    run_soak
else
    run_table
fi
