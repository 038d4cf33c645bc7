//! The library's modules import one way only: a module may use modules of lower rank,
//! never one of equal or higher rank (its own excepted). This walks `src/` (not the
//! binary: `src/main.rs`, `src/cli/`), finds every reference to another top-level module
//! (`crate::x`, the names in `use crate::{x, y::…}`, and the crate root's re-exports such
//! as `crate::Analysis`) and lists every one that points the wrong way.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Each top-level module's rank, lowest first. This is the diagram in `src/lib.rs`
/// ("Data flows one way"): change both together. Modules of equal rank (`spatial`,
/// `graph`) may not import each other.
const RANKS: &[(&str, u32)] = &[
    ("plumbing", 0),
    ("model", 1),
    ("ingest", 2),
    ("spatial", 3),
    ("graph", 3),
    ("score", 4),
    ("pipeline", 5),
    ("toolkit", 6),
    ("assess", 7),
    ("privacy", 8),
    ("report", 9),
    ("synth", 10),
];

fn rank(module: &str) -> Option<u32> {
    RANKS.iter().find(|(m, _)| *m == module).map(|&(_, r)| r)
}

/// `src` with comments, string and character literals blanked out (newlines kept, so
/// line numbers stay right).
fn code_only(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank = |out: &mut String, s: &[char]| {
        for &x in s {
            out.push(if x == '\n' { '\n' } else { ' ' });
        }
    };
    let mut i = 0;
    while i < c.len() {
        let rest = &c[i..];
        if rest.starts_with(&['/', '/']) {
            let end = rest.iter().position(|&x| x == '\n').unwrap_or(rest.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest.starts_with(&['/', '*']) {
            // Block comments nest in Rust.
            let (mut depth, mut j) = (0usize, 0usize);
            while j < rest.len() {
                if rest[j..].starts_with(&['/', '*']) {
                    depth += 1;
                    j += 2;
                } else if rest[j..].starts_with(&['*', '/']) {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, &rest[..j.min(rest.len())]);
            i += j;
        } else if rest[0] == 'r'
            && (i == 0 || !(c[i - 1].is_alphanumeric() || c[i - 1] == '_'))
            && rest.len() > 1
            && (rest[1] == '"' || rest[1] == '#')
            && {
                let h = rest[1..].iter().take_while(|&&x| x == '#').count();
                rest.get(1 + h) == Some(&'"')
            }
        {
            // A raw string: r"…", r#"…"#.
            let hashes = rest[1..].iter().take_while(|&&x| x == '#').count();
            let mut close = vec!['"'];
            close.extend(std::iter::repeat_n('#', hashes));
            let body = 2 + hashes;
            let end = (body..rest.len())
                .find(|&j| rest[j..].starts_with(&close))
                .map_or(rest.len(), |j| j + close.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest[0] == '"' {
            let mut j = 1;
            while j < rest.len() && rest[j] != '"' {
                j += if rest[j] == '\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(rest.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest[0] == '\'' && rest.len() > 2 && (rest[1] == '\\' || rest[2] == '\'') {
            // A character literal ('x', '\n', '\u{1B}'); a lifetime ('a) is left alone.
            let end = if rest[1] == '\\' {
                rest[3..]
                    .iter()
                    .position(|&x| x == '\'')
                    .map_or(rest.len(), |p| p + 4)
            } else {
                3
            };
            blank(&mut out, &rest[..end]);
            i += end;
        } else {
            out.push(rest[0]);
            i += 1;
        }
    }
    out
}

fn ident_at(c: &[char], mut i: usize) -> (String, usize) {
    while i < c.len() && c[i].is_whitespace() {
        i += 1;
    }
    let start = i;
    while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
        i += 1;
    }
    (c[start..i].iter().collect(), i)
}

/// Every name referred to as `crate::NAME`, or listed first in an element of a
/// `crate::{…}` group, with its line (1-based).
fn crate_references(src: &str) -> Vec<(usize, String)> {
    let code = code_only(src);
    let c: Vec<char> = code.chars().collect();
    let line_of = |i: usize| c[..i].iter().filter(|&&x| x == '\n').count() + 1;
    let mut found = Vec::new();
    let mut i = 0;
    while i + 5 <= c.len() {
        let word = c[i..i + 5].iter().collect::<String>() == "crate";
        let before_ok = i == 0 || !(c[i - 1].is_alphanumeric() || c[i - 1] == '_');
        let after_ok = c
            .get(i + 5)
            .is_none_or(|x| !(x.is_alphanumeric() || *x == '_'));
        if !(word && before_ok && after_ok) {
            i += 1;
            continue;
        }
        let mut j = i + 5;
        while j < c.len() && c[j].is_whitespace() {
            j += 1;
        }
        if !c[j..].starts_with(&[':', ':']) {
            i += 5;
            continue;
        }
        j += 2;
        while j < c.len() && c[j].is_whitespace() {
            j += 1;
        }
        if c.get(j) == Some(&'{') {
            // A group: the first name of each top-level element.
            let mut depth = 0usize;
            let mut element_start = true;
            let mut k = j;
            while k < c.len() {
                match c[k] {
                    '{' => {
                        depth += 1;
                        if depth == 1 {
                            element_start = true;
                        }
                    }
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => element_start = true,
                    x if depth == 1 && element_start && !x.is_whitespace() => {
                        let (name, end) = ident_at(&c, k);
                        if !name.is_empty() {
                            found.push((line_of(k), name));
                        }
                        element_start = false;
                        k = end.max(k + 1);
                        continue;
                    }
                    _ => {}
                }
                k += 1;
            }
            i = k;
        } else {
            let (name, end) = ident_at(&c, j);
            if !name.is_empty() {
                found.push((line_of(i), name));
            }
            i = end.max(i + 5);
        }
    }
    found
}

/// The crate root's re-exports (`pub use module::{A, B};` in `lib.rs`): each name with
/// the module it comes from.
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for stmt in code_only(lib).split(';') {
        let Some(path) = stmt.trim().strip_prefix("pub use ") else {
            continue;
        };
        let path: String = path.chars().filter(|c| !c.is_whitespace()).collect();
        let Some((module, rest)) = path.split_once("::") else {
            continue;
        };
        let rest = rest.trim_start_matches('{').trim_end_matches('}');
        for item in rest.split(',') {
            let last = item.rsplit("::").next().unwrap_or(item);
            let name = last.rsplit(" as ").next().unwrap_or(last);
            if !name.is_empty() {
                names.insert(name.to_string(), module.to_string());
            }
        }
    }
    names
}

/// The wrong-way references in the file `file` of module `module`: `file:line: from ->
/// to`, and any reference to a module the rank table does not list.
fn violations(
    module: &str,
    file: &str,
    src: &str,
    roots: &BTreeMap<String, String>,
) -> Vec<String> {
    let Some(own) = rank(module) else {
        return vec![format!(
            "{file}: module `{module}` is not in the rank table"
        )];
    };
    let mut out = Vec::new();
    for (line, name) in crate_references(src) {
        let target = match rank(&name) {
            Some(_) => name,
            None => match roots.get(&name) {
                Some(m) => m.clone(),
                // Not a module or a root re-export (a macro, say): nothing to rank.
                None => continue,
            },
        };
        if target == module {
            continue;
        }
        match rank(&target) {
            Some(r) if r < own => {}
            Some(_) => out.push(format!(
                "{file}:{line}: {module} -> {target} ({target} is not below {module})"
            )),
            None => out.push(format!(
                "{file}:{line}: {module} -> {target} ({target} is not in the rank table)"
            )),
        }
    }
    out
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read src")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, into);
        } else if p.extension().is_some_and(|x| x == "rs") {
            into.push(p);
        }
    }
}

/// The wrong-way references in the library under `src`, and the modules found there.
fn problems_in(src: &Path) -> (Vec<String>, std::collections::BTreeSet<String>) {
    let roots = root_reexports(&std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs"));
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut problems = Vec::new();
    let mut modules = std::collections::BTreeSet::new();
    for path in &files {
        let rel = path.strip_prefix(src).expect("under src");
        let first = rel
            .components()
            .next()
            .expect("a component")
            .as_os_str()
            .to_string_lossy()
            .into_owned();
        // The binary sits on top and imports the library as `disrupt::…`.
        if first == "cli" || first == "main.rs" || first == "lib.rs" {
            continue;
        }
        let module = first.trim_end_matches(".rs").to_string();
        modules.insert(module.clone());
        let text = std::fs::read_to_string(path).expect("read a source file");
        let shown = format!("src/{}", rel.display());
        problems.extend(violations(&module, &shown, &text, &roots));
    }
    (problems, modules)
}

#[test]
fn modules_import_only_modules_below_them() {
    let (problems, modules) = problems_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    for (m, _) in RANKS {
        assert!(
            modules.contains(*m),
            "the rank table lists `{m}`, which is not a module of src/"
        );
    }
    assert!(
        problems.is_empty(),
        "modules import modules of equal or higher rank (see the diagram in src/lib.rs):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_parser_catches_a_planted_wrong_way_import() {
    let planted = r#"//! A module doc naming crate::report, which is not an import.
use super::sibling;
use crate::{
    model::{Dataset, PersonId},
    report::{file::write_json, html},
    self as me,
};
use crate :: privacy::Disclosure;

fn f() -> String {
    let _ = crate::score::weight::HalfLife::default();
    let _ = crate::Analysis::default();
    let s = "crate::synth in a string";
    let (c, q) = ('{', '\''); // crate::assess in a comment
    /* crate::toolkit /* nested */ crate::pipeline */
    format!("{s}{c}{q}")
}
"#;
    let refs = crate_references(planted);
    assert_eq!(
        refs,
        [
            (4, "model".to_string()),
            (5, "report".to_string()),
            (6, "self".to_string()),
            (8, "privacy".to_string()),
            (11, "score".to_string()),
            (12, "Analysis".to_string()),
        ]
    );
    let roots = root_reexports("pub use pipeline::Analysis;\npub use score::{PlaceAnalysis};\n");
    assert_eq!(roots.get("Analysis").map(String::as_str), Some("pipeline"));
    assert_eq!(
        roots.get("PlaceAnalysis").map(String::as_str),
        Some("score")
    );
    let found = violations("ingest", "src/ingest/x.rs", planted, &roots);
    assert_eq!(
        found,
        [
            "src/ingest/x.rs:5: ingest -> report (report is not below ingest)",
            "src/ingest/x.rs:8: ingest -> privacy (privacy is not below ingest)",
            "src/ingest/x.rs:11: ingest -> score (score is not below ingest)",
            "src/ingest/x.rs:12: ingest -> pipeline (pipeline is not below ingest)",
        ]
    );
    // Same rank is refused too; a module may use itself.
    let same = violations(
        "spatial",
        "src/spatial/x.rs",
        "use crate::graph::Network;\nuse crate::spatial::Grid;\n",
        &roots,
    );
    assert_eq!(
        same,
        ["src/spatial/x.rs:1: spatial -> graph (graph is not below spatial)"]
    );
    // The whole of lower layers is fine.
    assert!(violations("report", "src/report/x.rs", planted, &roots).is_empty());
    assert_eq!(
        violations("nowhere", "src/nowhere.rs", "", &roots),
        ["src/nowhere.rs: module `nowhere` is not in the rank table"]
    );
}
