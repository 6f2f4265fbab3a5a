//! Getting data in and out of the shop's database: verified backups and restores, and the
//! integrity check.

pub mod backup;
pub mod csv_cell;
pub mod export;
pub mod import;
pub mod sheet;
