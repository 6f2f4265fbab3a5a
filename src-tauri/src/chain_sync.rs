//! The chain's background sync: a thread that, while the shop is joined to a hub, syncs every
//! few seconds (backing off while the hub is away) on a SQLite connection of its own, so the
//! counter never waits on the network. Each batch it applies is one short transaction (the
//! core's `chain::BATCH`). After each try it tells the UI the status; after a pull that brought
//! something it also wakes the care notifier (tray, Today) and tells the UI to refresh what is
//! open. The core decides what a sync does and how long to wait; this only sleeps and delivers.

use std::sync::{Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use khachquen::chain;
use khachquen::clock::{Clock, SystemClock};
use khachquen::Db;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::state::AppState;

/// Not joined yet: look again this often (joining wakes the thread at once anyway).
const IDLE: Duration = Duration::from_secs(60);
/// On quit, a sync under way is given this long to finish its batch; past it the app exits
/// anyway, which loses nothing (each batch is one transaction, and the hub's is too).
const STOP_WAIT: Duration = Duration::from_secs(3);

#[derive(Default)]
struct Signal {
    now: bool,
    stop: bool,
}

/// The thread's handle in the app's state: wake it, stop it.
#[derive(Default)]
pub struct ChainSync {
    signal: Mutex<Signal>,
    cv: Condvar,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl ChainSync {
    /// Sync now (the shop just joined, or someone pressed "sync now").
    pub fn wake(&self) {
        let mut s = self.signal.lock().unwrap_or_else(|e| e.into_inner());
        s.now = true;
        self.cv.notify_one();
    }

    /// `value`, once the thread has been woken: for a command's one expression.
    pub fn woken<T>(&self, value: T) -> T {
        self.wake();
        value
    }

    /// Waits `d` unless woken or stopped first; false once stopped.
    fn sleep(&self, d: Duration) -> bool {
        let s = self.signal.lock().unwrap_or_else(|e| e.into_inner());
        let (mut s, _) = self
            .cv
            .wait_timeout_while(s, d, |s| !s.now && !s.stop)
            .unwrap_or_else(|e| e.into_inner());
        s.now = false;
        !s.stop
    }

    fn stopped(&self) -> bool {
        self.signal.lock().unwrap_or_else(|e| e.into_inner()).stop
    }

    /// Stops the thread on quit, waiting a little for a sync under way.
    pub fn stop(&self) {
        {
            let mut s = self.signal.lock().unwrap_or_else(|e| e.into_inner());
            s.stop = true;
            self.cv.notify_one();
        }
        let Some(thread) = self.thread.lock().unwrap_or_else(|e| e.into_inner()).take() else {
            return;
        };
        let until = Instant::now() + STOP_WAIT;
        while !thread.is_finished() && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(20));
        }
        if thread.is_finished() {
            let _ = thread.join();
        }
    }
}

pub fn spawn<R: Runtime>(app: AppHandle<R>) {
    let handle = app.clone();
    let spawned = std::thread::Builder::new().name("chain-sync".into()).spawn(move || run(&app));
    match spawned {
        Ok(thread) => {
            let sync = handle.state::<ChainSync>();
            *sync.thread.lock().unwrap_or_else(|e| e.into_inner()) = Some(thread);
        }
        Err(e) => eprintln!("Khách Quen: chain sync not started: {e}"),
    }
}

fn run<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let sync = app.state::<ChainSync>();
    // No database (a newer schema, an unreadable file): nothing to sync, ever.
    if state.open_error().is_some() {
        return;
    }
    let mut db: Option<Db> = None;
    let mut failures = 0;
    while !sync.stopped() {
        // Never let one bad round end the thread (and with it the syncing, unnoticed): a panic
        // counts as a failed try, on a connection opened afresh.
        let tried = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            round(app, &state, &mut db, &mut failures)
        }));
        let wait = tried.unwrap_or_else(|_| {
            eprintln!("Khách Quen: a chain sync failed unexpectedly; trying again later");
            db = None;
            failures += 1;
            chain::next_wait(failures)
        });
        if !sync.sleep(wait) {
            return;
        }
    }
}

/// One try; how long to wait before the next.
fn round<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    db: &mut Option<Db>,
    failures: &mut u32,
) -> Duration {
    if db.is_none() {
        // Its own connection on the same file (WAL): the counter's is never held.
        match Db::open(&state.db_path) {
            Ok(opened) => *db = Some(opened),
            Err(e) => {
                eprintln!("Khách Quen: chain sync cannot open the database: {e}");
                *failures += 1;
                return chain::next_wait(*failures);
            }
        }
    }
    let Some(conn) = db.as_mut() else { return IDLE };
    match chain::is_joined(conn.conn()) {
        Ok(true) => {}
        Ok(false) => return IDLE,
        Err(_) => {
            *db = None;
            return IDLE;
        }
    }
    match chain::sync_and_record(conn, &state.data_dir, SystemClock.now()) {
        Ok(done) => {
            *failures = 0;
            if done.pulled > 0 {
                // Other stores' changes are in: reminders may be due, open lists are stale.
                state.wake.wake();
                let _ = app.emit("chain-pulled", done.pulled);
            }
        }
        // Recorded in the status (its code) by the core; the counter goes on.
        Err(_) => *failures += 1,
    }
    if let Ok(status) = chain::status(conn.conn()) {
        let _ = app.emit("chain-status", status);
    }
    if *failures == 0 {
        chain::INTERVAL
    } else {
        chain::next_wait(*failures)
    }
}
