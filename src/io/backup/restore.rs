//! Restores: the owner's alone, of a file verified as a sound, unaltered Khách Quen database
//! (decrypted first when it is encrypted), into the live file once everything about it checked
//! out. Each attempt is one line of `restore-log.txt` beside the database (opened for appending
//! only, so it outlives whatever the restored file holds), and a restore leaves the row
//! `restore` in the restored data.
//!
//! What a restore does, in order; nothing touches the live file before the last step:
//! 1. the file is copied (or decrypted) beside the database and verified there;
//! 2. staff and roles in it are judged (below);
//! 3. the live database is copied to `before-restore-….db` (rotated like backups);
//! 4. the copy is brought up to date by the migrations, keeps this machine's backup settings,
//!    gets its audit row, and every erasure of the register is carried out again;
//! 5. it replaces the live data, page by page (SQLite's online backup, so a power cut leaves
//!    the old data or the new, never a mix).
//!
//! Staff and roles in a restored file. A file can be doctored by whoever holds it (a USB stick
//! passes through many hands), and what it says about staff cannot all be judged. We chose:
//! - **roles may hold only what an owner can grant**: a `role_permission` row with a permission
//!   that is not grantable (managing staff) or unknown is refused (`backup_roles_forged`);
//! - **the restoring owner keeps the owner's rights**: if the file has an account with the
//!   restoring owner's id or name, it must be an active owner there, or the file is refused
//!   (`backup_demotes_you`); a file that demoted, disabled or renamed-over the owner would
//!   otherwise lock out the one person allowed to undo the restore;
//! - **a file without any active owner** (a backup from before accounts, or one stripped of
//!   them) gets the restoring owner's account (same id, name and PIN), so the first-run screen
//!   cannot hand the shop to whoever reaches the counter first;
//! - a file with owners but not this account (another computer's, a shop moving to a new
//!   machine) is restored, and the session ends: one of its owners signs in.
//!
//! The session goes on after a restore only when the restored data holds the same account (id
//! and name) as an active owner. What cannot be judged (a doctored file that removed the owner
//! and added another) is left to the log, the audit row and the safety copy, which the
//! command line can restore.
//!
//! The backup settings of this machine (folder, passphrase keys, how long exports are kept) are
//! kept as they are: a file must not send the next backups to someone else's folder or key.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};

use super::{copy, crypt, file_name, rotate, verify, OWNER_ONLY, PLAIN, SAFETY_PREFIX};
use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::staff::{Actor, Permission, Role};

pub const RESTORE_LOG: &str = "restore-log.txt";

/// What a restore did.
#[derive(Debug, Clone)]
pub struct Restored {
    /// The replaced data, unless there was none.
    pub safety: Option<PathBuf>,
    /// Customers of the erasure register erased again.
    pub reapplied: usize,
    /// The restoring account as the restored data holds it, still an active owner: the
    /// session goes on with it. `None` ends the session.
    pub actor: Option<Actor>,
}

/// Replaces the database at `db_path` with `backup` (see the module's notes); `passphrase` is
/// needed for an encrypted file. The safety copy goes to `safety_dir`.
pub fn restore(
    db_path: &Path,
    backup: &Path,
    safety_dir: &Path,
    passphrase: Option<&str>,
    by: &Actor,
    now: DateTime<Utc>,
) -> Result<Restored> {
    let data_dir = db_path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(data_dir)?;
    // Opened first: no restore without its line.
    let mut log =
        std::fs::OpenOptions::new().append(true).create(true).open(data_dir.join(RESTORE_LOG))?;
    let result = run(db_path, data_dir, backup, safety_dir, passphrase, by, now);
    let outcome = match &result {
        Ok(r) => format!(
            "ok; safety copy {}; {} erasure(s) re-applied",
            r.safety.as_deref().map_or("-".into(), |p| p.display().to_string()),
            r.reapplied
        ),
        Err(
            e @ (Error::Forbidden(_)
            | Error::NotABackup(_)
            | Error::Backup { .. }
            | Error::SchemaTooNew { .. }),
        ) => format!("refused: {}", e.code()),
        Err(e) => format!("failed: {}: {e}", e.code()),
    };
    let line =
        [stamp(now), format!("{} (#{})", by.name, by.id), backup.display().to_string(), outcome]
            .map(|field| field.replace(|c: char| c.is_control(), " "))
            .join("\t");
    // The data is already in place when this fails (the file was opened above): reported by
    // nothing rather than as a failed restore.
    let _ = writeln!(log, "{line}").and_then(|_| log.sync_all());
    result
}

