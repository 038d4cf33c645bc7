"""Gi* speed: disrupt against PySAL esda on the same cells and the same weights.

Runs `cargo run --release --example gi_star_grid` to build the West Yorkshire grid
(police.uk July 2017, 100 m cells, weighted events) and time our Gi* (best of 20), then
builds libpysal DistanceBand binary weights on the same cell centres and times
esda.G_Local(y, w, transform="B", star=True) (weights construction included on both
sides, since ours includes building the neighbourhoods), checks the z-scores agree to
1e-9, and prints the ratio.

    python3 -m venv .venv && .venv/bin/pip install -r tests/fixtures/esda/requirements.txt
    .venv/bin/python benches/compare/gi_star.py

Not part of CI (it needs a Python environment and takes a minute or two).
"""

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import esda
import libpysal
import numpy as np

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "grid.json"
        subprocess.run(
            ["cargo", "run", "--release", "--quiet", "--example", "gi_star_grid", "--", str(out)],
            cwd=ROOT, check=True,
        )
        g = json.loads(out.read_text())
    nrows, ncols, cell = g["nrows"], g["ncols"], g["cell"]
    rows, cols = np.divmod(np.arange(nrows * ncols), ncols)
    centres = np.column_stack([g["x0"] + (cols + 0.5) * cell, g["y0"] + (rows + 0.5) * cell])
    y = np.asarray(g["values"], dtype=float)

    best, best_stat = float("inf"), float("inf")
    for _ in range(3):
        t = time.perf_counter()
        w = libpysal.weights.DistanceBand(centres, threshold=g["threshold"], binary=True, silence_warnings=True)
        t_w = time.perf_counter()
        lg = esda.G_Local(y, w, transform="B", star=True, permutations=0)
        t_end = time.perf_counter()
        best = min(best, t_end - t)
        best_stat = min(best_stat, t_end - t_w)

    worst = float(np.max(np.abs(lg.Zs - np.asarray(g["z"]))))
    ours = g["seconds"]
    print(f"cells: {nrows * ncols} ({ncols} x {nrows}), threshold {g['threshold']} m")
    print(f"max |z(disrupt) - z(esda)|: {worst:.2e}")
    print(f"{'work':<28}{'cells':>10}{'esda s':>12}{'disrupt s':>12}{'ratio':>10}")
    print(f"{'Gi* (weights + statistic)':<28}{nrows * ncols:>10}{best:>12.3f}{ours:>12.4f}{best / ours:>9.0f}x")
    # esda's statistic alone, given ready-made weights; ours always builds its neighbourhoods.
    print(f"{'Gi* (statistic only, esda)':<28}{nrows * ncols:>10}{best_stat:>12.3f}{ours:>12.4f}{best_stat / ours:>9.0f}x")
    if worst > 1e-9:
        sys.exit("z-scores disagree with esda beyond 1e-9")


if __name__ == "__main__":
    main()
