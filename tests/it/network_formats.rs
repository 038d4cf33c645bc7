//! The network outputs read back as the tools that open them read them: both GraphML
//! files parse, declare every key they use with its type and hold values of that type;
//! persons of concern carry rank and score and children nothing score-like; every edge
//! has a weight; `links_i2.csv` has one link type per row with its dates, grading and
//! direction; the `.ximp` is well-formed and names every column; partners get none.

use crate::support::disrupt;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// An XML element: name, attributes, children and text.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attrs: BTreeMap<String, String>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    /// Every descendant (and itself) named `name`, in document order.
    fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        if self.name == name {
            out.push(self);
        }
        for c in &self.children {
            c.all(name, out);
        }
    }

    fn find_all(&self, name: &str) -> Vec<&Element> {
        let mut v = Vec::new();
        self.all(name, &mut v);
        v
    }

    fn attr(&self, name: &str) -> &str {
        self.attrs.get(name).map_or("", String::as_str)
    }
}

/// The document's root element; panics on XML that is not well-formed (end tags are
/// checked against start tags).
fn parse(xml: &str) -> Element {
    use quick_xml::events::{BytesStart, Event};
    let mut reader = quick_xml::Reader::from_str(xml);
    let decoder = reader.decoder();
    let element = |e: &BytesStart| Element {
        name: String::from_utf8_lossy(e.name().as_ref()).to_string(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("a well-formed attribute");
                let v = a
                    .decode_and_unescape_value(decoder)
                    .expect("an attribute value")
                    .to_string();
                (String::from_utf8_lossy(a.key.as_ref()).to_string(), v)
            })
            .collect(),
        ..Element::default()
    };
    let mut stack = vec![Element::default()];
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let el = element(&e);
                stack.last_mut().expect("parent").children.push(el);
            }
            Event::End(_) => {
                let el = stack.pop().expect("open element");
                stack.last_mut().expect("parent").children.push(el);
            }
            Event::Text(t) => {
                let text = t.decode().expect("text");
                stack.last_mut().expect("element").text.push_str(&text);
            }
            Event::GeneralRef(_) => stack.last_mut().expect("element").text.push('&'),
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "every element closed");
    let mut doc = stack.pop().expect("document");
    assert_eq!(doc.children.len(), 1, "one root element");
    doc.children.pop().expect("root")
}

/// `disrupt network` on the example borough for `audience`, into a new folder.
fn network_run(audience: &str) -> (tempfile::TempDir, PathBuf) {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-borough");
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("n");
    let o = disrupt()
        .arg("network")
        .arg(&example)
        .args(["--audience", audience, "--out"])
        .arg(&out)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (dir, out)
}

/// Checks every `<data>` of a GraphML document against its declared key: declared,
/// for the element it is on, and a value of the declared type. Returns the keys by id.
fn check_keys(graph: &Element, file: &str) -> BTreeMap<String, (String, String, String)> {
    let mut keys = BTreeMap::new();
    for k in graph.find_all("key") {
        let ty = match k.attrs.get("attr.type") {
            Some(t) => {
                assert!(
                    ["int", "long", "double", "float", "string", "boolean"].contains(&t.as_str()),
                    "{file}: key {} has type {t}",
                    k.attr("id")
                );
                t.clone()
            }
            None => format!("yfiles:{}", k.attr("yfiles.type")),
        };
        assert!(ty != "yfiles:", "{file}: key {} has no type", k.attr("id"));
        let (name, on) = (k.attr("attr.name").to_string(), k.attr("for").to_string());
        keys.insert(k.attr("id").to_string(), (on, name, ty));
    }
    for on in ["node", "edge", "graph"] {
        for el in graph.find_all(on) {
            for d in el.children.iter().filter(|c| c.name == "data") {
                let (k_on, name, ty) = keys
                    .get(d.attr("key"))
                    .unwrap_or_else(|| panic!("{file}: key {} not declared", d.attr("key")));
                assert_eq!(k_on, on, "{file}: {name} declared for {k_on}, used on {on}");
                let v = d.text.trim();
                let ok = match ty.as_str() {
                    "int" | "long" => v.parse::<i64>().is_ok(),
                    "double" | "float" => v.parse::<f64>().is_ok_and(f64::is_finite),
                    "boolean" => v == "true" || v == "false",
                    _ => true,
                };
                assert!(ok, "{file}: {name} = {v:?} is not {ty}");
            }
        }
    }
    keys
}

/// A node's values by attribute name.
fn values(
    node: &Element,
    keys: &BTreeMap<String, (String, String, String)>,
) -> BTreeMap<String, String> {
    node.children
        .iter()
        .filter(|c| c.name == "data")
        .filter_map(|d| {
            keys.get(d.attr("key"))
                .map(|k| (k.1.clone(), d.text.clone()))
        })
        .collect()
}

