"""Every command that changes the shop's data leaves a row in the audit log. The commands are
read from the shell's handler list, so a new command fails this test until it is classified: a
read, a session or file action that changes no data (with the reason), or a write that is
called here against the real app and must add to the log."""
import re
import sqlite3
from pathlib import Path

from selenium.webdriver.common.by import By

from conftest import OWNER_PIN

ROOT = Path(__file__).resolve().parents[2]

READS = {
    "app_info", "search_customers", "get_customer", "check_customer", "lookup_sales",
    "customer_after_sales", "find_products", "product_catalogue", "get_product", "list_policies",
    "get_purchase", "get_unit", "get_claim", "claim_board", "preview_return", "get_return",
    "get_settings", "care_today", "customer_care", "prepare_message", "care_rules",
    "message_templates", "preview_template", "care_settings", "complaints", "get_complaint",
    "service_settings", "dashboard", "segment", "backup_info", "session_state", "list_staff",
    "role_permissions", "audit_log", "last_import", "import_presets", "customer_consents",
    "consent_text", "data_requests", "import_dry_run", "parse_money",
    # The card (issue 18).
    "customer_briefing", "customer_timeline", "contact_message",
}
# Manager approval at the counter (issue 18): who may approve, names and roles only.
READS |= {"approvers"}

# Change no data of the shop's customers, with the reason.
NO_DATA = {
    "print_page": "opens the system print dialog",
    "open_contact": "opens a tel: or Zalo link; for a masked account the reveal is logged (test_staff)",
    "set_ui_locale": "the interface language",
    "replan_care": "recomputes reminders from data already audited",
    "sign_in": "starts a session",
    "sign_out": "ends a session",
    "create_owner": "first run only; its audit row is checked below",
    "restore_backup": "replaces the whole file; its row `restore` is in the restored data and its line in restore-log.txt (tests/restore.rs, test_backup)",
    "reveal_phones": "nothing is hidden from the owner; a masked account's reveal is logged (test_staff)",
    "stage_import": "copies the chosen file aside; import_commit is what writes",
}

# Issue 18: the duplicate finder's scans read.
READS |= {"find_duplicates", "import_duplicates"}

# Contact from the card (issue 18 follow-up): the chooser reads; the link opens as open_contact.
READS |= {"card_contact_choices"}
NO_DATA["open_card_contact"] = "opens a tel: or Zalo link like open_contact; a masked account's reveal is logged"

# Issue 16, part 3: reminders in the background.
READS |= {"desktop_settings", "tray_status"}

# Issue 15, who does what in a chain: the stores read; a single shop (this app) has none, so the
# two writes are refused here, and at a site they are audited (tests/sync_roles.rs).
READS |= {"home_store", "staff_stores"}
NO_DATA["set_home_store"] = "refused outside a chain; audited at a site (tests/sync_roles.rs)"
NO_DATA["set_staff_stores"] = "refused outside a chain; audited at a site (tests/sync_roles.rs)"
# Issue 15, the app: the store in its chain. Joining needs a hub, which this test has not: its
# audit row `join_chain` is checked in tests/chain_status.rs and test_chain_two_instances.
READS |= {"chain_status"}
NO_DATA["chain_test"] = "connects to a hub to try it; writes nothing (tests/chain_status.rs)"
NO_DATA["chain_join"] = "needs a hub; audited as join_chain (tests/chain_status.rs, test_chain_two_instances)"
NO_DATA["chain_sync_now"] = "wakes the background sync, which carries changes audited where they were made"
# Issue 17 (loypoints): rules, tiers, a card's balances and history, the sale form's live total.
READS |= {"loyalty_rules", "member_tiers", "loyalty_summary", "loyalty_history", "preview_tender"}
# Issue 17, loyreport: the loyalty report reads (its exports are save_export/save_export_xlsx).
READS |= {"loyalty_report"}
# Issue 17 ("loyvouch"): vouchers and what customers owe; checking a code writes nothing.
READS |= {"list_vouchers", "voucher_uses", "quote_voucher", "voucher_settings", "debt_account",
          "open_debts", "debt_settings"}

# Issue 15, claims across stores: a single shop never has two stores' moves to acknowledge, so
# this writes nothing here; at a site it is audited (tests/sync_claims.rs).
NO_DATA["acknowledge_claim_conflict"] = "no conflict outside a chain; audited at a site (tests/sync_claims.rs)"

