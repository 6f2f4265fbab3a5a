//! The open database behind a mutex, or the reason it could not be opened (shown by the UI
//! instead of crashing: a database from a newer version, an unreadable file).

use std::path::PathBuf;
use std::sync::Mutex;

use khachquen::clock::{Clock, SystemClock};
use khachquen::desk::{Counter, Desk};
use khachquen::error::ErrorPayload;
use khachquen::staff::{Actor, MaskPhones, Permission, Session};
use khachquen::Db;
use tauri::{AppHandle, Manager, Runtime};

pub struct AppState {
    pub data_dir: PathBuf,
    pub db_path: PathBuf,
    db: Result<Mutex<Db>, ErrorPayload>,
    /// Wakes the care notifier after a write that may change what is due.
    pub wake: crate::notifier::Wake,
    /// The core's state between calls: dashboards computed, the file staged for import.
    pub counter: Counter,
    /// Who is signed in at this counter.
    pub session: Mutex<Session>,
}

impl AppState {
    pub fn open<R: Runtime>(app: &AppHandle<R>) -> AppState {
        let data_dir = khachquen::paths::data_dir()
            .filter(|_| std::env::var_os("KHACHQUEN_DATA_DIR").is_some())
            .or_else(|| app.path().app_data_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        let db_path = data_dir.join(khachquen::paths::DB_FILE);
        let db = khachquen::desk::open(&db_path, SystemClock.now())
            .map(Mutex::new)
            .map_err(ErrorPayload::from);
        if let Err(e) = &db {
            eprintln!("Khách Quen: cannot open {}: {}", db_path.display(), e.message);
        }
        AppState {
            data_dir: data_dir.clone(),
            db_path,
            db,
            wake: Default::default(),
            counter: Counter::new(data_dir.clone()),
            session: Default::default(),
        }
    }

    /// Runs `f` with the database; the lock is held only for the call.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Db) -> khachquen::Result<T>,
    ) -> Result<T, ErrorPayload> {
        let mutex = self.db.as_ref().map_err(Clone::clone)?;
        // A panic while holding the lock cannot leave a half-written transaction (SQLite rolls it
        // back), so the connection is still sound: recover it rather than fail every later call.
        let mut db = mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut db).map_err(ErrorPayload::from)
    }

    /// The signed-in account (the call counts as activity), holding `need` when one is given.
    pub fn actor(&self, need: Option<Permission>) -> Result<Actor, ErrorPayload> {
        let mut session = self.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let actor = session.actor(SystemClock.now()).map_err(ErrorPayload::from)?;
        if let Some(p) = need {
            actor.require(p).map_err(ErrorPayload::from)?;
        }
        Ok(actor)
    }

    /// Runs `f` at the core's desk for the signed-in account: the core checks what the account
    /// may do, writes the audit rows and masks what it returns.
    pub fn desk<T: MaskPhones>(
        &self,
        f: impl FnOnce(&mut Desk) -> khachquen::Result<T>,
    ) -> Result<T, ErrorPayload> {
        let actor = self.actor(None)?;
        let mutex = self.db.as_ref().map_err(Clone::clone)?;
        let mut db = mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        khachquen::desk::serve(&mut db, &self.counter, &actor, SystemClock.now(), f)
    }

    /// `desk`, then wakes the care notifier: the write (a sale, a claim, a rule) re-planned its
    /// customers' care in its own transaction and something may now be due.
    pub fn desk_wake<T: MaskPhones>(
        &self,
        f: impl FnOnce(&mut Desk) -> khachquen::Result<T>,
    ) -> Result<T, ErrorPayload> {
        let value = self.desk(f)?;
        self.wake.wake();
        Ok(value)
    }

    /// Like `with`, then wakes the care notifier.
    pub fn with_wake<T>(
        &self,
        f: impl FnOnce(&mut Db) -> khachquen::Result<T>,
    ) -> Result<T, ErrorPayload> {
        let value = self.with(f)?;
        self.wake.wake();
        Ok(value)
    }

    /// Backs up into the chosen folder without holding the app's connection: on demand for
    /// `who`, or the app's own (the daily one, one on exit) for `None`. The core checks the
    /// permission and encrypts outside the data folder; the audit row is a short write after.
    pub fn backup(
        &self,
        who: Option<&Actor>,
    ) -> Result<khachquen::io::backup::BackupFile, ErrorPayload> {
        let dir = self.with(|db| khachquen::io::backup::folder(db.conn(), &self.data_dir))?;
        // A connection of its own: the counter is not held up while a large file is copied and
        // checked.
        let now = SystemClock.now();
        let taken = khachquen::io::backup::take(&self.db_path, &dir, who, now)
            .map_err(ErrorPayload::from)?;
        self.with(|db| taken.record(db, now))
    }

    /// The account as the database holds it now (for the work that runs outside the desk).
    fn current(&self) -> Result<Actor, ErrorPayload> {
        self.desk(|d| Ok(d.who().clone()))
    }

    /// A backup for the signed-in account: the copy runs on a connection of its own, outside
    /// the desk (the counter is not held up); the core checks the account and audits it.
    pub fn backup_now(&self) -> Result<khachquen::io::backup::BackupFile, ErrorPayload> {
        self.backup(Some(&self.current()?))
    }

    /// Restores `backup` for the signed-in account; the session goes on only if the restored
    /// data holds this account as it was (the core says). Returns the safety copy's path.
    pub fn restore_backup(
        &self,
        backup: &std::path::Path,
        passphrase: Option<&str>,
    ) -> Result<String, ErrorPayload> {
        let restored = self.restore(backup, passphrase, &self.current()?)?;
        let idle = self.with(|db| khachquen::staff::idle_minutes(db.conn()))?;
        let mut session = self.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        self.counter.session_ended();
        match restored.actor {
            Some(actor) => session.start(actor, idle, SystemClock.now()),
            None => session.end(),
        }
        drop(session);
        self.wake.wake();
        Ok(restored.safety.map(|p| p.display().to_string()).unwrap_or_default())
    }

    /// Removes exports older than the owner's retention (at start, and daily with the backup).
    pub fn clean_exports(&self) -> Result<usize, ErrorPayload> {
        let days = self.with(|db| khachquen::io::retention::days(db.conn()))?;
        khachquen::io::retention::clean(&self.counter.export_dir(), days, SystemClock.now())
            .map_err(ErrorPayload::from)
    }

    /// Replaces the database with a verified backup for `who` (the core decides whether they
    /// may): the connection is closed for the restore and opened again on whatever the file then
    /// holds (migrating an older backup). Safety copies stay in the data folder.
    pub fn restore(
        &self,
        backup: &std::path::Path,
        passphrase: Option<&str>,
        who: &Actor,
    ) -> Result<khachquen::io::backup::Restored, ErrorPayload> {
        let mutex = self.db.as_ref().map_err(Clone::clone)?;
        let mut db = mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let safety_dir = self.data_dir.join("backups");
        let closed = Db::open_in_memory().map_err(ErrorPayload::from)?;
        drop(std::mem::replace(&mut *db, closed));
        let restored = khachquen::io::backup::restore(
            &self.db_path,
            backup,
            &safety_dir,
            passphrase,
            who,
            SystemClock.now(),
        );
        // Reopen whatever happened: the file is either the restored one or untouched.
        *db = Db::open(&self.db_path).map_err(ErrorPayload::from)?;
        self.counter.forget_figures();
        restored.map_err(ErrorPayload::from)
    }

    pub fn open_error(&self) -> Option<ErrorPayload> {
        self.db.as_ref().err().cloned()
    }
}
