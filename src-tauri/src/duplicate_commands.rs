//! Tauri commands of the duplicate finder and the merge screen: one expression each over the
//! core's desk. `async` so that a sync body runs off the UI thread.

use khachquen::customer::{CustomerCard, DuplicateScan, MergeChoice};
use khachquen::error::ErrorPayload;
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command(async)]
pub fn find_duplicates(state: State<AppState>, limit: usize) -> Reply<DuplicateScan> {
    state.desk(|d| d.find_duplicates(limit))
}

#[tauri::command(async)]
pub fn import_duplicates(state: State<AppState>) -> Reply<DuplicateScan> {
    state.desk(|d| d.duplicates_in_last_import())
}

/// Today and the tray count reminders: a merge moves them to the kept customer.
#[tauri::command(async)]
pub fn merge_customers_with(
    state: State<AppState>,
    keep: i64,
    from: i64,
    choices: Vec<MergeChoice>,
) -> Reply<CustomerCard> {
    state.desk_wake(|d| d.merge_customers_choosing(keep, from, &choices))
}

#[tauri::command(async)]
pub fn dismiss_duplicate(state: State<AppState>, a: i64, b: i64) -> Reply<()> {
    state.desk(|d| d.dismiss_duplicate(a, b))
}
