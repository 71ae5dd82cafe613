#!/usr/bin/env bash
# Installs the package built by deb.sh on this machine, runs what a new user or an
# administrator runs first, checks the collector service's unit, and removes the
# package again. Run as root. The face models that install-deps.sh put in
# /usr/share/facedesk/models belong to no package: they are set aside and put back,
# so that the package's removal does not take them from the source build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
deb=$(ls "$root"/dist/facedesk_*.deb)
models=/usr/share/facedesk/models
aside=$(mktemp -d)
restore() {
    if [ -d "$aside/models" ]; then
        rm -rf "$models"
        mkdir -p "$(dirname "$models")"
        mv "$aside/models" "$models"
    fi
    rm -rf "$aside"
}
trap restore EXIT
[ -d "$models" ] && mv "$models" "$aside/models"

DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb"
fail() { echo "test-deb: $*" >&2; exit 1; }
version=$(facedesk --version) || fail "facedesk --version failed"
echo "test-deb: $version"
[[ "$version" == "facedesk "* ]] || fail "facedesk --version said: $version"
facedesk serve --help | grep -q -- "--data-dir" || fail "facedesk serve --help says nothing of --data-dir"
facedesk-sim --help | grep -q -- "--devices" || fail "facedesk-sim --help says nothing of --devices"
systemd-analyze verify /lib/systemd/system/facedesk-serve.service || fail "systemd-analyze verify failed"
getent passwd facedesk >/dev/null || fail "the package made no facedesk user"
[ -f /usr/share/facedesk/models/face-api/face_recognition_model-weights_manifest.json ] || fail "no face models in the package"
man -w facedesk >/dev/null 2>&1 || [ -f /usr/share/man/man1/facedesk.1.gz ] || fail "no man page"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -q facedesk
[ ! -e /usr/bin/facedesk ] || fail "facedesk is still there after removal"
echo "test-deb: installed, ran and removed $deb"
