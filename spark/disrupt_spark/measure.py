"""Wall time and peak memory of one command with every process it starts, for
`benches/spark.sh`.

    python -m disrupt_spark.measure RESULTS.jsonl LABEL [--stages RUN.json] -- CMD ...
    python -m disrupt_spark.measure --summary RESULTS.jsonl

A Spark job is many processes at once (the driver's Python, the JVM, Python workers,
an engine per task), so the largest one's resident set (what `/usr/bin/time` reports,
`ru_maxrss` of the children, also recorded) understates what the machine must hold. The
peak here is the largest sum of the proportional set sizes (PSS, `smaps_rollup`: shared
pages split between the processes sharing them) over the command's process tree,
sampled every 0.2 s. Each call appends one JSON line; `--summary` prints the median of
each label's runs as a Markdown table.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            stat = Path(f"/proc/{d}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(d))
    return kids


def _pss(pid: int) -> int:
    """Bytes of `pid`'s proportional set size (its resident set where unavailable)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def tree_memory(root: int) -> int:
    """The PSS summed over `root` and all its descendants, in bytes."""
    kids, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        total += _pss(pid)
        todo += kids.get(pid, [])
    return total


def run(cmd: list[str]) -> dict:
    """Runs `cmd` (output discarded) and returns its wall time and peak memory."""
    t = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while p.poll() is None:
        peak = max(peak, tree_memory(p.pid))
        time.sleep(0.2)
    wall = time.monotonic() - t
    err = p.stderr.read().decode(errors="replace")
    if p.returncode != 0:
        raise SystemExit(f"error: {' '.join(cmd)} exited {p.returncode}\n{err[-3000:]}")
    maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return {"wall_s": round(wall, 2), "peak_tree_bytes": peak, "max_rss_bytes": maxrss}


def summary(path: Path) -> str:
    """The median of each label's runs, as a Markdown table."""
    runs: dict[str, list[dict]] = {}
    for line in path.read_text().splitlines():
        r = json.loads(line)
        runs.setdefault(r["label"], []).append(r)
    rows = ["| run | runs | wall time (median) | every run (s) | peak memory, all processes | "
            "largest process | stages (median s) |", "| --- | ---: | ---: | --- | ---: | ---: | --- |"]
    for label, rs in runs.items():
        def med(k):
            return statistics.median(r[k] for r in rs)
        stages = ", ".join(f"{k} {statistics.median(r['stages'][k] for r in rs):.1f}"
                           for k in rs[0].get("stages") or {})
        every = ", ".join(f"{r['wall_s']:.1f}" for r in rs)
        rows.append(f"| {label} | {len(rs)} | {med('wall_s'):.1f} s | {every} "
                    f"| {med('peak_tree_bytes') / 2**30:.2f} GiB | {med('max_rss_bytes') / 2**30:.2f} GiB "
                    f"| {stages or '–'} |")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--summary"]:
        print(summary(Path(argv[1])))
        return 0
    if "--" not in argv or argv.index("--") < 2:
        raise SystemExit(__doc__)
    sep = argv.index("--")
    results, label, opts, cmd = Path(argv[0]), argv[1], argv[2:sep], argv[sep + 1:]
    r = {"label": label, **run(cmd)}
    if opts[:1] == ["--stages"]:
        r["stages"] = json.loads(Path(opts[1]).read_text())["stage_seconds"]
    with results.open("a") as f:
        f.write(json.dumps(r) + "\n")
    print(f"{label}: {r['wall_s']:.1f} s, peak {r['peak_tree_bytes'] / 2**30:.2f} GiB "
          f"(largest process {r['max_rss_bytes'] / 2**30:.2f} GiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
