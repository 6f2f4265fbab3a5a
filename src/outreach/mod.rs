//! Reaching out: the Today queue and its outcomes, messages prepared from templates, the
//! customer card's care section, and what the shell's notifier shows and when.

pub mod reminder;
pub mod schedule;
pub mod template;

// Issue 16: reminders in the background (the tray, its badge, starting with the computer).
pub mod badge;
pub mod desktop;

use serde::Serialize;
use ts_rs::TS;

/// The care section of a customer card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CustomerCare {
    pub profile: crate::customer::care_profile::CareProfile,
    pub reminders: Vec<reminder::ReminderView>,
    pub interactions: Vec<reminder::InteractionView>,
    pub promises: Vec<crate::feedback::promise::PromiseView>,
    pub complaints: Vec<crate::feedback::complaint::ComplaintView>,
    pub scores: Vec<crate::feedback::score::FeedbackView>,
}

pub fn customer_care(
    conn: &rusqlite::Connection,
    id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> crate::Result<CustomerCare> {
    use crate::feedback::{complaint, promise, score};
    let filter = complaint::ComplaintFilter { customer_id: Some(id), ..Default::default() };
    Ok(CustomerCare {
        profile: crate::customer::care_profile::get(conn, id)?,
        reminders: reminder::for_customer(conn, id)?,
        interactions: reminder::interactions(conn, id, 30)?,
        promises: promise::for_customer(conn, id, now)?,
        complaints: complaint::list(conn, &filter, now)?,
        scores: score::for_customer(conn, id)?,
    })
}

/// The template editor's data: every template and the placeholders it may use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Templates {
    pub templates: Vec<template::Template>,
    pub placeholders: Vec<String>,
}

pub fn templates(conn: &rusqlite::Connection) -> crate::Result<Templates> {
    Ok(Templates {
        templates: template::all(conn)?,
        placeholders: template::PLACEHOLDERS.iter().map(|p| (*p).to_owned()).collect(),
    })
}
