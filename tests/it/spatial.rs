//! The R-tree against brute force, and the KDE surface against its integral.

use disrupt::model::{Bng, Place, PlaceId, PlaceKind};
use disrupt::spatial::{Grid, PlaceIndex, kde};
use proptest::prelude::*;

fn places(points: &[(f64, f64)]) -> Vec<Place> {
    points
        .iter()
        .enumerate()
        .map(|(i, (x, y))| Place {
            id: PlaceId(i as u32),
            key: format!("P{i}"),
            name: None,
            kind: PlaceKind::Shop,
            location: Bng::new(*x, *y),
            licensed: None,
            area: None,
        })
        .collect()
}

/// Every place by distance; ties by `place_id` text, as the index documents.
fn brute_sorted(ps: &[Place], q: Bng) -> Vec<(PlaceId, f64)> {
    let mut v: Vec<(PlaceId, f64)> = ps.iter().map(|p| (p.id, p.location.distance(&q))).collect();
    v.sort_by(|a, b| {
        a.1.total_cmp(&b.1)
            .then(ps[a.0.index()].key.cmp(&ps[b.0.index()].key))
    });
    v
}

/// Coordinates on a 10 m lattice in a 2 km square, so exact ties are common.
fn lattice() -> impl Strategy<Value = (f64, f64)> {
    (0u32..200, 0u32..200)
        .prop_map(|(a, b)| (530_000.0 + a as f64 * 10.0, 175_000.0 + b as f64 * 10.0))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn nearest_within_radius_and_k_nearest_match_brute_force(
        pts in proptest::collection::vec(lattice(), 1..300),
        queries in proptest::collection::vec(lattice(), 1..20),
        radius in 0.0f64..400.0,
        k in 0usize..12,
    ) {
        let ps = places(&pts);
        let index = PlaceIndex::new(&ps);
        for (x, y) in queries {
            let q = Bng::new(x + 3.0, y - 4.0);
            let brute = brute_sorted(&ps, q);
            let expected = brute.first().filter(|b| b.1 <= radius).copied();
            prop_assert_eq!(index.nearest_within(q, radius), expected);
            let within: Vec<_> = brute.iter().filter(|b| b.1 <= radius).copied().collect();
            prop_assert_eq!(index.within(q, radius), within);
            prop_assert_eq!(index.k_nearest(q, k), brute.iter().take(k).copied().collect::<Vec<_>>());
        }
    }
}

#[test]
fn kde_integrates_to_the_total_weight() {
    // Points well inside a fine grid: the surface integral must give back their weight.
    let pts: Vec<(Bng, f64)> = (0..40)
        .map(|i| {
            (
                Bng::new(
                    531_000.0 + (i * 37 % 500) as f64,
                    176_000.0 + (i * 53 % 500) as f64,
                ),
                1.0 + (i % 3) as f64,
            )
        })
        .collect();
    let total: f64 = pts.iter().map(|p| p.1).sum();
    let grid = Grid::from_extent(
        Bng::new(530_500.0, 175_500.0),
        Bng::new(532_000.0, 177_000.0),
        5.0,
    )
    .expect("grid");
    let surface = kde(&grid, &pts, 150.0);
    let cell_km2 = (5.0 * 5.0) / 1e6;
    let integral: f64 = surface.iter().map(|d| d * cell_km2).sum();
    assert!(
        (integral - total).abs() / total < 2e-3,
        "integral {integral} vs total weight {total}"
    );
}

#[test]
fn kde_is_the_same_on_any_number_of_threads() {
    let pts: Vec<(Bng, f64)> = (0..500)
        .map(|i| {
            (
                Bng::new(
                    530_000.0 + (i * 7919 % 3000) as f64,
                    175_000.0 + (i * 104_729 % 3000) as f64,
                ),
                0.1 * (i % 7) as f64,
            )
        })
        .collect();
    let grid = Grid::from_extent(
        Bng::new(529_500.0, 174_500.0),
        Bng::new(533_500.0, 178_500.0),
        100.0,
    )
    .expect("grid");
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool")
        .install(|| kde(&grid, &pts, 500.0));
    let many = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .expect("pool")
        .install(|| kde(&grid, &pts, 500.0));
    assert_eq!(one, many, "parallel equals serial, bit for bit");
}

#[test]
fn masked_gi_star_equals_gi_star_on_the_inside_cells_alone() {
    use disrupt::spatial::GiStar;
    // A 20 × 16 grid whose study area is the 12 × 10 block starting at row 3, col 4.
    let outer = Grid {
        origin: Bng::new(530_000.0, 175_000.0),
        cell: 100.0,
        cols: 20,
        rows: 16,
    };
    let values: Vec<f64> = (0..outer.len())
        .map(|i| ((i * 7919) % 13) as f64 * 0.5)
        .collect();
    let inside: Vec<bool> = (0..outer.len())
        .map(|i| {
            let (r, c) = outer.row_col(i);
            (3..13).contains(&r) && (4..16).contains(&c)
        })
        .collect();
    let masked = GiStar::masked(&outer, &values, 250.0, Some(&inside));
    let inner = Grid {
        origin: Bng::new(530_400.0, 175_300.0),
        cell: 100.0,
        cols: 12,
        rows: 10,
    };
    let inner_values: Vec<f64> = (0..outer.len())
        .filter(|&i| inside[i])
        .map(|i| values[i])
        .collect();
    let plain = GiStar::new(&inner, &inner_values, 250.0);
    let inside_cells: Vec<usize> = (0..outer.len()).filter(|&i| inside[i]).collect();
    for (k, &i) in inside_cells.iter().enumerate() {
        assert!((masked.z[i] - plain.z[k]).abs() < 1e-12, "cell {i}");
        assert_eq!(masked.neighbours[i], plain.neighbours[k]);
        assert!((masked.q[i] - plain.q[k]).abs() < 1e-12);
    }
    assert!(
        (0..outer.len())
            .filter(|&i| !inside[i])
            .all(|i| masked.z[i] == 0.0 && masked.q[i] == 1.0)
    );
}
