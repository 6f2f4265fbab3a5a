//! Several counters and stores, one customer base: what a site records of its own writes and
//! how it folds in everyone else's. The hub (PostgreSQL) only carries these records; every
//! merge decision is taken here, the same way on every site.

pub mod change;
pub mod ddl;
pub mod hlc;
pub mod local;
pub mod spec;
pub mod sql;
