//! Writes `datasets/agency-extracts/`: three differently shaped, invented agency
//! extracts about the example borough, a premises register, and the postcode and UPRN
//! lookups they need, for `disrupt import` (see that folder's README.md).
//!
//! Run: `cargo run --release --example agency_extracts -- datasets/agency-extracts`.
//! Deterministic: the same run writes the same files. Every person, reference and
//! postcode is invented; the postcodes' inward codes use letters (C, I, K, M, O, V) that
//! Royal Mail never uses there, so none can be a real postcode.

use disrupt::spatial::{bng_to_wgs84, wgs84_to_bng};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A premises taken from the example borough, with its invented postcode and UPRN.
struct Premises {
    reference: String,
    name: String,
    register_type: &'static str,
    ward: String,
    licensed: bool,
    postcode: String,
    uprn: u64,
    easting: f64,
    northing: f64,
}

const GIVEN: &[&str] = &[
    "Amara", "Ben", "Chloe", "Daniel", "Ella", "Femi", "Grace", "Hassan", "Isla", "Jayden",
    "Kacper", "Leah",
];
const FAMILY: &[&str] = &[
    "Adeyemi", "Baker", "Clarke", "Dunn", "Evans", "Fofana", "Green", "Hughes", "Iqbal", "Jones",
    "Kowalski", "Lewis",
];

/// A tiny deterministic generator (64-bit LCG, Knuth's constants).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn main() -> anyhow::Result<()> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "datasets/agency-extracts".into()),
    );
    std::fs::create_dir_all(&out)?;
    let premises = premises(Path::new("datasets/example-borough/places.csv"))?;
    let mut rng = Lcg(2026);
    write_register(&out, &premises)?;
    write_lookups(&out, &premises)?;
    write_occurrences(&out, &premises, &mut rng)?;
    write_episodes(&out, &premises, &mut rng)?;
    write_intel(&out, &premises, &mut rng)?;
    Ok(())
}

/// The example borough's planted hotel and take-away, and the first few places of each
/// other kind, in file order.
fn premises(places: &Path) -> anyhow::Result<Vec<Premises>> {
    let wanted: &[(&str, &str, usize)] = &[
        ("hotel", "Hotel", 3),
        ("bnb", "Guest House", 1),
        ("takeaway", "Hot Food Takeaway", 3),
        ("off_licence", "Off Licence", 1),
        ("shop", "Mini Market", 2),
        ("park", "Park", 2),
        ("transport_hub", "Station", 2),
        ("residential", "Residential", 4),
    ];
    let mut reader = csv::Reader::from_path(places)?;
    let mut taken: Vec<Premises> = Vec::new();
    let mut counts = std::collections::HashMap::new();
    for record in reader.records() {
        let r = record?;
        let (id, name, kind) = (&r[0], &r[1], &r[2]);
        let Some(&(_, register_type, n)) = wanted.iter().find(|(k, _, _)| *k == kind) else {
            continue;
        };
        let planted = id == "PL00488" || id == "PL01158";
        let count = counts.entry(kind.to_string()).or_insert(0usize);
        if !planted && *count >= n {
            continue;
        }
        *count += 1;
        let (easting, northing) = match (r[3].parse::<f64>(), r[4].parse::<f64>()) {
            (Ok(lat), Ok(lon)) => {
                let b =
                    wgs84_to_bng(lat, lon).ok_or_else(|| anyhow::anyhow!("{id}: projection"))?;
                (b.easting, b.northing)
            }
            _ => (r[5].parse()?, r[6].parse()?),
        };
        let i = taken.len();
        taken.push(Premises {
            reference: format!("LIC-{:05}", 3100 + i * 7),
            name: if kind == "residential" {
                format!("{} (flat)", name)
            } else {
                name.to_string()
            },
            register_type,
            ward: r[8].to_string(),
            licensed: &r[7] == "true",
            postcode: postcode(easting, northing, i),
            uprn: 990_000_100_000 + (i as u64) * 17,
            // A postcode's centroid is near its addresses, not on them.
            easting: (easting + 6.0).round(),
            northing: (northing - 4.0).round(),
        });
    }
    Ok(taken)
}

