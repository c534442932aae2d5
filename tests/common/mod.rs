//! Running the argus binary against an emulator, for the integration tests.
#![allow(dead_code)]

use crate::support::Emulator;
use std::path::Path;
use std::process::{Command, Output};

/// Runs `argus ARGS` with the emulator's dummy AWS environment; returns its output.
pub fn argus(em: &Emulator, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_argus"))
        .args(args)
        .envs(em.aws_env())
        .env_remove("AWS_PROFILE")
        .env_remove("RUST_LOG")
        .env("NO_COLOR", "1")
        .output()
        .expect("run argus")
}

/// Like [`argus`], panicking with stdout/stderr unless the exit code is one of `codes`.
pub fn argus_ok(em: &Emulator, args: &[&str], codes: &[i32]) -> Output {
    let out = argus(em, args);
    let code = out.status.code().unwrap_or(-1);
    assert!(
        codes.contains(&code),
        "argus {args:?} exited {code}\n--- stdout ---\n{}\n--- stderr ---\n{}\n--- emulator log ---\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        em.log_tail(30)
    );
    out
}

pub fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()))
}

/// The one file in `dir` whose name ends with `suffix`.
pub fn file_ending(dir: &Path, suffix: &str) -> std::path::PathBuf {
    let matches: Vec<_> = std::fs::read_dir(dir)
        .expect("read output dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    assert_eq!(matches.len(), 1, "expected one *{suffix} in {}: {matches:?}", dir.display());
    matches[0].clone()
}

/// `value["ok"]` as an array, panicking with the recorded error if the data was not collected.
pub fn ok_list<'a>(value: &'a serde_json::Value, what: &str) -> &'a Vec<serde_json::Value> {
    match value.get("ok").and_then(|v| v.as_array()) {
        Some(list) => list,
        None => panic!("{what} was not collected: {value}"),
    }
}
