//! A manager's approval at the counter: a staff account without `override_policy` or
//! `approve_goodwill` gets a return outside the policy or a goodwill gesture through when an
//! owner or manager who holds it types their PIN; the approver is recorded and audited, a wrong
//! PIN writes nothing but counts toward the approver's own lockout.

use khachquen::feedback::complaint::{
    self, ComplaintCategory, ComplaintDraft, GoodwillDraft, Severity,
};
use khachquen::feedback::Link;
use khachquen::outreach::reminder::ContactChannel;
use khachquen::sales::policy::ReturnCheck;
use khachquen::sales::returns::{ReturnDraft, ReturnOutcome};
use khachquen::staff::{self, Actor, Approval, Permission, Role};

use crate::sales_support::*;
use crate::shop_support::{shop, Shop, MANAGER_PIN, OWNER_PIN, STAFF_PIN};
use crate::support::{now, table_count};

impl Shop {
    fn failed_pins(&self, id: i64) -> i64 {
        let sql = format!("SELECT failed_pins FROM staff WHERE id = {id}");
        self.count(&sql)
    }
}

/// A phone bought 60 days ago brought back intact and working, refunded in full: the policy
/// refuses it, so this return departs from the verdict.
fn outside_policy(shop: &mut Shop) -> ReturnDraft {
    let phone = phone_product(&mut shop.db);
    let sale = sell(&mut shop.db, None, phone.id, "AP1", 60);
    ReturnDraft {
        line_id: sale.lines[0].id,
        unit_id: Some(sale.units[0].id),
        check: ReturnCheck { faulty: false, intact: true, has_receipt: true },
        reason: "Khách đổi ý".into(),
        outcome: ReturnOutcome::Refund,
        refund_amount: "10tr".into(),
        override_reason: "Khách quen lâu năm".into(),
        ..ReturnDraft::default()
    }
}

fn approval(by: &Actor, pin: &str) -> Approval {
    Approval { approver_id: by.id, pin: pin.into() }
}

#[test]
fn a_managers_pin_approves_a_return_outside_the_policy() {
    let mut shop = shop();
    let draft = outside_policy(&mut shop);
    let lan = shop.staff.clone();
    let e = shop.as_(&lan, |d| d.record_return_approved(&draft, None)).unwrap_err();
    assert_eq!(e.code, "forbidden", "without an approval the op fails as before: the UI asks");
    assert_eq!(table_count(&shop.db, "return_case"), 0);

    let ok = approval(&shop.manager, MANAGER_PIN);
    let r = shop.as_(&lan, |d| d.record_return_approved(&draft, Some(&ok))).expect("approved");
    assert_eq!(r.staff, "Lan", "the staff member stays the actor");
    assert_eq!(r.approved_by.as_deref(), Some("Minh"));
    assert_eq!(r.refund_amount, 10_000_000);
    let audited = shop.count(
        "SELECT count(*) FROM audit_log WHERE entity = 'return' AND staff = 'Lan'
            AND json_extract(detail, '$.approved_by') = 'Minh'",
    );
    assert_eq!(audited, 1, "the approver is in the return's own audit row");
}

#[test]
fn a_wrong_approver_pin_writes_nothing_and_counts_toward_that_accounts_lockout() {
    let mut shop = shop();
    let draft = outside_policy(&mut shop);
    let (lan, minh) = (shop.staff.clone(), shop.manager.clone());
    let wrong = approval(&minh, "000000");
    for n in 1..staff::LOCKOUT_AFTER {
        let e = shop.as_(&lan, |d| d.record_return_approved(&draft, Some(&wrong))).unwrap_err();
        assert_eq!(e.code, "wrong_pin");
        assert_eq!(shop.failed_pins(minh.id), n, "counted on the approver's account");
    }
    assert_eq!(shop.failed_pins(lan.id), 0, "never on the staff member's");
    assert_eq!(table_count(&shop.db, "return_case"), 0, "nothing recorded");

    let e = shop.as_(&lan, |d| d.record_return_approved(&draft, Some(&wrong))).unwrap_err();
    assert_eq!(e.code, "pin_locked", "the fifth wrong PIN locks the manager");
    let right = approval(&minh, MANAGER_PIN);
    let e = shop.as_(&lan, |d| d.record_return_approved(&draft, Some(&right))).unwrap_err();
    assert_eq!(e.code, "pin_locked", "while locked even the right PIN approves nothing");
    assert_eq!(table_count(&shop.db, "return_case"), 0);
    let e = staff::sign_in(&mut shop.db, minh.id, MANAGER_PIN, now()).unwrap_err();
    assert_eq!(e.code(), "pin_locked", "the same lock keeps the manager from signing in");
}

#[test]
fn a_right_approver_pin_starts_the_count_again() {
    let mut shop = shop();
    let draft = outside_policy(&mut shop);
    let (lan, minh) = (shop.staff.clone(), shop.manager.clone());
    let wrong = approval(&minh, "000000");
    shop.as_(&lan, |d| d.record_return_approved(&draft, Some(&wrong))).unwrap_err();
    assert_eq!(shop.failed_pins(minh.id), 1);
    let right = approval(&minh, MANAGER_PIN);
    shop.as_(&lan, |d| d.record_return_approved(&draft, Some(&right))).expect("approved");
    assert_eq!(shop.failed_pins(minh.id), 0, "a good PIN, as at sign-in");
}

