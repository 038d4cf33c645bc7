//! `disrupt completions SHELL` and `disrupt man`: shell completion scripts and the man
//! page, generated from the same clap definitions as `--help`, so they never drift from
//! the commands.

use clap::CommandFactory;
use std::process::ExitCode;

/// Which shell to complete for.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell: bash, zsh or fish (also elvish, powershell). Save the output where the
    /// shell looks, e.g. `disrupt completions bash > ~/.local/share/bash-completion/completions/disrupt`.
    shell: clap_complete::Shell,
}

/// Writes the completion script to stdout.
///
/// # Errors
/// Never, but for the common signature.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut cmd = super::Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "disrupt", &mut super::stdout());
    Ok(ExitCode::SUCCESS)
}

/// Writes the man page (roff, section 1) to stdout: `disrupt man > disrupt.1`.
///
/// # Errors
/// An error writing to stdout.
pub fn man() -> anyhow::Result<ExitCode> {
    let page = clap_mangen::Man::new(super::Cli::command());
    page.render(&mut super::stdout())?;
    Ok(ExitCode::SUCCESS)
}
