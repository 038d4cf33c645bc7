//! Centralities of every person: degree, weighted degree, betweenness (exact or
//! sampled with a stated bound), eigenvector centrality and k-core numbers. Measures a
//! strategy meeting reviews, never risk scores of children.

use super::{Csr, NetworkSettings, betweenness, core_numbers, eigenvector, normalise, sampled};
use serde::Serialize;

/// How betweenness was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BetweennessMode {
    /// Exact (Brandes).
    Exact,
    /// Sampled with a stated error bound (Riondato–Kornaropoulos).
    Sampled,
    /// Exact up to the settings' node limit, sampled above.
    Auto,
}

/// How betweenness was computed, once run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BetweennessMethod {
    /// Exact (Brandes 2001).
    Exact,
    /// Sampled with a stated error bound (Riondato & Kornaropoulos 2016).
    Sampled,
}

impl BetweennessMethod {
    /// `exact` or `sampled`, as in the outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            BetweennessMethod::Exact => "exact",
            BetweennessMethod::Sampled => "sampled",
        }
    }
}

impl std::fmt::Display for BetweennessMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Betweenness of every person, and how it was obtained.
#[derive(Debug, Clone, Serialize)]
pub struct BetweennessResult {
    /// Exact or sampled.
    pub method: BetweennessMethod,
    /// Raw (unnormalised) values, exact method only.
    #[serde(skip)]
    pub raw: Option<Vec<f64>>,
    /// Normalised as networkx does for an undirected graph.
    #[serde(skip)]
    pub normalised: Vec<f64>,
    /// Error bound ε of every value (0 for exact).
    pub epsilon: f64,
    /// Probability the bound fails (0 for exact).
    pub delta: f64,
    /// Shortest paths sampled (0 for exact).
    pub samples: usize,
}

impl BetweennessResult {
    /// `exact`, or `sampled ±ε p=1−δ`: how the values were computed and their bound.
    pub fn describe(&self) -> String {
        if self.method == BetweennessMethod::Exact {
            "exact".to_string()
        } else {
            format!("sampled ±{:.4} p={:.2}", self.epsilon, 1.0 - self.delta)
        }
    }
}

/// The centralities of every person, by dense person index.
#[derive(Debug, Clone)]
pub struct Centralities {
    /// Distinct people tied to each person.
    pub degree: Vec<usize>,
    /// Sum of each person's tie weights.
    pub weighted_degree: Vec<f64>,
    /// Betweenness.
    pub betweenness: BetweennessResult,
    /// Eigenvector centrality (unit norm).
    pub eigenvector: Vec<f64>,
    /// k-core number.
    pub core: Vec<u32>,
}

impl Centralities {
    /// Computes every centrality of the person graph `g`: betweenness exact or sampled
    /// as `mode` says (`Auto`: exact up to `s.exact_betweenness_limit` connected people).
    pub fn compute(g: &Csr, s: &NetworkSettings, mode: BetweennessMode) -> Self {
        let n = g.len();
        let degree: Vec<usize> = (0..n).map(|v| g.degree(v)).collect();
        let weighted_degree: Vec<f64> = (0..n).map(|v| g.weights(v).iter().sum()).collect();
        let connected = degree.iter().filter(|&&k| k > 0).count();
        let exact = match mode {
            BetweennessMode::Exact => true,
            BetweennessMode::Sampled => false,
            BetweennessMode::Auto => connected <= s.exact_betweenness_limit,
        };
        let betweenness = if exact {
            let raw = betweenness(g);
            BetweennessResult {
                method: BetweennessMethod::Exact,
                normalised: normalise(&raw),
                raw: Some(raw),
                epsilon: 0.0,
                delta: 0.0,
                samples: 0,
            }
        } else {
            let est = sampled(
                g,
                s.sample_epsilon,
                s.sample_delta,
                super::SEED_SAMPLED_BETWEENNESS,
            );
            BetweennessResult {
                method: BetweennessMethod::Sampled,
                raw: None,
                normalised: est.normalised,
                epsilon: est.epsilon,
                delta: est.delta,
                samples: est.samples,
            }
        };
        let eigen = eigenvector(g, 1e-12, 10_000).values;
        let core = core_numbers(g);
        Centralities {
            degree,
            weighted_degree,
            betweenness,
            eigenvector: eigen,
            core,
        }
    }
}
