//! How the app lives on this PC's desktop so reminders keep coming: closing the window hides it
//! to the tray while reminders are on, it may start with the computer, and the tray's texts.
//! The `desktop.*` settings describe this PC, not the shop: a future sync must not carry them.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Db;
use crate::error::Result;
use crate::staff::{Actor, Role};

const START_KEY: &str = "desktop.start_with_computer";
const CLOSE_HINT_KEY: &str = "desktop.close_hint_shown";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DesktopSettings {
    /// The app starts (hidden in the tray) when the computer does: the owner's choice.
    pub start_with_computer: bool,
}

pub fn get(conn: &Connection) -> Result<DesktopSettings> {
    let start = crate::db::setting::get(conn, START_KEY)?;
    Ok(DesktopSettings { start_with_computer: start.as_deref() == Some("1") })
}

/// Stores the owner's choice and, in the same transaction, has `apply` register it with the
/// system: a refusal there (a read-only autostart folder, a policy) leaves the old choice stored
/// and the error returned, so the setting never claims what the computer does not do.
pub fn set_start_with_computer(
    db: &mut Db,
    on: bool,
    by: &Actor,
    now: DateTime<Utc>,
    apply: impl FnOnce(bool) -> Result<()>,
) -> Result<DesktopSettings> {
    if by.role != Role::Owner {
        return Err(crate::error::Error::Forbidden(crate::io::backup::OWNER_ONLY));
    }
    db.write(|tx| {
        let value = if on { "1" } else { "0" };
        let detail = serde_json::json!({ "start_with_computer": on });
        crate::audit::save_setting(tx, now, &by.name, START_KEY, value, detail)?;
        apply(on)
    })?;
    get(db.conn())
}

/// Closing the window hides it to the tray while reminders are on: otherwise nothing would
/// announce them until someone opened the app again. With them off, closing quits.
pub fn hides_on_close(conn: &Connection) -> Result<bool> {
    Ok(crate::care::settings::get(conn)?.notifications)
}

/// True the first time only (and remembers it): the one-line explanation of why closing did
/// not quit is shown once per PC, not on every close.
pub fn first_close_hint(db: &mut Db) -> Result<bool> {
    db.write(|tx| {
        let shown = crate::db::setting::get(tx, CLOSE_HINT_KEY)?.is_some();
        if !shown {
            crate::db::setting::set(tx, CLOSE_HINT_KEY, "1")?;
        }
        Ok(!shown)
    })
}

/// The notification's title and body when the window first hides to the tray.
pub fn close_hint_text(locale: &str) -> (String, String) {
    if locale == "en" {
        (
            "Khách Quen is still running".to_owned(),
            "Khách Quen keeps running in the tray to remind you of customers — choose Quit in \
             the tray to close it completely."
                .to_owned(),
        )
    } else {
        (
            "Khách Quen vẫn đang chạy".to_owned(),
            "Khách Quen vẫn chạy dưới khay để nhắc khách hẹn — chọn Thoát trong khay để tắt hẳn."
                .to_owned(),
        )
    }
}

/// The tray menu's line with the waiting count (shown, not clickable).
pub fn waiting_line(waiting: i64, locale: &str) -> String {
    match (locale == "en", waiting) {
        (false, n) if n <= 0 => "Không có việc chăm sóc nào chờ".to_owned(),
        (false, n) => format!("{n} việc chăm sóc đang chờ"),
        (true, n) if n <= 0 => "No care reminders waiting".to_owned(),
        (true, 1) => "1 care reminder waiting".to_owned(),
        (true, n) => format!("{n} care reminders waiting"),
    }
}
