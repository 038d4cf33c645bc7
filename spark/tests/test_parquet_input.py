"""The job's second input form, one partitioned Parquet dataset per table with a `study_area`
column, against the first (one folder per area) on the same four areas with the same
bad rows: every output equal, the quarantine and `read = accepted + rejected` per
partition held, every Parquet file read in the audit record, and the areas' staged
datasets (they hold person ids) private and removed."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from conftest import AREAS, ENGINE, EXAMPLE
from disrupt_spark import audit, inputs, split, whole

TABLES = ("hotspots", "people", "ties", "network_ties", "components")


def frame(path: Path) -> pd.DataFrame:
    """A Parquet dataset as a frame in one order, whatever its files' order."""
    df = pd.read_parquet(path)
    df = df[sorted(df.columns)]
    return df.sort_values(list(df.columns)).reset_index(drop=True)


def test_split_writes_the_csv_cut_as_partitioned_parquet(tmp_path):
    info = split.split(EXAMPLE, tmp_path / "pq", 4, "parquet")
    split.split(EXAMPLE, tmp_path / "csv", 4)
    assert info["format"] == "parquet" and info["areas"] == sorted(AREAS)
    assert not list((tmp_path / "pq").glob(".split-*")), "the CSV cut in between is removed"
    for table in split.TABLES:
        assert sorted(inputs.partition_dirs(tmp_path / "pq", table)) == sorted(AREAS)
        for a in AREAS:
            with (tmp_path / "csv" / a / f"{table}.csv").open(newline="", encoding="utf-8") as f:
                want = list(csv.DictReader(f))
            got = pq.read_table(tmp_path / "pq" / table / f"study_area={a}" / "part-00000.parquet").to_pylist()
            assert [{k: v or "" for k, v in r.items()} for r in got] == want, (table, a)


def test_discover_tells_the_two_forms_apart(areas, parquet_areas):
    assert inputs.discover(areas[0]) == ("folders", [(a, str(areas[0] / a)) for a in AREAS])
    layout, found = inputs.discover(parquet_areas)
    assert layout == "parquet" and [a for a, _ in found] == list(AREAS)


def test_staged_areas_are_private_and_hold_the_areas_rows(spark, areas, parquet_areas, tmp_path):
    dest = tmp_path / "staged"
    staged, files, rows = inputs.stage(spark, parquet_areas, list(AREAS), dest)
    assert dest.stat().st_mode & 0o777 == 0o700
    assert staged == [(a, str(dest / a)) for a in AREAS]
    for a in AREAS:
        assert (dest / a).stat().st_mode & 0o777 == 0o700
        assert sorted(f["table"] for f in files[a]) == sorted(split.TABLES)
        for table in split.TABLES:
            header, want = whole._rows(areas[0] / a, table)
            got_header, got = whole._rows(dest / a, table)
            assert got_header == header and got == want and rows[a, table] == len(want), (a, table)


def test_outputs_equal_the_folder_form(study, parquet_study):
    for table in TABLES:
        pd.testing.assert_frame_equal(frame(parquet_study / "parquet" / table), frame(study / "parquet" / table),
                                      check_dtype=False, obj=table)
    folder = json.loads((study / "spark-run.json").read_text())
    ours = json.loads((parquet_study / "spark-run.json").read_text())
    assert ours["layout"] == "parquet" and folder["layout"] == "folders"
    for k in ("as_of", "areas", "quarantine", "rows", "network"):
        assert ours[k] == folder[k], k
    for a in AREAS:
        for name in ("hotspots", "people", "ties"):
            pd.testing.assert_frame_equal(frame(parquet_study / "areas" / a / f"{name}.parquet"),
                                          frame(study / "areas" / a / f"{name}.parquet"), obj=(a, name))
        for rejected in (study / "check" / a / "rejected").glob("*.csv"):
            ours_rej = pd.read_csv(parquet_study / "check" / a / "rejected" / rejected.name, dtype=str)
            theirs = pd.read_csv(rejected, dtype=str)
            assert len(ours_rej) == len(theirs) and list(ours_rej.get("reason", [])) == list(theirs.get("reason", []))
    for comp in folder["network"]["analysed_whole"]:
        for name in ("people", "ties"):
            pd.testing.assert_frame_equal(frame(parquet_study / "networks" / comp / f"{name}.parquet"),
                                          frame(study / "networks" / comp / f"{name}.parquet"), obj=(comp, name))


def test_quarantine_holds_per_partition(parquet_study, study_run):
    ours = json.loads((parquet_study / "spark-run.json").read_text())
    for p, q in zip(ours["partitions"], study_run["partitions"]):
        assert p["area"] == q["area"] and p["tables"] == q["tables"]
        for table, v in p["tables"].items():
            assert v["read"] == v["accepted"] + v["rejected"], (p["area"], table)


def test_audit_lists_every_file_read_and_the_staged_areas_are_gone(parquet_study, parquet_areas, work):
    log = work / "audit-parquet.jsonl"
    done = subprocess.run([str(ENGINE), "audit", "verify", str(log)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = [json.loads(x) for x in log.read_text().splitlines()]
    started, finished = [x for x in lines if x["command"][0] == "disrupt_spark.job"][-2:]
    assert started["outcome"] == "started" and finished["outcome"] == "ok"
    assert [p["area"] for p in started["partitions"]] == list(AREAS)
    want = sorted(str(p) for p in parquet_areas.glob("*/study_area=*/*.parquet"))
    listed = sorted(f["path"] for p in finished["partitions"] for f in p["files"])
    assert listed == want
    for p in finished["partitions"]:
        assert p["dataset"] == f"{parquet_areas}/*/study_area={p['area']}"
        for f in p["files"]:
            assert f["sha256"] == audit.file_sha256(Path(f["path"])) and f"/study_area={p['area']}/" in f["path"]
    # Each partition's fingerprint is the engine's for its run on that area's staged tables.
    engine_fp = {x["dataset"]: x["dataset_fingerprint"] for x in lines
                 if x["command"][1:2] == ["analyse"] and x["outcome"] == "ok"}
    for p in finished["partitions"]:
        assert Path(p["staged"]).parent == parquet_study / ".inputs"
        assert p["fingerprint"] == engine_fp[p["staged"]], p["area"]
    assert not (parquet_study / ".inputs").exists(), "the staged areas hold person ids and are removed"
    assert not any(".inputs" in o["path"] for o in finished["outputs"])
