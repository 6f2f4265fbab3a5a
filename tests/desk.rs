//! The core's one door: each operation that needs a permission refuses an account without it
//! and writes nothing; phones are masked unless the account may see them; the account is read
//! again on every call; a staged import belongs to the account that chose it.

use khachquen::desk::{self, Counter, Desk};
use khachquen::privacy::{ConsentDraft, ConsentMethod, Purpose, RequestUpdate};
use khachquen::staff::{self, Actor, Permission, Role, StaffDraft};
use khachquen::Db;

use crate::shop_support::{account, shop, Shop, MANAGER_PIN, OWNER_PIN};
use crate::support::{add, now, table_count};

type Op = Box<dyn Fn(&mut Desk, i64) -> khachquen::Result<()>>;

fn op<T>(f: impl Fn(&mut Desk, i64) -> khachquen::Result<T> + 'static) -> Op {
    Box::new(move |d, id| f(d, id).map(|_| ()))
}

fn withdraw() -> ConsentDraft {
    ConsentDraft {
        purpose: Purpose::MarketingZalo,
        granted: false,
        method: Some(ConsentMethod::Phone),
        evidence: String::new(),
    }
}

/// Every guarded operation, with what a staff account lacks for it.
fn guarded() -> Vec<(&'static str, Op)> {
    vec![
        ("merge_customers", op(|d, id| d.merge_customers(id, id + 1))),
        ("void_purchase", op(|d, id| d.void_purchase(id, "nhầm"))),
        ("save_settings", op(|d, _| d.get_settings().and_then(|s| d.save_settings(&s)))),
        ("replan_care", op(|d, _| d.replan_care())),
        ("save_care_settings", op(|d, _| d.care_settings().and_then(|s| d.save_care_settings(&s)))),
        (
            "save_service_settings",
            op(|d, _| d.service_settings().and_then(|s| d.save_service_settings(&s))),
        ),
        (
            "export_table",
            op(|d, _| d.export_table(khachquen::io::export::Table::Customers, false, &[])),
        ),
        ("save_export", op(|d, _| d.save_export("bao-cao", &[]))),
        (
            "export_segment",
            op(|d, _| d.export_segment(khachquen::report::segment::SegmentKind::Vip, &[], None)),
        ),
        ("record_consent (withdrawal)", op(|d, id| d.record_consent(id, &withdraw()))),
        ("data_requests (all open)", op(|d, _| d.data_requests(None))),
        (
            "update_data_request",
            op(|d, _| {
                d.update_data_request(
                    1,
                    &RequestUpdate { acknowledged: true, done: true, note: String::new() },
                )
            }),
        ),
        ("subject_copy", op(|d, id| d.subject_copy(id))),
        ("set_restricted (on)", op(|d, id| d.set_restricted(id, true))),
        ("set_restricted (off)", op(|d, id| d.set_restricted(id, false))),
        ("erase_customer", op(|d, id| d.erase_customer(id))),
        ("list_staff", op(|d, _| d.list_staff())),
        ("unlock_staff", op(|d, _| d.unlock_staff(1))),
        ("set_idle_minutes", op(|d, _| d.set_idle_minutes(10))),
        (
            "set_role_permissions",
            op(|d, _| d.set_role_permissions(Role::Staff, &[Permission::Export])),
        ),
        ("audit_log", op(|d, _| d.audit_log(&Default::default()))),
        (
            "stage_import",
            op(|d, _| d.stage_import("a.csv", "Tên,Điện thoại\nAn,0912345678\n".as_bytes())),
        ),
        ("import_presets", op(|d, _| d.import_presets())),
        ("undo_import", op(|d, _| d.undo_import())),
        ("set_backup_folder", op(|d, _| d.set_backup_folder(""))),
        ("load_demo", op(|d, _| d.load_demo(2))),
        // Return policies are shop settings.
        (
            "save_policy",
            op(|d, _| d.list_policies().and_then(|p| d.save_policy(None, &p[0].terms))),
        ),
        ("archive_policy", op(|d, _| d.archive_policy(1, true))),
        // Manager approval (issue 18): without an approval, the permission itself is needed.
        (
            "add_goodwill_approved (no approval)",
            op(|d, id| {
                let gift = khachquen::feedback::complaint::GoodwillDraft {
                    what: "Quà".into(),
                    value: "0".into(),
                    approved_by: "Minh".into(),
                };
                d.add_goodwill_approved(id, &gift, None)
            }),
        ),
        // Issue 18: the duplicate finder and the merge screen.
        ("find_duplicates", op(|d, _| d.find_duplicates(0))),
        ("duplicates_among", op(|d, id| d.duplicates_among(&[id]))),
        ("duplicates_in_last_import", op(|d, _| d.duplicates_in_last_import())),
        ("merge_customers_choosing", op(|d, id| d.merge_customers_choosing(id, id + 1, &[]))),
        ("dismiss_duplicate", op(|d, id| d.dismiss_duplicate(id, id + 1))),
        // Issue 16: starting with the computer is the owner's choice.
        ("set_start_with_computer", op(|d, _| d.set_start_with_computer(true, |_| Ok(())))),
        // Issue 15: the stores each staff member works at are the owner's to set.
        ("staff_stores", op(|d, _| d.staff_stores())),
        ("set_staff_stores", op(|d, _| d.set_staff_stores(1, &["A".into()]))),
        // Issue 15, the app: the hub owner's account is the shop owner's to use.
        ("chain_test", op(|d, _| d.chain_test(""))),
        ("chain_join", op(|d, _| d.chain_join("", "HN1", "Hà Nội 1"))),
        // Issue 17 (loypoints): the points rules and tiers are the owner's; balances by hand
        // need adjust_loyalty.
        ("save_loyalty_rules", op(|d, _| d.loyalty_rules().and_then(|r| d.save_loyalty_rules(&r)))),
        ("save_member_tiers", op(|d, _| d.member_tiers().and_then(|t| d.save_member_tiers(&t)))),
        (
            "adjust_points",
            op(|d, id| {
                let a = khachquen::loyalty::ledger::AdjustDraft {
                    amount: "10".into(),
                    reason: "Quà".into(),
                };
                d.adjust_points(id, &a)
            }),
        ),
        (
            "adjust_credit",
            op(|d, id| {
                let a = khachquen::loyalty::ledger::AdjustDraft {
                    amount: "10k".into(),
                    reason: "Quà".into(),
                };
                d.adjust_credit(id, &a)
            }),
        ),
        // Issue 17 ("loyvouch"): vouchers give money away; credit terms and limits are the
        // owner's (or a manager's who may sell on credit). Taking a payment is not guarded.
        (
            "create_voucher",
            op(|d, _| {
                let v = khachquen::loyalty::voucher_create::VoucherDraft {
                    value: "50k".into(),
                    ..Default::default()
                };
                d.create_voucher(&v)
            }),
        ),
        ("archive_voucher", op(|d, _| d.archive_voucher(1, true))),
        (
            "save_voucher_settings",
            op(|d, _| d.voucher_settings().and_then(|s| d.save_voucher_settings(&s))),
        ),
        ("set_debt_limit", op(|d, id| d.set_debt_limit(id, "1tr"))),
        ("open_debts", op(|d, _| d.open_debts(false))),
        ("save_debt_settings", op(|d, _| d.debt_settings().and_then(|s| d.save_debt_settings(&s)))),
    ]
}

