#!/usr/bin/env bash
# Collectors on one PostgreSQL through their two worst moments (#12, item 5): each a
# `facedesk serve --database postgresql://...` with its own data folder and its own
# simulated devices (facedesk-sim, both transports), while
#   - at a third of the run, PostgreSQL itself is stopped for DOWN_SECONDS and started
#     again (tests/support/pg-cluster.sh restart): the collectors keep their devices,
#     answer their events with the busy code and reconnect by themselves;
#   - at two thirds, the first collector is killed with SIGKILL and started again (the
#     others go on writing meanwhile).
# Then: every event a simulator saw acknowledged (its ack log: uuid, img_name, SHA-256
# of the face) is a row of the archive whose face file has that hash, and no (device,
# img_name) is stored twice.
#
#   tests/soak/pg_outage.sh [SECONDS] [BUILD_DIR]      (defaults: 120, ./build)
#
# Environment: COLLECTORS=1, DEVICES=50 and RATE=50 (events/s) per collector,
# DOWN_SECONDS=10, WORK=DIR (default: a new temporary folder). Starts and removes its
# own throw-away cluster. UPDATE_DOC=1 writes the result between <!-- pg-outage:begin -->
# and <!-- pg-outage:end --> in docs/PERFORMANCE.md. ctest runs it short with two
# collectors (the `pg_outage_two_collectors` entry).
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_TOTAL=${1:-120}
BUILD=${2:-build}
DEVICES=${DEVICES:-50}
RATE=${RATE:-50}
DOWN_SECONDS=${DOWN_SECONDS:-10}
FACEDESK=$BUILD/app/facedesk/facedesk
SIM=$BUILD/app/sim/facedesk-sim
[[ -x $FACEDESK && -x $SIM ]] || { echo "build first: $FACEDESK and $SIM are missing" >&2; exit 2; }
COLLECTORS=${COLLECTORS:-1}
WORK=${WORK:-$(mktemp -d /tmp/facedesk-pg-outage.XXXXXX)}
PG=$WORK/pg
bash tests/support/pg-cluster.sh start "$PG" >/dev/null
# On any exit, failures included, nothing of the run outlives it (ctest would wait for
# the children's open pipes until its timeout).
cleanup() {
    local pid
    for pid in "${SIM_PID[@]}" "${SERVE_PID[@]}"; do
        kill -9 "$pid" 2>/dev/null || true
    done
    bash tests/support/pg-cluster.sh stop "$PG" >/dev/null
}
SERVE_PID=() SIM_PID=()
trap cleanup EXIT
ADMIN_URL=$(cat "$PG/url")
psql "$ADMIN_URL" -q -c "CREATE DATABASE outage"
URL=${ADMIN_URL/\/postgres\?/\/outage?}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HTTP=() TCP=()
for ((c = 0; c < COLLECTORS; ++c)); do
    HTTP[c]=$(free_port)
    TCP[c]=$(free_port)
    mkdir -p "$WORK/data$c"
done

# Collector $1, with its own folder and ports; its log is serve$1.log.
start_serve() {
    local c=$1
    : >"$WORK/serve$c.started"
    "$FACEDESK" serve --data-dir "$WORK/data$c" --database "$URL" --bind 127.0.0.1 --http-port "${HTTP[c]}" \
        --tcp-port "${TCP[c]}" --accept-new-devices \
        > >(tee -a "$WORK/serve$c.started" >>"$WORK/serve$c.log") 2>>"$WORK/serve$c.log" &
    SERVE_PID[c]=$!
    # Up to two minutes: under AddressSanitizer, with another collector starting beside
    # it on 2 cores, loading the face models alone took more than 30 s.
    for _ in $(seq 1200); do
        grep -q "listening on" "$WORK/serve$c.started" 2>/dev/null && return 0
        kill -0 "${SERVE_PID[c]}" 2>/dev/null || break
        sleep 0.1
    done
    echo "facedesk serve $c did not start; see $WORK/serve$c.log" >&2
    exit 1
}

FACES=()
[[ -d ../shared/faces ]] && FACES=(--faces ../shared/faces)
for ((c = 0; c < COLLECTORS; ++c)); do
    start_serve "$c"
