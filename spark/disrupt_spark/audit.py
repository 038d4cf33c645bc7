"""Appends records to the engine's audit log (`src/privacy/audit.rs`), so a Spark run is
logged in the same hash chain as the engine runs it starts, and `disrupt audit verify`
checks both.

Each line is the JSON of `{seq, prev, time, user, command, dataset, dataset_fingerprint,
audience, purpose, reveal_names, include_expired, outputs, outcome[, completes]}` with no
spaces, `prev` the SHA-256 of the line before (64 zeros for the first). A head file
`LOG.head` holds `{lines, last}`. The append follows the engine's: an exclusive `flock`
on the log, the new head staged beside it, the line written and flushed, then the head
renamed into place. A Spark record carries one more field, `partitions`: every area read,
with its dataset folder and the fingerprint of its tables.
"""

from __future__ import annotations

import datetime as _dt
import fcntl
import hashlib
import json
import os
from pathlib import Path

GENESIS = "0" * 64

# The outcome of a record written when a run starts.
STARTED = "started"


def user() -> str:
    for var in ("USER", "LOGNAME", "USERNAME"):
        if os.environ.get(var):
            return os.environ[var]
    return f"uid {os.getuid()}"


def fingerprint(items: list[tuple[str, str]]) -> str:
    """SHA-256 over `name=hash\\n` lines, in the order given: the engine's dataset
    fingerprint over its tables, and the Spark run's over its areas."""
    h = hashlib.sha256()
    for name, value in items:
        h.update(f"{name}={value}\n".encode())
    return h.hexdigest()


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def _tail(path: Path) -> tuple[int, str]:
    lines, last = 0, GENESIS
    if path.exists():
        with open(path, "rb") as f:
            for raw in f:
                lines += 1
                last = hashlib.sha256(raw.rstrip(b"\n")).hexdigest()
    return lines, last


def append(log: Path, entry: dict) -> int:
    """Appends `entry` (the fields after `seq` and `prev`, in the engine's order) and
    returns its `seq`."""
    log = Path(log)
    log.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "ab") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            lines, last = _tail(log)
            line = {"seq": lines + 1, "prev": last, **entry}
            text = json.dumps(line, separators=(",", ":"), ensure_ascii=False)
            head = log.with_name(log.name + ".head")
            tmp = head.with_name(f".{head.name}.tmp{os.getpid()}")
            tfd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(tfd, "w") as h:
                json.dump({"lines": line["seq"], "last": hashlib.sha256(text.encode()).hexdigest()}, h, separators=(",", ":"))
                h.write("\n")
                h.flush()
                os.fsync(h.fileno())
            f.write(text.encode() + b"\n")
            f.flush()
            os.fsync(f.fileno())
            os.replace(tmp, head)
            return line["seq"]
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def entry(command: list[str], dataset: str, fp: str | None, audience: str, purpose: str | None,
          outputs: list[dict], outcome: str, partitions: list[dict], completes: int | None = None) -> dict:
    """A record in the engine's field order, stamped with the wall clock (the log records
    real time)."""
    e = {
        "time": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "user": user(),
        "command": command,
        "dataset": dataset,
        "dataset_fingerprint": fp,
        "audience": audience,
        "purpose": purpose,
        "reveal_names": False,
        "include_expired": False,
        "outputs": outputs,
        "outcome": outcome,
    }
    if completes is not None:
        e["completes"] = completes
    e["partitions"] = partitions
    return e
