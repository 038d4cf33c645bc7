//! `disrupt completions SHELL` and `disrupt man`: generated from the commands themselves.

use crate::support::{disrupt, stdout_ok};

const COMMANDS: [&str; 14] = [
    "analyse", "check", "partials", "hotspots", "network", "context", "assess", "review",
    "evaluate", "tools", "synth", "import", "convert", "audit",
];

#[test]
fn completions_name_every_command_for_bash_zsh_and_fish() {
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout_ok(disrupt().args(["completions", shell]));
        for c in COMMANDS {
            assert!(script.contains(c), "{shell} completion lacks {c}");
        }
        assert!(script.contains("audience"), "{shell}: no --audience");
    }
    let bash = stdout_ok(disrupt().args(["completions", "bash"]));
    let check = std::process::Command::new("bash")
        .args(["-n", "-c", &bash])
        .status()
        .expect("bash");
    assert!(check.success(), "the bash completion is not valid bash");
}

#[test]
fn the_man_page_is_roff_and_lists_the_commands() {
    let page = stdout_ok(disrupt().arg("man"));
    assert!(page.contains(".TH disrupt 1"));
    for c in COMMANDS {
        assert!(page.contains(c), "man page lacks {c}");
    }
    let refused = disrupt()
        .args(["completions", "tcsh"])
        .output()
        .expect("runs");
    assert_eq!(
        refused.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );
}
