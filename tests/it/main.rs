//! Integration tests, compiled into one binary (as ripgrep and uv do).

mod analyse;
mod assess;
mod audit;
mod catalogue_law;
mod check_cli;
mod gi_star;
mod hostile;
mod hostile_use;
mod hotspots;
mod hotspots_cli;
mod import;
mod import_props;
mod indicators;
mod ingest_props;
mod network;
mod network_algorithms;
mod parquet;
mod parser_props;
mod police_uk;
mod privacy;
mod projection;
mod returns;
mod spatial;
mod support;
mod synth;
mod toolkit;