/// An invented postcode in a plausible Lambeth district for the position.
fn postcode(easting: f64, northing: f64, i: usize) -> String {
    let district = match (northing, easting) {
        (n, _) if n > 179_000.0 => "SE1",
        (n, _) if n > 177_500.0 => "SE11",
        (n, e) if n > 176_000.0 => {
            if e < 530_500.0 {
                "SW8"
            } else {
                "SW9"
            }
        }
        (n, e) if n > 174_500.0 => {
            if e < 530_000.0 {
                "SW4"
            } else {
                "SW9"
            }
        }
        (n, e) if n > 173_000.0 => {
            if e < 531_500.0 {
                "SW2"
            } else {
                "SE24"
            }
        }
        (_, e) => {
            if e < 530_500.0 {
                "SW16"
            } else {
                "SE27"
            }
        }
    };
    const UNUSED: &[u8] = b"CIKMOV";
    format!(
        "{district} {}{}{}",
        1 + i % 9,
        UNUSED[i % 6] as char,
        UNUSED[(i / 6 + i) % 6] as char
    )
}

fn write_register(out: &Path, premises: &[Premises]) -> anyhow::Result<()> {
    // Excel's "CSV UTF-8" export: a byte-order mark and CRLF line ends.
    let mut text =
        String::from("\u{feff}Premises Ref,Premises Name,Premises Type,Ward,Postcode,Licensed\r\n");
    for p in premises.iter().filter(|p| p.register_type != "Residential") {
        let _ = write!(
            text,
            "{},{},{},{},{},{}\r\n",
            p.reference,
            p.name,
            p.register_type,
            p.ward,
            p.postcode,
            if p.licensed { "Y" } else { "N" }
        );
    }
    std::fs::write(out.join("premises_register.csv"), text)?;
    Ok(())
}

fn write_lookups(out: &Path, premises: &[Premises]) -> anyhow::Result<()> {
    let mut pc = String::from("pcd,pcds,dointr,doterm,oseast1m,osnrth1m,lat,long\n");
    let mut up = String::from("UPRN,X_COORDINATE,Y_COORDINATE,LATITUDE,LONGITUDE\n");
    let mut rows: Vec<(String, String, f64, f64)> = premises
        .iter()
        .map(|p| (p.postcode.clone(), String::new(), p.easting, p.northing))
        .collect();
    // A postcode terminated in 2021 (re-coded), still in the directory with its last
    // position: by the first premises, a station.
    let near = &premises[0];
    rows.push((
        "SW9 9VC".into(),
        "202103".into(),
        near.easting + 40.0,
        near.northing + 25.0,
    ));
    for (postcode, doterm, e, n) in &rows {
        let (lat, lon) = bng_to_wgs84(disrupt::model::Bng::new(*e, *n)).unwrap_or((0.0, 0.0));
        let compact = postcode.replace(' ', "");
        let pcd = format!(
            "{:<4}{}",
            &compact[..compact.len() - 3],
            &compact[compact.len() - 3..]
        );
        let _ = writeln!(
            pc,
            "{pcd},{postcode},199801,{doterm},{e:.0},{n:.0},{lat:.6},{lon:.6}"
        );
    }
    for p in premises {
        let (lat, lon) =
            bng_to_wgs84(disrupt::model::Bng::new(p.easting, p.northing)).unwrap_or((0.0, 0.0));
        let _ = writeln!(
            up,
            "{},{:.2},{:.2},{lat:.7},{lon:.7}",
            p.uprn,
            p.easting - 3.0,
            p.northing + 2.0
        );
    }
    std::fs::write(out.join("postcodes.csv"), pc)?;
    std::fs::write(out.join("uprns.csv"), up)?;
    Ok(())
}

/// Nominal references: children `NOM1000n`, adults `NOM2000n`.
fn child(i: usize) -> String {
    format!("NOM{}", 10_001 + i)
}
fn adult(i: usize) -> String {
    format!("NOM{}", 20_001 + i)
}

fn find<'a>(premises: &'a [Premises], id_name: &str) -> &'a Premises {
    premises
        .iter()
        .find(|p| p.name.starts_with(id_name))
        .unwrap_or(&premises[0])
}

fn date(rng: &mut Lcg, from_day: u64) -> chrono::NaiveDateTime {
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default();
    let day = from_day + rng.next(290 - from_day.min(289));
    let hour = [15, 17, 19, 21, 22, 23, 1][rng.next(7) as usize];
    (start + chrono::Days::new(day))
        .and_hms_opt(hour, [0, 15, 30, 45][rng.next(4) as usize], 0)
        .unwrap_or_default()
}

