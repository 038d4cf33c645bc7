//! `network.yed.graphml`: the network drawn for yEd. The same nodes, edges and typed
//! attributes as `network.graphml`, and for each node a yFiles `ShapeNode` (label,
//! fill by role, position) and for each edge a `PolyLineEdge` as wide as its weight.
//! Positions come from the layout the report's network diagram uses
//! ([`crate::report::layout::layout`]), run over every node.

use super::graph_data::{Graph, GraphEdge, GraphNode, NodeOf, push_data, write_keys};
use crate::model::{Dataset, Role};
use crate::privacy::Disclosure;
use crate::report::escape::xml_into;
use crate::score::NetworkAnalysis;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Node-pair steps the layout may take in all (rounds × nodes²): 200 rounds up to
/// 1,000 nodes, fewer above, none above 14,000 (the nodes stay where the layout starts
/// them: on a circle per peer group).
const LAYOUT_BUDGET: f64 = 2e8;

/// The most rounds the layout takes (as the report's diagram does).
const MAX_ROUNDS: usize = 200;

/// Side of the drawing, in yEd's units (points), per square root of the node count.
const SPACING: f64 = 60.0;

/// Diameter of a person's shape and side of a place's, in points.
const NODE_SIZE: f64 = 30.0;

/// A node's fill: the report diagram's colours for persons of concern, children and
/// peers; green for protective adults, grey for places.
fn fill(of: NodeOf) -> &'static str {
    match of {
        NodeOf::Person(_, Role::Perpetrator) => "#C0392B",
        NodeOf::Person(_, Role::Child) => "#2E86C1",
        NodeOf::Person(_, Role::Peer) => "#7FB3D5",
        NodeOf::Person(_, Role::TrustedAdult) => "#27AE60",
        NodeOf::Person(_, Role::Professional) => "#1E8449",
        NodeOf::Place(_) => "#BDC3C7",
    }
}

/// Writes `network.yed.graphml`. Partners get no graph of people at all (returns
/// `None`, writes nothing).
///
/// # Errors
/// Any I/O error.
pub fn write_yed_graphml(
    path: &Path,
    d: &Dataset,
    a: &NetworkAnalysis,
    to: &Disclosure,
) -> std::io::Result<Option<PathBuf>> {
    if !to.shows_people() {
        return Ok(None);
    }
    let g = Graph::new(d, a, to);
    let positions = positions(&g);
    crate::plumbing::file::write_atomic(path, |w| {
        writeln!(
            w,
            r#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>"#
        )?;
        writeln!(
            w,
            r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="http://www.yworks.com/xml/graphml" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">"#
        )?;
        write_keys(w)?;
        writeln!(
            w,
            r#"  <key id="y_node" for="node" yfiles.type="nodegraphics"/>"#
        )?;
        writeln!(
            w,
            r#"  <key id="y_edge" for="edge" yfiles.type="edgegraphics"/>"#
        )?;
        writeln!(w, r#"  <graph id="disrupt" edgedefault="undirected">"#)?;
        let mut line = String::new();
        for (n, (x, y)) in g.nodes().zip(&positions) {
            line.clear();
            line.push_str(r#"    <node id=""#);
            line.push_str(n.id);
            line.push_str(r#"">"#);
            push_data(&n.data, &mut line);
            line.push_str(r#"<data key="y_node">"#);
            push_shape(&n, *x, *y, &mut line);
            line.push_str("</data></node>\n");
            w.write_all(line.as_bytes())?;
        }
        for (i, e) in g.edges().enumerate() {
            line.clear();
            let _ = write!(line, r#"    <edge id="e{i}" source=""#);
            line.push_str(g.id(e.source));
            line.push_str(r#"" target=""#);
            line.push_str(g.id(e.target));
            line.push_str(r#"">"#);
            push_data(&e.data, &mut line);
            line.push_str(r#"<data key="y_edge">"#);
            push_line(&e, &mut line);
            line.push_str("</data></edge>\n");
            w.write_all(line.as_bytes())?;
        }
        writeln!(w, "  </graph>\n</graphml>")
    })?;
    to.record_output(path.to_path_buf());
    Ok(Some(path.to_path_buf()))
}

/// A node's yFiles shape, appended to `out`: an ellipse for a person, a rectangle for a
/// place, centred on `(x, y)` points.
fn push_shape(n: &GraphNode, x: f64, y: f64, out: &mut String) {
    let kind = match n.of {
        NodeOf::Person(..) => "ellipse",
        NodeOf::Place(_) => "rectangle",
    };
    let half = NODE_SIZE / 2.0;
    let _ = write!(
        out,
        r##"<y:ShapeNode><y:Geometry x="{:.1}" y="{:.1}" width="{NODE_SIZE:.1}" height="{NODE_SIZE:.1}"/><y:Fill color="{}" transparent="false"/><y:BorderStyle color="#000000" type="line" width="1.0"/><y:NodeLabel>"##,
        x - half,
        y - half,
        fill(n.of),
    );
    xml_into(&n.label, out);
    let _ = write!(
        out,
        r#"</y:NodeLabel><y:Shape type="{kind}"/></y:ShapeNode>"#
    );
}

/// An edge's yFiles line, appended to `out`: grey, 1 to 5 points wide by weight, no
/// arrows (ties are undirected); attendance dashed.
fn push_line(e: &GraphEdge, out: &mut String) {
    let _ = write!(
        out,
        r##"<y:PolyLineEdge><y:LineStyle color="#808080" type="{}" width="{:.1}"/><y:Arrows source="none" target="none"/></y:PolyLineEdge>"##,
        if e.attended { "dashed" } else { "line" },
        1.0 + e.weight.clamp(0.0, 4.0)
    );
}

/// Each node's position in points: the report diagram's force-directed layout over
/// every node, people clustered by peer group (those in none together), places as one
/// cluster, scaled to a square of side [`SPACING`] × √nodes.
fn positions(g: &Graph) -> Vec<(f64, f64)> {
    let a = g.analysis();
    let groups = a.peer_groups.groups.len();
    let clusters: Vec<usize> = (0..g.node_count())
        .map(|i| {
            if i < g.people() {
                a.peer_groups.group_of[i].unwrap_or(groups)
            } else {
                groups + 1
            }
        })
        .collect();
    let pairs = g.edge_ends();
    let n = g.node_count().max(1) as f64;
    let rounds = ((LAYOUT_BUDGET / (n * n)) as usize).min(MAX_ROUNDS);
    let side = SPACING * n.sqrt();
    crate::report::layout::layout(&clusters, &pairs, rounds)
        .into_iter()
        .map(|(x, y)| (x * side, y * side))
        .collect()
}
