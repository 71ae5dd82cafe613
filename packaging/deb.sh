#!/usr/bin/env bash
# Builds dist/facedesk_<version>_<arch>.deb from this checkout and checks it: the
# desktop entry (desktop-file-validate), the AppStream file (appstreamcli validate)
# and the package (lintian: no errors). Run as root on Debian 12; it installs what it
# needs first (install-deps.sh, then the three checkers).
#   bash packaging/deb.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=$root/build

bash "$here/install-deps.sh"
checkers=()
for p in lintian desktop-file-utils appstream; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || checkers+=("$p")
done
if [ ${#checkers[@]} -gt 0 ]; then
    echo "deb: installing the package checkers: ${checkers[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${checkers[@]}"
fi

bash "$here/build.sh"
rm -f "$root"/dist/facedesk_*.deb
(cd "$build" && cpack -G DEB)
deb=$(ls "$root"/dist/facedesk_*.deb)

desktop-file-validate "$here/deb/org.facedesk.FaceDesk.desktop"
appstreamcli validate --no-net "$here/deb/org.facedesk.FaceDesk.metainfo.xml"
# Errors fail the build; warnings are printed for a human to read.
lintian --fail-on error --suppress-tags-from-file "$here/deb/lintian-overrides.txt" "$deb"
echo "deb: built and checked $deb"
