//! What one running app keeps between calls beside the database: where its files go, the
//! dashboards it computed, and the file staged for import.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use crate::io::import::Source;
use crate::report::kpi::DashboardCache;

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
}

impl Counter {
    pub fn new(data_dir: PathBuf) -> Counter {
        Counter { data_dir, dashboards: DashboardCache::default(), staged: Mutex::new(None) }
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

    pub(super) fn staged(&self) -> MutexGuard<'_, Option<Staged>> {
        self.staged.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The counter locks or another account signs in: a staged file (customers' personal data
    /// from another system) does not outlive the session that chose it.
    pub fn session_ended(&self) {
        *self.staged() = None;
    }
}
