//! `disrupt context CHILD_ID DATA`: a child's context summary — places, peers, persons
//! of concern within two ties and the records behind each tie, protective adults, gaps.
//! No score.

use anyhow::Context;
use disrupt::assess::context::{ContextSummary, context};
use disrupt::model::PersonId;
use disrupt::privacy::Disclosure;
use std::io::Write;
use std::process::ExitCode;

/// Output format.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    /// Readable text.
    Text,
    /// JSON.
    Json,
}

/// Arguments of `disrupt context`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The child's `person_id`.
    child: String,
    #[command(flatten)]
    dataset: super::dataset::DataArgs,
    #[command(flatten)]
    engine: super::engine::EngineArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Runs `disrupt context`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let settings = args.engine.settings()?;
    if args.dataset.privacy.audience == super::session::AudienceArg::Partner {
        return Err(super::UsageError(
            "a context summary is about a named child: it is for the analyst and strategy audiences, never partners"
                .into(),
        )
        .into());
    }
    args.dataset.run(|loaded, to, _out| {
        let d = &loaded.dataset;
        let child = to.find_person(d, &args.child).ok_or_else(|| {
            anyhow::anyhow!(
                "no person '{}' in the dataset (give a person_id or a pseudonym)",
                args.child
            )
        })?;
        let (settings, _) = args.engine.for_dataset(&settings, d, None);
        let a = disrupt::Analysis::run(d, &settings, None, args.engine.betweenness())
            .context("cannot build the analysis grid")?
            .network;
        let c = context(d, &a, child).map_err(|e| anyhow::anyhow!(e))?;
        let mut out = super::stdout();
        match args.format {
            Format::Json => {
                serde_json::to_writer_pretty(
                    &mut out,
                    &to.release_json(serde_json::to_value(&c)?),
                )?;
                writeln!(out)?;
            }
            Format::Text => print_text(&mut out, &c, &to)?,
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// The summary as text, every person named as the audience may see them.
fn print_text(out: &mut impl Write, c: &ContextSummary, to: &Disclosure) -> std::io::Result<()> {
    let who = |p: PersonId| to.person_text(p);
    writeln!(out, "Context of {}{}", who(c.child), age_and_care(c))?;
    write_missing(out, c)?;
    write_peers_and_concerns(out, c, to)?;
    let list = |v: &[PersonId]| v.iter().map(|p| who(*p)).collect::<Vec<_>>().join(", ");
    writeln!(
        out,
        "Protective: trusted adults [{}], professionals [{}]",
        list(&c.trusted_adults),
        list(&c.professionals)
    )?;
    for g in &c.gaps {
        writeln!(out, "Gap: {g}")?;
    }
    Ok(())
}

/// The heading's tail after the child's name: the age range and the looked-after status
/// (with the care status and the local rule for looked-after children, when known).
fn age_and_care(c: &ContextSummary) -> String {
    let age = c
        .age
        .map(|(a, b)| format!(", aged {a}–{b}"))
        .unwrap_or_default();
    let rule = disrupt::toolkit::Catalogue::bundled()
        .ok()
        .and_then(|cat| cat.local.looked_after_rule());
    let status = c
        .care_status
        .map(|s| format!(" ({})", s.in_words()))
        .unwrap_or_default();
    let la = match (c.looked_after, rule) {
        (Some(true), Some(rule)) => format!(", looked after{status}; {rule}"),
        (Some(true), None) => format!(", looked after{status}"),
        (Some(false), _) => String::new(),
        (None, _) => ", looked-after status not recorded".to_string(),
    };
    format!("{age}{la}")
}

/// The missing episodes: their count, each return's follow-up contacts, and where the
/// child was found.
fn write_missing(out: &mut impl Write, c: &ContextSummary) -> std::io::Result<()> {
    writeln!(
        out,
        "Missing episodes: {}; last found at: {}",
        c.missing_episodes,
        c.last_found_at.as_deref().unwrap_or("-")
    )?;
    writeln!(
        out,
        "Returns from missing episodes (same-day contact; return home interview):"
    )?;
    if c.returns.is_empty() {
        writeln!(out, "  none recorded")?;
    }
    for r in &c.returns {
        writeln!(
            out,
            "  {} found {} at {}: same day {}; interview {}",
            r.found_event,
            r.found_at,
            r.place.as_deref().unwrap_or("-"),
            contact_text(r.same_day_contact, r.same_day_event.as_deref()),
            contact_text(r.return_interview, r.return_interview_event.as_deref())
        )?;
    }
    writeln!(out, "Found at:")?;
    for p in &c.found_at {
        writeln!(
            out,
            "  {} ({}) {} time(s), last {}",
            p.place, p.kind, p.events, p.last
        )?;
    }
    Ok(())
}

/// The peer group and its members, then the persons of concern within two ties with
/// the path to each, every person named as the audience may see them.
fn write_peers_and_concerns(
    out: &mut impl Write,
    c: &ContextSummary,
    to: &Disclosure,
) -> std::io::Result<()> {
    let who = |p: PersonId| to.person_text(p);
    writeln!(
        out,
        "Peer group: {}",
        c.peer_group.as_deref().unwrap_or("none")
    )?;
    for (p, r) in &c.peers {
        writeln!(out, "  {} ({r})", who(*p))?;
    }
    writeln!(out, "Persons of concern within two ties:")?;
    for p in &c.persons_of_concern {
        writeln!(
            out,
            "  {} ({} tie{})",
            who(p.person),
            p.hops,
            if p.hops == 1 { "" } else { "s" }
        )?;
        for h in &p.path {
            writeln!(
                out,
                "    {} — {}: links [{}] events [{}]",
                who(h.from),
                who(h.to),
                h.links.join(", "),
                h.events.join(", ")
            )?;
        }
    }
    Ok(())
}

/// A contact after a return, in words.
fn contact_text(c: disrupt::assess::Contact, event: Option<&str>) -> String {
    match (c, event) {
        (disrupt::assess::Contact::Recorded, Some(e)) => format!("recorded ({e})"),
        (disrupt::assess::Contact::Recorded, None) => "recorded".to_string(),
        (disrupt::assess::Contact::NotRecorded, _) => "NOT RECORDED".to_string(),
        (disrupt::assess::Contact::NotYetDue, _) => "not yet due".to_string(),
    }
}
