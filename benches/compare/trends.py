"""Emerging hot spots against the Python stack: esda's G_Local per time step and
pymannkendall's original_test per cell, on the same space-time cube `disrupt trends`
built, timed side by side, with the results checked equal.

    bash benches/compare/run.sh --script trends --data DATASET --cell 250 --step 30d --steps 12
    python trends.py --data DATASET ... [--disrupt PATH]   (a Python with requirements.txt)

Runs `disrupt trends DATASET --out TMP` (timed from outside, dataset loading and the
place trends included), reads the cube it wrote (`cube.csv`: the non-empty bins) and the
grid (`trends.geojson`'s properties), then times the Python side: binary distance-band
weights (libpysal DistanceBand, built once), esda `G_Local(y, w, transform="B",
star=True, permutations=0)` on every step, and pymannkendall `original_test` on the
Gi* z series of every cell with data. Checks that every cell's z series agrees with
`trends.csv` to one unit of its 9th decimal place (esda gives NaN where the statistic is undefined — a step with no
events — and we give 0) and the trend z to 1e-9, then prints one line: Python seconds,
ours, the ratio. Needs esda, libpysal, numpy, pymannkendall (pinned in requirements.txt; run.sh
installs them).
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time

import esda
import libpysal
import numpy as np
import pymannkendall as mk


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--cell", default="250")
    ap.add_argument("--step", default="30d")
    ap.add_argument("--steps", default="12")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--disrupt", default=os.path.join(root, "target", "release", "disrupt"))
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        subprocess.run([args.disrupt, "trends", args.data, "--cell", args.cell, "--step", args.step,
                        "--steps", args.steps, "--out", out], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ours = time.perf_counter() - t0

        props = json.load(open(os.path.join(out, "trends.geojson")))["properties"]
        cols, rows, cell = props["cols"], props["rows"], props["cell_m"]
        x0, y0, band = props["origin_x"], props["origin_y"], props["gi_distance_m"]
        steps = len(props["steps"])
        n = cols * rows
        cube = np.zeros((steps, n))
        with open(os.path.join(out, "cube.csv")) as f:
            for r in csv.DictReader(f):
                cube[int(r["step"]), int(r["cell"])] = float(r["weight"])
        with open(os.path.join(out, "trends.csv")) as f:
            trends = list(csv.DictReader(f))

    t0 = time.perf_counter()
    idx = np.arange(n)
    pts = np.column_stack([x0 + (idx % cols + 0.5) * cell, y0 + (idx // cols + 0.5) * cell])
    w = libpysal.weights.DistanceBand(pts, threshold=band + 1e-6, binary=True, silence_warnings=True)
    z = np.zeros((steps, n))
    for t in range(steps):
        if cube[t].sum() == 0:
            continue  # esda cannot standardise an all-zero step; the statistic is undefined
        with np.errstate(all="ignore"):
            z[t] = esda.G_Local(cube[t], w, transform="B", star=True, permutations=0).Zs
    z = np.nan_to_num(z)
    cells = [int(r["cell"]) for r in trends]
    mk_z = [mk.original_test(z[:, c]).z for c in cells]
    python = time.perf_counter() - t0

    worst_z, worst_mk = 0.0, 0.0
    for r, c, mz in zip(trends, cells, mk_z):
        # A text cell starting with '-' is written with a leading "'" (CSV formula guard).
        series = np.array([float(v) for v in r["z_series"].lstrip("'").split(";")])
        worst_z = max(worst_z, float(np.abs(series - np.round(z[:, c], 9)).max()))
        worst_mk = max(worst_mk, abs(float(r["trend_z"]) - round(mz, 9)))
    # Both sides are rounded to 9 places, so two equal values can differ by one unit there.
    ok = worst_z < 1.5e-9 and worst_mk < 1e-6
    print(json.dumps({
        "data": args.data, "cells": n, "steps": steps, "cells_with_data": len(cells),
        "python_s": round(python, 3), "ours_s": round(ours, 3), "ratio": round(python / ours, 1),
        "max_z_diff": worst_z, "max_trend_z_diff": worst_mk, "agree": ok,
    }))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
