"""The disrupt release binary, run inside a Spark task on one area.

The binary is either a path every executor can read (a shared filesystem or the same
install on every node) or shipped with `SparkContext.addFile` and found with
`SparkFiles.get`; see `docs/scale.md` for why a process and not a PyO3 module. Every run
writes its own audit record (the engine logs itself) into the shared audit log and
reads the shared pseudonym key, so a person has the same pseudonym in every area.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """What every engine run in a Spark job shares: the binary, the privacy flags and the
    audience, identical to a single-machine run's."""

    engine: str
    key_file: str
    audit_log: str
    audience: str = "analyst"
    purpose: str | None = None
    suppress_below: int | None = None
    shipped: bool = False
    extra: tuple[str, ...] = field(default=())

    def binary(self) -> str:
        if not self.shipped:
            return self.engine
        from pyspark import SparkFiles

        path = SparkFiles.get(os.path.basename(self.engine))
        mode = os.stat(path).st_mode
        if not mode & stat.S_IXUSR:
            os.chmod(path, mode | stat.S_IXUSR)
        return path

    def privacy_flags(self, audience: str | None = None) -> list[str]:
        flags = ["--audience", audience or self.audience, "--key-file", self.key_file, "--audit-log", self.audit_log]
        if self.purpose:
            flags += ["--purpose", self.purpose]
        if self.suppress_below is not None:
            flags += ["--suppress-below", str(self.suppress_below)]
        return flags


class EngineError(RuntimeError):
    """The engine exited with an error; carries its exit code and stderr."""

    def __init__(self, area: str, args: list[str], code: int, stderr: str):
        super().__init__(f"disrupt failed on area {area} (exit {code}): {' '.join(args)}\n{stderr}")
        self.code = code


def run(s: Settings, area: str, args: list[str], audience: str | None = None) -> subprocess.CompletedProcess:
    cmd = [s.binary(), *args, *s.privacy_flags(audience), *s.extra]
    done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    if done.returncode != 0:
        raise EngineError(area, cmd, done.returncode, done.stderr)
    return done


def check(s: Settings, area: str, dataset: str, out: str) -> dict:
    """Validates one area (`disrupt check --out`): per-table read, accepted, rejected and
    the area's latest event date. The quarantine stays in `out/rejected/`."""
    run(s, area, ["check", dataset, "--out", out])
    report = json.loads((Path(out) / "check.json").read_text())
    return {
        "area": area,
        "dataset": dataset,
        "as_of": report["as_of"],
        "tables": {t: {k: v[k] for k in ("read", "accepted", "rejected", "expired", "sha256") if k in v}
                   for t, v in report["tables"].items() if v.get("present", True)},
    }


def partials(s: Settings, area: str, dataset: str, out: str, as_of: str, rank: int) -> dict:
    """One area's part of the study-wide figures (`disrupt partials`), admitting the
    records the run's audience admits. The part keys each child by their keyed tag, so
    it is written for the analyst audience whatever the run's, into a private folder,
    and read only by the reduce (`study`)."""
    run(s, area, ["partials", dataset, "--out", out, "--as-of", as_of, "--extent-rank", str(rank),
                  "--for-audience", s.audience], audience="analyst")
    return json.loads((Path(out) / "partials.json").read_text())


def analyse(s: Settings, area: str, dataset: str, out: str, as_of: str, study: str | None = None) -> dict:
    """The main job on one area at the study's as-of date: the area's report, tables and
    `run.json` in `out`, read against the study's figures with `study`. Returns the files
    written with their hashes."""
    run(s, area, ["analyse", dataset, "--out", out, "--as-of", as_of, *(["--study", study] if study else [])])
    manifest = json.loads((Path(out) / "manifest.json").read_text())
    return {"area": area, "out": out, "files": manifest.get("files", manifest)}


def network(s: Settings, name: str, dataset: str, out: str, as_of: str, study: str | None = None) -> dict:
    """The network stage alone (`disrupt network`) on one dataset, e.g. a cross-border
    component gathered from several areas, read against the study's figures and
    hotspots with `study`."""
    run(s, name, ["network", dataset, "--out", out, "--as-of", as_of, *(["--study", study] if study else [])])
    return json.loads((Path(out) / "run.json").read_text())
