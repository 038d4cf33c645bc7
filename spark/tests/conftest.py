"""Shared fixtures: the engine, a pseudonym key, the bundled example analysed on one
machine, the example cut into four areas with a few bad rows added, and one Spark run of
the job over those areas (in `local[2]`, or on SPARK_MASTER when it is set)."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from disrupt_spark import job, split

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "datasets" / "example-borough"
ENGINE = Path(os.environ.get("DISRUPT", ROOT / "target" / "release" / "disrupt"))
AREAS = ("north-east", "north-west", "south-east", "south-west")

# Rows the engine must reject, added to two areas and to the single-machine union alike,
# so the quarantine is exercised: (area, table, row).
BAD_ROWS = (
    ("north-east", "events", {"event_id": "EBAD0001", "kind": "sighting", "occurred_at": "not a date", "place_id": "PL00001"}),
    ("north-east", "events", {"event_id": "EBAD0002", "kind": "teleport", "occurred_at": "2026-05-01T10:00:00", "place_id": "PL00001"}),
    ("south-west", "places", {"place_id": "PLBAD001", "kind": "hotel", "name": "No coordinates"}),
)


def append_rows(path: Path, rows: list[dict]) -> None:
    with path.open(newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    with path.open("a", newline="", encoding="utf-8") as f:
        csv.DictWriter(f, fieldnames=header, lineterminator="\n").writerows(rows)


@pytest.fixture(scope="session")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("spark")


@pytest.fixture(scope="session")
def key(work) -> Path:
    k = work / "pseudonym.key"
    k.write_text("spark-test-key-0123456789abcdef\n")
    k.chmod(0o600)
    return k


@pytest.fixture(scope="session")
def spark():
    s = job.session(os.environ.get("SPARK_MASTER", "local[2]"))
    yield s
    s.stop()


def disrupt(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(ENGINE), *args], capture_output=True, text=True, check=True)


@pytest.fixture(scope="session")
def union(work) -> Path:
    """The example with the bad rows added: what one machine holding every area reads."""
    d = work / "union"
    shutil.copytree(EXAMPLE, d)
    for _, table, row in BAD_ROWS:
        append_rows(d / f"{table}.csv", [row])
    return d


@pytest.fixture(scope="session")
def single(work, union, key) -> Path:
    """`disrupt analyse` on the union, on one machine."""
    out = work / "single"
    disrupt("analyse", str(union), "--out", str(out), "--key-file", str(key), "--audit-log", str(work / "single-audit.jsonl"))
    disrupt("check", str(union), "--out", str(work / "single-check"), "--key-file", str(key), "--audit-log", str(work / "single-audit.jsonl"))
    return out


@pytest.fixture(scope="session")
def areas(work) -> tuple[Path, dict]:
    """The example cut into four areas, with the bad rows added to theirs."""
    root = work / "areas"
    info = split.split(EXAMPLE, root, 4)
    for area, table, row in BAD_ROWS:
        append_rows(root / area / f"{table}.csv", [row])
    return root, info


@pytest.fixture(scope="session")
def study(work, areas, key, spark) -> Path:
    """One Spark run of the job over the four areas."""
    out = work / "study"
    job.main([str(areas[0]), "--out", str(out), "--key-file", str(key), "--audit-log", str(work / "audit.jsonl"),
              "--engine", str(ENGINE)], spark=spark)
    return out


@pytest.fixture(scope="session")
def study_run(study) -> dict:
    return json.loads((study / "spark-run.json").read_text())


@pytest.fixture(scope="session")
def parquet_areas(work, areas) -> Path:
    """The same four areas, bad rows included, in the job's second input form: one
    partitioned Parquet dataset per table (`ROOT/<table>/study_area=<area>/part-00000.parquet`),
    converted as `split --format parquet` converts its cut."""
    root = work / "areas-parquet"
    split.to_parquet(areas[0], root, list(AREAS), list(split.TABLES))
    return root


@pytest.fixture(scope="session")
def parquet_study(work, parquet_areas, key, spark) -> Path:
    """One Spark run of the job over the parquet form, logged in an audit log of its own."""
    out = work / "study-parquet"
    job.main([str(parquet_areas), "--out", str(out), "--key-file", str(key),
              "--audit-log", str(work / "audit-parquet.jsonl"), "--engine", str(ENGINE)], spark=spark)
    return out
