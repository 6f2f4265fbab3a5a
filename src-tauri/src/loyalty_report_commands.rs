//! Tauri commands of the loyalty report (issue 17).

use khachquen::loyalty::report::LoyaltyReport;
use khachquen::report::kpi::PeriodInput;
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, khachquen::error::ErrorPayload>;

#[tauri::command(async)]
pub fn loyalty_report(state: State<AppState>, period: PeriodInput) -> Reply<LoyaltyReport> {
    state.desk(|d| d.loyalty_report(&period))
}
