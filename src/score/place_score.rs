//! Scoring each place from its records: the records are read
//! ([`crate::score::place_records`]), the people linked and the child–person-of-concern
//! pairs are measured, and the measures become the named components
//! ([`crate::score::hotspot`]).

use super::chance::beyond_chance;
use super::footfall::Footfall;
use super::hotspot::{Evidence, Measures, PlaceScore};
use super::place_pairs::co_presence;
use super::place_records::{CategoryReading, PlaceRecords, read_place};
use super::{EventWeight, Settings, TimeProfile};
use crate::model::{Dataset, EventId, Involvement, PersonId, Place, PlaceId, PlaceKind, Role};
use crate::spatial::{GiStar, Grid, Snapped};
use std::collections::{BTreeMap, BTreeSet};

/// One child's records at a place, as [`Inputs::link_people`] reads them.
#[derive(Debug, Clone, Copy, Default)]
struct ChildAtPlace {
    /// The summed weight of their counted records there.
    weight: f64,
    /// Whether any of those records is evidence in full (a person of concern is in it).
    evidence: bool,
    /// How many counted records name them there.
    records: usize,
    /// Whether any of them ties them to the place on its own: found there after a
    /// missing episode, of an exploitation category, or a Makesafe call.
    tied_by_one: bool,
}

/// Per place: kind, evidence records, their weight and their squared weights (for
/// premises-type risk).
pub type PerPlace = Vec<(PlaceKind, usize, f64, f64)>;

/// What every place's score is computed from.
struct Inputs<'a> {
    d: &'a Dataset,
    settings: &'a Settings,
    weights: &'a [EventWeight],
    grid: &'a Grid,
    gi: &'a GiStar,
    cell_weight: &'a [f64],
    /// The people of each event, sorted.
    involved: Vec<Vec<PersonId>>,
    /// The people of each event with how they were involved, sorted by person.
    involvement: Vec<Vec<(PersonId, Option<Involvement>)>>,
    /// The footfall the chance baselines read ([`crate::score::chance`]).
    footfall: Footfall,
}

/// Scores every place and ranks them.
#[allow(clippy::too_many_arguments)]
pub fn score_places(
    d: &Dataset,
    settings: &Settings,
    snapped: &Snapped,
    weights: &[EventWeight],
    used: &[bool],
    grid: &Grid,
    gi: &GiStar,
    cell_weight: &[f64],
) -> (Vec<PlaceScore>, Vec<TimeProfile>, PerPlace) {
    let at_place = records_at_places(d, snapped, used);
    let (involved, involvement) = people_of_events(d);
    let footfall = Footfall::new(d, settings, &at_place, &involved);
    let inputs = Inputs {
        d,
        settings,
        weights,
        grid,
        gi,
        cell_weight,
        involved,
        involvement,
        footfall,
    };
    // Places in key order, so per-kind sums (premises-type risk) do not depend on row order.
    let mut by_key: Vec<&Place> = d.places.iter().collect();
    by_key.sort_by(|a, b| a.key.cmp(&b.key));
    let mut scores = Vec::with_capacity(d.places.len());
    let mut profiles = vec![TimeProfile::default(); d.places.len()];
    let mut per_place = Vec::with_capacity(d.places.len());
    for place in by_key {
        let (score, w2) = inputs.score(
            place,
            &at_place[place.id.index()],
            &mut profiles[place.id.index()],
        );
        per_place.push((place.kind, score.measures.events, score.measures.weight, w2));
        scores.push(score);
    }
    rank(d, &mut scores);
    (scores, profiles, per_place)
}

/// The used events at each place (by place index), in time order (ties by event id) so
/// results never depend on input row order.
pub(super) fn records_at_places(
    d: &Dataset,
    snapped: &Snapped,
    used: &[bool],
) -> Vec<Vec<EventId>> {
    // Read in time order, so each place's list is in time order.
    let mut at_place: Vec<Vec<EventId>> = vec![Vec::new(); d.places.len()];
    for &e in d.time_order().events() {
        if used[e.index()]
            && let Some(p) = snapped.place[e.index()]
        {
            at_place[p.index()].push(e);
        }
    }
    at_place
}

/// Who was involved in each event (by event index), sorted, and the same with how they
/// were involved (for reading children's records).
#[allow(clippy::type_complexity)]
pub(super) fn people_of_events(
    d: &Dataset,
) -> (
    Vec<Vec<PersonId>>,
    Vec<Vec<(PersonId, Option<Involvement>)>>,
) {
    let mut involved: Vec<Vec<PersonId>> = vec![Vec::new(); d.events.len()];
    let mut involvement: Vec<Vec<(PersonId, Option<Involvement>)>> =
        vec![Vec::new(); d.events.len()];
    for ep in &d.event_people {
        involved[ep.event.index()].push(ep.person);
        involvement[ep.event.index()].push((ep.person, ep.involvement));
    }
    for v in &mut involved {
        v.sort();
        v.dedup();
    }
    for v in &mut involvement {
        v.sort();
        v.dedup_by_key(|(p, _)| *p);
    }
    (involved, involvement)
}