fn run(
    db_path: &Path,
    data_dir: &Path,
    backup: &Path,
    safety_dir: &Path,
    passphrase: Option<&str>,
    by: &Actor,
    now: DateTime<Utc>,
) -> Result<Restored> {
    if by.role != Role::Owner {
        return Err(Error::Forbidden(OWNER_ONLY));
    }
    let file_name_of = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    let staging = Staging(data_dir.join(format!(
        "{}.restoring",
        file_name_of(db_path).unwrap_or_else(|| "khachquen.db".into())
    )));
    staging.clear();
    let encrypted = stage(backup, passphrase, &staging.0)?;
    verify(&staging.0)?;
    let live = Live::read(db_path, by);
    let mut db = Db::open(&staging.0)?;
    // The copy is thrown away if anything stops the restore before its last step: no need to
    // wait for the disk at each of its writes (the erasures carried out again, above all).
    db.conn().execute_batch("PRAGMA synchronous = OFF")?;
    let carry_owner = judge_staff(db.conn(), by)? && live.owner.is_some();

    let safety = keep_safety_copy(db_path, safety_dir, now)?;

    db.write(|tx| {
        for key in super::machine_settings() {
            tx.execute("DELETE FROM setting WHERE key = ?1", [key])?;
        }
        for (key, value) in &live.settings {
            tx.execute("INSERT INTO setting(key, value) VALUES (?1, ?2)", params![key, value])?;
        }
        if let (true, Some(o)) = (carry_owner, &live.owner) {
            tx.execute(
                "INSERT INTO staff(id, name, folded_name, role, pin_hash, active, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'owner', ?4, 1, ?5, ?5)",
                params![by.id, by.name, crate::text::fold(&by.name), o.pin_hash, stamp(now)],
            )?;
        }
        crate::audit::record(
            tx,
            now,
            &by.name,
            "restore",
            "backup",
            0,
            serde_json::json!({
                "file": backup.display().to_string(),
                "encrypted": encrypted,
                "safety": safety.as_ref().map(|p| p.display().to_string()),
                "owner_added": carry_owner,
            }),
        )
    })?;
    let reapplied = crate::privacy::reapply_erasures(&mut db, now)?;

    let target = copy_into(&db, db_path)?;
    let actor = crate::staff::reload(&target, by)?.filter(|a| a.role == Role::Owner);
    Ok(Restored { safety, reapplied, actor })
}

/// Puts the backup at `staging`, decrypted when it is sealed; true when it was.
fn stage(backup: &Path, passphrase: Option<&str>, staging: &Path) -> Result<bool> {
    let encrypted = crypt::is_sealed(backup);
    if encrypted {
        let passphrase = passphrase
            .filter(|p| !p.is_empty())
            .ok_or_else(|| Error::backup("passphrase_required", ""))?;
        crypt::open(backup, passphrase, staging)?;
    } else {
        std::fs::copy(backup, staging).map_err(|e| Error::NotABackup(e.to_string()))?;
    }
    Ok(encrypted)
}

/// Copies the database about to be replaced into the backups folder (none when there is no
/// database yet), under a name no other copy has.
fn keep_safety_copy(
    db_path: &Path,
    safety_dir: &Path,
    now: DateTime<Utc>,
) -> Result<Option<PathBuf>> {
    Ok(if db_path.exists() && std::fs::metadata(db_path)?.len() > 0 {
        std::fs::create_dir_all(safety_dir)?;
        let mut safety = safety_dir.join(file_name(SAFETY_PREFIX, now, PLAIN));
        let mut n = 1;
        while safety.exists() {
            n += 1;
            safety = safety_dir.join(file_name(
                SAFETY_PREFIX,
                now + chrono::Duration::seconds(n),
                PLAIN,
            ));
        }
        let current = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        current.busy_timeout(std::time::Duration::from_secs(5))?;
        copy(&current, &safety, true)?;
        rotate(safety_dir)?;
        Some(safety)
    } else {
        None
    })
}

