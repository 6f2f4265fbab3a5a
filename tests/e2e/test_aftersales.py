"""After-sales journey on the real app: sell a phone with an IMEI, find it by its last digits,
run a warranty claim through the service centre and back, and see the warranty extended."""
import sqlite3
from datetime import datetime, timedelta, timezone

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from test_counter import HAN, create_customer

IMEI = "356938035643809"


def shop_today():
    return datetime.now(timezone(timedelta(hours=7))).date()


def dmy(d):
    return d.strftime("%d/%m/%Y")


def plus_year(d):
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29/02 → 28/02
        return d.replace(year=d.year + 1, day=28)


def status(app):
    return app.wd.find_element(By.CSS_SELECTOR, "[data-testid=claim-status]").text


def move(app, to, expected, **fields):
    app.wd.find_element(By.CSS_SELECTOR, f"button[data-move={to}]").click()
    app.wait_for(lambda: app.wd.find_element(By.ID, "move-confirm").is_displayed())
    for field_id, value in fields.items():
        app.wd.find_element(By.ID, field_id).send_keys(value)
    app.wd.find_element(By.ID, "move-confirm").click()
    app.wait_for(lambda: status(app) == expected)


def test_sell_find_claim_service_centre_and_extended_warranty(app, data_dir):
    today = shop_today()
    sold = today - timedelta(days=30)
    received = today - timedelta(days=10)
    create_customer(app, HAN, "0912.345.678", "chị")

    # Sell: a new product added from the purchase form, its IMEI scanned, dated a month back.
    app.wd.find_element(By.ID, "sell").click()
    app.button("+ Sản phẩm mới").click()
    app.wd.find_element(By.ID, "quick-name").send_keys("iPhone 15 128GB")
    app.wd.find_element(By.ID, "quick-price").send_keys("19tr990")
    Select(app.wd.find_element(By.ID, "quick-policy")).select_by_visible_text("Điện thoại")
    app.wd.find_element(By.ID, "quick-save").click()
    serial = app.wait_for(lambda: app.wd.find_element(By.ID, "serial-0-0"))
    serial.send_keys(IMEI)
    app.wd.find_element(By.ID, "sold-on").send_keys(dmy(sold))
    app.button("Lưu đơn hàng").click()
    app.wait_for(lambda: app.wd.find_element(By.ID, "receipt-title").text.startswith("HD"))
    base_end = plus_year(sold)
    coverage = app.wd.find_element(By.CSS_SELECTOR, "[data-testid=coverage]").text
    assert f"Bảo hành đến {dmy(base_end)}" in coverage, coverage
    app.screenshot("10-sold")

    # Find the unit by the last 5 digits of its IMEI; Enter opens its sale.
    app.wd.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    found = app.search(IMEI[-5:])
    assert any(IMEI in o and HAN in o for o in found), found
    app.search_box().send_keys(Keys.ENTER)
    app.wait_for(lambda: IMEI in app.wd.find_element(By.CSS_SELECTOR, ".units").text)

    # Open a claim received ten days ago.
    app.button("Nhận bảo hành").click()
    app.wd.find_element(By.ID, "claim-symptom").send_keys("Không lên nguồn")
    app.wd.find_element(By.ID, "claim-received_on").send_keys(dmy(received))
    app.wd.find_element(By.ID, "claim-accessories").send_keys("Sạc, cáp")
    app.button("Lập phiếu tiếp nhận").click()
    app.wait_for(lambda: status(app) == "Tiếp nhận")

    # The intake slip renders with the promise and the law's note.
    app.button("Phiếu tiếp nhận bảo hành").click()
    slip = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=slip]"))
    app.wait_for(lambda: "Không lên nguồn" in slip.text)
    assert "Phiếu tiếp nhận bảo hành" in slip.text and IMEI in slip.text
    app.screenshot("11-intake-slip")
    app.button("Quay lại").click()

    # The claim board lists it under "received"; its card opens it again.
    app.wd.find_element(By.ID, "nav-board").click()
    column = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[aria-label='Tiếp nhận']"))
    card = app.wait_for(lambda: column.find_element(By.CSS_SELECTOR, ".board-card"))
    assert "iPhone 15 128GB" in card.text and HAN in card.text
    card.click()
    app.wait_for(lambda: status(app) == "Tiếp nhận")

    move(app, "at_service_center", "Gửi hãng", **{"move-center": "TTBH Apple Quận 3"})
    move(app, "repairing", "Đang sửa")
    move(app, "ready", "Đã sửa xong, chờ khách lấy")
    move(app, "returned", "Đã trả khách")
    steps = [li.text for li in app.wd.find_elements(By.CSS_SELECTOR, ".timeline li")]
    assert len(steps) == 5 and steps[0].startswith(dmy(received)), steps
    coverage = app.wd.find_element(By.CSS_SELECTOR, "[data-testid=coverage]").text
    extended = base_end + timedelta(days=10)
    assert f"Bảo hành đến {dmy(extended)}" in coverage, coverage
    app.screenshot("12-returned")

    # The handover slip: handed back today, warranty now ending ten days later.
    app.wd.find_element(By.ID, "print-handover").click()
    slip = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=slip]"))
    app.wait_for(lambda: "Phiếu trả máy" in slip.text and "Đã trả khách" in slip.text)
    assert app.wd.find_element(By.CSS_SELECTOR, "[data-testid=handed-over-on]").text == dmy(today)
    warranty = app.wd.find_element(By.CSS_SELECTOR, "[data-testid=handover-warranty]").text
    assert dmy(extended) in warranty and "Sạc, cáp" in slip.text, slip.text
    app.screenshot("13-handover-slip")
    app.button("Quay lại").click()

    # With a claim on it the receipt's lines are fixed; its note can still be corrected.
    # Back on the claim: its button appears once the claim has reloaded.
    app.wait_for(lambda: app.button("Xem hoá đơn")).click()
    app.wait_for(lambda: app.wd.find_element(By.ID, "purchase-edit")).click()
    app.wait_for(lambda: "chỉ sửa được" in app.text())
    assert not app.wd.find_elements(By.ID, "product-search")
    app.wd.find_element(By.ID, "purchase-note").send_keys("Khách lấy hoá đơn đỏ")
    app.wd.find_element(By.ID, "purchase-save").click()
    note = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=purchase-note]"))
    assert "Khách lấy hoá đơn đỏ" in note.text

    db = sqlite3.connect(data_dir / "khachquen.db")
    assert db.execute("SELECT extension_days, warranty_end FROM unit").fetchall() == [(10, extended.isoformat())]
    assert db.execute("SELECT count(*) FROM claim_event").fetchone() == (5,)
    assert db.execute("SELECT action FROM purchase_revision").fetchall() == [("edit",)]
    assert db.execute("SELECT serial FROM unit").fetchall() == [(IMEI,)], "a header edit keeps the unit"


