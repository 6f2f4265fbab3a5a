#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation in a test is the report
//! The core's integration tests: one binary, an in-memory database per test, a fixed clock.

mod approval;
mod backup;
mod bindings;
mod boundary;
mod card;
mod card_contact;
mod care;
mod care_flow;
mod claims;
mod codes;
mod crash;
mod customers;
mod demo;
mod demo_scene;
mod desk;
mod docs;
mod erasure;
mod export;
mod export_tables;
mod feedback;
mod import;
mod kpi;
mod layers;
mod limits;
mod live;
mod loans;
mod lunar;
mod lunar_birthday;
mod lunar_reference;
mod merge;
mod migrations;
mod preferences;
mod privacy;
mod properties;
mod restore;
mod returns;
mod sales;
mod sales_support;
mod search;
mod shop_support;
mod sizes;
mod staff;
mod support;
mod text;
mod warranty;

// Issue 18: duplicate finder and merge.
mod duplicates;
mod merge_choices;

// Issue 16: what Windows does differently, on every OS.
mod windows;

// Issue 16, part 3: reminders in the background (tray badge, close to tray, autostart).
mod desktop;
mod tray_badge;

// Issue 15: the chain's PostgreSQL hub, on a real server the tests start (not under Wine).
#[cfg(unix)]
mod hub_claims;
#[cfg(unix)]
mod hub_guard;
#[cfg(unix)]
mod hub_pull;
#[cfg(unix)]
mod hub_push;
#[cfg(unix)]
mod hub_redact;
#[cfg(unix)]
mod hub_schema;
#[cfg(unix)]
mod hub_sites;
#[cfg(unix)]
mod hub_support;
#[cfg(unix)]
mod hub_tls;
#[cfg(unix)]
mod pg_server;
// Issue 16: upgrades keep the data.
mod upgrade;
// Issue 15: multi-site sync, the site side.
mod sync_apply;
mod sync_capture;
mod sync_codes;
mod sync_converge;
mod sync_hlc;
mod sync_record_clocks;
mod sync_spec;
mod sync_stores;
mod sync_support;
// Issue 15: who does what in a chain (home store, staff stores, chain-wide rules).
mod sync_roles;
// Issue 15: stores joined to one hub and synced through the CLI.
#[cfg(unix)]
mod chain_faults;
// Issue 15, who does what in a chain: a store restored from an old backup.
#[cfg(unix)]
mod chain_home;
// Issue 15: how many changes a pull applies a transaction.
#[cfg(unix)]
mod chain_pace;
// Issue 15: one record merged into two apart, then erased, on a real hub.
#[cfg(unix)]
mod chain_merge_erase;
#[cfg(unix)]
mod chain_support;
#[cfg(unix)]
mod chain_sync;
// Issue 15, the app: the store's status, the background sync's record, joining from the desk.
#[cfg(unix)]
mod chain_status;

// Issue 17 (loypoints): points, store credit, tiers, the sale's tender.
mod loyalty_points;
mod loyalty_sale;
mod loyalty_support;
mod loyalty_tiers;
// Issue 17, loyreport: imported balances, the loyalty report, ledgers between stores.
mod loyalty_import;
mod loyalty_report;
mod sync_loyalty;

// Issue 17 ("loyvouch"): vouchers and what customers owe.
mod loyalty_debts;
mod loyalty_vouchers;

// Issue 15: claims event-sourced across stores.
mod sync_claims;

// Issue 15, Tests: twenty stores on a real hub, apart, killed and skewed, converge.
#[cfg(unix)]
mod chain_converge;
#[cfg(unix)]
mod chain_converge_check;
mod chain_converge_merges;
#[cfg(unix)]
mod chain_converge_ops;
mod chain_converge_support;

// Issue 15, the chain at scale: care after a large pull.
mod chain_replan;
