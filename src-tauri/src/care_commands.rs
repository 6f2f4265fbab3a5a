//! Tauri commands of proactive care: one expression each, calling `khachquen::care`.

use khachquen::care::profile::{self, CareProfile};
use khachquen::care::reminder::{
    self, ManualDraft, OutcomeDraft, OutcomeResult, QueueFilter, ReminderView, TodayQueue,
};
use khachquen::care::rule::{self, CareRule, RuleKind};
use khachquen::care::settings::{self, CareSettings};
use khachquen::care::template::{self, Locale, PreparedMessage, Preview, Template};
use khachquen::care::{plan, schedule, CustomerCare, Templates};
use khachquen::clock::{Clock, SystemClock};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use crate::state::{AppState, COUNTER_STAFF};

type Reply<T> = Result<T, khachquen::error::ErrorPayload>;

#[tauri::command(async)]
pub fn care_today(state: State<AppState>, filter: QueueFilter) -> Reply<TodayQueue> {
    state.with(|db| reminder::today(db.conn(), &filter, SystemClock.now()))
}

#[tauri::command(async)]
pub fn customer_care(state: State<AppState>, id: i64) -> Reply<CustomerCare> {
    state.with(|db| khachquen::care::customer_care(db.conn(), id, SystemClock.now()))
}

#[tauri::command(async)]
pub fn save_care_profile(
    state: State<AppState>,
    id: i64,
    profile: CareProfile,
) -> Reply<CareProfile> {
    state.with_wake(|db| profile::save(db, id, &profile, COUNTER_STAFF, SystemClock.now()))
}

#[tauri::command(async)]
pub fn create_reminder(state: State<AppState>, draft: ManualDraft) -> Reply<ReminderView> {
    state.with_wake(|db| reminder::create_manual(db, &draft, COUNTER_STAFF, SystemClock.now()))
}

#[tauri::command(async)]
pub fn record_outcome(
    state: State<AppState>,
    id: i64,
    draft: OutcomeDraft,
) -> Reply<OutcomeResult> {
    state.with_wake(|db| reminder::record_outcome(db, id, &draft, COUNTER_STAFF, SystemClock.now()))
}

#[tauri::command(async)]
pub fn dismiss_reminder(state: State<AppState>, id: i64) -> Reply<ReminderView> {
    state.with_wake(|db| reminder::dismiss(db, id, COUNTER_STAFF, SystemClock.now()))
}

#[tauri::command(async)]
pub fn prepare_message(state: State<AppState>, id: i64, locale: Locale) -> Reply<PreparedMessage> {
    state.with(|db| template::prepare(db.conn(), id, locale, SystemClock.now()))
}

/// Opens the customer's Zalo chat or dials them. The URL is built here from the stored phone:
/// the UI cannot make the OS open anything else.
#[tauri::command(async)]
pub fn open_contact<R: Runtime>(
    app: AppHandle<R>,
    state: State<AppState>,
    id: i64,
    via: String,
) -> Reply<()> {
    let msg = state.with(|db| template::prepare(db.conn(), id, Locale::Vi, SystemClock.now()))?;
    let url = if via == "zalo" { msg.zalo_url } else { msg.tel_url };
    let Some(url) = url else {
        return Err((&khachquen::Error::invalid("phone", "phone_missing")).into());
    };
    app.opener().open_url(url, None::<&str>).map_err(|e| khachquen::error::ErrorPayload {
        code: "open_failed".into(),
        message: e.to_string(),
        fields: vec![],
        duplicates: vec![],
        serial_conflicts: vec![],
    })
}

#[tauri::command(async)]
pub fn care_rules(state: State<AppState>) -> Reply<Vec<CareRule>> {
    state.with(|db| rule::all(db.conn()))
}

#[tauri::command(async)]
pub fn save_care_rule(state: State<AppState>, rule: CareRule) -> Reply<CareRule> {
    state.with_wake(|db| rule::save(db, &rule, COUNTER_STAFF, SystemClock.now()))
}

#[tauri::command(async)]
pub fn reset_care_rule(state: State<AppState>, kind: RuleKind) -> Reply<CareRule> {
    state.with_wake(|db| rule::reset(db, kind, COUNTER_STAFF, SystemClock.now()))
}

#[tauri::command(async)]
pub fn message_templates(state: State<AppState>) -> Reply<Templates> {
    state.with(|db| khachquen::care::templates(db.conn()))
}

#[tauri::command(async)]
pub fn save_template(state: State<AppState>, template: Template) -> Reply<Template> {
    state.with(|db| template::save(db, &template, COUNTER_STAFF, SystemClock.now()))
}

#[tauri::command(async)]
pub fn reset_template(state: State<AppState>, kind: RuleKind, locale: Locale) -> Reply<Template> {
    state.with(|db| template::reset(db, kind, locale, COUNTER_STAFF, SystemClock.now()))
}

#[tauri::command(async)]
pub fn preview_template(state: State<AppState>, body: String, kind: RuleKind) -> Reply<Preview> {
    state.with(|db| template::preview_kind(db.conn(), &body, kind, SystemClock.now()))
}

#[tauri::command(async)]
pub fn care_settings(state: State<AppState>) -> Reply<CareSettings> {
    state.with(|db| settings::get(db.conn()))
}

#[tauri::command(async)]
pub fn save_care_settings(state: State<AppState>, settings: CareSettings) -> Reply<CareSettings> {
    state.with_wake(|db| settings::save(db, &settings, COUNTER_STAFF, SystemClock.now()))
}

#[tauri::command(async)]
pub fn set_ui_locale(state: State<AppState>, locale: String) -> Reply<()> {
    // The notifier, woken, redraws the tray in the new language.
    state.with_wake(|db| schedule::set_ui_locale(db, &locale))
}

/// Re-plans everything now (after an import, or from settings).
#[tauri::command(async)]
pub fn replan_care(state: State<AppState>) -> Reply<usize> {
    state.with_wake(|db| plan::run(db, &plan::Scope::All, SystemClock.now()).map(|s| s.planned))
}
