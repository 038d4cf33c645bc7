//! The UK police 3x5x2 intelligence grading (College of Policing APP, Intelligence
//! management): a source evaluation (1–3), an information assessment (A–E) and a
//! handling code (P or C), written together as e.g. `1AP` or `2BC`.
//!
//! Older extracts carry the two-character form of the same grades (`2B`, `3D`: source
//! and information, no handling code). Such a grading is read with its handling code
//! from a separate `handling` column where there is one, and otherwise treated as `C`
//! (sharing only with conditions), so that a record whose handling nobody stated never
//! reaches a partner output. The 5x5x5 system that 3x5x2 replaced wrote the source as a
//! letter and the intelligence as a number (`B2`, `A1`): those grades do not map onto
//! 3x5x2 and must be re-evaluated by whoever owns the record, so they are rejected with
//! that hint.

use serde::Serialize;
use std::fmt;

/// Source evaluation: how far the source can be relied on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum SourceGrade {
    /// 1 — reliable.
    Reliable,
    /// 2 — untested.
    Untested,
    /// 3 — not reliable.
    NotReliable,
}

/// Information assessment: how far the information itself is known to be true.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum InformationGrade {
    /// A — known to be true without reservation.
    A,
    /// B — known personally to the source but not to the officer.
    B,
    /// C — not known personally to the source, corroborated.
    C,
    /// D — cannot be judged.
    D,
    /// E — suspected to be false or malicious.
    E,
}

/// Handling code: whether the record may be shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Handling {
    /// P — lawful sharing permitted.
    Permitted,
    /// C — sharing permitted only with conditions. Never reaches partner outputs.
    Conditions,
}

/// A parsed 3x5x2 grading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Grading {
    /// Source evaluation (1–3).
    pub source: SourceGrade,
    /// Information assessment (A–E).
    pub information: InformationGrade,
    /// Handling code (P/C).
    pub handling: Handling,
}

/// A grading as read from a record: the grades, and whether its handling code was
/// written down or assumed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadGrading {
    /// The grading (with its handling code, recorded or assumed).
    pub grading: Grading,
    /// A two-character legacy grading (source and information only).
    pub legacy: bool,
    /// The handling code was neither in the grading nor in a `handling` column, and is
    /// taken as `C`.
    pub handling_assumed: bool,
}

impl Handling {
    /// Parses a `handling` column value, `P` or `C`, case-insensitively.
    ///
    /// # Errors
    /// A sentence saying what is wrong, for a quarantine reason.
    pub fn parse(text: &str) -> Result<Self, String> {
        match text.trim().to_ascii_uppercase().as_str() {
            "P" => Ok(Handling::Permitted),
            "C" => Ok(Handling::Conditions),
            _ => Err(format!(
                "'{text}' is not a handling code: expected P (lawful sharing permitted) or C (sharing only with conditions)"
            )),
        }
    }
}

impl Grading {
    /// The grade docs/design.md §4.1 assumes for ungraded intelligence: `2C`, shareable.
    pub const UNGRADED_INTELLIGENCE: Grading = Grading {
        source: SourceGrade::Untested,
        information: InformationGrade::C,
        handling: Handling::Permitted,
    };

    /// Parses `1AP`-style text, case-insensitively, ignoring surrounding white space.
    ///
    /// # Errors
    /// A sentence saying what is wrong, for a quarantine reason.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim().to_ascii_uppercase();
        let b = t.as_bytes();
        if let Some(hint) = five_by_five(b) {
            return Err(format!("'{text}' {hint}"));
        }
        if b.len() != 3 {
            return Err(format!(
                "'{text}' is not a 3x5x2 grading: expected three characters, source 1-3, information A-E, handling P or C (e.g. 1AP, 2BC)"
            ));
        }
        Self::grades(text, b[0], b[1]).and_then(|(source, information)| {
            let handling = match b[2] {
                b'P' => Handling::Permitted,
                b'C' => Handling::Conditions,
                _ => return Err(format!("'{text}': handling code must be P or C")),
            };
            Ok(Grading {
                source,
                information,
                handling,
            })
        })
    }

    /// Reads a record's grading: the full three-character form (`2BC`), or the
    /// two-character legacy form (`2B`) with its handling code from the record's
    /// `handling` column, or `C` when that is not recorded either.
    ///
    /// # Arguments
    /// * `handling` — the record's `handling` column, if it has one and it is filled.
    ///
    /// # Errors
    /// A sentence saying what is wrong, for a quarantine reason: a bad grade, a 5x5x5
    /// code (re-evaluate it under 3x5x2), or a handling column that contradicts the
    /// grading's own handling code.
    pub fn read(text: &str, handling: Option<Handling>) -> Result<ReadGrading, String> {
        let t = text.trim().to_ascii_uppercase();
        let b = t.as_bytes();
        if b.len() == 2 && five_by_five(b).is_none() {
            let (source, information) = Self::grades(text, b[0], b[1])?;
            return Ok(ReadGrading {
                grading: Grading {
                    source,
                    information,
                    handling: handling.unwrap_or(Handling::Conditions),
                },
                legacy: true,
                handling_assumed: handling.is_none(),
            });
        }
        let grading = Self::parse(text)?;
        if let Some(h) = handling
            && h != grading.handling
        {
            return Err(format!(
                "'{text}' has handling code {} but the handling column says {}; correct one of them",
                handling_letter(grading.handling),
                handling_letter(h)
            ));
        }
        Ok(ReadGrading {
            grading,
            legacy: false,
            handling_assumed: false,
        })
    }

    /// The source and information grades of `1A`-style bytes.
    fn grades(text: &str, s: u8, i: u8) -> Result<(SourceGrade, InformationGrade), String> {
        let source = match s {
            b'1' => SourceGrade::Reliable,
            b'2' => SourceGrade::Untested,
            b'3' => SourceGrade::NotReliable,
            _ => return Err(format!("'{text}': source grade must be 1, 2 or 3")),
        };
        let information = match i {
            b'A' => InformationGrade::A,
            b'B' => InformationGrade::B,
            b'C' => InformationGrade::C,
            b'D' => InformationGrade::D,
            b'E' => InformationGrade::E,
            _ => {
                return Err(format!(
                    "'{text}': information grade must be A, B, C, D or E"
                ));
            }
        };
        Ok((source, information))
    }

    /// This grading's weight (docs/design.md §4.1): source factor × information factor.
    ///
    /// # Returns
    /// A factor in `[0.03, 1]`: source 1→1.0, 2→0.7, 3→0.3; information A→1.0, B→0.8,
    /// C→0.6, D→0.4, E→0.1.
    pub fn factor(&self) -> f64 {
        let s = match self.source {
            SourceGrade::Reliable => 1.0,
            SourceGrade::Untested => 0.7,
            SourceGrade::NotReliable => 0.3,
        };
        let i = match self.information {
            InformationGrade::A => 1.0,
            InformationGrade::B => 0.8,
            InformationGrade::C => 0.6,
            InformationGrade::D => 0.4,
            InformationGrade::E => 0.1,
        };
        s * i
    }
}

