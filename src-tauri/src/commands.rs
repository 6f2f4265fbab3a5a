//! Tauri commands: one expression each, calling the core. `async` so that a sync body runs off
//! the UI thread.

use khachquen::clock::{local_date, Clock, SystemClock};
use khachquen::customer::{
    self, CustomerCard, CustomerDraft, DraftCheck, Preference, PreferenceDraft, SearchOptions,
    SearchResult,
};
use khachquen::error::ErrorPayload;
use khachquen::paths::AppInfo;
use khachquen::staff::Permission;
use tauri::State;

use crate::state::{AppState, COUNTER};

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command(async)]
pub fn app_info(state: State<AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_dir: state.data_dir.display().to_string(),
        db_path: state.db_path.display().to_string(),
        customer_count: state.act(COUNTER, |db, _| customer::count(db.conn())).unwrap_or(0),
        open_error: state.open_error(),
    }
}

#[tauri::command(async)]
pub fn search_customers(
    state: State<AppState>,
    query: String,
    options: SearchOptions,
) -> Reply<SearchResult> {
    state.shown(COUNTER, |db, _| customer::search(db.conn(), &query, options))
}

#[tauri::command(async)]
pub fn get_customer(state: State<AppState>, id: i64) -> Reply<CustomerCard> {
    state.shown(COUNTER, |db, _| customer::get(db.conn(), id, local_date(SystemClock.now())))
}

#[tauri::command(async)]
pub fn check_customer(
    state: State<AppState>,
    draft: CustomerDraft,
    editing: Option<i64>,
) -> Reply<DraftCheck> {
    state.shown(COUNTER, |db, _| {
        customer::check(db.conn(), &draft, editing, local_date(SystemClock.now()))
    })
}

#[tauri::command(async)]
pub fn create_customer(state: State<AppState>, draft: CustomerDraft) -> Reply<CustomerCard> {
    state.act_wake(COUNTER, |db, who| {
        customer::create(db, &draft, &who.name, SystemClock.now()).map(|c| who.shown(c))
    })
}

#[tauri::command(async)]
pub fn update_customer(
    state: State<AppState>,
    id: i64,
    draft: CustomerDraft,
) -> Reply<CustomerCard> {
    state.act_wake(COUNTER, |db, who| {
        customer::update(db, id, &draft, &who.name, SystemClock.now()).map(|c| who.shown(c))
    })
}

#[tauri::command(async)]
pub fn archive_customer(state: State<AppState>, id: i64) -> Reply<CustomerCard> {
    state.act_wake(COUNTER, |db, who| {
        customer::archive(db, id, &who.name, SystemClock.now()).map(|c| who.shown(c))
    })
}

#[tauri::command(async)]
pub fn restore_customer(state: State<AppState>, id: i64) -> Reply<CustomerCard> {
    state.act_wake(COUNTER, |db, who| {
        customer::restore(db, id, &who.name, SystemClock.now()).map(|c| who.shown(c))
    })
}

#[tauri::command(async)]
pub fn merge_customers(state: State<AppState>, keep: i64, from: i64) -> Reply<CustomerCard> {
    state.act_wake(COUNTER, |db, who| {
        customer::merge(db, keep, from, &who.name, SystemClock.now()).map(|c| who.shown(c))
    })
}

#[tauri::command(async)]
pub fn add_preference(
    state: State<AppState>,
    customer_id: i64,
    draft: PreferenceDraft,
) -> Reply<Preference> {
    state.act(COUNTER, |db, who| {
        customer::add_preference(db, customer_id, &draft, &who.name, SystemClock.now())
    })
}

#[tauri::command(async)]
pub fn update_preference(
    state: State<AppState>,
    id: i64,
    draft: PreferenceDraft,
) -> Reply<Preference> {
    state.act(COUNTER, |db, who| {
        customer::update_preference(db, id, &draft, &who.name, SystemClock.now())
    })
}

#[tauri::command(async)]
pub fn remove_preference(state: State<AppState>, id: i64) -> Reply<()> {
    state.act(COUNTER, |db, who| customer::remove_preference(db, id, &who.name, SystemClock.now()))
}

#[tauri::command(async)]
pub fn load_demo(state: State<AppState>, customers: usize) -> Reply<usize> {
    // The demo customers are planned for at once (a pass over everyone), and the notifier woken.
    state.act_wake(Some(Permission::EditSettings), |db, who| {
        let n =
            khachquen::demo::generate(db, customers.min(100_000), 1, SystemClock.now(), &who.name)?;
        khachquen::care::plan::run(db, &khachquen::care::plan::Scope::All, SystemClock.now())?;
        Ok(n)
    })
}
