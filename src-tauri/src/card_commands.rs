//! Tauri commands of the customer card's top (briefing, timeline, alerts read, the customer's
//! language, the contact message): one expression each, delivering the core's desk.

use khachquen::card::{Briefing, ContactChoice, ContactPick, TimelinePage, TimelineQuery};
use khachquen::outreach::reminder::{OutcomeDraft, OutcomeResult};
use khachquen::outreach::template::{Locale, PreparedMessage};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

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

// Contact from the card (issue 18 follow-up): templates offered, the outcome written only when
// recorded, and the link opened as a reminder's is.

#[tauri::command(async)]
pub fn card_contact_choices(state: State<AppState>, id: i64) -> Reply<Vec<ContactChoice>> {
    state.desk(|d| d.card_contact_choices(id))
}

#[tauri::command(async)]
pub fn record_card_contact(
    state: State<AppState>,
    id: i64,
    pick: ContactPick,
    draft: OutcomeDraft,
) -> Reply<OutcomeResult> {
    state.desk_wake(|d| d.record_card_contact(id, &pick, &draft))
}

/// Opens Zalo or dials for a template from the card; the core builds the URL, as for
/// `open_contact`.
#[tauri::command(async)]
pub fn open_card_contact<R: Runtime>(
    app: AppHandle<R>,
    state: State<AppState>,
    id: i64,
    pick: ContactPick,
    via: String,
) -> Reply<()> {
    let link = state.desk(|d| d.card_contact_link(id, &pick, &via))?;
    app.opener().open_url(link.0, None::<&str>).map_err(|e| khachquen::error::ErrorPayload {
        code: "open_failed".into(),
        message: e.to_string(),
        fields: vec![],
        duplicates: vec![],
        serial_conflicts: vec![],
        detail: None,
    })
}
