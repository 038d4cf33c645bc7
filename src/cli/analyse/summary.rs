//! The short summary `disrupt analyse` prints: the top places and why, the groups and
//! persons of concern as the audience may see them, rejects, and where the files are.

use disrupt::Analysis;
use disrupt::ingest::Loaded;
use disrupt::privacy::Disclosure;
use disrupt::report::report_data;
use std::io::Write;
use std::path::Path;

/// The short summary: top places and their leading reasons, groups, persons of concern
/// by pseudonym (as the audience may see them), rejects, where the files are. Printed
/// from the released report, so it shows what the files show.
pub(super) fn summary(
    loaded: &Loaded,
    an: &Analysis,
    to: &Disclosure,
    out: &Path,
    report: &report_data::ReportData,
) -> anyhow::Result<()> {
    // `out` is `--out` itself, not the staging folder the run writes into.
    let v = to.release_json(serde_json::to_value(report)?);
    let mut o = crate::cli::stdout();
    let d = &loaded.dataset;
    writeln!(
        o,
        "{}: as of {}, {} events counted, {} places, {} people ({} audience)",
        v["dataset"].as_str().unwrap_or(""),
        d.as_of.0,
        an.location.counts.used,
        d.places.len(),
        d.people.len(),
        to.audience()
    )?;
    write_top_places(&mut o, &v)?;
    let groups = &an.network.peer_groups;
    writeln!(
        o,
        "\nPeer groups: {} (modularity {:.3}); persons of concern ranked: {}",
        groups.groups.len(),
        groups.modularity,
        an.network.connections.len()
    )?;
    write_persons_of_concern(&mut o, &v)?;
    let rejected = loaded.quarantine.total();
    writeln!(
        o,
        "\nRejected rows: {rejected}{}",
        if rejected > 0 && to.audience() == disrupt::privacy::Audience::Analyst {
            format!(
                " (each with its reason in {})",
                out.join("rejected").display()
            )
        } else {
            String::new()
        }
    )?;
    writeln!(
        o,
        "Wrote {} files to {}; open {} in a browser.",
        to.outputs().len() + 1,
        out.display(),
        out.join("report.html").display()
    )?;
    Ok(())
}

/// The released report's (`v`) top five places, each with its three leading score
/// components.
fn write_top_places(o: &mut impl Write, v: &serde_json::Value) -> std::io::Result<()> {
    writeln!(o, "\nTop places:")?;
    for p in v["top_places"].as_array().into_iter().flatten().take(5) {
        let mut parts: Vec<(String, f64)> = p["components"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| Some((c[0].as_str()?.to_string(), c[1].as_f64()?)))
            .filter(|(_, x)| *x > 0.0)
            .collect();
        parts.sort_by(|a, b| b.1.total_cmp(&a.1));
        let leading: Vec<String> = parts.iter().take(3).map(|(n, _)| n.clone()).collect();
        writeln!(
            o,
            "  {:>3}. {:<10} {:<28} {:<14} {}",
            p["rank"],
            p["place_id"].as_str().unwrap_or(""),
            p["name"].as_str().unwrap_or(""),
            p["kind"].as_str().unwrap_or(""),
            leading.join(", ")
        )?;
    }
    Ok(())
}

/// The released report's (`v`) top five persons of concern by pseudonym, flagging
/// those under 18 who may also be exploited.
fn write_persons_of_concern(o: &mut impl Write, v: &serde_json::Value) -> std::io::Result<()> {
    if let Some(pocs) = v["persons_of_concern"].as_array() {
        for p in pocs.iter().take(5) {
            writeln!(
                o,
                "  {:>3}. {:<18} {:>6}  {}{}",
                p["rank"],
                p["person"].as_str().unwrap_or(""),
                p["total"],
                p["leading"].as_str().unwrap_or(""),
                if p["may_also_be_exploited"].as_bool() == Some(true) {
                    "  [under 18: may also be exploited]"
                } else {
                    ""
                }
            )?;
        }
    }
    Ok(())
}
