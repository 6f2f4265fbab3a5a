"""Loyalty end to end on the real app (issue 17): a sale earns points; a later sale redeems them
with a voucher and leaves part owing; a payment on the card clears the debt; the card and the
report's loyalty tab show each step."""
import sqlite3
from datetime import datetime, timedelta, timezone

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_counter import HAN, create_customer
from test_extras import menu_button, open_settings


def tid(app, name):
    return app.wd.find_element(By.CSS_SELECTOR, f"[data-testid={name}]")


def typed(el, text):
    el.send_keys(Keys.CONTROL, "a")
    el.send_keys(text)


def open_card(app):
    app.wd.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    app.search("Ngọc Hân")
    app.click(app.options()[0])
    return app.wait_for(lambda: tid(app, "loyalty-points"))


def sell(app, serial, product=None):
    """Opens the sale form from the card with one unit of `product` (made on the first sale)."""
    app.click(app.wd.find_element(By.ID, "sell"))
    if product is None:
        app.click(app.button("+ Sản phẩm mới"))
        app.wd.find_element(By.ID, "quick-name").send_keys("Nồi cơm điện Cuckoo")
        app.wd.find_element(By.ID, "quick-price").send_keys("1tr500")
        app.click(app.wd.find_element(By.ID, "quick-save"))
    else:
        box = app.wait_for(lambda: app.wd.find_element(By.ID, "product-search"))
        box.send_keys(product)
        app.wait_for(lambda: app.wd.find_elements(By.CSS_SELECTOR, ".picker-list button"))
        box.send_keys(Keys.ENTER)
    app.wait_for(lambda: app.wd.find_element(By.ID, "serial-0-0")).send_keys(serial)
    return app.wait_for(lambda: tid(app, "tender-total"))


def save_sale(app):
    app.click(app.button("Lưu đơn hàng"))
    app.wait_for(lambda: app.wd.find_element(By.ID, "receipt-title").text.startswith("HD"))


def figure(app, key):
    return app.wd.find_element(By.CSS_SELECTOR, f"[data-testid=loyalty-{key}]").text


def test_points_earned_then_redeemed_with_a_voucher_on_credit_then_paid(app, data_dir):
    # The owner lets customers owe up to 5 triệu and makes a 50k voucher.
    open_settings(app)
    app.click(menu_button(app, "debts"))
    typed(app.wait_for(lambda: tid(app, "debt-default-limit")), "5000000")
    app.click(tid(app, "debt-settings-save"))
    app.click(menu_button(app, "vouchers"))
    app.wait_for(lambda: tid(app, "voucher-code")).send_keys("CAMON50")
    tid(app, "voucher-value").send_keys("50k")
    app.click(tid(app, "voucher-create"))
    app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=voucher-row][data-code=CAMON50]"))
    app.wd.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)

    # First sale, paid in full: 1.500.000 ₫ earns 150 points (1 per 10.000 ₫).
    create_customer(app, HAN, "0912.345.678", "chị")
    app.wait_for(lambda: tid(app, "loyalty-points").text == "0")
    sell(app, "CK-0001")
    app.wait_for(lambda: "150" in tid(app, "tender-points-earned").text)
    save_sale(app)
    app.wait_for(lambda: open_card(app).text == "150")
    app.screenshot("loyalty-01-earned")

    # Second sale: 100 points (10.000 ₫) and the voucher (50.000 ₫) off, 1 triệu paid, the rest owing.
    sell(app, "CK-0002", "Cuckoo")
    tid(app, "tender-points").send_keys("100")
    tid(app, "tender-voucher").send_keys("CAMON50")
    tid(app, "tender-paid").send_keys("1tr")
    app.wait_for(lambda: "440.000" in tid(app, "tender-owed").text)
    assert "10.000" in tid(app, "tender-points-value").text
    assert "50.000" in tid(app, "tender-voucher-amount").text
    due = (datetime.now(timezone(timedelta(hours=7))) + timedelta(days=30)).strftime("%d/%m/%Y")
    tid(app, "tender-due-on").send_keys(due)
    earned = int("".join(c for c in tid(app, "tender-points-earned").text if c.isdigit()))
    assert earned == 144, "points come from the 1.440.000 ₫ paid in money, owed part included"
    save_sale(app)
    open_card(app)
    app.wait_for(lambda: tid(app, "loyalty-points").text == str(150 - 100 + earned))
    assert tid(app, "debt-total").text == "440.000 ₫"
    app.screenshot("loyalty-02-owing")

    db = sqlite3.connect(data_dir / "khachquen.db", timeout=10)
    uses = db.execute("SELECT count(*), sum(amount) FROM voucher_use WHERE kind = 'redeem'").fetchone()
    assert uses == (1, 50000)

    # She pays it all: the dialog offers what is owed.
    app.click(tid(app, "debt-pay"))
    amount = app.wait_for(lambda: tid(app, "payment-amount"))
    assert amount.get_attribute("value") == "440000"
    app.click(tid(app, "payment-submit"))
    app.wait_for(lambda: app.wd.find_elements(By.CSS_SELECTOR, "[data-testid=debt-total-none]"))
    assert db.execute("SELECT sum(amount) FROM debt_entry").fetchone()[0] == 0
    db.close()
    app.screenshot("loyalty-03-paid")

    # The report's loyalty tab for this month.
    app.wd.find_element(By.ID, "nav-dashboard").click()
    app.click(app.wait_for(lambda: app.button("Tích điểm & công nợ")))
    app.wait_for(lambda: figure(app, "points_issued") == str(150 + earned))
    assert figure(app, "points_redeemed") == "100"
    assert figure(app, "points_outstanding") == str(50 + earned)
    assert figure(app, "vouchers_redeemed") == "1"
    assert figure(app, "voucher_discount") == "50.000 ₫"
    assert figure(app, "debt_total") == "0 ₫"
    app.screenshot("loyalty-04-report")
