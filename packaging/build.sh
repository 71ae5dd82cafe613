#!/usr/bin/env bash
# Configures and builds FaceDesk in ./build with the project's settings: Ninja, 2
# jobs (the machines have 2 cores), warnings as errors.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_COMPILE_WARNING_AS_ERROR=ON
cmake --build build -j2
