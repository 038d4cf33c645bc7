"""Each cross-border network gathered from the areas into one dataset and analysed whole
by the engine (`disrupt network`) in one task.

The tie lists carry pseudonyms only; the tasks that gather a component's rows read the
areas' own tables and the shared key, and compute the same pseudonym the engine does
(HMAC-SHA-256 of the `person_id`, `src/privacy/pseudonym.rs`) to know who is in it. The
component's dataset holds its people, their events and those events' `event_people`
rows, the links between them, and every place of every area (so an event with
coordinates only snaps as it does on one machine). It is written under the run's output
folder with mode 0700 and removed once analysed: it holds person ids.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import os
import shutil
from pathlib import Path

from . import engine

TABLES = ("places", "people", "events", "event_people", "links")


def key_bytes(path: str) -> bytes:
    """The key as the engine reads a key file: text trimmed of white space, else raw."""
    raw = Path(path).read_bytes()
    try:
        return raw.decode("utf-8").strip().encode("utf-8")
    except UnicodeDecodeError:
        return raw


def pseudonym(key: bytes, person_id: str, digits: int = 12) -> str:
    return "P-" + hmac.new(key, person_id.encode("utf-8"), hashlib.sha256).hexdigest().upper()[:digits]


def _rows(folder: Path, table: str) -> tuple[list[str], list[dict]]:
    """An area's table as its header and rows of text, from `<table>.csv` or
    `<table>.parquet` (cells cast to text, a null as the empty cell CSV would hold)."""
    path = folder / f"{table}.csv"
    if path.exists():
        with path.open(newline="", encoding="utf-8") as f:
            r = csv.DictReader(f)
            return list(r.fieldnames or []), list(r)
    path = folder / f"{table}.parquet"
    if not path.exists():
        return [], []
    import pyarrow as pa
    import pyarrow.parquet as pq

    t = pq.read_table(path)
    t = t.cast(pa.schema([(f.name, pa.string()) for f in t.schema]))
    return t.column_names, [{k: ("" if v is None else v) for k, v in r.items()} for r in t.to_pylist()]


def gather(key_file: str, area: str, dataset: str, members: dict[str, str]) -> list[tuple[str, str, list[str], dict]]:
    """`(component, table, header, row)` for every row of one area that a component in
    `members` (pseudonym -> component) needs; places go to every component (`*`)."""
    key = key_bytes(key_file)
    folder = Path(dataset)
    out = []
    header, places = _rows(folder, "places")
    out += [("*", "places", header, r) for r in places]
    header, people = _rows(folder, "people")
    comp_of = {}
    for r in people:
        c = members.get(pseudonym(key, r["person_id"]))
        if c is not None:
            comp_of[r["person_id"]] = c
            out.append((c, "people", header, r))
    header, eps = _rows(folder, "event_people")
    event_comp = {ep["event_id"]: comp_of[ep["person_id"]] for ep in eps if ep.get("person_id") in comp_of}
    out += [(event_comp[ep["event_id"]], "event_people", header, ep) for ep in eps if ep.get("event_id") in event_comp]
    header, events = _rows(folder, "events")
    out += [(event_comp[e["event_id"]], "events", header, e) for e in events if e.get("event_id") in event_comp]
    header, links = _rows(folder, "links")
    out += [(comp_of[link["from_id"]], "links", header, link) for link in links
            if link.get("from_id") in comp_of and link.get("to_id") in comp_of]
    return out


def write_table(path: Path, header: list[str], rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def write(folder: Path, tables: dict[str, tuple[list[str], list[dict]]], places: Path) -> None:
    """One component's dataset in `folder` (mode 0700); its `places.csv` a hard link to
    the study's `places`, written once for every component (a copy where a link fails)."""
    folder.mkdir(parents=True, mode=0o700)
    for table, (header, rows) in tables.items():
        if table != "places":
            write_table(folder / f"{table}.csv", header, rows)
    try:
        os.link(places, folder / "places.csv")
    except OSError:
        shutil.copyfile(places, folder / "places.csv")


def assemble(rows, components: list[str]):
    """The rows gathered from every area, as the study's places (which every
    component's dataset holds, so assembled once) and one dataset per component. A
    person held by two areas appears once, with the home address from the area that
    holds it; a place held twice (it should not be) once."""
    data = {c: {t: ([], []) for t in TABLES} for c in [*components, "*"]}
    seen = {c: {t: {} for t in TABLES} for c in data}
    ident = {"places": "place_id", "people": "person_id", "events": "event_id"}
    for c, table, header, row in rows:
        if not data[c][table][0]:
            data[c][table] = (header, [])
        k = row[ident[table]] if table in ident else tuple(row.items())
        prev = seen[c][table].get(k)
        if prev is None:
            seen[c][table][k] = row
            data[c][table][1].append(row)
        elif table == "people" and not prev.get("home_place_id") and row.get("home_place_id"):
            prev["home_place_id"] = row["home_place_id"]
    return data.pop("*")["places"], data


def analyse(s: engine.Settings, name: str, folder: str, out: str, as_of: str) -> dict:
    try:
        return engine.network(s, name, folder, out, as_of)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
