"""Large-Star/Small-Star connected components against networkx on seeded graphs."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from disrupt_spark.components import connected_components

SEED_1, SEED_2, SEED_3 = 20140603, 7, 424242


def spark_partition(spark, edges: list[tuple[str, str]]) -> set[frozenset[str]]:
    df = spark.createDataFrame(edges, "src string, dst string")
    groups: dict[str, set[str]] = {}
    for row in connected_components(df).collect():
        groups.setdefault(row.component, set()).add(row.id)
    # Each component is labelled by its least member.
    for label, members in groups.items():
        assert label == min(members)
    return {frozenset(g) for g in groups.values()}


def nx_partition(edges: list[tuple[str, str]]) -> set[frozenset[str]]:
    g = nx.Graph()
    g.add_edges_from(edges)
    return {frozenset(c) for c in nx.connected_components(g)}


@pytest.mark.parametrize("seed", [SEED_1, SEED_2, SEED_3])
def test_equals_networkx_on_seeded_random_graphs(spark, seed):
    rng = random.Random(seed)
    # Sparse enough to leave many components, dense enough for a large one.
    g = nx.gnm_random_graph(300, 280, seed=seed)
    names = [f"P-{rng.getrandbits(48):012X}" for _ in g.nodes]
    edges = [(names[u], names[v]) for u, v in g.edges]
    assert spark_partition(spark, edges) == nx_partition(edges)


def test_long_path_with_labels_in_adversarial_order(spark):
    # A path whose labels alternate between the two ends of the order: every round can
    # only shorten it, which is the slow case for label propagation.
    n = 200
    order = [i // 2 if i % 2 == 0 else n - 1 - i // 2 for i in range(n)]
    edges = [(f"{order[i]:04d}", f"{order[i + 1]:04d}") for i in range(n - 1)]
    edges += [("x1", "x2"), ("x3", "x3")]  # another component, and a self-loop alone
    assert spark_partition(spark, edges) == nx_partition(edges)


def test_the_example_tie_list_equals_networkx(spark, single):
    import pyarrow.parquet as pq

    t = pq.read_table(single / "ties.parquet").to_pydict()
    edges = list(zip(t["entity1"], t["entity2"]))
    assert len(edges) > 1000
    assert spark_partition(spark, edges) == nx_partition(edges)
