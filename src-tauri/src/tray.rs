//! The tray icon: the waiting count drawn on the icon itself (a window title or a tray title is
//! not shown on Windows), a menu to bring the window back, read the count and quit, and the
//! window hiding to the tray on close while reminders are on.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use khachquen::outreach::{badge, desktop, schedule};
use serde::Serialize;
use tauri::image::Image;
use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime, Window, WindowEvent};
use tauri_plugin_notification::NotificationExt;

use crate::state::AppState;

pub const TRAY_ID: &str = "main";
/// The largest icon handed to the tray: trays draw 16–64 px, and the badge is redrawn on every
/// change of the count.
const ICON_MAX: u32 = 64;

/// The menu items whose text changes (the count, and the language of all three).
struct Items<R: Runtime> {
    open: MenuItem<R>,
    waiting: MenuItem<R>,
    quit: MenuItem<R>,
}

/// What the tray shows now: read back by `tray_status` (end-to-end tests, support).
#[derive(Debug, Clone, Default, Serialize)]
pub struct TrayStatus {
    /// The count drawn on the icon (None before the first refresh).
    pub count: Option<i64>,
    /// Fingerprint of the icon pixels last set (`badge::fingerprint`).
    pub icon: String,
    pub width: u32,
    pub height: u32,
    /// The menu's count line, as shown.
    pub waiting_line: String,
    /// Whether the main window is hidden in the tray.
    pub hidden: bool,
    /// Whether closing the window hides it (reminders on) rather than quitting.
    pub hides_on_close: bool,
}

pub struct Tray<R: Runtime> {
    items: Items<R>,
    /// The app icon, shrunk to tray size: the badge is drawn on a fresh copy each time.
    base: Option<(Vec<u8>, u32, u32)>,
    status: Mutex<TrayStatus>,
    /// Whether reminders are on, as the notifier last read it: the close button decides on this
    /// without waiting for the database (a long import holds it; the window must not freeze).
    reminders_on: AtomicBool,
}

pub fn create<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let items = Items {
        open: MenuItem::with_id(app, "open", "", true, None::<&str>)?,
        // A line to read, not to click.
        waiting: MenuItem::with_id(app, "waiting", "", false, None::<&str>)?,
        quit: MenuItem::with_id(app, "quit", "", true, None::<&str>)?,
    };
    let menu = Menu::with_items(app, &[&items.open, &items.waiting, &items.quit])?;
    let base =
        app.default_window_icon().map(|i| badge::shrink(i.rgba(), i.width(), i.height(), ICON_MAX));
    let mut builder = TrayIconBuilder::with_id(TRAY_ID).menu(&menu).tooltip("Khách Quen");
    if let Some((rgba, w, h)) = &base {
        builder = builder.icon(Image::new_owned(rgba.clone(), *w, *h));
    }
    builder
        .on_menu_event(|app, event| match event.id().as_ref() {
            "open" => show_main(app),
            "quit" => app.exit(0),
            _ => {}
        })
        .build(app)?;
    let on = app.state::<AppState>().with(|db| desktop::hides_on_close(db.conn()));
    app.manage(Tray {
        items,
        base,
        status: Mutex::new(TrayStatus::default()),
        reminders_on: AtomicBool::new(matches!(on, Ok(true))),
    });
    // The menu's texts and the badge at once, not after the notifier's first planning pass.
    crate::notifier::refresh_tray(app);
    Ok(())
}

/// The argument the autostart entry launches the app with.
pub const AUTOSTART_ARG: &str = "--autostart";

/// Started with the computer, the window goes straight to the tray: nobody asked to see it,
/// the reminders are what it starts for. Shown as usual without a tray or with reminders off.
pub fn started<R: Runtime>(app: &AppHandle<R>) {
    if !std::env::args().any(|a| a == AUTOSTART_ARG) || app.tray_by_id(TRAY_ID).is_none() {
        return;
    }
    let hides = app.state::<AppState>().with(|db| desktop::hides_on_close(db.conn()));
    if let (Ok(true), Some(w)) = (hides, app.get_webview_window("main")) {
        let _ = w.hide();
        set_hidden(app, true);
    }
}

