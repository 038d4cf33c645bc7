"""The job's two input forms, and the second one turned into the first.

- **folders**: `ROOT/<area>/places.csv`, … -- one contract dataset per area, CSV or
  Parquet tables, as each force holds its own.
- **parquet**: one partitioned Parquet dataset per contract table with an area column,
  `ROOT/<table>/study_area=<area>/part-*.parquet` (`places`, `people`, `events`,
  `event_people`, `links`, `actions`; `places` and `events` required), as a data
  platform holds them (`python -m disrupt_spark.split --format parquet` makes one). The
  column is `study_area`, as in the job's outputs, because `area` is a column of the
  contract's `places` table (the place's neighbourhood), which it would overwrite.

The parquet form is read in Spark, table by table (the partition column read as text,
schemas merged across areas), and each area's partition is written by one task as that
area's contract dataset (`<table>.parquet` without the `study_area` column) under a private
folder (mode 0700: it holds person ids), which the job removes once the areas are
analysed. From there the areas run exactly as folders do; the rows Spark read for each
area and table must equal the rows the engine reads (`read` in `disrupt check`), and
the audit record lists every Parquet file read with its SHA-256.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from . import audit

TABLES = ("places", "people", "events", "event_people", "links", "actions")
PARTITION = "study_area"


def partition_dirs(root: Path, table: str) -> dict[str, Path]:
    """`area -> ROOT/<table>/study_area=<area>` for one table of the parquet form."""
    folder = root / table
    if not folder.is_dir():
        return {}
    return {unquote(p.name.split("=", 1)[1]): p for p in sorted(folder.iterdir())
            if p.is_dir() and p.name.startswith(f"{PARTITION}=")}


def discover(root: Path) -> tuple[str, list[tuple[str, str]]]:
    """The layout of ROOT (`folders` or `parquet`) and its areas, `(area, where)` sorted
    by area; `where` is the area's folder, or for parquet its partitions' pattern."""
    if not root.is_dir():
        raise SystemExit(f"error: {root}: no such folder")
    if partition_dirs(root, "places"):
        names = sorted({a for t in TABLES for a in partition_dirs(root, t)})
        return "parquet", [(a, f"{root}/*/{PARTITION}={a}") for a in names]
    dirs = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    folders = [(p.name, str(p)) for p in dirs if any((p / f"places.{x}").exists() for x in ("csv", "parquet"))]
    if folders:
        return "folders", folders
    raise SystemExit(f"error: {root} holds no area folders (ROOT/<area>/places.csv) and no partitioned "
                     f"Parquet tables (ROOT/places/study_area=<area>/*.parquet)\n"
                     f"hint: cut one dataset into areas with `python -m disrupt_spark.split DATASET --out ROOT "
                     f"[--format parquet]`")


def _writer(dest: str, table: str):
    """The function one task runs on one area's rows of `table` (an Arrow table, the
    group of `groupBy("study_area").applyInArrow`): writes `dest/<area>/<table>.parquet`
    without the `study_area` column and returns `(area, rows)`."""

    def write(key, rows):
        import pyarrow as pa
        import pyarrow.parquet as pq

        area = key[0].as_py()
        pq.write_table(rows.drop_columns([PARTITION]), os.path.join(dest, area, f"{table}.parquet"))
        return pa.table({"area": [area], "rows": [rows.num_rows]})

    return write


def _local(uri: str) -> str:
    u = urlparse(uri)
    return unquote(u.path) if u.scheme in ("", "file") else uri


def _area_of(path: str) -> str:
    return next(unquote(p.split("=", 1)[1]) for p in reversed(Path(path).parts[:-1])
                if p.startswith(f"{PARTITION}="))


def stage_table(spark, root: Path, table: str, names: list[str], dest: Path, files: dict, rows: dict) -> None:
    """One table of the parquet form read in Spark and each area's rows written as that
    area's `<table>.parquet` (an empty one, with the table's columns, where an area has
    no rows); the files read go into `files`, the rows per area into `rows`."""
    import pyarrow.parquet as pq

    df = spark.read.option("mergeSchema", "true").parquet(str(root / table))
    if PARTITION not in df.columns:
        raise SystemExit(f"error: {root / table} has no {PARTITION} column")
    for uri in sorted(df.inputFiles()):
        path = _local(uri)
        files.setdefault(_area_of(path), []).append({"table": table, "path": path, "sha256": audit.file_sha256(Path(path))})
    for r in df.groupBy(PARTITION).applyInArrow(_writer(str(dest), table), "area string, rows long").collect():
        rows[r.area, table] = r.rows
    empty = df.drop(PARTITION).limit(0).toArrow()
    for a in names:
        if (a, table) not in rows:
            pq.write_table(empty, dest / a / f"{table}.parquet")
            rows[a, table] = 0


def stage(spark, root: Path, names: list[str], dest: Path):
    """The parquet form under ROOT as one contract dataset per area under `dest` (made
    mode 0700). Returns the areas `(area, folder)`, the files read per area and the rows
    read per `(area, table)`."""
    dest.mkdir(mode=0o700)
    os.chmod(dest, 0o700)
    for a in names:
        (dest / a).mkdir(mode=0o700)
    files: dict[str, list[dict]] = {}
    rows: dict[tuple[str, str], int] = {}
    infer = "spark.sql.sources.partitionColumnTypeInference.enabled"
    before = spark.conf.get(infer)
    # Area names stay text: `study_area=01` is area "01", not the number 1.
    spark.conf.set(infer, "false")
    try:
        for t in TABLES:
            if partition_dirs(root, t):
                stage_table(spark, root, t, names, dest, files, rows)
    finally:
        spark.conf.set(infer, before)
    return [(a, str(dest / a)) for a in names], files, rows
