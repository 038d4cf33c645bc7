//! Places where children gather: many children recorded there, none of it exploitation
//! evidence (see [`crate::score::place_records`]). Listed for Youth Outreach and
//! contextual safeguarding, not as hotspots.

use crate::model::Dataset;
use crate::privacy::Count;
use crate::report::escape::html as esc;
use crate::report::released::Cell;
use crate::score::{LocationAnalysis, PlaceScore};
use serde::Serialize;
use std::fmt::Write;

/// A place where children gather: many children recorded there, none of it exploitation
/// evidence (see [`crate::score::place_records`]). For Youth Outreach and contextual
/// safeguarding, not a hotspot.
#[derive(Debug, Clone, Serialize)]
pub struct GatheringPlace {
    /// `place_id`.
    pub place_id: String,
    /// Name.
    pub name: Option<String>,
    /// Kind.
    pub kind: String,
    /// Distinct children in records that are not exploitation evidence.
    pub children: Count,
    /// Those records.
    pub records: Count,
    /// Rank in the place list.
    pub rank: usize,
}

/// Places where children gather, most children first (ties by rank), at most `top`.
pub fn gathering_places(d: &Dataset, la: &LocationAnalysis, top: usize) -> Vec<GatheringPlace> {
    let mut v: Vec<&PlaceScore> = la.ranking.iter().filter(|s| s.measures.gathering).collect();
    v.sort_by(|a, b| {
        b.measures
            .gathering_children
            .cmp(&a.measures.gathering_children)
            .then(a.rank.cmp(&b.rank))
    });
    v.into_iter()
        .take(top)
        .map(|s| {
            let p = &d.places[s.place.index()];
            GatheringPlace {
                place_id: p.key.clone(),
                name: p.name.clone(),
                kind: p.kind.to_string(),
                children: Count(s.measures.gathering_children as u64),
                records: Count(s.measures.gathering_records as u64),
                rank: s.rank,
            }
        })
        .collect()
}

/// The report's "Where children gather" section.
pub fn html(o: &mut String, rows: &[crate::report::released::GatheringPlace]) {
    o.push_str("<section id=\"gathering\"><h2>Where children gather</h2>\n<p class=\"note\">Places where many children are recorded in records that are not exploitation evidence: found or seen there with no person of concern where little or nothing else points to exploitation (a person of concern, an exploitation, drugs or weapons category, intelligence, a Makesafe call), or recorded as victims or witnesses in the daytime, or with a professional. Not hotspots: places for Youth Outreach and contextual safeguarding to know. Children found at their own home or placement are not counted.</p>\n");
    if rows.is_empty() {
        o.push_str("<p>None.</p></section>\n");
        return;
    }
    o.push_str("<table><tr><th>place</th><th>name</th><th>kind</th><th>children</th><th>records</th><th>rank</th></tr>\n");
    for r in rows {
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&r.place_id),
            r.name.cell(esc),
            esc(&r.kind),
            r.children.cell(esc),
            r.records.cell(esc),
            r.rank
        );
    }
    o.push_str("</table></section>\n");
}
