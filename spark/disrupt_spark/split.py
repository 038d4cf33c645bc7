"""Cuts one contract dataset (CSV tables) into areas, as separate forces would hold it.

Places are cut into quadrants around the median easting and northing of all places
(`--areas 4`), halves by easting (`--areas 2`), or, for any other count, strips of equal
numbers of places between easting quantiles (`--areas 10`: `strip-01`, west, to
`strip-10`, east). Events go with their place, or, with coordinates only, with the area
their coordinates fall in. `event_people` rows go with their event. Each link is held by
one area (the first, in name order, that holds its `from_id`, else its `to_id`), so the
union of the areas' tie lists is the whole tie list. A person's row is written into
every area that refers to them (an event, a link, an action or their home), as two
forces each hold a record of someone seen in both; the `home_place_id` is kept only in
the area that holds that place, since a force does not hold the addresses of another.
Actions go with their place, or with their person's first area.

    python -m disrupt_spark.split DATASET --out ROOT [--areas 4] [--format csv|parquet]

`--format csv` writes `ROOT/<area>/<table>.csv`; `--format parquet` writes one
partitioned Parquet dataset per table, `ROOT/<table>/study_area=<area>/part-00000.parquet`
(every column text, an empty cell null), the second input form of `disrupt_spark.job`.
Both write `ROOT/split.json` with the cut. Tables are streamed, not held: memory is a map
of event ids to areas and of people to the areas that refer to them (about 1.5 GB at 10M
events).
"""

from __future__ import annotations

import argparse
import bisect
import csv
import json
import shutil
import statistics
import tempfile
from pathlib import Path

from .bng import to_bng  # noqa: F401 -- also `split.to_bng`, where it was

TABLES = ("places", "events", "event_people", "people", "links", "actions")


def point_of(row: dict) -> tuple[float, float] | None:
    """A row's (easting, northing) in metres from either coordinate pair, if it has one."""
    try:
        if row.get("easting") and row.get("northing"):
            return float(row["easting"]), float(row["northing"])
        if row.get("lat") and row.get("lon"):
            return to_bng(float(row["lat"]), float(row["lon"]))
    except ValueError:
        return None
    return None


