//! Tauri commands of return policies kept in settings: one expression each over the desk.

use khachquen::sales::policy::Policy;
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, khachquen::error::ErrorPayload>;

#[tauri::command(async)]
pub fn archive_policy(state: State<AppState>, id: i64, archived: bool) -> Reply<Policy> {
    state.desk(|d| d.archive_policy(id, archived))
}
