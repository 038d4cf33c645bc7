//! `datasets/settings.example.toml`: every setting with its default. It must read as the
//! defaults, and name every setting the engine has, so it cannot fall behind them.

use disrupt::score::Settings;
use std::path::Path;

fn example() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/settings.example.toml");
    std::fs::read_to_string(path).expect("datasets/settings.example.toml")
}

#[test]
fn the_example_settings_file_reads_as_the_defaults() {
    let read = Settings::parse(&example()).expect("the example parses");
    assert_eq!(read, Settings::default());
}

/// Every key of the defaults (as the engine writes them into run.json) is named in the
/// file, set or commented out: a new setting must be documented there.
#[test]
fn the_example_settings_file_names_every_setting() {
    let text = example();
    let named = |key: &str| {
        text.lines().any(|l| {
            let l = l.trim_start_matches(['#', ' ']);
            l.starts_with(&format!("{key} =")) || l == format!("[{key}]")
        })
    };
    let defaults = serde_json::to_value(Settings::default()).expect("json");
    let mut missing = Vec::new();
    let mut walk = vec![(String::new(), &defaults)];
    while let Some((prefix, v)) = walk.pop() {
        let Some(map) = v.as_object() else { continue };
        for (k, v) in map {
            let table = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            if !named(k) && !named(&table) {
                missing.push(table.clone());
            }
            if v.is_object() {
                walk.push((table, v));
            }
        }
    }
    assert!(missing.is_empty(), "not in the example: {missing:?}");
}
