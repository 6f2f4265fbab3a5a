//! Tauri commands of customers: one expression each, delivering the core's desk. `async` so
//! that a sync body runs off the UI thread.

use khachquen::customer::{
    CustomerCard, CustomerDraft, DraftCheck, Preference, PreferenceDraft, SearchOptions,
    SearchResult,
};
use khachquen::desk::Revealed;
use khachquen::error::ErrorPayload;
use khachquen::paths::AppInfo;
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command(async)]
pub fn app_info(state: State<AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_dir: state.data_dir.display().to_string(),
        db_path: state.db_path.display().to_string(),
        customer_count: state.desk(|d| d.customer_count()).unwrap_or(0),
        open_error: state.open_error(),
    }
}

#[tauri::command(async)]
pub fn search_customers(
    state: State<AppState>,
    query: String,
    options: SearchOptions,
) -> Reply<SearchResult> {
    state.desk(|d| d.search_customers(&query, options))
}

#[tauri::command(async)]
pub fn get_customer(state: State<AppState>, id: i64) -> Reply<CustomerCard> {
    state.desk(|d| d.get_customer(id))
}

#[tauri::command(async)]
pub fn check_customer(
    state: State<AppState>,
    draft: CustomerDraft,
    editing: Option<i64>,
) -> Reply<DraftCheck> {
    state.desk(|d| d.check_customer(&draft, editing))
}

#[tauri::command(async)]
pub fn create_customer(state: State<AppState>, draft: CustomerDraft) -> Reply<CustomerCard> {
    state.desk_wake(|d| d.create_customer(&draft))
}

#[tauri::command(async)]
pub fn update_customer(
    state: State<AppState>,
    id: i64,
    draft: CustomerDraft,
) -> Reply<CustomerCard> {
    state.desk_wake(|d| d.update_customer(id, &draft))
}

#[tauri::command(async)]
pub fn archive_customer(state: State<AppState>, id: i64) -> Reply<CustomerCard> {
    state.desk_wake(|d| d.archive_customer(id))
}

#[tauri::command(async)]
pub fn restore_customer(state: State<AppState>, id: i64) -> Reply<CustomerCard> {
    state.desk_wake(|d| d.restore_customer(id))
}

#[tauri::command(async)]
pub fn add_preference(
    state: State<AppState>,
    customer_id: i64,
    draft: PreferenceDraft,
) -> Reply<Preference> {
    state.desk(|d| d.add_preference(customer_id, &draft))
}

#[tauri::command(async)]
pub fn update_preference(
    state: State<AppState>,
    id: i64,
    draft: PreferenceDraft,
) -> Reply<Preference> {
    state.desk(|d| d.update_preference(id, &draft))
}

#[tauri::command(async)]
pub fn remove_preference(state: State<AppState>, id: i64) -> Reply<()> {
    state.desk(|d| d.remove_preference(id))
}

#[tauri::command(async)]
pub fn load_demo(state: State<AppState>, customers: usize) -> Reply<usize> {
    state.desk_wake(|d| d.load_demo(customers))
}

/// The customer's phones in full for an account that sees them masked; the reveal is logged.
#[tauri::command(async)]
pub fn reveal_phones(state: State<AppState>, id: i64, reason: String) -> Reply<Revealed> {
    state.desk(|d| d.reveal_phones(id, &reason))
}
