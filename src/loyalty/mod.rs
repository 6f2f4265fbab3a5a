//! Loyalty: points, member tiers, vouchers, store credit and what customers owe. Every balance
//! is the sum of its ledger (`point_entry`, `credit_entry`, `debt_entry`, `voucher_use`); a sale
//! is settled by `sale`, which takes the tier discount, a voucher, points and credit off the
//! goods total, in that order, and leaves the rest paid or owing. Above `sales` in the layers:
//! it wraps the purchase's own write; nothing under it imports this folder.

pub mod credit;
pub mod debt;
pub mod nightly;
pub mod points;
pub mod sale;
pub mod summary;
pub mod tier;
pub mod voucher;

// loypoints: the owner's points rules, the ledgers' shared checks, the tender's reckoning, tier
// edits and the card's history.
pub mod history;
pub mod ledger;
pub mod rules;
pub mod settle;
pub mod tier_edit;
// loyreport: the owner's figures.
pub mod report;
mod report_debt;
// Vouchers and what customers owe (issue 17, "loyvouch").
pub mod debt_account;
pub mod debt_list;
pub mod debt_settings;
pub mod voucher_create;
pub mod voucher_list;
pub mod voucher_settings;
