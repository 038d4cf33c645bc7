//! Streaming writers for the six tables of the data contract. Rows are written as they
//! are generated, so memory stays flat however many events are asked for.

use crate::ingest::Table;
use crate::model::Bng;
use crate::spatial::bng_to_wgs84;
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

type Csv = csv::Writer<BufWriter<File>>;

/// The open output tables.
pub struct Tables {
    /// places.csv
    pub places: Csv,
    /// people.csv
    pub people: Csv,
    /// events.csv
    pub events: Csv,
    /// event_people.csv
    pub event_people: Csv,
    /// links.csv
    pub links: Csv,
    /// actions.csv
    pub actions: Csv,
    /// Rows written per table, in the order above.
    pub counts: [usize; 6],
}

fn open(dir: &Path, name: &str, header: &[&str]) -> anyhow::Result<Csv> {
    let file = File::create(dir.join(format!("{name}.csv")))?;
    let mut w = csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, file));
    w.write_record(header)?;
    Ok(w)
}

impl Tables {
    /// Creates the six files in `dir` with their headers.
    ///
    /// # Errors
    /// Any I/O error.
    pub fn create(dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir)?;
        // One source of truth for the header: the contract's own column lists.
        let open = |t: Table| open(dir, t.name(), t.contract_columns());
        Ok(Tables {
            places: open(Table::Places)?,
            people: open(Table::People)?,
            events: open(Table::Events)?,
            event_people: open(Table::EventPeople)?,
            links: open(Table::Links)?,
            actions: open(Table::Actions)?,
            counts: [0; 6],
        })
    }

    /// Flushes every file.
    ///
    /// # Errors
    /// Any I/O error.
    pub fn finish(mut self) -> anyhow::Result<[usize; 6]> {
        for w in [
            &mut self.places,
            &mut self.people,
            &mut self.events,
            &mut self.event_people,
            &mut self.links,
            &mut self.actions,
        ] {
            w.flush()?;
        }
        Ok(self.counts)
    }
}

/// A location written either as WGS84 `lat, lon` (6 decimals, ~0.1 m) or as BNG
/// `easting, northing` (0.1 m), as the four columns of the contract.
pub fn location_fields(p: Bng, as_wgs84: bool) -> [String; 4] {
    if as_wgs84 && let Some((lat, lon)) = bng_to_wgs84(p) {
        return [
            format!("{lat:.6}"),
            format!("{lon:.6}"),
            String::new(),
            String::new(),
        ];
    }
    [
        String::new(),
        String::new(),
        format!("{:.1}", p.easting),
        format!("{:.1}", p.northing),
    ]
}