def commands():
    main = (ROOT / "src-tauri/src/main.rs").read_text()
    handler = re.search(r"generate_handler!\[(.*?)\]", main, re.S).group(1)
    return {name.split("::")[-1] for name in re.findall(r"[\w:]+", handler)}


def invoke(app, cmd, args=None, body=None, headers=None):
    """Calls a command the way the UI does; returns its value or fails with its error."""
    result = app.wd.execute_async_script(
        """
        const [cmd, args, body, headers, done] = arguments;
        const payload = body === null ? (args ?? {}) : new TextEncoder().encode(body);
        window.__TAURI_INTERNALS__.invoke(cmd, payload, headers ? { headers } : undefined)
          .then((ok) => done({ ok }), (err) => done({ err }));
        """,
        cmd, args, body, headers,
    )
    assert "err" not in result, f"{cmd} failed: {result['err']}"
    return result["ok"]


def customer_draft(name, phone):
    return {
        "full_name": name, "call_name": "", "address_as": "chị", "gender": None,
        "phones": [{"raw": phone, "is_primary": True}], "email": "", "birthday": "", "address": "",
        "tags": [], "notes": "", "contact_channel": None, "allow_duplicate": False,
    }


def product_draft(name):
    return {
        "code": "", "name": name, "category": "Điện thoại", "price": "1tr", "warranty_months": 12,
        "exchange_days": 7, "policy_id": None, "repurchase_days": None, "serial_required": False,
    }


def sale(customer, product, note=""):
    line = {"product_id": product, "quantity": 1, "unit_price": "", "discount": "", "serials": []}
    return {"receipt_no": "", "sold_on": "", "customer_id": customer, "note": note, "lines": [line]}


NO_LINK = {"purchase_id": None, "claim_id": None}
LATER = "31/12/2027"
CSV = "Mã khách hàng,Tên khách hàng,Điện thoại\nKH900001,Phạm Thu Trang,0987 111 222\n"