/// What no child, peer or protective adult may carry.
const SCORE_LIKE: &[&str] = &[
    "rank",
    "connection_score",
    "degree",
    "weighted_degree",
    "betweenness",
    "betweenness_normalized",
    "eigenvector",
    "core",
    "may_also_be_exploited",
];

#[test]
fn graphml_declares_every_key_typed_scores_only_persons_of_concern_and_weights_every_edge() {
    let (_dir, out) = network_run("analyst");
    for file in ["network.graphml", "network.yed.graphml"] {
        let text = std::fs::read_to_string(out.join(file)).expect(file);
        let root = parse(&text);
        assert_eq!(root.name, "graphml");
        let keys = check_keys(&root, file);
        let nodes = root.find_all("node");
        let (mut pocs, mut children, mut places) = (0, 0, 0);
        for n in &nodes {
            let v = values(n, &keys);
            match (v["type"].as_str(), v.get("role").map(String::as_str)) {
                ("person", Some("perpetrator")) => {
                    pocs += 1;
                    for k in [
                        "rank",
                        "connection_score",
                        "degree",
                        "betweenness_normalized",
                        "eigenvector",
                        "core",
                    ] {
                        assert!(v.contains_key(k), "{file}: a person of concern without {k}");
                    }
                }
                ("person", Some(role)) => {
                    children += usize::from(role == "child");
                    for k in SCORE_LIKE {
                        assert!(!v.contains_key(*k), "{file}: a {role} carries {k}");
                    }
                }
                ("place", _) => {
                    places += 1;
                    for k in ["easting", "northing", "lat", "lon", "kind"] {
                        assert!(v.contains_key(k), "{file}: a place without {k}");
                    }
                }
                other => panic!("{file}: node of {other:?}"),
            }
        }
        assert!(
            pocs > 10 && children > 100 && places > 10,
            "{pocs} {children} {places}"
        );
        let edges = root.find_all("edge");
        assert!(edges.len() > 1000, "{file}: {} edges", edges.len());
        for e in &edges {
            let v = values(e, &keys);
            assert!(
                v.get("weight")
                    .and_then(|w| w.parse::<f64>().ok())
                    .is_some_and(|w| w > 0.0),
                "{file}: an edge ({:?}) without a weight",
                v.get("type")
            );
        }
    }
}

#[test]
fn yed_graphml_draws_every_node_with_a_label_a_fill_and_a_position() {
    let (_dir, out) = network_run("analyst");
    let text = std::fs::read_to_string(out.join("network.yed.graphml")).expect("yed");
    let root = parse(&text);
    let nodes = root.find_all("node");
    let mut fills = std::collections::BTreeSet::new();
    for n in &nodes {
        let shape = n.find_all("y:ShapeNode");
        assert_eq!(shape.len(), 1, "node {} has no ShapeNode", n.attr("id"));
        let g = shape[0].find_all("y:Geometry");
        for c in ["x", "y", "width", "height"] {
            assert!(g[0].attr(c).parse::<f64>().is_ok_and(f64::is_finite), "{c}");
        }
        assert!(!shape[0].find_all("y:NodeLabel")[0].text.is_empty());
        fills.insert(shape[0].find_all("y:Fill")[0].attr("color").to_string());
    }
    assert!(fills.len() >= 4, "fill by role: {fills:?}");
    let xs: std::collections::BTreeSet<String> = nodes
        .iter()
        .map(|n| n.find_all("y:Geometry")[0].attr("x").to_string())
        .collect();
    assert!(
        xs.len() > nodes.len() / 2,
        "nodes are spread out, not stacked"
    );
    assert!(root.find_all("y:PolyLineEdge").len() == root.find_all("edge").len());
}

