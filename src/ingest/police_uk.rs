//! Converting a data.police.uk street-level crime file into the data contract.
//!
//! police.uk publishes each crime at an anonymised "snap point": either a street
//! ("On or near Leeds Road") or a named feature ("On or near Supermarket", "On or near
//! Nightclub"). Named features are premises-like, so each distinct one becomes a place
//! with a kind; street points stay free points (events with coordinates only), which is
//! how the engine treats events it cannot tie to premises. Rows published without a
//! location are kept with empty coordinates, so `disrupt check` quarantines them with a
//! reason rather than the converter dropping them silently.
//!
//! police.uk gives only the month, so `occurred_at` is the first day of that month.

use crate::model::PlaceKind;
use std::collections::BTreeMap;
use std::path::Path;

/// What a conversion produced.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Conversion {
    /// Crime rows read.
    pub rows: usize,
    /// Distinct named snap points written as places.
    pub places: usize,
    /// Events written (one per row).
    pub events: usize,
    /// Events written without coordinates (police.uk "No Location").
    pub without_location: usize,
}

/// The place kind for a police.uk named snap point ("Supermarket", "Nightclub", …);
/// `None` for a street.
pub fn feature_kind(location: &str) -> Option<PlaceKind> {
    let feature = location.strip_prefix("On or near ")?.trim();
    let kind = match feature {
        "Supermarket" | "Shopping Area" => PlaceKind::Shop,
        "Parking Area" => PlaceKind::CarPark,
        "Nightclub" => PlaceKind::Nightclub,
        "Park/Open Space" => PlaceKind::Park,
        "Sports/Recreation Area" => PlaceKind::OpenSpace,
        "Further/Higher Educational Building" => PlaceKind::School,
        "Bus/Coach Station" | "Train Station" | "Airport/Airfield" | "Railway Station" => {
            PlaceKind::TransportHub
        }
        "Hotel/Motel" | "Hotel" => PlaceKind::Hotel,
        "Pub/Bar" | "Pub" => PlaceKind::PubBar,
        "Petrol Station"
        | "Pedestrian Subway"
        | "Prison"
        | "Hospital"
        | "Theatre/Concert Hall"
        | "Police Station"
        | "Conference/Exhibition Centre"
        | "Motorway Service Area"
        | "Place Of Worship"
        | "Sports Ground"
        | "Ambulance Station"
        | "Fire Station" => PlaceKind::Other,
        _ => return None,
    };
    Some(kind)
}

/// The event category for a police.uk crime type, in the contract's lower-case style.
pub fn category(crime_type: &str) -> String {
    match crime_type.trim() {
        "Anti-social behaviour" => "asb".into(),
        "Violence and sexual offences" => "violence".into(),
        "Drugs" => "drugs".into(),
        "Possession of weapons" => "weapons".into(),
        "Criminal damage and arson" => "criminal_damage".into(),
        "Other theft" => "theft".into(),
        "Other crime" => "other".into(),
        other => other.to_ascii_lowercase().replace([' ', '-'], "_"),
    }
}

/// The positions of the police.uk columns the converter reads.
struct Columns {
    id: usize,
    month: usize,
    lon: usize,
    lat: usize,
    location: usize,
    lsoa: usize,
    crime_type: usize,
}

/// Finds the police.uk columns in `headers` (of the file at `input`, for the message).
///
/// # Errors
/// When a column is missing: the file is not a police.uk street-level file.
fn read_columns(headers: &csv::StringRecord, input: &Path) -> anyhow::Result<Columns> {
    use anyhow::Context;
    let col = |name: &str| {
        headers.iter().position(|h| h == name).with_context(|| {
            format!(
                "{} has no '{name}' column: is it a police.uk street-level file?",
                input.display()
            )
        })
    };
    Ok(Columns {
        id: col("Crime ID")?,
        month: col("Month")?,
        lon: col("Longitude")?,
        lat: col("Latitude")?,
        location: col("Location")?,
        lsoa: col("LSOA name")?,
        crime_type: col("Crime type")?,
    })
}

