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

/// The counter's width in the text form: past it, the clock moves to the next millisecond.
const MAX_COUNTER: u32 = 999_999;

impl Hlc {
    /// The first clock of site `site`, before it has seen anything.
    pub fn zero(site: &str) -> Hlc {
        Hlc { wall_ms: 0, counter: 0, site: site.into() }
    }

    /// The clock of a new local event: after `last` whatever the wall clock says (a clock set
    /// back keeps counting from what was seen), and at the wall clock when it is ahead.
    pub fn now(wall_ms: i64, last: &Hlc) -> Hlc {
        if wall_ms > last.wall_ms {
            Hlc { wall_ms, counter: 0, site: last.site.clone() }
        } else {
            last.bumped(last.wall_ms, last.counter)
        }
    }

    /// The clock after receiving `remote`: after both it and `last`, so whatever this site does
    /// next orders after what it has seen.
    pub fn receive(remote: &Hlc, wall_ms: i64, last: &Hlc) -> Hlc {
        let wall = wall_ms.max(last.wall_ms).max(remote.wall_ms);
        if wall == wall_ms && wall > last.wall_ms && wall > remote.wall_ms {
            return Hlc { wall_ms: wall, counter: 0, site: last.site.clone() };
        }
        let counter = match (wall == last.wall_ms, wall == remote.wall_ms) {
            (true, true) => last.counter.max(remote.counter),
            (true, false) => last.counter,
            (false, true) => remote.counter,
            (false, false) => 0,
        };
        last.bumped(wall, counter)
    }

    /// `last`'s site at (`wall_ms`, `counter` + 1), carried into the next millisecond when the
    /// counter would outgrow its width.
    fn bumped(&self, wall_ms: i64, counter: u32) -> Hlc {
        if counter >= MAX_COUNTER {
            Hlc { wall_ms: wall_ms + 1, counter: 0, site: self.site.clone() }
        } else {
            Hlc { wall_ms, counter: counter + 1, site: self.site.clone() }
        }
    }
}
