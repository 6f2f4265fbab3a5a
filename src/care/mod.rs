//! Proactive care: the lunar calendar, care rules, reminders, message templates and the
//! scheduling decisions the shell's notifier follows.

pub mod lunar;
