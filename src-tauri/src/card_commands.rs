//! Tauri commands of the customer card's top (briefing, timeline, alerts read, the customer's
//! language, the contact message): one expression each, delivering the core's desk.

use khachquen::card::{Briefing, TimelinePage, TimelineQuery};
use khachquen::outreach::template::{Locale, PreparedMessage};
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, khachquen::error::ErrorPayload>;

#[tauri::command(async)]
pub fn customer_briefing(state: State<AppState>, id: i64) -> Reply<Briefing> {
    state.desk(|d| d.briefing(id))
}

#[tauri::command(async)]
pub fn customer_timeline(
    state: State<AppState>,
    id: i64,
    query: TimelineQuery,
) -> Reply<TimelinePage> {
    state.desk(|d| d.timeline(id, &query))
}

#[tauri::command(async)]
pub fn acknowledge_alert(
    state: State<AppState>,
    preference_id: i64,
    version: String,
) -> Reply<Briefing> {
    state.desk(|d| d.acknowledge_alert(preference_id, &version))
}

#[tauri::command(async)]
pub fn set_customer_language(state: State<AppState>, id: i64, locale: Locale) -> Reply<Locale> {
    state.desk(|d| d.set_customer_language(id, locale))
}

/// A reminder's message in its customer's language (the card and Today alike).
#[tauri::command(async)]
pub fn contact_message(state: State<AppState>, id: i64) -> Reply<PreparedMessage> {
    state.desk(|d| d.contact_message(id))
}
