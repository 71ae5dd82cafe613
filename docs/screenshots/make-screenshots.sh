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
"$build/app/facedesk/facedesk" --demo --demo-rate 6 --screenshot-after 10 --screenshot "$here/wall.png" \
    --screenshot-detail "$here/event-detail.png" --screenshot-devices "$here/devices.png" \
    --screenshot-settings "$here/settings.png" --screenshot-welcome "$here/welcome.png" \
    --screenshot-login "$here/login.png" --screenshot-guard "$here/guard-window.png" \
    --screenshot-audit "$here/audit-viewer.png" \
    --screenshot-disk-full "$here/disk-full.png" --screenshot-database-unreachable "$here/database-unreachable.png" \
    --screenshot-library "$here/library.png" --screenshot-person "$here/person.png" --screenshot-assign "$here/assign.png" \
    --screenshot-search "$here/search.png" \
    --screenshot-timeline "$here/timeline.png" --screenshot-similar "$here/similar.png" \
    --screenshot-import-preview "$here/import-preview.png" --screenshot-import-report "$here/import-report.png"
# The window in Chinese, as a desk set up by the README's commands shows it (the CJK
# font comes with install-deps.sh).
LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$build/app/facedesk/facedesk" --demo --demo-rate 6 --screenshot-after 10 \
    --screenshot "$here/wall-zh_CN.png" --screenshot-import-preview "$here/import-preview-zh_CN.png"
echo "wrote wall, welcome, login, guard-window, audit-viewer, disk-full, database-unreachable, wall-zh_CN, import-preview-zh_CN, event-detail, devices, settings, library, person, assign, search, timeline, similar, import-preview and import-report .png in $here"
