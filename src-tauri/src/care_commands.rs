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
use khachquen::staff::Permission;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use crate::state::{AppState, COUNTER};

type Reply<T> = Result<T, khachquen::error::ErrorPayload>;

#[tauri::command(async)]
pub fn care_today(state: State<AppState>, filter: QueueFilter) -> Reply<TodayQueue> {
    state.shown(COUNTER, |db, _| reminder::today(db.conn(), &filter, SystemClock.now()))
}

#[tauri::command(async)]
pub fn customer_care(state: State<AppState>, id: i64) -> Reply<CustomerCare> {
    state.shown(COUNTER, |db, _| khachquen::care::customer_care(db.conn(), id, SystemClock.now()))
}

#[tauri::command(async)]
pub fn save_care_profile(
    state: State<AppState>,
    id: i64,
    profile: CareProfile,
) -> Reply<CareProfile> {
    state.act_wake(COUNTER, |db, who| profile::save(db, id, &profile, &who.name, SystemClock.now()))
}

#[tauri::command(async)]
pub fn create_reminder(state: State<AppState>, draft: ManualDraft) -> Reply<ReminderView> {
    state.act_wake(COUNTER, |db, who| {
        reminder::create_manual(db, &draft, &who.name, SystemClock.now()).map(|r| who.shown(r))
    })
}

#[tauri::command(async)]
pub fn record_outcome(
    state: State<AppState>,
    id: i64,
    draft: OutcomeDraft,
) -> Reply<OutcomeResult> {
    state.act_wake(COUNTER, |db, who| {
        reminder::record_outcome(db, id, &draft, &who.name, SystemClock.now()).map(|r| who.shown(r))
    })
}

#[tauri::command(async)]
pub fn dismiss_reminder(state: State<AppState>, id: i64) -> Reply<ReminderView> {
    state.act_wake(COUNTER, |db, who| {
        reminder::dismiss(db, id, &who.name, SystemClock.now()).map(|r| who.shown(r))
    })
}

#[tauri::command(async)]
pub fn prepare_message(state: State<AppState>, id: i64, locale: Locale) -> Reply<PreparedMessage> {
    state.shown(COUNTER, |db, _| template::prepare(db.conn(), id, locale, SystemClock.now()))
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
    // Calling is everyday work, so an account that sees phones masked may still call: the
    // number is revealed for it and the reveal logged.
    let msg = state.act(COUNTER, |db, who| {
        let now = SystemClock.now();
        let msg = template::prepare(db.conn(), id, Locale::Vi, now)?;
        let customer = reminder::get(db.conn(), id)?.customer_id;
        khachquen::staff::reveal_phones(db, customer, &via, who, now)?;
        Ok(msg)
    })?;
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
        detail: None,
    })
}

#[tauri::command(async)]
pub fn care_rules(state: State<AppState>) -> Reply<Vec<CareRule>> {
    state.act(COUNTER, |db, _| rule::all(db.conn()))
}

#[tauri::command(async)]
pub fn save_care_rule(state: State<AppState>, rule: CareRule) -> Reply<CareRule> {
    state.act_wake(Some(Permission::EditSettings), |db, who| {
        rule::save(db, &rule, &who.name, SystemClock.now())
    })
}

#[tauri::command(async)]
pub fn reset_care_rule(state: State<AppState>, kind: RuleKind) -> Reply<CareRule> {
    state.act_wake(Some(Permission::EditSettings), |db, who| {
        rule::reset(db, kind, &who.name, SystemClock.now())
    })
}

#[tauri::command(async)]
pub fn message_templates(state: State<AppState>) -> Reply<Templates> {
    state.act(COUNTER, |db, _| khachquen::care::templates(db.conn()))
}

#[tauri::command(async)]
pub fn save_template(state: State<AppState>, template: Template) -> Reply<Template> {
    state.act(Some(Permission::EditSettings), |db, who| {
        template::save(db, &template, &who.name, SystemClock.now())
    })
}

#[tauri::command(async)]
pub fn reset_template(state: State<AppState>, kind: RuleKind, locale: Locale) -> Reply<Template> {
    state.act(Some(Permission::EditSettings), |db, who| {
        template::reset(db, kind, locale, &who.name, SystemClock.now())
    })
}

#[tauri::command(async)]
pub fn preview_template(state: State<AppState>, body: String, kind: RuleKind) -> Reply<Preview> {
    state.act(COUNTER, |db, _| template::preview_kind(db.conn(), &body, kind, SystemClock.now()))
}

#[tauri::command(async)]
pub fn care_settings(state: State<AppState>) -> Reply<CareSettings> {
    state.act(COUNTER, |db, _| settings::get(db.conn()))
}

#[tauri::command(async)]
pub fn save_care_settings(state: State<AppState>, settings: CareSettings) -> Reply<CareSettings> {
    state.act_wake(Some(Permission::EditSettings), |db, who| {
        settings::save(db, &settings, &who.name, SystemClock.now())
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
    state.act_wake(Some(Permission::EditSettings), |db, _| {
        plan::run(db, &plan::Scope::All, SystemClock.now()).map(|s| s.planned)
    })
}
