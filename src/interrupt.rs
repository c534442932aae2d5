//! Leaving nothing half-written behind when argus is interrupted.
//!
//! Output files are written under temporary names and renamed once complete ([`crate::output_file`]), and
//! an `s3://` upload is staged in a private temporary folder ([`crate::upload::StagingDir`]). Destructors
//! remove those on every normal exit path, but SIGINT and SIGTERM end a process without running them.
//! [`install`] starts a thread that, on the first of those signals, removes every temporary path still
//! registered here and exits with 128 + the signal number, as the default action would report it.
//!
//! Creating a temporary file and renaming it to its final name both happen under the registry's lock,
//! and the signal thread holds that lock until the process has exited: a file is therefore either still
//! registered (and removed) or already complete under its final name, never half of each.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};

/// Temporary paths by registration id.
fn registry() -> MutexGuard<'static, BTreeMap<u64, PathBuf>> {
    static PATHS: OnceLock<Mutex<BTreeMap<u64, PathBuf>>> = OnceLock::new();
    PATHS.get_or_init(Default::default).lock().unwrap_or_else(|p| p.into_inner())
}

/// A temporary path that is removed if the process is interrupted while this is alive.
#[derive(Debug)]
pub struct Registration(u64);

impl Drop for Registration {
    fn drop(&mut self) {
        registry().remove(&self.0);
    }
}

impl Registration {
    /// Runs `finish` (the rename to the final name) under the lock, then forgets the path: a signal
    /// arriving meanwhile waits for the rename and then finds nothing of this file to remove.
    pub fn complete<T>(self, finish: impl FnOnce() -> T) -> T {
        let mut paths = registry();
        let result = finish();
        paths.remove(&self.0);
        drop(paths);
        std::mem::forget(self);
        result
    }
}

/// Creates a temporary file or folder with `create` under the lock, and registers `path_of` it.
pub fn create_registered<T, E>(
    create: impl FnOnce() -> Result<T, E>,
    path_of: impl FnOnce(&T) -> &Path,
) -> Result<(T, Registration), E> {
    static NEXT_ID: AtomicU64 = AtomicU64::new(0);
    let mut paths = registry();
    let created = create()?;
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    paths.insert(id, path_of(&created).to_path_buf());
    Ok((created, Registration(id)))
}

/// Starts the signal thread (once). Returns when the handlers are in place, so that no signal can find
/// the default action after this.
pub fn install() {
    static STARTED: OnceLock<()> = OnceLock::new();
    STARTED.get_or_init(|| {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new().name("argus-signals".into()).spawn(move || watch(ready_tx));
        match spawned {
            Ok(_) => {
                let _ = ready_rx.recv();
            }
            Err(e) => {
                tracing::warn!("cannot watch for SIGINT/SIGTERM ({e}): an interrupted run may leave temporary files")
            }
        }
    });
}

#[cfg(unix)]
fn watch(ready: std::sync::mpsc::Sender<()>) {
    use tokio::signal::unix::{signal, SignalKind};
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_io().build() {
        Ok(rt) => rt,
        Err(e) => {
            tracing::warn!("cannot watch for SIGINT/SIGTERM ({e}): an interrupted run may leave temporary files");
            let _ = ready.send(());
            return;
        }
    };
    runtime.block_on(async move {
        let (Ok(mut interrupt), Ok(mut terminate)) = (signal(SignalKind::interrupt()), signal(SignalKind::terminate()))
        else {
            tracing::warn!("cannot watch for SIGINT/SIGTERM: an interrupted run may leave temporary files");
            let _ = ready.send(());
            return;
        };
        let _ = ready.send(());
        let signal_number = tokio::select! {
            _ = interrupt.recv() => 2,
            _ = terminate.recv() => 15,
        };
        remove_all_and_exit(128 + signal_number);
    });
}

#[cfg(not(unix))]
fn watch(ready: std::sync::mpsc::Sender<()>) {
    let _ = ready.send(());
}

/// Removes every registered path and exits, holding the lock so that no rename completes meanwhile.
fn remove_all_and_exit(code: i32) -> ! {
    let paths = registry();
    for path in paths.values() {
        let _ = if path.is_dir() { std::fs::remove_dir_all(path) } else { std::fs::remove_file(path) };
    }
    std::process::exit(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registrations_end_when_dropped_or_completed() {
        let (_, dropped) = create_registered(|| Ok::<_, ()>(PathBuf::from("/x/a")), |p| p.as_path()).unwrap();
        let (_, completed) = create_registered(|| Ok::<_, ()>(PathBuf::from("/x/b")), |p| p.as_path()).unwrap();
        let ids = (dropped.0, completed.0);
        assert!(registry().contains_key(&ids.0) && registry().contains_key(&ids.1));
        drop(dropped);
        assert_eq!(completed.complete(|| 7), 7);
        assert!(!registry().contains_key(&ids.0) && !registry().contains_key(&ids.1));
        assert!(create_registered(|| Err::<PathBuf, _>("no"), |p| p.as_path()).is_err());
    }
}
