use chrono::Duration;
use khachquen::audit::{self, AuditFilter};
use khachquen::error::Error;
use khachquen::staff::{self, Actor, MaskPhones, Permission, Role, Session, StaffDraft};

use crate::support::{add, add_unasked, db, now};

pub const OWNER_PIN: &str = "246813";

fn owner(db: &mut khachquen::Db) -> Actor {
    staff::first_owner(db, "Chủ Hà", OWNER_PIN, now()).expect("first owner")
}

fn draft(name: &str, role: Role, pin: &str) -> StaffDraft {
    StaffDraft { name: name.into(), role: Some(role), pin: pin.into(), active: true }
}

#[test]
fn first_run_creates_the_owner_once() {
    let mut db = db();
    assert!(staff::needs_owner(db.conn()).unwrap());
    let o = owner(&mut db);
    assert_eq!(o.role, Role::Owner);
    assert!(Permission::ALL.iter().all(|p| o.can(*p)));
    assert!(!staff::needs_owner(db.conn()).unwrap());
    let again = staff::first_owner(&mut db, "Kẻ khác", "111111", now());
    assert!(matches!(again, Err(Error::Forbidden(_))), "{again:?}");
    assert_eq!(staff::list(db.conn()).unwrap().len(), 1);
}

#[test]
fn pin_is_stored_only_as_an_argon2id_hash() {
    let mut db = db();
    owner(&mut db);
    let hash: String = db.conn().query_row("SELECT pin_hash FROM staff", [], |r| r.get(0)).unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains(OWNER_PIN));
}

#[test]
fn sign_in_with_the_right_pin_and_permissions_of_the_role() {
    let mut db = db();
    let o = owner(&mut db);
    let lan = staff::create(&mut db, &draft("Lan", Role::Staff, "1357"), &o, now()).unwrap();
    let minh = staff::create(&mut db, &draft("Minh", Role::Manager, "975310"), &o, now()).unwrap();
    let a = staff::sign_in(&mut db, lan.id, "1357", now()).unwrap();
    assert_eq!(a.name, "Lan");
    assert!(!a.can(Permission::SeePhones) && !a.can(Permission::Export));
    assert!(matches!(a.require(Permission::Erase), Err(Error::Forbidden("erase"))));
    let m = staff::sign_in(&mut db, minh.id, "975310", now()).unwrap();
    assert!(!m.must_change_pin && !a.must_change_pin, "PINs long enough for the role");
    assert!(m.can(Permission::SeePhones) && m.can(Permission::Export));
    assert!(!m.can(Permission::ManageStaff) && !m.can(Permission::Erase));
    // The owner grants staff the phones; the next sign-in carries it.
    staff::set_permissions(&mut db, Role::Staff, &[Permission::SeePhones], &o, now()).unwrap();
    let a = staff::sign_in(&mut db, lan.id, "1357", now()).unwrap();
    assert_eq!(a.permissions, vec![Permission::SeePhones]);
    // Only the owner manages staff; managing staff itself cannot be granted.
    let denied = staff::create(&mut db, &draft("Tú", Role::Staff, "1111"), &m, now());
    assert!(matches!(denied, Err(Error::Forbidden("manage_staff"))));
    let bad = staff::set_permissions(&mut db, Role::Manager, &[Permission::ManageStaff], &o, now());
    assert!(matches!(bad, Err(Error::Validation(_))));
}

