//! The data dictionary: every column of every table `disrupt analyse` writes, with its
//! type, unit and meaning. `docs/outputs.md` is rendered from it ([`markdown`]), and a
//! test runs the engine for each audience and fails when a written column is missing
//! here, a column here is never written, a type disagrees with the Parquet schema or the
//! values, or the document is stale.

mod hotspots;
mod network;
mod trends;

/// A column's type, as written: the Parquet type, and how the CSV cell reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A whole number (Parquet `int64`).
    Integer,
    /// A floating-point number (Parquet `double`).
    Number,
    /// `true` or `false` (Parquet `bool`).
    Boolean,
    /// Text (Parquet `large_string`).
    Text,
    /// Identifiers separated by `;` (Parquet `large_string`).
    List,
    /// A Well-Known Binary geometry (Parquet `large_binary`; GeoParquet's `geometry`).
    Geometry,
}

impl Kind {
    /// The name the dictionary shows.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::Boolean => "boolean",
            Kind::Text => "text",
            Kind::List => "list of ids",
            Kind::Geometry => "WKB geometry",
        }
    }
}

/// Who may see a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Every audience, as is.
    All,
    /// Every audience; a count of people or records, so partner outputs hold it as a
    /// number that is empty where suppressed, with a `NAME_shown` display column beside
    /// it (`38`, `<5`, `[c]`).
    Count,
    /// Analysts and the strategy meeting only: record references, people.
    NotPartner,
}

/// One column.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The column's name in the header.
    pub name: &'static str,
    /// Its type.
    pub kind: Kind,
    /// Its unit ("" when it has none).
    pub unit: &'static str,
    /// Who may see it.
    pub shown: Shown,
    /// What it means.
    pub meaning: &'static str,
}

/// One table and its columns.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// The file `disrupt analyse` writes: the CSV, or the Parquet file for a table
    /// written only as Parquet.
    pub file: &'static str,
    /// The same table in other formats, and the audiences that get it.
    pub also: &'static str,
    /// What one row is.
    pub row: &'static str,
    /// The columns, in output order.
    pub columns: &'static [Column],
    /// Columns only the Parquet file holds (after the others).
    pub parquet_only: &'static [Column],
}

impl Table {
    /// The column named `name`, or the count a partner `NAME_shown` column displays.
    pub fn column(&self, name: &str) -> Option<&Column> {
        let all = || self.columns.iter().chain(self.parquet_only);
        all().find(|c| c.name == name).or_else(|| {
            let count = name.strip_suffix(SHOWN)?;
            all().find(|c| c.name == count && c.shown == Shown::Count)
        })
    }
}

/// The suffix of a partner count's display column.
pub const SHOWN: &str = "_shown";

/// A column, for the table definitions.
pub(crate) const fn col(
    name: &'static str,
    kind: Kind,
    unit: &'static str,
    shown: Shown,
    meaning: &'static str,
) -> Column {
    Column {
        name,
        kind,
        unit,
        shown,
        meaning,
    }
}

/// Every table `disrupt analyse` writes, in the order the dictionary lists them.
pub fn tables() -> [&'static Table; 12] {
    [
        &hotspots::HOTSPOTS,
        &hotspots::PREMISES_TYPES,
        &hotspots::PLACE_HOURS,
        &hotspots::PLACE_MONTHS,
        &network::PEOPLE,
        &network::GROUPS,
        &network::LINKS_I2,
        &network::ENTITIES_I2,
        &network::TIES,
        &trends::TRENDS,
        &trends::PLACE_TRENDS,
        &trends::CUBE,
    ]
}

/// The table written as `file`.
pub fn table(file: &str) -> Option<&'static Table> {
    tables().into_iter().find(|t| t.file == file)
}

/// `docs/outputs.md`: the dictionary as Markdown.
pub fn markdown() -> String {
    let mut o = String::from(
        "# Output data dictionary\n\n\
         Every column of every table `disrupt analyse` writes: its type, unit and meaning.\n\
         This file is generated from `src/report/dictionary/`; a test fails when it is\n\
         stale (`UPDATE_DICTIONARY=1 cargo test --release dictionary` rewrites it).\n\n\
         - **Types**: `integer` and `number` are Parquet `int64` and `double`, `boolean` is\n  \
           `bool`, `text` and `list of ids` (separated by `;`) are `large_string`, and `WKB\n  \
           geometry` is `large_binary` (GeoParquet 1.1, EPSG:27700). An empty CSV cell is a\n  \
           null.\n\
         - **Partner counts**: a column marked *count* holds people or records. In partner\n  \
           outputs it is a number that is empty where the count is suppressed (1 to 4, or\n  \
           one that would reveal a suppressed part of a total), with a `NAME_shown` column\n  \
           beside it that reads `38`, `<5` or `[c]`.\n\
         - **Not for partners**: columns marked *not partner* name people or cite records;\n  \
           partner outputs leave them out.\n\
         - **Children are never scored**: score and rank columns of `people.csv` are empty\n  \
           for children and peers.\n",
    );
    for t in tables() {
        o.push_str(&format!(
            "\n## `{}`\n\n{}\n\nOne row: {}\n\n",
            t.file, t.also, t.row
        ));
        o.push_str("| column | type | unit | shown | meaning |\n|---|---|---|---|---|\n");
        for c in t.columns.iter().chain(t.parquet_only) {
            let shown = match c.shown {
                Shown::All => "all",
                Shown::Count => "count",
                Shown::NotPartner => "not partner",
            };
            o.push_str(&format!(
                "| `{}` | {} | {} | {} | {} |\n",
                c.name,
                c.kind.as_str(),
                c.unit,
                shown,
                c.meaning.replace('|', "\\|")
            ));
        }
    }
    o
}
