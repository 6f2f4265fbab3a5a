//! Tauri commands: one expression each, calling the core. `async` so that a sync body runs off
//! the UI thread.

use khachquen::clock::{local_date, Clock, SystemClock};
use khachquen::customer::{
    self, CustomerCard, CustomerDraft, DraftCheck, Preference, PreferenceDraft, SearchOptions,
    SearchResult,
};
use khachquen::error::ErrorPayload;
use khachquen::paths::AppInfo;
use tauri::State;

use crate::state::{AppState, COUNTER_STAFF};

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command(async)]
pub fn app_info(state: State<AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_dir: state.data_dir.display().to_string(),
        db_path: state.db_path.display().to_string(),
        customer_count: state.with(|db| customer::count(db.conn())).unwrap_or(0),
        open_error: state.open_error(),
    }
}

#[tauri::command(async)]
pub fn search_customers(
    state: State<AppState>,
    query: String,
    options: SearchOptions,
) -> Reply<SearchResult> {
    state.with(|db| customer::search(db.conn(), &query, options))
}

#[tauri::command(async)]
pub fn get_customer(state: State<AppState>, id: i64) -> Reply<CustomerCard> {
    state.with(|db| customer::get(db.conn(), id, local_date(SystemClock.now())))
}

#[tauri::command(async)]
pub fn check_customer(
    state: State<AppState>,
    draft: CustomerDraft,
    editing: Option<i64>,
) -> Reply<DraftCheck> {
    state.with(|db| customer::check(db.conn(), &draft, editing, local_date(SystemClock.now())))
}

#[tauri::command(async)]
pub fn create_customer(state: State<AppState>, draft: CustomerDraft) -> Reply<CustomerCard> {
    state.with_wake(|db| customer::create(db, &draft, COUNTER_STAFF, SystemClock.now()))
}

#[tauri::command(async)]
pub fn update_customer(
    state: State<AppState>,
    id: i64,
    draft: CustomerDraft,
) -> Reply<CustomerCard> {
    state.with_wake(|db| customer::update(db, id, &draft, COUNTER_STAFF, SystemClock.now()))
}

#[tauri::command(async)]
pub fn archive_customer(state: State<AppState>, id: i64) -> Reply<CustomerCard> {
    state.with_wake(|db| customer::archive(db, id, COUNTER_STAFF, SystemClock.now()))
}

#[tauri::command(async)]
pub fn restore_customer(state: State<AppState>, id: i64) -> Reply<CustomerCard> {
    state.with_wake(|db| customer::restore(db, id, COUNTER_STAFF, SystemClock.now()))
}

#[tauri::command(async)]
pub fn merge_customers(state: State<AppState>, keep: i64, from: i64) -> Reply<CustomerCard> {
    state.with_wake(|db| customer::merge(db, keep, from, COUNTER_STAFF, SystemClock.now()))
}

#[tauri::command(async)]
pub fn add_preference(
    state: State<AppState>,
    customer_id: i64,
    draft: PreferenceDraft,
) -> Reply<Preference> {
    state.with(|db| {
        customer::add_preference(db, customer_id, &draft, COUNTER_STAFF, SystemClock.now())
    })
}

#[tauri::command(async)]
pub fn update_preference(
    state: State<AppState>,
    id: i64,
    draft: PreferenceDraft,
) -> Reply<Preference> {
    state.with(|db| customer::update_preference(db, id, &draft, COUNTER_STAFF, SystemClock.now()))
}

#[tauri::command(async)]
pub fn remove_preference(state: State<AppState>, id: i64) -> Reply<()> {
    state.with(|db| customer::remove_preference(db, id, COUNTER_STAFF, SystemClock.now()))
}

#[tauri::command(async)]
pub fn load_demo(state: State<AppState>, customers: usize) -> Reply<usize> {
    // The demo customers are planned for at once (a pass over everyone), and the notifier woken.
    state.with_wake(|db| {
        let n = khachquen::demo::generate(
            db,
            customers.min(100_000),
            1,
            SystemClock.now(),
            COUNTER_STAFF,
        )?;
        khachquen::care::plan::run(db, &khachquen::care::plan::Scope::All, SystemClock.now())?;
        Ok(n)
    })
}
