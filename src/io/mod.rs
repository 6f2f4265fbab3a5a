//! Getting data in and out of the shop's database: verified backups and restores, the
//! integrity check, and how long exported files are kept.

pub mod backup;
pub mod csv_cell;
pub mod export;
pub mod import;
pub mod retention;
pub mod sheet;
mod tables;
