//! Putting a job's files in place together, and keeping two runs apart.
//!
//! A job writes every table and chart under a temporary name beside it and
//! hands it to a [`Staging`]; nothing is renamed until all are written, so a
//! job that fails half-way (a read-only charts folder, a full disk) leaves
//! every file as it was. [`Staging::commit`] first writes a journal listing
//! the renames, then does them, then removes the journal: a job killed among
//! the renames leaves the journal, and the next job in that folder finishes
//! them ([`recover`]) before it reads anything. Either way the set of files is
//! all old or all new.
//!
//! [`OutputLock`] is an advisory lock on an output folder, held for a whole
//! `run`, so that two runs on one store take turns instead of each keeping
//! half of it.

use std::fs::{self, File, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Location};

/// The journal of a commit under way, in the folder it was started for.
const JOURNAL: &str = ".econtrack-commit";

/// The lock file in an output folder.
const LOCK: &str = ".econtrack.lock";

/// Files written under temporary names, waiting to be renamed into place.
/// Dropped without [`Staging::commit`], it removes them.
pub struct Staging {
    journal: PathBuf,
    moves: Vec<(PathBuf, PathBuf)>,
}

impl Staging {
    /// A staging whose journal goes in `dir`, after finishing any commit a
    /// killed job left there.
    pub fn new(dir: &Path) -> Result<Staging, Error> {
        recover(dir)?;
        Ok(Staging { journal: dir.join(JOURNAL), moves: Vec::new() })
    }

    /// Adds `tmp`, complete and synced, to be renamed to `path`.
    pub fn add(&mut self, tmp: PathBuf, path: PathBuf) {
        self.moves.push((tmp, path));
    }

    /// Syncs `tmp`, written by someone else (a chart encoder), then adds it.
    pub fn add_unsynced(&mut self, tmp: PathBuf, path: PathBuf) -> Result<(), Error> {
        let synced = File::options().append(true).open(&tmp).and_then(|f| f.sync_all());
        if let Err(e) = synced {
            let _ = fs::remove_file(&tmp);
            return Err(Error::io(Location::file(&path), e));
        }
        self.add(tmp, path);
        Ok(())
    }

    /// Renames every staged file into place. With more than one, a journal
    /// is written first, so that a crash among the renames is finished by
    /// the next job ([`recover`]).
    pub fn commit(mut self) -> Result<(), Error> {
        let moves = std::mem::take(&mut self.moves);
        if moves.len() > 1 {
            write_journal(&self.journal, &moves)?;
        }
        for (tmp, path) in &moves {
            fs::rename(tmp, path).map_err(|e| Error::io(Location::file(path), e))?;
        }
        if moves.len() > 1 {
            fs::remove_file(&self.journal).map_err(|e| Error::io(Location::file(&self.journal), e))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        for (tmp, _) in &self.moves {
            let _ = fs::remove_file(tmp);
        }
    }
}

/// The journal: one JSON array of `[temporary, final]` absolute paths,
/// itself written to a temporary file and renamed, so it is whole or absent.
fn write_journal(journal: &Path, moves: &[(PathBuf, PathBuf)]) -> Result<(), Error> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let pairs: Vec<[String; 2]> = moves
        .iter()
        .map(|(tmp, path)| [absolute(tmp).to_string_lossy().into_owned(), absolute(path).to_string_lossy().into_owned()])
        .collect();
    let tmp = journal.with_file_name(format!("{JOURNAL}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(&serde_json::to_vec(&pairs).map_err(std::io::Error::other)?)?;
        f.sync_all()?;
        fs::rename(&tmp, journal)
    })();
    written.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Error::io(Location::file(journal), e)
    })
}