/// The rows of a CSV as maps from column to cell, and its header.
fn csv_rows(path: &Path) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut r = csv::Reader::from_path(path).expect("csv");
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = r
        .records()
        .map(|row| {
            let row = row.expect("row");
            header
                .iter()
                .cloned()
                .zip(row.iter().map(str::to_string))
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn links_i2_has_one_link_type_per_row_with_dates_grading_and_direction() {
    let (_dir, out) = network_run("analyst");
    let (_, rows) = csv_rows(&out.join("links_i2.csv"));
    let types = [
        "associate",
        "sibling",
        "family",
        "partner",
        "co_offender",
        "contact",
        "professional",
        "trusted",
        "shared_event",
        "co_presence",
    ];
    let mut seen = BTreeMap::<(String, String, String), usize>::new();
    let mut directed = 0;
    for r in &rows {
        assert!(
            types.contains(&r["link_type"].as_str()),
            "{}",
            r["link_type"]
        );
        *seen
            .entry((
                r["entity1"].clone(),
                r["entity2"].clone(),
                r["link_type"].clone(),
            ))
            .or_default() += 1;
        assert!(["directed", "both", "undirected"].contains(&r["direction"].as_str()));
        if r["direction"] == "directed" {
            directed += 1;
            assert_eq!(
                r["link_type"], "shared_event",
                "only records with a suspect and a victim give a direction"
            );
        }
        let g = r["grading"].as_str();
        assert!(
            g == "ungraded" || disrupt::model::Grading::parse(g).is_ok(),
            "grading {g}"
        );
        let (first, last) = (&r["first_date"], &r["last_date"]);
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date");
        assert!(day(first) <= day(last), "{first} after {last}");
        assert!(!r["record_ids"].is_empty() && !r["description"].is_empty());
        assert!(
            !r["description"].contains("P-") && !r["description"].contains("P0"),
            "a description names no one: {}",
            r["description"]
        );
        assert!(r["records"].parse::<u64>().expect("records") >= 1);
        assert!(!r["source"].is_empty());
    }
    assert!(seen.values().all(|&n| n == 1), "one row per pair and type");
    assert!(directed > 0, "suspect → victim records give directed links");
    assert!(rows.iter().any(|r| r["grading"] != "ungraded"));
    assert!(rows.iter().any(|r| r["link_type"] == "co_presence"));
}

#[test]
fn entities_i2_scores_persons_of_concern_only() {
    for audience in ["analyst", "strategy"] {
        entities_for(audience);
    }
}

/// `entities_i2.csv` for `audience`: persons of concern scored, no one else; every end
/// of a link in `links_i2.csv` an entity by the same identity.
fn entities_for(audience: &str) {
    let (_dir, out) = network_run(audience);
    let (_, rows) = csv_rows(&out.join("entities_i2.csv"));
    assert_eq!(rows.len(), 985);
    for r in &rows {
        let scored = !r["rank"].is_empty() || !r["connection_score"].is_empty();
        if r["entity_type"] == "perpetrator" {
            assert!(
                r["rank"].parse::<u64>().is_ok(),
                "a person of concern without rank"
            );
            assert!(r["connection_score"].parse::<f64>().is_ok());
        } else {
            assert!(!scored, "a {} is scored", r["entity_type"]);
        }
    }
    let (_, links) = csv_rows(&out.join("links_i2.csv"));
    let entities: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r["entity"].as_str()).collect();
    for l in &links {
        assert!(
            entities.contains(l["entity1"].as_str()) && entities.contains(l["entity2"].as_str()),
            "every link end is an entity, by the same identity"
        );
    }
}

#[test]
fn the_import_specification_is_well_formed_and_names_every_column() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/i2/disrupt.ximp");
    let text = std::fs::read_to_string(&spec).expect("datasets/i2/disrupt.ximp");
    let root = parse(&text);
    assert!(
        text.contains("Analyst's Notebook 9"),
        "says which version it is for"
    );
    let (_dir, out) = network_run("analyst");
    for file in ["links_i2.csv", "entities_i2.csv"] {
        let s = root
            .find_all("ImportSpecification")
            .into_iter()
            .find(|s| s.attr("File") == file)
            .unwrap_or_else(|| panic!("no specification for {file}"));
        let named: Vec<&str> = s
            .find_all("Column")
            .iter()
            .map(|c| c.attr("Name"))
            .collect();
        let (header, _) = csv_rows(&out.join(file));
        assert_eq!(
            named, header,
            "{file}: the specification's columns, in order"
        );
        // Every column is used by the design: as an identity, label, date, arrows,
        // description or attribute.
        let design = &s.find_all("ImportDesign")[0];
        let mut used = std::collections::BTreeSet::new();
        for el in design
            .find_all("Entity")
            .into_iter()
            .chain(design.find_all("Link"))
            .chain(design.find_all("Attribute"))
        {
            for (k, v) in &el.attrs {
                if k.ends_with("Column") || k == "Column" {
                    used.insert(v.as_str());
                }
            }
        }
        for c in &header {
            assert!(used.contains(c.as_str()), "{file}: {c} is not mapped");
        }
    }
}

#[test]
fn partner_runs_write_no_network_format() {
    let (_dir, out) = network_run("partner");
    for f in [
        "links_i2.csv",
        "entities_i2.csv",
        "ties.parquet",
        "network.graphml",
        "network.yed.graphml",
        "people.csv",
    ] {
        assert!(!out.join(f).exists(), "{f} written for partners");
    }
    assert!(out.join("groups.csv").exists());
}
