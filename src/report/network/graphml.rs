//! `network.graphml`: the network for Gephi and networkx, every attribute declared with
//! its type so numbers read as numbers.

use super::graph_data::{Graph, push_data, write_keys};
use crate::model::Dataset;
use crate::privacy::Disclosure;
use crate::report::escape::xml;
use crate::score::NetworkAnalysis;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `network.graphml`: people (label, role, peer group; for persons of concern
/// rank, connection score and centralities) and places (kind, coordinates) as nodes;
/// ties (weight, link types, links, shared events, co-presences) and attendance
/// (weight = events) as edges, with typed attribute keys ([`super::graph_data::KEYS`]).
/// People are named as the audience may see them; partners get no graph of people at
/// all (returns `None`, writes nothing).
///
/// # Errors
/// Any I/O error.
pub fn write_graphml(
    path: &Path,
    d: &Dataset,
    a: &NetworkAnalysis,
    to: &Disclosure,
) -> std::io::Result<Option<PathBuf>> {
    if !to.shows_people() {
        return Ok(None);
    }
    let g = Graph::new(d, a, to);
    crate::plumbing::file::write_atomic(path, |w| {
        writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            w,
            r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"#
        )?;
        write_keys(w)?;
        writeln!(w, r#"  <graph id="disrupt" edgedefault="undirected">"#)?;
        writeln!(
            w,
            r#"    <data key="g_betweenness_method">{}</data>"#,
            xml(&a.betweenness.describe())
        )?;
        let mut line = String::new();
        for n in g.nodes() {
            line.clear();
            line.push_str(r#"    <node id=""#);
            line.push_str(n.id);
            line.push_str(r#"">"#);
            push_data(&n.data, &mut line);
            line.push_str("</node>\n");
            w.write_all(line.as_bytes())?;
        }
        for e in g.edges() {
            line.clear();
            line.push_str(r#"    <edge source=""#);
            line.push_str(g.id(e.source));
            line.push_str(r#"" target=""#);
            line.push_str(g.id(e.target));
            line.push_str(r#"">"#);
            push_data(&e.data, &mut line);
            line.push_str("</edge>\n");
            w.write_all(line.as_bytes())?;
        }
        writeln!(w, "  </graph>\n</graphml>")
    })?;
    to.record_output(path.to_path_buf());
    Ok(Some(path.to_path_buf()))
}
