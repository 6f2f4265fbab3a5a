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

    db = sqlite3.connect(data_dir / "khachquen.db")
    assert db.execute("SELECT extension_days, warranty_end FROM unit").fetchall() == [(10, extended.isoformat())]
    assert db.execute("SELECT count(*) FROM claim_event").fetchone() == (5,)
