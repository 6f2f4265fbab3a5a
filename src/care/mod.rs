//! Proactive care: the lunar calendar, care rules, reminders, message templates and the
//! scheduling decisions the shell's notifier follows.

pub mod lunar;
pub mod plan;
pub mod profile;
pub mod reminder;
pub mod rule;
pub mod schedule;
pub mod settings;
pub mod template;

use serde::Serialize;
use ts_rs::TS;

/// The care section of a customer card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CustomerCare {
    pub profile: profile::CareProfile,
    pub reminders: Vec<reminder::ReminderView>,
    pub interactions: Vec<reminder::InteractionView>,
}

pub fn customer_care(conn: &rusqlite::Connection, id: i64) -> crate::Result<CustomerCare> {
    Ok(CustomerCare {
        profile: profile::get(conn, id)?,
        reminders: reminder::for_customer(conn, id)?,
        interactions: reminder::interactions(conn, id, 20)?,
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
