#!/usr/bin/env bash
# Installs FaceDesk's face models: the model/ folder and the licence of the npm
# package @vladmandic/face-api, pinned to one version and checked against the
# integrity hash below before anything is unpacked. Only data is installed (TF.js
# weight manifests and .bin files that FaceDesk reads itself); nothing of Node runs
# in FaceDesk. Called by install-deps.sh; safe to run again (it does nothing when the
# installed copy is the pinned one).
#
#   FACEDESK_MODELS_DIR  where to install (default /usr/share/facedesk/models/face-api,
#                        the folder FaceDesk, the tests and the .deb agree on)
#   FACEDESK_MODELS_TGZ  a copy of the package's tarball to use instead of the registry
set -euo pipefail

package="@vladmandic/face-api"
version="1.7.15"
# From the registry's record of the tarball (npm view @vladmandic/face-api@1.7.15 dist.integrity).
integrity="sha512-WDMmK3CfNLo8jylWqMoQgf4nIst3M0fzx1dnac96wv/dvMTN4DxC/Pq1DGtduDk1lktCamQ3MIDXFnvrdHTXDw=="
dest="${FACEDESK_MODELS_DIR:-/usr/share/facedesk/models/face-api}"
stamp="$dest/INSTALLED-FROM"

installed() {
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$package@$version $integrity" ] || return 1
    for model in tiny_face_detector_model face_landmark_68_tiny_model face_recognition_model; do
        [ -s "$dest/$model-weights_manifest.json" ] && [ -s "$dest/$model.bin" ] || return 1
    done
}
if installed; then
    echo "install-models: $package@$version is installed in $dest"
    exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -n "${FACEDESK_MODELS_TGZ:-}" ]; then
    cp "$FACEDESK_MODELS_TGZ" "$work/package.tgz"
else
    if ! command -v npm >/dev/null 2>&1; then
        echo "install-models: npm is needed to fetch $package (apt-get install npm)" >&2
        exit 1
    fi
    echo "install-models: fetching $package@$version from the npm registry"
    (cd "$work" && npm pack --silent "$package@$version" >/dev/null)
    mv "$work"/*.tgz "$work/package.tgz"
fi

actual="sha512-$(openssl dgst -sha512 -binary "$work/package.tgz" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
    echo "install-models: the tarball of $package@$version does not match the pinned hash" >&2
    echo "  expected $integrity" >&2
    echo "  got      $actual" >&2
    exit 1
fi

mkdir -p "$work/unpacked"
tar -xzf "$work/package.tgz" -C "$work/unpacked" package/model package/LICENSE
if [ "$(id -u)" -ne 0 ] && [ ! -w "$(dirname "$dest")" ]; then
    echo "install-models: cannot write $dest: run as root, or set FACEDESK_MODELS_DIR" >&2
    exit 1
fi
mkdir -p "$dest"
# Files of an older version go first, so nothing stale is left behind.
find "$dest" -maxdepth 1 -type f -delete
install -m 0644 "$work"/unpacked/package/model/* "$dest/"
install -m 0644 "$work/unpacked/package/LICENSE" "$dest/LICENSE"
echo "$package@$version $integrity" > "$stamp"
echo "install-models: installed $package@$version into $dest"
