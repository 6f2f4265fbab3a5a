//! Tauri commands of how the app lives on the desktop (issue 16): starting with the computer,
//! and what the tray shows. The core decides who may change what; the autostart plugin only
//! registers the choice with the system.

use khachquen::error::Error;
use khachquen::outreach::desktop::DesktopSettings;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_autostart::ManagerExt;

use crate::state::AppState;
use crate::tray::TrayStatus;

type Reply<T> = Result<T, khachquen::error::ErrorPayload>;

/// The box shows what the computer will do: someone may have removed the entry by hand (Task
/// Manager's Startup tab) or brought this database from another PC, where the stored choice was
/// made. The system's answer wins when it can be read.
#[tauri::command(async)]
pub fn desktop_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<AppState>,
) -> Reply<DesktopSettings> {
    let stored = state.desk(|d| d.desktop_settings())?;
    let system = app.autolaunch().is_enabled().ok();
    Ok(DesktopSettings { start_with_computer: system.unwrap_or(stored.start_with_computer) })
}

/// The owner's choice, stored only once the system has taken it (an XDG autostart entry on
/// Linux, the `Run` registry key on Windows).
#[tauri::command(async)]
pub fn set_start_with_computer<R: Runtime>(
    app: AppHandle<R>,
    state: State<AppState>,
    on: bool,
) -> Reply<DesktopSettings> {
    state.desk(|d| d.set_start_with_computer(on, |on| autostart(&app, on)))
}

fn autostart<R: Runtime>(app: &AppHandle<R>, on: bool) -> khachquen::Result<()> {
    let launch = app.autolaunch();
    let done = if on { launch.enable() } else { launch.disable() };
    done.map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

/// What the tray shows now: the count drawn on its icon and a fingerprint of those pixels.
/// Nothing of a customer: the same count is on the icon for anyone at the screen.
#[tauri::command(async)]
pub fn tray_status<R: Runtime>(app: AppHandle<R>) -> TrayStatus {
    crate::tray::status(&app)
}
