"""Connected components of an edge list with Spark DataFrames: the Large-Star/Small-Star
algorithm of Kiveris, Lattanzi, Mirrokni, Rastogi and Vassilvitskii, "Connected
Components in MapReduce and Beyond" (SoCC 2014), Algorithm 1 ("Alternate").

GraphFrames' `connectedComponents` implements the same algorithm, but its jar comes from
Maven, which not every platform can reach; this is the algorithm on plain DataFrames.

Notation of the paper: for a node `u`, Γ(u) is its neighbourhood, Γ⁺(u) = Γ(u) ∪ {u},
`m(u) = min Γ⁺(u)` (any total order on labels serves; ours is string order).

- Large-Star: for every `u`, connect every strictly larger neighbour `v > u` in Γ(u) to
  m(u): emit (v, m(u)).
- Small-Star: for every `u`, with N = {v ∈ Γ(u) : v ≤ u}, connect every node of N ∪ {u}
  to m = min(N ∪ {u}): emit (v, m) for v ∈ N ∪ {u}, v ≠ m.

Alternating the two converges in O(log² n) rounds to one star per component, centred on
its least label; the component's id is that label. A round that changes no edge is the
fixed point.

# Complexity
O(log² n) rounds, each a constant number of shuffles of the edge list (m rows); the
edge count never grows beyond the input's.
"""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F


def _undirected(edges: DataFrame) -> DataFrame:
    """(u, v) both ways, no self-loops, no repeats."""
    both = edges.select(F.col("a").alias("u"), F.col("b").alias("v")).unionByName(
        edges.select(F.col("b").alias("u"), F.col("a").alias("v"))
    )
    return both.where(F.col("u") != F.col("v")).distinct()


def large_star(edges: DataFrame) -> DataFrame:
    g = _undirected(edges)
    # m -- m(u) = min Γ⁺(u)
    m = g.groupBy("u").agg(F.min("v").alias("m")).select("u", F.least("u", "m").alias("m"))
    out = g.where(F.col("v") > F.col("u")).join(m, "u").select(F.col("v").alias("a"), F.col("m").alias("b"))
    return out.where(F.col("a") != F.col("b")).distinct()


def small_star(edges: DataFrame) -> DataFrame:
    g = _undirected(edges)
    # N -- Γ(u) ∩ {v ≤ u}; m = min(N ∪ {u})
    low = g.where(F.col("v") < F.col("u"))
    m = low.groupBy("u").agg(F.min("v").alias("m"))
    members = low.select("u", "v").unionByName(m.select("u", F.col("u").alias("v")))
    out = members.join(m, "u").select(F.col("v").alias("a"), F.col("m").alias("b"))
    return out.where(F.col("a") != F.col("b")).distinct()


def _canonical(edges: DataFrame) -> DataFrame:
    return edges.select(F.least("a", "b").alias("a"), F.greatest("a", "b").alias("b")).distinct()


def connected_components(edges: DataFrame, src: str = "src", dst: str = "dst", max_rounds: int = 100) -> DataFrame:
    """Rows `(id, component)` for every node of `edges[src, dst]` (undirected; labels are
    strings), `component` the least label in the node's component.

    # Arguments
    * `edges` -- any DataFrame with the two end columns; other columns are ignored.
    * `max_rounds` -- a bound on Large-Star/Small-Star rounds (the paper's bound is
      O(log² n); 100 is far above it for any graph that fits a cluster).

    # Returns
    A DataFrame `(id string, component string)`, one row per node.
    """
    e = edges.select(F.col(src).cast("string").alias("a"), F.col(dst).cast("string").alias("b"))
    nodes = e.select(F.col("a").alias("id")).unionByName(e.select(F.col("b").alias("id"))).distinct()
    current = _canonical(e.where(F.col("a") != F.col("b"))).localCheckpoint()
    for _ in range(max_rounds):
        nxt = _canonical(small_star(large_star(current))).localCheckpoint()
        changed = nxt.exceptAll(current).limit(1).count() + current.exceptAll(nxt).limit(1).count()
        current = nxt
        if changed == 0:
            break
    else:
        raise RuntimeError(f"connected components did not converge in {max_rounds} rounds")
    # At the fixed point every edge joins a node to its component's least label.
    label = current.groupBy("b").agg(F.min("a").alias("m")).select(F.col("b").alias("id"), F.col("m").alias("component"))
    label = label.unionByName(current.select(F.col("a").alias("id"), F.col("a").alias("component")))
    label = label.groupBy("id").agg(F.min("component").alias("component"))
    return nodes.join(label, "id", "left").select("id", F.coalesce("component", "id").alias("component"))
