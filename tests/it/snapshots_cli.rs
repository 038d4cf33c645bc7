//! Snapshots of what users read: each command's standard output on the bundled example
//! borough, the visible text of `report.html`, and an assessment for each audience. A
//! change to any wording, ranking or number shows up here as a reviewable diff.
//!
//! Temporary paths are redacted to `[TMP]` and the repository's folder to `[REPO]`;
//! timestamps, durations, run ids, hashes and key fingerprints to placeholders, should a
//! command print them.

use crate::support::{disrupt, stdout_ok};
use std::path::{Path, PathBuf};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-borough")
}

/// The redactions every snapshot here is taken with.
fn filters() -> Vec<(&'static str, &'static str)> {
    vec![
        // Timestamps (RFC 3339, with or without seconds' fractions and offset).
        (
            r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})\b",
            "[TIMESTAMP]",
        ),
        // Durations as the CLI would print them.
        (r"\b\d+(\.\d+)? ?(ms|µs|ns|secs?|seconds)\b", "[DURATION]"),
        // Run ids (UUIDs).
        (
            r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b",
            "[RUN_ID]",
        ),
        // SHA-256 hashes and key fingerprints (long runs of hex digits).
        (r"\b[0-9a-fA-F]{32,}\b", "[HASH]"),
        (r"(?i)(fingerprint:? )[0-9a-f:]{8,}", "${1}[FINGERPRINT]"),
    ]
}

/// `text` with every spelling of the temporary folder `dir` replaced by `[TMP]`.
fn without_dir(text: &str, dir: &Path) -> String {
    let mut t = text.to_string();
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    for d in [canonical.as_path(), dir] {
        t = t.replace(&d.display().to_string(), "[TMP]");
    }
    t
}

/// `text` with the repository's folder written `[REPO]`.
fn in_repo(text: &str) -> String {
    text.replace(env!("CARGO_MANIFEST_DIR"), "[REPO]")
}

/// Takes the snapshot `name` of `text` with the redactions.
macro_rules! snapshot {
    ($name:expr, $text:expr) => {
        insta::with_settings!({filters => filters(), prepend_module_to_snapshot => true}, {
            insta::assert_snapshot!($name, in_repo(&$text));
        })
    };
}

/// Runs `disrupt ARGS… <example>` and returns its standard output.
fn on_example(args: &[&str]) -> String {
    stdout_ok(disrupt().args(args).arg(example()))
}

#[test]
fn check_stdout() {
    snapshot!("check", on_example(&["check"]));
}

#[test]
fn hotspots_stdout() {
    snapshot!("hotspots", on_example(&["hotspots"]));
}

#[test]
fn network_stdout() {
    snapshot!("network", on_example(&["network"]));
}

#[test]
fn trends_stdout() {
    snapshot!("trends", on_example(&["trends"]));
}

#[test]
fn backtest_stdout() {
    snapshot!("backtest", on_example(&["backtest"]));
}

#[test]
fn context_stdout() {
    // P000090: a child of the planted hotel network (datasets/example-borough/truth.json).
    snapshot!("context", on_example(&["context", "P000090"]));
}

#[test]
fn review_stdout() {
    snapshot!("review", on_example(&["review"]));
}

#[test]
fn evaluate_stdout() {
    snapshot!("evaluate", on_example(&["evaluate", "A00001"]));
}

#[test]
fn tools_stdout() {
    snapshot!("tools", stdout_ok(disrupt().arg("tools")));
}

/// The planted hotel's assessment for the strategy audience (the analyst and partner
/// ones are in `assess.rs`).
#[test]
fn place_assessment_for_strategy() {
    snapshot!(
        "assess_place_strategy",
        on_example(&["assess", "place", "PL00488", "--audience", "strategy"])
    );
}

#[test]
fn group_assessment_for_each_audience() {
    for audience in ["analyst", "strategy", "partner"] {
        let md = stdout_ok(
            disrupt()
                .args(["assess", "group", "G1"])
                .arg(example())
                .args(["--audience", audience]),
        );
        snapshot!(format!("assess_group_{audience}"), md);
    }
}

#[test]
fn synth_stdout() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("borough");
    let text = stdout_ok(
        disrupt()
            .args([
                "synth",
                "--children",
                "60",
                "--events",
                "600",
                "--places",
                "300",
            ])
            .arg("--out")
            .arg(&out),
    );
    snapshot!("synth", without_dir(&text, dir.path()));
}

#[test]
fn import_stdout() {
    let profile =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/agency-extracts/profile.toml");
    let dir = tempfile::tempdir().expect("dir");
    let text = stdout_ok(
        disrupt()
            .arg("import")
            .arg(&profile)
            .arg("--out")
            .arg(dir.path().join("imported")),
    );
    snapshot!("import", without_dir(&text, dir.path()));
}

/// `disrupt analyse` on the example: its standard output, and the visible text of the
/// `report.html` it writes.
#[test]
fn analyse_stdout_and_report_text() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("out");
    let text = stdout_ok(
        disrupt()
            .arg("analyse")
            .arg(example())
            .arg("--out")
            .arg(&out),
    );
    snapshot!("analyse", without_dir(&text, dir.path()));
    let html = std::fs::read_to_string(out.join("report.html")).expect("report.html");
    snapshot!("report_text", without_dir(&visible_text(&html), dir.path()));
}

/// The text a reader sees in an HTML page: tags dropped, the contents of `script`,
/// `style` and `svg` (the map and the network drawing, whose hover titles are per cell)
/// left out, block ends and line breaks as new lines, table cells separated by ` | `,
/// the common entities decoded, and blank lines and runs of spaces removed.
fn visible_text(html: &str) -> String {
    const SKIPPED: [&str; 3] = ["script", "style", "svg"];
    const BLOCKS: [&str; 24] = [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "tr",
        "table",
        "section",
        "ul",
        "ol",
        "thead",
        "tbody",
        "caption",
        "summary",
        "details",
        "header",
        "footer",
        "figcaption",
        "nav",
        "a",
    ];
    let mut text = String::new();
    let mut rest = html;
    let mut skipping: Option<&str> = None;
    while let Some(open) = rest.find('<') {
        if skipping.is_none() {
            text.push_str(&rest[..open]);
        }
        let after = &rest[open + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |e| &comment[e + 3..]);
            continue;
        }
        let Some(close) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = &after[..close];
        rest = &after[close + 1..];
        let closing = tag.starts_with('/');
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if let Some(s) = skipping {
            if closing && name == s {
                skipping = None;
            }
            continue;
        }
        if let Some(s) = SKIPPED.iter().find(|s| **s == name) {
            if !closing && !tag.ends_with('/') {
                skipping = Some(s);
            }
            continue;
        }
        if name == "br" || (closing && BLOCKS.contains(&name.as_str())) {
            text.push('\n');
        } else if closing && (name == "td" || name == "th") {
            text.push_str(" | ");
        }
    }
    if skipping.is_none() {
        text.push_str(rest);
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}
