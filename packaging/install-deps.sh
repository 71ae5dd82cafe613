#!/usr/bin/env bash
# Installs the Debian 12 packages FaceDesk needs to build, test and run, and only
# those that are missing (so a second run costs nothing). Run as root.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-multimedia-dev qt6-svg-dev libgl-dev
    libopencv-dev libopencv-contrib-dev opencv-data
    libquazip1-qt6-dev libhttp-parser-dev libssl-dev openssl libpq-dev
    fonts-dejavu-core
    # Chinese glyphs: without a CJK font the zh_CN translation shows as empty boxes.
    # WenQuanYi Micro Hei is 5 MB installed (Noto CJK would be 91 MB).
    fonts-wqy-microhei
    # Qt's own strings in Chinese (dialog buttons, file dialogs).
    qt6-translations-l10n
    # The fuzz targets (tests/fuzz/run.sh): clang with libFuzzer and its sanitizer
    # runtimes (libclang-rt-14-dev), llvm-symbolizer for their stack traces.
    clang-14 libclang-rt-14-dev llvm-14
    # PostgreSQL 15 (#12): a site's shared archive, and the throw-away cluster the
    # tests' _pg runs start (tests/support/pg-cluster.sh: initdb + pg_ctl).
    postgresql
    # Operators' passwords (#13): Argon2id through libsodium's crypto_pwhash.
    libsodium-dev
)

# npm fetches the face models (below); Node itself never runs in FaceDesk.
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: every package is installed"
else
    echo "install-deps: installing ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-deps: run as root (or with sudo) to install packages" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

bash "$(dirname "$0")/install-models.sh"