impl Inputs<'_> {
    /// A place's score from its records (`at_place`, in time order), and the sum of its
    /// evidence records' squared weights.
    fn score(
        &self,
        place: &Place,
        at_place: &[EventId],
        profile: &mut TimeProfile,
    ) -> (PlaceScore, f64) {
        let d = self.d;
        let records = self.read(place, at_place);
        let c = records.concern_factor;
        // Evidence in full, children's records with no person of concern by the concern.
        let mut events: Vec<EventId> = records
            .evidence
            .iter()
            .chain(&records.child_only)
            .copied()
            .collect();
        events.sort_by_key(|id| d.time_order().rank(*id));
        let child_only: BTreeSet<EventId> = records.child_only.iter().copied().collect();
        let counted = |id: EventId| {
            let w = self.weights[id.index()].weight;
            if child_only.contains(&id) { w * c } else { w }
        };
        let mut m = indicator_measures(&records, self.settings);
        let w2 = self.link_people(
            place.id,
            &events,
            &counted,
            &child_only,
            &records,
            profile,
            &mut m,
        );
        let co_events = self.pair_children_with_adults(&events, &counted, &mut m);
        let evidence = Evidence {
            events,
            co_presence: co_events,
            indicators: records.indicator_events,
            returns: records.returns,
            gathering: records.gathering,
        };
        (self.assemble(place, at_place, m, evidence), w2)
    }

    /// Reads the place's records as an analyst would ([`read_place`]): classed, with
    /// their concern signals and indicators.
    fn read(&self, place: &Place, at_place: &[EventId]) -> PlaceRecords {
        let (d, settings) = (self.d, self.settings);
        let listed = |list: &[String], id: EventId| {
            d.events[id.index()]
                .category
                .as_deref()
                .is_some_and(|c| list.iter().any(|x| x == c))
        };
        let category = |id: EventId| CategoryReading {
            concern: listed(&settings.concern_categories, id),
            exploitation: listed(&settings.exploitation_categories, id),
        };
        read_place(
            d,
            place.id,
            at_place,
            &self.involvement,
            &category,
            &|id: EventId| self.weights[id.index()].weight,
            settings.score.concern_weight,
        )
    }

    /// Measures the child–person-of-concern pairs seen together at the place, and the
    /// persons of concern linked by them; returns the records that show the pairs.
    fn pair_children_with_adults(
        &self,
        events: &[EventId],
        counted: &impl Fn(EventId) -> f64,
        m: &mut Measures,
    ) -> Vec<EventId> {
        let (d, settings) = (self.d, self.settings);
        let window =
            chrono::Duration::seconds((settings.network.co_presence_hours * 3600.0) as i64);
        let found = co_presence(
            d,
            events,
            &self.involved,
            window,
            settings.network.co_presence_cap,
            self.footfall.span_s,
            counted,
        );
        m.pairs = found.pairs.len();
        m.pairs_apart = found.pairs.values().filter(|(_, apart)| *apart).count();
        m.pairs_by_chance = found.by_chance;
        // A pair seen only in different records counts as far as the place shows more
        // such pairs than unrelated timing at its footfall would.
        let beyond = beyond_chance(found.by_chance, m.pairs_apart);
        let counts = |&(w, apart): &(f64, bool)| if apart { w * beyond } else { w };
        let full = settings.score.link_weight;
        m.pairs_linked = found
            .pairs
            .values()
            .map(|x| (counts(x) / full).min(1.0))
            .sum();
        // A person of concern counts at the place by their records there with children
        // (each child–person pair's weight, summed over the children), not by every
        // record naming them: adults of concern passing through a busy station are its
        // intensity, not the sources of harm to children there.
        let mut with_children: BTreeMap<PersonId, f64> = BTreeMap::new();
        for (&(_, p), x) in &found.pairs {
            *with_children.entry(p).or_default() += counts(x);
        }
        m.persons_of_concern_linked = with_children.values().map(|w| (w / full).min(1.0)).sum();
        found.evidence
    }

    /// The place's score from its measures: the area's Gi* (its own events out), the
    /// components and the cell statistics.
    fn assemble(
        &self,
        place: &Place,
        at_place: &[EventId],
        mut m: Measures,
        evidence: Evidence,
    ) -> PlaceScore {
        let cell = self
            .grid
            .cell_of(place.location)
            .filter(|&c| self.gi.neighbours[c] > 0);
        if let Some(c) = cell {
            m.area_z = self.area_z(c, at_place);
        }
        let components = m.components(&self.settings.score);
        let gi = self.gi;
        PlaceScore {
            place: place.id,
            rank: 0,
            total: components.total(),
            components,
            cell,
            cell_z: cell.map_or(0.0, |c| gi.z[c]),
            cell_q: cell.map_or(1.0, |c| gi.q[c]),
            cell_hot: cell.is_some_and(|c| gi.is_hot(c, self.settings.fdr)),
            measures: m,
            evidence,
        }
    }

    /// Fills in the place's weight, its children linked and the people recorded there
    /// from its counted records; returns the sum of their squared weights.
    ///
    /// A child counts `min(1, W / L)` by the weight W of their counted records. Children
    /// whose only records there are child-only (no person of concern with them) count
    /// through the place's concern, and together for no more children than its concern
    /// about children weighs (`child_concern_weight / L`): one low-grade report at a
    /// youth club does not make the twenty children found there once twenty exploitation
    /// links, and drug supply recorded among adults at a station does not make every
    /// child who passes through a victim of it. And a child recorded there alone counts
    /// from their second record there, or from one that ties them to it by what it is
    /// ([`crate::score::footfall::ties_a_child_alone`]): one stop or ASB report of a child alone at a
    /// busy place is a child passing through, as one co-presence in different records is
    /// a chance meeting.
    #[allow(clippy::too_many_arguments)]
    fn link_people(
        &self,
        place: PlaceId,
        events: &[EventId],
        counted: &impl Fn(EventId) -> f64,
        child_only: &BTreeSet<EventId>,
        records: &PlaceRecords,
        profile: &mut TimeProfile,
        m: &mut Measures,
    ) -> f64 {
        let d = self.d;
        let mut w2 = 0.0;
        let mut children: BTreeMap<PersonId, ChildAtPlace> = BTreeMap::new();
        let mut pocs: BTreeSet<PersonId> = BTreeSet::new();
        for &id in events {
            let w = counted(id);
            m.weight += w;
            w2 += w * w;
            profile.add(d.events[id.index()].occurred_at);
            let evidence = !child_only.contains(&id);
            let ties = self.footfall.ties(id);
            for &p in &self.involved[id.index()] {
                match d.people[p.index()].role {
                    Role::Child => {
                        let c = children.entry(p).or_default();
                        c.weight += w;
                        c.evidence |= evidence;
                        c.records += 1;
                        c.tied_by_one |= ties;
                    }
                    Role::Perpetrator => {
                        pocs.insert(p);
                    }
                    _ => {}
                }
            }
        }
        let full = self.settings.score.link_weight;
        let (mut with_evidence, mut alone) = (0.0, 0.0);
        for c in children.values() {
            let s = (c.weight / full).min(1.0);
            if c.evidence {
                with_evidence += s;
            } else if c.records >= 2 || c.tied_by_one {
                alone += s;
                m.children_alone += 1;
            }
        }
        // Children alone count beyond what the place's footfall of children gives by
        // chance; only a place with children alone needs the baseline.
        if m.children_alone > 0 {
            m.children_by_chance = self.footfall.expected_children_at(place);
            alone *= beyond_chance(m.children_by_chance, m.children_alone);
        }
        m.events = events.len();
        m.children = children.len();
        m.persons_of_concern = pocs.len();
        m.children_linked = with_evidence + alone.min(records.child_concern_weight / full);
        // Harm at the place is child-exploitation evidence as far as a child is linked to
        // it, or its records are about children by what they are.
        m.about_children = (m.children_linked
            + records.exploitation_weight / self.settings.score.concern_weight)
            .min(1.0);
        w2
    }

    /// Gi* z of cell `c` with the place's own weight in it taken out (its events may lie
    /// in other cells if they carry their own coordinates; only the part in this cell is
    /// taken out). Every counted record of the place, returns and gathering included,
    /// since the grid holds them all.
    fn area_z(&self, c: usize, at_place: &[EventId]) -> f64 {
        let own: f64 = at_place
            .iter()
            .filter(|id| self.grid.cell_of(self.d.events[id.index()].location) == Some(c))
            .map(|id| self.weights[id.index()].weight)
            .sum();
        self.gi.z_without(c, own, self.cell_weight[c])
    }
}

