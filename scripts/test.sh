#!/usr/bin/env bash
# The test command of the README and of .ci/run: type check, then every jest test (unit, AWS edge with
# aws-sdk-client-mock, and end to end: dist/ under Node 24 against moto_server). Extra arguments go to jest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Node 24, and moto_server (installed into .moto/ when the machine has none): each says why when it fails.
node24="$(scripts/node24.sh)"
moto="$(scripts/moto.sh)"
PATH="$node24:$moto:$PATH"
export PATH
echo "Node $(node --version), moto_server from $moto"
npx tsc --noEmit
results="$(mktemp)"
trap 'rm -f "$results"' EXIT
status=0
NODE_OPTIONS=--experimental-vm-modules npx jest --coverage --json --outputFile="$results" "$@" || status=$?
# One plain closing line for CI logs: "Tests: N passed, N failed".
node -e 'const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8")); console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`)' "$results" || true
exit "$status"
