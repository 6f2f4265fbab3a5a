//! Khách Quen core: everything that decides — customers, search, storage — with no GUI code.
//!
//! This crate never depends on tauri, wry or gtk (a test runs `cargo tree` to prove it): the
//! desktop shell in `src-tauri/` only delivers what these functions return.

pub mod audit;
pub mod bindings;
pub mod calendar;
pub mod card;
pub mod care;
pub mod chain;
pub mod clock;
pub mod customer;
pub mod db;
pub mod demo;
pub mod desk;
pub mod error;
pub mod feedback;
pub mod hub;
pub mod io;
pub mod loyalty;
pub mod outreach;
pub mod paths;
pub mod privacy;
pub mod report;
pub mod sales;
pub mod staff;
pub mod store;
pub mod sync;
pub mod text;

pub use db::Db;
pub use error::{Error, Result};
