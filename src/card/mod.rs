//! The customer card's top: the one-screen briefing, the one timeline of everything that
//! happened with the customer, alert notes read by staff, and the language her messages are
//! written in. It reads across sales, feedback, outreach and privacy, so it sits above them
//! (only the desk imports it).

mod alert;
mod briefing;
mod contact;
mod language;
mod timeline;

pub use alert::acknowledge;
pub use briefing::{
    briefing, BriefAlert, Briefing, DuePromise, LastVisit, OpenComplaint, OpenRepair,
    WarrantyEnding, WARRANTY_WINDOW_DAYS,
};
pub use contact::{
    choices as contact_choices, message as contact_pick_message, record as record_contact,
    ContactChoice, ContactPick,
};
pub use language::{language, set_language};
pub use timeline::{
    timeline, TimelineCursor, TimelineEvent, TimelineKind, TimelinePage, TimelineQuery,
    TimelineTarget,
};
