"""The example cut into four areas and run on Spark, against `disrupt analyse` on the
union on one machine: what is equal, and to what precision.

Equal, and asserted here:
- the quarantine: rows read, accepted and rejected per table, summed over the areas,
  equal the single machine's for every table the cut does not copy (all but `people`,
  whose rows are written into each area that refers to the person);
- the as-of date (the study's is the latest over the areas, as one machine infers it);
- the tie list: the same pairs of pseudonyms, and each pair's weight summed over the
  areas equals its single-machine weight to 1e-9 -- co-presence needs one place within
  3 h, a shared event is one event, a link is held by one area, so no evidence is split;
- hence the connected components;
- Gi* for every cell of the study's grid (z and q), because each area reads the study's
  cell layer, summed over the areas in Spark (`disrupt_spark.study`), so the mean, the
  variance and the FDR ranking are the study's;
- every place-local score component and count, and the components read against the
  study's footfall and Gi* (`children`, `co_presence`, `persons_of_concern`, `intensity`,
  `gi_star`, the chance baselines), for every place farther from the cut than the snap
  radius: an event with coordinates only is snapped to the nearest place within
  `snap_m`, which may lie across the cut; so is the total less `peer_groups`, and the
  order `study_rank` puts those places in.

Not equal, and why (so not asserted): peer groups (Louvain) and the network metrics are
computed on each area's network, which is a part of the study's, so `peer_groups` and the
total; KDE near the cut (each area's kernel reads its own records); `--assess` picks the
top places per area.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from conftest import AREAS, BAD_ROWS, ENGINE
from disrupt_spark.split import Cut

# Place-local: read from the place's own records only.
PLACE_LOCAL = (
    "events", "weighted_events", "distinct_children",
    "distinct_persons_of_concern", "co_present_pairs", "children_alone", "pairs_apart",
    "busiest_time", "night_share", "event_ids", "co_presence_event_ids",
)
# Read against the study: the chance baselines read the study's footfall (each child's
# records at every place, the study period) and Gi* every cell of the study, which each
# area's run is given summed over the areas (`--study`).
STUDY_READ = (
    "children", "co_presence", "persons_of_concern", "intensity", "gi_star",
    "children_linked", "persons_of_concern_linked", "about_children",
    "children_by_chance", "pairs_by_chance", "area_gi_z", "cell_gi_z", "cell_gi_q", "cell_hot",
)


def test_quarantine_sums_equal_the_single_machine(study_run, work):
    one = json.loads((work / "single-check" / "check.json").read_text())["tables"]
    q = study_run["quarantine"]
    for table, v in q.items():
        assert v["read"] == v["accepted"] + v["rejected"], table
        if table != "people":
            assert {k: v[k] for k in ("read", "accepted", "rejected")} == \
                {k: one[table][k] for k in ("read", "accepted", "rejected")}, table
    assert q["events"]["rejected"] == sum(1 for _, t, _ in BAD_ROWS if t == "events")
    assert q["places"]["rejected"] == sum(1 for _, t, _ in BAD_ROWS if t == "places")
    for p in study_run["partitions"]:
        for table, v in p["tables"].items():
            assert v["read"] == v["accepted"] + v["rejected"], (p["area"], table)


def test_rejected_rows_are_quarantined_in_their_area(study):
    for area, table, row in BAD_ROWS:
        rejected = pd.read_csv(study / "check" / area / "rejected" / f"{table}.csv", dtype=str)
        key = "event_id" if table == "events" else "place_id"
        hit = rejected[rejected[key] == row[key]]
        assert len(hit) == 1 and hit["reason"].iloc[0], (area, row)


def test_as_of_is_the_latest_over_all_areas(study_run, single):
    assert study_run["as_of"] == json.loads((single / "run.json").read_text())["as_of"]


def _pairs(df: pd.DataFrame) -> pd.Series:
    k = [tuple(sorted(x)) for x in zip(df.entity1, df.entity2)]
    return df.assign(k=k).groupby("k").weight.sum()


def test_tie_list_and_weights_equal_the_single_machine(study, single):
    one = _pairs(pd.read_parquet(single / "ties.parquet"))
    merged = pd.read_parquet(study / "parquet" / "network_ties")
    assert (merged.entity1 < merged.entity2).all()
    spark = merged.set_index(["entity1", "entity2"]).weight
    spark.index = spark.index.to_flat_index()
    assert set(one.index) == set(spark.index)
    diff = (one - spark.reindex(one.index)).abs()
    assert diff.max() <= 1e-9
    # Some ties have evidence in two areas: the merge is exercised, not a copy.
    assert (merged.areas.str.contains(";")).any()


def test_components_equal_networkx_on_the_single_machine_ties(study, single):
    t = pd.read_parquet(single / "ties.parquet")
    g = nx.Graph()
    g.add_edges_from(zip(t.entity1, t.entity2))
    want = {frozenset(c) for c in nx.connected_components(g)}
    comp = pd.read_parquet(study / "parquet" / "components")
    got = {frozenset(m) for m in comp.groupby("component").person.apply(set)}
    assert got == want
    assert (comp.areas > 1).any(), "the example has networks crossing the cut"


def _far(study, single, areas):
    """The single machine's places and the areas', and which lie farther from the cut
    than the snap radius."""
    info = areas[1]
    cut = Cut(info["centre_easting_m"], info["centre_northing_m"], 4)
    snap_m = json.loads((single / "run.json").read_text())["hotspots"]["settings"]["snap_m"]
    one = pd.read_parquet(single / "hotspots.parquet").set_index("place_id")
    parts = pd.read_parquet(study / "parquet" / "hotspots").set_index("place_id")
    assert parts.index.is_unique and set(parts.index) == set(one.index)
    parts = parts.loc[one.index]
    far = np.array([cut.distance_to_border(p) > snap_m for p in zip(one.easting, one.northing)])
    assert far.sum() > 0.9 * len(one)
    return one, parts, far


def _assert_equal(one: pd.DataFrame, parts: pd.DataFrame, columns, tol: float = 1e-9) -> None:
    for c in columns:
        a, b = one[c], parts[c]
        if a.dtype.kind in "fi":
            assert np.allclose(a.astype(float).fillna(-1.0), b.astype(float).fillna(-1.0), rtol=0, atol=tol), \
                (c, float((a - b).abs().max()))
        else:
            assert (a.fillna("") == b.fillna("")).all(), c


def test_place_local_components_equal_away_from_the_cut(study, single, areas):
    one, parts, far = _far(study, single, areas)
    _assert_equal(one.loc[far], parts.loc[far], PLACE_LOCAL)
    assert one.loc[far, "weighted_events"].sum() > 0


def test_components_read_against_the_study_equal_away_from_the_cut(study, single, areas):
    """Gi*, the footfall baselines and the components that read them, from each area's
    run given the study's figures, equal one run over the union's; so does the total
    less the peer groups (found on each area's network), and the order of those places."""
    one, parts, far = _far(study, single, areas)
    _assert_equal(one.loc[far], parts.loc[far], STUDY_READ)
    _assert_equal((one.total - one.peer_groups).loc[far].to_frame("t"),
                  (parts.total - parts.peer_groups).loc[far].to_frame("t"), ["t"])
    # Not vacuous: the example's places score on these components.
    for c in ("children", "gi_star", "intensity"):
        assert (one.loc[far, c] != 0).sum() > 10, c
    assert one.loc[far, "children_by_chance"].sum() > 0
    # `study_rank` orders the places as one run does, wherever the totals agree.
    same = far & np.isclose(one.total, parts.total, rtol=0, atol=1e-9)
    assert same.sum() > 0.5 * len(one)
    assert list(one.loc[same].sort_values("rank").index) == list(parts.loc[same].sort_values("study_rank").index)


def _cells(path: Path) -> pd.DataFrame:
    features = json.loads(path.read_text())["features"]
    return pd.DataFrame([f["properties"] for f in features]).set_index("cell")


def test_gi_star_on_every_cell_equals_the_single_machine(study, single):
    """Every cell an area draws has the single machine's Gi* z and q: each area reads the
    study's whole cell layer, so the mean, variance and FDR are the study's."""
    one = _cells(single / "grid.geojson")
    drawn = 0
    for a in AREAS:
        run = json.loads((study / "areas" / a / "run.json").read_text())
        assert run["hotspots"]["grid"] == json.loads((single / "run.json").read_text())["hotspots"]["grid"]
        part = _cells(study / "areas" / a / "grid.geojson")
        common = part.index.intersection(one.index)
        assert len(common) > 0.5 * len(part), a
        _assert_equal(one.loc[common], part.loc[common], ("gi_z", "gi_p", "gi_q", "significant"), tol=2e-9)
        drawn += len(common)
    assert one.significant.any(), "the example has hot cells"


def test_outputs_are_partitioned_by_area(study):
    for table in ("hotspots", "people", "ties"):
        parts = sorted(p.name for p in (study / "parquet" / table).iterdir() if p.is_dir())
        assert parts == [f"study_area={a}" for a in AREAS], table
    for a in AREAS:
        assert (study / "areas" / a / "report.html").is_file()


def test_audit_records_every_partition_and_the_chain_holds(study, work, areas):
    log = work / "audit.jsonl"
    done = subprocess.run([str(ENGINE), "audit", "verify", str(log)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = [json.loads(x) for x in log.read_text().splitlines()]
    ours = [x for x in lines if x["command"][0] == "disrupt_spark.job"]
    started, finished = ours[-2], ours[-1]
    assert started["outcome"] == "started" and finished["outcome"] == "ok"
    assert finished["completes"] == started["seq"]
    assert [p["area"] for p in finished["partitions"]] == list(AREAS)
    # Each partition's fingerprint is the one the engine logged for that area's analyse run.
    engine_fp = {x["dataset"]: x["dataset_fingerprint"] for x in lines
                 if x["command"][1:2] == ["analyse"] and x["outcome"] == "ok"}
    for p in finished["partitions"]:
        assert p["fingerprint"] == engine_fp[p["dataset"]], p["area"]
    written = {Path(o["path"]).relative_to(study).parts[0] for o in finished["outputs"]}
    assert {"parquet", "check", "spark-run.json"} <= written


def test_cross_border_networks_analysed_whole_equal_the_single_machine(study, study_run, single):
    """A component that crosses the cut, gathered and analysed whole, has the single
    machine's ties and, for its persons of concern, the same degree, weighted degree,
    exact betweenness, core number, eigenvector and connection score: shortest paths and
    ties never leave a component. (Peer group labels are numbered per run, so not compared.)"""
    one_ties = _pairs(pd.read_parquet(single / "ties.parquet"))
    one_people = pd.read_parquet(single / "people.parquet").set_index("person")
    analysed = study_run["network"]["analysed_whole"]
    assert analysed, "the example has networks crossing the cut"
    scored = 0
    for comp in analysed:
        people = pd.read_parquet(study / "networks" / comp / "people.parquet").set_index("person")
        ties = _pairs(pd.read_parquet(study / "networks" / comp / "ties.parquet"))
        members = set(people.index)
        want = one_ties[[a in members or b in members for a, b in one_ties.index]]
        assert set(ties.index) == set(want.index), comp
        assert (ties.reindex(want.index) - want).abs().max() <= 1e-9, comp
        same = one_people.loc[people.index]
        for c in ("degree", "weighted_degree", "betweenness", "core", "connection_score", "eigenvector"):
            # Written rounded to 9 decimals: one rounding step apart at most.
            tol = 2e-9 if c == "eigenvector" else 1e-9
            assert np.allclose(same[c].astype(float).fillna(-1), people[c].astype(float).fillna(-1), rtol=0, atol=tol), (comp, c)
        assert (same.betweenness_method.fillna("") == people.betweenness_method.fillna("")).all()
        scored += int(people.connection_score.notna().sum())
    assert scored > 0
    assert not (study / ".networks").exists(), "the gathered datasets hold person ids and are removed"


def test_partner_run_carries_no_people(work, areas, key, spark, single):
    from disrupt_spark import job

    out = work / "partner"
    job.main([str(areas[0]), "--out", str(out), "--key-file", str(key), "--audit-log", str(work / "audit.jsonl"),
              "--engine", str(ENGINE), "--audience", "partner"], spark=spark)
    assert sorted(p.name for p in (out / "parquet").iterdir()) == ["hotspots"]
    assert not (out / "networks").exists()
    for a in AREAS:
        assert not (out / "areas" / a / "people.parquet").exists()
        assert not (out / "areas" / a / "ties.parquet").exists()
    run = json.loads((out / "spark-run.json").read_text())
    assert run["audience"] == "partner" and run["network"] is None
    # Its place columns are the partner cut the engine makes, not the analyst's.
    analyst = set(pd.read_parquet(single / "hotspots.parquet").columns)
    partner = set(pd.read_parquet(out / "parquet" / "hotspots").columns) - {"study_area", "study_rank"}
    # Partners get each count as a number (empty where suppressed) and beside it a
    # display column, NAME_shown ("<5"), for a count the analyst table also has.
    shown = {c for c in partner if c.endswith("_shown")}
    assert shown and all(c.removesuffix("_shown") in analyst for c in shown)
    assert partner - shown <= analyst
