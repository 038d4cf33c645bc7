"""Cuts one contract dataset (CSV tables) into areas, as separate forces would hold it.

Places are cut into quadrants around the median easting and northing of all places
(`--areas 4`; `--areas 2` cuts by easting only). Events go with their place, or, with
coordinates only, with the quadrant their coordinates fall in. `event_people` rows go
with their event. Each link is held by one area (the first, in name order, that holds
its `from_id`, else its `to_id`), so the union of the areas' tie lists is the whole tie
list. A person's row is written into every area that refers to them (an event, a link,
an action or their home), as two forces each hold a record of someone seen in both; the
`home_place_id` is kept only in the area that holds that place, since a force does not
hold the addresses of another. Actions go with their place, or with their person's
first area.

    python -m disrupt_spark.split DATASET --out ROOT [--areas 4]

writes `ROOT/<area>/<table>.csv` for the areas `north-west`, `north-east`,
`south-west`, `south-east` (or `west`, `east`) and `ROOT/split.json` with the cut.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import statistics
from pathlib import Path

TABLES = ("places", "events", "event_people", "people", "links", "actions")


def to_bng(lat: float, lon: float) -> tuple[float, float]:
    """British National Grid easting and northing (metres) of a WGS84 point: the
    seven-parameter Helmert transformation from WGS84 to OSGB36 and the transverse
    Mercator projection on the Airy 1830 ellipsoid, as in Ordnance Survey's "A guide to
    coordinate systems in Great Britain" (no OSTN15 grid corrections) -- the engine's
    method, and within a centimetre of its coordinates on the example. Used to decide
    which area a point falls in, never as an output coordinate."""
    # WGS84 geodetic -> cartesian (height 0).
    a1, b1 = 6_378_137.000, 6_356_752.3141
    phi, lam = math.radians(lat), math.radians(lon)
    e1 = 1 - (b1 * b1) / (a1 * a1)
    nu1 = a1 / math.sqrt(1 - e1 * math.sin(phi) ** 2)
    x1, y1, z1 = (nu1 * math.cos(phi) * math.cos(lam), nu1 * math.cos(phi) * math.sin(lam),
                  (1 - e1) * nu1 * math.sin(phi))
    # Helmert WGS84 -> OSGB36: translation (m), scale (ppm), rotations (arc seconds).
    tx, ty, tz, s = -446.448, 125.157, -542.060, 20.4894e-6
    rx, ry, rz = (math.radians(v / 3600) for v in (-0.1502, -0.2470, -0.8421))
    x2 = tx + (1 + s) * x1 - rz * y1 + ry * z1
    y2 = ty + rz * x1 + (1 + s) * y1 - rx * z1
    z2 = tz - ry * x1 + rx * y1 + (1 + s) * z1
    # Cartesian -> OSGB36 geodetic on Airy 1830, by iteration.
    a, b = 6_377_563.396, 6_356_256.909
    e2 = 1 - (b * b) / (a * a)
    p = math.hypot(x2, y2)
    phi = math.atan2(z2, p * (1 - e2))
    for _ in range(10):
        nu = a / math.sqrt(1 - e2 * math.sin(phi) ** 2)
        phi = math.atan2(z2 + e2 * nu * math.sin(phi), p)
    lam = math.atan2(y2, x2)
    # Transverse Mercator (OS formulae), true origin 49°N 2°W.
    f0, phi0, lam0, n0, e0 = 0.9996012717, math.radians(49), math.radians(-2), -100_000.0, 400_000.0
    n = (a - b) / (a + b)
    sp, cp, tp = math.sin(phi), math.cos(phi), math.tan(phi)
    nu = a * f0 / math.sqrt(1 - e2 * sp * sp)
    rho = a * f0 * (1 - e2) / (1 - e2 * sp * sp) ** 1.5
    eta2 = nu / rho - 1
    dp, sm = phi - phi0, phi + phi0
    m = b * f0 * ((1 + n + 1.25 * n**2 + 1.25 * n**3) * dp
                  - (3 * n + 3 * n**2 + 21 / 8 * n**3) * math.sin(dp) * math.cos(sm)
                  + (15 / 8 * n**2 + 15 / 8 * n**3) * math.sin(2 * dp) * math.cos(2 * sm)
                  - 35 / 24 * n**3 * math.sin(3 * dp) * math.cos(3 * sm))
    i2 = nu / 2 * sp * cp
    i3 = nu / 24 * sp * cp**3 * (5 - tp**2 + 9 * eta2)
    iv = nu * cp
    v5 = nu / 6 * cp**3 * (nu / rho - tp**2)
    dl = lam - lam0
    return e0 + iv * dl + v5 * dl**3, m + n0 + i2 * dl**2 + i3 * dl**4


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


def read_table(folder: Path, table: str) -> tuple[list[str], list[dict]] | None:
    path = folder / f"{table}.csv"
    if not path.exists():
        return None
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


class Cut:
    """Which area a point falls in: quadrants (or halves) about a centre, in metres."""

    def __init__(self, cx: float, cy: float, areas: int):
        self.cx, self.cy, self.areas = cx, cy, areas

    def names(self) -> list[str]:
        if self.areas == 2:
            return ["east", "west"]
        return ["north-east", "north-west", "south-east", "south-west"]

    def area(self, p: tuple[float, float]) -> str:
        ew = "east" if p[0] >= self.cx else "west"
        if self.areas == 2:
            return ew
        return ("north-" if p[1] >= self.cy else "south-") + ew

    def distance_to_border(self, p: tuple[float, float]) -> float:
        """Metres from `p` to the nearest line of the cut."""
        d = abs(p[0] - self.cx)
        return d if self.areas == 2 else min(d, abs(p[1] - self.cy))


def split(src: Path, root: Path, areas: int = 4) -> dict:
    """Writes the areas of `src` under `root` and returns the cut (also `root/split.json`)."""
    if areas not in (2, 4):
        raise ValueError(f"--areas must be 2 or 4, not {areas}")
    tables = {t: read_table(src, t) for t in TABLES}
    if tables["places"] is None or tables["events"] is None:
        raise FileNotFoundError(f"{src} has no places.csv or events.csv: not a CSV contract dataset")
    places = tables["places"][1]
    points = {p["place_id"]: point_of(p) for p in places}
    located = [q for q in points.values() if q is not None]
    cut = Cut(statistics.median(q[0] for q in located), statistics.median(q[1] for q in located), areas)
    names = cut.names()
    first = names[0]  # for a row that cannot be placed: the engine will quarantine it there

    def area_of_point(q):
        return cut.area(q) if q is not None else first

    place_area = {pid: area_of_point(q) for pid, q in points.items()}
    rows: dict[str, dict[str, list[dict]]] = {a: {t: [] for t in TABLES} for a in names}
    for p in places:
        rows[place_area[p["place_id"]]]["places"].append(p)
    event_area = {}
    for e in tables["events"][1]:
        a = place_area.get(e.get("place_id") or "") or area_of_point(point_of(e))
        event_area[e.get("event_id", "")] = a
        rows[a]["events"].append(e)
    person_areas: dict[str, set[str]] = {}

    def refer(pid: str, a: str):
        if pid:
            person_areas.setdefault(pid, set()).add(a)

    for ep in (tables["event_people"] or ([], []))[1]:
        a = event_area.get(ep.get("event_id", ""), first)
        rows[a]["event_people"].append(ep)
        refer(ep.get("person_id", ""), a)
    people = (tables["people"] or ([], []))[1]
    for p in people:
        home = place_area.get(p.get("home_place_id") or "")
        if home:
            refer(p["person_id"], home)
    for link in (tables["links"] or ([], []))[1]:
        held = sorted(person_areas.get(link.get("from_id", ""), ()) or person_areas.get(link.get("to_id", ""), ()))
        a = held[0] if held else first
        rows[a]["links"].append(link)
        refer(link.get("from_id", ""), a)
        refer(link.get("to_id", ""), a)
    for act in (tables["actions"] or ([], []))[1]:
        tid = act.get("target_id", "")
        a = place_area.get(tid) or (sorted(person_areas.get(tid, ())) or [first])[0]
        rows[a]["actions"].append(act)
        if act.get("target_type") != "location":
            refer(tid, a)
    for p in people:
        for a in sorted(person_areas.get(p["person_id"], {first})):
            copy = dict(p)
            if "home_place_id" in copy and place_area.get(copy["home_place_id"] or "") != a:
                copy["home_place_id"] = ""
            rows[a]["people"].append(copy)
    for a in names:
        out = root / a
        out.mkdir(parents=True, exist_ok=True)
        for t in TABLES:
            if tables[t] is None:
                continue
            with (out / f"{t}.csv").open("w", newline="", encoding="utf-8") as f:
                w = csv.DictWriter(f, fieldnames=tables[t][0], lineterminator="\n")
                w.writeheader()
                w.writerows(rows[a][t])
    info = {
        "source": str(src),
        "areas": names,
        "centre_easting_m": cut.cx,
        "centre_northing_m": cut.cy,
        "rows": {a: {t: len(rows[a][t]) for t in TABLES if tables[t] is not None} for a in names},
    }
    (root / "split.json").write_text(json.dumps(info, indent=2) + "\n")
    return info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--areas", type=int, default=4)
    a = ap.parse_args(argv)
    info = split(a.dataset, a.out, a.areas)
    for name, counts in info["rows"].items():
        print(f"{name}: " + ", ".join(f"{t} {n}" for t, n in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
