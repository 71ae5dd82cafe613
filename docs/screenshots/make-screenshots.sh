#!/usr/bin/env bash
# Renders FaceDesk's windows offscreen from a demo run and saves them here.
#   bash docs/screenshots/make-screenshots.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
export QT_QPA_PLATFORM=offscreen
# A clean settings folder: screenshots show the default layout, not yesterday's.
XDG_CONFIG_HOME=$(mktemp -d)
export XDG_CONFIG_HOME
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
"$build/app/facedesk/facedesk" --demo --demo-rate 6 --screenshot-after 8 --screenshot "$here/wall.png" \
    --screenshot-detail "$here/event-detail.png" --screenshot-devices "$here/devices.png"
echo "wrote wall.png (live tiles and an active blacklist alert), event-detail.png, devices.png in $here"
