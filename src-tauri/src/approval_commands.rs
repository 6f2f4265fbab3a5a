//! Tauri commands of a manager's approval at the counter: who may approve, and the return and
//! goodwill ops retried with an approver's PIN. One expression each, delivering the core's desk.

use khachquen::feedback::complaint::{ComplaintView, GoodwillDraft};
use khachquen::sales::returns::{ReturnDraft, ReturnView};
use khachquen::staff::{Approval, Approver, Permission};
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, khachquen::error::ErrorPayload>;

#[tauri::command(async)]
pub fn approvers(state: State<AppState>, permission: Permission) -> Reply<Vec<Approver>> {
    state.desk(|d| d.approvers(permission))
}

#[tauri::command(async)]
pub fn record_return_approved(
    state: State<AppState>,
    draft: ReturnDraft,
    approval: Option<Approval>,
) -> Reply<ReturnView> {
    state.desk_wake(|d| d.record_return_approved(&draft, approval.as_ref()))
}

#[tauri::command(async)]
pub fn add_goodwill_approved(
    state: State<AppState>,
    id: i64,
    draft: GoodwillDraft,
    approval: Option<Approval>,
) -> Reply<ComplaintView> {
    state.desk(|d| d.add_goodwill_approved(id, &draft, approval.as_ref()))
}
