"""Each cross-border network gathered from the areas into one dataset and analysed whole
by the engine (`disrupt network`) in one task, with no row passing through the driver.

The tie lists carry pseudonyms only; the tasks that gather a component's rows read the
areas' own tables and the shared key, and compute the same pseudonym the engine does
(HMAC-SHA-256 of the `person_id`, `src/privacy/pseudonym.rs`) to know who is in it. The
component's dataset holds its people, their events and those events' `event_people`
rows, the links between them, and every place of every area (so an event with
coordinates only snaps as it does on one machine).

Three steps, each on the executors: every area's task writes the rows each component
needs as Parquet with a `component` column (`gather`); one task writes the study's
places once (`write_places`); and for each table, `groupBy("component").applyInArrow`
writes each component's rows, a person held by two areas once (`component_writer`).
Everything is written under the run's output folder with mode 0700 and removed once
analysed: it holds person ids.
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


ORDER = ("area_order", "row")  # where a row was read: first seen is kept


def _arrow(folder: Path, table: str):
    """An area's table as Arrow, every column text, an empty cell null; None without a
    file. Rows of the wrong width are skipped: `disrupt check` rejected them, and no run
    reads them."""
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    path = folder / f"{table}.csv"
    if path.exists():
        with path.open(newline="", encoding="utf-8") as f:
            header = next(csv.reader(f), [])
        return pcsv.read_csv(
            path,
            parse_options=pcsv.ParseOptions(newlines_in_values=True, invalid_row_handler=lambda row: "skip"),
            convert_options=pcsv.ConvertOptions(column_types={c: pa.string() for c in header},
                                                strings_can_be_null=True))
    path = folder / f"{table}.parquet"
    if not path.exists():
        return None
    t = pq.read_table(path)
    return t.cast(pa.schema([(f.name, pa.string()) for f in t.schema]))


def _write_part(base: Path, table: str, area_order: int, t, components: list) -> int:
    """The rows of `t` with a component (`components`, one per row, None for rows no
    component needs) as `base/<table>/<area_order>.parquet`; returns how many."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    comp = pa.array(components, pa.string())
    t = t.append_column("component", comp) \
        .append_column("area_order", pa.array([area_order] * t.num_rows, pa.int64())) \
        .append_column("row", pa.array(range(t.num_rows), pa.int64()))
    t = t.filter(pc.is_valid(comp))
    folder = base / table
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    pq.write_table(t, folder / f"{area_order:05d}.parquet")
    return t.num_rows


def gather(key_file: str, area_order: int, dataset: str, members, base: str) -> dict[str, int]:
    """In one area's task: the rows of that area each component in `members` (a
    broadcast of pseudonym -> component) needs, written under `base` per table
    (`_write_part`); every place goes to every component (`*`). Returns rows per table."""
    key = key_bytes(key_file)
    members = members.value
    folder, dest = Path(dataset), Path(base)
    written = {}
    places = _arrow(folder, "places")
    if places is not None:
        written["places"] = _write_part(dest, "places", area_order, places, ["*"] * places.num_rows)
    people = _arrow(folder, "people")
    comp_of = {}
    if people is not None:
        ids = people.column("person_id").to_pylist()
        comps = [members.get(pseudonym(key, i)) if i is not None else None for i in ids]
        comp_of = {i: c for i, c in zip(ids, comps) if c is not None}
        written["people"] = _write_part(dest, "people", area_order, people, comps)
    event_comp = {}
    eps = _arrow(folder, "event_people")
    if eps is not None:
        ev, pe = eps.column("event_id").to_pylist(), eps.column("person_id").to_pylist()
        for e, p in zip(ev, pe):
            if p in comp_of:
                event_comp[e] = comp_of[p]
        written["event_people"] = _write_part(dest, "event_people", area_order, eps, [event_comp.get(e) for e in ev])
    events = _arrow(folder, "events")
    if events is not None:
        written["events"] = _write_part(dest, "events", area_order, events,
                                        [event_comp.get(e) for e in events.column("event_id").to_pylist()])
    links = _arrow(folder, "links")
    if links is not None:
        ends = zip(links.column("from_id").to_pylist(), links.column("to_id").to_pylist())
        written["links"] = _write_part(dest, "links", area_order, links,
                                       [comp_of[a] if a in comp_of and b in comp_of else None for a, b in ends])
    return written


def _first_seen(df, table: str):
    """One component's rows of `table` (pandas, in the order read) with a row held by two
    areas once: a person by `person_id` (the home address from whichever area holds
    it), an event or a place by its id, any other row by all its cells."""
    ident = {"places": "place_id", "people": "person_id", "events": "event_id"}
    df = df.sort_values(list(ORDER), kind="stable")
    data = [c for c in df.columns if c not in (*ORDER, "component")]
    if table not in ident:
        return df.drop_duplicates(subset=data)[data]
    key = ident[table]
    first = df.drop_duplicates(subset=[key])[data].copy()
    if table == "people" and "home_place_id" in df.columns:
        held = df[df.home_place_id.notna() & (df.home_place_id != "")].drop_duplicates(subset=[key])
        home = dict(zip(held[key], held.home_place_id))
        empty = first.home_place_id.isna() | (first.home_place_id == "")
        first.loc[empty, "home_place_id"] = first.loc[empty, key].map(home)
    return first


def _to_parquet(df, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.string()) for c in df.columns])
    pq.write_table(pa.Table.from_pandas(df, schema=schema, preserve_index=False), path)


def write_places(rows: str, dest: str) -> int:
    """In one task: every area's places gathered under `rows`, each once, as
    `dest/places.parquet`, which each component's dataset links to."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    parts = sorted((Path(rows) / "places").glob("*.parquet"))
    t = pa.concat_tables([pq.read_table(p) for p in parts], promote_options="default")
    places = _first_seen(t.to_pandas(), "places")
    _to_parquet(places, Path(dest) / "places.parquet")
    return len(places)


def component_writer(base: str, table: str):
    """The function one task runs on one component's rows of `table` (the group of
    `groupBy("component").applyInArrow`): writes `base/<component>/<table>.parquet` and
    returns `(component, table, rows)`."""

    def write(key, rows):
        import pyarrow as pa

        comp = key[0].as_py()
        folder = Path(base) / comp
        folder.mkdir(mode=0o700, exist_ok=True)
        df = _first_seen(rows.to_pandas(), table)
        _to_parquet(df, folder / f"{table}.parquet")
        return pa.table({"component": [comp], "table": [table], "rows": [len(df)]})

    return write


def complete(folder: Path, places: Path, empty: dict) -> None:
    """A component's dataset made whole: its link to the study's places, and an empty
    table with the study's columns for each table no row of it needed (`empty`: table
    -> an empty Arrow table)."""
    import pyarrow.parquet as pq

    folder.mkdir(mode=0o700, exist_ok=True)
    try:
        os.link(places, folder / "places.parquet")
    except OSError:
        shutil.copyfile(places, folder / "places.parquet")
    for table, t in empty.items():
        if not (folder / f"{table}.parquet").exists():
            pq.write_table(t, folder / f"{table}.parquet")


def analyse(s: engine.Settings, name: str, folder: str, out: str, as_of: str, study: str | None = None) -> dict:
    try:
        return engine.network(s, name, folder, out, as_of, study)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
