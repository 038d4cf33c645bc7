//! The time tables: `trends.csv`, `place_trends.csv` and `cube.csv` (docs/trends.md).

use super::Kind::{Integer, Number, Text};
use super::Shown::{All, Count, NotPartner};
use super::{Table, col};

/// `trends.csv`: emerging hot spots, one row per grid cell with data.
pub const TRENDS: Table = Table {
    file: "trends.csv",
    also: "Also `trends.parquet` and `trends.geojson` (cell squares, WGS84). Every audience; partners get the counts cut.",
    row: "a grid cell of the space-time cube with events in any step: its emerging-hot-spot category (ArcGIS Pro's rules) and the Mann–Kendall trend of its Gi* z over the steps.",
    columns: &[
        col(
            "cell",
            Integer,
            "",
            All,
            "The cell's index in the grid (row-major from the south-west).",
        ),
        col(
            "row",
            Integer,
            "",
            All,
            "The cell's row, 0 the southernmost.",
        ),
        col(
            "col",
            Integer,
            "",
            All,
            "The cell's column, 0 the westernmost.",
        ),
        col(
            "easting",
            Number,
            "metres, EPSG:27700",
            All,
            "The cell centre's easting.",
        ),
        col(
            "northing",
            Number,
            "metres, EPSG:27700",
            All,
            "The cell centre's northing.",
        ),
        col(
            "category",
            Text,
            "",
            All,
            "The emerging-hot-spot category (`new_hot_spot`, `intensifying_hot_spot`, `sporadic_hot_spot`, … and the cold mirrors, or `no_pattern`).",
        ),
        col(
            "trend_z",
            Number,
            "z",
            All,
            "Mann–Kendall z of the cell's Gi* z per step (with the tie correction).",
        ),
        col(
            "trend_p",
            Number,
            "probability",
            All,
            "Its two-sided p value.",
        ),
        col(
            "tau",
            Number,
            "−1 to 1",
            All,
            "Kendall's tau of the series.",
        ),
        col(
            "sen_slope",
            Number,
            "z per step",
            All,
            "Sen's slope of the series.",
        ),
        col(
            "hot_steps",
            Integer,
            "steps",
            All,
            "Steps in which the cell is a hot spot at the false discovery rate set.",
        ),
        col(
            "cold_steps",
            Integer,
            "steps",
            All,
            "Steps in which it is a cold spot.",
        ),
        col("last_z", Number, "z", All, "The Gi* z of the latest step."),
        col(
            "events",
            Integer,
            "records",
            Count,
            "Records in the cell over all steps.",
        ),
        col(
            "z_series",
            Text,
            "z per step, `;`-separated, oldest first",
            All,
            "The cell's Gi* z in each step.",
        ),
    ],
    parquet_only: &[],
};

/// `place_trends.csv`: each place's score trend.
pub const PLACE_TRENDS: Table = Table {
    file: "place_trends.csv",
    also: "Every audience; partners get no score series (a score can be worked back to the small counts behind it).",
    row: "a place: whether its hotspot score, computed from each step's events alone, is rising, steady or falling.",
    columns: &[
        col("place_id", Text, "", All, "The place's id in the dataset."),
        col("name", Text, "", All, "The place's name, as recorded."),
        col("kind", Text, "", All, "The place kind."),
        col(
            "direction",
            Text,
            "",
            All,
            "`rising` or `falling` when the Mann–Kendall trend is significant at the level set, else `steady`.",
        ),
        col(
            "trend_z",
            Number,
            "z",
            All,
            "Mann–Kendall z of the place's score per step.",
        ),
        col(
            "trend_p",
            Number,
            "probability",
            All,
            "Its two-sided p value.",
        ),
        col("tau", Number, "−1 to 1", All, "Kendall's tau."),
        col(
            "sen_slope",
            Number,
            "points per step",
            All,
            "Sen's slope of the score.",
        ),
        col(
            "last_score",
            Number,
            "points",
            NotPartner,
            "The score in the latest step.",
        ),
        col(
            "score_series",
            Text,
            "points per step, `;`-separated, oldest first",
            NotPartner,
            "The score in each step.",
        ),
    ],
    parquet_only: &[],
};

/// `cube.csv`: the space-time cube.
pub const CUBE: Table = Table {
    file: "cube.csv",
    also: "Every audience; partners get the counts cut.",
    row: "a grid cell in one time step with records in it.",
    columns: &[
        col("cell", Integer, "", All, "The cell's index in the grid."),
        col(
            "step",
            Integer,
            "",
            All,
            "The time step, 0 the oldest (`--step` days each, ending at the as-of date).",
        ),
        col(
            "events",
            Integer,
            "records",
            Count,
            "Records in the cell in the step.",
        ),
        col(
            "weight",
            Number,
            "weight",
            All,
            "Their summed harm weight, without recency (a trend must not be made by the decay).",
        ),
    ],
    parquet_only: &[],
};
