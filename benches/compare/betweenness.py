"""Exact betweenness: disrupt against igraph (C) and rustworkx, on one graph, in one run.

Builds networkx.barabasi_albert_graph(20000, 3, seed=42), writes its edge list, and
times exact unweighted betweenness in igraph (single-threaded C), rustworkx, and
disrupt (`cargo run --release --example betweenness_edges`, all cores), checks the
normalised values agree to 1e-9, and prints the ratios.

    python3 -m venv .venv && .venv/bin/pip install -r tests/fixtures/networkx/requirements.txt rustworkx
    .venv/bin/python benches/compare/betweenness.py [N [REPEATS]]

Not part of CI: a run takes a few minutes.
"""

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import igraph
import networkx as nx
import numpy as np
import rustworkx

ROOT = Path(__file__).resolve().parents[2]


def best_of(f, repeats):
    best, out = float("inf"), None
    for _ in range(repeats):
        t = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t)
    return best, out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    # Every implementation gets the same number of timed runs, best kept.
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    g = nx.barabasi_albert_graph(n, 3, seed=42)
    edges = list(g.edges())
    with tempfile.TemporaryDirectory() as tmp:
        path, out = Path(tmp) / "edges.csv", Path(tmp) / "ours.json"
        path.write_text("".join(f"{u},{v}\n" for u, v in edges))
        subprocess.run(
            ["cargo", "run", "--release", "--quiet", "--example", "betweenness_edges", "--", str(path), str(out), str(repeats)],
            cwd=ROOT, check=True,
        )
        ours = json.loads(out.read_text())
    ig = igraph.Graph(n=n, edges=edges)
    t_ig, b_ig = best_of(lambda: ig.betweenness(directed=False), repeats)
    rg = rustworkx.PyGraph()
    rg.add_nodes_from(range(n))
    rg.add_edges_from_no_data(edges)
    t_rx, b_rx = best_of(lambda: rustworkx.betweenness_centrality(rg, normalized=True), repeats)
    scale = 2.0 / ((n - 1) * (n - 2))
    ig_norm = np.asarray(b_ig) * scale
    rx_norm = np.asarray([b_rx[i] for i in range(n)])
    mine = np.asarray(ours["normalised"])
    print(f"Barabasi-Albert n={n}, m={len(edges)}; disrupt on {ours['threads']} threads")
    print(f"max |disrupt - igraph| = {np.max(np.abs(mine - ig_norm)):.2e}, max |disrupt - rustworkx| = {np.max(np.abs(mine - rx_norm)):.2e}")
    print(f"{'implementation':<22}{'seconds':>10}{'disrupt is':>14}")
    print(f"{'igraph (C, 1 thread)':<22}{t_ig:>10.2f}{t_ig / ours['seconds']:>13.1f}x")
    print(f"{'rustworkx':<22}{t_rx:>10.2f}{t_rx / ours['seconds']:>13.1f}x")
    print(f"{'disrupt':<22}{ours['seconds']:>10.2f}")
    if max(np.max(np.abs(mine - ig_norm)), np.max(np.abs(mine - rx_norm))) > 1e-9:
        sys.exit("betweenness disagrees beyond 1e-9")


if __name__ == "__main__":
    main()