#[test]
fn a_staff_account_is_refused_every_guarded_operation_and_nothing_is_written() {
    let mut shop = shop();
    let lan = add(&mut shop.db, "Nguyễn Thị Lan", &["0912345678"]);
    add(&mut shop.db, "Lan Nguyễn", &["0903000111"]);
    let who = shop.staff.clone();
    for (name, f) in guarded() {
        let audit = table_count(&shop.db, "audit_log");
        let customers = table_count(&shop.db, "customer");
        let err = shop.as_(&who, |d| f(d, lan.id)).err();
        assert_eq!(
            err.as_ref().map(|e| e.code.as_str()),
            Some("forbidden"),
            "{name} must be refused to a staff account, got {err:?}"
        );
        assert_eq!(table_count(&shop.db, "audit_log"), audit, "{name} wrote to the audit log");
        assert_eq!(table_count(&shop.db, "customer"), customers, "{name} changed customers");
    }
    assert!(std::fs::read_dir(shop.counter.export_dir()).is_err(), "no export file was written");
}

#[test]
fn the_owner_passes_every_permission_check() {
    let mut shop = shop();
    let lan = add(&mut shop.db, "Nguyễn Thị Lan", &["0912345678"]);
    add(&mut shop.db, "Lan Nguyễn", &["0903000111"]);
    let who = shop.owner.clone();
    for (name, f) in guarded() {
        if let Err(e) = shop.as_(&who, |d| f(d, lan.id)) {
            // Refused for what the data is (no such request, nothing to undo…), never for
            // who asks.
            assert_ne!(e.code, "forbidden", "{name} refused to the owner: {e:?}");
        }
    }
}

