//! Tauri commands of loyalty (issue 17, points, tiers, store credit, the sale's tender): one
//! expression each, delivering the core's desk.

use khachquen::loyalty::history::LedgerLine;
use khachquen::loyalty::ledger::AdjustDraft;
use khachquen::loyalty::rules::PointsRules;
use khachquen::loyalty::settle::Settlement;
use khachquen::loyalty::summary::LoyaltySummary;
use khachquen::loyalty::tier::Tier;
use khachquen::sales::purchase::PurchaseDraft;
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, khachquen::error::ErrorPayload>;

#[tauri::command(async)]
pub fn loyalty_rules(state: State<AppState>) -> Reply<PointsRules> {
    state.desk(|d| d.loyalty_rules())
}

#[tauri::command(async)]
pub fn save_loyalty_rules(state: State<AppState>, rules: PointsRules) -> Reply<PointsRules> {
    state.desk(|d| d.save_loyalty_rules(&rules))
}

#[tauri::command(async)]
pub fn member_tiers(state: State<AppState>) -> Reply<Vec<Tier>> {
    state.desk(|d| d.member_tiers())
}

#[tauri::command(async)]
pub fn save_member_tiers(state: State<AppState>, tiers: Vec<Tier>) -> Reply<Vec<Tier>> {
    state.desk(|d| d.save_member_tiers(&tiers))
}

#[tauri::command(async)]
pub fn loyalty_summary(state: State<AppState>, customer_id: i64) -> Reply<LoyaltySummary> {
    state.desk(|d| d.loyalty_summary(customer_id))
}

#[tauri::command(async)]
pub fn loyalty_history(state: State<AppState>, customer_id: i64) -> Reply<Vec<LedgerLine>> {
    state.desk(|d| d.loyalty_history(customer_id))
}

#[tauri::command(async)]
pub fn adjust_points(
    state: State<AppState>,
    customer_id: i64,
    draft: AdjustDraft,
) -> Reply<LoyaltySummary> {
    state.desk(|d| d.adjust_points(customer_id, &draft))
}

#[tauri::command(async)]
pub fn adjust_credit(
    state: State<AppState>,
    customer_id: i64,
    draft: AdjustDraft,
) -> Reply<LoyaltySummary> {
    state.desk(|d| d.adjust_credit(customer_id, &draft))
}

#[tauri::command(async)]
pub fn preview_tender(state: State<AppState>, draft: PurchaseDraft) -> Reply<Settlement> {
    state.desk(|d| d.preview_tender(&draft))
}
