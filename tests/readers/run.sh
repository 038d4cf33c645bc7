#!/usr/bin/env bash
# Opens the example borough's outputs, for the analyst and the partner audience, in the
# readers users have: pyarrow 14 for Parquet, openpyxl for the workbook, the json module
# for GeoJSON (what GDAL's reader and geopandas see), networkx for the GraphML. Fails
# when a file does not open, a text column is `string_view`, or a number, boolean or
# partner count is written as text.
# The disrupt binary must be built (cargo build --release).
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
venv="$root/target/readers-venv"
# (Re)install when the pins change: a venv made before a pin was added lacks it.
stamp="$venv/requirements.sha256"
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    # `python -m pip`, not `bin/pip`: a venv copied with its target folder keeps a
    # `bin/pip` whose first line names the old venv's python.
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt
    echo "$want" >"$stamp"
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