/// The measures that come straight from how the place's records were read: concern,
/// returns, gathering and the indicators.
fn indicator_measures(records: &PlaceRecords, settings: &Settings) -> Measures {
    let c = records.concern_factor;
    Measures {
        concern_factor: c,
        child_concern_factor: (records.child_concern_weight / settings.score.concern_weight)
            .min(1.0),
        // The area counts for a place with evidence records of its own, otherwise in
        // proportion to its concern: a place where children only gather, or with no
        // records at all, gets nothing from the harm around it.
        area_factor: if records.evidence.is_empty() { c } else { 1.0 },
        concern: records.concern.clone(),
        returns: records.returns.len(),
        gathering_records: records.gathering.len(),
        gathering_children: records.gathering_children,
        gathering: records.gathering_children >= settings.score.gathering_children,
        repeat_found: records.repeat_found.len(),
        found_at_night: records.found_at_night.len(),
        found_with_poc: records.found_with_poc.len(),
        shared_poc_children: records.shared_poc_children,
        ..Default::default()
    }
}

/// Sorts places best first (ties by `place_id`) and numbers their ranks from 1.
pub fn rank(d: &Dataset, scores: &mut [PlaceScore]) {
    scores.sort_by(|a, b| {
        b.total.total_cmp(&a.total).then_with(|| {
            d.places[a.place.index()]
                .key
                .cmp(&d.places[b.place.index()].key)
        })
    });
    for (i, s) in scores.iter_mut().enumerate() {
        s.rank = i + 1;
    }
}