/// Copies the prepared database over the live one, page by page.
fn copy_into(db: &Db, db_path: &Path) -> Result<Connection> {
    let mut target = Connection::open(db_path)?;
    target.busy_timeout(std::time::Duration::from_secs(5))?;
    // In WAL mode NORMAL still never corrupts: a power cut during the copy can only leave the
    // data as it was before the restore.
    target.execute_batch("PRAGMA synchronous = NORMAL")?;
    let pages = |c: &Connection| c.query_row("PRAGMA page_count", [], |r| r.get::<_, i64>(0));
    let size = |c: &Connection| c.query_row("PRAGMA page_size", [], |r| r.get::<_, i64>(0));
    let live_size = size(&target)?;
    if pages(&target)? > 0 && live_size != size(db.conn())? {
        // SQLite copies no page into a WAL database of another page size (a backup from a
        // file made elsewhere, with other settings): the staged copy is rewritten at the live
        // file's size first.
        db.conn().execute_batch(&format!(
            "PRAGMA journal_mode = DELETE; PRAGMA page_size = {live_size}; VACUUM;"
        ))?;
    }
    {
        let b = rusqlite::backup::Backup::new(db.conn(), &mut target)?;
        b.run_to_completion(1024, std::time::Duration::ZERO, None)?;
    }
    // The pages are the verified copy's, written by SQLite itself: checking them again would
    // cost seconds per million customers. That they all arrived is checked.
    if pages(&target)? != pages(db.conn())? {
        return Err(Error::NotABackup("after restore: pages missing".into()));
    }
    Ok(target)
}

/// Judges the staff and roles of the file (see the module's notes); true when it has no active
/// owner and the restoring one is to be added.
fn judge_staff(conn: &Connection, by: &Actor) -> Result<bool> {
    let mut stmt = conn.prepare("SELECT role, permission FROM role_permission ORDER BY 1, 2")?;
    let grants: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    for (role, code) in grants {
        if !Permission::parse(&code).is_some_and(|p| Permission::GRANTABLE.contains(&p)) {
            return Err(Error::backup("backup_roles_forged", format!("{role}: {code}")));
        }
    }
    let mut stmt =
        conn.prepare("SELECT role, active FROM staff WHERE id = ?1 OR folded_name = ?2")?;
    let same: Vec<(String, bool)> = stmt
        .query_map(params![by.id, crate::text::fold(&by.name)], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if same.iter().any(|(role, active)| role != Role::Owner.code() || !active) {
        return Err(Error::backup("backup_demotes_you", ""));
    }
    let owners: i64 = conn.query_row(
        "SELECT count(*) FROM staff WHERE role = 'owner' AND active = 1",
        [],
        |r| r.get(0),
    )?;
    Ok(owners == 0)
}

/// What the restore keeps from the live database: this machine's backup settings and the
/// restoring owner's account.
struct Live {
    settings: Vec<(String, String)>,
    owner: Option<Owner>,
}

struct Owner {
    pin_hash: String,
}

impl Live {
    /// Read leniently: a live file that cannot be read has nothing to keep (the safety copy
    /// will say whether it can be copied at all).
    fn read(db_path: &Path, by: &Actor) -> Live {
        let conn = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok();
        let settings = conn
            .as_ref()
            .and_then(|c| {
                let mut stmt = c.prepare("SELECT key, value FROM setting").ok()?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).ok()?;
                Some(rows.filter_map(|r| r.ok()).collect::<Vec<(String, String)>>())
            })
            .unwrap_or_default()
            .into_iter()
            .filter(|(k, _)| super::machine_settings().contains(&k.as_str()))
            .collect();
        let owner = conn.as_ref().and_then(|c| {
            c.query_row(
                "SELECT pin_hash FROM staff
                 WHERE id = ?1 AND name = ?2 AND role = 'owner' AND active = 1",
                params![by.id, by.name],
                |r| Ok(Owner { pin_hash: r.get(0)? }),
            )
            .optional()
            .ok()
            .flatten()
        });
        Live { settings, owner }
    }
}

/// The copy of the file being restored, beside the database; removed with its journal files
/// whatever happens.
struct Staging(PathBuf);

impl Staging {
    fn clear(&self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = self.0.clone().into_os_string();
            name.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(name));
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        self.clear();
    }
}