/// Converts the police.uk CSV at `input` into `places.csv` and `events.csv` in `out`.
///
/// # Errors
/// When the input cannot be read as a police.uk street-level file, or the output written.
pub fn convert(input: &Path, out: &Path) -> anyhow::Result<Conversion> {
    use anyhow::Context;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(input)
        .with_context(|| format!("reading {}", input.display()))?;
    let cols = read_columns(&reader.headers()?.clone(), input)?;
    std::fs::create_dir_all(out)?;
    let mut places: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut events = csv::Writer::from_path(out.join("events.csv"))?;
    events.write_record([
        "event_id",
        "kind",
        "occurred_at",
        "place_id",
        "lat",
        "lon",
        "category",
        "source",
        "source_ref",
    ])?;
    let mut c = Conversion::default();
    for (i, record) in reader.records().enumerate() {
        let r = record.with_context(|| format!("{}: row {}", input.display(), i + 1))?;
        c.rows += 1;
        convert_row(&r, i, &cols, &mut places, &mut events, &mut c)?;
        c.events += 1;
    }
    events.flush()?;
    write_places(&places, out)?;
    c.places = places.len();
    Ok(c)
}

/// Writes crime row `r` (the `i`th, from 0) as one event, adding its named snap point,
/// if any, to `places` (by place id) and counting a row without a location in `c`.
///
/// # Errors
/// When the event cannot be written.
fn convert_row(
    r: &csv::StringRecord,
    i: usize,
    cols: &Columns,
    places: &mut BTreeMap<String, Vec<String>>,
    events: &mut csv::Writer<std::fs::File>,
    c: &mut Conversion,
) -> anyhow::Result<()> {
    let get = |k: usize| r.get(k).unwrap_or("").trim();
    let crime_id = get(cols.id);
    let month = get(cols.month);
    let event_id = if crime_id.is_empty() {
        format!("{month}-{:06}", i + 1)
    } else {
        crime_id.to_string()
    };
    let (lat, lon, location) = (get(cols.lat), get(cols.lon), get(cols.location));
    let kind_text = if get(cols.crime_type) == "Anti-social behaviour" {
        "asb_report"
    } else {
        "incident"
    };
    let place_id = match feature_kind(location) {
        Some(kind) if !lat.is_empty() && !lon.is_empty() => {
            let id = format!("poi_{lat}_{lon}");
            let feature = location.trim_start_matches("On or near ");
            let area = get(cols.lsoa);
            places.entry(id.clone()).or_insert_with(|| {
                vec![
                    id.clone(),
                    format!("{feature}, {area}"),
                    kind.as_str().into(),
                    lat.into(),
                    lon.into(),
                    area.into(),
                ]
            });
            id
        }
        _ => String::new(),
    };
    if lat.is_empty() || lon.is_empty() {
        c.without_location += 1;
    }
    // An event at a named place is located by the place; coordinates are kept as well
    // (they agree exactly), so the file also works for tools that ignore place_id.
    events.write_record([
        event_id.as_str(),
        kind_text,
        &format!("{month}-01"),
        &place_id,
        lat,
        lon,
        &category(get(cols.crime_type)),
        "police.uk",
        crime_id,
    ])?;
    Ok(())
}

/// Writes the named snap points (`places`, by place id) as `places.csv` in `out`.
///
/// # Errors
/// When the file cannot be written.
fn write_places(places: &BTreeMap<String, Vec<String>>, out: &Path) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_path(out.join("places.csv"))?;
    w.write_record(["place_id", "name", "kind", "lat", "lon", "area"])?;
    for row in places.values() {
        w.write_record(row)?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_features_become_places_and_streets_do_not() {
        assert_eq!(
            feature_kind("On or near Nightclub"),
            Some(PlaceKind::Nightclub)
        );
        assert_eq!(
            feature_kind("On or near Further/Higher Educational Building"),
            Some(PlaceKind::School)
        );
        assert_eq!(
            feature_kind("On or near Bus/Coach Station"),
            Some(PlaceKind::TransportHub)
        );
        assert_eq!(feature_kind("On or near Leeds Road"), None);
        assert_eq!(feature_kind("No Location"), None);
    }

    #[test]
    fn categories_are_snake_case() {
        assert_eq!(category("Anti-social behaviour"), "asb");
        assert_eq!(category("Theft from the person"), "theft_from_the_person");
        assert_eq!(category("Bicycle theft"), "bicycle_theft");
    }
}