def recipes(app, c):
    """(command, arguments) in an order where each finds what the earlier ones made. `c` holds
    every result by command name; lambdas read it when their turn comes."""
    lan = lambda: c["create_customer"]["id"]  # noqa: E731
    return [
        ("load_demo", lambda: {"customers": 3}),
        ("create_customer", lambda: {"draft": customer_draft("Nguyễn Thị Lan", "0912 345 678")}),
        ("update_customer", lambda: {"id": lan(), "draft": {**customer_draft("Nguyễn Thị Lan", "0912 345 678"), "notes": "Thích màu xanh"}}),
        ("add_preference", lambda: {"customerId": lan(), "draft": {"category": "colour", "value": "Xanh", "note": "", "is_alert": False}}),
        ("update_preference", lambda: {"id": c["add_preference"]["id"], "draft": {"category": "colour", "value": "Xanh ngọc", "note": "", "is_alert": False}}),
        ("remove_preference", lambda: {"id": c["add_preference"]["id"]}),
        ("archive_customer", lambda: {"id": lan()}),
        ("restore_customer", lambda: {"id": lan()}),
        # The card (issue 18).
        ("set_customer_language", lambda: {"id": lan(), "locale": "en"}),
        ("acknowledge_alert", lambda: alert_args(app, lan())),
        ("save_product", lambda: {"id": None, "draft": product_draft("Ốp lưng")}),
        ("archive_product", lambda: {"id": c["save_product"]["id"], "archived": True}),
        ("save_policy", lambda: {"id": None, "terms": {"name": "Đổi 7 ngày", "text": "Đổi trong 7 ngày", "rules": []}}),
        ("archive_policy", lambda: {"id": c["save_policy"]["id"], "archived": True}),
        ("create_purchase", lambda: sale_args(app, c, "Máy A")),
        ("update_purchase", lambda: {"id": c["create_purchase"]["id"], "draft": {**sale(lan(), c["product"]), "receipt_no": c["create_purchase"]["receipt_no"], "note": "Xuất hoá đơn đỏ"}}),
        ("void_purchase", lambda: {"id": invoke(app, "create_purchase", {"draft": sale(lan(), c["product"])})["id"], "reason": "Nhập nhầm"}),
        ("open_claim", lambda: {"draft": {"unit_id": c["update_purchase"]["units"][0]["id"], "received_on": "", "symptom": "Không lên nguồn", "condition_note": "", "accessories": "", "lock_note": "", "promised_on": "", "loan_unit": "", "technician": ""}}),
        ("transition_claim", lambda: {"id": c["open_claim"]["summary"]["id"], "draft": {"to": "diagnosing", "on": "", "note": "", "service_center": "", "quote": "", "fee_charged": "", "internal_cost": "", "technician": "", "replacement_serial": "", "refund_amount": ""}}),
        ("lend_loan_unit", lambda: {"id": c["open_claim"]["summary"]["id"], "draft": {"unit": "Máy mượn Samsung A05", "on": ""}}),
        ("return_loan_unit", lambda: {"id": c["open_claim"]["summary"]["id"], "draft": {"unit": "", "on": ""}}),
        ("save_settings", lambda: {"settings": {**invoke(app, "get_settings"), "slip_footer": "Mở cửa 8h–21h"}}),
        ("save_care_profile", lambda: {"id": lan(), "profile": {"birthday_lunar": False, "anniversary": "", "anniversary_note": "Giỗ bố"}}),
        ("create_reminder", lambda: {"draft": {"customer_id": lan(), "due_on": LATER, "due_time": "", "note": "Gọi hỏi thăm", "assignee": ""}}),
        ("record_outcome", lambda: {"id": c["create_reminder"]["id"], "draft": {"outcome": "reached", "channel": "phone", "note": "Khách vui", "call_back_on": ""}}),
        ("record_card_contact", lambda: {"id": lan(), "pick": {"kind": "manual", "subject": "", "subject_id": None}, "draft": {"outcome": "reached", "channel": "zalo", "note": "", "call_back_on": ""}}),
        ("dismiss_reminder", lambda: {"id": invoke(app, "create_reminder", {"draft": {"customer_id": lan(), "due_on": LATER, "due_time": "", "note": "Nhắn Zalo", "assignee": ""}})["id"]}),
        ("save_care_rule", lambda: {"rule": {**invoke(app, "care_rules")[0], "enabled": False}}),
        ("reset_care_rule", lambda: {"kind": invoke(app, "care_rules")[0]["kind"]}),
        ("save_template", lambda: {"template": {"kind": "thank_you", "locale": "vi", "body": "Cảm ơn {xung_ho} {ten}!", "is_default": False}}),
        ("reset_template", lambda: {"kind": "thank_you", "locale": "vi"}),
        ("save_care_settings", lambda: {"settings": {**invoke(app, "care_settings"), "due_time": "09:30"}}),
        ("log_interaction", lambda: {"draft": {"customer_id": lan(), "channel": "phone", "inbound": True, "kind": "call", "summary": "Hỏi giá", "link": NO_LINK, "resolved_first": True}}),
        ("open_complaint", lambda: {"draft": {"customer_id": lan(), "category": "service", "severity": "medium", "owner": "Chủ Hà", "channel": "in_store", "summary": "Chờ lâu", "link": NO_LINK}}),
        ("respond_complaint", lambda: {"id": c["open_complaint"]["id"], "draft": {"channel": "phone", "note": "Đã xin lỗi"}}),
        ("edit_complaint", lambda: {"id": c["open_complaint"]["id"], "draft": {"category": "staff", "severity": "high", "owner": "Chủ Hà"}}),
        ("transition_complaint", lambda: {"id": c["open_complaint"]["id"], "draft": {"to": "resolved", "note": "Đã tặng quà"}}),
        ("record_feedback", lambda: {"draft": {"customer_id": lan(), "metric": "csat", "score": 5, "comment": "", "served_by": "", "link": NO_LINK}}),
        ("create_promise", lambda: {"draft": {"customer_id": lan(), "text": "Gọi khi có hàng", "owner": "Chủ Hà", "due_on": LATER}}),
        ("close_promise", lambda: {"id": c["create_promise"]["id"], "draft": {"status": "kept", "note": ""}}),
        ("save_service_settings", lambda: {"settings": {**invoke(app, "service_settings"), "tet_days": 5}}),
        ("export_segment", lambda: {"kind": "first_time", "headers": [f"Cột {i}" for i in range(6)]}),
        ("save_export", lambda: {"name": "bao-cao", "rows": [["Chỉ số", "Kỳ này"], ["=Doanh thu", 1500000], ["Khách mới", None]]}),
        ("save_export_xlsx", lambda: {"name": "bao-cao", "rows": [["Chỉ số", "Kỳ này"], ["Doanh thu", 1500000], ["Khách mới", None]]}),
        ("create_campaign", lambda: {"draft": {"segment": "first_time", "channel": "marketing_zalo", "name": "Tri ân", "body": "Chào {xung_ho} {ten}", "due_on": LATER, "assignee": ""}}),
        # Manager approval (issue 18): the owner holds both permissions, so no approval is
        # needed. Before the customer is erased below.
        ("record_return_approved", lambda: {**return_args(app, c), "approval": None}),
        ("add_goodwill_approved", lambda: {"id": c["open_complaint"]["id"], "draft": {"what": "Tặng sạc", "value": "0", "approved_by": "Chủ Hà"}, "approval": None}),
        ("set_backup_folder", lambda: {"dir": ""}),
        ("set_backup_passphrase", lambda: {"passphrase": "hoa mai nở sớm"}),
        ("set_exports_retention", lambda: {"days": 14}),
        ("backup_now", lambda: {}),
        ("save_staff", lambda: {"id": None, "draft": {"name": "Lan thu ngân", "role": "staff", "pin": "1357", "active": True}}),
        ("unlock_staff", lambda: {"id": c["save_staff"]["id"]}),
        ("set_role_permissions", lambda: {"role": "manager", "permissions": ["export", "see_phones"]}),
        ("set_idle_minutes", lambda: {"minutes": 10}),
        ("save_import_preset", lambda: {"name": "Sổ cũ", "headers": ["Mã khách hàng", "Tên khách hàng", "Điện thoại"], "mapping": MAPPING}),
        ("delete_import_preset", lambda: {"name": "Sổ cũ"}),
        ("import_commit", lambda: staged(app) or {"mapping": MAPPING, "mode": "all_or_nothing"}),
        ("undo_import", lambda: {}),
        ("export_table", lambda: {"table": "customers", "xlsx": False, "headers": [f"Cột {i}" for i in range(12)]}),
        ("record_consent", lambda: {"id": lan(), "draft": {"purpose": "care_calls", "granted": True, "method": "in_store", "evidence": ""}}),
        ("create_data_request", lambda: {"id": lan(), "draft": {"kind": "access", "received_on": "", "note": ""}}),
        ("update_data_request", lambda: {"id": c["create_data_request"]["id"], "update": {"acknowledged": True, "done": True, "note": ""}}),
        ("subject_copy", lambda: {"id": lan()}),
        ("set_restricted", lambda: {"id": lan(), "on": True}),
        ("erase_customer", lambda: {"id": lan()}),
        # Issue 18: the duplicate finder's writes, on customers of their own.
        ("dismiss_duplicate", lambda: {"a": invoke(app, "create_customer", {"draft": customer_draft("Hà Thu", "0905 111 001")})["id"],
                                       "b": invoke(app, "create_customer", {"draft": customer_draft("Hà Minh", "0905 111 002")})["id"]}),
        ("merge_customers_with", lambda: {"keep": invoke(app, "create_customer", {"draft": customer_draft("Tô Lan", "0905 111 003")})["id"],
                                          "from": invoke(app, "create_customer", {"draft": customer_draft("To Lan", "0905 111 004")})["id"],
                                          "choices": [{"field": "full_name", "side": "other"}]}),
        # Issue 17 ("loyvouch"): vouchers, credit terms, a customer's limit, a payment of a
        # debt that a sale left owing (the sale settles its tender through loyalty::sale).
        ("create_voucher", lambda: {"draft": {"code": "CAMON50", "percent": False, "value": "50k", "max_discount": "", "min_spend": "", "expires_on": LATER, "max_uses": "1", "customer_id": None, "note": ""}}),
        ("archive_voucher", lambda: {"id": c["create_voucher"]["id"], "archived": True}),
        ("save_voucher_settings", lambda: {"settings": {**invoke(app, "voucher_settings"), "birthday_value": 30000}}),
        ("save_debt_settings", lambda: {"settings": {**invoke(app, "debt_settings"), "default_limit": 2000000}}),
        ("set_debt_limit", lambda: {"customerId": invoke(app, "create_customer", {"draft": customer_draft("Vũ Hằng", "0905 111 005")})["id"], "limit": "3tr"}),
        ("record_payment", lambda: {"customerId": on_credit(app, c), "payment": {"amount": "500k", "method": "cash", "note": ""}}),
        # Issue 16: off, so no autostart entry is written under the tester's HOME (test_tray
        # checks the entry itself).
        ("set_start_with_computer", lambda: {"on": False}),
        # Issue 17 (loypoints): the points rules and tiers, balances by hand on a customer of
        # their own (Lan is erased above).
        ("save_loyalty_rules", lambda: {"rules": {**invoke(app, "loyalty_rules"), "min_balance": 50}}),
        ("save_member_tiers", lambda: {"tiers": invoke(app, "member_tiers")}),
        ("adjust_points", lambda: {"customerId": invoke(app, "create_customer", {"draft": customer_draft("Lê Mai", "0905 111 007")})["id"],
                                   "draft": {"amount": "+50", "reason": "Khách quen"}}),
        ("adjust_credit", lambda: {"customerId": c["adjust_points"] and invoke(app, "create_customer", {"draft": customer_draft("Lê Hoa", "0905 111 006")})["id"],
                                   "draft": {"amount": "100k", "reason": "Bù hàng lỗi"}}),
        # Last: the owner's own PIN changes (the session goes on).
        ("change_pin", lambda: {"oldPin": OWNER_PIN, "newPin": "135790"}),
    ]


