//! What one running app keeps between calls beside the database: where its files go, the
//! dashboards it computed, and the file staged for import.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use crate::db::Db;
use crate::error::Result;
use crate::io::import::Source;
use crate::report::kpi::DashboardCache;
use crate::staff::Actor;

/// A file chosen for import, kept while its columns are mapped and its dry run read, for the
/// account that chose it only.
pub struct Staged {
    pub staff_id: i64,
    pub name: String,
    pub source: Source,
}

struct Known {
    version: (i64, u64),
    confirmed: std::time::Instant,
    actor: Actor,
}

/// How long a write by another process (the command line) may go unseen: this connection's own
/// writes are seen at once, through its change count, without asking SQLite.
const OTHERS_SEEN_WITHIN: std::time::Duration = std::time::Duration::from_secs(1);

pub struct Counter {
    data_dir: PathBuf,
    pub(super) dashboards: DashboardCache,
    staged: Mutex<Option<Staged>>,
    /// The account as last read from the database, the database's change version then, and
    /// when that version was last confirmed: while nothing was written, reading it again would
    /// give the same.
    account: Mutex<Option<Known>>,
}

impl Counter {
    pub fn new(data_dir: PathBuf) -> Counter {
        Counter {
            data_dir,
            dashboards: DashboardCache::default(),
            staged: Mutex::new(None),
            account: Mutex::new(None),
        }
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Where exports go: the data folder's `exports`.
    pub fn export_dir(&self) -> PathBuf {
        self.data_dir.join("exports")
    }

    /// Figures computed before a write that changed the past (an import, an erasure, a
    /// restore) are dropped.
    pub fn forget_figures(&self) {
        self.dashboards.clear();
    }

    /// The account `signed_in` as the database holds it, read again only when something was
    /// written since the last read; `None` when it is gone or disabled.
    pub(super) fn account(&self, db: &Db, signed_in: &Actor) -> Result<Option<Actor>> {
        let mut known = self.account.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let ours = db.conn().total_changes();
        if let Some(k) = known.as_mut().filter(|k| same_account(&k.actor, signed_in)) {
            if k.version.1 == ours && k.confirmed.elapsed() < OTHERS_SEEN_WITHIN {
                return Ok(Some(k.actor.clone()));
            }
            if k.version == crate::db::change_version(db.conn())? {
                k.confirmed = std::time::Instant::now();
                return Ok(Some(k.actor.clone()));
            }
        }
        let version = crate::db::change_version(db.conn())?;
        let fresh = crate::staff::reload(db.conn(), signed_in)?;
        *known = fresh.clone().map(|actor| Known {
            version,
            confirmed: std::time::Instant::now(),
            actor,
        });
        Ok(fresh)
    }

    pub(super) fn staged(&self) -> MutexGuard<'_, Option<Staged>> {
        self.staged.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The counter locks or another account signs in: a staged file (customers' personal data
    /// from another system) does not outlive the session that chose it.
    pub fn session_ended(&self) {
        *self.staged() = None;
        // The next account (or the same one on a restored file) is read afresh.
        *self.account.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
    }
}

fn same_account(a: &Actor, signed_in: &Actor) -> bool {
    a.id == signed_in.id
        && crate::staff::still_named(&signed_in.name, &a.name, a.key.as_deref())
        && a.must_change_pin == signed_in.must_change_pin
}
