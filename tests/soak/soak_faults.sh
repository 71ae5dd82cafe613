#!/usr/bin/env bash
# Soak with faults (#14, item 7): `facedesk serve` under 500 simulated devices
# (facedesk-sim, both transports) for SECONDS, with the faults a site produces:
#   - devices dropping their connection with events in flight (sim --fault
#     disconnect:200: after every 200th event a device sends),
#   - a malformed message for every 100 events, 1 % (sim --fault malformed:100),
#   - one SIGKILL of `facedesk serve` at a third of the run, restarted at once on the
#     same archive and ports (devices reconnect, ask for new tokens, send again),
#   - one database stall at two thirds: another process holds SQLite's write lock
#     for STALL_SECONDS (FaceDesk answers busy, devices retry).
# Then it checks what matters:
#   - nothing acknowledged is lost: every line of the sim's ack log (uuid, img_name,
#     SHA-256 of the face) is a row of the archive whose face file has that hash;
#   - nothing is stored twice: no (device, img_name) appears in two rows;
#   - memory stays flat: the server's RSS, sampled every 5 s, before the stall, at
#     its peak (the events queued while the database is locked), after the backlog
#     is gone, and at the end.
#
#   tests/soak/soak_faults.sh [SECONDS] [BUILD_DIR]     (defaults: 1800, ./build)
#
# Environment: DEVICES=500, RATE=100 (events/s, all devices), STALL_SECONDS=20,
# WORK=DIR (default: a new temporary folder), UPDATE_DOC=1 writes the result between
# <!-- soak-faults:begin --> and <!-- soak-faults:end --> in docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_TOTAL=${1:-1800}
BUILD=${2:-build}
DEVICES=${DEVICES:-500}
RATE=${RATE:-100}
STALL_SECONDS=${STALL_SECONDS:-20}
FACEDESK=$BUILD/app/facedesk/facedesk
SIM=$BUILD/app/sim/facedesk-sim
[[ -x $FACEDESK && -x $SIM ]] || { echo "build first: $FACEDESK and $SIM are missing" >&2; exit 2; }
WORK=${WORK:-$(mktemp -d /tmp/facedesk-soak.XXXXXX)}
DATA=$WORK/data
mkdir -p "$DATA"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HTTP=$(free_port)
TCP=$(free_port)

SERVE_PID=
start_serve() {
    "$FACEDESK" serve --data-dir "$DATA" --bind 127.0.0.1 --http-port "$HTTP" --tcp-port "$TCP" \
        --accept-new-devices --max-queue 200000 >>"$WORK/serve.log" 2>&1 &
    SERVE_PID=$!
    for _ in $(seq 100); do
        grep -q "listening on" "$WORK/serve.log" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "facedesk serve did not start; see $WORK/serve.log" >&2
    exit 1
}
rss_sampler() {  # appends "elapsed_s,pid,rss_kb" every 5 s while the run lasts
    local t0=$1
    while [[ -e $WORK/running ]]; do
        local pid
        pid=$(cat "$WORK/serve.pid" 2>/dev/null || true)
        if [[ -n $pid && -r /proc/$pid/status ]]; then
            echo "$(( $(date +%s) - t0 )),$pid,$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")" >>"$WORK/rss.csv"
        fi
        sleep 5
    done
}

FACES=()
[[ -d ../shared/faces ]] && FACES=(--faces ../shared/faces)
start_serve
echo "$SERVE_PID" >"$WORK/serve.pid"
touch "$WORK/running"
T0=$(date +%s)
rss_sampler "$T0" &
SAMPLER=$!
"$SIM" --server 127.0.0.1 --http-port "$HTTP" --tcp-port "$TCP" --devices "$DEVICES" --rate "$RATE" \
    --duration "$SECONDS_TOTAL" --grace 120 --transport both --fault disconnect:200 --fault malformed:100 \
    --quiet --ack-log "$WORK/acks.tsv" "${FACES[@]}" >"$WORK/sim.log" 2>&1 &
SIM_PID=$!

sleep $(( SECONDS_TOTAL / 3 ))
echo "$(( $(date +%s) - T0 )) s: SIGKILL facedesk serve ($SERVE_PID), restart" | tee -a "$WORK/faults.log"
kill -9 "$SERVE_PID"
wait "$SERVE_PID" 2>/dev/null || true
start_serve
echo "$SERVE_PID" >"$WORK/serve.pid"
KILLED_AT=$(( $(date +%s) - T0 ))