MAPPING = {"columns": ["code", "full_name", "phone"]}


def sale_args(app, c, name):
    c["product"] = invoke(app, "save_product", {"id": None, "draft": product_draft(name)})["id"]
    return {"draft": sale(c["create_customer"]["id"], c["product"])}


def on_credit(app, c):
    """A customer who took a sale of 1tr home without paying (their limit is the shop's 2tr)."""
    who = c["set_debt_limit"]["customer_id"]
    draft = {**sale(who, c["product"]), "tender": {"tier_discount": False, "voucher": "", "points": "", "credit": "", "paid": "0", "method": "", "due_on": LATER}}
    invoke(app, "create_purchase", {"draft": draft})
    return who


def return_args(app, c):
    bought = invoke(app, "create_purchase", {"draft": sale(c["create_customer"]["id"], c["product"])})
    line, unit = bought["lines"][0]["id"], bought["units"][0]["id"]
    check = {"faulty": True, "intact": True, "has_receipt": True}
    preview = invoke(app, "preview_return", {"lineId": line, "unitId": unit, "check": check, "returnedOn": "", "quantity": 1})
    outcome = {"refuse": "refused", "paid_repair": "repair"}.get(preview["verdict"]["remedy"], preview["verdict"]["remedy"])
    return {"draft": {
        "line_id": line, "unit_id": unit, "quantity": 1, "returned_on": "", "check": check,
        "reason": "Lỗi màn hình", "outcome": outcome, "override_reason": "", "refund_amount": "",
        "credit_amount": "", "exchange_lines": [sale(None, c["product"])["lines"][0]] if outcome == "exchange" else [],
    }}


