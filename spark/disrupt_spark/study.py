"""The study-wide reduces: every area's part of the figures a place's score is read
against, summed in Spark into the one study file every area's `disrupt analyse --study`
reads (docs/scale.md, "Study-wide reduces").

Each area's task runs `disrupt partials` (the engine reads its records exactly as
`analyse` would) and turns the part's two long lists into Parquet beside it: the
counted events and their weight per lattice cell, and each child's count of records at
places keyed by their keyed tag. Spark then reduces:

- **the grid's extent**: the 0.1st and 99.9th percentiles of every located record's
  easting and northing, widened by 10 km and clipped to the range, exactly as one run
  over the union finds them (`src/spatial/grid.rs`): each area keeps `rank` values at
  each end, at least the study's records x 0.001 + 2, so the study's percentile is among
  them;
- **the cell layer**: the weight and count of every lattice cell summed over the areas
  (`groupBy(col, row)`); Gi*'s mean, variance and its Benjamini-Hochberg ranking then
  read every cell of the study;
- **the footfall**: children's records, those that tie a child alone to the place, the
  sum over places of their squared counts, the histogram of each child's records summed
  over the areas (`groupBy(key)` then `groupBy(records)`), and the first and last record;
- **the co-presence period**: the first and last record the areas' networks hold, and
  each place's records and pairs seen (each place lies in one area: joined);
- **the study's hotspots**, once the areas are analysed and ranked over the study, for
  the networks gathered across areas (`with_hotspots`).
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from . import engine

STUDY_FORMAT = "disrupt-study-1"
HOTSPOT_COUNT = 10  # the places a person of concern's `hotspot_places` counts (src/pipeline.rs)


def extent_rank(totals: dict) -> int:
    """Values each area keeps at each end of each axis: the study's located records
    (places and events accepted over every area, an upper bound) x 0.001, plus 2."""
    located = sum(totals.get(t, {}).get("accepted", 0) for t in ("places", "events"))
    return located // 1000 + 2


def area_partials(s: engine.Settings, area: str, dataset: str, out: str, as_of: str, rank: int) -> dict:
    """In the area's task: `disrupt partials`, its cells and children written as Parquet
    beside it (`cells.parquet`, `children.parquet`); returns the rest."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    part = engine.partials(s, area, dataset, out, as_of, rank)
    cells = part.pop("cells")
    pq.write_table(pa.table({
        "col": pa.array([c["col"] for c in cells], pa.int64()),
        "row": pa.array([c["row"] for c in cells], pa.int64()),
        "count": pa.array([c["count"] for c in cells], pa.int64()),
        "weight": pa.array([c["weight"] for c in cells], pa.float64()),
    }), os.path.join(out, "cells.parquet"))
    children = part["footfall"].pop("children")
    pq.write_table(pa.table({
        "key": pa.array([k for k, _ in children], pa.string()),
        "records": pa.array([n for _, n in children], pa.int64()),
    }), os.path.join(out, "children.parquet"))
    # The keyed tags are in Parquet now; the engine's own file is no longer needed.
    os.remove(os.path.join(out, "partials.json"))
    return {"area": area, "out": out, **part}


def percentile_ends(parts: list[dict], axis: str) -> list[float]:
    """The study's robust range on one axis (`east` or `north`) from every area's ends,
    as `robust_range` in `src/spatial/grid.rs` finds it on all the values at once."""
    n = sum(p["extent"]["points"] for p in parts)
    lows = sorted(v for p in parts for v in p["extent"][f"{axis}_low"])
    highs = sorted((v for p in parts for v in p["extent"][f"{axis}_high"]), reverse=True)
    lo_at = int(n * 0.001)
    hi_at = min(int(n * 0.999), n - 1)
    from_top = n - 1 - hi_at
    for p in parts:
        have, points = len(p["extent"][f"{axis}_low"]), p["extent"]["points"]
        if have < min(points, max(lo_at, from_top) + 1):
            raise RuntimeError(f"area {p['area']} kept {have} of {points} values at each end; "
                               f"the study needs {max(lo_at, from_top) + 1}: raise --extent-rank")
    lo, hi = lows[lo_at], highs[from_top]
    return [max(lo - 10_000.0, lows[0]), min(hi + 10_000.0, highs[0])]


