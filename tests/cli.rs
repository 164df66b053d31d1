use std::process::Command;

fn zhengce() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhengce"))
}

#[test]
fn help_works_for_every_subcommand() {
    for sub in ["extract", "segment", "numbers"] {
        let out = zhengce().args([sub, "--help"]).output().unwrap();
        assert!(out.status.success(), "{sub}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Examples"), "{sub}");
    }
}
