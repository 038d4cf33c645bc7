"""Checks the outputs of `disrupt analyse` as the readers users have open them.

Usage: check.py ANALYST_DIR PARTNER_DIR
"""

import datetime
import json
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import openpyxl
import openpyxl.utils
import polars as pl
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


def geojson_in_gdal(analyst, partner):
    """Every GeoJSON as GDAL reads it: counts and numbers as numbers, no property a
    nested object GIS tools would show as text."""
    want = {"hotspots.geojson": {"rank": "Integer", "total": "Real", "events": "Integer",
                                 "licensed": "Integer(Boolean)"},
            "grid.geojson": {"count": "Integer", "kde": "Real", "gi_z": "Real"},
            "trends.geojson": {"cell": "Integer", "trend_z": "Real", "events": "Integer"}}
    for folder in (analyst, partner):
        for name, fields in want.items():
            info = ogrinfo("-so", "-al", str(folder / name))
            got = dict(re.findall(r"^(\w+): (\S+) \(", info, re.M))
            for field, kind in fields.items():
                check(got.get(field) == kind, f"{folder.name}/{name}: GDAL reads {field} as {got.get(field)}, not {kind}")
            nested = [f for f, k in got.items() if k in ("String", "StringList") and f in ("by_month", "hour_weekday")]
            check(not nested, f"{folder.name}/{name}: nested properties {nested}")


def parquet_in_polars(analyst, partner):
    """Every Parquet file in current polars, with the types pyarrow 14 sees."""
    for folder in (analyst, partner):
        for f in sorted(folder.glob("*.parquet")):
            df = pl.read_parquet(f)
            arrow = pq.read_schema(f)
            for name, dtype in df.schema.items():
                t = arrow.field(name).type
                if pa.types.is_integer(t):
                    check(dtype.is_integer(), f"polars {folder.name}/{f.name}: {name} is {dtype}")
                elif pa.types.is_floating(t):
                    check(dtype.is_float(), f"polars {folder.name}/{f.name}: {name} is {dtype}")
                elif pa.types.is_boolean(t):
                    check(dtype == pl.Boolean, f"polars {folder.name}/{f.name}: {name} is {dtype}")


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
# The fields GDAL must read with these types, per GeoPackage layer.
GPKG_FIELDS = {
    "places": {"rank": "Integer64", "place_id": "String", "total": "Real", "events": "Integer64",
               "licensed": "Integer(Boolean)", "cell_hot": "Integer(Boolean)"},
    "grid_cells": {"cell": "Integer64", "count": "Integer64", "kde": "Real", "gi_z": "Real",
                   "significant": "Integer(Boolean)"},
    "study_area": {"name": "String"},
    "hot_spot_cells": {"cell": "Integer64", "significant": "Integer(Boolean)"},
}
GPKG_GEOMETRY = {"places": "Point", "grid_cells": "Polygon", "study_area": "Multi Polygon",
                 "hot_spot_cells": "Polygon"}


def ogrinfo(*args):
    r = subprocess.run(["ogrinfo", "-ro", *args], capture_output=True, text=True)
    check(r.returncode == 0 and "ERROR" not in r.stderr and "Warning" not in r.stderr,
          f"ogrinfo {' '.join(args)}: {r.stderr.strip()}")
    return r.stdout


def gpkg_layer(path, layer, partner):
    """One layer in `ogrinfo -so`: its geometry, CRS and field types."""
    info = ogrinfo("-so", str(path), layer)
    where = f"{path.parent.name}/{path.name} {layer}"
    fields = dict(re.findall(r"^(\w+): (\S+) \(", info, re.M))
    if layer == "layer_styles":
        check("styleQML" in fields, f"{where}: no styleQML")
        return
    geometry = re.search(r"^Geometry: (.+)$", info, re.M)
    check(geometry and geometry.group(1) == GPKG_GEOMETRY[layer], f"{where}: geometry {geometry}")
    srs = re.findall(r'^    ID\["EPSG",(\d+)\]\]', info, re.M)
    check(srs == ["27700"], f"{where}: CRS is not EPSG:27700 ({srs})")
    for name, kind in GPKG_FIELDS[layer].items():
        check(fields.get(name) == kind, f"{where}: {name} is {fields.get(name)}, not {kind}")
    if partner and layer == "places":
        check("event_ids" not in fields, f"{where}: event ids given to partners")
        check(fields.get("events_shown") == "String", f"{where}: no events_shown")


def geopackage(folder, partner):
    path = folder / "hotspots.gpkg"
    from osgeo_utils.samples.validate_gpkg import check as validate_gpkg
    errors = validate_gpkg(str(path), abort_at_first_error=False, extra_checks=True,
                           warning_as_error=True, warning_msg=False)
    for req, msg in errors:
        check(False, f"{folder.name}/hotspots.gpkg: GeoPackage requirement {req}: {msg}")
    layers = re.findall(r"^\d+: (\w+)", ogrinfo("-q", str(path)), re.M)
    want = {"places", "grid_cells", "study_area", "layer_styles"}
    if not partner:
        want.add("hot_spot_cells")
    check(set(layers) == want, f"{folder.name}/hotspots.gpkg: layers {layers}, want {sorted(want)}")
    for layer in layers:
        gpkg_layer(path, layer, partner)


def geoparquet(folder):
    path = folder / "hotspots.parquet"
    table = pq.read_table(path)
    meta = table.schema.metadata or {}
    check(b"geo" in meta, f"{folder.name}/hotspots.parquet: no `geo` metadata")
    if b"geo" not in meta:
        return
    geo = json.loads(meta[b"geo"])
    column = geo["columns"][geo["primary_column"]]
    check(geo["primary_column"] == "geometry", f"{path}: primary column {geo['primary_column']}")
    check(column["encoding"] == "WKB" and column["crs"]["id"]["code"] == 27700, f"{path}: {column['crs']['id']}")
    check(pa.types.is_binary(table.schema.field("geometry").type)
          or pa.types.is_large_binary(table.schema.field("geometry").type), f"{path}: geometry is not binary")
    check(all(len(g) == 21 for g in table.column("geometry").to_pylist()), f"{path}: not WKB points")
    try:
        import geopandas
    except ImportError:
        return
    frame = geopandas.read_parquet(path)
    check(frame.crs is not None and frame.crs.to_epsg() == 27700, f"geopandas: {path} crs {frame.crs}")
    check(set(frame.geom_type) == {"Point"} and len(frame) == table.num_rows, f"geopandas: {path} geometries")
    grid = geopandas.read_file(folder / "hotspots.gpkg", layer="grid_cells")
    check(grid.crs.to_epsg() == 27700 and len(grid) > 0, f"geopandas: {folder.name} grid_cells")


analyst, partner = Path(sys.argv[1]), Path(sys.argv[2])
typed_parquet(analyst, partner)
typed_geojson(partner)
typed_workbook(partner)
typed_graphml(analyst, partner)
geojson_in_gdal(analyst, partner)
parquet_in_polars(analyst, partner)
for folder, is_partner in [(analyst, False), (partner, True)]:
    geopackage(folder, is_partner)
    geoparquet(folder)
if failures:
    print("\n".join(sorted(set(failures))), file=sys.stderr)
    sys.exit(1)
gdal = subprocess.run(["ogrinfo", "--version"], capture_output=True, text=True).stdout.strip()
print(f"readers: pyarrow {pa.__version__}, polars {pl.__version__}, openpyxl {openpyxl.__version__}, networkx {nx.__version__} and {gdal} read every output")
