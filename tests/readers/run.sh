#!/usr/bin/env bash
# Opens the example borough's outputs, for the analyst and the partner audience, in the
# readers users have: pyarrow 14 for Parquet, openpyxl for the workbook, the json module
# for GeoJSON (what GDAL's reader and geopandas see). Fails when a file does not open, a
# text column is `string_view`, or a number, boolean or partner count is written as text.
# The disrupt binary must be built (cargo build --release).
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
venv="$root/target/readers-venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r requirements.txt
fi
work="$root/target/readers"
rm -rf "$work"
mkdir -p "$work"
disrupt="${DISRUPT:-$root/target/release/disrupt}"
for audience in analyst partner; do
    (cd "$root" && DISRUPT_KEY=readers-test-key-0123456789 DISRUPT_AUDIT_LOG="$work/audit.jsonl" \
        "$disrupt" analyse --audience "$audience" --out "$work/$audience" >/dev/null)
done
"$venv/bin/python" check.py "$work/analyst" "$work/partner"
(cd "$root" && DISRUPT_KEY=readers-test-key-0123456789 DISRUPT_AUDIT_LOG="$work/audit.jsonl" \
    "$disrupt" check datasets/example-borough --out "$work/check" >/dev/null)
"$venv/bin/python" schemas.py "$work/check" "$work/analyst" "$work/partner"