/// `P` or `C`.
fn handling_letter(h: Handling) -> char {
    match h {
        Handling::Permitted => 'P',
        Handling::Conditions => 'C',
    }
}

/// The hint for a 5x5x5 code — a source letter A–E then an intelligence number 1–5, and
/// optionally a handling number 1–5 (`B2`, `A13`) — which 3x5x2 replaced.
fn five_by_five(b: &[u8]) -> Option<&'static str> {
    let looks = matches!(b.len(), 2 | 3)
        && (b'A'..=b'E').contains(&b[0])
        && (b'1'..=b'5').contains(&b[1])
        && b.get(2).is_none_or(|h| (b'1'..=b'5').contains(h));
    looks.then_some(
        "looks like a 5x5x5 grading (source A-E, intelligence 1-5), which does not map onto 3x5x2: have the record re-evaluated under 3x5x2 (source 1-3, information A-E, handling P or C, e.g. 2BC)",
    )
}

impl fmt::Display for Grading {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self.source {
            SourceGrade::Reliable => '1',
            SourceGrade::Untested => '2',
            SourceGrade::NotReliable => '3',
        };
        let i = match self.information {
            InformationGrade::A => 'A',
            InformationGrade::B => 'B',
            InformationGrade::C => 'C',
            InformationGrade::D => 'D',
            InformationGrade::E => 'E',
        };
        write!(f, "{s}{i}{}", handling_letter(self.handling))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let g = Grading::parse(" 2bc ").expect("valid");
        assert_eq!(g.source, SourceGrade::Untested);
        assert_eq!(g.information, InformationGrade::B);
        assert_eq!(g.handling, Handling::Conditions);
        assert_eq!(g.to_string(), "2BC");
    }

    #[test]
    fn factor_matches_design() {
        let f = |s: &str| Grading::parse(s).expect("valid").factor();
        assert!((f("1AP") - 1.0).abs() < 1e-12);
        assert!((f("2CP") - 0.42).abs() < 1e-12);
        assert!((f("3EC") - 0.03).abs() < 1e-12);
        assert!((Grading::UNGRADED_INTELLIGENCE.factor() - 0.42).abs() < 1e-12);
    }

    #[test]
    fn rejects_with_reasons() {
        assert!(
            Grading::parse("4AP")
                .expect_err("must be rejected")
                .contains("source grade")
        );
        assert!(
            Grading::parse("1FP")
                .expect_err("must be rejected")
                .contains("information grade")
        );
        assert!(
            Grading::parse("1AX")
                .expect_err("must be rejected")
                .contains("handling code")
        );
        assert!(
            Grading::parse("1A")
                .expect_err("must be rejected")
                .contains("three characters")
        );
        assert!(Grading::parse("1ÀP").is_err());
    }

    #[test]
    fn legacy_two_characters_take_handling_from_the_column_or_c() {
        let r = Grading::read("2b", None).expect("legacy");
        assert!(r.legacy && r.handling_assumed);
        assert_eq!(r.grading.handling, Handling::Conditions);
        assert!((r.grading.factor() - 0.56).abs() < 1e-12);
        let r = Grading::read("3D", Some(Handling::Permitted)).expect("legacy");
        assert!(r.legacy && !r.handling_assumed);
        assert_eq!(r.grading.to_string(), "3DP");
        let r = Grading::read("1AP", None).expect("full");
        assert!(!r.legacy && !r.handling_assumed);
        assert!(
            Grading::read("1AP", Some(Handling::Conditions))
                .expect_err("contradiction")
                .contains("handling column says C")
        );
        assert!(Grading::read("4A", None).is_err());
    }

    #[test]
    fn five_by_five_codes_are_rejected_with_a_hint() {
        for code in ["B2", "a1", "E5", "B23"] {
            let e = Grading::read(code, None).expect_err("5x5x5");
            assert!(e.contains("5x5x5") && e.contains("re-evaluated"), "{e}");
        }
        assert!(Grading::parse("C3").expect_err("5x5x5").contains("5x5x5"));
        assert_eq!(
            Handling::parse(" c "),
            Ok(Handling::Conditions),
            "the handling column is read case-insensitively"
        );
        assert!(Handling::parse("X").is_err());
    }
}