def alert_args(app, customer):
    """An alert note on the card, in the version the briefing shows."""
    pref = invoke(app, "add_preference", {"customerId": customer, "draft": {"category": "other", "value": "Dị ứng hải sản", "note": "", "is_alert": True}})
    alert = next(a for a in invoke(app, "customer_briefing", {"id": customer})["alerts"] if a["preference_id"] == pref["id"])
    return {"preferenceId": pref["id"], "version": alert["version"]}


def staged(app):
    invoke(app, "stage_import", body=CSV, headers={"x-file-name": "so-cu.csv"})


def test_every_mutating_command_writes_an_audit_row(app, data_dir):
    app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=signed-in]"))
    ctx = {}
    plan = recipes(app, ctx)
    called = [cmd for cmd, _ in plan]
    assert len(called) == len(set(called))
    unclassified = commands() - READS - set(NO_DATA) - set(called)
    assert not unclassified, f"classify these commands in this test: {sorted(unclassified)}"
    assert not set(called) & (READS | set(NO_DATA))

    db = sqlite3.connect(data_dir / "khachquen.db")
    count = lambda: db.execute("SELECT count(*) FROM audit_log").fetchone()[0]  # noqa: E731
    assert db.execute("SELECT count(*) FROM audit_log WHERE entity = 'staff' AND action = 'create'").fetchone()[0] == 1, \
        "the owner's creation (first run) is logged"
    silent = []
    for cmd, make in plan:
        args = make()  # may itself create what the command works on: counted before
        before = count()
        ctx[cmd] = invoke(app, cmd, args)
        if count() <= before:
            silent.append(cmd)
    assert not silent, f"these commands changed data without an audit row: {silent}"
