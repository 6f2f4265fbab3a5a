//! Tauri commands of personal data: consents, data-subject requests, a copy of what is held,
//! restriction and erasure. One expression each, delivering the core's desk.

use khachquen::desk::CopyFile;
use khachquen::error::ErrorPayload;
use khachquen::privacy::{ConsentDraft, ConsentState, RequestDraft, RequestUpdate, RequestView};
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command(async)]
pub fn customer_consents(state: State<AppState>, id: i64) -> Reply<Vec<ConsentState>> {
    state.desk(|d| d.customer_consents(id))
}

#[tauri::command(async)]
pub fn record_consent(
    state: State<AppState>,
    id: i64,
    draft: ConsentDraft,
) -> Reply<Vec<ConsentState>> {
    state.desk_wake(|d| d.record_consent(id, &draft))
}

#[tauri::command(async)]
pub fn consent_text(state: State<AppState>) -> Reply<(String, String)> {
    state.desk(|d| d.consent_text())
}

#[tauri::command(async)]
pub fn data_requests(state: State<AppState>, id: Option<i64>) -> Reply<Vec<RequestView>> {
    state.desk(|d| d.data_requests(id))
}

#[tauri::command(async)]
pub fn create_data_request(
    state: State<AppState>,
    id: i64,
    draft: RequestDraft,
) -> Reply<RequestView> {
    state.desk(|d| d.create_data_request(id, &draft))
}

#[tauri::command(async)]
pub fn update_data_request(
    state: State<AppState>,
    id: i64,
    update: RequestUpdate,
) -> Reply<RequestView> {
    state.desk(|d| d.update_data_request(id, &update))
}

#[tauri::command(async)]
pub fn subject_copy(state: State<AppState>, id: i64) -> Reply<CopyFile> {
    state.desk(|d| d.subject_copy(id))
}

#[tauri::command(async)]
pub fn set_restricted(state: State<AppState>, id: i64, on: bool) -> Reply<()> {
    state.desk_wake(|d| d.set_restricted(id, on))
}

#[tauri::command(async)]
pub fn erase_customer(state: State<AppState>, id: i64) -> Reply<()> {
    state.desk_wake(|d| d.erase_customer(id))
}
