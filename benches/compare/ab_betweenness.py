"""Two builds of our exact betweenness, timed alternately (A B A B ...) on one graph.

    target/compare-venv/bin/python benches/compare/ab_betweenness.py OLD_BIN NEW_BIN [N [ROUNDS]]

OLD_BIN and NEW_BIN are `betweenness_edges` binaries (copy
target/release/examples/betweenness_edges aside before rebuilding). Both run on
networkx.barabasi_albert_graph(N, 3, seed=42) (default N = 20,000), one timed run per
turn, ROUNDS turns each (default 5). Prints every run, the medians and the ratio of the
medians, and fails if the two disagree beyond 1e-9 (normalised). On a shared machine
pairing the runs keeps a change in load from landing on one side only. Not part of CI.
"""

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import networkx as nx
import numpy as np


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    bins = {"A": sys.argv[1], "B": sys.argv[2]}
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    g = nx.barabasi_albert_graph(n, 3, seed=42)
    with tempfile.TemporaryDirectory() as tmp:
        edges = Path(tmp) / "edges.csv"
        edges.write_text("".join(f"{u},{v}\n" for u, v in g.edges()))
        times = {"A": [], "B": []}
        values = {}
        for r in range(rounds):
            for side in ("A", "B"):
                out = Path(tmp) / f"{side}.json"
                subprocess.run([bins[side], edges, out, "1"], check=True, stderr=subprocess.DEVNULL)
                doc = json.loads(out.read_text())
                times[side].append(doc["seconds"])
                values[side] = np.asarray(doc["normalised"])
                print(f"round {r + 1} {side}: {doc['seconds']:.3f} s on {doc['threads']} threads", flush=True)
    diff = float(np.abs(values["A"] - values["B"]).max())
    med = {s: statistics.median(t) for s, t in times.items()}
    print(f"Barabasi-Albert n={n}, m={g.number_of_edges()}, {rounds} rounds")
    for s in ("A", "B"):
        print(f"{s} {bins[s]}: median {med[s]:.3f} s, runs {', '.join(f'{t:.3f}' for t in times[s])}")
    print(f"A / B = {med['A'] / med['B']:.2f}x; max |A - B| normalised {diff:.1e}")
    if diff > 1e-9:
        sys.exit("the two builds disagree beyond 1e-9")


if __name__ == "__main__":
    main()
