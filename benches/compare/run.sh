#!/usr/bin/env bash
# disrupt against the Python stack (geopandas, scipy, scikit-learn, libpysal/esda, igraph,
# rustworkx, networkx) on the same inputs, in one run. See compare.py for what is compared.
#
#   bash benches/compare/run.sh [--quick] [--repeats K] [--markdown FILE] [--pipeline-events N] ...
#   bash benches/compare/run.sh --script trends --data datasets/police-uk --steps 12 ...
#
# Creates (or reuses) a venv with the pinned requirements.txt (default target/compare-venv;
# set COMPARE_VENV to change, PYTHON to pick the interpreter, Python 3.11 expected), builds
# the release binaries with cargo only when one is missing (COMPARE_BUILD=1 to always run
# cargo build), then runs compare.py (or, with --script NAME first, NAME.py beside it: trends,
# gi_star, betweenness) with every other argument passed through. Not part of CI.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${COMPARE_VENV:-$root/target/compare-venv}"
req="$here/requirements.txt"

if [[ -z "${PYTHON:-}" ]]; then
    if command -v python3.11 >/dev/null 2>&1; then PYTHON=python3.11; else PYTHON=python3; fi
fi

if [[ ! -x "$venv/bin/python" ]]; then
    echo "creating venv $venv ($("$PYTHON" --version 2>&1))"
    "$PYTHON" -m venv "$venv"
fi
# Install only when requirements.txt changed since the last install into this venv.
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    echo "installing $req into $venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet -r "$req"
    echo "$want" > "$stamp"
fi

bins=(target/release/disrupt target/release/examples/compare_kernels target/release/examples/betweenness_edges)
missing=0
for b in "${bins[@]}"; do [[ -x "$root/$b" ]] || missing=1; done
if [[ "$missing" == 1 || "${COMPARE_BUILD:-0}" == 1 ]]; then
    echo "building release binaries"
    (cd "$root" && cargo build --release --example compare_kernels --example betweenness_edges && cargo build --release)
fi

script=compare
if [[ "${1:-}" == "--script" ]]; then
    script="${2:?--script needs a name: trends, gi_star or betweenness}"
    shift 2
fi
if [[ ! -f "$here/$script.py" ]]; then
    echo "error: no script $here/$script.py" >&2
    exit 2
fi

# compare.py finds the repository from its own path; relative paths in the arguments stay
# relative to the caller's directory.
exec "$venv/bin/python" "$here/$script.py" "$@"
