//! Tauri commands of the store in its chain (issue 15): its status, testing and joining a hub,
//! and asking the background sync to go now. The core checks who may; joining and "sync now"
//! wake the background sync, which does the network work on its own connection.

use khachquen::chain::ChainStatus;
use khachquen::error::{Error, ErrorPayload};
use tauri::State;

use crate::chain_sync::ChainSync;
use crate::state::AppState;

type Reply<T> = Result<T, ErrorPayload>;

/// The hub's client blocks on a runtime of its own, which cannot start on one of Tauri's async
/// threads (the call would never answer): what reaches the hub runs on a thread of its own.
fn off_runtime<T: Send>(f: impl FnOnce() -> Reply<T> + Send) -> Reply<T> {
    std::thread::scope(|s| s.spawn(f).join())
        .unwrap_or_else(|_| Err(ErrorPayload::from(Error::hub("hub_failed", "stopped"))))
}

#[tauri::command(async)]
pub fn chain_status(state: State<AppState>) -> Reply<ChainStatus> {
    state.desk(|d| d.chain_status())
}

/// The hub's schema version when it answers and can be worked with; writes nothing.
#[tauri::command(async)]
pub fn chain_test(state: State<AppState>, url: String) -> Reply<i64> {
    off_runtime(|| state.desk(|d| d.chain_test(&url)))
}

#[tauri::command(async)]
pub fn chain_join(
    state: State<AppState>,
    sync: State<ChainSync>,
    url: String,
    code: String,
    name: String,
) -> Reply<ChainStatus> {
    off_runtime(|| state.desk(|d| d.chain_join(&url, &code, &name))).map(|s| sync.woken(s))
}

#[tauri::command(async)]
pub fn chain_sync_now(state: State<AppState>, sync: State<ChainSync>) -> Reply<ChainStatus> {
    state.desk(|d| d.chain_sync_now(|| sync.wake()))
}
