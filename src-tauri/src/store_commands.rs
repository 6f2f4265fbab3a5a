//! Tauri commands of who does what in a chain (issue 15): a customer's home store, the stores
//! each staff member works at.

use khachquen::care::home::HomeStore;
use khachquen::error::ErrorPayload;
use khachquen::staff::StaffStores;
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command(async)]
pub fn home_store(state: State<AppState>, customer_id: i64) -> Reply<HomeStore> {
    state.desk(|d| d.home_store(customer_id))
}

/// Moves her reminders to or from this store: Today and the tray refresh.
#[tauri::command(async)]
pub fn set_home_store(state: State<AppState>, customer_id: i64, store: String) -> Reply<HomeStore> {
    state.desk_wake(|d| d.set_home_store(customer_id, &store))
}

#[tauri::command(async)]
pub fn staff_stores(state: State<AppState>) -> Reply<StaffStores> {
    state.desk(|d| d.staff_stores())
}

#[tauri::command(async)]
pub fn set_staff_stores(
    state: State<AppState>,
    id: i64,
    stores: Vec<String>,
) -> Reply<StaffStores> {
    state.desk(|d| d.set_staff_stores(id, &stores))
}
