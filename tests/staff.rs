use chrono::Duration;
use khachquen::audit::{self, AuditFilter};
use khachquen::error::Error;
use khachquen::staff::{
    self, Actor, MaskPhones, Permission, Role, Session, StaffDraft, LOCKOUT_AFTER,
};

use crate::support::{add, add_unasked, db, now};

fn owner(db: &mut khachquen::Db) -> Actor {
    staff::first_owner(db, "Chủ Hà", "2468", now()).expect("first owner")
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
    let again = staff::first_owner(&mut db, "Kẻ khác", "1111", now());
    assert!(matches!(again, Err(Error::Forbidden(_))), "{again:?}");
    assert_eq!(staff::list(db.conn()).unwrap().len(), 1);
}

#[test]
fn pin_is_stored_only_as_an_argon2id_hash() {
    let mut db = db();
    owner(&mut db);
    let hash: String = db.conn().query_row("SELECT pin_hash FROM staff", [], |r| r.get(0)).unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains("2468"));
}

#[test]
fn sign_in_with_the_right_pin_and_permissions_of_the_role() {
    let mut db = db();
    let o = owner(&mut db);
    let lan = staff::create(&mut db, &draft("Lan", Role::Staff, "1357"), &o, now()).unwrap();
    let minh = staff::create(&mut db, &draft("Minh", Role::Manager, "9753"), &o, now()).unwrap();
    let a = staff::sign_in(&mut db, lan.id, "1357", now()).unwrap();
    assert_eq!(a.name, "Lan");
    assert!(!a.can(Permission::SeePhones) && !a.can(Permission::Export));
    assert!(matches!(a.require(Permission::Erase), Err(Error::Forbidden("erase"))));
    let m = staff::sign_in(&mut db, minh.id, "9753", now()).unwrap();
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
fn wrong_pins_lock_the_account_for_a_while() {
    let mut db = db();
    let o = owner(&mut db);
    let lan = staff::create(&mut db, &draft("Lan", Role::Staff, "1357"), &o, now()).unwrap();
    for left in (1..LOCKOUT_AFTER).rev() {
        let e = staff::sign_in(&mut db, lan.id, "0000", now()).unwrap_err();
        assert!(matches!(e, Error::WrongPin(n) if n == left), "{e:?}");
    }
    let e = staff::sign_in(&mut db, lan.id, "0000", now()).unwrap_err();
    assert!(matches!(e, Error::PinLocked(_)), "{e:?}");
    // Locked: even the right PIN is refused until the lock ends.
    let e = staff::sign_in(&mut db, lan.id, "1357", now() + Duration::minutes(4)).unwrap_err();
    assert!(matches!(e, Error::PinLocked(_)), "{e:?}");
    let later = now() + Duration::minutes(staff::LOCKOUT_MINUTES) + Duration::seconds(1);
    assert_eq!(staff::sign_in(&mut db, lan.id, "1357", later).unwrap().name, "Lan");
    let page = audit::list(
        db.conn(),
        &AuditFilter { action: Some("locked_out".into()), ..Default::default() },
    )
    .unwrap();
    assert_eq!(page.entries.len(), 1);
    assert_eq!(page.entries[0].staff, "Lan");
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
