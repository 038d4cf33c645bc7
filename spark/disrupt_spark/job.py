"""The Spark driver: the disrupt engine over every area of a study, then the cross-border
network.

    python -m disrupt_spark.job ROOT --out OUT --key-file KEY [--audit-log LOG]
        [--audience analyst|strategy|partner] [--purpose TEXT] [--suppress-below N]
        [--as-of DATE] [--engine PATH] [--ship-engine] [--master URL]

ROOT holds one contract dataset per area (`ROOT/<area>/places.csv`, …, CSV or Parquet
tables), on a filesystem every executor reads.

Stages, each a Spark job over the areas (one task per area):

1. **check** -- `disrupt check` per area: the quarantine (`OUT/check/<area>/rejected/`),
   per-table counts summed across areas in Spark (`read = accepted + rejected` checked
   per area and in total) and each area's latest event date; their maximum is the
   study's as-of date unless `--as-of` is given, so every area weights events alike.
2. **analyse** -- `disrupt analyse --as-of` per area: the area's report and tables in
   `OUT/areas/<area>/`, cut for the audience.
3. **collect** -- every area's `hotspots`, `people` and `ties` Parquet into one
   dataset each, partitioned by a `study_area` column (`OUT/parquet/<table>/study_area=<area>/`;
   `area` is the place's own neighbourhood column).
4. **network** -- the union of the tie lists (pseudonyms agree across areas because every
   run reads the one `--key-file`), its connected components by Large-Star/Small-Star
   (`OUT/parquet/components/`), and which components cross an area border.
5. **whole networks** -- each component that crosses a border gathered from the areas
   and analysed whole by `disrupt network` in one task (`OUT/networks/<component>/`).

The run's own audit record (`started`, then `ok` or the error) lists every partition
read with its fingerprint; each engine run logs itself as well.
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

from . import audit, engine, whole

TABLE_ORDER = ("places", "people", "events", "event_people", "links", "actions")
COLLECTED = ("hotspots", "people", "ties")
# What this driver has sent to the executors of each Spark application.
_SENT: set = set()


def discover(root: Path) -> tuple[str, list[tuple[str, str]]]:
    """The layout of ROOT and its areas, `(area, path)` sorted by area."""
    dirs = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    folders = [(p.name, str(p)) for p in dirs if any((p / f"places.{x}").exists() for x in ("csv", "parquet"))]
    if folders:
        return "folders", folders
    raise SystemExit(f"error: {root} holds no area folders (ROOT/<area>/places.csv)\n"
                     f"hint: cut one dataset into areas with `python -m disrupt_spark.split DATASET --out ROOT`")


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
    layout, areas = discover(root)
    prepare_out(out)
    engine_path = str(Path(a.engine).resolve())
    settings = engine.Settings(engine=engine_path, key_file=str(Path(a.key_file).resolve()),
                               audit_log=str(Path(a.audit_log).resolve()), audience=a.audience,
                               purpose=a.purpose, suppress_below=a.suppress_below, shipped=a.ship_engine)
    command = ["disrupt_spark.job", *(sys.argv[1:] if argv is None else argv)]
    started = audit.append(Path(settings.audit_log), audit.entry(
        command, str(root), None, a.audience, a.purpose, [], audit.STARTED,
        [{"area": n, "dataset": p} for n, p in areas]))
    own = spark is None
    if own:
        spark = session(a.master)
    try:
        summary, outputs, partitions = run_stages(spark, settings, layout, areas, out, a.as_of)
    except BaseException as e:
        audit.append(Path(settings.audit_log), audit.entry(
            command, str(root), None, a.audience, a.purpose, [], f"error: {e}".splitlines()[0][:500],
            [{"area": n, "dataset": p} for n, p in areas], completes=started))
        raise
    finally:
        if own:
            spark.stop()
    fp = audit.fingerprint([(p["area"], p["fingerprint"]) for p in partitions])
    audit.append(Path(settings.audit_log), audit.entry(
        command, str(root), fp, a.audience, a.purpose, outputs, "ok", partitions, completes=started))
    print_summary(summary, out)
    return 0


def run_stages(spark, s: engine.Settings, layout: str, areas: list[tuple[str, str]], out: Path, as_of: str | None):
    from pyspark.sql import functions as F

    from . import components

    sc = spark.sparkContext
    scratch = Path(tempfile.mkdtemp(prefix="disrupt-spark-"))
    # Executors import this package: from --py-files under spark-submit, else from a zip
    # of it sent now.
    # once per application: Spark refuses a second file of the same name.
    if sc.applicationId not in _SENT:
        if "disrupt_spark" not in sc.getConf().get("spark.submit.pyFiles", ""):
            sc.addPyFile(str(package_zip(scratch)))
        _SENT.add(sc.applicationId)
    if s.shipped and (sc.applicationId, s.engine) not in _SENT:
        sc.addFile(s.engine)
        _SENT.add((sc.applicationId, s.engine))
    n = len(areas)

    clock = {"start": time.monotonic()}
    # 1. check: the quarantine per area, counts summed in Spark.
    checks = sc.parallelize(areas, n).map(
        lambda r: engine.check(s, r[0], r[1], str(out / "check" / r[0]))).collect()
    counts = spark.createDataFrame(
        [(c["area"], t, v["read"], v["accepted"], v["rejected"], v.get("expired", 0))
         for c in checks for t, v in c["tables"].items()],
        "area string, table string, read long, accepted long, rejected long, expired long")
    bad = counts.where(F.col("read") != F.col("accepted") + F.col("rejected")).collect()
    if bad:
        raise RuntimeError(f"read != accepted + rejected for {[(r.area, r.table) for r in bad]}")
    totals = {r["table"]: r.asDict() for r in counts.groupBy("table").agg(
        *(F.sum(c).alias(c) for c in ("read", "accepted", "rejected", "expired"))).collect()}
    for v in totals.values():
        v.pop("table")
    study_as_of = as_of or max(c["as_of"] for c in checks)

    clock["check"] = time.monotonic()
    # 2. analyse each area at the study's as-of date.
    runs = sc.parallelize(areas, n).map(
        lambda r: engine.analyse(s, r[0], r[1], str(out / "areas" / r[0]), study_as_of)).collect()

    clock["analyse"] = time.monotonic()
    # 3. collect every area's tables into partitioned Parquet.
    written = {}
    for table in COLLECTED:
        paths = [(r["area"], out / "areas" / r["area"] / f"{table}.parquet") for r in runs]
        present = [(area, str(p)) for area, p in paths if p.exists()]
        if not present:
            continue  # the partner audience gets no people or ties
        df = None
        for area, p in present:
            part = spark.read.parquet(p).withColumn("study_area", F.lit(area))
            df = part if df is None else df.unionByName(part, allowMissingColumns=True)
        df.write.partitionBy("study_area").parquet(str(out / "parquet" / table))
        written[table] = df.count()

    clock["collect"] = time.monotonic()
    # 4. the cross-border network.
    network = None
    if "ties" in written:
        ties = merged_ties(spark.read.parquet(str(out / "parquet" / "ties")))
        ties.write.parquet(str(out / "parquet" / "network_ties"))
        ties = spark.read.parquet(str(out / "parquet" / "network_ties"))
        comp = components.connected_components(ties, "entity1", "entity2")
        ties = ties.withColumn("study_area", F.explode(F.split("areas", ";")))
        ends = ties.select(F.col("entity1").alias("id"), "study_area").unionByName(
            ties.select(F.col("entity2").alias("id"), "study_area"))
        spans = ends.join(comp, "id").groupBy("component").agg(
            F.countDistinct("study_area").alias("areas"), F.countDistinct("id").alias("people"))
        comp.join(spans, "component").select(F.col("id").alias("person"), "component", "areas") \
            .write.parquet(str(out / "parquet" / "components"))
        sizes = spans.collect()
        # 5. each cross-border network analysed whole by the engine, one task each.
        crossing = [r.component for r in sizes if r.areas > 1]
        members = {r.person: r.component for r in spark.read.parquet(str(out / "parquet" / "components"))
                   .where(F.col("areas") > 1).collect()}
        gathered = sc.parallelize(areas, n).flatMap(
            lambda r: whole.gather(s.key_file, r[0], r[1], members)).collect()
        staged = []
        for comp, tables in whole.assemble(gathered, crossing).items():
            folder = out / ".networks" / comp
            whole.write(folder, tables)
            staged.append((comp, str(folder)))
        sc.parallelize(staged, max(1, len(staged))).map(
            lambda r: whole.analyse(s, r[0], r[1], str(out / "networks" / r[0]), study_as_of)).collect()
        shutil.rmtree(out / ".networks", ignore_errors=True)
        network = {
            "components": len(sizes),
            "people_in_ties": sum(r.people for r in sizes),
            "cross_border_components": sum(1 for r in sizes if r.areas > 1),
            "largest_component": max((r.people for r in sizes), default=0),
            "analysed_whole": sorted(crossing),
        }

    clock["network"] = time.monotonic()
    partitions = [{
        "area": c["area"], "dataset": c["dataset"],
        "fingerprint": audit.fingerprint([(t, c["tables"][t]["sha256"]) for t in TABLE_ORDER if t in c["tables"]]),
        "tables": {t: {k: v[k] for k in ("read", "accepted", "rejected")} for t, v in c["tables"].items()},
    } for c in checks]
    summary = {
        "layout": layout, "as_of": study_as_of, "audience": s.audience, "areas": [c["area"] for c in checks],
        "quarantine": {t: totals[t] for t in TABLE_ORDER if t in totals},
        "rows": written, "network": network, "partitions": partitions,
        "stage_seconds": {k: round(clock[k] - clock[p], 3) for p, k in zip(list(clock)[:-1], list(clock)[1:])},
    }
    (out / "spark-run.json").write_text(json.dumps(summary, indent=2) + "\n")
    outputs = [{"path": str(p), "sha256": audit.file_sha256(p)}
               for p in sorted(out.rglob("*")) if p.is_file() and "areas" not in p.relative_to(out).parts[:1]
               and not p.name.endswith(".crc")]
    shutil.rmtree(scratch, ignore_errors=True)
    return summary, outputs, partitions


def merged_ties(ties):
    """The study's tie list from the areas' lists: one row per pair of pseudonyms
    (`entity1` < `entity2`), its weight summed over the areas that hold evidence for it
    (a tie's weight is a sum over its links and shared events, and every link and event
    is held by one area), its link types merged, and the areas holding it (`a;b`)."""
    from pyspark.sql import functions as F

    pair = ties.select(
        F.least("entity1", "entity2").alias("entity1"), F.greatest("entity1", "entity2").alias("entity2"),
        "weight", F.split("link_type", "[+]").alias("types"), "study_area")
    return pair.groupBy("entity1", "entity2").agg(
        F.sum("weight").alias("weight"),
        F.array_join(F.array_sort(F.array_distinct(F.flatten(F.collect_list("types")))), "+").alias("link_type"),
        F.array_join(F.array_sort(F.collect_set("study_area")), ";").alias("areas"))


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
