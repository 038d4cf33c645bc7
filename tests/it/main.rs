//! Integration tests, compiled into one binary (as ripgrep and uv do).

mod check_cli;
mod hostile;
mod ingest_props;
mod parquet;
mod police_uk;
mod projection;
mod support;
mod synth;
