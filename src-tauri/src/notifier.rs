//! The care notifier: a thread that sleeps until the next reminder falls due (or a write wakes
//! it), takes what is due in one transaction, and shows one grouped desktop notification. Every
//! decision is the core's (`outreach::schedule`); this only sleeps, wakes and shows.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use chrono::NaiveDate;
use khachquen::care::plan;
use khachquen::clock::{local_date, Clock, SystemClock};
use khachquen::outreach::schedule;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_notification::NotificationExt;

use crate::state::AppState;

/// Sleeps are cut to this so a changed system clock or a resumed laptop is noticed soon.
const MAX_SLEEP: Duration = Duration::from_secs(300);

#[derive(Default)]
pub struct Wake {
    pending: Mutex<bool>,
    cv: Condvar,
}

impl Wake {
    /// Something changed (a sale, a claim, a rule): look again now.
    pub fn wake(&self) {
        let mut p = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        *p = true;
        self.cv.notify_one();
    }

    fn sleep(&self, d: Duration) {
        let p = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        let (mut p, _) = self
            .cv
            .wait_timeout_while(p, d.min(MAX_SLEEP), |p| !*p)
            .unwrap_or_else(|e| e.into_inner());
        *p = false;
    }
}

pub fn spawn<R: Runtime>(app: AppHandle<R>) {
    let spawned = std::thread::Builder::new().name("care-notifier".into()).spawn(move || run(&app));
    if let Err(e) = spawned {
        eprintln!("Khách Quen: care notifier not started: {e}");
    }
}

fn run<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let mut planned_on: Option<NaiveDate> = None;
    let mut backed_up_on: Option<NaiveDate> = None;
    loop {
        let now = SystemClock.now();
        // The daily backup: at start, or soon after midnight, unless today has one already.
        if backed_up_on != Some(local_date(now)) {
            let due = state.with(|db| {
                let dir = khachquen::io::backup::folder(db.conn(), &state.data_dir)?;
                khachquen::io::backup::due(&dir, now)
            });
            match due {
                Ok(false) => backed_up_on = Some(local_date(now)),
                Ok(true) => match state.backup(None) {
                    Ok(_) => {
                        backed_up_on = Some(local_date(now));
                        let _ = state.clean_exports();
                    }
                    Err(e) => eprintln!("Khách Quen: daily backup failed: {}", e.message),
                },
                Err(e) => eprintln!("Khách Quen: backup folder unreadable: {}", e.message),
            }
        }
        // Once a day (and at start): the full planning pass.
        if planned_on != Some(local_date(now)) {
            match state.with(|db| plan::run(db, &plan::Scope::All, now)) {
                Ok(_) => planned_on = Some(local_date(now)),
                Err(e) => eprintln!("Khách Quen: care planning failed: {}", e.message),
            }
        }
        // Once a day (and at start unless it already ran today): tiers re-ranked, points expired.
        if let Err(e) = state.with(|db| khachquen::loyalty::nightly::run_if_due(db, now)) {
            eprintln!("Khách Quen: loyalty nightly pass failed: {}", e.message);
        }
        let decided = state.with(|db| {
            let settings = khachquen::care::settings::get(db.conn())?;
            let next = schedule::next_due(db.conn())?;
            Ok((schedule::step(now, next, &settings), settings.notifications))
        });
        let step = match decided {
            Ok((step, reminders_on)) => {
                crate::tray::set_reminders_on(app, reminders_on);
                step
            }
            Err(e) => {
                // No database (newer schema, unreadable file): nothing to announce, ever.
                eprintln!("Khách Quen: care notifier stopped: {}", e.message);
                return;
            }
        };
        match step {
            schedule::Step::Announce => {
                let taken = state.with(|db| {
                    let a = schedule::take_due(db, now)?;
                    Ok((a.clone(), schedule::ui_locale(db.conn())?))
                });
                match taken {
                    Ok((a, locale)) if a.reminders > 0 => {
                        let (title, body) = schedule::announcement_text(&a, &locale);
                        if let Err(e) = app.notification().builder().title(title).body(body).show()
                        {
                            eprintln!("Khách Quen: notification not shown: {e}");
                        }
                    }
                    Ok(_) => {}
                    // A busy or failing database: try again in a minute, not in a tight loop.
                    Err(_) => state.wake.sleep(Duration::from_secs(60)),
                }
                refresh_tray(app);
            }
            schedule::Step::SleepUntil(at) => {
                refresh_tray(app);
                let wait = (at - now).to_std().unwrap_or(Duration::ZERO);
                state.wake.sleep(wait);
            }
        }
    }
}

/// The tray shows how many reminders are waiting: drawn on its icon and in its menu.
pub fn refresh_tray<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let now = SystemClock.now();
    let Ok((waiting, locale)) =
        state.with(|db| Ok((schedule::waiting(db.conn(), now)?, schedule::ui_locale(db.conn())?)))
    else {
        return;
    };
    crate::tray::refresh(app, waiting, &locale);
}
