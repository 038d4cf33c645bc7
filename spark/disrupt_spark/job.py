"""The Spark driver: the disrupt engine over every area of a study, then the cross-border
network.

    python -m disrupt_spark.job ROOT --out OUT --key-file KEY [--audit-log LOG]
        [--audience analyst|strategy|partner] [--purpose TEXT] [--suppress-below N]
        [--as-of DATE] [--engine PATH] [--ship-engine] [--master URL] [--no-whole-networks]

ROOT, on a filesystem every executor reads, holds the areas in one of two forms
(`inputs`): one contract dataset per area (`ROOT/<area>/places.csv`, …, CSV or Parquet
tables), or one partitioned Parquet dataset per table with a `study_area` column
(`ROOT/<table>/study_area=<area>/part-*.parquet`), which is read in Spark and written out as
one contract dataset per area in a private folder (`OUT/.inputs/`, mode 0700, removed
once the areas are analysed) before the stages below.

Stages, each a Spark job over the areas (one task per area):

1. **check** -- `disrupt check` per area: the quarantine (`OUT/check/<area>/rejected/`),
   per-table counts summed across areas in Spark (`read = accepted + rejected` checked
   per area and in total) and each area's latest event date; their maximum is the
   study's as-of date unless `--as-of` is given, so every area weights events alike.
2. **study** -- `disrupt partials` per area, reduced in Spark (`study`) into the study
   file: the grid's extent over every area, every lattice cell's weight summed over the
   areas (so Gi*'s mean, variance and FDR read every cell of the study), the footfall
   and the co-presence period (in `OUT/.study/`, mode 0700, removed when the run ends).
3. **analyse** -- `disrupt analyse --as-of --study` per area: the area's report and
   tables in `OUT/areas/<area>/`, cut for the audience, read against the study.
4. **collect** -- every area's `hotspots`, `people` and `ties` Parquet into one
   dataset each, partitioned by a `study_area` column (`OUT/parquet/<table>/study_area=<area>/`;
   `area` is the place's own neighbourhood column); the places get `study_rank`, their
   rank over every area.
5. **network** -- the union of the tie lists (pseudonyms agree across areas because every
   run reads the one `--key-file`), its connected components by Large-Star/Small-Star
   (`OUT/parquet/components/`), and which components cross an area border.
6. **whole networks** -- each component that crosses a border gathered from the areas
   and analysed whole by `disrupt network` in one task (`OUT/networks/<component>/`);
   skipped with `--no-whole-networks`.

The run's own audit record (`started`, then `ok` or the error) lists every partition
read with its fingerprint (and, for the parquet form, every file read with its SHA-256);
each engine run logs itself as well.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from . import audit, engine, inputs, network, study

TABLE_ORDER = ("places", "people", "events", "event_people", "links", "actions")
COLLECTED = ("hotspots", "people", "ties")
STAGED = ".inputs"  # the parquet form's areas, under OUT
STUDY = ".study"  # the areas' partials and the study file, under OUT
# What this driver has sent to the executors of each Spark application.
_SENT: set = set()


def package_zip(dest: Path) -> Path:
    """This package as a zip for `addPyFile`, so executors on other nodes can import it."""
    here = Path(__file__).parent
    z = dest / "disrupt_spark.zip"
    with zipfile.ZipFile(z, "w") as f:
        for p in here.glob("*.py"):
            f.write(p, f"disrupt_spark/{p.name}")
    return z


def parse(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="disrupt_spark.job", description="disrupt over many areas on Spark")
    ap.add_argument("root", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--key-file", required=True, help="the pseudonym key every area shares (mode 0600)")
    ap.add_argument("--audit-log", default=os.environ.get("DISRUPT_AUDIT_LOG"))
    ap.add_argument("--audience", choices=("analyst", "strategy", "partner"), default="analyst")
    ap.add_argument("--purpose")
    ap.add_argument("--suppress-below", type=int)
    ap.add_argument("--as-of", help="YYYY-MM-DD; default: the latest event date over all areas")
    ap.add_argument("--engine", default=os.environ.get("DISRUPT", "target/release/disrupt"))
    ap.add_argument("--ship-engine", action="store_true", help="send the binary to executors with addFile")
    ap.add_argument("--master", default=os.environ.get("SPARK_MASTER"))
    ap.add_argument("--no-whole-networks", action="store_true",
                    help="find the cross-border components but do not gather and analyse each whole (stage 5)")
    a = ap.parse_args(argv)
    if not a.audit_log:
        ap.error("--audit-log (or DISRUPT_AUDIT_LOG) is required: every area's run and the Spark run log there")
    return a


def prepare_out(out: Path) -> None:
    """OUT holds one Spark run: an empty folder or a previous run's (it has
    `spark-run.json`) is replaced; anything else is refused."""
    if out.exists():
        if any(out.iterdir()) and not (out / "spark-run.json").exists():
            raise SystemExit(f"error: {out} is not empty and not a previous run's output; choose another --out")
        shutil.rmtree(out)
    out.mkdir(parents=True)


def session(master: str | None):
    """The Spark session. The study's tables are small per area, so shuffles use a few
    partitions unless `spark-submit --conf spark.sql.shuffle.partitions=N` says otherwise
    (Spark's default of 200 turns each connected-components round into 200 tiny tasks)."""
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    conf = SparkConf()
    builder = SparkSession.builder.appName("disrupt")
    for key, value in (("spark.sql.shuffle.partitions", "8"), ("spark.ui.showConsoleProgress", "false")):
        if not conf.contains(key):
            builder = builder.config(key, value)
    if master:
        builder = builder.master(master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def main(argv: list[str] | None = None, spark=None) -> int:
    """Runs the job; with `spark`, in that session (left running), else in a new one."""
    a = parse(sys.argv[1:] if argv is None else argv)

    root, out = a.root.resolve(), a.out.resolve()
    layout, sources = inputs.discover(root)
    prepare_out(out)
    settings = engine.Settings(engine=str(Path(a.engine).resolve()), key_file=str(Path(a.key_file).resolve()),
                               audit_log=str(Path(a.audit_log).resolve()), audience=a.audience,
                               purpose=a.purpose, suppress_below=a.suppress_below, shipped=a.ship_engine)
    command = ["disrupt_spark.job", *(sys.argv[1:] if argv is None else argv)]
    log = Path(settings.audit_log)
    listed = [{"area": n, "dataset": p} for n, p in sources]
    started = audit.append(log, audit.entry(command, str(root), None, a.audience, a.purpose, [], audit.STARTED, listed))
    own = spark is None
    if own:
        spark = session(a.master)
    scratch = Path(tempfile.mkdtemp(prefix="disrupt-spark-"))
    try:
        ship(spark.sparkContext, settings, scratch)
        areas, read = sources, None
        if layout == "parquet":
            areas, files, read = inputs.stage(spark, root, [n for n, _ in sources], out / STAGED)
        summary, partitions = run_stages(spark, settings, areas, out, a.as_of, read, not a.no_whole_networks)
        summary["layout"] = layout
        if layout == "parquet":
            for p, (_, where) in zip(partitions, sources):
                p.update(staged=p["dataset"], dataset=where, files=files.get(p["area"], []))
        write_summary(out, summary, partitions)
    except BaseException as e:
        audit.append(log, audit.entry(command, str(root), None, a.audience, a.purpose, [],
                                      f"error: {e}".splitlines()[0][:500], listed, completes=started))
        raise
    finally:
        # The staged areas hold person ids, the partials keyed tags: removed whatever happened.
        shutil.rmtree(out / STAGED, ignore_errors=True)
        shutil.rmtree(out / STUDY, ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)
        if own:
            spark.stop()
    fp = audit.fingerprint([(p["area"], p["fingerprint"]) for p in partitions])
    audit.append(log, audit.entry(command, str(root), fp, a.audience, a.purpose, outputs(out), "ok", partitions,
                                  completes=started))
    print_summary(summary, out)
    return 0


def ship(sc, s: engine.Settings, scratch: Path) -> None:
    """Sends the executors this package (unless `spark-submit --py-files` did) and, with
    `--ship-engine`, the binary: once per application, as Spark refuses a second file
    of the same name."""
    if sc.applicationId not in _SENT:
        if "disrupt_spark" not in sc.getConf().get("spark.submit.pyFiles", ""):
            sc.addPyFile(str(package_zip(scratch)))
        _SENT.add(sc.applicationId)
    if s.shipped and (sc.applicationId, s.engine) not in _SENT:
        sc.addFile(s.engine)
        _SENT.add((sc.applicationId, s.engine))


def run_stages(spark, s: engine.Settings, areas: list[tuple[str, str]], out: Path, as_of: str | None,
               read: dict | None = None, whole_networks: bool = True) -> tuple[dict, list[dict]]:
    """The six stages (five without `whole_networks`) over `areas` `(area, dataset
    folder)`; `read` is the rows Spark read per `(area, table)` for the parquet form,
    which the engine must read too. Returns the run's summary and the partitions read."""
    clock = {"start": time.monotonic()}
    checks, totals = check_stage(spark, s, areas, out, read)
    study_as_of = as_of or max(c["as_of"] for c in checks)
    clock["check"] = time.monotonic()
    study_file = str(study.stage(spark, s, areas, out / STUDY, study_as_of, totals))
    clock["study"] = time.monotonic()
    # 3. analyse each area at the study's as-of date, against the study.
    runs = spark.sparkContext.parallelize(areas, len(areas)).map(
        lambda r: engine.analyse(s, r[0], r[1], str(out / "areas" / r[0]), study_as_of, study_file)).collect()
    clock["analyse"] = time.monotonic()
    written = collect_stage(spark, runs, out)
    clock["collect"] = time.monotonic()
    net = None
    if "ties" in written:
        hotspots = spark.read.parquet(str(out / "parquet" / "hotspots"))
        network_study = str(study.with_hotspots(Path(study_file), hotspots))
        net = network.stage(spark, s, areas, out, study_as_of, clock, whole_networks, network_study)
    partitions = [{
        "area": c["area"], "dataset": c["dataset"],
        "fingerprint": audit.fingerprint([(t, c["tables"][t]["sha256"]) for t in TABLE_ORDER if t in c["tables"]]),
        "tables": {t: {k: v[k] for k in ("read", "accepted", "rejected")} for t, v in c["tables"].items()},
    } for c in checks]
    summary = {
        "layout": "folders", "as_of": study_as_of, "audience": s.audience, "areas": [c["area"] for c in checks],
        "quarantine": {t: totals[t] for t in TABLE_ORDER if t in totals},
        "rows": written, "network": net,
        "study": {"sha256": audit.file_sha256(Path(study_file)), "read_against_the_study": ["gi_star", "footfall", "co_presence_rate"]},
        "stage_seconds": {k: round(clock[k] - clock[p], 3) for p, k in zip(list(clock)[:-1], list(clock)[1:])},
    }
    return summary, partitions


def check_stage(spark, s: engine.Settings, areas: list[tuple[str, str]], out: Path, read: dict | None):
    """1. `disrupt check` per area (the quarantine in `OUT/check/<area>/`), the counts
    summed in Spark, `read = accepted + rejected` checked per area and table (and, for
    the parquet form, `read` against the rows Spark read). Returns the checks and totals."""
    from pyspark.sql import functions as F

    checks = spark.sparkContext.parallelize(areas, len(areas)).map(
        lambda r: engine.check(s, r[0], r[1], str(out / "check" / r[0]))).collect()
    counts = spark.createDataFrame(
        [(c["area"], t, v["read"], v["accepted"], v["rejected"], v.get("expired", 0))
         for c in checks for t, v in c["tables"].items()],
        "area string, table string, read long, accepted long, rejected long, expired long")
    bad = counts.where(F.col("read") != F.col("accepted") + F.col("rejected")).collect()
    if bad:
        raise RuntimeError(f"read != accepted + rejected for {[(r.area, r.table) for r in bad]}")
    if read is not None:
        spark_read = spark.createDataFrame([(a, t, n) for (a, t), n in read.items()],
                                           "area string, table string, spark_read long")
        lost = spark_read.join(counts, ["area", "table"], "left") \
            .where(F.col("read").isNull() | (F.col("read") != F.col("spark_read"))).collect()
        if lost:
            raise RuntimeError(f"the engine read other rows than Spark for {[(r.area, r.table) for r in lost]}")
    totals = {r["table"]: r.asDict() for r in counts.groupBy("table").agg(
        *(F.sum(c).alias(c) for c in ("read", "accepted", "rejected", "expired"))).collect()}
    for v in totals.values():
        v.pop("table")
    return checks, totals


def collect_stage(spark, runs: list[dict], out: Path) -> dict[str, int]:
    """3. every area's `hotspots`, `people` and `ties` Parquet into one dataset each,
    partitioned by `study_area`; returns the rows of each table written."""
    from pyspark.sql import functions as F

    written = {}
    for table in COLLECTED:
        present = [(r["area"], p) for r in runs if (p := out / "areas" / r["area"] / f"{table}.parquet").exists()]
        if not present:
            continue  # the partner audience gets no people or ties
        df = None
        for area, p in present:
            part = spark.read.parquet(str(p)).withColumn("study_area", F.lit(area))
            df = part if df is None else df.unionByName(part, allowMissingColumns=True)
        if table == "hotspots":
            df = with_study_rank(df)
        df.write.partitionBy("study_area").parquet(str(out / "parquet" / table))
        written[table] = df.count()
    return written


def with_study_rank(places):
    """`study_rank`: each place's rank over every area, by `total` (ties by `place_id`),
    as one run over the union ranks them."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    order = Window.orderBy(F.col("total").desc(), F.col("place_id").asc())
    return places.withColumn("study_rank", F.row_number().over(order))


def write_summary(out: Path, summary: dict, partitions: list[dict]) -> None:
    (out / "spark-run.json").write_text(json.dumps({**summary, "partitions": partitions}, indent=2) + "\n")


def outputs(out: Path) -> list[dict]:
    """Every file the run wrote outside the areas' own folders (each engine run logged
    those), with its SHA-256."""
    return [{"path": str(p), "sha256": audit.file_sha256(p)} for p in sorted(out.rglob("*"))
            if p.is_file() and p.relative_to(out).parts[0] != "areas" and not p.name.endswith(".crc")]


def print_summary(summary: dict, out: Path) -> None:
    print(f"{len(summary['areas'])} areas ({', '.join(summary['areas'])}), as of {summary['as_of']}, "
          f"{summary['audience']} audience")
    print(f"{'table':<14}{'read':>9}{'accepted':>10}{'rejected':>10}")
    for t, v in summary["quarantine"].items():
        print(f"{t:<14}{v['read']:>9}{v['accepted']:>10}{v['rejected']:>10}")
    net = summary["network"]
    if net:
        print(f"network: {net['components']} components over {net['people_in_ties']} people, "
              f"{net['cross_border_components']} crossing an area border (largest {net['largest_component']})")
    print(f"Wrote {out}/parquet (partitioned by area), {out}/areas/<area>/report.html and {out}/spark-run.json")
    rejected = sum(v["rejected"] for v in summary["quarantine"].values())
    if rejected:
        print(f"hint: {rejected} rejected rows, each with its reason, are in {out}/check/<area>/rejected")


if __name__ == "__main__":
    raise SystemExit(main())
