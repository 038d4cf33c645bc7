//! Writers for outputs. Every output file goes through here, cut for its audience first
//! and written through [`crate::plumbing`], so escaping and atomic writes are done once.

/// Documents and JSON written for an audience.
pub mod file;

/// Safe, bounded file names from record ids.
pub mod file_name;

/// An output folder owned by one run: staged, listed in a manifest, swapped in whole.
pub mod run_folder;

/// Escaping for HTML and Markdown outputs.
pub mod escape;

/// Typed column tables written as CSV or Parquet.
pub(crate) mod table;
pub use table::{ColumnTable, Values};

/// The hotspot outputs: places, grid, premises types.
pub mod hotspots;

/// The places' time profiles as flat tables (by weekday and hour, by month).
pub mod time_profiles;

/// The hotspot outputs in GIS formats: GeoParquet, GeoPackage and its QGIS style.
pub mod hotspots_geo;

/// Well-Known Binary geometries in British National Grid metres.
pub(crate) mod wkb;

/// The British National Grid (EPSG:27700) as PROJJSON and WKT.
pub(crate) mod crs;

/// GeoParquet 1.1: a WKB `geometry` column and the `geo` metadata.
pub(crate) mod geoparquet;

/// A GeoPackage 1.3 writer: SQLite with the core tables and QGIS's `layer_styles`.
pub(crate) mod geopackage;

/// The QGIS style (`.qml`) for the places' score.
pub(crate) mod qml;

/// The network outputs: people, groups, ties, GraphML (Gephi, yEd), i2 Analyst's Notebook.
pub mod network;

/// Documents as an audience receives them, typed.
pub mod released;

/// Markdown renderings of the assessments, from their released, typed form.
pub mod markdown;

/// A deterministic force-directed layout for the network diagram.
pub(crate) mod layout;

/// What the HTML report shows, typed for the audience cut.
pub mod report_data;

/// The self-contained HTML report.
pub mod html;

/// Places where children gather: the report's list for Youth Outreach.
pub(crate) mod gathering;

/// The Excel workbook.
pub mod xlsx;

/// The trend outputs: emerging hot spots per cell, trends per place.
pub mod trends;

/// The data dictionary: every output column's type, unit and meaning (`docs/outputs.md`).
pub mod dictionary;

/// The report's section on emerging hot spots and rising places.
pub mod trends_section;
