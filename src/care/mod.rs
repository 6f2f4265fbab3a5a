//! Proactive care: the rules (what is due when, for whom), the settings, and the planner that
//! turns sales, claims, complaints, promises and birthdays into reminders. It reads the other
//! domains' tables through SQL only, so every domain can ask it to re-plan after a write
//! without a circle of imports; working the reminders is `outreach`.

pub mod home;
pub mod plan;
pub mod rule;
pub mod settings;
