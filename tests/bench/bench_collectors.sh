#!/usr/bin/env bash
# Several collectors on one PostgreSQL archive (#12): the combined rate of committed
# events when the site's devices are split between C collectors, side by side in one
# run with one collector holding them all.
#
#   DURATION=20 DEVICES=500 COLLECTORS="1 2" tests/bench/bench_collectors.sh [BUILD_DIR]
#
# Why: every collector has its own writer and connection, but their events rows and
# commits take turns (store::lockCommitOrder keeps ids in commit order for the desks'
# feeds), so several collectors are bounded by one commit stream. This measures what
# that costs. On one machine the collectors also share its cores with PostgreSQL and
# the load generator, so the figure is the lock's and the database's bound, not what
# collectors on their own machines would add.
#
# Each row: a new cluster (tests/support/pg-cluster.sh, fsync on, bench_ingest.sh's
# settings), one database, C `facedesk serve` processes on it with data folders of
# their own, each with DEVICES/C devices (make_push_body devices --first: no device is
# shared) online on their long connections, and one wrk per collector sending 20 KB
# face pushes (bench_ingest.lua, its own request numbers) for DURATION seconds. The
# rate is the events rows committed between two marks (before the first wrk starts,
# after the last one ends) over the time between them.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
BUILD_DIR=$(cd "${1:-$REPO/build}" && pwd)
DURATION=${DURATION:-20}
DEVICES=${DEVICES:-500}
COLLECTORS=${COLLECTORS:-"1 2"}
FACEDESK=$BUILD_DIR/app/facedesk/facedesk
HELPER=$BUILD_DIR/tests/bench/make_push_body
# shellcheck source=bench_pg_settings.sh
source "$HERE/bench_pg_settings.sh"  # PG_SETTINGS (bench_ingest.sh's), pg_sql

log() { printf '[bench_collectors %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }
[[ -x $FACEDESK && -x $HELPER ]] || die "build facedesk and make_push_body in $BUILD_DIR first"
command -v wrk >/dev/null || die "wrk is missing (bench_ingest.sh installs it)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fd-collectors.XXXXXX")
chmod 755 "$WORK"  # as root, the cluster runs as postgres (pg-cluster.sh)
PIDS=()
PG_STATE=""
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [[ -z $PG_STATE ]] || bash "$REPO/tests/support/pg-cluster.sh" stop "$PG_STATE" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# Waits until the file $1 holds the pattern $2, while the process $3 lives.
wait_for() {
    local _
    for _ in $(seq 1 600); do
        grep -q "$2" "$1" 2>/dev/null && return 0
        kill -0 "$3" 2>/dev/null || break
        sleep 0.1
    done
    cat "$1" >&2
    die "no \"$2\" in $1"
}

# One row: $1 collectors share $DEVICES devices. Writes "C rate p50 p99 rows" to the
# file $2. Runs in this shell, so that cleanup knows its processes and cluster.
run_row() {
    local c=$1 out=$2 per=$((DEVICES / $1)) i
    ((per > 0)) || die "$c collectors for $DEVICES devices: at least one device each"
    PG_STATE=$(mktemp -d "$WORK/pg.XXXXXX")
    chmod 755 "$PG_STATE"
    PG_FSYNC=on PG_SETTINGS="$PG_SETTINGS" PG_ROOT="$WORK" bash "$REPO/tests/support/pg-cluster.sh" start "$PG_STATE" \
        >"$WORK/pg-$c.log" 2>&1 || { cat "$WORK/pg-$c.log" >&2; die "cannot start PostgreSQL"; }
    local admin url
    admin=$(cat "$PG_STATE/url")
    pg_sql "$admin" "CREATE DATABASE facedesk" >/dev/null
    url=${admin/\/postgres\?/\/facedesk?}
    local serves=() holders=() wrks=()
    for ((i = 0; i < c; ++i)); do
        local tag=c$c-$i
        "$FACEDESK" serve --database "$url" --data-dir "$WORK/data-$tag" --http-port 0 --tcp-port 0 --bind 127.0.0.1 \
            --accept-new-devices >"$WORK/$tag.serve.out" 2>"$WORK/$tag.serve.err" &
        serves+=($!)
        PIDS+=($!)
        wait_for "$WORK/$tag.serve.out" "listening on http=" "${serves[i]}"
        local port
        port=$(sed -n 's/^facedesk serve: listening on http=\([0-9]*\) .*/\1/p' "$WORK/$tag.serve.out")
        echo "$port" >"$WORK/$tag.port"
        "$HELPER" devices --server 127.0.0.1 --http-port "$port" --devices "$per" --first $((i * per)) \
            --out "$WORK/devices-$tag.lua" --hold >"$WORK/$tag.devices" 2>&1 &
        holders+=($!)
        PIDS+=($!)
        wait_for "$WORK/$tag.devices" "devices online" "${holders[i]}"
    done
    local before after t0 t1
    before=$(pg_sql "$url" "SELECT count(*) FROM events")
    t0=$(date +%s.%N)
    for ((i = 0; i < c; ++i)); do
        local tag=c$c-$i
        wrk -t 1 -c "$per" -d "${DURATION}s" --timeout 60s -s "$HERE/bench_ingest.lua" \
            "http://127.0.0.1:$(cat "$WORK/$tag.port")/cloud_kq/api/face/push" -- \
            "$WORK/body.json" "$WORK/devices-$tag.lua" 1 0 $((i * 16)) >"$WORK/$tag.wrk" 2>&1 &
        wrks+=($!)
        PIDS+=($!)
    done
    for i in "${wrks[@]}"; do wait "$i" || die "wrk failed"; done
    after=$(pg_sql "$url" "SELECT count(*) FROM events")
    t1=$(date +%s.%N)
    local p50 p99
    p50=$(sed -n 's/.* p50_ms=\([0-9.]*\).*/\1/p' "$WORK/c$c-0.wrk")
    p99=$(sed -n 's/.* p99_ms=\([0-9.]*\).*/\1/p' "$WORK/c$c-0.wrk")
    for i in "${holders[@]}"; do kill -TERM "$i" 2>/dev/null || true; done
    for i in "${serves[@]}"; do kill -INT "$i" 2>/dev/null || true; done
    for i in "${holders[@]}" "${serves[@]}"; do wait "$i" 2>/dev/null || true; done
    PIDS=()
    bash "$REPO/tests/support/pg-cluster.sh" stop "$PG_STATE" >/dev/null 2>&1 || true
    PG_STATE=""
    echo "$c $(awk -v n=$((after - before)) -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }') ${p50:--} ${p99:--}" \
        "$((after - before))" >"$out"
}

"$HELPER" body --face-bytes 20480 --out "$WORK/body.json" >/dev/null
log "$DEVICES devices, 20 KB faces, $DURATION s a row, collectors: $COLLECTORS"
first=""
for c in $COLLECTORS; do
    run_row "$c" "$WORK/row"
    read -r n rate p50 p99 rows <"$WORK/row"
    first=${first:-$rate}
    log "$n collector(s): $rate committed events/s together ($rows rows; first collector's ack p50 $p50 ms, p99 $p99 ms)," \
        "$(awk -v a="$rate" -v b="$first" 'BEGIN { printf "%.1f %%", 100 * a / b }') of the first row"
done
