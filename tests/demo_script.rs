//! `make demo` (scripts/demo.sh) as a new user runs it: it exits 0 when the scan ran, ends by saying
//! where the HTML report is, and prints no warning for the emulator's known gaps (one `demo:` line
//! tells of them instead).

mod support;

use std::process::Command;

#[test]
fn the_demo_ends_with_the_report_and_without_warnings() {
    let root = support::repo_root();
    let out = Command::new("bash")
        .arg(root.join("scripts/demo.sh"))
        .current_dir(&root)
        .env("ARGUS_BIN", env!("CARGO_BIN_EXE_argus"))
        .env_remove("ARGUS_DEMO_KEEP")
        .output()
        .expect("run scripts/demo.sh");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{text}");
    let warnings: Vec<&str> = text.lines().filter(|l| l.contains(" WARN ") || l.contains("ERROR argus")).collect();
    assert!(warnings.is_empty(), "the demo printed warnings:\n{}", warnings.join("\n"));
    let report = text.lines().find_map(|l| l.strip_prefix("demo: HTML report: ")).expect("the demo names its report");
    assert!(std::path::Path::new(report).is_file(), "{report} missing\n{text}");
    // The gaps are named from scripts/moto-gaps.txt (one every moto demo scan meets: Client VPN endpoints).
    assert!(
        text.contains("demo: known emulator gaps (scripts/moto-gaps.txt): moto does not serve ")
            && text.contains("ec2:DescribeClientVpnEndpoints"),
        "{text}"
    );
}