fn write_occurrences(out: &Path, premises: &[Premises], rng: &mut Lcg) -> anyhow::Result<()> {
    let hotel = find(premises, "City Hotel");
    let takeaway = find(premises, "Golden Chicken");
    let station = premises
        .iter()
        .find(|p| p.register_type == "Station")
        .unwrap_or(&premises[0]);
    let park = premises
        .iter()
        .find(|p| p.register_type == "Park")
        .unwrap_or(&premises[0]);
    let shop = premises
        .iter()
        .find(|p| p.register_type == "Mini Market")
        .unwrap_or(&premises[0]);
    let home = premises
        .iter()
        .find(|p| p.register_type == "Residential")
        .unwrap_or(&premises[0]);
    let mut text = String::from(
        "Occurrence Ref,Reported Date,Occurrence Type,Flags,Postcode,Missing Person,Suspect 1,Suspect 2,Officer Notes\n",
    );
    let mut n = 0;
    let mut row = |text: &mut String,
                   when: String,
                   kind: &str,
                   flags: &str,
                   pc: &str,
                   mp: &str,
                   s1: &str,
                   s2: &str| {
        n += 1;
        let _ = writeln!(
            text,
            "01/{:06}/26,{when},{kind},{flags},{pc},{mp},{s1},{s2},\"Attended; see occurrence log\"",
            104_000 + n * 13
        );
    };
    let uk = |t: chrono::NaiveDateTime| t.format("%d/%m/%Y %H:%M").to_string();
    // Network 1: girls found at the hotel with two adult men (CSE).
    for k in 0..9 {
        let c = child(k % 3);
        let s1 = adult(k % 2);
        let s2 = if k % 3 == 0 {
            adult((k + 1) % 2)
        } else {
            String::new()
        };
        row(
            &mut text,
            uk(date(rng, 20)),
            "Missing Person Found",
            "CSE",
            &hotel.postcode,
            &c,
            &s1,
            &s2,
        );
    }
    // Network 2: boys stopped and found at the take-away with adults dealing (CCE).
    for k in 0..8 {
        let c = child(3 + k % 3);
        let kind = if k % 2 == 0 {
            "Stop Search"
        } else {
            "Missing Person Found"
        };
        row(
            &mut text,
            uk(date(rng, 40)),
            kind,
            "CCE",
            &takeaway.postcode,
            &c,
            &adult(2 + k % 2),
            "",
        );
    }
    // Missing reports from a child's home, where they went missing from.
    for k in 0..4 {
        row(
            &mut text,
            uk(date(rng, 10)),
            "Missing Person Report",
            "",
            &home.postcode,
            &child(k),
            "",
            "",
        );
    }
    // Background: anti-social behaviour and shop theft with nobody of concern named.
    for k in 0..14 {
        let p = [station, park, shop][k % 3];
        let kind = if k % 3 == 2 { "Theft from Shop" } else { "ASB" };
        row(
            &mut text,
            uk(date(rng, 0)),
            kind,
            "",
            &p.postcode,
            "",
            "",
            "",
        );
    }
    // One at the terminated postcode: geocoded, with a note.
    row(
        &mut text,
        uk(date(rng, 60)),
        "ASB",
        "",
        "sw9  9vc",
        "",
        "",
        "",
    );
    // Rows an import must reject, each for its own reason.
    row(
        &mut text,
        uk(date(rng, 60)),
        "Theft from Vehicle",
        "",
        &park.postcode,
        "",
        "",
        "",
    );
    row(
        &mut text,
        uk(date(rng, 60)),
        "ASB",
        "",
        "SW9 9ZZ",
        "",
        "",
        "",
    );
    row(
        &mut text,
        "31/02/2026 10:00".into(),
        "ASB",
        "",
        &station.postcode,
        "",
        "",
        "",
    );
    std::fs::write(out.join("niche_occurrences.csv"), text)?;
    Ok(())
}

