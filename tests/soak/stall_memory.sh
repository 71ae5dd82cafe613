#!/usr/bin/env bash
# Where memory goes around a database stall (#14): `facedesk serve` on SQLite under
# facedesk-sim (DEVICES=200, RATE=100 events/s, both transports, SECONDS=200), a 20 s
# write lock on the archive at 50 s, and four snapshots of the server: its RSS and
# glibc's own account (malloc_info, read with gdb: taken from the system, free, in
# use) before the stall, at its end, a minute after and at the end.
#
#   tests/soak/stall_memory.sh [BUILD_DIR]        (needs gdb; results on stdout)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
WORK=$(mktemp -d /tmp/facedesk-stall-memory.XXXXXX)
mkdir "$WORK/data"
"$BUILD/app/facedesk/facedesk" serve --data-dir "$WORK/data" --bind 127.0.0.1 --http-port 0 --tcp-port 0 \
    --accept-new-devices --max-queue 200000 >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVE=$!
for _ in $(seq 100); do grep -q "listening on" "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
LINE=$(head -1 "$WORK/serve.out")
HTTP=$(sed -E 's/.*http=([0-9]+).*/\1/' <<<"$LINE")
TCP=$(sed -E 's/.*tcp=([0-9]+).*/\1/' <<<"$LINE")
FACES=()
[[ -d ../shared/faces ]] && FACES=(--faces ../shared/faces)
"$BUILD/app/sim/facedesk-sim" --server 127.0.0.1 --http-port "$HTTP" --tcp-port "$TCP" --devices "${DEVICES:-200}" \
    --rate "${RATE:-100}" --duration "${SECONDS_TOTAL:-200}" --transport both --quiet "${FACES[@]}" >"$WORK/sim.out" 2>&1 &
SIM=$!
T0=$(date +%s)
snapshot() {
    echo "$1 $(( $(date +%s) - T0 )) $(awk '/VmRSS/ {print $2}' "/proc/$SERVE/status")" >>"$WORK/rss.txt"
    gdb -p "$SERVE" -batch -ex "call (int)malloc_info(0, stderr)" >/dev/null 2>&1 || true
}
sleep 50; snapshot before
python3 -c 'import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
con.execute("BEGIN EXCLUSIVE"); time.sleep(20); con.execute("COMMIT")' "$WORK/data/facedesk.sqlite"
snapshot "stall-end"
sleep 60; snapshot after
sleep 60; snapshot later
wait "$SIM" || true
kill "$SERVE"; wait "$SERVE" || true
python3 - "$WORK" <<'PY'
import re, sys
work = sys.argv[1]
dumps = open(f"{work}/serve.err", errors="replace").read().split("<malloc version")[1:]
for line, d in zip(open(f"{work}/rss.txt"), dumps):
    label, t, rss = line.split()
    tail = d[d.rfind("</heap>"):]
    free = int(re.search(r'<total type="rest" count="\d+" size="(\d+)"', tail).group(1))
    taken = int(re.search(r'<system type="current" size="(\d+)"', tail).group(1))
    print(f"{label:10} t={t:>3} s  RSS {int(rss) / 1024:4.0f} MiB  taken {taken / 2**20:4.0f} MiB  "
          f"free {free / 2**20:4.0f} MiB  in use {(taken - free) / 2**20:4.0f} MiB")
PY
tail -n 6 "$WORK/sim.out"
echo "work folder: $WORK"
