//! The network section: the table of peer groups, the diagram of their people and the
//! table of persons of concern.

use super::{anchor, c, esc};
use crate::report::released::{DiagramNode, GroupAssessment, NetworkData, PeopleDiagram, PocRow};
use std::fmt::Write;

/// The network section: the peer groups, the diagram of their people, and the persons
/// of concern.
pub(super) fn network(
    o: &mut String,
    n: &NetworkData,
    pocs: Option<&[PocRow]>,
    assessed: &[GroupAssessment],
) {
    group_rows(o, n, assessed);
    match &n.people {
        None => {
            o.push_str("<p class=\"note\">The diagram of people is not shown to this audience.</p>")
        }
        Some(people) => people_diagram(o, people),
    }
    if let Some(pocs) = pocs {
        pocs_table(o, pocs);
    }
    o.push_str("</section>\n");
}

/// The section's heading and the table of peer groups, each linked to its assessment
/// when it has one.
fn group_rows(o: &mut String, n: &NetworkData, assessed: &[GroupAssessment]) {
    // Only the assessed groups have a section to link to.
    let has_section = |id: &str| assessed.iter().any(|g| g.group == id);
    let _ = write!(
        o,
        "<section id=\"network\"><h2>Peer groups and the persons of concern around them</h2>\n<p class=\"note\">Peer groups by Louvain community detection (modularity {}); betweenness {}.</p>\n<table><tr><th>group</th><th>members</th><th>children</th><th>persons of concern in or tied to it</th></tr>\n",
        c(&n.modularity),
        esc(&n.betweenness)
    );
    for g in &n.groups {
        let id = g.id.as_str();
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            if has_section(id) {
                format!("<a href=\"#group-{}\">{}</a>", anchor(id), esc(id))
            } else {
                esc(id)
            },
            c(&g.members),
            c(&g.children),
            c(&g.persons_of_concern)
        );
    }
    o.push_str("</table>\n");
}

/// Where a diagram coordinate in `[0, 1]` is drawn, across and down.
const DIAGRAM_SIZE: (f64, f64) = (900.0, 620.0);

/// A diagram coordinate across, with room on the right for the labels of persons of
/// concern.
fn diagram_x(x: f64) -> f64 {
    10.0 + x * (DIAGRAM_SIZE.0 - 150.0)
}

/// A diagram coordinate down.
fn diagram_y(y: f64) -> f64 {
    10.0 + y * (DIAGRAM_SIZE.1 - 20.0)
}

/// The diagram of people: ties, then people coloured by role, then the legend and how
/// many were left out.
fn people_diagram(o: &mut String, people: &PeopleDiagram) {
    let (w, h) = DIAGRAM_SIZE;
    let nodes = &people.nodes;
    let _ = writeln!(
        o,
        "<svg viewBox=\"0 0 {w:.0} {h:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" role=\"img\" aria-label=\"Network diagram\">"
    );
    diagram_ties(o, people, nodes);
    diagram_people(o, nodes);
    o.push_str("</svg>\n<p class=\"legend note\"><span><i class=\"sw\" style=\"background:#c0392b;border-radius:6px\"></i>person of concern (numbered by rank, as in the persons-of-concern table)</span><span><i class=\"sw\" style=\"background:#2e86c1;border-radius:6px\"></i>child</span><span><i class=\"sw\" style=\"background:#7fb3d5;border-radius:6px\"></i>peer</span> Hover a point for who it is; the layout is computed, not geographic.</p>\n");
    if people.left_out > 0 {
        let _ = writeln!(
            o,
            "<p class=\"note\">{} more members of these groups are not drawn (at most 50 a group: persons of concern, then children, then peers); all are in people.csv and groups.csv.</p>",
            people.left_out
        );
    }
}

/// The ties between drawn people, thicker the heavier.
fn diagram_ties(o: &mut String, people: &PeopleDiagram, nodes: &[DiagramNode]) {
    let (sx, sy) = (diagram_x, diagram_y);
    for &(a, b, weight) in &people.edges {
        if let (Some(na), Some(nb)) = (nodes.get(a), nodes.get(b)) {
            let _ = writeln!(
                o,
                "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#999\" stroke-width=\"{:.1}\" stroke-opacity=\"0.6\"/>",
                sx(na.x),
                sy(na.y),
                sx(nb.x),
                sy(nb.y),
                (0.5 + weight * 0.5).min(3.0)
            );
        }
    }
}

/// The drawn people, coloured by role, with who they are on hover; persons of concern
/// labelled.
fn diagram_people(o: &mut String, nodes: &[DiagramNode]) {
    let (sx, sy) = (diagram_x, diagram_y);
    for nd in nodes {
        let role = nd.role.as_str();
        let (fill, r) = match role {
            "perpetrator" => ("#c0392b", 7.0),
            "child" => ("#2e86c1", 5.0),
            _ => ("#7fb3d5", 4.0),
        };
        let (x, y) = (sx(nd.x), sy(nd.y));
        let label = esc(&nd.person);
        let _ = writeln!(
            o,
            "<g><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r}\" fill=\"{fill}\" stroke=\"#fff\"><title>{label} — {} in {}{}</title></circle>{}</g>",
            esc(role),
            c(&nd.group),
            nd.rank
                .map_or_else(String::new, |rank| format!(", rank {rank}")),
            // Listed persons of concern carry their rank, as in the table below: a
            // number stays legible where pseudonyms would pile up.
            match nd.rank {
                Some(rank) if role == "perpetrator" => format!(
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" font-weight=\"600\" fill=\"#333\">{rank}</text>",
                    x + 8.0,
                    y + 3.0,
                ),
                _ => String::new(),
            }
        );
    }
}

/// The persons of concern: rank, score, leading components, how much rests on one
/// source, and whether they may also be exploited.
fn pocs_table(o: &mut String, pocs: &[PocRow]) {
    o.push_str("<h3>Persons of concern</h3>\n<table><tr><th>rank</th><th>person</th><th>connection score</th><th>leading components</th><th>evidence from one source</th><th>may also be exploited</th></tr>\n");
    for p in pocs {
        let _ = writeln!(
            o,
            "<tr><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{:.0}%</td><td>{}</td></tr>",
            p.rank,
            esc(&p.person),
            c(&p.total),
            esc(&p.leading),
            100.0 * p.top_source_share.unwrap_or(0.0),
            if p.may_also_be_exploited {
                "yes: under 18"
            } else {
                "no"
            }
        );
    }
    o.push_str("</table>\n");
}
