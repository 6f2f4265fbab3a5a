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
