//! Tauri commands of personal data: consents, data-subject requests, a copy of what is held,
//! restriction and erasure.

use khachquen::clock::{local_date, Clock, SystemClock};
use khachquen::error::ErrorPayload;
use khachquen::privacy::{
    self, ConsentDraft, ConsentState, RequestDraft, RequestUpdate, RequestView, SubjectCopy,
};
use khachquen::staff::Permission;
use serde::Serialize;
use tauri::State;

use crate::state::{AppState, COUNTER};

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command(async)]
pub fn customer_consents(state: State<AppState>, id: i64) -> Reply<Vec<ConsentState>> {
    state.act(COUNTER, |db, _| privacy::consents(db.conn(), id))
}

#[tauri::command(async)]
pub fn record_consent(
    state: State<AppState>,
    id: i64,
    draft: ConsentDraft,
) -> Reply<Vec<ConsentState>> {
    state.act_wake(COUNTER, |db, who| {
        privacy::record_consent(db, id, &draft, &who.name, SystemClock.now())
    })
}

/// The consent wording in force: `[version, text]`.
#[tauri::command(async)]
pub fn consent_text(state: State<AppState>) -> Reply<(String, String)> {
    state.act(COUNTER, |db, _| privacy::consent_text(db.conn()))
}

/// One customer's requests, or every open one (`id` null), due first.
#[tauri::command(async)]
pub fn data_requests(state: State<AppState>, id: Option<i64>) -> Reply<Vec<RequestView>> {
    state.act(COUNTER, |db, _| privacy::list_requests(db.conn(), id, local_date(SystemClock.now())))
}

#[tauri::command(async)]
pub fn create_data_request(
    state: State<AppState>,
    id: i64,
    draft: RequestDraft,
) -> Reply<RequestView> {
    state.act(COUNTER, |db, who| {
        privacy::create_request(db, id, &draft, &who.name, SystemClock.now())
    })
}

#[tauri::command(async)]
pub fn update_data_request(
    state: State<AppState>,
    id: i64,
    update: RequestUpdate,
) -> Reply<RequestView> {
    state.act(COUNTER, |db, who| {
        privacy::update_request(db, id, &update, &who.name, SystemClock.now())
    })
}

#[derive(Serialize)]
pub struct CopyFile {
    path: String,
    copy: SubjectCopy,
}

/// Saves everything held about the customer as JSON in the exports folder (and returns it for
/// the printable page). Audited: a copy of personal data left the database.
#[tauri::command(async)]
pub fn subject_copy(state: State<AppState>, id: i64) -> Reply<CopyFile> {
    state.act(Some(Permission::Export), |db, who| {
        let now = SystemClock.now();
        let copy = privacy::subject_copy(db.conn(), id, now)?;
        let path =
            crate::exports::fresh_path(&state.export_dir(), &format!("khach-{id}"), "json", now)?;
        let json = serde_json::to_vec_pretty(&copy).map_err(|e| khachquen::Error::Io(e.into()))?;
        std::fs::write(&path, json)?;
        let path = path.display().to_string();
        db.write(|tx| {
            khachquen::audit::record(
                tx,
                now,
                &who.name,
                "subject_copy",
                "customer",
                id,
                serde_json::json!({}),
            )
        })?;
        Ok(CopyFile { path, copy })
    })
}

#[tauri::command(async)]
pub fn set_restricted(state: State<AppState>, id: i64, on: bool) -> Reply<()> {
    state.act_wake(COUNTER, |db, who| {
        privacy::set_restricted(db, id, on, &who.name, SystemClock.now())
    })
}

#[tauri::command(async)]
pub fn erase_customer(state: State<AppState>, id: i64) -> Reply<()> {
    state.act_wake(Some(Permission::Erase), |db, who| {
        privacy::erase(db, id, &who.name, SystemClock.now())
    })?;
    state.dashboards.clear();
    Ok(())
}
