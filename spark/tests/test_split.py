"""The splitter: coordinates as the engine converts them, and no row lost or invented."""

from __future__ import annotations

import csv
from collections import Counter

import numpy as np
import pandas as pd

from conftest import AREAS, EXAMPLE
from disrupt_spark import split


def rows(path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_to_bng_agrees_with_the_engine(single):
    h = pd.read_parquet(single / "hotspots.parquet")
    got = np.array([split.to_bng(a, b) for a, b in zip(h.lat, h.lon)])
    # The engine's output coordinates are rounded to 0.1 m.
    assert np.abs(got[:, 0] - h.easting).max() < 0.1
    assert np.abs(got[:, 1] - h.northing).max() < 0.1


def test_every_row_is_in_exactly_one_area_and_people_where_referred_to(tmp_path):
    info = split.split(EXAMPLE, tmp_path, 4)
    assert info["areas"] == sorted(AREAS)
    for table in ("places", "events", "event_people", "links", "actions"):
        want = Counter(tuple(r.items()) for r in rows(EXAMPLE / f"{table}.csv"))
        got = Counter(tuple(r.items()) for a in AREAS for r in rows(tmp_path / a / f"{table}.csv"))
        assert got == want, table
        assert all(info["rows"][a][table] < sum(want.values()) for a in AREAS) or table == "actions"
    people = {r["person_id"]: r for r in rows(EXAMPLE / "people.csv")}
    place_area = {r["place_id"]: a for a in AREAS for r in rows(tmp_path / a / "places.csv")}
    seen = set()
    for a in AREAS:
        held = {r["event_id"] for r in rows(tmp_path / a / "events.csv")}
        for r in rows(tmp_path / a / "people.csv"):
            seen.add(r["person_id"])
            original = people[r["person_id"]]
            home = original["home_place_id"]
            assert r["home_place_id"] == (home if place_area.get(home) == a else "")
            assert {k: v for k, v in r.items() if k != "home_place_id"} == \
                {k: v for k, v in original.items() if k != "home_place_id"}
        ids = {r["person_id"] for r in rows(tmp_path / a / "people.csv")}
        for ep in rows(tmp_path / a / "event_people.csv"):
            assert ep["event_id"] in held and ep["person_id"] in ids
    assert seen == set(people)


def test_pseudonyms_are_the_engines(single, key):
    from disrupt_spark import whole

    k = whole.key_bytes(str(key))
    ours = {whole.pseudonym(k, r["person_id"]) for r in rows(EXAMPLE / "people.csv")}
    engine = set(pd.read_parquet(single / "people.parquet").person)
    assert engine == ours


def test_strips_hold_every_row_once_and_equal_shares_of_places(tmp_path):
    info = split.split(EXAMPLE, tmp_path, 10)
    names = [f"strip-{i:02d}" for i in range(1, 11)]
    assert info["areas"] == names and len(info["borders_easting_m"]) == 9
    for table in ("places", "events", "event_people", "links", "actions"):
        want = Counter(tuple(r.items()) for r in rows(EXAMPLE / f"{table}.csv"))
        got = Counter(tuple(r.items()) for a in names for r in rows(tmp_path / a / f"{table}.csv"))
        assert got == want, table
    cut = split.Cut(info["centre_easting_m"], info["centre_northing_m"], 10, info["borders_easting_m"])
    for a in names:
        for r in rows(tmp_path / a / "places.csv"):
            if (p := split.point_of(r)) is not None:
                assert cut.area(p) == a
    places = [info["rows"][a]["places"] for a in names]
    assert max(places) - min(places) <= 2 + max(places) // 20
