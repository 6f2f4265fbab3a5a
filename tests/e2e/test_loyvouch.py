"""Vouchers and debts on the real app (issue 17): a voucher created and archived in Settings; a
debt on the card paid in part with "Thu nợ" (more than is owed refused); the owner's list of
open debts. The debt is written as an opening balance straight into the file (a sale on credit
is the sale form's, tested with it)."""
import sqlite3

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_counter import HAN, create_customer
from test_extras import menu_button, open_settings


def tid(app, name):
    return app.wd.find_element(By.CSS_SELECTOR, f"[data-testid={name}]")


def voucher_row(app, code):
    return app.wd.find_element(By.CSS_SELECTOR, f"[data-testid=voucher-row][data-code={code}]")


def test_voucher_created_and_archived_then_a_debt_paid_from_the_card(app, data_dir):
    open_settings(app)
    app.click(menu_button(app, "vouchers"))
    code = app.wait_for(lambda: tid(app, "voucher-code"))
    code.send_keys("tet2027")
    tid(app, "voucher-value").send_keys("50k")
    uses = tid(app, "voucher-max-uses")
    uses.send_keys(Keys.CONTROL, "a")
    uses.send_keys("2")
    app.click(tid(app, "voucher-create"))
    row = app.wait_for(lambda: voucher_row(app, "TET2027"))
    assert row.find_element(By.CSS_SELECTOR, "[data-testid=voucher-uses]").text == "0/2"
    assert row.find_element(By.CSS_SELECTOR, "[data-testid=voucher-state]").text == "Đang dùng được"
    # The same code again, in another case: refused on its field, nothing written.
    tid(app, "voucher-code").send_keys("Tet2027")
    tid(app, "voucher-value").send_keys("10k")
    app.click(tid(app, "voucher-create"))
    app.wait_for(lambda: "Mã này đã có voucher khác dùng." in app.text())
    app.click(voucher_row(app, "TET2027").find_element(By.CSS_SELECTOR, "[data-testid=voucher-archive]"))
    app.wait_for(
        lambda: voucher_row(app, "TET2027").find_element(By.CSS_SELECTOR, "[data-testid=voucher-state]").text
        == "Ngừng dùng"
    )
    app.screenshot("loyvouch-01-vouchers")

    app.wd.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    create_customer(app, HAN, "0912.345.678", "chị")
    db = sqlite3.connect(data_dir / "khachquen.db")
    her = db.execute("SELECT id FROM customer WHERE full_name = ?", (HAN,)).fetchone()[0]
    with db:
        db.execute(
            "INSERT INTO debt_entry(customer_id, kind, amount, due_on, staff, at)"
            " VALUES (?, 'opening', 500000, '2026-01-15', 'test', '2026-01-01T03:00:00Z')",
            (her,),
        )
    app.wd.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    app.search("Ngọc Hân")
    app.click(app.options()[0])
    total = app.wait_for(lambda: tid(app, "debt-total"))
    assert total.text == "500.000 ₫"
    assert tid(app, "debt-due").text == "Hạn 15/01/2026"

    app.click(tid(app, "debt-pay"))
    amount = app.wait_for(lambda: tid(app, "payment-amount"))
    assert amount.get_attribute("value") == "500000", "the dialog offers all that is owed"
    amount.send_keys(Keys.CONTROL, "a")
    amount.send_keys("600k")
    app.click(tid(app, "payment-submit"))
    app.wait_for(lambda: "Lớn hơn số khách đang nợ." in app.text())
    amount.send_keys(Keys.CONTROL, "a")
    amount.send_keys("200k")
    app.click(tid(app, "payment-submit"))
    app.wait_for(lambda: tid(app, "debt-total").text == "300.000 ₫")
    assert len(app.wd.find_elements(By.CSS_SELECTOR, "[data-testid=debt-entry]")) == 2
    assert db.execute("SELECT sum(amount) FROM debt_entry WHERE customer_id = ?", (her,)).fetchone()[0] == 300000
    app.screenshot("loyvouch-02-card-debt")

    open_settings(app)
    app.click(menu_button(app, "debts"))
    app.wait_for(lambda: tid(app, "debts-total").text == "300.000 ₫")
    rows = app.wd.find_elements(By.CSS_SELECTOR, "[data-testid=debt-row]")
    assert len(rows) == 1 and HAN in rows[0].text
    assert "300.000 ₫" in tid(app, "debt-age-over_90").text
    app.screenshot("loyvouch-03-debts")
