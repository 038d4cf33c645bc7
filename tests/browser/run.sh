#!/usr/bin/env bash
# The real-browser test of report.html: installs Debian's Chromium if it is missing,
# writes the example borough's report, opens it headless with the network off, fails on
# any request attempted or any error logged, saves a screenshot, and compares the page's
# text with the committed snapshot (UPDATE_SNAPSHOTS=1 rewrites it).
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
root=$(cd ../.. && pwd)

if ! command -v chromium >/dev/null 2>&1; then
    echo "== installing Debian's chromium"
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
export CHROMIUM=${CHROMIUM:-$(command -v chromium)}

if [ ! -d node_modules/playwright-core ]; then
    npm ci --no-audit --no-fund --silent
fi

work="$root/target/browser"
rm -rf "$work"
mkdir -p "$work"
# A fixed key, so the pseudonyms in the snapshot are the same on every machine; the run's
# audit record goes into the work folder, not the user's log.
(cd "$root" && DISRUPT_KEY=browser-test-key-0123456789 DISRUPT_AUDIT_LOG="$work/audit.jsonl" \
    cargo run --release --quiet -- analyse --out "$work/out" >/dev/null)
node check_report.mjs "$work/out/report.html" "$work/report.png" "$work/report.txt"

if [ "${UPDATE_SNAPSHOTS:-0}" = 1 ]; then
    cp "$work/report.txt" "$here/report.txt"
    echo "snapshot updated: tests/browser/report.txt"
elif ! diff -u "$here/report.txt" "$work/report.txt"; then
    echo "report.html's text differs from tests/browser/report.txt (UPDATE_SNAPSHOTS=1 to accept)" >&2
    exit 1
fi
echo "browser test passed; screenshot at target/browser/report.png"
