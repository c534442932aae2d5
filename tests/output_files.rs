//! Files argus writes are complete under their final names, whatever happens while they are written: a
//! file size limit (a full disk), `/dev/full`, SIGTERM/SIGINT at any moment, or a symbolic link planted in
//! the output folder. And `argus collect` says by its exit code when calls failed.
//!
//! The report tests evaluate a synthetic snapshot (the engine benchmarks' generator) offline; the
//! collect tests run against moto, through the fault proxy where a call must fail.

mod common;
mod support;

#[path = "../crates/argus-core/benches/support/mod.rs"]
mod synthetic;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use support::fault_proxy::{Fault, FaultProxy, Rule};
use support::Emulator;

const ALL_FORMATS: &str = "json-ocsf,asff,csv,html,junit";

/// A synthetic snapshot of `resources` resources, saved as JSON in `dir`.
fn synthetic_snapshot(dir: &Path, resources: usize) -> PathBuf {
    let path = dir.join("synthetic.snapshot.json");
    let text = serde_json::to_vec(&synthetic::snapshot(resources)).expect("serialise snapshot");
    std::fs::write(&path, text).expect("write snapshot");
    path
}

/// `argus evaluate SNAPSHOT --output-dir OUT` with every format, run through `wrap` (e.g. a shell that
/// sets a file size limit) when given.
fn evaluate_command(snapshot: &Path, out: &Path, wrap: Option<&str>) -> Command {
    let args = [
        "evaluate",
        &snapshot.to_string_lossy(),
        "--output-dir",
        &out.to_string_lossy(),
        "--output-formats",
        ALL_FORMATS,
        "--quiet",
    ]
    .map(|a| a.to_string());
    let mut cmd = match wrap {
        None => Command::new(env!("CARGO_BIN_EXE_argus")),
        Some(script) => {
            let mut c = Command::new("bash");
            c.args(["-c", script, "bash", env!("CARGO_BIN_EXE_argus")]);
            c
        }
    };
    cmd.args(args).env("NO_COLOR", "1").env_remove("RUST_LOG");
    cmd
}

/// File name → content of every file in `dir`.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    match std::fs::read_dir(dir) {
        Err(_) => BTreeMap::new(),
        Ok(entries) => entries
            .flatten()
            .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap_or_default()))
            .collect(),
    }
}

