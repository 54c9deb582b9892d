#!/usr/bin/env bash
# Prints the directory of a moto_server, the AWS emulator the end-to-end tests, the demo and CI run the
# action against, installing it first when needed, the way node24.sh fetches Node 24: the one on PATH if
# there is one, else a virtual environment under .moto/ with the pinned moto[server] (made once, reused).
# `scripts/moto.sh --version` prints the pinned version. Progress and errors go to stderr; stdout is only
# the directory, so callers can write PATH="$(scripts/moto.sh):$PATH".
set -euo pipefail

# The version the tests were last run against; bump it on purpose, with the tests.
MOTO_VERSION=5.2.1
requirement="moto[server]==$MOTO_VERSION"

if [[ "${1:-}" == --version ]]; then
  echo "$MOTO_VERSION"
  exit 0
fi

say() { echo "moto.sh: $*" >&2; }
fail() {
  say "$*"
  exit 1
}

if command -v moto_server >/dev/null; then
  dirname "$(command -v moto_server)"
  exit 0
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.moto/$MOTO_VERSION"

# A venv keeps its programs in bin/ (Linux, macOS) or Scripts/ (Windows).
venv_bin() {
  local dir
  for dir in "$1/bin" "$1/Scripts"; do
    if [[ -x "$dir/moto_server" || -x "$dir/moto_server.exe" ]]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

# The marker is written last, so a failed or interrupted install never counts.
if [[ -f "$venv/.installed" ]] && venv_bin "$venv"; then exit 0; fi

# python3 first; then python, which is Python 3 where python3 is missing or only the Windows Store stub.
python=
for candidate in python3 python; do
  if command -v "$candidate" >/dev/null &&
    "$candidate" -c 'import sys; sys.exit(sys.version_info[0] != 3)' >/dev/null 2>&1; then
    python="$candidate"
    break
  fi
done
if [[ -z "$python" ]]; then
  fail "moto_server is not on PATH, and there is no Python 3 (python3) to install it with. Install Python 3 (Debian/Ubuntu: sudo apt-get install python3 python3-venv; macOS: brew install python), or install moto yourself: pip install '$requirement'."
fi

say "moto_server is not on PATH; installing $requirement into ${venv#"$root/"} (once; later runs reuse it)."
# Built in place (a venv cannot be moved: its programs name its python by absolute path), and removed
# again unless the install completes.
building="$venv"
rm -rf "$building"
mkdir -p "$(dirname "$venv")"
log="$(mktemp)"
trap 'rm -f "$log"; [[ -f "$building/.installed" ]] || rm -rf "$building"' EXIT

if ! "$python" -m venv "$building" >"$log" 2>&1; then
  cat "$log" >&2
  fail "$python could not create a virtual environment (its venv or ensurepip module is missing; on Debian/Ubuntu: sudo apt-get install python3-venv). Or install moto yourself: pip install '$requirement'."
fi
pip=
for candidate in "$building/bin/pip" "$building/Scripts/pip.exe" "$building/Scripts/pip"; do
  if [[ -x "$candidate" ]]; then
    pip="$candidate"
    break
  fi
done
if [[ -z "$pip" ]]; then
  fail "$python made a virtual environment without pip (ensurepip is missing; on Debian/Ubuntu: sudo apt-get install python3-venv). Or install moto yourself: pip install '$requirement'."
fi

if ! "$pip" install --disable-pip-version-check "$requirement" 2>&1 | tee "$log" >&2; then
  # pip's own words for an index it cannot reach: connection retries, then no version found at all.
  if grep -qE "NewConnectionError|Failed to establish a new connection|ProxyError|ConnectTimeout|ReadTimeout|SSLError|Name or service not known|Temporary failure in name resolution|from versions: none" "$log"; then
    fail "pip could not reach the Python package index to install $requirement (see pip's error above). Check the network, or the proxy (HTTPS_PROXY) or index (PIP_INDEX_URL) pip should use; or install moto yourself and put moto_server on PATH."
  fi
  fail "pip could not install $requirement (see pip's output above). Or install moto yourself and put moto_server on PATH."
fi

if ! venv_bin "$venv" >/dev/null; then
  fail "pip installed $requirement, but it brought no moto_server program."
fi
touch "$venv/.installed"
say "installed moto_server $MOTO_VERSION."
venv_bin "$venv"
