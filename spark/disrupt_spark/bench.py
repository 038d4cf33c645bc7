"""Wall time of the bundled example cut into four areas on Spark against one process.

    bash spark/run.sh bench [RUNS]    (default 3)

Runs, paired and alternating (one process, Spark, one process, Spark, ...), so drift in
the machine's load falls on both: `disrupt analyse` on the whole example, and the Spark
job (`python -m disrupt_spark.job`, JVM start-up included) over the four areas on
SPARK_MASTER (default `local[2]`). Prints the median and every run of each, and the
median of the Spark job's own stage times. Plain `time.monotonic`, no harness.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import split

ROOT = Path(__file__).resolve().parents[2]


def timed(cmd: list[str]) -> float:
    t = time.monotonic()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - t


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 3
    engine = os.environ.get("DISRUPT", str(ROOT / "target" / "release" / "disrupt"))
    master = os.environ.get("SPARK_MASTER", "local[2]")
    work = Path(tempfile.mkdtemp(prefix="disrupt-spark-bench-"))
    try:
        example = ROOT / "datasets" / "example-borough"
        split.split(example, work / "areas", 4)
        key = work / "key"
        key.write_text("bench-key-0123456789abcdef\n")
        key.chmod(0o600)
        log = str(work / "audit.jsonl")
        one = [engine, "analyse", str(example), "--out", str(work / "one"), "--key-file", str(key), "--audit-log", log]
        spark = [sys.executable, "-m", "disrupt_spark.job", str(work / "areas"), "--out", str(work / "spark"),
                 "--key-file", str(key), "--audit-log", log, "--engine", engine, "--master", master]
        t_one, t_spark, stages = [], [], []
        for _ in range(runs):
            t_one.append(timed(one))
            t_spark.append(timed(spark))
            stages.append(json.loads((work / "spark" / "spark-run.json").read_text())["stage_seconds"])
        print(f"{platform.node()}: {os.cpu_count()} cores, {runs} paired runs, Spark master {master}")
        print(f"one process (disrupt analyse, whole example)   median {statistics.median(t_one):6.1f} s   "
              f"runs {', '.join(f'{t:.1f}' for t in t_one)}")
        print(f"Spark job (4 areas, JVM start-up included)     median {statistics.median(t_spark):6.1f} s   "
              f"runs {', '.join(f'{t:.1f}' for t in t_spark)}")
        print("Spark stages (median s): " + ", ".join(
            f"{k} {statistics.median(s[k] for s in stages):.1f}" for k in stages[0]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