done
T0=$(date +%s)
for ((c = 0; c < COLLECTORS; ++c)); do
    # Each collector's devices have uuids of their own (--uuid-prefix).
    "$SIM" --server 127.0.0.1 --http-port "${HTTP[c]}" --tcp-port "${TCP[c]}" --devices "$DEVICES" --rate "$RATE" \
        --duration "$SECONDS_TOTAL" --grace 120 --transport both --quiet --ack-log "$WORK/acks$c.tsv" \
        --uuid-prefix "C$c-" "${FACES[@]}" >"$WORK/sim$c.log" 2>&1 &
    SIM_PID[c]=$!
done

sleep $(( SECONDS_TOTAL / 3 ))
echo "$(( $(date +%s) - T0 )) s: PostgreSQL stopped for ${DOWN_SECONDS} s" | tee -a "$WORK/faults.log"
bash tests/support/pg-cluster.sh restart "$PG" "$DOWN_SECONDS" >/dev/null
echo "$(( $(date +%s) - T0 )) s: PostgreSQL started again" | tee -a "$WORK/faults.log"

sleep $(( SECONDS_TOTAL / 3 ))
echo "$(( $(date +%s) - T0 )) s: SIGKILL facedesk serve 0 (${SERVE_PID[0]}), restart" | tee -a "$WORK/faults.log"
kill -9 "${SERVE_PID[0]}"
wait "${SERVE_PID[0]}" 2>/dev/null || true
start_serve 0

for ((c = 0; c < COLLECTORS; ++c)); do
    wait "${SIM_PID[c]}" || true
done
for ((c = 0; c < COLLECTORS; ++c)); do
    kill -TERM "${SERVE_PID[c]}"
    wait "${SERVE_PID[c]}" 2>/dev/null || true
done
SERVE_PID=() SIM_PID=()  # all ended: nothing for cleanup to kill
cat "$WORK"/acks[0-9]*.tsv >"$WORK/acks.tsv"
cat "$WORK"/serve[0-9]*.log >"$WORK/serve.log"
cat "$WORK"/sim[0-9]*.log >"$WORK/sim.log"

psql "$URL" -At -F $'\t' -c "SELECT device_uuid, img_name, COALESCE(face_path, '') FROM events" >"$WORK/rows.tsv"
python3 - "$WORK" "$SECONDS_TOTAL" "$DEVICES" "$RATE" "$DOWN_SECONDS" "$COLLECTORS" <<'PY' | tee "$WORK/result.md"
import os, sys
work, total, devices, rate, down, collectors = sys.argv[1:7]
acks = [l.rstrip("\n").split("\t") for l in open(os.path.join(work, "acks.tsv")) if l.strip()]
rows = {}
for line in open(os.path.join(work, "rows.tsv")):
    uuid, name, face = line.rstrip("\n").split("\t")
    rows.setdefault((uuid, name), []).append(face)
lost = [a for a in acks if (a[0], a[1]) not in rows
        or (a[2] != "-" and not any(p and os.path.basename(p).startswith(a[2]) for p in rows[(a[0], a[1])]))]
twice = [k for k, v in rows.items() if len(v) > 1]
log = open(os.path.join(work, "serve.log")).read()
print(f"| collectors | {collectors}, each with {devices} devices (rate {rate} events/s offered, both transports) |")
print(f"| duration | {total} s; PostgreSQL stopped for {down} s at a third, the first collector SIGKILLed and restarted at two thirds |")
print(f"| events acknowledged (ack log) | {len(acks)} |")
print(f"| rows in the archive | {sum(len(v) for v in rows.values())} |")
print(f"| acknowledged but not in the archive | **{len(lost)}** |")
print(f"| stored twice (same device and img_name) | **{len(twice)}** |")
print(f"| events answered busy while the database was away | {log.count('database is unreachable; send the event again later')} |")
print(f"| reconnections logged (archive writer and library sync) | {log.count('reachable again')} |")
summary = [l.strip() for l in open(os.path.join(work, "sim.log")).read().splitlines() if ":" in l and l.startswith("  ")]
print("")
print("facedesk-sim's summary:")
print("")
print("```")
print("\n".join(summary[:12]))
print("```")
sys.exit(1 if lost or twice or not acks else 0)
PY
RC=${PIPESTATUS[0]}
echo "work folder: $WORK (serveN.log, simN.log, faults.log, acksN.tsv, rows.tsv)"
if [[ ${UPDATE_DOC:-0} == 1 ]]; then
    python3 tests/soak/update_doc_section.py pg-outage "A collector on PostgreSQL through an outage" "$WORK/result.md" "tests/soak/pg_outage.sh $SECONDS_TOTAL"
fi
exit "$RC"
