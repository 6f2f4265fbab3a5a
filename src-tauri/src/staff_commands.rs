//! Tauri commands of sign-in, staff accounts, permissions and the audit log.

use khachquen::audit::{AuditFilter, AuditPage};
use khachquen::clock::{Clock, SystemClock};
use khachquen::error::ErrorPayload;
use khachquen::staff::{self, Actor, Permission, Role, SessionState, StaffDraft, StaffView};
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command(async)]
pub fn session_state(state: State<AppState>) -> Reply<SessionState> {
    let actor = {
        let session = state.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        session.peek(SystemClock.now()).cloned()
    };
    state.with(|db| staff::session_state(db.conn(), actor))
}

fn start(state: &AppState, actor: Actor) -> Reply<Actor> {
    let idle = state.with(|db| staff::idle_minutes(db.conn()))?;
    let mut session = state.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    // Another account's staged import does not carry over to this one.
    state.counter.session_ended();
    session.start(actor.clone(), idle, SystemClock.now());
    Ok(actor)
}

#[tauri::command(async)]
pub fn create_owner(state: State<AppState>, name: String, pin: String) -> Reply<Actor> {
    let actor = state.with(|db| staff::first_owner(db, &name, &pin, SystemClock.now()))?;
    start(&state, actor)
}

#[tauri::command(async)]
pub fn sign_in(state: State<AppState>, id: i64, pin: String) -> Reply<Actor> {
    let actor = state.with(|db| staff::sign_in(db, id, &pin, SystemClock.now()))?;
    start(&state, actor)
}

/// Sets a new PIN for the signed-in account: the one command open while its PIN is too short
/// for its role. The session goes on with the account as it now is.
#[tauri::command(async)]
pub fn change_pin(state: State<AppState>, old_pin: String, new_pin: String) -> Reply<Actor> {
    signed_in(&state)
        .and_then(|who| {
            state.with(|db| staff::change_pin(db, &who, &old_pin, &new_pin, SystemClock.now()))
        })
        .and_then(|actor| start(&state, actor))
}

fn signed_in(state: &AppState) -> Reply<Actor> {
    let mut session = state.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    session.signed_in(SystemClock.now()).map_err(ErrorPayload::from)
}

/// Lifts a lock for wrong PINs (the owner's).
#[tauri::command(async)]
pub fn unlock_staff(state: State<AppState>, id: i64) -> Reply<StaffView> {
    state.desk(|d| d.unlock_staff(id))
}

/// Locks the counter (by hand, or the UI's idle timer): the next person signs in.
#[tauri::command(async)]
pub fn sign_out(state: State<AppState>) {
    state.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).end();
    state.counter.session_ended();
}

#[tauri::command(async)]
pub fn list_staff(state: State<AppState>) -> Reply<Vec<StaffView>> {
    state.desk(|d| d.list_staff())
}

#[tauri::command(async)]
pub fn save_staff(state: State<AppState>, id: Option<i64>, draft: StaffDraft) -> Reply<StaffView> {
    state.desk(|d| d.save_staff(id, &draft))
}

#[tauri::command(async)]
pub fn role_permissions(state: State<AppState>) -> Reply<Vec<(Role, Vec<Permission>)>> {
    state.desk(|d| d.role_permissions())
}

#[tauri::command(async)]
pub fn set_role_permissions(
    state: State<AppState>,
    role: Role,
    permissions: Vec<Permission>,
) -> Reply<Vec<Permission>> {
    state.desk(|d| d.set_role_permissions(role, &permissions))
}

#[tauri::command(async)]
pub fn set_idle_minutes(state: State<AppState>, minutes: i64) -> Reply<i64> {
    state.desk(|d| d.set_idle_minutes(minutes))
}

#[tauri::command(async)]
pub fn audit_log(state: State<AppState>, filter: AuditFilter) -> Reply<AuditPage> {
    state.desk(|d| d.audit_log(&filter))
}
