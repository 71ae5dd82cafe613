#!/usr/bin/env bash
# Runs the libFuzzer targets (docs/FUZZING.md): tests/fuzz/run.sh SECONDS [TARGET...]
#
# Configures and builds ./build-fuzz when needed (clang, only the core and the targets,
# the core with the fuzzer's coverage and ASan + UBSan), then runs each target (all of
# tests/fuzz/targets.txt without names) for SECONDS, one after the other, and prints a
# table: executions, rate, coverage, corpus, new inputs, memory, result.
#
# Each target's corpus is build-fuzz/fuzz-corpus/TARGET (kept between runs, so a longer
# run goes on from a shorter one); the seed folders of targets.txt are read after it
# and never written. A crash, leak or time-out is saved in build-fuzz/fuzz-artifacts/
# TARGET/ and makes the script exit 1 after the other targets have run; copy it into
# tests/fuzz/regressions/TARGET/ and tst_fuzzreplay replays it in every build.
#
# Environment: FUZZ_BUILD_DIR (default ./build-fuzz), FUZZ_BUILD_JOBS (2), FUZZ_NO_BUILD=1
# runs the executables as they are (a long run while the tree changes),
# FUZZ_RECORD=1 appends the table's rows to docs/FUZZING.md (its last section).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
    echo "usage: tests/fuzz/run.sh SECONDS [TARGET...]" >&2
    exit 2
fi
seconds=$1
shift
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}

if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 -DFACEDESK_FUZZ=ON \
        -DCMAKE_COMPILE_WARNING_AS_ERROR=ON
fi
[ "${FUZZ_NO_BUILD:-0}" = 1 ] || cmake --build "$build" -j"${FUZZ_BUILD_JOBS:-2}"

# name -> "max_len seed-dir..." from targets.txt
declare -A maxlen seeds
order=()
while read -r name len dirs; do
    [[ -z $name || $name == \#* ]] && continue
    maxlen[$name]=$len
    seeds[$name]=$dirs
    order+=("$name")
done < "$root/tests/fuzz/targets.txt"
[ $# -gt 0 ] && order=("$@")

export TMPDIR="$build/fuzz-tmp"
mkdir -p "$TMPDIR"
# detect_leaks: a leak is a finding like a crash. The suppressions name only
# third-party libraries' one-time allocations (tests/lsan-suppressions.txt).
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:symbolize=1"
export LSAN_OPTIONS="suppressions=$root/tests/lsan-suppressions.txt:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
export QT_QPA_PLATFORM=offscreen

date=$(date -u +%Y-%m-%d)
rows=()
failed=0
for t in "${order[@]}"; do
    exe="$build/tests/fuzz/fuzz_$t"
    if [ ! -x "$exe" ] || [ -z "${maxlen[$t]:-}" ]; then
        echo "run.sh: no target $t" >&2
        exit 2
    fi
    corpus="$build/fuzz-corpus/$t"
    artifacts="$build/fuzz-artifacts/$t"
    log="$build/fuzz-logs/$t.log"
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    dirs=()
    for d in ${seeds[$t]}; do
        [ -d "$root/$d" ] && dirs+=("$root/$d")
    done
    [ -d "$root/tests/fuzz/regressions/$t" ] && dirs+=("$root/tests/fuzz/regressions/$t")
    before=$(ls "$artifacts" | wc -l)
    echo "== $t: ${seconds}s, max_len ${maxlen[$t]}, corpus $corpus + ${#dirs[@]} seed folders"
    rc=0
    started=$SECONDS
    # 0 seconds: only the corpus and the seeds, once each (libFuzzer's 0 is no limit).
    if [ "$seconds" = 0 ]; then limit=(-runs=0); else limit=(-max_total_time="$seconds"); fi
    "$exe" "${limit[@]}" -max_len="${maxlen[$t]}" -rss_limit_mb=2048 -timeout=20 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "${dirs[@]}" > "$log" 2>&1 || rc=$?
    elapsed=$((SECONDS - started))
    last=$(grep -E '^#[0-9]+.*(cov|DONE|pulse)' "$log" | tail -1 || true)
    final() { grep -E "^stat::$1:" "$log" | awk '{print $2}' | tail -1; }
    execs=$(final number_of_executed_units)
    rate=$(final average_exec_per_sec)
    newunits=$(final new_units_added)
    rss=$(final peak_rss_mb)
    cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<< "$last")
    ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<< "$last")
    corp=$(sed -nE 's/.* corp: ([0-9]+\/[0-9]+[a-zA-Z]*).*/\1/p' <<< "$last")
    result=ok
    if [ "$rc" -ne 0 ] || [ "$(ls "$artifacts" | wc -l)" -gt "$before" ]; then
        failed=1
        found=$(ls -t "$artifacts" | head -1)
        result="FAILED (exit $rc${found:+, $artifacts/$found}; log $log)"
        grep -E 'ERROR: |SUMMARY: |fuzz check failed|runtime error' "$log" | head -5 >&2 || true
        # The input itself, so that a CI log (whose clone is gone) still holds it:
        # base64 -d > tests/fuzz/regressions/TARGET/NAME
        if [ -n "$found" ] && [ "$(stat -c %s "$artifacts/$found")" -le 65536 ]; then
            echo "input ($found), base64:" >&2
            base64 -w 0 "$artifacts/$found" >&2
            echo >&2
        fi
    fi
    rows+=("| $date | $t | $elapsed | ${execs:-?} | ${rate:-?} | ${cov:-?} | ${ft:-?} | ${corp:-?} | ${newunits:-?} | ${rss:-?} | $result |")
    echo "${rows[-1]}"
done

echo
echo "| date | target | seconds run | executions | exec/s | cov | ft | corpus | new inputs | peak RSS MB | result |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
if [ "${FUZZ_RECORD:-0}" = 1 ]; then
    printf '%s\n' "${rows[@]}" >> "$root/docs/FUZZING.md"
fi
exit $failed
