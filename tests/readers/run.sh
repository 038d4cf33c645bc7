#!/usr/bin/env bash
# Opens the example borough's outputs, for the analyst and the partner audience, in the
# readers users have: pyarrow 14 for Parquet (and geopandas for GeoParquet), openpyxl for
# the workbook, the json module for GeoJSON (what GDAL's reader and geopandas see),
# networkx for the GraphML, GDAL's ogrinfo (installed from Debian's gdal-bin when
# missing) and GeoPackage validator for the GeoPackage, and jsonschema for the JSON
# outputs. Fails when a file does not open, a text column is `string_view`, a number,
# boolean or partner count is written as text, a layer is not in EPSG:27700 with its
# fields typed, or a JSON output does not match its schema in docs/schemas/.
# The disrupt binary must be built (cargo build --release).
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
venv="$root/target/readers-venv"
# A venv copied from another checkout still runs that checkout's Python: make a new one.
if [ ! -x "$venv/bin/python" ] ||
    ! "$venv/bin/python" -c 'import os, sys; r = os.path.realpath; sys.exit(r(sys.prefix) != r(sys.argv[1]))' "$venv" 2>/dev/null; then
    rm -rf "$venv"
    python3 -m venv "$venv"
fi
# GDAL's GeoPackage validator, pure Python: installed without GDAL's bindings, which it
# needs only for tiles.
validator=gdal-utils==3.13.3.0
if [ "$(cat requirements.txt; echo "$validator")" != "$(cat "$venv/installed.txt" 2>/dev/null)" ]; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps "$validator"
    { cat requirements.txt; echo "$validator"; } >"$venv/installed.txt"
fi
if ! command -v ogrinfo >/dev/null; then
    echo "installing gdal-bin (ogrinfo) to open the GeoPackage" >&2
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends gdal-bin >/dev/null
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
