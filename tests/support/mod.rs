//! Test support: run AWS emulators (moto server, LocalStack) on loopback for argus's integration tests.
//!
//! Each test binary includes this with `mod support;`. Needs the project venvs made by
//! `scripts/setup-emulators.sh` (`.venv/moto`, `.venv/localstack`); `require_venvs()` says so plainly.
//!
//! ```ignore
//! let emu = support::Emulator::moto();
//! emu.seed("localstack/seed_demo.py", &["--regions", "us-east-1,eu-west-1"]);
//! let out = std::process::Command::new(env!("CARGO_BIN_EXE_argus"))
//!     .args(["scan", "--endpoint-url", &emu.endpoint()])
//!     .envs(emu.aws_env())
//!     .output()
//!     .unwrap();
//! ```
//!
//! Every emulator gets a fresh free port on 127.0.0.1, its own temporary directory (deleted on drop) and
//! its own process group, which `Drop` kills as a whole (LocalStack starts helper processes) before
//! waiting for the server. Emulator output goes to a log file whose tail is put into every panic message.
#![allow(dead_code)]

pub mod fault_proxy;

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const MOTO_TIMEOUT: Duration = Duration::from_secs(60);
const LOCALSTACK_TIMEOUT: Duration = Duration::from_secs(120);
/// Attempts at starting an emulator when its port was taken between picking and binding.
const START_ATTEMPTS: usize = 3;

/// LocalStack 4.4's default (twisted) gateway ignores the host part of GATEWAY_LISTEN and listens on
/// 0.0.0.0. Its hypercorn gateway honours the host but answers `Expect: 100-continue` uploads with a
/// broken provisional response, which breaks S3 PutObject and therefore Lambda CreateFunction. So we
/// keep twisted and make its IPv4 endpoints bind the GATEWAY_LISTEN host (127.0.0.1), then run the
/// normal entry point exactly as `python -m localstack.runtime.main` would.
const LOCALSTACK_BOOTSTRAP: &str = r#"
import os, runpy
import twisted.internet.endpoints as _endpoints
_listen = os.environ.get("GATEWAY_LISTEN", "127.0.0.1:4566").split(",")[0]
_host = _listen.rsplit(":", 1)[0] if ":" in _listen else _listen
_host = _host or "127.0.0.1"
_TCP4 = _endpoints.TCP4ServerEndpoint
class _HostTCP4(_TCP4):
    def __init__(self, reactor, port, backlog=50, interface=""):
        super().__init__(reactor, port, backlog, interface or _host)
_endpoints.TCP4ServerEndpoint = _HostTCP4
runpy.run_module("localstack.runtime.main", run_name="__main__", alter_sys=True)
"#;

/// Which emulator is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    Moto,
    LocalStack,
}

impl Flavour {
    fn venv(self) -> &'static str {
        match self {
            Flavour::Moto => "moto",
            Flavour::LocalStack => "localstack",
        }
    }
}

/// A running emulator. Dropping it kills its whole process group and removes its temporary files.
pub struct Emulator {
    child: Child,
    port: u16,
    flavour: Flavour,
    log_path: PathBuf,
    // Dropped (deleted) after `Drop::drop` has killed the server.
    dir: tempfile::TempDir,
}

/// The repository root (the crate's manifest directory).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether a collection error (its `service` and `operation`, as in the snapshot's errors) is a call the
/// pinned moto does not serve (scripts/moto-gaps.txt, shared with scripts/demo.sh), not argus's fault.
pub fn is_moto_gap(error: &serde_json::Value) -> bool {
    let call = format!(
        "{}:{}",
        error["service"].as_str().unwrap_or_default(),
        error["operation"].as_str().unwrap_or_default()
    );
    include_str!("../../scripts/moto-gaps.txt")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .any(|line| line.split_whitespace().next() == Some(call.as_str()))
}

/// Panic with a helpful message unless both emulator venvs exist.
pub fn require_venvs() {
    require_venv(Flavour::Moto);
    require_venv(Flavour::LocalStack);
}

fn require_venv(flavour: Flavour) {
    let root = repo_root();
    let needed = match flavour {
        Flavour::Moto => root.join(".venv/moto/bin/moto_server"),
        Flavour::LocalStack => root.join(".venv/localstack/bin/python"),
    };
    if !needed.exists() {
        panic!(
            "{} is missing: run scripts/setup-emulators.sh first (it creates .venv/moto and .venv/localstack)",
            needed.display()
        );
    }
}

