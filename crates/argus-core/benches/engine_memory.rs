//! Memory and time of the engine against snapshot size: builds an N-resource synthetic snapshot,
//! evaluates every check on it, and reports resident memory. Each size runs in a fresh process, so
//! each peak is that size's own.
//!
//!     cargo bench -p argus-core --bench engine_memory                          # 10k 100k 1M
//!     cargo bench -p argus-core --bench engine_memory -- 10000 250000 1000000
//!     cargo bench -p argus-core --bench engine_memory -- --per-check 100000     # checks, slowest first
//!
//! `--per-check` evaluates each check on its own (so each includes building the index and parsing
//! the documents it reads); ARGUS_BENCH_CHECK=id limits it to one check and ARGUS_BENCH_REPEAT=k keeps
//! the fastest of k runs, which makes `perf record` of one check mostly that check.
//!
//!     cargo bench -p argus-core --bench engine_memory -- --write-snapshot 100000 FILE
//!
//! `--write-snapshot` saves the N-resource snapshot as `argus evaluate` reads it, so that two builds'
//! findings on one large account can be compared.
//!
//! Prints one line per size: resources, findings, build and evaluate wall time, RSS after building the
//! snapshot, peak RSS (VmHWM) after evaluating, and both per resource.

mod support;

use argus_core::checks;
use argus_core::engine::{evaluate, Config, Filter};
use std::time::Instant;

/// A field of /proc/self/status in KiB (Linux); 0 elsewhere.
fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
}

/// User + system CPU seconds of this process so far (Linux); 0 elsewhere.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let fields: Vec<&str> = s.rsplit_once(')')?.1.split_whitespace().collect();
            let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}

fn one(n: usize) {
    let t = Instant::now();
    let snapshot = support::snapshot(n);
    let build = t.elapsed();
    let rss_snapshot = status_kib("VmRSS:");
    let t = Instant::now();
    let cpu = cpu_seconds();
    let findings = evaluate(&snapshot, &checks::all(), &Filter::default(), &Config::default(), support::now());
    let eval = t.elapsed();
    let eval_cpu = cpu_seconds() - cpu;
    let peak = status_kib("VmHWM:");
    let rss_after = status_kib("VmRSS:");
    let fail = findings.iter().filter(|f| f.status == argus_core::engine::Status::Fail).count();
    println!(
        "{:>9} resources {:>9} findings ({:>7} FAIL)  build {:>7.2} s  evaluate {:>7.3} s (CPU {:>7.2} s)  \
         RSS snapshot {:>8.1} MiB ({:>5.2} KiB/resource)  with findings {:>8.1} MiB  peak {:>8.1} MiB ({:>5.2} KiB/resource)",
        n,
        findings.len(),
        fail,
        build.as_secs_f64(),
        eval.as_secs_f64(),
        eval_cpu,
        rss_snapshot as f64 / 1024.0,
        rss_snapshot as f64 / n as f64,
        rss_after as f64 / 1024.0,
        peak as f64 / 1024.0,
        peak as f64 / n as f64,
    );
}

/// `--per-check N`: each check's own evaluation time on an N-resource snapshot, slowest first.
fn per_check(n: usize) {
    let snapshot = support::snapshot(n);
    let config = Config::default();
    // ARGUS_BENCH_CHECK=id limits the run to one check (e.g. to profile it).
    let only = std::env::var("ARGUS_BENCH_CHECK").ok();
    // ARGUS_BENCH_REPEAT=k evaluates each check k times and keeps the fastest (so that a profile of
    // one check is not dominated by building the snapshot).
    let repeat: usize = std::env::var("ARGUS_BENCH_REPEAT").ok().and_then(|r| r.parse().ok()).unwrap_or(1).max(1);
    let mut times: Vec<(f64, usize, &str)> = checks::all()
        .iter()
        .filter(|c| only.as_deref().is_none_or(|o| o == c.id))
        .map(|c| {
            let mut best = (f64::INFINITY, 0);
            for _ in 0..repeat {
                let t = Instant::now();
                let f = evaluate(&snapshot, std::slice::from_ref(c), &Filter::default(), &config, support::now());
                best = (best.0.min(t.elapsed().as_secs_f64()), f.len());
            }
            (best.0, best.1, c.id)
        })
        .collect();
    times.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (secs, findings, id) in times {
        println!("{secs:>9.4} s {findings:>9} findings  {id}");
    }
}

fn main() {
    // `cargo bench` appends `--bench`; anything that is not a number is ignored.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(pos) = args.iter().position(|a| a == "--per-check") {
        per_check(args.get(pos + 1).and_then(|s| s.parse().ok()).unwrap_or(100_000));
        return;
    }
    if let Some(pos) = args.iter().position(|a| a == "--write-snapshot") {
        let n = args.get(pos + 1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
        let path = args.get(pos + 2).expect("--write-snapshot N FILE");
        let file = std::io::BufWriter::new(std::fs::File::create(path).expect("a writable file"));
        serde_json::to_writer(file, &support::snapshot(n)).expect("the snapshot written");
        return;
    }
    if let Some(pos) = args.iter().position(|a| a == "--one") {
        let n = args.get(pos + 1).and_then(|s| s.parse().ok()).unwrap_or(10_000);
        one(n);
        return;
    }
    let mut sizes: Vec<usize> = args.iter().filter_map(|a| a.replace('_', "").parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![10_000, 100_000, 1_000_000];
    }
    let exe = std::env::current_exe().expect("own executable");
    for n in sizes {
        let status = std::process::Command::new(&exe).arg("--one").arg(n.to_string()).status();
        if !status.map(|s| s.success()).unwrap_or(false) {
            eprintln!("engine_memory: size {n} failed");
            std::process::exit(1);
        }
    }
}