#[test]
fn privacy_requests_need_their_own_permission_even_for_a_manager() {
    let mut shop = shop();
    let lan = add(&mut shop.db, "Nguyễn Thị Lan", &["0912345678"]);
    let (owner, manager) = (shop.owner.clone(), shop.manager.clone());
    shop.as_(&owner, |d| d.set_restricted(lan.id, true)).expect("the owner restricts");
    let lift = shop.as_(&manager, |d| d.set_restricted(lan.id, false));
    assert_eq!(lift.err().map(|e| e.code), Some("forbidden".into()), "a manager cannot lift it");
    let restricted: bool = shop
        .db
        .conn()
        .query_row("SELECT restricted_at IS NOT NULL FROM customer WHERE id = ?1", [lan.id], |r| {
            r.get(0)
        })
        .expect("row");
    assert!(restricted, "the restriction the customer asked for stays");
    // Granted by the owner, the manager may.
    shop.as_(&owner, |d| d.set_role_permissions(Role::Manager, &[Permission::HandlePersonalData]))
        .expect("grant");
    shop.as_(&manager, |d| d.set_restricted(lan.id, false))
        .expect("granted now, without signing in again");
}

#[test]
fn managers_merge_void_and_back_up_by_default_staff_do_not() {
    let shop = shop();
    for p in [Permission::MergeCustomers, Permission::VoidSales, Permission::TakeBackup] {
        assert!(shop.manager.can(p), "manager: {p:?}");
        assert!(!shop.staff.can(p), "staff: {p:?}");
    }
    for p in [Permission::HandlePersonalData, Permission::Erase] {
        assert!(!shop.manager.can(p), "manager: {p:?}");
    }
}

#[test]
fn phones_are_masked_unless_the_account_may_see_them() {
    let mut shop = shop();
    let lan = add(&mut shop.db, "Nguyễn Thị Lan", &["0912345678"]);
    let (staff, owner, manager) = (shop.staff.clone(), shop.owner.clone(), shop.manager.clone());
    let phone = |shop: &mut Shop, who: &Actor| {
        shop.as_(who, |d| d.search_customers("678", Default::default())).expect("search").hits[0]
            .primary_phone
            .clone()
            .unwrap_or_default()
    };
    assert_eq!(phone(&mut shop, &staff), "0912 xxx 678");
    assert_eq!(phone(&mut shop, &owner), "0912 345 678");
    assert_eq!(phone(&mut shop, &manager), "0912 345 678", "managers see phones by default");
    let card = shop.as_(&staff, |d| d.get_customer(lan.id)).expect("card");
    assert!(card.phones.iter().all(|p| p.display.contains("xxx")), "{:?}", card.phones);
    // Taken away by the owner, it counts at the manager's next call.
    shop.as_(&owner, |d| d.set_role_permissions(Role::Manager, &[])).expect("revoke");
    assert_eq!(phone(&mut shop, &manager), "0912 xxx 678");
    // A reveal shows the number in full and is logged.
    let before = table_count(&shop.db, "audit_log");
    let shown = shop.as_(&staff, |d| d.reveal_phones(lan.id, "call")).expect("reveal");
    assert_eq!(shown.0.phones[0].display, "0912 345 678");
    assert_eq!(table_count(&shop.db, "audit_log"), before + 1);
}

#[test]
fn the_audit_log_masks_phones_in_details_for_an_account_without_them() {
    let mut shop = shop();
    let owner = shop.owner.clone();
    let lan = add(&mut shop.db, "Nguyễn Thị Lan", &["0912345678"]);
    let moved = crate::support::draft("Nguyễn Thị Lan", &["0987654321"]);
    shop.as_(&owner, |d| d.update_customer(lan.id, &moved)).expect("new phone");
    shop.as_(&owner, |d| d.set_role_permissions(Role::Staff, &[Permission::ViewAudit]))
        .expect("grant");
    let staff = shop.staff.clone();
    let page = shop.as_(&staff, |d| d.audit_log(&Default::default())).expect("log");
    let all: String = page.entries.iter().map(|e| e.detail.as_str()).collect();
    assert!(all.contains("0912") && all.contains("0987"), "the edit's before and after: {all}");
    for tail in ["345678", "345 678", "654321", "654 321"] {
        assert!(!all.contains(tail), "{tail} in {all}");
    }
    let full = shop.as_(&owner, |d| d.audit_log(&Default::default())).expect("log");
    let all: String = full.entries.iter().map(|e| e.detail.as_str()).collect();
    assert!(all.contains("345678") || all.contains("345 678"), "the owner sees it: {all}");
}

#[test]
fn a_disabled_account_is_signed_out_at_its_next_call() {
    let mut shop = shop();
    let (owner, staff) = (shop.owner.clone(), shop.staff.clone());
    let off = StaffDraft {
        name: staff.name.clone(),
        role: Some(Role::Staff),
        pin: String::new(),
        active: false,
    };
    shop.as_(&owner, |d| d.save_staff(Some(staff.id), &off)).expect("disable");
    let err = shop.as_(&staff, |d| d.search_customers("lan", Default::default())).err();
    assert_eq!(err.map(|e| e.code), Some("signed_out".into()));
}