#[test]
fn an_approver_without_the_permission_is_refused_before_the_pin() {
    let mut shop = shop();
    let draft = outside_policy(&mut shop);
    let (lan, owner, minh) = (shop.staff.clone(), shop.owner.clone(), shop.manager.clone());
    staff::set_permissions(&mut shop.db, Role::Manager, &[Permission::Export], &owner, now())
        .expect("the owner takes override_policy from managers");
    let eligible = shop.as_(&lan, |d| d.approvers(Permission::OverridePolicy)).unwrap();
    let names: Vec<_> = eligible.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Chủ Hà"], "only the owner may approve now");

    let minh_ok = approval(&minh, MANAGER_PIN);
    let e = shop.as_(&lan, |d| d.record_return_approved(&draft, Some(&minh_ok))).unwrap_err();
    assert_eq!(e.code, "validation");
    assert!(format!("{e:?}").contains("approver_not_allowed"), "{e:?}");
    let another_staff = approval(&lan, STAFF_PIN);
    let e = shop.as_(&lan, |d| d.record_return_approved(&draft, Some(&another_staff)));
    assert!(format!("{e:?}").contains("approver_not_allowed"), "staff never approve");
    assert_eq!(table_count(&shop.db, "return_case"), 0);
    assert_eq!(shop.failed_pins(minh.id), 0, "a PIN that was not tried is not counted");

    let owner_ok = approval(&owner, OWNER_PIN);
    let r = shop.as_(&lan, |d| d.record_return_approved(&draft, Some(&owner_ok))).unwrap();
    assert_eq!(r.approved_by.as_deref(), Some("Chủ Hà"));
}

#[test]
fn an_account_with_the_permission_needs_no_approval() {
    let mut shop = shop();
    let draft = outside_policy(&mut shop);
    let minh = shop.manager.clone();
    let r = shop.as_(&minh, |d| d.record_return_approved(&draft, None)).expect("may override");
    assert_eq!(r.approved_by, None);
    assert_eq!(r.staff, "Minh");
    // An approval given anyway is neither checked (a wrong PIN is not counted) nor recorded.
    let draft = outside_policy(&mut shop);
    let owner = shop.owner.clone();
    let stray = approval(&owner, "000000");
    let r = shop.as_(&minh, |d| d.record_return_approved(&draft, Some(&stray))).unwrap();
    assert_eq!(r.approved_by, None);
    assert_eq!(shop.failed_pins(owner.id), 0);
}

#[test]
fn a_return_within_the_policy_records_no_approver() {
    let mut shop = shop();
    let phone = phone_product(&mut shop.db);
    let sale = sell(&mut shop.db, None, phone.id, "AP2", 60);
    let draft = ReturnDraft {
        line_id: sale.lines[0].id,
        unit_id: Some(sale.units[0].id),
        check: ReturnCheck { faulty: false, intact: true, has_receipt: true },
        reason: "Khách đổi ý".into(),
        outcome: ReturnOutcome::Refused,
        ..ReturnDraft::default()
    };
    let (lan, minh) = (shop.staff.clone(), shop.manager.clone());
    let ok = approval(&minh, MANAGER_PIN);
    let r = shop.as_(&lan, |d| d.record_return_approved(&draft, Some(&ok))).unwrap();
    assert_eq!(r.approved_by, None, "nothing departed from the policy: nothing was approved");
}

fn open_complaint(shop: &mut Shop) -> i64 {
    let hoa = crate::support::add(&mut shop.db, "Phạm Thị Hoa", &["0912345678"]);
    let d = ComplaintDraft {
        customer_id: Some(hoa.id),
        category: ComplaintCategory::Service,
        severity: Severity::Medium,
        owner: "Lan".into(),
        channel: ContactChannel::Phone,
        summary: "Chờ lâu".into(),
        link: Link::default(),
    };
    complaint::open(&mut shop.db, &d, "Lan", now()).expect("complaint").id
}

#[test]
fn a_goodwill_gesture_approved_by_pin_names_the_approver() {
    let mut shop = shop();
    let id = open_complaint(&mut shop);
    let (lan, minh) = (shop.staff.clone(), shop.manager.clone());
    let gift = GoodwillDraft {
        what: "Phiếu mua hàng".into(),
        value: "200k".into(),
        approved_by: "".into(),
    };
    let e = shop.as_(&lan, |d| d.add_goodwill_approved(id, &gift, None)).unwrap_err();
    assert_eq!(e.code, "forbidden");
    let wrong = approval(&minh, "111111");
    let e = shop.as_(&lan, |d| d.add_goodwill_approved(id, &gift, Some(&wrong))).unwrap_err();
    assert_eq!(e.code, "wrong_pin");
    assert_eq!(table_count(&shop.db, "goodwill"), 0, "nothing written");
    assert_eq!(shop.failed_pins(minh.id), 1);

    // What the staff member typed as approver gives way to the account whose PIN approved.
    let typed = GoodwillDraft { approved_by: "Sếp".into(), ..gift };
    let ok = approval(&minh, MANAGER_PIN);
    let k = shop.as_(&lan, |d| d.add_goodwill_approved(id, &typed, Some(&ok))).expect("given");
    let g = &k.goodwill[0];
    assert_eq!((g.approved_by.as_str(), g.pin_approved, g.staff.as_str()), ("Minh", true, "Lan"));
    let audited = shop.count(
        "SELECT count(*) FROM audit_log WHERE entity = 'goodwill' AND staff = 'Lan'
            AND json_extract(detail, '$.approved_by') = 'Minh'",
    );
    assert_eq!(audited, 1);

    // A manager holds approve_goodwill: the typed approver stands, not PIN-confirmed.
    let own = GoodwillDraft { approved_by: "Minh".into(), ..typed };
    let k = shop.as_(&minh, |d| d.add_goodwill_approved(id, &own, None)).expect("own right");
    assert!(!k.goodwill[1].pin_approved);
}
