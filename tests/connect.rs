//! The first call of a run (STS GetCallerIdentity) against endpoints that misbehave: one that accepts
//! connections and never answers costs about one `--timeout`, one that answers garbage is named for what
//! it is, and an interrupted run leaves no `s3://` staging folder behind. No emulator: each endpoint is a
//! small TCP server on loopback.

mod support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A loopback server that accepts every connection and handles it with `serve` on its own thread.
fn serve_loopback(serve: fn(TcpStream)) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().expect("local addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || serve(stream));
        }
    });
    format!("http://127.0.0.1:{port}")
}

/// Reads the request and never answers, holding the connection open.
fn never_answer(mut stream: TcpStream) {
    let mut buf = [0u8; 4096];
    while matches!(stream.read(&mut buf), Ok(n) if n > 0) {}
}

/// Answers every request with HTTP 200 and a body that is no AWS protocol at all.
fn answer_garbage(mut stream: TcpStream) {
    let mut buf = [0u8; 65536];
    while let Ok(n) = stream.read(&mut buf) {
        if n == 0 {
            return;
        }
        let body = "garbage, not XML";
        let reply =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {}\r\n\r\n{body}", body.len());
        if stream.write_all(reply.as_bytes()).is_err() {
            return;
        }
    }
}

fn argus_command(args: &[&str], tmp: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_argus"));
    let missing = tmp.join("none");
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", tmp)
        .env("TMPDIR", tmp)
        .env("AWS_CONFIG_FILE", &missing)
        .env("AWS_SHARED_CREDENTIALS_FILE", &missing)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("NO_COLOR", "1");
    cmd
}

fn one_error_line(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(lines.len(), 1, "expected one error line:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    lines[0].to_string()
}

#[test]
fn a_silent_endpoint_costs_one_timeout_on_the_first_call() {
    let endpoint = serve_loopback(never_answer);
    let tmp = support::ReportDir::new();
    let timeout = 2;
    let started = Instant::now();
    // The default --max-attempts (8) would take minutes if every attempt ran.
    let out = argus_command(
        &["collect", "--output", "/dev/null", "--endpoint-url", &endpoint, "--timeout", &timeout.to_string()],
        tmp.path(),
    )
    .output()
    .expect("run argus");
    let elapsed = started.elapsed();
    let line = one_error_line(&out);
    // Twice the timeout: no attempt after the first silent one.
    assert!(elapsed < Duration::from_secs(2 * timeout), "took {elapsed:?}: {line}");
    assert_eq!(out.status.code(), Some(1), "{line}");
    assert!(line.contains(&endpoint) && line.contains("did not answer within --timeout 2 s"), "{line}");
}

#[test]
fn a_silent_endpoint_costs_one_timeout_when_a_role_is_assumed_first() {
    let endpoint = serve_loopback(never_answer);
    let tmp = support::ReportDir::new();
    let timeout = 2;
    let started = Instant::now();
    // With --role-arn the first call is STS AssumeRole, made by the credentials provider.
    let out = argus_command(
        &[
            "collect",
            "--output",
            "/dev/null",
            "--endpoint-url",
            &endpoint,
            "--timeout",
            &timeout.to_string(),
            "--role-arn",
            "arn:aws:iam::123456789012:role/argus-audit",
        ],
        tmp.path(),
    )
    .output()
    .expect("run argus");
    let elapsed = started.elapsed();
    let line = one_error_line(&out);
    assert!(elapsed < Duration::from_secs(2 * timeout), "took {elapsed:?}: {line}");
    assert_eq!(out.status.code(), Some(1), "{line}");
    assert!(
        line.contains("argus-audit") && line.contains("did not answer STS AssumeRole within --timeout 2 s"),
        "{line}"
    );
}

#[test]
fn a_garbage_answer_is_not_called_rejected_credentials() {
    let endpoint = serve_loopback(answer_garbage);
    let tmp = support::ReportDir::new();
    let out = argus_command(
        &["collect", "--output", "/dev/null", "--endpoint-url", &endpoint, "--timeout", "5", "--max-attempts", "1"],
        tmp.path(),
    )
    .output()
    .expect("run argus");
    let line = one_error_line(&out);
    assert_eq!(out.status.code(), Some(1), "{line}");
    assert!(!line.contains("rejected"), "a garbage answer says nothing about the credentials: {line}");
    assert!(line.contains(&endpoint) && line.contains("not an STS response"), "{line}");
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir).expect("read tmp").flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect()
}

fn wait_with_deadline(child: &mut Child, deadline: Duration) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            panic!("argus did not end within {deadline:?} of the signal");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn an_interrupted_upload_run_removes_its_private_staging_folder() {
    for (signal, code) in [("TERM", 143), ("INT", 130)] {
        let endpoint = serve_loopback(never_answer);
        let tmp = support::ReportDir::new();
        let mut child = argus_command(
            &[
                "scan",
                "--endpoint-url",
                &endpoint,
                "--timeout",
                "60",
                "--regions",
                "us-east-1",
                "--output-dir",
                "s3://argus-reports/daily",
            ],
            tmp.path(),
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn argus");
        // The staging folder exists before the first call, which then hangs on the silent endpoint.
        let started = Instant::now();
        let staging = loop {
            if let Some(name) = leftovers(tmp.path()).into_iter().find(|n| n.starts_with("argus-upload-")) {
                break tmp.path().join(name);
            }
            assert!(started.elapsed() < Duration::from_secs(30), "no staging folder appeared");
            std::thread::sleep(Duration::from_millis(20));
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&staging).map(|m| m.permissions().mode() & 0o777).unwrap_or(0o700);
            assert_eq!(mode, 0o700, "the staging folder holds the reports: owner only");
        }
        let sent = Command::new("kill").args([&format!("-{signal}"), &child.id().to_string()]).status();
        assert!(sent.expect("run kill").success());
        let status = wait_with_deadline(&mut child, Duration::from_secs(20));
        assert_eq!(status.code(), Some(code), "SIG{signal}: {status:?}");
        assert!(
            !leftovers(tmp.path()).iter().any(|n| n.starts_with("argus-upload-")),
            "SIG{signal} left {:?}",
            leftovers(tmp.path())
        );
    }
}
