"""The job's cross-border network: the areas' tie lists merged into the study's, its
connected components, and each component that crosses an area border gathered from the
areas and analysed whole by the engine (`disrupt network`) in one task.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from . import components, engine, whole


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


def spans(spark, out: Path):
    """The merged tie list (`OUT/parquet/network_ties`), its components with how many
    areas each spans (`OUT/parquet/components`), and one row per component:
    `(component, areas, people)`."""
    from pyspark.sql import functions as F

    ties = merged_ties(spark.read.parquet(str(out / "parquet" / "ties")))
    ties.write.parquet(str(out / "parquet" / "network_ties"))
    ties = spark.read.parquet(str(out / "parquet" / "network_ties"))
    comp = components.connected_components(ties, "entity1", "entity2")
    ties = ties.withColumn("study_area", F.explode(F.split("areas", ";")))
    ends = ties.select(F.col("entity1").alias("id"), "study_area").unionByName(
        ties.select(F.col("entity2").alias("id"), "study_area"))
    per = ends.join(comp, "id").groupBy("component").agg(
        F.countDistinct("study_area").alias("areas"), F.countDistinct("id").alias("people"))
    comp.join(per, "component").select(F.col("id").alias("person"), "component", "areas") \
        .write.parquet(str(out / "parquet" / "components"))
    return per.collect()


def analyse_whole(spark, s: engine.Settings, areas: list[tuple[str, str]], out: Path, crossing: list[str],
                  as_of: str, study: str | None = None) -> None:
    """Each crossing component gathered from the areas and written as a dataset of its
    own, all on the executors (`whole`), then analysed by `disrupt network` in one task
    each (`OUT/networks/<component>/`); the datasets (mode 0700: they hold person ids)
    are removed."""
    from pyspark.sql import functions as F

    sc = spark.sparkContext
    members = sc.broadcast({r.person: r.component for r in spark.read.parquet(str(out / "parquet" / "components"))
                            .where(F.col("areas") > 1).select("person", "component").collect()})
    base = out / ".networks"
    rows = base / ".rows"
    rows.mkdir(mode=0o700, parents=True)
    os.chmod(base, 0o700)
    try:
        indexed = list(enumerate(d for _, d in areas))
        sc.parallelize(indexed, len(indexed)).map(
            lambda r: whole.gather(s.key_file, r[0], r[1], members, str(rows))).collect()
        sc.parallelize([0], 1).map(lambda _: whole.write_places(str(rows), str(base))).collect()
        empty = {}
        for table in whole.TABLES[1:]:
            if not (rows / table).exists():
                continue
            df = spark.read.option("mergeSchema", "true").parquet(str(rows / table))
            df.groupBy("component").applyInArrow(
                whole.component_writer(str(base), table), "component string, table string, rows long").collect()
            empty[table] = df.drop("component", *whole.ORDER).limit(0).toArrow()
        staged = [(c, str(base / c)) for c in crossing]
        for _, folder in staged:
            whole.complete(Path(folder), base / "places.parquet", empty)
        sc.parallelize(staged, max(1, len(staged))).map(
            lambda r: whole.analyse(s, r[0], r[1], str(out / "networks" / r[0]), as_of, study)).collect()
    finally:
        members.unpersist()
        shutil.rmtree(base, ignore_errors=True)


def stage(spark, s: engine.Settings, areas: list[tuple[str, str]], out: Path, as_of: str, clock: dict,
          whole_networks: bool = True, study: str | None = None) -> dict:
    """Stages 4 and 5 of the job (5 unless `whole_networks` is false), each one's end
    noted in `clock`; returns the network's summary for `spark-run.json`."""
    sizes = spans(spark, out)
    crossing = sorted(r.component for r in sizes if r.areas > 1)
    clock["components"] = time.monotonic()
    if whole_networks:
        analyse_whole(spark, s, areas, out, crossing, as_of, study)
        clock["whole_networks"] = time.monotonic()
    return {
        "components": len(sizes),
        "people_in_ties": sum(r.people for r in sizes),
        "cross_border_components": len(crossing),
        "largest_component": max((r.people for r in sizes), default=0),
        "analysed_whole": crossing if whole_networks else [],
    }
