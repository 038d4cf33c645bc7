//! The network tables: `people.csv`, `groups.csv`, `links_i2.csv`, `entities_i2.csv` and
//! `ties.parquet`.

use super::Kind::{Boolean, Integer, List, Number, Text};
use super::Shown::{All, Count, NotPartner};
use super::{Column, Table, col};

/// `people.csv`: everyone in the network; persons of concern scored.
pub const PEOPLE: Table = Table {
    file: "people.csv",
    also: "Also `people.parquet`. Analysts and the strategy meeting only (people by pseudonym, or by initials for the strategy meeting); never partners.",
    row: "a person: children and peers with their role and peer group only (children are never scored), persons of concern with their connection score, its components and their centralities (docs/design.md §4.6).",
    columns: &PEOPLE_COLUMNS,
    parquet_only: &[],
};

const PEOPLE_COLUMNS: [Column; 24] = [
    col(
        "person",
        Text,
        "",
        NotPartner,
        "The person as the audience may see them: a keyed pseudonym (`P-…`), or initials for the strategy meeting.",
    ),
    col(
        "role",
        Text,
        "",
        NotPartner,
        "`child`, `peer`, `perpetrator` (person of concern), `trusted_adult` or `professional`.",
    ),
    col(
        "peer_group",
        Text,
        "",
        NotPartner,
        "The peer group the person is in (a community of children, peers and the persons of concern around them: seeded Louvain with connected refinement); empty when none.",
    ),
    col(
        "rank",
        Integer,
        "",
        NotPartner,
        "Persons of concern only: rank by `connection_score`, 1 first.",
    ),
    col(
        "connection_score",
        Number,
        "points",
        NotPartner,
        "Persons of concern only: the sum of the seven components that follow.",
    ),
    col(
        "children_direct",
        Number,
        "points",
        NotPartner,
        "Component: 10 × the summed strength of the person's direct ties to children.",
    ),
    col(
        "children_two_hops",
        Number,
        "points",
        NotPartner,
        "Component: 4 × children reached through one other person, by how much the two-tie path beats any direct tie.",
    ),
    col(
        "persons_of_concern_tied",
        Number,
        "points",
        NotPartner,
        "Component: 10 × ties to other persons of concern, each weighted by its strength and by every child the two share.",
    ),
    col(
        "brokerage",
        Number,
        "points",
        NotPartner,
        "Component: 20 × betweenness over the network's largest (Freeman 1977).",
    ),
    col(
        "groups_bridged",
        Number,
        "points",
        NotPartner,
        "Component: 5 × the strongest tie into each peer group other than the person's own.",
    ),
    col(
        "hotspot_places",
        Number,
        "points",
        NotPartner,
        "Component: 5 per top hotspot place the person is recorded at; zero on a network-only dataset.",
    ),
    col(
        "recency",
        Number,
        "points",
        NotPartner,
        "Component: 10 × 2^(−days since the latest record / half-life).",
    ),
    col(
        "degree",
        Integer,
        "people",
        NotPartner,
        "Persons of concern only: people tied to them.",
    ),
    col(
        "weighted_degree",
        Number,
        "tie strength",
        NotPartner,
        "Persons of concern only: the sum of their ties' strengths (0–1 each).",
    ),
    col(
        "betweenness",
        Number,
        "shortest paths",
        NotPartner,
        "Persons of concern only: Brandes betweenness on the person graph, unnormalised; empty when sampled.",
    ),
    col(
        "betweenness_normalized",
        Number,
        "share 0–1",
        NotPartner,
        "Betweenness over (n − 1)(n − 2) / 2, as networkx normalises it.",
    ),
    col(
        "betweenness_method",
        Text,
        "",
        NotPartner,
        "How betweenness was computed: `exact`, or `sampled ±ε p=1−δ` (Riondato & Kornaropoulos 2016).",
    ),
    col(
        "eigenvector",
        Number,
        "share 0–1",
        NotPartner,
        "Eigenvector centrality on the weighted person graph (unit Euclidean norm, as networkx).",
    ),
    col(
        "core",
        Integer,
        "",
        NotPartner,
        "The k-core the person is in (Batagelj & Zaversnik 2003).",
    ),
    col(
        "top_source_share",
        Number,
        "share 0–1",
        NotPartner,
        "The share of the records behind the score from one source system: near 1, the score rests on one agency's records.",
    ),
    col(
        "may_also_be_exploited",
        Boolean,
        "",
        NotPartner,
        "Under 18 at the as-of date by birth year: a person of concern who may also be a victim of exploitation.",
    ),
    col(
        "link_refs",
        List,
        "",
        NotPartner,
        "The recorded links behind the score (source reference, else `link N`).",
    ),
    col(
        "event_refs",
        List,
        "",
        NotPartner,
        "The events behind the score's ties and places.",
    ),
    col(
        "children_tied",
        Integer,
        "children",
        NotPartner,
        "Trusted adults and professionals only: children tied to them (protective reach).",
    ),
];