#[test]
fn a_staged_import_belongs_to_its_account_and_ends_with_the_session() {
    let mut shop = shop();
    let owner = shop.owner.clone();
    shop.as_(&owner, |d| d.set_role_permissions(Role::Manager, &[Permission::Import]))
        .expect("grant");
    let manager = shop.manager.clone();
    let file = "Tên khách hàng,Điện thoại\nPhạm Thu Trang,0987111222\n".as_bytes();
    shop.as_(&owner, |d| d.stage_import("so-cu.csv", file)).expect("staged");
    let mapping = khachquen::io::import::Mapping {
        columns: vec![
            Some(khachquen::io::import::Field::FullName),
            Some(khachquen::io::import::Field::Phone),
        ],
    };
    let mut quiet = |_| {};
    let theirs = shop.as_(&manager, |d| d.import_dry_run(&mapping, &mut quiet)).err();
    assert_eq!(theirs.map(|e| e.code), Some("nothing_staged".into()), "another account's file");
    shop.as_(&owner, |d| d.import_dry_run(&mapping, &mut quiet)).expect("the owner's own file");
    shop.counter.session_ended();
    let gone = shop.as_(&owner, |d| d.import_dry_run(&mapping, &mut quiet)).err();
    assert_eq!(gone.map(|e| e.code), Some("nothing_staged".into()), "dropped at sign-out");
}

#[test]
fn demo_customers_come_with_consents_in_the_ledger_that_match_their_flags() {
    let mut shop = shop();
    let owner = shop.owner.clone();
    shop.as_(&owner, |d| d.load_demo(40)).expect("demo");
    let q = |sql: &str| -> i64 { shop.db.conn().query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert_eq!(q("SELECT count(*) FROM consent WHERE purpose = 'care_calls'"), 30);
    assert!(q("SELECT count(*) FROM consent WHERE purpose = 'marketing_zalo'") > 0);
    let mismatched = q("SELECT count(*) FROM customer c WHERE care_consent <>
        EXISTS (SELECT 1 FROM consent WHERE customer_id = c.id AND purpose = 'care_calls' AND granted = 1)
        OR marketing_consent <>
        EXISTS (SELECT 1 FROM consent WHERE customer_id = c.id AND purpose <> 'care_calls' AND granted = 1)");
    assert_eq!(mismatched, 0, "the flags are the ledger's");
}

#[test]
fn amounts_typed_at_the_counter_are_read_by_the_core_for_any_account() {
    let mut shop = shop();
    let staff = shop.staff.clone();
    let typed: Vec<String> =
        ["1tr490", "2.5tr", "150k", "1.290.000", "", "-5k", "hai trăm", "1k2345"]
            .map(String::from)
            .into();
    let read = shop.as_(&staff, |d| d.parse_money(&typed)).expect("parse");
    assert_eq!(
        read,
        [Some(1_490_000), Some(2_500_000), Some(150_000), Some(1_290_000), None, None, None, None],
        "the same reading every draft gets (text::money::parse_vnd), one answer per input"
    );
    let long = vec!["9".repeat(65)];
    assert_eq!(shop.as_(&staff, |d| d.parse_money(&long)).expect("parse"), [None]);
    let flood = vec![String::from("1k"); 401];
    let err = shop.as_(&staff, |d| d.parse_money(&flood)).expect_err("too many");
    assert_eq!(err.code, "validation", "more amounts than a sale can hold are refused");
}

#[test]
fn a_change_made_by_another_process_is_seen_within_a_second() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("khachquen.db");
    let mut app = Db::open(&path).expect("app's connection");
    let owner = staff::first_owner(&mut app, "Chủ Hà", OWNER_PIN, now()).expect("owner");
    let minh = account(&mut app, &owner, "Minh", Role::Manager, MANAGER_PIN);
    add(&mut app, "Nguyễn Thị Lan", &["0912345678"]);
    let counter = Counter::new(dir.path().to_path_buf());
    let phone = |db: &mut Db| {
        desk::serve(db, &counter, &minh, now(), |d| d.search_customers("678", Default::default()))
            .expect("search")
            .hits[0]
            .primary_phone
            .clone()
            .unwrap_or_default()
    };
    assert_eq!(phone(&mut app), "0912 345 678");
    // The command line, another connection, takes "see phones" from managers.
    let mut cli = Db::open(&path).expect("another connection");
    staff::set_permissions(&mut cli, Role::Manager, &[], &owner, now()).expect("revoke");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(phone(&mut app), "0912 xxx 678", "seen without signing in again");
}