def product_row(app, code_or_name):
    rows = app.wd.find_elements(By.CSS_SELECTOR, "table.products tbody tr")
    return next(r for r in rows if code_or_name in r.text)


def test_catalogue_edit_archive_and_correct_a_sale(app, data_dir):
    # A new product: a typo in the warranty is caught and nothing typed is lost.
    app.wd.find_element(By.ID, "nav-products").click()
    app.wait_for(lambda: app.wd.find_element(By.ID, "product-new")).click()
    app.wd.find_element(By.ID, "product-name").send_keys("Tai nghe AirPods Pro 2")
    app.wd.find_element(By.ID, "product-category").send_keys("Phụ kiện")
    app.wd.find_element(By.ID, "product-price").send_keys("5tr990")
    warranty = app.wd.find_element(By.ID, "product-warrantyMonths")
    warranty.send_keys(Keys.CONTROL, "a")
    warranty.send_keys("1 năm")
    app.wd.find_element(By.ID, "product-save").click()
    app.wait_for(lambda: "Nhập một số nguyên" in app.text())
    assert app.wd.find_element(By.ID, "product-name").get_attribute("value") == "Tai nghe AirPods Pro 2"
    warranty.send_keys(Keys.CONTROL, "a")
    warranty.send_keys("12")
    app.wd.find_element(By.ID, "product-save").click()
    row = app.wait_for(lambda: product_row(app, "AirPods"))
    assert "5.990.000" in row.text and "SP00001" in row.text, row.text

    # Repriced: the catalogue shows the new price.
    row.find_element(By.XPATH, ".//button[normalize-space()='Sửa']").click()
    price = app.wait_for(lambda: app.wd.find_element(By.ID, "product-price"))
    price.send_keys(Keys.CONTROL, "a")
    price.send_keys("5tr490")
    app.wd.find_element(By.ID, "product-save").click()
    app.wait_for(lambda: "5.490.000" in product_row(app, "AirPods").text)
    app.screenshot("20-catalogue")

    # Sold to a walk-in, then corrected: a discount and a note.
    app.wd.find_element(By.ID, "nav-sell").click()
    picker = app.wait_for(lambda: app.wd.find_element(By.ID, "product-search"))
    picker.send_keys("airpods")
    app.wait_for(lambda: app.wd.find_elements(By.CSS_SELECTOR, ".picker-list li"))
    picker.send_keys(Keys.ENTER)
    app.wait_for(lambda: "Tai nghe AirPods Pro 2" in app.wd.find_element(By.CSS_SELECTOR, "fieldset.line").text)
    app.button("Lưu đơn hàng").click()
    app.wait_for(lambda: app.wd.find_element(By.ID, "receipt-title").text.startswith("HD"))
    app.wd.find_element(By.ID, "purchase-edit").click()
    discount = app.wait_for(lambda: app.field("Giảm giá"))
    app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "fieldset.line"))
    discount.send_keys("490k")
    app.wait_for(lambda: "5.000.000" in app.wd.find_element(By.CSS_SELECTOR, ".total").text)
    app.wd.find_element(By.ID, "purchase-note").send_keys("Giảm giá khách quen")
    app.wd.find_element(By.ID, "purchase-save").click()
    app.wait_for(lambda: app.wd.find_elements(By.CSS_SELECTOR, "[data-testid=purchase-note]"))
    assert "5.000.000" in app.wd.find_element(By.CSS_SELECTOR, "table.lines tfoot").text
    assert "sửa" in app.text()

    # No longer sold: it leaves the sale picker but stays in the catalogue.
    app.wd.find_element(By.ID, "nav-products").click()
    row = app.wait_for(lambda: product_row(app, "AirPods"))
    row.find_element(By.XPATH, ".//button[normalize-space()='Ngừng bán']").click()
    app.wait_for(lambda: "Đã ngừng bán" in app.text())
    assert product_row(app, "AirPods").find_elements(By.CSS_SELECTOR, ".badge")
    app.wd.find_element(By.ID, "nav-sell").click()
    picker = app.wait_for(lambda: app.wd.find_element(By.ID, "product-search"))
    picker.send_keys("airpods")
    picker.send_keys(Keys.ENTER)
    assert not app.wd.find_elements(By.CSS_SELECTOR, "fieldset.line")

    db = sqlite3.connect(data_dir / "khachquen.db")
    assert db.execute("SELECT price, warranty_months, archived_at IS NOT NULL FROM product").fetchall() == [(5_490_000, 12, 1)]
    assert db.execute("SELECT unit_price, discount FROM purchase_line").fetchall() == [(5_490_000, 490_000)]
    assert db.execute("SELECT total, note FROM purchase").fetchall() == [(5_000_000, "Giảm giá khách quen")]
    assert db.execute("SELECT action FROM purchase_revision").fetchall() == [("edit",)]