/// Finishes a commit that a killed job left in `dir`: every staged file still
/// there is renamed into place, then the journal is removed. Returns how many
/// files were moved.
pub fn recover(dir: &Path) -> Result<usize, Error> {
    let journal = dir.join(JOURNAL);
    let bytes = match fs::read(&journal) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(Error::io(Location::file(&journal), e)),
    };
    let pairs: Vec<[String; 2]> = serde_json::from_slice(&bytes).map_err(|e| {
        Error::parse(Location::file(&journal), format!("unreadable journal of an interrupted run ({e}); remove it to go on"))
    })?;
    let mut moved = 0;
    for [tmp, path] in &pairs {
        if Path::new(tmp).exists() {
            fs::rename(tmp, path).map_err(|e| Error::io(Location::file(path), e))?;
            moved += 1;
        }
    }
    fs::remove_file(&journal).map_err(|e| Error::io(Location::file(&journal), e))?;
    Ok(moved)
}

/// An exclusive lock on an output folder, released when dropped (or when the
/// process dies, so a killed run never leaves a folder locked).
pub struct OutputLock {
    _file: File,
}

impl OutputLock {
    /// Locks `dir` (created when missing). When another job holds it, says so
    /// on stderr through `waiting` and waits for it.
    pub fn acquire(dir: &Path, waiting: impl FnOnce()) -> Result<OutputLock, Error> {
        fs::create_dir_all(dir).map_err(|e| Error::io(Location::file(dir), e))?;
        let path = dir.join(LOCK);
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(Location::file(&path), e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                waiting();
                file.lock().map_err(|e| Error::io(Location::file(&path), e))?;
            }
            Err(TryLockError::Error(e)) => return Err(Error::io(Location::file(&path), e)),
        }
        Ok(OutputLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage(dir: &Path, staging: &mut Staging, name: &str, text: &str) {
        let tmp = dir.join(format!(".{name}.1.tmp"));
        fs::write(&tmp, text).unwrap();
        staging.add(tmp, dir.join(name));
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    #[test]
    fn nothing_moves_until_commit_and_a_dropped_staging_leaves_the_old_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("a.csv"), "old a").unwrap();
        fs::write(d.join("b.csv"), "old b").unwrap();
        let mut staging = Staging::new(d).unwrap();
        stage(d, &mut staging, "a.csv", "new a");
        stage(d, &mut staging, "b.csv", "new b");
        assert_eq!(fs::read_to_string(d.join("a.csv")).unwrap(), "old a");
        drop(staging);
        assert_eq!(names(d), ["a.csv", "b.csv"]);
        assert_eq!(fs::read_to_string(d.join("b.csv")).unwrap(), "old b");

        let mut staging = Staging::new(d).unwrap();
        stage(d, &mut staging, "a.csv", "new a");
        stage(d, &mut staging, "b.csv", "new b");
        staging.commit().unwrap();
        assert_eq!(names(d), ["a.csv", "b.csv"], "no journal or temporary file is left");
        assert_eq!(fs::read_to_string(d.join("b.csv")).unwrap(), "new b");
    }

    /// A job killed among its renames: the journal is there, one file is
    /// renamed and one is not; the next staging in the folder finishes it.
    #[test]
    fn a_journal_left_by_a_killed_job_is_finished_first() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("a.csv"), "new a").unwrap();
        fs::write(d.join("b.csv"), "old b").unwrap();
        fs::write(d.join(".b.csv.1.tmp"), "new b").unwrap();
        let moves = [(d.join(".a.csv.1.tmp"), d.join("a.csv")), (d.join(".b.csv.1.tmp"), d.join("b.csv"))];
        write_journal(&d.join(JOURNAL), &moves).unwrap();
        let _staging = Staging::new(d).unwrap();
        assert_eq!(names(d), ["a.csv", "b.csv"]);
        assert_eq!(fs::read_to_string(d.join("a.csv")).unwrap(), "new a");
        assert_eq!(fs::read_to_string(d.join("b.csv")).unwrap(), "new b");
        assert_eq!(recover(d).unwrap(), 0, "nothing is left to recover");
    }

    #[test]
    fn a_second_lock_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let first = OutputLock::acquire(dir.path(), || panic!("the first lock does not wait")).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let path = dir.path().to_path_buf();
        let second = std::thread::spawn(move || {
            let _lock = OutputLock::acquire(&path, || tx.send("waiting").unwrap()).unwrap();
        });
        assert_eq!(rx.recv().unwrap(), "waiting");
        drop(first);
        second.join().unwrap();
    }
}