sleep $(( SECONDS_TOTAL / 3 ))
STALL_AT=$(( $(date +%s) - T0 ))
echo "$STALL_AT s: database stall, ${STALL_SECONDS} s" | tee -a "$WORK/faults.log"
python3 - "$DATA/facedesk.sqlite" "$STALL_SECONDS" <<'PY'
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
con.execute("BEGIN EXCLUSIVE")
time.sleep(float(sys.argv[2]))
con.execute("COMMIT")
PY

wait "$SIM_PID" || true
rm -f "$WORK/running"
wait "$SAMPLER" 2>/dev/null || true
kill -TERM "$SERVE_PID"
wait "$SERVE_PID" 2>/dev/null || true

python3 - "$WORK" "$DATA/facedesk.sqlite" "$KILLED_AT" "$SECONDS_TOTAL" "$DEVICES" "$RATE" "$STALL_AT" <<'PY' | tee "$WORK/result.md"
import csv, os, sqlite3, sys
work, db, killed_at, total, devices, rate = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
stall_at = int(sys.argv[7])
acks = [l.rstrip("\n").split("\t") for l in open(os.path.join(work, "acks.tsv")) if l.strip()]
con = sqlite3.connect(db)
rows = {}
for uuid, name, face in con.execute("SELECT device_uuid, img_name, face_path FROM events"):
    rows.setdefault((uuid, name), []).append(face)
lost = [a for a in acks if (a[0], a[1]) not in rows
        or (a[2] != "-" and not any(p and os.path.basename(p).startswith(a[2]) for p in rows[(a[0], a[1])]))]
twice = [k for k, v in rows.items() if len(v) > 1]
ack_keys = {(a[0], a[1]) for a in acks}
acked_twice = len(acks) - len(ack_keys)
samples = [(int(t), int(p), int(k)) for t, p, k in csv.reader(open(os.path.join(work, "rss.csv")))]
def rss(lo, hi, pick=max):
    v = [s[2] for s in samples if lo <= s[0] < hi]
    return pick(v) / 1024 if v else 0
mean = lambda v: sum(v) / len(v)
first_run = rss(killed_at - 120, killed_at, mean)            # the first server, its last 2 minutes
before_stall = rss(stall_at - 120, stall_at, mean)           # the restarted server, before the stall
during_stall = rss(stall_at, stall_at + 60)                  # its peak with the backlog
after_stall = rss(stall_at + 120, stall_at + 240, mean)      # once the backlog is gone
end = rss(total - 120, total + 1, mean)                      # the last 2 minutes
peak = max((s[2] for s in samples), default=0) / 1024
sim_log = open(os.path.join(work, "sim.log")).read()
print(f"| devices | {devices} (rate {rate} events/s offered, both transports) |")
print(f"| duration | {total} s; SIGKILL + restart at {killed_at} s; one database stall |")
print(f"| events acknowledged (ack log) | {len(acks)} |")
print(f"| rows in the archive | {sum(len(v) for v in rows.values())} |")
print(f"| acknowledged but not in the archive | **{len(lost)}** |")
print(f"| stored twice (same device and img_name) | **{len(twice)}** |")
print(f"| acknowledged twice by the server | {acked_twice} |")
print(f"| RSS, first server, its last 2 min | {first_run:.0f} MiB |")
print(f"| RSS, restarted server, 2 min before the stall | {before_stall:.0f} MiB |")
print(f"| RSS, peak in the stall's first minute (queued events) | {during_stall:.0f} MiB |")
print(f"| RSS, 2 to 4 min after the stall | {after_stall:.0f} MiB |")
print(f"| RSS, last 2 min | {end:.0f} MiB (peak over the run {peak:.0f} MiB; every 5 s sample in rss.csv) |")
summary = [l.strip() for l in sim_log.splitlines() if ":" in l and l.startswith("  ")]
print("")
print("facedesk-sim's summary:")
print("")
print("```")
print("\n".join(summary[:30]))
print("```")
sys.exit(1 if lost or twice else 0)
PY
RC=${PIPESTATUS[0]}
echo "work folder: $WORK (serve.log, sim.log, faults.log, rss.csv, acks.tsv)"
if [[ ${UPDATE_DOC:-0} == 1 ]]; then
    python3 tests/soak/update_doc_section.py soak-faults "Soak with faults" "$WORK/result.md" "tests/soak/soak_faults.sh $SECONDS_TOTAL"
fi
exit "$RC"