#[test]
fn bad_staff_input_is_refused_and_one_owner_always_remains() {
    let mut db = db();
    let o = owner(&mut db);
    for (d, field) in [
        (draft("", Role::Staff, "1234"), "name"),
        (draft("Lan", Role::Staff, "12a4"), "pin"),
        (draft("Lan", Role::Staff, "123"), "pin"),
        (draft("chủ hà", Role::Staff, "1234"), "name"),
    ] {
        match staff::create(&mut db, &d, &o, now()) {
            Err(Error::Validation(f)) => assert_eq!(f[0].field, field),
            other => panic!("{d:?} gave {other:?}"),
        }
    }
    let demote = StaffDraft { pin: String::new(), ..draft("Chủ Hà", Role::Manager, "") };
    match staff::update(&mut db, o.id, &demote, &o, now()) {
        Err(Error::Validation(f)) => assert_eq!(f[0].code, "last_owner"),
        other => panic!("{other:?}"),
    }
    assert_eq!(staff::list(db.conn()).unwrap()[0].role, Role::Owner);
    // A deactivated account cannot sign in.
    let lan = staff::create(&mut db, &draft("Lan", Role::Staff, "1357"), &o, now()).unwrap();
    staff::update(
        &mut db,
        lan.id,
        &StaffDraft { active: false, ..draft("Lan", Role::Staff, "") },
        &o,
        now(),
    )
    .unwrap();
    assert!(staff::sign_in(&mut db, lan.id, "1357", now()).is_err());
}

#[test]
fn a_session_locks_after_idle_time() {
    let mut db = db();
    let o = owner(&mut db);
    let mut s = Session::default();
    assert!(matches!(s.actor(now()), Err(Error::SignedOut)));
    s.start(o, 5, now());
    assert!(s.actor(now() + Duration::minutes(4)).is_ok());
    // Each call is activity: four more minutes are still within five of the last one.
    assert!(s.actor(now() + Duration::minutes(8)).is_ok());
    assert!(matches!(s.actor(now() + Duration::minutes(14)), Err(Error::SignedOut)));
    assert!(s.peek(now() + Duration::minutes(14)).is_none());
}

#[test]
fn masked_phones_show_head_and_tail_only() {
    let mut db = db();
    let c = add(&mut db, "Trần Thị Hân", &["0912345678"]);
    let mut card = c.clone();
    card.mask_phones();
    assert_eq!(card.phones[0].display, "0912 xxx 678");
    assert_eq!(card.phones[0].canonical, "0912xxx678");
    let mut found = khachquen::customer::search(db.conn(), "678", Default::default()).unwrap();
    found.mask_phones();
    assert_eq!(found.hits[0].primary_phone.as_deref(), Some("0912 xxx 678"));
    assert!(!format!("{found:?}").contains("345"));
}

