use super::{Context, Outcome, events::provenance, validate_rows};
use crate::ingest::{RawTable, Reason, Table};
use crate::model::{Link, LinkId, LinkKind, PersonId};

/// Validates `links`: two different accepted people, a known `kind`, and `until` no
/// earlier than `since`.
pub fn validate(raw: &RawTable, ctx: &Context) -> Outcome<Link> {
    validate_rows(raw, None, |rc, index| {
        let from = rc.required("from_id").and_then(|k| {
            ctx.people
                .resolve("from_id", k, Table::People)
                .map_err(|r| rc.push(r))
                .ok()
        });
        let to = rc.required("to_id").and_then(|k| {
            ctx.people
                .resolve("to_id", k, Table::People)
                .map_err(|r| rc.push(r))
                .ok()
        });
        if let (Some(a), Some(b)) = (rc.text("from_id"), rc.text("to_id"))
            && a == b
        {
            rc.push(Reason::row(
                "self-link",
                format!("links '{a}' to itself; a link joins two different people"),
            ));
        }
        let kind = rc.vocab::<LinkKind>("kind");
        let since = rc.date_opt("since");
        let until = rc.date_opt("until");
        if let (Some(s), Some(u)) = (since, until)
            && u < s
        {
            rc.push(Reason::column(
                "until",
                "before since",
                format!("{u} is before since {s}"),
            ));
        }
        let provenance = provenance(rc);
        Some(Link {
            id: LinkId(index),
            from: PersonId(from?),
            to: PersonId(to?),
            kind: kind?,
            since,
            until,
            provenance,
        })
    })
}