/// `groups.csv`: the peer groups.
pub const GROUPS: Table = Table {
    file: "groups.csv",
    also: "Every audience; partners get the counts cut and no people.",
    row: "a peer group: its members by role, density, key places, the persons of concern around it and the protective adults tied to it.",
    columns: &[
        col(
            "group_id",
            Text,
            "",
            All,
            "The group's id (`G1`, …), stable for the same data.",
        ),
        col(
            "members",
            Integer,
            "people",
            Count,
            "Members: `children` + `peers` + `persons_of_concern_in_group` (suppressed together for partners).",
        ),
        col(
            "children",
            Integer,
            "children",
            Count,
            "Members who are children.",
        ),
        col("peers", Integer, "people", Count, "Members who are peers."),
        col(
            "persons_of_concern_in_group",
            Integer,
            "people",
            Count,
            "Members who are persons of concern.",
        ),
        col(
            "density",
            Number,
            "share 0–1",
            All,
            "Ties among members over possible ties.",
        ),
        col(
            "key_places",
            List,
            "",
            All,
            "The three places members are most recorded at, most first.",
        ),
        col(
            "persons_of_concern",
            List,
            "",
            NotPartner,
            "Persons of concern in the group or tied to a member, members first.",
        ),
        col(
            "protective_adults",
            Integer,
            "people",
            Count,
            "Trusted adults and professionals tied to members.",
        ),
    ],
    parquet_only: &[],
};

/// `links_i2.csv`: the ties, one row per type of record behind each, for i2 Analyst's
/// Notebook (`datasets/i2/disrupt.ximp`).
pub const LINKS_I2: Table = Table {
    file: "links_i2.csv",
    also: "Analysts and the strategy meeting only. With `--reveal-names`, `entity1_id`, `entity1_name`, `entity2_id` and `entity2_name` follow each end.",
    row: "one type of record behind a tie between two people: a recorded link kind, shared events, or co-presence.",
    columns: &[
        col(
            "entity1",
            Text,
            "",
            NotPartner,
            "One end, as the audience may see them (the same text as in `entities_i2.csv`).",
        ),
        col("entity1_type", Text, "", NotPartner, "Its role."),
        col("entity2", Text, "", NotPartner, "The other end."),
        col("entity2_type", Text, "", NotPartner, "Its role."),
        col(
            "link_type",
            Text,
            "",
            NotPartner,
            "One of the recorded link kinds (`associate`, `contact`, `family`, …), `shared_event` (both in one event) or `co_presence` (different events at one place within the co-presence window).",
        ),
        col(
            "direction",
            Text,
            "",
            NotPartner,
            "`directed` (from `entity1`: a shared event records them as suspect and the other as victim), `both`, or `undirected`.",
        ),
        col(
            "first_date",
            Text,
            "YYYY-MM-DD",
            NotPartner,
            "The earliest date of the records.",
        ),
        col(
            "last_date",
            Text,
            "YYYY-MM-DD",
            NotPartner,
            "The latest date of the records.",
        ),
        col(
            "grading",
            Text,
            "3x5x2",
            NotPartner,
            "The strongest grading among the records (source 1–3, then information A–E, then P before C), or `ungraded`.",
        ),
        col(
            "source",
            Text,
            "",
            NotPartner,
            "The records' source systems, `;`-separated.",
        ),
        col(
            "records",
            Integer,
            "records",
            NotPartner,
            "How many records: links, shared events, or co-present pairs of events.",
        ),
        col(
            "tie_weight",
            Number,
            "tie strength 0–1",
            NotPartner,
            "The weight of the whole tie (the same on each of its rows).",
        ),
        col(
            "description",
            Text,
            "",
            NotPartner,
            "Built from typed values only (kinds, counts, gradings, whether a suspect and a victim are recorded), never free text from records.",
        ),
        col(
            "record_ids",
            List,
            "",
            NotPartner,
            "The records behind the row: event ids; for a recorded link its `source_ref`, else `link N` (its position among accepted links).",
        ),
    ],
    parquet_only: &[],
};

/// `entities_i2.csv`: the people, for i2 Analyst's Notebook.
pub const ENTITIES_I2: Table = Table {
    file: "entities_i2.csv",
    also: "Analysts and the strategy meeting only; import it before `links_i2.csv`.",
    row: "a person, identified by the same text as the link ends.",
    columns: &[
        col("entity", Text, "", NotPartner, "The person as released."),
        col("entity_type", Text, "", NotPartner, "Their role."),
        col(
            "peer_group",
            Text,
            "",
            NotPartner,
            "Their peer group, empty when in none.",
        ),
        col(
            "rank",
            Integer,
            "",
            NotPartner,
            "Persons of concern only: rank by connection score.",
        ),
        col(
            "connection_score",
            Number,
            "points",
            NotPartner,
            "Persons of concern only: the connection score. Children, peers and protective adults are never scored.",
        ),
    ],
    parquet_only: &[],
};

/// `ties.parquet`: one row per tie, for a distributed engine (docs/scale.md).
pub const TIES: Table = Table {
    file: "ties.parquet",
    also: "Parquet only. Analysts and the strategy meeting only.",
    row: "a tie between two people, every type behind it joined by `+` (GraphFrames edges).",
    columns: &[
        col(
            "entity1",
            Text,
            "",
            NotPartner,
            "One end, as the audience may see them.",
        ),
        col("entity1_type", Text, "", NotPartner, "Its role."),
        col("entity2", Text, "", NotPartner, "The other end."),
        col("entity2_type", Text, "", NotPartner, "Its role."),
        col(
            "link_type",
            Text,
            "",
            NotPartner,
            "What the tie was built from: recorded link kinds, `co_presence`, `shared_event`, joined by `+`.",
        ),
        col(
            "weight",
            Number,
            "tie strength 0–1",
            NotPartner,
            "The tie's strength.",
        ),
        col(
            "link_refs",
            List,
            "",
            NotPartner,
            "The recorded links behind it.",
        ),
        col("event_refs", List, "", NotPartner, "The events behind it."),
    ],
    parquet_only: &[],
};
