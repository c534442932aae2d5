//! Time every check on one synthetic snapshot of N resources (the criterion benches' mix), slowest first:
//!
//!     cargo run --release -p argus-core --example check_profile -- 100000
//!     cargo run --release -p argus-core --example check_profile -- 1000000 total   # the whole engine once
//!
//! A single-check run includes building the snapshot index (policy parsing) each time.
#[path = "../benches/support/mod.rs"]
mod support;

use argus_core::checks;
use argus_core::engine::{evaluate, Config, Filter};
use std::time::Instant;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let snapshot = support::snapshot(n);
    let config = Config::default();
    let all = checks::all();
    let t = Instant::now();
    let total = evaluate(&snapshot, &all, &Filter::default(), &config, support::now()).len();
    println!("all checks: {:.3} s, {total} findings", t.elapsed().as_secs_f64());
    if std::env::args().nth(2).as_deref() == Some("total") {
        return;
    }
    let mut times: Vec<(f64, &str, usize)> = all
        .iter()
        .map(|c| {
            let filter = Filter { checks: vec![c.id.to_string()], ..Filter::default() };
            let t = Instant::now();
            let f = evaluate(&snapshot, &all, &filter, &config, support::now()).len();
            (t.elapsed().as_secs_f64(), c.id, f)
        })
        .collect();
    times.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (s, id, f) in times.iter().take(15) {
        println!("{s:8.3} s  {f:8}  {id}");
    }
}
