//! The `disrupt` command line. All the work is in the library; this file parses
//! arguments, runs the command, and maps errors to exit codes.

use clap::Parser;
use std::process::ExitCode;

mod cli;

/// mimalloc (Leijen, Zorn & de Moura 2019): ingest and the writers make millions of
/// small allocations, and glibc's allocator spent a fifth of a 1M-event run on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`disrupt check … | head`) is not a failure.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            // Messages may quote values from the data: show their control characters.
            let shown = |e: &dyn std::fmt::Display| {
                disrupt::plumbing::controls::controls(&e.to_string()).into_owned()
            };
            eprintln!("error: {}", shown(&err));
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {}", shown(&cause));
            }
            ExitCode::from(cli::exit_code(&err))
        }
    }
}
