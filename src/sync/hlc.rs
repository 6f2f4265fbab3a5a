//! A hybrid logical clock: wall time, a counter, and the site as the tie-break. A site advances
//! its clock past every clock it receives, so an edit made after seeing another is ordered after
//! it even when this site's wall clock is behind.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Hlc {
    /// Milliseconds since the Unix epoch, as far as this clock has seen.
    pub wall_ms: i64,
    pub counter: u32,
    /// The site's chain-wide code: equal times from two sites still order the same everywhere.
    pub site: String,
}

impl Ord for Hlc {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.wall_ms, self.counter, &self.site).cmp(&(other.wall_ms, other.counter, &other.site))
    }
}

impl PartialOrd for Hlc {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Fixed width, so that text order (SQLite, PostgreSQL) is clock order.
impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:015}-{:06}-{}", self.wall_ms, self.counter, self.site)
    }
}

impl Hlc {
    pub fn parse(s: &str) -> Option<Hlc> {
        let (wall, rest) = s.split_once('-')?;
        let (counter, site) = rest.split_once('-')?;
        if wall.len() != 15 || counter.len() != 6 || site.is_empty() {
            return None;
        }
        Some(Hlc { wall_ms: wall.parse().ok()?, counter: counter.parse().ok()?, site: site.into() })
    }
}
