//! How the app lives on the desktop (issue 16): "start with the computer" is the owner's
//! choice, audited, and stored only when the system took it; closing hides to the tray while
//! reminders are on; the explanation of that shows once.

use khachquen::care::settings::{self as care_settings, CareSettings};
use khachquen::error::Error;
use khachquen::outreach::desktop;

use crate::shop_support::shop;
use crate::support::{now, table_count};

#[test]
fn the_owner_turns_start_with_the_computer_on_and_off_and_each_is_audited() {
    let mut shop = shop();
    let owner = shop.owner.clone();
    let off = shop.as_(&owner, |d| d.desktop_settings()).expect("read");
    assert!(!off.start_with_computer, "off until the owner asks for it");
    let mut applied = Vec::new();
    let on = shop
        .as_(&owner, |d| {
            d.set_start_with_computer(true, |on| {
                applied.push(on);
                Ok(())
            })
        })
        .expect("the owner may");
    assert!(on.start_with_computer);
    assert_eq!(applied, [true], "the system is asked once, with the choice");
    assert!(shop.as_(&owner, |d| d.desktop_settings()).expect("read").start_with_computer);
    let off = shop.as_(&owner, |d| d.set_start_with_computer(false, |_| Ok(()))).expect("off");
    assert!(!off.start_with_computer);
    let rows = shop.count(
        "SELECT count(*) FROM audit_log WHERE entity = 'setting'
         AND detail LIKE '%start_with_computer%'",
    );
    assert_eq!(rows, 2, "both changes are in the audit log");
}

#[test]
fn a_manager_or_staff_member_is_refused_and_the_system_is_not_touched() {
    let mut shop = shop();
    for who in [shop.manager.clone(), shop.staff.clone()] {
        let audit = table_count(&shop.db, "audit_log");
        let mut asked = false;
        let err = shop
            .as_(&who, |d| {
                d.set_start_with_computer(true, |_| {
                    asked = true;
                    Ok(())
                })
            })
            .expect_err("owner only");
        assert_eq!(err.code, "forbidden", "{}", who.name);
        assert!(!asked, "{}: the autostart entry is not written for a refused call", who.name);
        assert_eq!(table_count(&shop.db, "audit_log"), audit, "{}: nothing logged", who.name);
        // Reading it is fine: the settings page shows the choice, disabled.
        assert!(!shop.as_(&who, |d| d.desktop_settings()).expect("read").start_with_computer);
    }
}

#[test]
fn a_system_that_refuses_leaves_the_old_choice_and_no_audit_row() {
    let mut shop = shop();
    let owner = shop.owner.clone();
    let audit = table_count(&shop.db, "audit_log");
    let err = shop
        .as_(&owner, |d| {
            d.set_start_with_computer(true, |_| {
                Err(Error::Io(std::io::Error::other("read-only autostart folder")))
            })
        })
        .expect_err("refused by the system");
    assert_eq!(err.code, "io");
    assert!(!desktop::get(shop.db.conn()).expect("read").start_with_computer);
    assert_eq!(table_count(&shop.db, "audit_log"), audit, "nothing happened, nothing logged");
}

#[test]
fn closing_hides_to_the_tray_only_while_reminders_are_on() {
    let mut shop = shop();
    assert!(desktop::hides_on_close(shop.db.conn()).expect("read"), "reminders are on by default");
    let off = CareSettings { notifications: false, ..CareSettings::default() };
    care_settings::save(&mut shop.db, &off, "Chủ Hà", now()).expect("save");
    assert!(!desktop::hides_on_close(shop.db.conn()).expect("read"), "off: closing quits");
}

#[test]
fn the_close_explanation_is_shown_once() {
    let mut shop = shop();
    assert!(desktop::first_close_hint(&mut shop.db).expect("first"));
    assert!(!desktop::first_close_hint(&mut shop.db).expect("second"));
    assert!(!desktop::first_close_hint(&mut shop.db).expect("third"));
}

#[test]
fn the_tray_texts_follow_the_language_and_the_count() {
    assert_eq!(desktop::waiting_line(3, "vi"), "3 việc chăm sóc đang chờ");
    assert_eq!(desktop::waiting_line(3, "en"), "3 care reminders waiting");
    assert_eq!(desktop::waiting_line(1, "en"), "1 care reminder waiting");
    assert_eq!(desktop::waiting_line(0, "vi"), "Không có việc chăm sóc nào chờ");
    let (_, vi) = desktop::close_hint_text("vi");
    assert!(vi.contains("chọn Thoát trong khay"), "{vi}");
    let (_, en) = desktop::close_hint_text("en");
    assert!(en.contains("Quit"), "{en}");
}
