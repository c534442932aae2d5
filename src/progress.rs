//! Progress bars while collecting: on a terminal only, never with --quiet, always on stderr.

use crate::collect::Progress;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Duration;

pub struct Bars {
    inner: Option<Inner>,
}

struct Inner {
    multi: MultiProgress,
    overall: ProgressBar,
    running: Mutex<HashMap<String, ProgressBar>>,
}

impl Bars {
    /// Draws only when stderr is a terminal and the user did not ask for quiet.
    pub fn new(quiet: bool) -> Self {
        if quiet || !std::io::stderr().is_terminal() {
            return Bars { inner: None };
        }
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        let overall = multi.add(ProgressBar::new(0));
        if let Ok(style) = ProgressStyle::with_template("{elapsed:>4} [{bar:30}] {pos}/{len} service × region tasks") {
            overall.set_style(style.progress_chars("=> "));
        }
        Bars { inner: Some(Inner { multi, overall, running: Mutex::new(HashMap::new()) }) }
    }

    pub fn finish(&self) {
        if let Some(inner) = &self.inner {
            inner.overall.finish_and_clear();
            let _ = inner.multi.clear();
        }
    }
}

impl Progress for Bars {
    fn planned(&self, tasks: usize) {
        if let Some(inner) = &self.inner {
            inner.overall.set_length(tasks as u64);
        }
    }

    fn started(&self, task: &str) {
        let Some(inner) = &self.inner else { return };
        let bar = inner.multi.add(ProgressBar::new_spinner());
        if let Ok(style) = ProgressStyle::with_template("  {spinner} {msg} {elapsed}") {
            bar.set_style(style);
        }
        // Task names hold region names from the account's DescribeRegions reply.
        bar.set_message(argus_core::report::terminal_safe(task));
        bar.enable_steady_tick(Duration::from_millis(120));
        inner.running.lock().unwrap_or_else(|p| p.into_inner()).insert(task.to_string(), bar);
    }

    fn finished(&self, task: &str) {
        let Some(inner) = &self.inner else { return };
        if let Some(bar) = inner.running.lock().unwrap_or_else(|p| p.into_inner()).remove(task) {
            bar.finish_and_clear();
            inner.multi.remove(&bar);
        }
        inner.overall.inc(1);
    }
}