/// Brings the main window back: from the tray menu, or a second launch of the app.
pub fn show_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
    set_hidden(app, false);
}

fn set_hidden<R: Runtime>(app: &AppHandle<R>, hidden: bool) {
    if let Some(tray) = app.try_state::<Tray<R>>() {
        tray.status.lock().unwrap_or_else(|e| e.into_inner()).hidden = hidden;
    }
}

/// Redraws the count on the icon and in the menu, in the UI's language. The icon is set only
/// when the count changed: an idle app does no pixel work.
pub fn refresh<R: Runtime>(app: &AppHandle<R>, waiting: i64, locale: &str) {
    let (Some(tray), Some(icon)) = (app.try_state::<Tray<R>>(), app.tray_by_id(TRAY_ID)) else {
        return;
    };
    let line = desktop::waiting_line(waiting, locale);
    let (open, quit) = schedule::tray_menu(locale);
    let _ = tray.items.open.set_text(open);
    let _ = tray.items.waiting.set_text(line);
    let _ = tray.items.quit.set_text(quit);
    let _ = icon.set_tooltip(Some(schedule::tray_text(waiting, locale)));
    let mut status = tray.status.lock().unwrap_or_else(|e| e.into_inner());
    if status.count == Some(waiting) {
        return;
    }
    status.count = Some(waiting);
    if let Some((rgba, w, h)) = &tray.base {
        let drawn = badge::draw(rgba, *w, *h, waiting);
        status.icon = badge::fingerprint(&drawn);
        (status.width, status.height) = (*w, *h);
        let _ = icon.set_icon(Some(Image::new_owned(drawn, *w, *h)));
    }
}

/// The notifier read the care settings: closing hides to the tray while reminders are on.
pub fn set_reminders_on<R: Runtime>(app: &AppHandle<R>, on: bool) {
    if let Some(tray) = app.try_state::<Tray<R>>() {
        tray.reminders_on.store(on, Ordering::Relaxed);
    }
}

pub fn status<R: Runtime>(app: &AppHandle<R>) -> TrayStatus {
    let Some(tray) = app.try_state::<Tray<R>>() else { return TrayStatus::default() };
    let mut status = tray.status.lock().unwrap_or_else(|e| e.into_inner()).clone();
    // Read back from the menu itself: what it shows, not what was meant for it.
    status.waiting_line = tray.items.waiting.text().unwrap_or_default();
    status.hides_on_close = tray.reminders_on.load(Ordering::Relaxed);
    status
}

/// Closing the main window hides it to the tray while reminders are on, so they keep being
/// announced; the first time, a notification says why and how to quit. With reminders off, or
/// without a tray to come back from, closing quits as before.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else { return };
    let app = window.app_handle();
    if window.label() != "main" || app.tray_by_id(TRAY_ID).is_none() {
        return;
    }
    let on = app.try_state::<Tray<R>>().is_some_and(|t| t.reminders_on.load(Ordering::Relaxed));
    if !on {
        return;
    }
    api.prevent_close();
    let _ = window.hide();
    set_hidden(app, true);
    // The hint is written and shown off the window's thread: the database may be busy.
    let app = app.clone();
    let spawned = std::thread::Builder::new().name("close-hint".into()).spawn(move || {
        let first = app
            .state::<AppState>()
            .with(|db| Ok((desktop::first_close_hint(db)?, schedule::ui_locale(db.conn())?)));
        if let Ok((true, locale)) = first {
            let (title, body) = desktop::close_hint_text(&locale);
            if let Err(e) = app.notification().builder().title(title).body(body).show() {
                eprintln!("Khách Quen: notification not shown: {e}");
            }
        }
    });
    if let Err(e) = spawned {
        eprintln!("Khách Quen: close hint not shown: {e}");
    }
}
