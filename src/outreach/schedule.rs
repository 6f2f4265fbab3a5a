//! What the shell's notifier does and when: the decisions, with time passed in, so they are
//! tested without sleeping. The shell only sleeps, wakes and shows what this returns.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use crate::care::settings::CareSettings;
use crate::clock::{local_date, stamp, vietnam};
use crate::db::Db;
use crate::error::Result;

/// One grouped notification: "5 khách cần chăm sóc".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Announcement {
    /// Reminders taken for this notification (never taken again).
    #[ts(type = "number")]
    pub reminders: i64,
    /// Distinct customers among them.
    #[ts(type = "number")]
    pub customers: i64,
}

/// Takes every reminder due by `now` and not yet announced, in one transaction: a crash
/// after it never announces them again, one before it loses nothing.
pub fn take_due(db: &mut Db, now: DateTime<Utc>) -> Result<Announcement> {
    db.write(|tx| {
        let (reminders, customers): (i64, i64) = tx.query_row(
            "SELECT count(*), count(DISTINCT customer_id) FROM reminder
             WHERE notified_at IS NULL AND status IN ('open', 'snoozed') AND due_at <= ?1",
            [stamp(now)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if reminders > 0 {
            tx.execute(
                "UPDATE reminder SET notified_at = ?1
                 WHERE notified_at IS NULL AND status IN ('open', 'snoozed') AND due_at <= ?1",
                [stamp(now)],
            )?;
        }
        Ok(Announcement { reminders, customers })
    })
}

/// The next instant a reminder falls due that has not been announced.
pub fn next_due(conn: &Connection) -> Result<Option<DateTime<Utc>>> {
    let at: Option<String> = conn.query_row(
        "SELECT min(due_at) FROM reminder WHERE notified_at IS NULL AND status IN ('open', 'snoozed')",
        [],
        |r| r.get(0),
    )?;
    Ok(at.and_then(|s| DateTime::parse_from_rfc3339(&s).ok()).map(|t| t.with_timezone(&Utc)))
}

/// Reminders waiting now (the tray's count): due by the end of today, open or snoozed.
pub fn waiting(conn: &Connection, now: DateTime<Utc>) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM reminder WHERE status IN ('open', 'snoozed') AND due_on <= ?1",
        params![local_date(now)],
        |r| r.get(0),
    )?)
}

fn at_local(now: DateTime<Utc>, day_offset: i64, t: NaiveTime) -> DateTime<Utc> {
    let day = local_date(now) + Duration::days(day_offset);
    vietnam().from_local_datetime(&day.and_time(t)).single().map_or(now, |x| x.with_timezone(&Utc))
}

/// When the current quiet window ends, if `now` is inside one.
pub fn quiet_until(now: DateTime<Utc>, s: &CareSettings) -> Option<DateTime<Utc>> {
    let (from, to) = s.quiet()?;
    let t = now.with_timezone(&vietnam()).time();
    if from < to {
        (t >= from && t < to).then(|| at_local(now, 0, to))
    } else if t >= from {
        Some(at_local(now, 1, to))
    } else if t < to {
        Some(at_local(now, 0, to))
    } else {
        None
    }
}

/// The next local midnight: the daily planning pass runs then.
pub fn next_midnight(now: DateTime<Utc>) -> DateTime<Utc> {
    at_local(now, 1, NaiveTime::MIN)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Take what is due and show it (if anything).
    Announce,
    /// Nothing to do before this instant (or a write wakes the notifier earlier).
    SleepUntil(DateTime<Utc>),
}

/// The notifier's next step. `next_due` is the earliest unannounced due instant.
pub fn step(now: DateTime<Utc>, next_due: Option<DateTime<Utc>>, s: &CareSettings) -> Step {
    let midnight = next_midnight(now);
    let quiet = if s.notifications { quiet_until(now, s) } else { None };
    match next_due {
        Some(due) if due <= now && s.notifications => match quiet {
            Some(end) => Step::SleepUntil(end.min(midnight)),
            None => Step::Announce,
        },
        // Notifications off: only the daily pass wakes it (the tray count still updates).
        _ if !s.notifications => Step::SleepUntil(midnight),
        Some(due) => Step::SleepUntil(due.min(midnight)),
        None => Step::SleepUntil(midnight),
    }
}

/// The grouped notification's title and body in the UI's language (`vi` unless `en`).
pub fn announcement_text(a: &Announcement, locale: &str) -> (String, String) {
    let en = locale == "en";
    let title =
        if en { "Khách Quen — customer care" } else { "Khách Quen — chăm sóc khách" };
    let body = match (en, a.customers) {
        (false, 1) if a.reminders == 1 => "1 khách cần chăm sóc. Mở mục Hôm nay để xem.".to_owned(),
        (false, c) => {
            format!("{c} khách cần chăm sóc ({} việc). Mở mục Hôm nay để xem.", a.reminders)
        }
        (true, 1) if a.reminders == 1 => "1 customer to contact. Open Today to see who.".to_owned(),
        (true, c) => {
            format!("{c} customers to contact ({} reminders). Open Today to see who.", a.reminders)
        }
    };
    (title.to_owned(), body)
}

/// The tray's label for the waiting count.
pub fn tray_text(waiting: i64, locale: &str) -> String {
    match (locale == "en", waiting) {
        (false, 0) => "Khách Quen — không có việc chờ".to_owned(),
        (false, n) => format!("Khách Quen — {n} việc chăm sóc chờ"),
        (true, 0) => "Khách Quen — nothing waiting".to_owned(),
        (true, n) => format!("Khách Quen — {n} care reminders waiting"),
    }
}

/// The tray menu's two items: open the window, quit.
pub fn tray_menu(locale: &str) -> (&'static str, &'static str) {
    if locale == "en" {
        ("Open Khách Quen", "Quit")
    } else {
        ("Mở Khách Quen", "Thoát")
    }
}

pub fn ui_locale(conn: &Connection) -> Result<String> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row("SELECT value FROM setting WHERE key = 'ui.locale'", [], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| "vi".to_owned()))
}

pub fn set_ui_locale(db: &mut Db, locale: &str) -> Result<()> {
    let locale = if locale == "en" { "en" } else { "vi" };
    db.write(|tx| {
        tx.execute(
            "INSERT INTO setting(key, value) VALUES ('ui.locale', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [locale],
        )?;
        Ok(())
    })
}