def _period(periods: list[dict]) -> dict:
    """The first and last over some periods (ISO 8601 times, or null)."""
    def parse(t):
        return datetime.fromisoformat(t)
    firsts = [p["first"] for p in periods if p["first"]]
    lasts = [p["last"] for p in periods if p["last"]]
    return {"first": min(firsts, key=parse) if firsts else None, "last": max(lasts, key=parse) if lasts else None}


def reduce(spark, parts: list[dict]) -> dict:
    """The study file's contents from every area's part, the long lists summed in Spark."""
    from pyspark.sql import functions as F

    for what in ("cell_m", "margin_m"):
        if len({p[what] for p in parts}) != 1:
            raise RuntimeError(f"the areas were read with different {what}: {[(p['area'], p[what]) for p in parts]}")
    cells = spark.read.parquet(*(os.path.join(p["out"], "cells.parquet") for p in parts)) \
        .groupBy("col", "row").agg(F.sum("count").alias("count"), F.sum("weight").alias("weight")) \
        .orderBy("row", "col").collect()
    children = spark.read.parquet(*(os.path.join(p["out"], "children.parquet") for p in parts)) \
        .groupBy("key").agg(F.sum("records").alias("records")) \
        .groupBy("records").agg(F.count(F.lit(1)).alias("children")).orderBy("records").collect()
    points = sum(p["extent"]["points"] for p in parts)
    foot = [p["footfall"] for p in parts]
    return {
        "format": STUDY_FORMAT,
        "areas": [p["area"] for p in parts],
        "cell_m": parts[0]["cell_m"],
        "margin_m": parts[0]["margin_m"],
        "extent": {"east": percentile_ends(parts, "east"), "north": percentile_ends(parts, "north")} if points else None,
        "cells": [{"col": r["col"], "row": r["row"], "count": r["count"], "weight": r["weight"]} for r in cells],
        "footfall": {
            "child_records": sum(f["child_records"] for f in foot),
            "tied": sum(f["tied"] for f in foot),
            "sum_sq": sum(f["sum_sq"] for f in foot),
            "records_per_child": [[r["records"], r["children"]] for r in children],
            "period": _period([f["period"] for f in foot]),
        },
        "attendance": _period([p["attendance"] for p in parts]),
        # Each place lies in one area: the lists are joined.
        "co_presence": sorted((c for p in parts for c in p["co_presence"]), key=lambda c: c["place_id"]),
    }


def with_hotspots(study_file: Path, hotspots, top: int = HOTSPOT_COUNT) -> Path:
    """The study file with the study's hotspots (`hotspots`: the collected places with
    `study_rank`), the first `top` with a score above zero as one run over the union
    takes them (`src/pipeline.rs`), for the runs over networks gathered across areas;
    written beside it as `study-network.json`."""
    from pyspark.sql import functions as F

    first = [r.place_id for r in hotspots.where(F.col("total") > 0).orderBy("study_rank").limit(top).collect()]
    study = json.loads(study_file.read_text())
    study["hotspots"] = first
    path = study_file.with_name("study-network.json")
    path.write_text(json.dumps(study) + "\n")
    return path


def stage(spark, s: engine.Settings, areas: list[tuple[str, str]], out: Path, as_of: str, totals: dict) -> Path:
    """Every area's part in one task each (under `out`, mode 0700: the parts key each
    child by their keyed tag), reduced into `out/study.json`; returns its path."""
    out.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(out, 0o700)
    rank = extent_rank(totals)
    parts = spark.sparkContext.parallelize(areas, len(areas)).map(
        lambda r: area_partials(s, r[0], r[1], str(out / r[0]), as_of, rank)).collect()
    study = reduce(spark, parts)
    path = out / "study.json"
    path.write_text(json.dumps(study) + "\n")
    return path
