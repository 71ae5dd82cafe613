#!/usr/bin/env bash
# The README's second command: install what is missing, build, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/build.sh
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build --output-on-failure --timeout 900
# The Debian package: built, checked (desktop entry, AppStream, lintian), installed,
# run and removed again.
bash packaging/deb.sh
bash packaging/test-deb.sh
# Issue #14 (docs/FUZZING.md): the whole suite again under ASan + UBSan (build-asan),
# then every libFuzzer target for 20 s (build-fuzz).
bash tests/sanitize.sh --all
bash tests/fuzz/run.sh 20
