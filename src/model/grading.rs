//! The UK police 3x5x2 intelligence grading (College of Policing APP, Intelligence
//! management): a source evaluation (1–3), an information assessment (A–E) and a
//! handling code (P or C), written together as e.g. `1AP` or `2BC`.

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

impl Grading {
    /// The grade DESIGN.md §5 assumes for ungraded intelligence: `2C`, shareable.
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
        if b.len() != 3 {
            return Err(format!(
                "'{text}' is not a 3x5x2 grading: expected three characters, source 1-3, information A-E, handling P or C (e.g. 1AP, 2BC)"
            ));
        }
        let source = match b[0] {
            b'1' => SourceGrade::Reliable,
            b'2' => SourceGrade::Untested,
            b'3' => SourceGrade::NotReliable,
            _ => return Err(format!("'{text}': source grade must be 1, 2 or 3")),
        };
        let information = match b[1] {
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
    }

    /// The weight DESIGN.md §5 gives this grading: source factor × information factor.
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
        let h = match self.handling {
            Handling::Permitted => 'P',
            Handling::Conditions => 'C',
        };
        write!(f, "{s}{i}{h}")
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
}
