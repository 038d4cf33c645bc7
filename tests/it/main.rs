//! Integration tests, compiled into one binary (as ripgrep and uv do).

mod analyse;
mod assess;
mod audit;
mod check_cli;
mod connection;
mod gi_star;
mod hostile;
mod hotspots;
mod hotspots_cli;
mod ingest_props;
mod network;
mod network_algorithms;
mod parquet;
mod parser_props;
mod place_evidence;
mod police_uk;
mod privacy;
mod projection;
mod quality;
mod spatial;
mod support;
mod synth;
mod toolkit;
