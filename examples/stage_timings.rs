//! Times each stage of the location engine on a dataset folder, for performance work:
//! `cargo run --release --example stage_timings -- DATA`.

use disrupt::graph::{BetweennessMode, Network, PeerGroups};
use disrupt::ingest::{IngestOptions, load};
use disrupt::score::{LocationAnalysis, NetworkAnalysis, Settings};
use disrupt::spatial::{PlaceIndex, snap};
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let data = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: stage_timings DATA"))?;
    let t = Instant::now();
    let d = load(data.as_ref(), &IngestOptions::default())?.dataset;
    eprintln!(
        "ingest: {:.2} s ({} events)",
        t.elapsed().as_secs_f64(),
        d.events.len()
    );
    let t = Instant::now();
    let index = PlaceIndex::new(&d.places);
    let s = snap(&d.events, &index, 50.0);
    eprintln!(
        "index + snap: {:.3} s ({:?})",
        t.elapsed().as_secs_f64(),
        s.counts
    );
    let t = Instant::now();
    let la = LocationAnalysis::run(&d, &Settings::default())?;
    eprintln!(
        "location engine (snap, weigh, grid, KDE, Gi*, score, rank): {:.3} s, {} cells",
        t.elapsed().as_secs_f64(),
        la.grid.len()
    );
    let s = Settings::default();
    let t = Instant::now();
    let net = Network::build(&d, &s.network, &la.used, &la.snapped.place);
    eprintln!(
        "network build (links, shared events, co-presence): {:.3} s, {} people, {} ties, {} capped windows",
        t.elapsed().as_secs_f64(),
        d.people.len(),
        net.counts.ties,
        net.counts.capped_windows
    );
    let t = Instant::now();
    let groups = PeerGroups::find(&d, &net.persons, s.network.community_seeds);
    let mut la = la;
    let meeting = groups.meeting_places(&net, &la.snapped.place);
    la.add_peer_groups(&d, &meeting);
    eprintln!(
        "peer groups (Louvain × {}, in parallel) and the places they meet: {:.3} s, {} groups",
        s.network.community_seeds,
        t.elapsed().as_secs_f64(),
        groups.groups.len()
    );
    let t = Instant::now();
    let hot = la.hotspots(disrupt::pipeline::HOTSPOT_COUNT);
    let a = NetworkAnalysis::run(&d, &s, net, groups, BetweennessMode::Auto, &hot);
    eprintln!(
        "network engine (degree, betweenness {} [{} samples, ±{:.4}], eigenvector, k-core, scores): {:.3} s",
        a.betweenness.method,
        a.betweenness.samples,
        a.betweenness.epsilon,
        t.elapsed().as_secs_f64(),
    );
    Ok(())
}
