//! Writing output files so that a file under its final name is always complete.
//!
//! A snapshot or report cut short (a full disk, a file size limit, an interrupted run) must not be
//! mistaken for a finished one. Every file is therefore written to a temporary file in the same folder
//! (`.argus-*.tmp`), flushed and synced, and only then renamed to its final name; on any error the
//! temporary file is removed, a file already under the final name is left as it was, and the error is
//! returned. A rename replaces a symbolic link at the final name instead of writing through it, so a
//! link planted in an output folder cannot redirect a report elsewhere. `tempfile` creates the
//! temporary file with an unpredictable name and `O_EXCL`, so no link can be planted there either.

use crate::interrupt;
use anyhow::{bail, Context};
use std::io::Write;
use std::path::Path;

/// Streams `write` into `path` through a temporary file (see the module docs); creates the folder.
pub fn write_atomically(path: &Path, write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if path.file_name().is_none() {
        bail!("{} does not name a file", path.display());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let (temp, registration) = interrupt::create_registered(|| temp_file_builder().tempfile_in(dir), |t| t.path())
        .with_context(|| {
            format!("cannot write {}: cannot create a temporary file in {}", path.display(), dir.display())
        })?;
    let written = (|| -> anyhow::Result<()> {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, temp.as_file());
        write(&mut out)?;
        out.flush()?;
        drop(out);
        temp.as_file().sync_all()?;
        Ok(())
    })();
    // On error `temp` is dropped here, which removes the temporary file.
    written.with_context(|| format!("cannot write {}", path.display()))?;
    registration
        .complete(|| temp.persist(path).map(drop).map_err(|e| e.error))
        .with_context(|| format!("cannot write {}: cannot rename the complete temporary file", path.display()))?;
    sync_dir(dir);
    Ok(())
}

/// Writes the file a user named (`argus collect --output`): `-` is standard output, and an existing
/// path that is not a regular file (a device such as /dev/null, a named pipe, `/dev/stdout` on a
/// terminal or pipe) is written directly, since there is no folder to rename in; errors, including the
/// final flush, are returned either way. A symbolic link the user named is followed: the file it points
/// to is replaced atomically and the link kept. Anything else is written atomically.
pub fn write_named(path: &Path, write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>) -> anyhow::Result<()> {
    if path.as_os_str() == "-" {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
        return write(&mut out).and_then(|()| Ok(out.flush()?)).context("cannot write to standard output");
    }
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => bail!("cannot write {}: it is a directory", path.display()),
        Ok(m) if !m.is_file() => {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
            write(&mut out).and_then(|()| Ok(out.flush()?)).with_context(|| format!("cannot write {}", path.display()))
        }
        Ok(_) if is_link => {
            let target = std::fs::canonicalize(path).with_context(|| format!("cannot resolve {}", path.display()))?;
            write_atomically(&target, write)
        }
        Err(_) if is_link => bail!("cannot write {}: it is a symbolic link to a missing file", path.display()),
        _ => write_atomically(path, write),
    }
}

fn temp_file_builder() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".argus-").suffix(".tmp");
    // The mode `File::create` would give (0666 less the umask), not tempfile's private 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder
}

/// Makes the rename itself durable. Best effort: some file systems refuse to sync a folder, and the
/// file's own content is already synced.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            std::fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    #[test]
    fn a_failed_write_leaves_nothing_and_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        write_atomically(&path, |w| Ok(w.write_all(b"old")?)).unwrap();
        let err = write_atomically(&path, |w| {
            w.write_all(b"partial")?;
            bail!("renderer failed")
        })
        .unwrap_err();
        assert!(format!("{err:#}").contains("renderer failed"), "{err:#}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(names(dir.path()), ["r.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_the_final_name_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        std::fs::write(&outside, "keep").unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::os::unix::fs::symlink(&outside, out.join("r.json")).unwrap();
        write_atomically(&out.join("r.json"), |w| Ok(w.write_all(b"report")?)).unwrap();
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep");
        assert!(std::fs::symlink_metadata(out.join("r.json")).unwrap().file_type().is_file());
        assert_eq!(std::fs::read_to_string(out.join("r.json")).unwrap(), "report");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_device_is_written_directly_and_its_errors_are_returned() {
        write_named(Path::new("/dev/null"), |w| Ok(w.write_all(b"x")?)).unwrap();
        assert!(std::os::unix::fs::FileTypeExt::is_char_device(&std::fs::metadata("/dev/null").unwrap().file_type()));
        if Path::new("/dev/full").exists() {
            let err = write_named(Path::new("/dev/full"), |w| Ok(w.write_all(b"x")?)).unwrap_err();
            assert!(format!("{err:#}").contains("/dev/full"), "{err:#}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_named_link_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.json");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("latest.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_named(&link, |w| Ok(w.write_all(b"new")?)).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(names(dir.path()), ["latest.json", "target.json"]);
    }
}
