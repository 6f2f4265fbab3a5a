//! Khách Quen desktop shell. It opens the database, exposes the core as commands and hosts the
//! UI; every decision lives in the `khachquen` core.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
// A command's error is serialised to the UI once per failed call; its size on the stack is of no
// consequence, and boxing it would only add noise to every command.
#![allow(clippy::result_large_err)]

mod approval_commands;
mod backup_commands;
mod card_commands;
mod care_commands;
mod commands;
mod desktop_commands;
mod duplicate_commands;
mod feedback_commands;
mod import_commands;
// Issue 17 (loypoints).
mod loyalty_commands;
mod loyalty_report_commands;
// Issue 17: vouchers and what customers owe.
mod loyvouch_commands;
mod notifier;
mod policy_commands;
mod privacy_commands;
mod sales_commands;
mod staff_commands;
mod state;
// Issue 15: who does what in a chain.
mod store_commands;
mod tray;

// Issue 15, the app: the store in its chain, synced in the background.
mod chain_commands;
mod chain_sync;

use tauri::Manager;

fn main() {
    let app = tauri::Builder::default()
        // Must be first: a second launch focuses the running window instead of opening the
        // database twice.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // Also when hidden in the tray: show() brings it back.
            tray::show_main(app);
        }))
        .plugin(tauri_plugin_notification::init())
        // Started with the computer, the app starts hidden in the tray (see setup).
        .plugin(tauri_plugin_autostart::Builder::new().arg(tray::AUTOSTART_ARG).build())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            app.manage(state::AppState::open(app.handle()));
            // Exports hold personal data: those older than the owner's retention go.
            if let Err(e) = app.state::<state::AppState>().clean_exports() {
                eprintln!("Khách Quen: old exports not cleaned: {}", e.message);
            }
            // Without a tray host (some desktops) the app still runs; the window shows the count.
            if let Err(e) = tray::create(app.handle()) {
                eprintln!("Khách Quen: no tray icon: {e}");
            }
            notifier::spawn(app.handle().clone());
            tray::started(app.handle());
            // Issue 15: the chain's background sync, on a connection of its own.
            app.manage(chain_sync::ChainSync::default());
            chain_sync::spawn(app.handle().clone());
            Ok(())
        })
        .on_window_event(tray::on_window_event)
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::search_customers,
            commands::get_customer,
            commands::check_customer,
            commands::create_customer,
            commands::update_customer,
            commands::archive_customer,
            commands::restore_customer,
            commands::add_preference,
            commands::update_preference,
            commands::remove_preference,
            commands::load_demo,
            commands::reveal_phones,
            sales_commands::lookup_sales,
            sales_commands::customer_after_sales,
            sales_commands::find_products,
            sales_commands::save_product,
            sales_commands::product_catalogue,
            sales_commands::archive_product,
            sales_commands::get_product,
            sales_commands::list_policies,
            sales_commands::save_policy,
            sales_commands::create_purchase,
            sales_commands::update_purchase,
            sales_commands::void_purchase,
            sales_commands::get_purchase,
            sales_commands::get_unit,
            sales_commands::open_claim,
            sales_commands::transition_claim,
            sales_commands::get_claim,
            sales_commands::claim_board,
            sales_commands::preview_return,
            sales_commands::get_return,
            sales_commands::get_settings,
            sales_commands::save_settings,
            sales_commands::print_page,
            sales_commands::parse_money,
            care_commands::care_today,
            care_commands::customer_care,
            care_commands::save_care_profile,
            care_commands::create_reminder,
            care_commands::record_outcome,
            care_commands::dismiss_reminder,
            care_commands::prepare_message,
            care_commands::open_contact,
            care_commands::care_rules,
            care_commands::save_care_rule,
            care_commands::reset_care_rule,
            care_commands::message_templates,
            care_commands::save_template,
            care_commands::reset_template,
            care_commands::preview_template,
            care_commands::care_settings,
            care_commands::save_care_settings,
            care_commands::set_ui_locale,
            care_commands::replan_care,
            feedback_commands::log_interaction,
            feedback_commands::open_complaint,
            feedback_commands::complaints,
            feedback_commands::get_complaint,
            feedback_commands::respond_complaint,
            feedback_commands::transition_complaint,
            feedback_commands::edit_complaint,
            feedback_commands::record_feedback,
            feedback_commands::create_promise,
            feedback_commands::close_promise,
            feedback_commands::service_settings,
            feedback_commands::save_service_settings,
            feedback_commands::dashboard,
            feedback_commands::segment,
            feedback_commands::export_segment,
            feedback_commands::save_export,
            feedback_commands::save_export_xlsx,
            feedback_commands::create_campaign,
            backup_commands::backup_info,
            backup_commands::set_backup_folder,
            backup_commands::backup_now,
            backup_commands::restore_backup,
            backup_commands::set_backup_passphrase,
            backup_commands::set_exports_retention,
            staff_commands::session_state,
            staff_commands::create_owner,
            staff_commands::sign_in,
            staff_commands::sign_out,
            staff_commands::change_pin,
            staff_commands::unlock_staff,
            staff_commands::list_staff,
            staff_commands::save_staff,
            staff_commands::role_permissions,
            staff_commands::set_role_permissions,
            staff_commands::set_idle_minutes,
            staff_commands::audit_log,
            import_commands::stage_import,
            import_commands::import_dry_run,
            import_commands::import_commit,
            import_commands::last_import,
            import_commands::undo_import,
            import_commands::import_presets,
            import_commands::save_import_preset,
            import_commands::delete_import_preset,
            import_commands::export_table,
            privacy_commands::customer_consents,
            privacy_commands::record_consent,
            privacy_commands::consent_text,
            privacy_commands::data_requests,
            privacy_commands::create_data_request,
            privacy_commands::update_data_request,
            privacy_commands::subject_copy,
            privacy_commands::set_restricted,
            privacy_commands::erase_customer,
            policy_commands::archive_policy,
            approval_commands::approvers,
            approval_commands::record_return_approved,
            approval_commands::add_goodwill_approved,
            duplicate_commands::find_duplicates,
            duplicate_commands::import_duplicates,
            duplicate_commands::merge_customers_with,
            duplicate_commands::dismiss_duplicate,
            card_commands::customer_briefing,
            card_commands::customer_timeline,
            card_commands::acknowledge_alert,
            card_commands::set_customer_language,
            card_commands::contact_message,
            sales_commands::lend_loan_unit,
            sales_commands::return_loan_unit,
            card_commands::card_contact_choices,
            card_commands::record_card_contact,
            card_commands::open_card_contact,
            desktop_commands::desktop_settings,
            desktop_commands::set_start_with_computer,
            desktop_commands::tray_status,
            store_commands::home_store,
            store_commands::set_home_store,
            store_commands::staff_stores,
            store_commands::set_staff_stores,
            chain_commands::chain_status,
            chain_commands::chain_test,
            chain_commands::chain_join,
            chain_commands::chain_sync_now,
            loyalty_commands::loyalty_rules,
            loyalty_commands::save_loyalty_rules,
            loyalty_commands::member_tiers,
            loyalty_commands::save_member_tiers,
            loyalty_commands::loyalty_summary,
            loyalty_commands::loyalty_history,
            loyalty_commands::adjust_points,
            loyalty_commands::adjust_credit,
            loyalty_commands::preview_tender,
            loyalty_report_commands::loyalty_report,
            loyvouch_commands::list_vouchers,
            loyvouch_commands::voucher_uses,
            loyvouch_commands::create_voucher,
            loyvouch_commands::archive_voucher,
            loyvouch_commands::quote_voucher,
            loyvouch_commands::voucher_settings,
            loyvouch_commands::save_voucher_settings,
            loyvouch_commands::debt_account,
            loyvouch_commands::record_payment,
            loyvouch_commands::set_debt_limit,
            loyvouch_commands::open_debts,
            loyvouch_commands::debt_settings,
            loyvouch_commands::save_debt_settings,
            sales_commands::acknowledge_claim_conflict,
        ])
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|app, event| {
            // A backup on the way out, so a day's work is never only in the live file.
            if let tauri::RunEvent::Exit = event {
                // The chain's sync first: it may be writing on its own connection.
                app.state::<chain_sync::ChainSync>().stop();
                if let Err(e) = app.state::<state::AppState>().backup(None) {
                    eprintln!("Khách Quen: backup on exit failed: {}", e.message);
                }
            }
        }),
        Err(e) => {
            eprintln!("Khách Quen could not start: {e}");
            std::process::exit(1);
        }
    }
}
