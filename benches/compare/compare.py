"""disrupt against the Python stack an analyst would otherwise use: same inputs, one run.

Run through ``benches/compare/run.sh`` (it builds the venv from ``requirements.txt`` and the
release binaries when missing), or directly with a Python that has those packages:

    python benches/compare/compare.py [--quick] [--repeats K] [--markdown FILE]
                                      [--pipeline-events N] [--ba-n N] [--nx-n N]
                                      [--only abcde] [--workdir DIR]

What is compared (each row timed on both sides in the same run, on the same numbers):

(a) Snapping events without a recorded place to the nearest place within 50 m.
    Python: ``geopandas.sjoin_nearest(free_events, places, how="left", max_distance=50,
    distance_col=...)`` on the same British National Grid coordinates (EPSG:27700, metres).
    The GeoDataFrames are built outside the timing, but a fresh places frame is used for
    every repeat so the STRtree build is inside it (ours times building its R-tree too).
    Ours: ``compare_kernels`` (R-tree bulk load + nearest-within per event, one thread).
    Checked: the same set of unsnapped events; for every event snapped on both sides the
    same nearest distance to 1e-6 m; the same place wherever the nearest is unique. Where
    geopandas returns several equidistant places (it returns them all), ours must be one
    of them and the one with the lowest place_id, our documented tie-break (ours also
    treats places within 1e-9 m of the nearest as tied, so that case is accepted too).
(b) Quartic (biweight) KDE at every grid cell centre, bandwidth 500 m, weights from our
    location engine. scikit-learn's KernelDensity has no quartic kernel, so the Python
    side is what an analyst would write: ``scipy.spatial.cKDTree`` over the points,
    ``query_ball_point`` at every cell centre with r = h (``workers=-1``: all cores),
    then sum w · 3/(π h²) · (1 − d²/h²)² in numpy, times 1e6 (per m² to per km², as
    ``src/spatial/kde.rs``). Checked: every cell to 1e-9 relative. A reference row times
    sklearn ``KernelDensity(kernel="epanechnikov")`` on the same points and cells: a
    DIFFERENT kernel, so it is not checked, only timed.
(c) Getis-Ord Gi* on the grid: ``libpysal.weights.DistanceBand(centres, 250,
    binary=True)`` + ``esda.G_Local(y, w, transform="B", star=True, permutations=0)``
    on the same cell centres and cell weights (weights build included, as ours builds
    its neighbourhoods; the statistic alone is reported on a second row). Checked: z to
    1e-9 absolute.
(d) Exact betweenness on ``networkx.barabasi_albert_graph(n, 3, seed=42)``: igraph
    (C, single-threaded) and rustworkx (Rust, multi-threaded over sources) against ours
    (``betweenness_edges``) at n = 20,000; networkx (pure Python) on its own n = 2,000
    graph against ours on that same graph. Checked: normalised values to 1e-9 absolute.
(e) The hotspot-and-network pipeline on a synthetic dataset (``disrupt synth``, default
    100,000 events). Python: pandas read_csv of places/events/people/event_people/links,
    pyproj WGS84 -> BNG for rows with lat/lon only, geopandas snapping as (a), event
    weights (kind weight x 180-day half-life, 365-day window), numpy/cKDTree KDE as (b),
    esda Gi* as (c), the person graph (pairs of people sharing an event, from a pandas
    self-merge of event_people on event_id, plus recorded links), and igraph exact
    betweenness on it. Ours: the wall time of ``disrupt analyse DATA --out DIR``, which
    does more (co-presence ties, scores, Louvain, peer groups, assessments, the HTML/XLSX
    report). Above 20,000 connected people our default is *sampled* betweenness; when
    that happens a second row times ours with exact betweenness forced by ``--config``.
    Stages (a)-(c) are checked on their own; (e) has no equality check of its own.

Threads: our side runs on 2 threads (rayon, all cores of this machine) except snapping,
which ``compare_kernels`` runs on one; igraph, esda/libpysal, networkx and geopandas are
single-threaded; cKDTree queries use all cores; rustworkx parallelises betweenness over
sources. Every timing is the best of ``--repeats`` runs (default 1), the same on both
sides (``compare_kernels`` additionally runs each kernel once untimed first).

Exits non-zero if any equality check fails.

``betweenness.py`` and ``gi_star.py`` beside this file still work on their own (their
``cargo run`` examples); this script covers both and more.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from importlib.metadata import version
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
KEY = "compare-key-0123456789"
TOL_SNAP_M = 1e-6
TOL_REL = 1e-9
TOL_ABS = 1e-9

warnings.filterwarnings("ignore", category=FutureWarning)
warnings.filterwarnings("ignore", category=UserWarning)
warnings.filterwarnings("ignore", category=RuntimeWarning, module="esda")


# ----------------------------------------------------------------------------- helpers

def best_of(f, repeats):
    """(best seconds, last result) over `repeats` timed calls."""
    best, out = math.inf, None
    for _ in range(repeats):
        t = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t)
    return best, out


def best_of_fresh(make, f, repeats):
    """Like best_of, but `make()` (untimed) builds a fresh argument for every run."""
    best, out = math.inf, None
    for _ in range(repeats):
        arg = make()
        t = time.perf_counter()
        out = f(arg)
        best = min(best, time.perf_counter() - t)
    return best, out


class Report:
    def __init__(self):
        self.rows = []      # (work, size, python_s, ours_s, note)
        self.checks = []    # (name, ok, detail)
        self.notes = []

    def row(self, work, size, py, ours, note=""):
        self.rows.append((work, size, py, ours, note))
        r = f"{py / ours:.1f}x" if py and ours else "-"
        print(f"  -> {work} [{size}]: Python {fmt_s(py)} s, ours {fmt_s(ours)} s, ratio {r}", flush=True)

    def check(self, name, ok, detail):
        self.checks.append((name, bool(ok), detail))
        print(f"  check {'OK  ' if ok else 'FAIL'} {name}: {detail}", flush=True)

    def note(self, text):
        self.notes.append(text)
        print(f"  note: {text}", flush=True)


def fmt_s(x):
    if x is None:
        return "-"
    if x >= 100:
        return f"{x:.0f}"
    if x >= 1:
        return f"{x:.2f}"
    if x >= 0.01:
        return f"{x:.3f}"
    return f"{x:.4f}"


def fmt_ratio(py, ours):
    if not py or not ours:
        return "-"
    r = py / ours
    return f"{r:.0f}x" if r >= 100 else f"{r:.1f}x"


def machine():
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        load = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        load = "?"
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": model,
        "memory": mem,
        "load": load,
        "python": platform.python_version(),
    }


def run(cmd, log=None, env=None):
    e = dict(os.environ)
    e.update(env or {})
    if log is None:
        subprocess.run([str(c) for c in cmd], check=True, env=e)
    else:
        with open(log, "ab") as fh:
            subprocess.run([str(c) for c in cmd], check=True, env=e, stdout=fh, stderr=subprocess.STDOUT)


# ----------------------------------------------------------------------------- (a) snap

def snap_compare(rep, label, k, repeats):
    import geopandas as gpd

    places = np.asarray(k["places"], dtype=float).reshape(-1, 2)
    free = np.asarray(k["free_events"], dtype=float).reshape(-1, 2)
    ids = np.asarray(k["place_ids"], dtype=object)
    radius = float(k["snap_radius_m"])
    events = gpd.GeoDataFrame({"event": np.arange(len(free))},
                              geometry=gpd.points_from_xy(free[:, 0], free[:, 1]), crs=27700)

    def make_places():
        g = gpd.GeoDataFrame({"place_id": ids},
                             geometry=gpd.points_from_xy(places[:, 0], places[:, 1]), crs=27700)
        assert not g.has_sindex
        return g

    t_py, j = best_of_fresh(make_places, lambda p: gpd.sjoin_nearest(
        events, p, how="left", max_distance=radius, distance_col="dist"), repeats)

    # Python's answer per event: distance and every equidistant place.
    ev = j.index.to_numpy()
    right = j["index_right"].to_numpy()
    dist = j["dist"].to_numpy(dtype=float)
    py_dist = np.full(len(free), np.nan)
    py_places = [[] for _ in range(len(free))]
    for e, r, d in zip(ev, right, dist):
        if not np.isnan(d):
            py_dist[e] = d
            py_places[e].append(int(r))

    ours = k["snapped"]
    o_place = np.array([s[0] if s is not None else -1 for s in ours])
    o_dist = np.array([s[1] if s is not None else np.nan for s in ours], dtype=float)
    o_snapped = o_place >= 0
    p_snapped = ~np.isnan(py_dist)

    # Unsnapped sets; an event within 1e-6 m of the radius is a float tie with the edge.
    differ = np.flatnonzero(o_snapped != p_snapped)
    edge = [i for i in differ
            if abs(np.nanmax([o_dist[i], py_dist[i]]) - radius) <= TOL_SNAP_M]
    hard = len(differ) - len(edge)
    both = o_snapped & p_snapped
    dd = np.abs(o_dist[both] - py_dist[both])
    worst_d = float(dd.max()) if dd.size else 0.0

    unique_same = tie_ok = near_tie = bad_place = ties = 0
    for i in np.flatnonzero(both):
        cands = py_places[i]
        if len(cands) == 1:
            if o_place[i] == cands[0]:
                unique_same += 1
            else:
                # Ours takes places within 1e-9 m of the nearest as tied (lowest id wins).
                d_ours = math.hypot(*(free[i] - places[o_place[i]]))
                if abs(d_ours - py_dist[i]) <= 1e-9 and ids[o_place[i]] < ids[cands[0]]:
                    near_tie += 1
                else:
                    bad_place += 1
        else:
            ties += 1
            if o_place[i] in cands and ids[o_place[i]] == min(ids[c] for c in cands):
                tie_ok += 1
            else:
                bad_place += 1
    n_snapped = int(both.sum())
    size = f"{label}: {len(free):,} free events, {len(places):,} places"
    rep.row(f"(a) snap to nearest place <= {radius:g} m (geopandas)", size, t_py, k["seconds"]["snap"],
            "geopandas sjoin_nearest (STRtree build incl.) vs R-tree")
    rep.check(f"(a) snap {label}",
              hard == 0 and worst_d <= TOL_SNAP_M and bad_place == 0,
              f"{n_snapped:,} snapped on both sides, {int((~o_snapped & ~p_snapped).sum()):,} unsnapped on both, "
              f"{hard} disagree on snapped/unsnapped (+{len(edge)} within 1e-6 m of the radius); "
              f"max |distance diff| {worst_d:.1e} m; same place for {unique_same:,} unique nearest, "
              f"{ties:,} exact ties (ours = lowest place_id among geopandas' ties for {tie_ok:,}), "
              f"{near_tie} near-ties (<1e-9 m), {bad_place} different places")


# ----------------------------------------------------------------------------- (b) KDE

def grid_centres(g):
    rows, cols = np.divmod(np.arange(g["nrows"] * g["ncols"]), g["ncols"])
    return np.column_stack([g["x0"] + (cols + 0.5) * g["cell"], g["y0"] + (rows + 0.5) * g["cell"]])


def quartic_kde(xy, w, centres, h, chunk=50_000):
    """What an analyst writes without a quartic kernel in sklearn: cKDTree + numpy.

    Returns weight per km² at every centre: sum of w · 3/(π h²) · (1 − d²/h²)² over points
    with d < h, times 1e6.
    """
    from scipy.spatial import cKDTree

    tree = cKDTree(xy)
    h2 = h * h
    c = 3.0 / (math.pi * h2)
    out = np.zeros(len(centres))
    for s in range(0, len(centres), chunk):
        cc = centres[s:s + chunk]
        idx = tree.query_ball_point(cc, r=h, workers=-1, return_sorted=False)
        counts = np.fromiter(map(len, idx), dtype=np.intp, count=len(idx))
        flat = np.fromiter(itertools.chain.from_iterable(idx), dtype=np.intp, count=int(counts.sum()))
        cell = np.repeat(np.arange(len(idx)), counts)
        dx = xy[flat, 0] - cc[cell, 0]
        dy = xy[flat, 1] - cc[cell, 1]
        d2 = dx * dx + dy * dy
        u = 1.0 - d2 / h2
        k = np.where(d2 < h2, c * u * u, 0.0)
        out[s:s + chunk] = np.bincount(cell, weights=w[flat] * k, minlength=len(cc))
    return out * 1e6


def kde_compare(rep, label, k, repeats, sklearn_ref):
    pts = np.asarray(k["points"], dtype=float).reshape(-1, 3)
    xy, w = np.ascontiguousarray(pts[:, :2]), pts[:, 2].copy()
    centres = grid_centres(k["grid"])
    h = float(k["bandwidth_m"])
    t_py, dens = best_of(lambda: quartic_kde(xy, w, centres, h), repeats)
    ours = np.asarray(k["kde"], dtype=float)
    diff = np.abs(dens - ours)
    scale = np.maximum(np.abs(dens), np.abs(ours))
    nz = scale > 0
    rel = float((diff[nz] / scale[nz]).max()) if nz.any() else 0.0
    zero_mismatch = int(((dens == 0) != (ours == 0)).sum())
    size = f"{label}: {len(pts):,} points, {len(centres):,} cells"
    rep.row(f"(b) quartic KDE h={h:g} m (cKDTree + numpy)", size, t_py, k["seconds"]["kde"],
            "scipy cKDTree.query_ball_point + numpy (workers=-1)")
    rep.check(f"(b) KDE {label}", rel <= TOL_REL,
              f"max relative diff {rel:.1e} over {int(nz.sum()):,} non-zero cells "
              f"({zero_mismatch} cells zero on one side only); max {ours.max():.6g} per km²")
    if sklearn_ref:
        from sklearn.neighbors import KernelDensity

        def skl():
            kd = KernelDensity(kernel="epanechnikov", bandwidth=h).fit(xy, sample_weight=w)
            return np.exp(kd.score_samples(centres)) * w.sum() * 1e6

        t_sk, _ = best_of(skl, repeats)
        rep.row("(b') sklearn KDE, epanechnikov: other kernel, unchecked",
                size, t_sk, k["seconds"]["kde"], "a different kernel: timing reference only")


# ----------------------------------------------------------------------------- (c) Gi*

def gi_star_python(centres, y, distance):
    import esda
    import libpysal

    t = time.perf_counter()
    w = libpysal.weights.DistanceBand(centres, threshold=distance, binary=True, silence_warnings=True)
    t_w = time.perf_counter()
    with np.errstate(all="ignore"):
        lg = esda.G_Local(y, w, transform="B", star=True, permutations=0)
    t_end = time.perf_counter()
    return t_end - t, t_end - t_w, np.asarray(lg.Zs, dtype=float)


def gi_compare(rep, label, k, repeats):
    centres = grid_centres(k["grid"])
    y = np.asarray(k["cell_weight"], dtype=float)
    distance = float(k["gi_distance_m"])
    best, best_stat, z = math.inf, math.inf, None
    for _ in range(repeats):
        t_all, t_stat, z = gi_star_python(centres, y, distance)
        best, best_stat = min(best, t_all), min(best_stat, t_stat)
    ours_z = np.asarray(k["gi_z"], dtype=float)
    finite = np.isfinite(z)
    worst = float(np.abs(z[finite] - ours_z[finite]).max()) if finite.any() else 0.0
    # Ours writes 0 where z is undefined (constant grid); esda gives NaN there.
    undefined_ok = bool(np.all(ours_z[~finite] == 0.0))
    size = f"{label}: {len(centres):,} cells"
    ours = k["seconds"]["gi_star"]
    rep.row(f"(c) Gi* d={distance:g} m (libpysal weights + esda)", size, best, ours,
            "libpysal DistanceBand + esda G_Local")
    rep.row("(c) Gi*, esda statistic only (weights prebuilt)", size, best_stat, ours,
            "ours still builds its neighbourhoods")
    rep.check(f"(c) Gi* {label}", worst <= TOL_ABS and undefined_ok,
              f"max |z diff| {worst:.1e} over {int(finite.sum()):,} cells"
              + ("" if finite.all() else f", {int((~finite).sum())} cells NaN in esda / 0 in ours"))


# ----------------------------------------------------------------------------- (d) betweenness

def ours_betweenness(edges, n, repeats, tmp, tag):
    path, out = tmp / f"edges_{tag}.csv", tmp / f"betweenness_{tag}.json"
    np.savetxt(path, np.asarray(edges, dtype=np.int64), fmt="%d", delimiter=",")
    # COMPARE_BETWEENNESS_BIN times another build (an older one kept aside) on the same row.
    exe = os.environ.get("COMPARE_BETWEENNESS_BIN") or ROOT / "target/release/examples/betweenness_edges"
    run([exe, path, out, repeats], log=tmp / "ours.log")
    doc = json.loads(out.read_text())
    assert doc["n"] == n, (doc["n"], n)
    return doc


def betweenness_compare(rep, n, nx_n, repeats, tmp):
    import igraph
    import networkx as nx
    import rustworkx

    g = nx.barabasi_albert_graph(n, 3, seed=42)
    edges = list(g.edges())
    print(f"(d) exact betweenness, Barabasi-Albert n={n:,}, m={len(edges):,}", flush=True)
    ours = ours_betweenness(edges, n, repeats, tmp, f"ba{n}")
    mine = np.asarray(ours["normalised"])
    scale = 2.0 / ((n - 1) * (n - 2))

    ig = igraph.Graph(n=n, edges=edges)
    t_ig, b_ig = best_of(lambda: ig.betweenness(directed=False), repeats)
    d_ig = float(np.abs(mine - np.asarray(b_ig) * scale).max())
    size = f"BA n={n:,}, m={len(edges):,}"
    rep.row("(d) exact betweenness: igraph (C, 1 thread)", size, t_ig, ours["seconds"], "")
    rep.check(f"(d) betweenness igraph n={n}", d_ig <= TOL_ABS, f"max |normalised diff| {d_ig:.1e}")

    rg = rustworkx.PyGraph()
    rg.add_nodes_from(range(n))
    rg.add_edges_from_no_data(edges)
    t_rx, b_rx = best_of(lambda: rustworkx.betweenness_centrality(rg, normalized=True), repeats)
    d_rx = float(np.abs(mine - np.asarray([b_rx[i] for i in range(n)])).max())
    rep.row("(d) exact betweenness: rustworkx (Rust, multi-threaded)", size, t_rx, ours["seconds"], "")
    rep.check(f"(d) betweenness rustworkx n={n}", d_rx <= TOL_ABS, f"max |normalised diff| {d_rx:.1e}")

    if nx_n:
        g2 = nx.barabasi_albert_graph(nx_n, 3, seed=42)
        e2 = list(g2.edges())
        ours2 = ours_betweenness(e2, nx_n, repeats, tmp, f"ba{nx_n}")
        t_nx, b_nx = best_of(lambda: nx.betweenness_centrality(g2, normalized=True), repeats)
        d_nx = float(np.abs(np.asarray(ours2["normalised"]) - np.asarray([b_nx[i] for i in range(nx_n)])).max())
        rep.row("(d) exact betweenness: networkx (pure Python)", f"BA n={nx_n:,}, m={len(e2):,}",
                t_nx, ours2["seconds"], "")
        rep.check(f"(d) betweenness networkx n={nx_n}", d_nx <= TOL_ABS, f"max |normalised diff| {d_nx:.1e}")
    rep.note(f"betweenness: ours on {ours['threads']} threads; igraph single-threaded C; "
             f"rustworkx parallel over sources")


# ----------------------------------------------------------------------------- (e) pipeline

KIND_WEIGHT = {  # src/score/settings.rs defaults
    "missing_from": 0.0, "missing_found": 10.0, "rhi_mention": 8.0, "makesafe_call": 4.0,
    "incident": 1.0, "intelligence": 1.0, "sighting": 1.0, "arrest": 1.0,
    "stop_search": 0.5, "asb_report": 0.5,
}
EXPLOITATION_WEIGHT = {"incident": 10.0, "intelligence": 4.0, "sighting": 4.0, "arrest": 3.0, "stop_search": 2.0}
EXPLOITATION_CATEGORIES = {"cse", "cce", "sexual_offence", "trafficking"}


def python_pipeline(data: Path, snap_m=50.0, cell=100.0, h=500.0, gi_d=250.0):
    """The analyst's pipeline; returns {stage: seconds} and a few sizes."""
    import geopandas as gpd
    import igraph
    import pandas as pd
    from pyproj import Transformer

    st, sizes = {}, {}
    t = time.perf_counter()

    def lap(name):
        nonlocal t
        now = time.perf_counter()
        st[name] = now - t
        t = now

    places = pd.read_csv(data / "places.csv", dtype={"place_id": str})
    events = pd.read_csv(data / "events.csv", dtype={"event_id": str, "place_id": str, "category": str})
    people = pd.read_csv(data / "people.csv", dtype=str)
    ep = pd.read_csv(data / "event_people.csv", dtype=str)
    links = pd.read_csv(data / "links.csv", dtype=str) if (data / "links.csv").exists() else None
    lap("read CSVs (pandas)")

    to_bng = Transformer.from_crs(4326, 27700, always_xy=True)
    for df in (places, events):
        need = df["easting"].isna() & df["lat"].notna()
        e, n = to_bng.transform(df.loc[need, "lon"].to_numpy(), df.loc[need, "lat"].to_numpy())
        df.loc[need, "easting"] = e
        df.loc[need, "northing"] = n
    places = places[places["easting"].notna()]
    lap("project WGS84 -> BNG (pyproj)")

    pg = gpd.GeoDataFrame(places[["place_id"]], geometry=gpd.points_from_xy(places.easting, places.northing),
                          crs=27700)
    free = events[events["place_id"].isna() & events["easting"].notna()]
    fg = gpd.GeoDataFrame(free[["event_id"]], geometry=gpd.points_from_xy(free.easting, free.northing), crs=27700)
    j = gpd.sjoin_nearest(fg, pg, how="inner", max_distance=snap_m, distance_col="dist")
    j = j[~j.index.duplicated()]
    events.loc[j.index, "place_id"] = j["place_id"].to_numpy()
    sizes["snapped"] = len(j)
    lap("snap (geopandas sjoin_nearest)")

    # Location of each event: its own coordinates, else its place's.
    loc = places.set_index("place_id")[["easting", "northing"]]
    own = events["easting"].notna()
    at = loc.reindex(events.loc[~own, "place_id"])
    events.loc[~own, "easting"] = at["easting"].to_numpy()
    events.loc[~own, "northing"] = at["northing"].to_numpy()
    when = pd.to_datetime(events["occurred_at"], format="ISO8601")
    age = (when.max() - when).dt.total_seconds().to_numpy() / 86400.0
    base = events["kind"].map(KIND_WEIGHT).fillna(1.0).to_numpy()
    expl = events["kind"].map(EXPLOITATION_WEIGHT)
    is_expl = events["category"].isin(EXPLOITATION_CATEGORIES).to_numpy() & expl.notna().to_numpy()
    base = np.where(is_expl, expl.fillna(0).to_numpy(), base)
    weight = base * np.minimum(1.0, 0.5 ** (age / 180.0))
    use = (weight > 0) & (age <= 365) & events["easting"].notna().to_numpy()
    xy = np.column_stack([events["easting"].to_numpy(float)[use], events["northing"].to_numpy(float)[use]])
    w = weight[use]
    allxy = np.vstack([xy, places[["easting", "northing"]].to_numpy(float)])
    lo, hi = allxy.min(0) - h, allxy.max(0) + h
    x0, y0 = np.floor(lo / cell) * cell
    ncols, nrows = int((hi[0] - x0) // cell) + 1, int((hi[1] - y0) // cell) + 1
    g = {"x0": x0, "y0": y0, "cell": cell, "ncols": ncols, "nrows": nrows}
    centres = grid_centres(g)
    cidx = np.floor((xy[:, 1] - y0) / cell).astype(int) * ncols + np.floor((xy[:, 0] - x0) / cell).astype(int)
    cell_weight = np.bincount(cidx, weights=w, minlength=nrows * ncols)
    sizes["points"], sizes["cells"] = len(xy), len(centres)
    lap("weights + grid (pandas/numpy)")

    quartic_kde(xy, w, centres, h)
    lap("KDE (cKDTree + numpy)")

    gi_star_python(centres, cell_weight, gi_d)
    lap("Gi* (libpysal + esda)")

    pairs = ep[["event_id", "person_id"]].drop_duplicates()
    m = pairs.merge(pairs, on="event_id")
    m = m.loc[m["person_id_x"] < m["person_id_y"], ["person_id_x", "person_id_y"]]
    m.columns = ["a", "b"]
    if links is not None:
        lk = links[["from_id", "to_id"]].dropna()
        lk.columns = ["a", "b"]
        lk = lk[lk.a != lk.b]
        sw = lk.a > lk.b
        lk.loc[sw, ["a", "b"]] = lk.loc[sw, ["b", "a"]].to_numpy()
        m = pd.concat([m, lk])
    m = m.drop_duplicates()
    ids = pd.Index(pd.unique(m.to_numpy().ravel()))
    edges = np.column_stack([ids.get_indexer(m["a"]), ids.get_indexer(m["b"])])
    graph = igraph.Graph(n=len(ids), edges=edges)
    sizes["graph_nodes"], sizes["graph_edges"] = graph.vcount(), graph.ecount()
    sizes["people"] = len(people)
    lap("person graph (pandas self-merge + links, igraph)")

    graph.betweenness(directed=False)
    lap("exact betweenness (igraph, 1 thread)")
    return st, sizes


def ours_pipeline(data: Path, tmp: Path, repeats, config=None):
    best, doc = math.inf, None
    env = {"DISRUPT_KEY": KEY, "DISRUPT_AUDIT_LOG": str(tmp / "audit.jsonl")}
    for i in range(repeats):
        out = tmp / f"analyse_out_{'exact' if config else 'default'}"
        shutil.rmtree(out, ignore_errors=True)
        cmd = [ROOT / "target/release/disrupt", "analyse", data, "--out", out]
        if config:
            cmd += ["--config", config]
        t = time.perf_counter()
        run(cmd, log=tmp / "analyse.log", env=env)
        best = min(best, time.perf_counter() - t)
        doc = json.loads((out / "run.json").read_text())
    return best, doc


def pipeline_compare(rep, data: Path, n_events, repeats, tmp):
    print(f"(e) pipeline on a synthetic dataset of {n_events:,} events", flush=True)
    stages, sizes, best_total = None, None, math.inf
    for _ in range(repeats):
        st, sz = python_pipeline(data)
        if sum(st.values()) < best_total:
            best_total, stages, sizes = sum(st.values()), st, sz
    t_ours, doc = ours_pipeline(data, tmp, repeats)
    net = doc.get("network", {})
    method = net.get("betweenness", {}).get("method", "?")
    ties = net.get("counts", {}).get("ties", "?")
    size = f"synth {n_events // 1000}k: {n_events:,} events"
    rep.row(f"(e) pipeline vs `disrupt analyse` ({method} betweenness)", size, best_total, t_ours,
            "ours also scores, co-presence, Louvain, assessments, report")
    rep.pipeline = {"stages": stages, "sizes": sizes, "python_total": best_total, "ours": t_ours,
                    "ours_method": method, "ours_ties": ties, "events": n_events}
    if method != "exact":
        cfg = tmp / "exact_betweenness.toml"
        cfg.write_text("[network]\nexact_betweenness_limit = 1000000000\n")
        t_exact, doc2 = ours_pipeline(data, tmp, repeats, config=cfg)
        m2 = doc2.get("network", {}).get("betweenness", {}).get("method", "?")
        rep.row(f"(e) pipeline vs `disrupt analyse` ({m2} betweenness forced)", size,
                best_total, t_exact, "like-for-like exact betweenness")
        rep.pipeline["ours_exact"] = t_exact
    print("  Python stages (s):", flush=True)
    for k, v in stages.items():
        print(f"    {k:<52}{v:>9.3f}")
    print(f"    {'total':<52}{best_total:>9.3f}")
    print(f"  sizes: {sizes}; ours: {ties} ties, betweenness {method}")
    rep.note("(e) has no equality check of its own: its stages are checked in (a)-(d); the Python weights "
             "approximate ours (no grading factor) and its graph has shared-event and link ties but no co-presence")


# ----------------------------------------------------------------------------- main

def compare_kernels(data: Path, out: Path, repeats, tmp):
    run([ROOT / "target/release/examples/compare_kernels", data, out, repeats], log=tmp / "ours.log")
    return json.loads(out.read_text())


def synth(n_events, out: Path, tmp: Path):
    if (out / "events.csv").exists():
        return
    env = {"DISRUPT_KEY": KEY, "DISRUPT_AUDIT_LOG": str(tmp / "audit.jsonl")}
    run([ROOT / "target/release/disrupt", "synth", "--children", max(1, n_events * 3 // 100),
         "--events", n_events, "--places", max(1, n_events // 100), "--out", out], log=tmp / "synth.log", env=env)


def markdown(rep, info, args):
    lines = [
        f"Machine: {info['nproc']} cores ({info['cpu']}), {info['memory']}; {info['date']}; "
        f"load average at start {info['load']}; Python {info['python']}. "
        f"Best of {args.repeats} run(s) on each side{'; --quick' if args.quick else ''}.",
        "",
        "| work | size | Python (s) | ours (s) | ratio (Python/ours) |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for work, size, py, ours, _ in rep.rows:
        lines.append(f"| {work} | {size} | {fmt_s(py)} | {fmt_s(ours)} | {fmt_ratio(py, ours)} |")
    p = getattr(rep, "pipeline", None)
    if p:
        lines += ["", f"Pipeline ({p['events']:,} events), Python stages:", "",
                  "| stage | seconds |", "| --- | ---: |"]
        lines += [f"| {k} | {fmt_s(v)} |" for k, v in p["stages"].items()]
        lines.append(f"| **total** | **{fmt_s(p['python_total'])}** |")
        lines.append(f"| `disrupt analyse` (betweenness {p['ours_method']}) | {fmt_s(p['ours'])} |")
        if "ours_exact" in p:
            lines.append(f"| `disrupt analyse`, exact betweenness forced | {fmt_s(p['ours_exact'])} |")
    lines += ["", "Checks:", ""]
    lines += [f"- {'pass' if ok else '**FAIL**'}: {name}: {detail}" for name, ok, detail in rep.checks]
    lines += [f"- note: {n}" for n in rep.notes]
    vers = ", ".join(f"{p} {version(p)}" for p in ("numpy", "scipy", "pandas", "geopandas", "shapely", "pyproj",
                                                    "scikit-learn", "libpysal", "esda", "networkx", "igraph",
                                                    "rustworkx"))
    lines += ["", f"Versions: {vers}.", ""]
    return "\n".join(lines)


def print_table(rep):
    w = max(len(r[0]) for r in rep.rows)
    s = max(len(r[1]) for r in rep.rows)
    head = f"{'work':<{w}}  {'size':<{s}}  {'Python s':>9}  {'ours s':>9}  {'ratio':>8}"
    print("\n" + head)
    print("-" * len(head))
    for work, size, py, ours, _ in rep.rows:
        print(f"{work:<{w}}  {size:<{s}}  {fmt_s(py):>9}  {fmt_s(ours):>9}  {fmt_ratio(py, ours):>8}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="smoke-test sizes (BA n=3000, pipeline 20,000 events, "
                    "no Gi* on the 297k-cell police-uk grid)")
    ap.add_argument("--repeats", type=int, default=1, help="best of K runs, both sides (default 1)")
    ap.add_argument("--markdown", type=Path, default=ROOT / "target/compare/results.md")
    ap.add_argument("--pipeline-events", type=int, default=None, help="events of the synthetic dataset "
                    "(default 100,000; 20,000 with --quick)")
    ap.add_argument("--ba-n", type=int, default=None, help="Barabasi-Albert nodes (default 20,000; 3,000 --quick)")
    ap.add_argument("--nx-n", type=int, default=None, help="nodes of the networkx row (default 2,000; 0 skips)")
    ap.add_argument("--no-sklearn", action="store_true", help="skip the sklearn epanechnikov reference rows")
    ap.add_argument("--workdir", type=Path, default=None, help="keep inputs and outputs here (default: a temp dir)")
    ap.add_argument("--only", default="abcde", help="which of the comparisons (a)-(e) to run, e.g. 'd' or 'abc' "
                    "(default: all)")
    args = ap.parse_args()
    n_events = args.pipeline_events or (20_000 if args.quick else 100_000)
    ba_n = args.ba_n or (3_000 if args.quick else 20_000)
    nx_n = args.nx_n if args.nx_n is not None else (500 if args.quick else 2_000)

    for b in ("target/release/disrupt", "target/release/examples/compare_kernels",
              "target/release/examples/betweenness_edges"):
        if not (ROOT / b).exists():
            sys.exit(f"missing {b}: run benches/compare/run.sh, which builds it")

    info = machine()
    print(f"disrupt vs Python: {info['date']}")
    print(f"machine: nproc {info['nproc']}, {info['cpu']}, {info['memory']}, load average {info['load']}, "
          f"Python {info['python']}")
    print(f"repeats {args.repeats} (best of, both sides); pipeline {n_events:,} events; BA n={ba_n:,}; "
          f"networkx n={nx_n:,}{'; quick' if args.quick else ''}\n", flush=True)

    rep = Report()
    own_tmp = args.workdir is None
    tmp = Path(tempfile.mkdtemp(prefix="disrupt-compare-")) if own_tmp else args.workdir
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        police = ROOT / "datasets/police-uk"
        syn = tmp / f"synth_{n_events}"
        synth(n_events, syn, tmp)
        only = set(args.only.lower())
        if only & set("abc"):
            print("running our kernels (compare_kernels) on police-uk and the synthetic dataset", flush=True)
            kp = compare_kernels(police, tmp / "kernels_police.json", args.repeats, tmp)
            ks = compare_kernels(syn, tmp / "kernels_synth.json", args.repeats, tmp)
        syn_label = f"synth {n_events // 1000}k"
        if "a" in only:
            print("(a) snapping", flush=True)
            snap_compare(rep, "police-uk", kp, args.repeats)
            snap_compare(rep, syn_label, ks, args.repeats)
        if "b" in only:
            print("(b) KDE", flush=True)
            kde_compare(rep, "police-uk", kp, args.repeats, sklearn_ref=not args.no_sklearn and not args.quick)
            kde_compare(rep, syn_label, ks, args.repeats, sklearn_ref=not args.no_sklearn)
        if "c" in only:
            print("(c) Gi*", flush=True)
            if not args.quick:
                gi_compare(rep, "police-uk", kp, args.repeats)
            gi_compare(rep, syn_label, ks, args.repeats)
        if "d" in only:
            betweenness_compare(rep, ba_n, nx_n, args.repeats, tmp)
        if "e" in only:
            pipeline_compare(rep, syn, n_events, args.repeats, tmp)
    finally:
        if own_tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    print_table(rep)
    failed = [c for c in rep.checks if not c[1]]
    print(f"\nequality checks: {len(rep.checks) - len(failed)} passed, {len(failed)} failed")
    for n in rep.notes:
        print(f"note: {n}")
    args.markdown.parent.mkdir(parents=True, exist_ok=True)
    args.markdown.write_text(markdown(rep, info, args))
    print(f"wrote {args.markdown}")
    if failed:
        sys.exit("equality check failed: " + "; ".join(c[0] for c in failed))


if __name__ == "__main__":
    main()
