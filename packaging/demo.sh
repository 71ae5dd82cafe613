#!/usr/bin/env bash
# The README's first command: install what is missing, build, and start FaceDesk
# in demo mode (embedded listener and archive, six simulated devices).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/build.sh
exec ./build/app/facedesk/facedesk --demo "$@"
