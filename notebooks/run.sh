#!/usr/bin/env bash
# Executes every notebook top to bottom in a fresh virtual environment (pinned in
# requirements.txt) with nbclient, and fails on any error or when a cell that draws a
# chart holds no image. The disrupt binary must be
# built (cargo build --release); the runs use a fixed key and a temporary audit log.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd .. && pwd)
venv="$root/target/notebooks-venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r requirements.txt
fi
"$venv/bin/python" -m ipykernel install --prefix "$venv" --name python3 >/dev/null
work="$root/target/notebooks"
mkdir -p "$work"
export DISRUPT="${DISRUPT:-$root/target/release/disrupt}"
export DISRUPT_KEY="${DISRUPT_KEY:-notebook-key-0123456789abcdef}"
export DISRUPT_AUDIT_LOG="$work/audit.jsonl"
export JUPYTER_PATH="$venv/share/jupyter"
for nb in *.ipynb; do
    echo "== notebook $nb"
    "$venv/bin/python" - "$nb" "$work/${nb%.ipynb}.executed.ipynb" <<'PY'
import sys
import nbformat
from nbclient import NotebookClient

src, dst = sys.argv[1], sys.argv[2]
nb = nbformat.read(src, as_version=4)
# Cells run in this folder, as a reader running them in Jupyter would.
NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": "."}}).execute()
nbformat.write(nb, dst)
# A chart the reader cannot see is no chart: every cell that draws a figure must hold
# its image, and the notebook at least one.
def images(cell):
    return sum("image/png" in o.get("data", {}) for o in cell.get("outputs", []))
code = [c for c in nb.cells if c.cell_type == "code"]
blank = [i for i, c in enumerate(code, 1) if "plt.subplots(" in c.source and images(c) == 0]
if blank or sum(map(images, code)) == 0:
    sys.exit(f"{src}: no chart shown in code cell(s) {blank or 'any'} ({dst})")
print(f"ok: {src} ran top to bottom with {sum(map(images, code))} chart(s) ({dst})")
PY
done