/// Every file in `got` is one of the reference run's files, complete. The HTML report carries a fresh
/// nonce per run, so it is compared by length and its closing tag; every other file byte for byte.
/// A findings file (written last) means every other file is there too.
fn assert_only_complete_files(got: &BTreeMap<String, Vec<u8>>, reference: &BTreeMap<String, Vec<u8>>, case: &str) {
    for (name, content) in got {
        let expected = reference.get(name).unwrap_or_else(|| panic!("{case}: unexpected file {name}"));
        if name.ends_with(".html") {
            let text = String::from_utf8_lossy(content);
            assert!(
                content.len() == expected.len() && text.trim_end().ends_with("</html>"),
                "{case}: {name} is cut short ({} of {} bytes)",
                content.len(),
                expected.len()
            );
        } else {
            assert!(content == expected, "{case}: {name} is cut short ({} of {} bytes)", content.len(), expected.len());
        }
    }
    if got.keys().any(|n| n.ends_with(".findings.json")) {
        assert_eq!(
            got.keys().collect::<Vec<_>>(),
            reference.keys().collect::<Vec<_>>(),
            "{case}: findings file without the rest"
        );
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

struct Reference {
    _dir: support::ReportDir,
    snapshot: PathBuf,
    files: BTreeMap<String, Vec<u8>>,
    /// From the first file appearing in the output folder to the end of the run.
    writing: Duration,
}

/// Waits until something appears in `dir` (the first file being written) or `child` ends.
fn wait_for_first_file(dir: &Path, child: &mut std::process::Child) -> Instant {
    loop {
        if std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) || child.try_wait().ok().flatten().is_some() {
            return Instant::now();
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn reference_run(resources: usize) -> Reference {
    let dir = support::ReportDir::new();
    let snapshot = synthetic_snapshot(dir.path(), resources);
    let out = dir.path().join("reference");
    let mut child = evaluate_command(&snapshot, &out, None).spawn().expect("spawn argus");
    let writing_started = wait_for_first_file(&out, &mut child);
    let status = child.wait().expect("wait");
    let writing = writing_started.elapsed();
    assert!([0, 3, 4].contains(&status.code().unwrap_or(-1)), "reference run: {status:?}");
    let files = files(&out);
    assert_eq!(files.len(), 9, "snapshot, findings, 5 formats, 2 compliance files: {:?}", files.keys());
    Reference { _dir: dir, snapshot, files, writing }
}

#[test]
fn a_file_size_limit_leaves_no_partial_report() {
    let reference = reference_run(2_000);
    let largest = reference.files.values().map(Vec::len).max().unwrap_or_default();
    // 64 KiB: every file but the smallest fails; largest - 1 KiB: only the largest fails.
    for limit_kib in [64, largest / 1024 - 1] {
        let out = support::ReportDir::new();
        // SIGXFSZ ignored (inherited through exec), so a write past the limit fails with EFBIG, as on a
        // full disk, instead of killing the process.
        let script = format!("trap '' XFSZ; ulimit -f {limit_kib}; exec \"$@\"");
        let run = evaluate_command(&reference.snapshot, out.path(), Some(&script)).output().expect("run argus");
        let err = stderr(&run);
        assert_eq!(run.status.code(), Some(1), "limit {limit_kib} KiB: {err}");
        assert!(err.contains("error: cannot write"), "limit {limit_kib} KiB: {err}");
        let got = files(out.path());
        assert!(!got.keys().any(|n| n.ends_with(".findings.json")), "limit {limit_kib} KiB: {:?}", got.keys());
        assert!(
            !got.keys().any(|n| n.starts_with('.')),
            "limit {limit_kib} KiB: temporary files left: {:?}",
            got.keys()
        );
        assert_only_complete_files(&got, &reference.files, &format!("limit {limit_kib} KiB"));
    }
}

#[test]
fn a_signal_while_reports_are_written_leaves_no_partial_report() {
    let reference = reference_run(2_000);
    let mut interrupted = 0;
    let signals = ["TERM", "INT", "TERM", "INT", "TERM", "INT"];
    for (i, signal) in signals.iter().enumerate() {
        // Spread over the writing of the files, from the first one on.
        let delay = reference.writing.mul_f64(i as f64 / signals.len() as f64);
        let out = support::ReportDir::new();
        let mut child = evaluate_command(&reference.snapshot, out.path(), None)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn argus");
        wait_for_first_file(out.path(), &mut child);
        std::thread::sleep(delay);
        let _ = Command::new("kill").args([&format!("-{signal}"), &child.id().to_string()]).status();
        let status = child.wait().expect("wait");
        let case = format!("SIG{signal} {delay:?} into writing");
        match status.code() {
            // 128 + the signal number, or (without a handler) killed by the signal itself.
            Some(130 | 143) | None => interrupted += 1,
            Some(0 | 3 | 4) => {}
            other => panic!("{case}: exit {other:?}"),
        }
        let got = files(out.path());
        assert!(!got.keys().any(|n| n.starts_with('.')), "{case}: temporary files left: {:?}", got.keys());
        assert_only_complete_files(&got, &reference.files, &case);
    }
    assert!(interrupted > 0, "no run was interrupted: writing took {:?}", reference.writing);
}

#[cfg(unix)]
#[test]
fn links_planted_in_the_output_folder_are_replaced_not_written_through() {
    let reference = reference_run(200);
    let dir = support::ReportDir::new();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    for name in reference.files.keys() {
        // Not named like a report: the report folder's OCSF files are validated when it is dropped.
        let victim = dir.path().join(format!("victim-{name}.planted"));
        std::fs::write(&victim, "precious").expect("write victim");
        std::os::unix::fs::symlink(&victim, out.join(name)).expect("plant link");
    }
    let run = evaluate_command(&reference.snapshot, &out, None).output().expect("run argus");
    assert!([0, 3, 4].contains(&run.status.code().unwrap_or(-1)), "{}", stderr(&run));
    for name in reference.files.keys() {
        let victim = dir.path().join(format!("victim-{name}.planted"));
        let victim_text = std::fs::read_to_string(&victim).expect("victim");
        assert!(victim_text == "precious", "{name} was written through its link ({} bytes)", victim_text.len());
        let kind = std::fs::symlink_metadata(out.join(name)).expect("report").file_type();
        assert!(kind.is_file(), "{name} is still a link");
    }
    assert_only_complete_files(&files(&out), &reference.files, "planted links");
}

/// `argus collect` of `services` in one region through `proxy`, writing to `output`.
fn collect(em: &Emulator, proxy: &FaultProxy, services: &str, output: &str, wrap: Option<&str>) -> Output {
    let endpoint = proxy.endpoint();
    let args =
        ["collect", "--endpoint-url", &endpoint, "--regions", "us-east-1", "--services", services, "--output", output];
    let mut cmd = match wrap {
        None => Command::new(env!("CARGO_BIN_EXE_argus")),
        Some(script) => {
            let mut c = Command::new("bash");
            c.args(["-c", script, "bash", env!("CARGO_BIN_EXE_argus")]);
            c
        }
    };
    cmd.args(args).envs(em.aws_env()).env_remove("AWS_PROFILE").env_remove("RUST_LOG").env("NO_COLOR", "1");
    cmd.output().expect("run argus")
}

#[test]
fn collect_reports_write_errors_and_failed_calls() {
    let em = Emulator::moto();
    let proxy = FaultProxy::start(&em.endpoint());
    let dir = support::ReportDir::new();

    // A complete run: exit 0, a complete snapshot (IAM: large, with moto's AWS managed policies).
    let path = dir.path().join("snap.json");
    let run = collect(&em, &proxy, "iam", &path.to_string_lossy(), None);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let snapshot = common::read_json(&path);
    assert!(snapshot["errors"].as_array().is_some_and(Vec::is_empty), "{snapshot}");
    let size = std::fs::metadata(&path).expect("snapshot").len();

    // A device that refuses every write: exit 1, not "collected". KMS: a snapshot small enough to sit
    // in a write buffer until the end.
    let run = collect(&em, &proxy, "kms", "/dev/full", None);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot write /dev/full") && !err.contains("collected account"), "{err}");

    // A file size limit smaller than the snapshot: exit 1, and no file (not a truncated one).
    let limited = dir.path().join("limited.json");
    let limit_kib = (size / 1024).max(1) - 1;
    assert!(limit_kib >= 1, "the snapshot ({size} bytes) is too small for this test");
    let script = format!("trap '' XFSZ; ulimit -f {limit_kib}; exec \"$@\"");
    let run = collect(&em, &proxy, "iam", &limited.to_string_lossy(), Some(&script));
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot write"), "{err}");
    assert_eq!(files(dir.path()).keys().collect::<Vec<_>>(), ["snap.json"], "{err}");

    // A device written directly: /dev/null stays a device.
    let run = collect(&em, &proxy, "kms", "/dev/null", None);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    #[cfg(unix)]
    assert!(std::os::unix::fs::FileTypeExt::is_char_device(&std::fs::metadata("/dev/null").expect("null").file_type()));

    // A call that failed: the snapshot is incomplete, exit 4 as `scan` does.
    proxy.set_rules(vec![Rule::op("kms:ListKeys", Fault::AccessDenied)]);
    let incomplete = dir.path().join("incomplete.json");
    let run = collect(&em, &proxy, "kms", &incomplete.to_string_lossy(), None);
    assert_eq!(run.status.code(), Some(4), "{}", stderr(&run));
    let snapshot = common::read_json(&incomplete);
    assert!(
        snapshot["errors"].as_array().is_some_and(|e| e.iter().any(|e| e["operation"] == "ListKeys")),
        "{snapshot}"
    );
}
