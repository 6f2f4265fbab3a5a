//! Dates and hours every domain counts in: the lunar calendar, the shop's opening hours, its
//! holidays and the days closed for Tết. At the bottom of the core: care and feedback both use
//! it, and it uses neither.

pub mod lunar;
mod opening;

pub use opening::{
    parse_time, shop, validate, Calendar, DayHours, OpeningHours, MAX_HOLIDAYS, SETTINGS_KEY,
};
