//! Tie strengths for the connection score: `min(1, w / reach_weight)`, w a tie's
//! weight with what does not count taken off — co-presence that a place's footfall gives
//! by chance, a pair's one chance meeting — and, for a recorded link to a child, its
//! grading given back as reach (see [`super::connection`]).

use super::NetworkAnalysis;
use super::Settings;
use super::tie_chance::CoPresenceChance;
use crate::model::{Dataset, PersonId, Role};
use std::collections::HashMap;

/// Tie strengths, `min(1, w / reach_weight)`, with what does not count taken off each
/// pair's co-presence: what chance at its places gives, and its one chance meeting.
pub(super) struct Strengths<'a> {
    g: &'a crate::graph::Csr,
    /// Per pair: the weight of its co-presences that does not count (what chance at
    /// their places gives, and the strongest one: a chance meeting), and of all of them.
    chance: HashMap<(u32, u32), (f64, f64)>,
    reach_weight: f64,
    /// Per pair of a person and a child: the weight their recorded links lost to grading
    /// (Σ kind weight × (1 − grading factor)), given back when the tie is counted as reach.
    graded_off: HashMap<(u32, u32), f64>,
    /// The data's largest normalised betweenness.
    pub(super) max_betweenness: f64,
}

impl Strengths<'_> {
    /// The people tied to `v` with the strength of each tie, in `[0, 1]`; ties of no
    /// strength left out.
    pub(super) fn of(&self, v: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        self.strengths(v, |c| c.0, false)
    }

    /// The same, with a recorded link to a child counted at its kind's weight whatever its
    /// grading: intelligence that an adult is in contact with a child is reach, and the
    /// grading says how sure we are of it (shown with the link), not how far it reaches.
    pub(super) fn reach(&self, v: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        self.strengths(v, |c| c.0, true)
    }

    /// The same from what is recorded about the relationship alone — links and shared
    /// records, no co-presence: two adults of concern passing through one busy station
    /// are not associates.
    pub(super) fn recorded(&self, v: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        self.strengths(v, |c| c.1, false)
    }

    fn strengths(
        &self,
        v: usize,
        off: impl Fn((f64, f64)) -> f64 + 'static,
        ungraded: bool,
    ) -> impl Iterator<Item = (usize, f64)> + '_ {
        self.g
            .neighbours(v)
            .iter()
            .zip(self.g.weights(v))
            .map(move |(&x, &w)| {
                let key = if (v as u32) < x {
                    (v as u32, x)
                } else {
                    (x, v as u32)
                };
                let mut w = w - self.chance.get(&key).map_or(0.0, |c| off(*c));
                if ungraded {
                    w += self.graded_off.get(&key).copied().unwrap_or(0.0);
                }
                (x as usize, (w.max(0.0) / self.reach_weight).min(1.0))
            })
            .filter(|(_, s)| *s > 0.0)
    }
}

impl<'a> Strengths<'a> {
    /// The strengths of every tie of the network: a co-presence counts as far as its
    /// place's meetings are beyond chance ([`CoPresenceChance`]), and one co-presence
    /// between two people is a chance meeting, not a tie: the strongest of every pair's
    /// co-presences is taken off its weight.
    pub(super) fn new(d: &Dataset, a: &'a NetworkAnalysis, settings: &Settings) -> Self {
        let footfall = CoPresenceChance::new(d, &a.network, settings);
        let w = settings.network.co_presence_weight;
        let chance = a
            .network
            .ties()
            .filter(|(_, _, t)| !t.co_presence.is_empty())
            .map(|(x, y, t)| {
                let all = w * t.co_presence.len() as f64;
                let counted = t.co_presence.iter().map(|(e, _)| w * footfall.of(*e));
                let (sum, max) = counted.fold((0.0, 0.0_f64), |(s, m), c| (s + c, m.max(c)));
                ((x.0, y.0), (all - (sum - max), all))
            })
            .collect();
        Strengths {
            g: &a.network.persons,
            chance,
            reach_weight: settings.connection.reach_weight,
            graded_off: graded_off(d, a, settings),
            max_betweenness: a.betweenness.normalised.iter().copied().fold(0.0, f64::max),
        }
    }
}

/// Per pair of a person and a child tied by recorded links: the weight the links lost to
/// their gradings, `Σ kind weight × (1 − grading factor)`.
fn graded_off(d: &Dataset, a: &NetworkAnalysis, settings: &Settings) -> HashMap<(u32, u32), f64> {
    let child = |p: PersonId| d.people[p.index()].role == Role::Child;
    a.network
        .ties()
        .filter(|(x, y, t)| !t.links.is_empty() && (child(*x) || child(*y)))
        .map(|(x, y, t)| {
            let off: f64 = t
                .links
                .iter()
                .map(|l| {
                    let l = &d.links[l.index()];
                    let base = settings.network.link_weight(l.kind);
                    base * (1.0 - l.provenance.grading.map_or(1.0, |g| g.factor()))
                })
                .sum();
            ((x.0, y.0), off)
        })
        .filter(|(_, off)| *off > 0.0)
        .collect()
}
