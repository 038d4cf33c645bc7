"""Checks the outputs of `disrupt analyse` as the readers users have open them.

Usage: check.py ANALYST_DIR PARTNER_DIR
"""

import datetime
import json
import sys
from pathlib import Path

import networkx as nx
import openpyxl
import openpyxl.utils
import pyarrow as pa
import pyarrow.parquet as pq

COUNTS = ["events", "distinct_children", "distinct_persons_of_concern", "co_present_pairs"]
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def parquet(folder):
    for f in sorted(folder.glob("*.parquet")):
        table = pq.read_table(f)
        for field in table.schema:
            check(str(field.type) not in ("string_view", "binary_view"), f"{f.name}: {field.name} is string_view")
        yield f.name, table


def typed_parquet(analyst, partner):
    tables = dict(parquet(analyst))
    check("hotspots.parquet" in tables, "no hotspots.parquet")
    people = tables.get("people.parquet")
    check(people is not None, "no people.parquet for analysts")
    if people is not None:
        for name, kind in [("degree", pa.int64()), ("core", pa.int64()),
                           ("may_also_be_exploited", pa.bool_())]:
            check(people.schema.field(name).type == kind, f"people.parquet: {name} is not {kind}")
    for name, table in list(tables.items()) + list(parquet(partner)):
        if "licensed" in table.schema.names:
            check(table.schema.field("licensed").type == pa.bool_(), f"{name}: licensed is not bool")
    part = dict(parquet(partner))
    hot = part["hotspots.parquet"]
    for c in COUNTS:
        check(pa.types.is_integer(hot.schema.field(c).type), f"partner hotspots.parquet: {c} is text")
        check(c + "_shown" in hot.schema.names, f"partner hotspots.parquet: no {c}_shown")
    for c in hot.schema.names:
        if c.endswith("_shown"):
            check(pa.types.is_integer(hot.schema.field(c[:-6]).type), f"partner {c[:-6]} is text")
    check("people.parquet" not in part, "people.parquet written for partners")


def typed_geojson(partner):
    doc = json.loads((partner / "hotspots.geojson").read_text())
    for feature in doc["features"]:
        p = feature["properties"]
        for c in COUNTS:
            check(p[c] is None or isinstance(p[c], int), f"GeoJSON {c} = {p[c]!r}")
        check(p["licensed"] is None or isinstance(p["licensed"], bool),
              f"GeoJSON licensed = {p['licensed']!r}")


def typed_workbook(partner):
    wb = openpyxl.load_workbook(partner / "hotspots.xlsx")
    for ws in wb.worksheets:
        check(ws.page_setup.orientation == "landscape", f"{ws.title}: not landscape")
        check(ws.page_setup.paperSize in (9, "9"), f"{ws.title}: not A4")
    for name in ["Places", "Tools"]:
        ws = wb[name]
        check(ws.freeze_panes == "A2", f"{name}: header row not frozen")
        check(ws.print_title_rows in ("1:1", "$1:$1"), f"{name}: header row not repeated when printed")
        for letter, dim in ws.column_dimensions.items():
            check(dim.width and dim.width >= 6, f"{name}: column {letter} has no width")
        name_col = [c.value for c in ws[1]].index("place_id") + 1
        check(ws.column_dimensions[openpyxl.utils.get_column_letter(name_col)].width >= 9,
              f"{name}: place_id cut off")
    about = {r[0]: r[1] for r in wb["About"].iter_rows(values_only=True) if r and r[0]}
    check(isinstance(about.get("As of"), datetime.datetime), f"About: as of = {about.get('As of')!r}")
    ws = wb["Places"]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2, values_only=True):
        cells = dict(zip(header, row))
        for c in COUNTS:
            v = cells[c]
            check(v is None or isinstance(v, (int, float)), f"xlsx {c} = {v!r}")
        v = cells["licensed"]
        check(v is None or isinstance(v, bool), f"xlsx licensed = {v!r}")


NODE_NUMBERS = {"rank": int, "degree": int, "core": int, "connection_score": float,
                "weighted_degree": float, "betweenness_normalized": float, "eigenvector": float,
                "easting": float, "northing": float, "lat": float, "lon": float}
SCORE_LIKE = ["rank", "connection_score", "degree", "weighted_degree", "betweenness",
              "betweenness_normalized", "eigenvector", "core"]


def typed_graphml(analyst, partner):
    for name in ["network.graphml", "network.yed.graphml"]:
        g = nx.read_graphml(analyst / name)
        check(g.number_of_nodes() > 0 and g.number_of_edges() > 0, f"{name}: empty")
        for n, attrs in g.nodes(data=True):
            for k, kind in NODE_NUMBERS.items():
                if k in attrs:
                    check(isinstance(attrs[k], kind), f"{name}: {k} = {attrs[k]!r} is not {kind.__name__}")
            if attrs.get("role") == "perpetrator":
                check(isinstance(attrs.get("rank"), int), f"{name}: person of concern {n} has no rank")
            elif attrs.get("type") == "person":
                for k in SCORE_LIKE:
                    check(k not in attrs, f"{name}: a {attrs.get('role')} carries {k}")
        for u, v, attrs in g.edges(data=True):
            check(isinstance(attrs.get("weight"), float), f"{name}: edge {u}-{v} weight = {attrs.get('weight')!r}")
        check(not (partner / name).exists(), f"{name} written for partners")


analyst, partner = Path(sys.argv[1]), Path(sys.argv[2])
typed_parquet(analyst, partner)
typed_geojson(partner)
typed_workbook(partner)
typed_graphml(analyst, partner)
if failures:
    print("\n".join(sorted(set(failures))), file=sys.stderr)
    sys.exit(1)
print(f"readers: pyarrow {pa.__version__}, openpyxl {openpyxl.__version__} and networkx {nx.__version__} read every output")
