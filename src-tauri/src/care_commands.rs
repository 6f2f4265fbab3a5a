//! Tauri commands of proactive care: one expression each, delivering the core's desk.

use khachquen::care::rule::{CareRule, RuleKind};
use khachquen::care::settings::CareSettings;
use khachquen::customer::care_profile::CareProfile;
use khachquen::outreach::reminder::{
    ManualDraft, OutcomeDraft, OutcomeResult, QueueFilter, ReminderView, TodayQueue,
};
use khachquen::outreach::template::{Locale, PreparedMessage, Preview, Template};
use khachquen::outreach::{schedule, CustomerCare, Templates};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use crate::state::AppState;

type Reply<T> = Result<T, khachquen::error::ErrorPayload>;

#[tauri::command(async)]
pub fn care_today(state: State<AppState>, filter: QueueFilter) -> Reply<TodayQueue> {
    state.desk(|d| d.care_today(&filter))
}

#[tauri::command(async)]
pub fn customer_care(state: State<AppState>, id: i64) -> Reply<CustomerCare> {
    state.desk(|d| d.customer_care(id))
}

#[tauri::command(async)]
pub fn save_care_profile(
    state: State<AppState>,
    id: i64,
    profile: CareProfile,
) -> Reply<CareProfile> {
    state.desk_wake(|d| d.save_care_profile(id, &profile))
}

#[tauri::command(async)]
pub fn create_reminder(state: State<AppState>, draft: ManualDraft) -> Reply<ReminderView> {
    state.desk_wake(|d| d.create_reminder(&draft))
}

#[tauri::command(async)]
pub fn record_outcome(
    state: State<AppState>,
    id: i64,
    draft: OutcomeDraft,
) -> Reply<OutcomeResult> {
    state.desk_wake(|d| d.record_outcome(id, &draft))
}

#[tauri::command(async)]
pub fn dismiss_reminder(state: State<AppState>, id: i64) -> Reply<ReminderView> {
    state.desk_wake(|d| d.dismiss_reminder(id))
}

#[tauri::command(async)]
pub fn prepare_message(state: State<AppState>, id: i64, locale: Locale) -> Reply<PreparedMessage> {
    state.desk(|d| d.prepare_message(id, locale))
}

#[tauri::command(async)]
pub fn care_rules(state: State<AppState>) -> Reply<Vec<CareRule>> {
    state.desk(|d| d.care_rules())
}

#[tauri::command(async)]
pub fn save_care_rule(state: State<AppState>, rule: CareRule) -> Reply<CareRule> {
    state.desk_wake(|d| d.save_care_rule(&rule))
}

#[tauri::command(async)]
pub fn reset_care_rule(state: State<AppState>, kind: RuleKind) -> Reply<CareRule> {
    state.desk_wake(|d| d.reset_care_rule(kind))
}

#[tauri::command(async)]
pub fn message_templates(state: State<AppState>) -> Reply<Templates> {
    state.desk(|d| d.message_templates())
}

#[tauri::command(async)]
pub fn save_template(state: State<AppState>, template: Template) -> Reply<Template> {
    state.desk(|d| d.save_template(&template))
}

#[tauri::command(async)]
pub fn reset_template(state: State<AppState>, kind: RuleKind, locale: Locale) -> Reply<Template> {
    state.desk(|d| d.reset_template(kind, locale))
}

#[tauri::command(async)]
pub fn preview_template(state: State<AppState>, body: String, kind: RuleKind) -> Reply<Preview> {
    state.desk(|d| d.preview_template(&body, kind))
}

#[tauri::command(async)]
pub fn care_settings(state: State<AppState>) -> Reply<CareSettings> {
    state.desk(|d| d.care_settings())
}

#[tauri::command(async)]
pub fn save_care_settings(state: State<AppState>, settings: CareSettings) -> Reply<CareSettings> {
    state.desk_wake(|d| d.save_care_settings(&settings))
}

/// Opens the customer's Zalo chat or dials them. The URL is built by the core from the stored
/// phone: the UI cannot make the OS open anything else.
#[tauri::command(async)]
pub fn open_contact<R: Runtime>(
    app: AppHandle<R>,
    state: State<AppState>,
    id: i64,
    via: String,
) -> Reply<()> {
    let link = state.desk(|d| d.contact_link(id, &via))?;
    app.opener().open_url(link.0, None::<&str>).map_err(|e| khachquen::error::ErrorPayload {
        code: "open_failed".into(),
        message: e.to_string(),
        fields: vec![],
        duplicates: vec![],
        serial_conflicts: vec![],
        detail: None,
    })
}

#[tauri::command(async)]
pub fn set_ui_locale(state: State<AppState>, locale: String) -> Reply<()> {
    // The notifier, woken, redraws the tray in the new language. Not customer data: the lock
    // screen switches language too, so no sign-in is asked.
    state.with_wake(|db| schedule::set_ui_locale(db, &locale))
}

/// Re-plans everything now (after an import, or from settings).
#[tauri::command(async)]
pub fn replan_care(state: State<AppState>) -> Reply<usize> {
    state.desk_wake(|d| d.replan_care())
}
