//! Tauri commands of sign-in, staff accounts, permissions and the audit log.

use khachquen::audit::{self, AuditFilter, AuditPage};
use khachquen::clock::{Clock, SystemClock};
use khachquen::customer::CustomerCard;
use khachquen::error::ErrorPayload;
use khachquen::staff::{self, Actor, Permission, Role, SessionState, StaffDraft, StaffView};
use tauri::State;

use crate::state::{AppState, COUNTER};

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
    state.act(COUNTER, |db, who| staff::unlock(db, id, who, SystemClock.now()))
}

/// Locks the counter (by hand, or the UI's idle timer): the next person signs in.
#[tauri::command(async)]
pub fn sign_out(state: State<AppState>) {
    state.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).end();
}

#[tauri::command(async)]
pub fn list_staff(state: State<AppState>) -> Reply<Vec<StaffView>> {
    state.act(Some(Permission::ManageStaff), |db, _| staff::list(db.conn()))
}

#[tauri::command(async)]
pub fn save_staff(state: State<AppState>, id: Option<i64>, draft: StaffDraft) -> Reply<StaffView> {
    state.act(COUNTER, |db, who| match id {
        None => staff::create(db, &draft, who, SystemClock.now()),
        Some(id) => staff::update(db, id, &draft, who, SystemClock.now()),
    })
}

#[tauri::command(async)]
pub fn role_permissions(state: State<AppState>) -> Reply<Vec<(Role, Vec<Permission>)>> {
    state.act(COUNTER, |db, _| staff::permissions(db.conn()))
}

#[tauri::command(async)]
pub fn set_role_permissions(
    state: State<AppState>,
    role: Role,
    permissions: Vec<Permission>,
) -> Reply<Vec<Permission>> {
    state.act(COUNTER, |db, who| {
        staff::set_permissions(db, role, &permissions, who, SystemClock.now())
    })
}

#[tauri::command(async)]
pub fn set_idle_minutes(state: State<AppState>, minutes: i64) -> Reply<i64> {
    state.act(COUNTER, |db, who| staff::set_idle_minutes(db, minutes, who, SystemClock.now()))
}

#[tauri::command(async)]
pub fn audit_log(state: State<AppState>, filter: AuditFilter) -> Reply<AuditPage> {
    state.act(Some(Permission::ViewAudit), |db, _| audit::list(db.conn(), &filter))
}

/// The customer's phones in full for an account that sees them masked; the reveal is logged.
#[tauri::command(async)]
pub fn reveal_phones(state: State<AppState>, id: i64, reason: String) -> Reply<CustomerCard> {
    state.act(COUNTER, |db, who| staff::reveal_phones(db, id, &reason, who, SystemClock.now()))
}