impl Emulator {
    /// A fresh moto server (IAM managed policies loaded, no default AMIs), answering requests.
    pub fn moto() -> Emulator {
        Self::start(Flavour::Moto)
    }

    /// A fresh LocalStack (community, host mode) with its own state directories, healthy and warmed up.
    pub fn localstack() -> Emulator {
        Self::start(Flavour::LocalStack)
    }

    pub fn flavour(&self) -> Flavour {
        self.flavour
    }

    /// `http://127.0.0.1:PORT`
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The server's pid, which is also its process group id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The account id the emulator reports for the dummy credentials.
    pub fn account_id(&self) -> &'static str {
        match self.flavour {
            Flavour::Moto => "123456789012",
            Flavour::LocalStack => "000000000000",
        }
    }

    /// The emulator's own temporary directory (removed on drop).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn log_path(&self) -> &Path {
        &self.log_path
    }

    /// The last `lines` lines of the emulator's output.
    pub fn log_tail(&self, lines: usize) -> String {
        tail(&self.log_path, lines)
    }

    /// Run a repo-relative Python script (e.g. `localstack/seed_demo.py`) with this emulator's venv
    /// Python, `--endpoint-url` added, and the dummy AWS environment. Panics with the script's output
    /// if it fails.
    pub fn seed(&self, script: &str, args: &[&str]) {
        let root = repo_root();
        let python = root.join(".venv").join(self.flavour.venv()).join("bin/python");
        let started = Instant::now();
        let out = Command::new(&python)
            .arg(root.join(script))
            .arg("--endpoint-url")
            .arg(self.endpoint())
            .args(args)
            .envs(self.aws_env())
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .current_dir(&root)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {} {script}: {e}", python.display()));
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() {
            panic!(
                "{script} {args:?} against {:?} at {} failed ({}):\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}\n--- emulator log (tail) ---\n{}",
                self.flavour,
                self.endpoint(),
                out.status,
                self.log_tail(40)
            );
        }
        // Shown with `cargo test -- --nocapture`.
        println!("{script} against {:?} took {:.1} s\n{stdout}{stderr}", self.flavour, started.elapsed().as_secs_f64());
    }

    /// Environment for a process (argus, a seed script) that talks to this emulator: dummy credentials,
    /// us-east-1, no IMDS lookups, and no shared config/credentials files from the developer's ~/.aws.
    pub fn aws_env(&self) -> Vec<(String, String)> {
        let missing = |name: &str| self.dir.path().join(name).to_string_lossy().into_owned();
        [
            ("AWS_ACCESS_KEY_ID", "testing".to_string()),
            ("AWS_SECRET_ACCESS_KEY", "testing".to_string()),
            ("AWS_DEFAULT_REGION", "us-east-1".to_string()),
            ("AWS_REGION", "us-east-1".to_string()),
            ("AWS_EC2_METADATA_DISABLED", "true".to_string()),
            ("AWS_CONFIG_FILE", missing("no-aws-config")),
            ("AWS_SHARED_CREDENTIALS_FILE", missing("no-aws-credentials")),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    fn start(flavour: Flavour) -> Emulator {
        require_venv(flavour);
        let mut last_failure = String::new();
        for attempt in 1..=START_ATTEMPTS {
            match Self::try_start(flavour) {
                Ok(emulator) => return emulator,
                Err(StartError::PortTaken(msg)) => {
                    last_failure = msg;
                    eprintln!("{flavour:?}: port was taken (attempt {attempt}/{START_ATTEMPTS}); retrying");
                }
                Err(StartError::Fatal(msg)) => panic!("{msg}"),
            }
        }
        panic!("{flavour:?} did not start after {START_ATTEMPTS} attempts:\n{last_failure}");
    }

    fn try_start(flavour: Flavour) -> Result<Emulator, StartError> {
        let root = repo_root();
        let dir = tempfile::Builder::new()
            .prefix(&format!("argus-{}-", flavour.venv()))
            .tempdir()
            .expect("create emulator temp dir");
        let port = free_port();
        let log_path = dir.path().join("emulator.log");
        let log = File::create(&log_path).expect("create emulator log");

        let mut cmd;
        match flavour {
            Flavour::Moto => {
                cmd = Command::new(root.join(".venv/moto/bin/moto_server"));
                cmd.args(["-H", "127.0.0.1", "-p", &port.to_string()])
                    .env("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
                    .env("MOTO_EC2_LOAD_DEFAULT_AMIS", "false");
            }
            Flavour::LocalStack => {
                let sub = |name: &str| {
                    let p = dir.path().join(name);
                    std::fs::create_dir_all(&p).expect("create LocalStack dir");
                    p
                };
                cmd = Command::new(root.join(".venv/localstack/bin/python"));
                cmd.arg("-c")
                    .arg(LOCALSTACK_BOOTSTRAP)
                    .env("GATEWAY_LISTEN", format!("127.0.0.1:{port}"))
                    .env("LOCALSTACK_VOLUME_DIR", sub("volume"))
                    .env("DATA_DIR", sub("data"))
                    .env("TMPDIR", sub("tmp"))
                    // Host mode even where /.dockerenv exists (this sandbox), so that all state lives
                    // under FILESYSTEM_ROOT instead of the shared /var/lib/localstack and /tmp/localstack.
                    .env("OVERRIDE_IN_DOCKER", "0")
                    .env("FILESYSTEM_ROOT", sub("fs"))
                    // No DNS server (it would want port 53), no downloads, no analytics.
                    .env("DNS_ADDRESS", "0")
                    .env("SKIP_SSL_CERT_DOWNLOAD", "1")
                    .env("SKIP_INFRA_DOWNLOADS", "1")
                    .env("DISABLE_EVENTS", "1")
                    // Otherwise ~560 default AMIs per region bring account-owned unencrypted snapshots.
                    .env("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")
                    .env("PYTHONDONTWRITEBYTECODE", "1");
            }
        }
        cmd.current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("clone log handle"))
            .stderr(log)
            .process_group(0);
        let child = cmd.spawn().map_err(|e| StartError::Fatal(format!("cannot start {flavour:?}: {e}")))?;

        let mut emulator = Emulator { child, port, flavour, log_path, dir };
        let (timeout, path) = match flavour {
            Flavour::Moto => (MOTO_TIMEOUT, "/moto-api/"),
            Flavour::LocalStack => (LOCALSTACK_TIMEOUT, "/_localstack/health"),
        };
        emulator.wait_until_answering(path, timeout)?;
        if flavour == Flavour::LocalStack {
            emulator.warm_up_localstack();
        }
        Ok(emulator)
    }

    /// Poll `path` until it answers 200; fail early if the server exits or its port was taken.
    fn wait_until_answering(&mut self, path: &str, timeout: Duration) -> Result<(), StartError> {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll emulator") {
                let log = self.log_tail(40);
                let msg =
                    format!("{:?} on port {} exited ({status}) before answering:\n{log}", self.flavour, self.port);
                return Err(if port_taken(&log) { StartError::PortTaken(msg) } else { StartError::Fatal(msg) });
            }
            // LocalStack keeps running (and says "Ready.") when it could not listen: check its log
            // before trusting an answer, which might come from someone else's server on that port.
            let log = self.log_tail(200);
            if port_taken(&log) {
                return Err(StartError::PortTaken(format!(
                    "{:?} could not listen on port {}:\n{log}",
                    self.flavour, self.port
                )));
            }
            // Only trust an answer once our own server says it is listening: moto prints
            // " * Running on http://127.0.0.1:PORT" after binding, LocalStack "Ready." (after any
            // listen error, which is checked above).
            let listening = match self.flavour {
                Flavour::Moto => log.contains(&format!("Running on http://127.0.0.1:{}", self.port)),
                Flavour::LocalStack => log.contains("Ready."),
            };
            if listening {
                if let Some((200, _)) = http_request(self.port, "GET", path, &[], b"") {
                    return Ok(());
                }
            }
            if started.elapsed() > timeout {
                return Err(StartError::Fatal(format!(
                    "{:?} on port {} did not answer {path} within {} s:\n{}",
                    self.flavour,
                    self.port,
                    timeout.as_secs(),
                    self.log_tail(40)
                )));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// LocalStack loads its AWS request machinery on the first AWS request (~5 s). Pay that here, so a
    /// test's first real request is not the slow one. LocalStack does not check signatures; it only
    /// reads the service from the credential scope.
    fn warm_up_localstack(&self) {
        let body = b"Action=GetCallerIdentity&Version=2011-06-15";
        let auth = "AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/sts/aws4_request, \
                    SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000";
        let headers = [
            ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            ("X-Amz-Date", "20250101T000000Z"),
            ("Authorization", auth),
        ];
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) {
            if let Some((200, _)) = http_request(self.port, "POST", "/", &headers, body) {
                return;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        eprintln!("LocalStack warm-up request did not succeed; carrying on");
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        kill_group(self.child.id());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

enum StartError {
    PortTaken(String),
    Fatal(String),
}

fn port_taken(log: &str) -> bool {
    log.contains("Address already in use") || log.contains("Couldn't listen on")
}

/// SIGKILL the process group led by `pgid` (spawned with `process_group(0)`, so pgid == pid).
fn kill_group(pgid: u32) {
    extern "C" {
        fn kill(pid: i32, sig: i32) -> i32;
    }
    const SIGKILL: i32 = 9;
    if let Ok(pgid) = i32::try_from(pgid) {
        if pgid > 1 {
            // SAFETY: kill(2) with a negative pid signals that process group; no memory is involved.
            unsafe {
                kill(-pgid, SIGKILL);
            }
        }
    }
}

/// A port that was free on 127.0.0.1 a moment ago (bind :0, read it, release it).
fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local addr").port()
}

/// One plain HTTP/1.1 request to 127.0.0.1:port; `Some((status, body))` when a response came back.
fn http_request(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Option<(u16, String)> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    stream.set_write_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).ok()?;
    stream.write_all(body).ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, text))
}

/// The last `lines` lines of a (possibly large) log file.
fn tail(path: &Path, lines: usize) -> String {
    let Ok(mut file) = File::open(path) else {
        return format!("(no log at {})", path.display());
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let start = len.saturating_sub(64 * 1024);
    let _ = file.seek(SeekFrom::Start(start));
    let mut buf = Vec::new();
    let _ = file.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf);
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// A temporary directory for argus's output. When dropped, every `*.ocsf.json` under it (the
/// organization's per-account folders included) is validated with py-ocsf-models, Prowler's OCSF
/// models, so each OCSF file the suite writes is checked. Tests that pass `--output-dir` take their
/// directories from here (`tests/ocsf.rs` holds them to it).
pub struct ReportDir {
    dir: tempfile::TempDir,
}

impl ReportDir {
    pub fn new() -> ReportDir {
        ReportDir { dir: tempfile::Builder::new().prefix("argus-reports-").tempdir().expect("create report dir") }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The path as a command-line argument.
    pub fn arg(&self) -> String {
        self.dir.path().to_string_lossy().into_owned()
    }
}

impl Drop for ReportDir {
    fn drop(&mut self) {
        // A test already failing keeps its own message; a second panic would abort the process.
        if !std::thread::panicking() {
            validate_ocsf_files(self.dir.path());
        }
    }
}

/// Every `*.ocsf.json` under `dir`, recursively, sorted.
pub fn ocsf_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return found };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            found.extend(ocsf_files(&path));
        } else if path.to_string_lossy().ends_with(".ocsf.json") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// Validates every `*.ocsf.json` under `dir` with py-ocsf-models (`tests/support/validate_ocsf.py`, run
/// by the moto venv's Python); panics with the validation errors. Returns the files checked.
pub fn validate_ocsf_files(dir: &Path) -> Vec<PathBuf> {
    let files = ocsf_files(dir);
    if files.is_empty() {
        return files;
    }
    let out = validate_ocsf(&files);
    assert!(
        out.status.success(),
        "OCSF output rejected by py-ocsf-models:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    files
}

/// Runs the validator on `files` and returns its output, whatever the verdict.
pub fn validate_ocsf(files: &[PathBuf]) -> std::process::Output {
    require_venv(Flavour::Moto);
    let root = repo_root();
    Command::new(root.join(".venv/moto/bin/python"))
        .arg(root.join("tests/support/validate_ocsf.py"))
        .args(files)
        .output()
        .expect("run tests/support/validate_ocsf.py")
}