class Cut:
    """Which area a point falls in: quadrants or halves about a centre, or strips between
    `borders` (eastings, west to east), in metres."""

    def __init__(self, cx: float, cy: float, areas: int, borders: list[float] | None = None):
        self.cx, self.cy, self.areas = cx, cy, areas
        self.borders = list(borders or [])

    @classmethod
    def of(cls, points: list[tuple[float, float]], areas: int) -> Cut:
        """The cut of `areas` areas with equal shares of `points`."""
        if areas < 2:
            raise ValueError(f"--areas must be 2 or more, not {areas}")
        xs = sorted(q[0] for q in points)
        borders = [] if areas in (2, 4) else [xs[len(xs) * i // areas] for i in range(1, areas)]
        return cls(statistics.median(xs), statistics.median(q[1] for q in points), areas, borders)

    def names(self) -> list[str]:
        """The areas' names, sorted."""
        if self.areas == 2:
            return ["east", "west"]
        if self.areas == 4:
            return ["north-east", "north-west", "south-east", "south-west"]
        width = len(str(self.areas))
        return [f"strip-{i:0{width}d}" for i in range(1, self.areas + 1)]

    def area(self, p: tuple[float, float]) -> str:
        if self.borders:
            return self.names()[bisect.bisect_right(self.borders, p[0])]
        ew = "east" if p[0] >= self.cx else "west"
        if self.areas == 2:
            return ew
        return ("north-" if p[1] >= self.cy else "south-") + ew

    def distance_to_border(self, p: tuple[float, float]) -> float:
        """Metres from `p` to the nearest line of the cut."""
        if self.borders:
            return min(abs(p[0] - b) for b in self.borders)
        d = abs(p[0] - self.cx)
        return d if self.areas == 2 else min(d, abs(p[1] - self.cy))


class Table:
    """One source table read row by row as lists, its columns found by name."""

    def __init__(self, path: Path):
        self.path = path
        with path.open(newline="", encoding="utf-8") as f:
            self.header = next(csv.reader(f), [])
        self.at = {c: i for i, c in enumerate(self.header)}

    def rows(self):
        with self.path.open(newline="", encoding="utf-8") as f:
            r = csv.reader(f)
            next(r, None)
            yield from r

    def getter(self, column: str):
        """A function from a row to its cell in `column` ("" when absent or short)."""
        i = self.at.get(column)
        return lambda row: row[i] if i is not None and i < len(row) else ""

    def point(self):
        """A function from a row to its (easting, northing), if it has one."""
        cols = [(c, self.getter(c)) for c in ("easting", "northing", "lat", "lon")]
        return lambda row: point_of({c: g(row) for c, g in cols})


class Writers:
    """One CSV writer per area and table, counting the rows written."""

    def __init__(self, root: Path, names: list[str], tables: dict[str, Table]):
        self.files, self.out, self.rows = [], {}, {a: {t: 0 for t in tables} for a in names}
        self.names = names
        for a in names:
            (root / a).mkdir(parents=True, exist_ok=True)
            for t, table in tables.items():
                f = (root / a / f"{t}.csv").open("w", newline="", encoding="utf-8")
                self.files.append(f)
                self.out[a, t] = csv.writer(f, lineterminator="\n")
                self.out[a, t].writerow(table.header)

    def write(self, area: int, table: str, row: list[str]) -> None:
        self.out[self.names[area], table].writerow(row)
        self.rows[self.names[area]][table] += 1

    def close(self) -> None:
        for f in self.files:
            f.close()


def lowest(mask: int) -> int:
    """The first area (in name order) of a set of areas held as a bit mask."""
    return (mask & -mask).bit_length() - 1


def cut_csv(src: Path, root: Path, areas: int) -> dict:
    """Writes the areas of `src` as `root/<area>/<table>.csv`; returns the cut."""
    tables = {t: Table(src / f"{t}.csv") for t in TABLES if (src / f"{t}.csv").exists()}
    if "places" not in tables or "events" not in tables:
        raise FileNotFoundError(f"{src} has no places.csv or events.csv: not a CSV contract dataset")
    places = list(tables["places"].rows())
    pid, ppoint = tables["places"].getter("place_id"), tables["places"].point()
    points = {pid(p): ppoint(p) for p in places}
    cut = Cut.of([q for q in points.values() if q is not None], areas)
    names = cut.names()
    index = {n: i for i, n in enumerate(names)}
    # A row that cannot be placed goes to the first area: the engine quarantines it there.
    place_area = {k: (index[cut.area(q)] if q is not None else 0) for k, q in points.items()}
    out = Writers(root, names, tables)
    try:
        for p in places:
            out.write(place_area[pid(p)], "places", p)
        person_areas: dict[str, int] = {}
        event_area = cut_events(tables, cut, index, place_area, out)
        cut_event_people(tables.get("event_people"), event_area, person_areas, out)
        del event_area
        cut_people_links_actions(tables, place_area, person_areas, out)
    finally:
        out.close()
    return {"cut": cut, "names": names, "rows": out.rows}


def cut_events(tables, cut: Cut, index, place_area, out: Writers) -> dict[str, int]:
    """Writes each event into its place's area (or its point's); returns event id -> area."""
    t = tables["events"]
    eid, place, point = t.getter("event_id"), t.getter("place_id"), t.point()
    event_area = {}
    for e in t.rows():
        a = place_area.get(place(e) or "")
        if a is None:
            q = point(e)
            a = index[cut.area(q)] if q is not None else 0
        event_area[eid(e)] = a
        out.write(a, "events", e)
    return event_area


def cut_event_people(t: Table | None, event_area, person_areas, out: Writers) -> None:
    """Writes each `event_people` row with its event; its person is referred to there."""
    if t is None:
        return
    eid, person = t.getter("event_id"), t.getter("person_id")
    for ep in t.rows():
        a = event_area.get(eid(ep), 0)
        out.write(a, "event_people", ep)
        refer(person_areas, person(ep), a)


def refer(person_areas: dict[str, int], person: str, area: int) -> None:
    if person:
        person_areas[person] = person_areas.get(person, 0) | (1 << area)


def cut_people_links_actions(tables, place_area, person_areas, out: Writers) -> None:
    """Links and actions to the first area referring to their people (homes count), then
    each person into every area that refers to them, the home kept only where held."""
    people = tables.get("people")
    if people is not None:
        person, home = people.getter("person_id"), people.getter("home_place_id")
        for p in people.rows():
            if (a := place_area.get(home(p) or "")) is not None:
                refer(person_areas, person(p), a)
    if (links := tables.get("links")) is not None:
        src, dst = links.getter("from_id"), links.getter("to_id")
        for link in links.rows():
            held = person_areas.get(src(link)) or person_areas.get(dst(link))
            a = lowest(held) if held else 0
            out.write(a, "links", link)
            refer(person_areas, src(link), a)
            refer(person_areas, dst(link), a)
    if (actions := tables.get("actions")) is not None:
        target, kind = actions.getter("target_id"), actions.getter("target_type")
        for act in actions.rows():
            a = place_area.get(target(act))
            if a is None:
                a = lowest(person_areas.get(target(act), 1))
            out.write(a, "actions", act)
            if kind(act) != "location":
                refer(person_areas, target(act), a)
    if people is not None:
        hi = people.at.get("home_place_id")
        for p in people.rows():
            mask = person_areas.get(person(p)) or 1
            for a in (i for i in range(mask.bit_length()) if mask >> i & 1):
                held = hi is None or hi >= len(p) or place_area.get(p[hi] or "") == a
                out.write(a, "people", p if held else [*p[:hi], "", *p[hi + 1:]])


def to_parquet(csv_root: Path, root: Path, names: list[str], tables: list[str]) -> None:
    """Each area's CSV tables as `root/<table>/study_area=<area>/part-00000.parquet`, every
    column text (an empty cell null, as the engine reads an empty CSV cell)."""
    import pyarrow as pa
    import pyarrow.csv as pc
    import pyarrow.parquet as pq

    for t in tables:
        for a in names:
            path = csv_root / a / f"{t}.csv"
            header = Table(path).header
            table = pc.read_csv(path, parse_options=pc.ParseOptions(newlines_in_values=True),
                                convert_options=pc.ConvertOptions(column_types={c: pa.string() for c in header}))
            dest = root / t / f"study_area={a}"
            dest.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, dest / "part-00000.parquet")


def split(src: Path, root: Path, areas: int = 4, fmt: str = "csv") -> dict:
    """Writes the areas of `src` under `root` in `fmt` and returns the cut (also
    `root/split.json`)."""
    if fmt not in ("csv", "parquet"):
        raise ValueError(f"--format must be csv or parquet, not {fmt}")
    root.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        done = cut_csv(src, root, areas)
    else:
        # The CSV cut first, in a private folder (it holds person ids), then converted.
        tmp = Path(tempfile.mkdtemp(prefix=".split-", dir=root))
        try:
            done = cut_csv(src, tmp, areas)
            to_parquet(tmp, root, done["names"], list(next(iter(done["rows"].values()))))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    cut = done["cut"]
    info = {
        "source": str(src),
        "format": fmt,
        "areas": done["names"],
        "centre_easting_m": cut.cx,
        "centre_northing_m": cut.cy,
        "borders_easting_m": cut.borders,
        "rows": done["rows"],
    }
    (root / "split.json").write_text(json.dumps(info, indent=2) + "\n")
    return info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--areas", type=int, default=4)
    ap.add_argument("--format", choices=("csv", "parquet"), default="csv")
    a = ap.parse_args(argv)
    info = split(a.dataset, a.out, a.areas, a.format)
    for name, counts in info["rows"].items():
        print(f"{name}: " + ", ".join(f"{t} {n}" for t, n in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
