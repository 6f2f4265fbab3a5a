"""Manager approval at the counter: a staff account without `override_policy` records a return
outside the policy; the app asks on the same screen for a manager's PIN, keeps what was typed,
answers a wrong PIN there (counted on the manager's account), and the return, approved by the
right one, names its approver."""
import sqlite3
from datetime import datetime, timedelta, timezone

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from test_audit_every_command import customer_draft, invoke, product_draft, sale

HOA = "Phạm Thị Hoa"
REASON = "Khách quen 10 năm, chủ đồng ý"


def test_a_return_outside_the_policy_approved_by_a_managers_pin(app, data_dir):
    app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=signed-in]"))
    # The shop as the owner left it: a cashier, a manager, and a sale two months old.
    invoke(app, "save_staff", {"id": None, "draft": {"name": "Lan", "role": "staff", "pin": "1357", "active": True}})
    invoke(app, "save_staff", {"id": None, "draft": {"name": "Minh", "role": "manager", "pin": "975310", "active": True}})
    hoa = invoke(app, "create_customer", {"draft": customer_draft(HOA, "0912 345 678")})["id"]
    product = invoke(app, "save_product", {"id": None, "draft": product_draft("Nồi chiên không dầu")})["id"]
    sold = datetime.now(timezone(timedelta(hours=7))).date() - timedelta(days=60)
    invoke(app, "create_purchase", {"draft": {**sale(hoa, product), "sold_on": sold.strftime("%d/%m/%Y")}})

    app.wd.find_element(By.ID, "nav-lock").click()
    app.sign_in("Lan", "1357")

    # Lan finds the sale and starts the return: two months on, the policy refuses a refund.
    app.search(HOA)
    app.search_box().send_keys(Keys.ENTER)
    app.wait_for(lambda: app.wd.find_element(By.ID, "customer-name").text == HOA)
    receipt = app.wait_for(lambda: app.wd.find_element(By.XPATH, "//button[contains(., 'Nồi chiên không dầu')]"))
    app.click(receipt)
    app.click(app.wait_for(lambda: app.button("Đổi / trả")))
    app.wait_for(lambda: app.wd.find_element(By.ID, "return-title"))
    app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=verdict]").is_displayed())
    app.wd.find_element(By.ID, "return-reason").send_keys("Khách đổi ý")
    Select(app.wd.find_element(By.ID, "return-outcome")).select_by_visible_text("Hoàn tiền")
    app.wait_for(lambda: app.wd.find_element(By.ID, "return-override")).send_keys(REASON)
    app.button("Ghi nhận đổi trả").click()

    # Refused for the permission: the approval dialog opens over the form, which keeps it all.
    dialog = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[role=dialog]"))
    app.wait_for(lambda: "quản lý nhập mã PIN" in dialog.text)
    assert app.wd.find_element(By.ID, "return-override").get_attribute("value") == REASON
    assert app.wd.find_element(By.ID, "return-reason").get_attribute("value") == "Khách đổi ý"
    approvers = [o.text for o in Select(app.field("Người duyệt")).options]
    assert "Minh (Quản lý)" in approvers and not any("Lan" in a for a in approvers), approvers
    Select(app.field("Người duyệt")).select_by_visible_text("Minh (Quản lý)")
    app.field("Mã PIN người duyệt").send_keys("000000" + Keys.ENTER)
    app.wait_for(lambda: "Sai mã PIN. Còn 4 lần thử" in dialog.text)
    app.screenshot("approval-01-wrong-pin")

    db = sqlite3.connect(data_dir / "khachquen.db")
    assert db.execute("SELECT failed_pins FROM staff WHERE name = 'Minh'").fetchone() == (1,), \
        "the wrong PIN counts on the manager's account"
    assert db.execute("SELECT count(*) FROM return_case").fetchone() == (0,), "nothing recorded yet"

    app.field("Mã PIN người duyệt").send_keys("975310" + Keys.ENTER)
    slip = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=return-approver]"))
    assert slip.text == "Người duyệt: Minh"
    assert "Phiếu đổi trả" in app.text()
    app.screenshot("approval-02-approved")

    row = db.execute("SELECT staff, approved_by, outcome FROM return_case").fetchone()
    assert row == ("Lan", "Minh", "refund"), "Lan stays the actor; Minh approved"
    audit = db.execute(
        "SELECT staff, json_extract(detail, '$.approved_by') FROM audit_log WHERE entity = 'return'"
    ).fetchall()
    assert audit == [("Lan", "Minh")], audit
    assert db.execute("SELECT failed_pins FROM staff WHERE name = 'Minh'").fetchone() == (0,), \
        "a right PIN starts the manager's count again"
