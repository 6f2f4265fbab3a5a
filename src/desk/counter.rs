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

pub struct Counter {
    data_dir: PathBuf,
    pub(super) dashboards: DashboardCache,
    staged: Mutex<Option<Staged>>,
    /// The account as last read from the database, and the database's change version then:
    /// while nothing was written, reading it again would give the same.
    account: Mutex<Option<((i64, u64), Actor)>>,
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
        let version = crate::db::change_version(db.conn())?;
        let mut known = self.account.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((v, a)) = known.as_ref() {
            let same = a.id == signed_in.id
                && a.name == signed_in.name
                && a.must_change_pin == signed_in.must_change_pin;
            if *v == version && same {
                return Ok(Some(a.clone()));
            }
        }
        let fresh = crate::staff::reload(db.conn(), signed_in)?;
        *known = fresh.clone().map(|a| (version, a));
        Ok(fresh)
    }

    pub(super) fn staged(&self) -> MutexGuard<'_, Option<Staged>> {
        self.staged.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The counter locks or another account signs in: a staged file (customers' personal data
    /// from another system) does not outlive the session that chose it.
    pub fn session_ended(&self) {
        *self.staged() = None;
    }
}
