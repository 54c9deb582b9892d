#!/usr/bin/env bash
# The test command of the README and of .ci/run: type check, then every jest test (unit, AWS edge with
# aws-sdk-client-mock, and end to end: dist/ under Node 24 against moto_server). Extra arguments go to jest:
# npm test -- --coverage adds the coverage table. Coverage and its floors (jest.config.js) are always on in
# CI (CI is set by GitHub Actions and by the machine that runs .ci/run), in a four-line summary.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Node 24, and moto_server (installed into .moto/ when the machine has none): each says why when it fails.
node24="$(scripts/node24.sh)"
moto="$(scripts/moto.sh)"
PATH="$node24:$moto:$PATH"
export PATH
echo "Node $(node --version), moto_server from $moto"
# The end-to-end tests run the bundles: say so when they may be older than src/.
node scripts/dist-fresh.mjs check
npx tsc --noEmit
coverage=()
if [[ -n "${CI:-}" || -n "${COVERAGE:-}" ]]; then
  coverage=(--coverage --coverageReporters=text-summary)
fi
closing="$(mktemp)"
trap 'rm -f "$closing"' EXIT
status=0
# jest's ESM support is experimental in Node 24: its warning says nothing a contributor can act on.
CLOSING_LINE_FILE="$closing" NODE_OPTIONS="--experimental-vm-modules --disable-warning=ExperimentalWarning" \
  npx jest "$@" ${coverage[@]+"${coverage[@]}"} || status=$?
# One plain closing line for CI logs: "Tests: N passed, N failed" (scripts/jest-closing-line.mjs).
cat "$closing"
exit "$status"
