"""Staff journeys: the owner adds a staff member; staff see masked phones, reveal one (logged),
and cannot reach the owner's pages; wrong PINs are counted; the owner reads the audit log."""
import sqlite3

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import OWNER, OWNER_PIN
from test_counter import create_customer

HAN = "Đặng Thị Ngọc Hân"


def open_settings(app):
    app.wait_for(lambda: app.wd.find_element(By.ID, "nav-settings")).click()
    app.wait_for(lambda: app.wd.find_element(By.ID, "settings-title"))


def lock(app):
    app.wd.find_element(By.ID, "nav-lock").click()
    app.lock_screen()


def test_owner_adds_staff_who_sees_masked_phones_and_the_reveal_is_audited(app, data_dir):
    create_customer(app, HAN, "0912 345 678", "chị")
    assert "0912 345 678" in app.text(), "the owner sees phones in full"

    open_settings(app)
    add = app.wait_for(lambda: app.wd.find_element(By.ID, "sa-name"))
    app.wd.execute_script("arguments[0].scrollIntoView({block: 'center'})", add)
    # A bad PIN is refused with a translated message and the name typed stays.
    add.send_keys("Lan")
    app.field("Mã PIN (4–8 số)").send_keys("12")
    app.button("Thêm nhân viên").click()
    app.wait_for(lambda: "Mã PIN gồm 4 đến 8 chữ số." in app.text())
    assert app.wd.find_element(By.ID, "sa-name").get_attribute("value") == "Lan"
    pin = app.field("Mã PIN (4–8 số)")
    assert pin.get_attribute("value") == "12", "what was typed stays after a refused save"
    pin.clear()
    pin.send_keys("1357")
    app.button("Thêm nhân viên").click()
    app.wait_for(lambda: "Đã thêm nhân viên." in app.text())

    lock(app)
    assert app.wd.find_elements(By.CSS_SELECTOR, "input[type=search]") == [] or not app.search_box().is_displayed(), \
        "nothing about customers shows on the lock screen"
    app.wd.find_element(By.XPATH, "//button[@aria-pressed][.//span[normalize-space()='Lan']]").click()
    app.field("Mã PIN").send_keys("0000" + Keys.ENTER)
    app.wait_for(lambda: "Còn 4 lần thử" in app.text())
    app.screenshot("staff-01-wrong-pin")
    app.field("Mã PIN").send_keys("1357" + Keys.ENTER)
    app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=signed-in]").text == "Lan")

    found = app.search("678")
    assert any("0912 xxx 678" in o for o in found), found
    assert not any("345" in o for o in found), "staff never see the middle digits in search"
    app.search_box().send_keys(Keys.ENTER)
    app.wait_for(lambda: app.wd.find_element(By.ID, "customer-name").text == HAN)
    assert "0912 xxx 678" in app.text()
    app.wd.find_element(By.ID, "reveal-phones").click()
    app.wait_for(lambda: "0912 345 678" in app.text())
    app.screenshot("staff-02-revealed")

    open_settings(app)
    assert "Nhân viên và quyền" not in app.text() and "Nhật ký thay đổi" not in app.text()

    lock(app)
    app.sign_in(OWNER, OWNER_PIN)
    open_settings(app)
    audit = app.wait_for(lambda: app.wd.find_element(By.ID, "audit-title"))
    app.wd.execute_script("arguments[0].scrollIntoView()", audit)
    table = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "table.audit"))
    app.wait_for(lambda: "Xem số điện thoại" in table.text)
    rows = [r.text for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert any("Lan" in r and "Xem số điện thoại" in r for r in rows), rows
    app.screenshot("staff-03-audit")

    db = sqlite3.connect(data_dir / "khachquen.db")
    (hash_,) = db.execute("SELECT pin_hash FROM staff WHERE name = 'Lan'").fetchone()
    assert hash_.startswith("$argon2id$")
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'reveal_phone' AND staff = 'Lan'").fetchone() == (1,)
