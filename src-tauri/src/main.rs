//! Khách Quen desktop shell. It opens the database, exposes the core as commands and hosts the
//! UI; every decision lives in the `khachquen` core.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod state;

use tauri::Manager;

fn main() {
    let app = tauri::Builder::default()
        // Must be first: a second launch focuses the running window instead of opening the
        // database twice.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            app.manage(state::AppState::open(app.handle()));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::search_customers,
            commands::get_customer,
            commands::check_customer,
            commands::create_customer,
            commands::update_customer,
            commands::archive_customer,
            commands::restore_customer,
            commands::merge_customers,
            commands::add_preference,
            commands::update_preference,
            commands::remove_preference,
            commands::load_demo,
        ])
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|_, _| {}),
        Err(e) => {
            eprintln!("Khách Quen could not start: {e}");
            std::process::exit(1);
        }
    }
}