#[test]
fn the_audit_log_is_append_only_and_filterable() {
    let mut db = db();
    owner(&mut db);
    let c = add_unasked(&mut db, "Trần Thị Hân", &["0912345678"]);
    let del = db.conn().execute("DELETE FROM audit_log", []);
    assert!(del.is_err());
    let upd = db.conn().execute("UPDATE audit_log SET staff = 'ai đó'", []);
    assert!(upd.is_err());
    let page = audit::list(
        db.conn(),
        &AuditFilter {
            entity: Some("customer".into()),
            entity_id: Some(c.id),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(page.entries.len(), 1);
    assert_eq!(page.entries[0].action, "create");
    assert!(page.entities.contains(&"staff".to_owned()));
    let tomorrow = crate::support::today().succ_opt();
    let none =
        audit::list(db.conn(), &AuditFilter { from: tomorrow, ..Default::default() }).unwrap();
    assert!(none.entries.is_empty());
}

// ---- Sign-in hardening: PIN length by role, the escalating lockout, the owner's unlock. ----

fn field_codes(r: Result<impl std::fmt::Debug, Error>) -> Vec<(String, String)> {
    match r {
        Err(Error::Validation(f)) => f.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn audit_rows(db: &khachquen::Db, action: &str) -> Vec<audit::AuditEntry> {
    let mut rows =
        audit::list(db.conn(), &AuditFilter { action: Some(action.into()), ..Default::default() })
            .unwrap()
            .entries;
    rows.reverse(); // oldest first
    rows
}

/// `n` wrong PINs at `at`; the error of the last one.
fn wrong(db: &mut khachquen::Db, id: i64, n: usize, at: chrono::DateTime<chrono::Utc>) -> Error {
    let mut last = None;
    for _ in 0..n {
        last = Some(staff::sign_in(db, id, "999999", at).unwrap_err());
    }
    last.expect("at least one try")
}

fn locked_until(e: &Error) -> chrono::DateTime<chrono::Utc> {
    match e {
        Error::PinLocked(until) => khachquen::clock::parse_stamp(until).expect("an instant"),
        other => panic!("expected a timed lock, got {other:?}"),
    }
}

#[test]
fn owners_and_managers_need_six_to_eight_digits() {
    let mut db = db();
    // The first run's owner too.
    for short in ["2468", "24680", "123456789", "12a456"] {
        let r = staff::first_owner(&mut db, "Chủ Hà", short, now());
        assert_eq!(field_codes(r), [("pin".into(), "pin_invalid_for_role".into())], "{short}");
    }
    assert!(staff::needs_owner(db.conn()).unwrap(), "a refused owner is not created");
    let o = owner(&mut db);
    for (role, pin, ok) in [
        (Role::Manager, "12345", false),
        (Role::Manager, "123456", true),
        (Role::Owner, "1234", false),
        (Role::Staff, "1234", true),
        (Role::Staff, "123", false),
    ] {
        let name = format!("{} {pin}", role.code());
        let r = staff::create(&mut db, &draft(&name, role, pin), &o, now());
        if ok {
            assert!(r.is_ok(), "{role:?} {pin}: {r:?}");
        } else {
            let want = if role == Role::Staff { "pin_invalid" } else { "pin_invalid_for_role" };
            assert_eq!(field_codes(r), [("pin".into(), want.into())], "{role:?} {pin}");
        }
    }
    // Resetting a manager's PIN to a short one is refused as well.
    let minh = staff::create(&mut db, &draft("Minh", Role::Manager, "975310"), &o, now()).unwrap();
    let r = staff::update(&mut db, minh.id, &draft("Minh", Role::Manager, "9753"), &o, now());
    assert_eq!(field_codes(r), [("pin".into(), "pin_invalid_for_role".into())]);
    // A staff member promoted to manager gets a new, long enough PIN in the same edit.
    let lan = staff::create(&mut db, &draft("Lan", Role::Staff, "1357"), &o, now()).unwrap();
    let r = staff::update(&mut db, lan.id, &draft("Lan", Role::Manager, ""), &o, now());
    assert_eq!(field_codes(r), [("pin".into(), "pin_needed_for_role".into())]);
    let r = staff::update(&mut db, lan.id, &draft("Lan", Role::Manager, "1357"), &o, now());
    assert_eq!(field_codes(r), [("pin".into(), "pin_invalid_for_role".into())]);
    assert_eq!(
        staff::list(db.conn()).unwrap().iter().find(|s| s.id == lan.id).unwrap().role,
        Role::Staff
    );
    staff::update(&mut db, lan.id, &draft("Lan", Role::Manager, "135790"), &o, now()).unwrap();
    let a = staff::sign_in(&mut db, lan.id, "135790", now()).unwrap();
    assert_eq!(a.role, Role::Manager);
    assert!(!a.must_change_pin);
    // A manager keeps their PIN through an edit that does not promote.
    staff::update(&mut db, lan.id, &draft("Lan Anh", Role::Manager, ""), &o, now()).unwrap();
    assert!(staff::sign_in(&mut db, lan.id, "135790", now()).is_ok());
}

#[test]
fn an_old_short_owner_pin_signs_in_but_must_be_changed_first() {
    let mut db = db();
    let o = owner(&mut db);
    let o_id = o.id;
    // A database from before the rule: the owner's PIN is 4 digits. Staff may still have one, so
    // borrow a staff account's hash.
    staff::create(&mut db, &draft("Lan", Role::Staff, "2468"), &o, now()).unwrap();
    db.conn()
        .execute(
            "UPDATE staff SET pin_hash = (SELECT pin_hash FROM staff WHERE name = 'Lan')
             WHERE role = 'owner'",
            [],
        )
        .unwrap();

    let a = staff::sign_in(&mut db, o_id, "2468", now()).expect("the right short PIN signs in");
    assert!(a.must_change_pin, "a 4-digit owner PIN must be changed");
    // Until then nothing else works, in the core and through the session.
    assert!(matches!(a.require(Permission::ViewAudit), Err(Error::PinChangeRequired)));
    assert!(!a.can(Permission::SeePhones));
    let denied = staff::create(&mut db, &draft("Tú", Role::Staff, "1111"), &a, now());
    assert!(matches!(denied, Err(Error::PinChangeRequired)), "{denied:?}");
    let mut s = Session::default();
    s.start(a.clone(), 5, now());
    let e = s.actor(now()).unwrap_err();
    assert_eq!(e.code(), "pin_change_required");
    let state = staff::session_state(db.conn(), s.peek(now()).cloned()).unwrap();
    assert!(state.actor.is_none(), "the lock screen stays up");
    assert_eq!(state.pin_change.map(|p| p.id), Some(o_id));
    let who = s.signed_in(now()).expect("the PIN change itself may go on");

    // The new PIN follows the owner's rule and differs from the old one.
    let r = staff::change_pin(&mut db, &who, "2468", "1234", now());
    assert_eq!(field_codes(r), [("new_pin".into(), "pin_invalid_for_role".into())]);
    let r = staff::change_pin(&mut db, &who, "2468", "2468", now());
    assert_eq!(field_codes(r), [("new_pin".into(), "pin_same".into())]);
    // A wrong current PIN is a wrong PIN like any other: counted and audited.
    let e = staff::change_pin(&mut db, &who, "0000", "135790", now()).unwrap_err();
    assert!(matches!(e, Error::WrongPin(4)), "{e:?}");
    assert_eq!(audit_rows(&db, "wrong_pin").len(), 1);

    let changed = staff::change_pin(&mut db, &who, "2468", "135790", now()).unwrap();
    assert!(!changed.must_change_pin);
    assert!(changed.can(Permission::ManageStaff));
    s.start(changed, 5, now());
    assert!(s.actor(now()).is_ok(), "the session goes on once the PIN is set");
    assert!(matches!(staff::sign_in(&mut db, o_id, "2468", now()), Err(Error::WrongPin(_))));
    let again = staff::sign_in(&mut db, o_id, "135790", now()).unwrap();
    assert!(!again.must_change_pin);
    let rows = audit_rows(&db, "change_pin");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].entity_id, o_id);
    assert!(rows[0].detail.contains("\"required\":true"), "{}", rows[0].detail);
    assert!(!rows[0].detail.contains("135790") && !rows[0].detail.contains("2468"));
    // A staff member's 4-digit PIN is fine as it is.
    let lan = staff::list(db.conn()).unwrap().into_iter().find(|s| s.name == "Lan").unwrap();
    assert!(!staff::sign_in(&mut db, lan.id, "2468", now()).unwrap().must_change_pin);
}

#[test]
fn wrong_pins_lock_for_5_then_15_then_60_minutes_then_until_the_owner_unlocks() {
    let mut db = db();
    let o = owner(&mut db);
    let lan = staff::create(&mut db, &draft("Lan", Role::Staff, "1357"), &o, now()).unwrap();
    let mut at = now();
    for (level, minutes) in [(1, 5), (2, 15), (3, 60)] {
        for left in (1..=4).rev() {
            let e = staff::sign_in(&mut db, lan.id, "999999", at).unwrap_err();
            assert!(matches!(e, Error::WrongPin(n) if n == left), "level {level}: {e:?}");
        }
        let e = staff::sign_in(&mut db, lan.id, "999999", at).unwrap_err();
        let until = locked_until(&e);
        assert_eq!(until - at, Duration::minutes(minutes), "lock {level} lasts {minutes} min");
        // A second before the end even the right PIN is refused, and a wrong one is not counted.
        let before = audit_rows(&db, "wrong_pin").len();
        let e = staff::sign_in(&mut db, lan.id, "1357", until - Duration::seconds(1)).unwrap_err();
        assert_eq!(locked_until(&e), until);
        staff::sign_in(&mut db, lan.id, "999999", until - Duration::seconds(1)).unwrap_err();
        assert_eq!(audit_rows(&db, "wrong_pin").len(), before, "tries during a lock do not count");
        let view = staff::list(db.conn()).unwrap().into_iter().find(|s| s.id == lan.id).unwrap();
        assert_eq!(view.lock_level, level);
        at = until; // the lock is over: the next wrong PINs escalate
    }
    // The fourth lock has no end.
    let e = wrong(&mut db, lan.id, 4, at);
    assert!(matches!(e, Error::WrongPin(1)), "{e:?}");
    let e = staff::sign_in(&mut db, lan.id, "999999", at).unwrap_err();
    assert!(matches!(e, Error::AccountLocked), "{e:?}");
    let years = at + Duration::days(3650);
    let e = staff::sign_in(&mut db, lan.id, "1357", years).unwrap_err();
    assert_eq!(e.code(), "account_locked", "only the owner lifts it, however long it waits");
    let view = staff::list(db.conn()).unwrap().into_iter().find(|s| s.id == lan.id).unwrap();
    assert!(view.needs_unlock);

    // Each wrong PIN was audited with its count, never the PIN; each lock with its level.
    let rows = audit_rows(&db, "wrong_pin");
    assert_eq!(rows.len(), 20);
    for (i, r) in rows.iter().enumerate() {
        assert_eq!((r.staff.as_str(), r.entity.as_str(), r.entity_id), ("Lan", "staff", lan.id));
        assert_eq!(r.detail, format!("{{\"attempt\":{}}}", i + 1));
    }
    let locks = audit_rows(&db, "locked_out");
    let levels: Vec<bool> =
        locks.iter().zip(1..).map(|(r, n)| r.detail.contains(&format!("\"level\":{n}"))).collect();
    assert_eq!(levels, [true; 4], "{locks:?}");
    assert!(locks[3].detail.contains("\"until\":null"));

    // Only the owner unlocks; then the right PIN works and the count starts again.
    let m = staff::create(&mut db, &draft("Minh", Role::Manager, "975310"), &o, now()).unwrap();
    let m = staff::sign_in(&mut db, m.id, "975310", now()).unwrap();
    assert!(matches!(staff::unlock(&mut db, lan.id, &m, years), Err(Error::Forbidden(_))));
    let view = staff::unlock(&mut db, lan.id, &o, years).unwrap();
    assert!(!view.needs_unlock && view.lock_level == 0 && view.locked_until.is_none());
    let unlocks = audit_rows(&db, "unlock");
    assert_eq!(unlocks.len(), 1);
    assert_eq!(unlocks[0].staff, "Chủ Hà");
    assert!(unlocks[0].detail.contains("\"level\":4"), "{}", unlocks[0].detail);
    let e = wrong(&mut db, lan.id, 5, years);
    assert_eq!(locked_until(&e) - years, Duration::minutes(5), "back to the first level");
}

#[test]
fn resetting_the_pin_unlocks_the_account() {
    let mut db = db();
    let o = owner(&mut db);
    let lan = staff::create(&mut db, &draft("Lan", Role::Staff, "1357"), &o, now()).unwrap();
    let e = wrong(&mut db, lan.id, 5, now());
    assert!(matches!(e, Error::PinLocked(_)));
    staff::update(&mut db, lan.id, &draft("Lan", Role::Staff, "2468"), &o, now()).unwrap();
    assert!(staff::sign_in(&mut db, lan.id, "2468", now()).is_ok(), "a reset PIN unlocks at once");
    let rows = audit_rows(&db, "update");
    assert!(rows.last().unwrap().detail.contains("\"unlocked\":true"));
}

#[test]
fn a_good_pin_starts_the_count_again() {
    let mut db = db();
    let o = owner(&mut db);
    let lan = staff::create(&mut db, &draft("Lan", Role::Staff, "1357"), &o, now()).unwrap();
    // Four wrong, one right, four wrong: never five in a row.
    wrong(&mut db, lan.id, 4, now());
    staff::sign_in(&mut db, lan.id, "1357", now()).unwrap();
    let e = wrong(&mut db, lan.id, 4, now());
    assert!(matches!(e, Error::WrongPin(1)), "{e:?}");
    staff::sign_in(&mut db, lan.id, "1357", now()).unwrap();
    // Two locks, then a good PIN: the next lock is the first level again, not the third.
    let e = wrong(&mut db, lan.id, 5, now());
    let at = locked_until(&e);
    let e = wrong(&mut db, lan.id, 5, at);
    assert_eq!(locked_until(&e) - at, Duration::minutes(15));
    let at = locked_until(&e);
    staff::sign_in(&mut db, lan.id, "1357", at).unwrap();
    let e = wrong(&mut db, lan.id, 5, at);
    assert_eq!(locked_until(&e) - at, Duration::minutes(5));
}

#[test]
fn setting_the_clock_back_does_not_lift_a_lock() {
    let mut db = db();
    let o = owner(&mut db);
    let lan = staff::create(&mut db, &draft("Lan", Role::Staff, "1357"), &o, now()).unwrap();
    // Wrong PINs count whatever the clock says between them.
    wrong(&mut db, lan.id, 3, now());
    let e = wrong(&mut db, lan.id, 2, now() - Duration::days(2));
    assert!(matches!(e, Error::PinLocked(_)), "five in a row lock, clock or not: {e:?}");

    let mut db = crate::support::db();
    let o = owner(&mut db);
    let lan = staff::create(&mut db, &draft("Lan", Role::Staff, "1357"), &o, now()).unwrap();
    let until = locked_until(&wrong(&mut db, lan.id, 5, now()));
    // The clock goes back an hour, to before the lock began: still locked, for its whole length
    // from then.
    let back = now() - Duration::hours(1);
    let e = staff::sign_in(&mut db, lan.id, "1357", back).unwrap_err();
    assert!(matches!(e, Error::PinLocked(_)), "{e:?}");
    let e = staff::sign_in(&mut db, lan.id, "1357", back + Duration::minutes(4)).unwrap_err();
    assert!(matches!(e, Error::PinLocked(_)), "a clock set back must not shorten the lock: {e:?}");
    // A clock set back by a day or a year alike.
    for back in [Duration::days(1), Duration::days(365)] {
        let e = staff::sign_in(&mut db, lan.id, "1357", until - back).unwrap_err();
        assert!(matches!(e, Error::PinLocked(_)), "{back}: {e:?}");
    }
    let rows = audit_rows(&db, "locked_out");
    assert!(rows.iter().any(|r| r.detail.contains("clock_went_back")), "{rows:?}");
    // Once the lock's length has gone by on the clock, the right PIN works again.
    let last = until - Duration::days(365);
    assert!(staff::sign_in(&mut db, lan.id, "1357", last + Duration::minutes(5)).is_ok());
}

#[test]
fn an_owner_is_never_locked_for_good() {
    let mut db = db();
    let o = owner(&mut db);
    let mut at = now();
    for (round, minutes) in [5, 15, 60, 60, 60].into_iter().enumerate() {
        let e = wrong(&mut db, o.id, 5, at);
        let until = locked_until(&e);
        assert_eq!(until - at, Duration::minutes(minutes), "lock {}", round + 1);
        at = until;
    }
    assert!(staff::sign_in(&mut db, o.id, OWNER_PIN, at).is_ok(), "the owner gets back in");
}

#[test]
fn a_lock_from_before_the_upgrade_carries_over() {
    use khachquen::db::MIGRATIONS;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.db");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &MIGRATIONS[..7] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 7).unwrap();
        tx.execute(
            "INSERT INTO staff(name, folded_name, role, pin_hash, failed_pins, locked_until,
                 created_at, updated_at)
             VALUES ('Lan', 'lan', 'staff', 'x', 0, '2026-11-23T03:05:00Z', '', '')",
            [],
        )
        .unwrap();
        tx.commit().unwrap();
    }
    let mut db = khachquen::Db::open(&path).expect("migrates");
    let (level, at): (i64, String) = db
        .conn()
        .query_row("SELECT lock_level, locked_at FROM staff", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((level, at.as_str()), (1, "2026-11-23T03:00:00Z"));
    let id: i64 = db.conn().query_row("SELECT id FROM staff", [], |r| r.get(0)).unwrap();
    let e = staff::sign_in(&mut db, id, "1357", now() + Duration::minutes(4)).unwrap_err();
    assert!(matches!(e, Error::PinLocked(_)), "{e:?}");
}