fn write_episodes(out: &Path, premises: &[Premises], rng: &mut Lcg) -> anyhow::Result<()> {
    let hotel = find(premises, "City Hotel");
    let takeaway = find(premises, "Golden Chicken");
    let other = premises
        .iter()
        .find(|p| p.register_type == "Park")
        .unwrap_or(&premises[0]);
    let mut book = Workbook::new();
    // A fixed creation time, so the same run writes the same bytes.
    let created = ExcelDateTime::from_ymd(2026, 11, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let dates = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    let dob = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = book.add_worksheet().set_name("Episodes")?;
    let headers = [
        "Episode ID",
        "Case No",
        "Police Nominal",
        "Child Name",
        "DOB",
        "Looked After",
        "Date Missing",
        "Date Found",
        "Found At Postcode",
        "Social Worker",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    for (r, k) in (1u32..).zip(0..22usize) {
        let c = k % 7;
        let found_at = match c {
            0..=2 => &hotel.postcode,
            3..=5 => &takeaway.postcode,
            _ => &other.postcode,
        };
        let found = date(rng, 30);
        let missing = found - chrono::TimeDelta::hours(6 + (k as i64 % 30));
        sheet.write_string(r, 0, format!("EP-{:04}", 500 + k))?;
        sheet.write_string(r, 1, format!("CS{:06}", 880_100 + c * 11))?;
        sheet.write_string(r, 2, child(c))?;
        sheet.write_string(
            r,
            3,
            format!("{} {}", GIVEN[c], FAMILY[(c * 5) % FAMILY.len()]),
        )?;
        if k == 13 {
            // Typed into a date column as text: the importer rejects the row, naming it.
            sheet.write_string(r, 4, "not known")?;
        } else {
            let born =
                ExcelDateTime::from_ymd(2009 + (c % 4) as u16, 1 + (c % 12) as u8, 3 + c as u8)?;
            sheet.write_datetime_with_format(r, 4, &born, &dob)?;
        }
        sheet.write_string(r, 5, if c % 2 == 0 { "Y" } else { "N" })?;
        for (col, t) in [(6u16, missing), (7, found)] {
            let x = ExcelDateTime::parse_from_str(&t.format("%Y-%m-%dT%H:%M:%S").to_string())?;
            sheet.write_datetime_with_format(r, col, &x, &dates)?;
        }
        sheet.write_string(r, 8, found_at.as_str())?;
        sheet.write_string(r, 9, "Team B")?;
    }
    let notes = book.add_worksheet().set_name("Notes")?;
    notes.write_string(
        0,
        0,
        "Extract run by the missing-episodes report; not imported.",
    )?;
    book.save(out.join("care_missing_episodes.xlsx"))?;
    Ok(())
}

fn write_intel(out: &Path, premises: &[Premises], rng: &mut Lcg) -> anyhow::Result<()> {
    let hotel = find(premises, "City Hotel");
    let takeaway = find(premises, "Golden Chicken");
    let flat = premises
        .iter()
        .rfind(|p| p.register_type == "Residential")
        .unwrap_or(&premises[0]);
    let entries: Vec<(&Premises, &str, String, String, &str)> = vec![
        (
            hotel,
            "2B",
            adult(0),
            child(0),
            "Hotel staff report an older man booking rooms for teenage girls; concern of sexual exploitation.",
        ),
        (
            hotel,
            "2B",
            adult(1),
            child(1),
            "Girl seen leaving the hotel at 02:00 with a male; possible grooming.",
        ),
        (
            hotel,
            "3C",
            adult(0),
            String::new(),
            "Male known to police seen in hotel car park on several nights.",
        ),
        (
            hotel,
            "1B",
            adult(1),
            child(2),
            "Information that CSE is taking place in rooms on the second floor.",
        ),
        (
            takeaway,
            "2B",
            adult(2),
            child(3),
            "Youths seen exchanging packages outside the take-away; county lines suspected.",
        ),
        (
            takeaway,
            "2C",
            adult(3),
            child(4),
            "Boy reported running drugs for a line operating from the take-away (CCE).",
        ),
        (
            flat,
            "2B",
            adult(2),
            child(5),
            "Vulnerable tenant's flat believed cuckooed by a line; children seen visiting.",
        ),
        (
            flat,
            "3D",
            adult(3),
            String::new(),
            "Neighbour reports heavy foot traffic at the flat at night.",
        ),
        (
            takeaway,
            "3C",
            adult(2),
            String::new(),
            "Staff at the takeaway reported to be friendly with local dealers.",
        ),
        (
            hotel,
            "2C",
            adult(1),
            String::new(),
            "Vehicle linked to male seen at hotel again; no further detail.",
        ),
    ];
    let mut text = String::from(
        "Intel Ref\tDate\tGrading\tLocation UPRN\tSubject 1\tSubject 2\tDetails\tAuthor\n",
    );
    for (i, (p, grading, s1, s2, details)) in entries.iter().enumerate() {
        let d = date(rng, 30).format("%d/%m/%Y");
        let _ = writeln!(
            text,
            "IR-26-{:04}\t{d}\t{grading}\t{}\t{s1}\t{s2}\t{details}\tDC {}",
            210 + i * 3,
            p.uprn,
            4000 + i
        );
    }
    // An unknown UPRN: rejected with its reason.
    let _ = writeln!(
        text,
        "IR-26-0299\t{}\t3C\t990000999999\t{}\t\tReport of loitering.\tDC 4099",
        date(rng, 30).format("%d/%m/%Y"),
        adult(0)
    );
    // Excel's "Unicode Text" export: UTF-16 little-endian with a byte-order mark, tabs.
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(out.join("intel_log.txt"), bytes)?;
    Ok(())
}
