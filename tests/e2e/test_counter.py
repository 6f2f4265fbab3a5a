"""Counter lookup journeys on the real app."""
import sqlite3

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

HAN = "Đặng Thị Ngọc Hân"
XSS = "<img src=x onerror=alert(1)>"


def create_customer(app, name, phone, address_as=None):
    app.search_box().send_keys(Keys.CONTROL, "n")
    app.wait_for(lambda: app.field("Họ và tên").is_displayed())
    app.field("Họ và tên").send_keys(name)
    app.field("Số điện thoại 1").send_keys(phone)
    if address_as:
        app.field("Xưng hô").send_keys(address_as)
    app.button("Lưu").click()
    app.wait_for(lambda: app.wd.find_element(By.ID, "customer-name").text == name)


def test_search_box_has_focus_on_launch_and_empty_db_offers_demo(app):
    focused = app.wait_for(lambda: app.wd.switch_to.active_element.get_attribute("type") == "search", timeout=5)
    assert focused, "the counter search must be focused at launch"
    assert "Tải dữ liệu mẫu" in app.text()
    app.screenshot("01-empty")


def test_create_find_prefer_restart_find_again(app, data_dir):
    create_customer(app, HAN, "0912.345.678", "chị")
    assert "chị Hân" in app.text(), "the card greets her by form of address and call name"
    assert "0912 345 678" in app.text(), "the phone is normalised and shown grouped"
    app.screenshot("02-created")

    app.wd.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    for q in ["han", "dang ngoc", "678", "+84912345678"]:
        found = app.search(q)
        assert any(HAN in o for o in found), f"{q!r} must find her, got {found}"

    # Keyboard: the first option is active; Enter opens it.
    app.search("dang ngoc han")
    app.search_box().send_keys(Keys.ENTER)
    app.wait_for(lambda: app.wd.find_element(By.ID, "customer-name").text == HAN)

    app.field("Nội dung").send_keys("Size M")
    app.field("Loại").send_keys("Kích cỡ")
    app.button("Thêm sở thích").click()
    app.wait_for(lambda: "Size M" in app.wd.find_element(By.CSS_SELECTOR, ".pref-list").text)
    app.screenshot("03-preference")

    # Restart the app on the same data directory.
    app.quit()
    app.launch()
    found = app.search("han")
    assert any(HAN in o for o in found)
    app.search_box().send_keys(Keys.ENTER)
    app.wait_for(lambda: "Size M" in app.wd.find_element(By.CSS_SELECTOR, ".pref-list").text)

    db = sqlite3.connect(data_dir / "khachquen.db")
    rows = db.execute("SELECT canonical, raw FROM customer_phone").fetchall()
    assert rows == [("0912345678", "0912.345.678")], "the real SQLite file holds the canonical and raw phone"


def test_hostile_name_is_plain_text(app):
    create_customer(app, XSS, "0987 654 321")
    assert app.wd.find_element(By.ID, "customer-name").text == XSS
    found = app.search("img")
    assert any(XSS in o for o in found)
    assert app.wd.find_elements(By.CSS_SELECTOR, "img") == [], "no element was injected"


def test_bad_input_keeps_what_was_typed_and_saves_nothing(app, data_dir):
    app.search_box().send_keys(Keys.CONTROL, "n")
    app.wait_for(lambda: app.field("Họ và tên").is_displayed())
    app.field("Số điện thoại 1").send_keys("1900 1234")
    app.field("Email").send_keys("lan@@x")
    app.button("Lưu").click()
    app.wait_for(lambda: "Vui lòng nhập họ tên." in app.text())
    assert "Đây là số tổng đài" in app.text()
    assert "Email không hợp lệ." in app.text()
    assert app.field("Email").get_attribute("value") == "lan@@x", "what was typed stays"
    app.screenshot("04-errors")
    count = sqlite3.connect(data_dir / "khachquen.db").execute("SELECT count(*) FROM customer").fetchone()[0]
    assert count == 0


def test_duplicate_phone_offers_the_existing_customer(app):
    create_customer(app, "Nguyễn Thị Lan", "0903 222 333")
    app.search_box().send_keys(Keys.CONTROL, "n")
    app.wait_for(lambda: app.field("Họ và tên").is_displayed())
    app.field("Họ và tên").send_keys("Trần Văn Nam")
    app.field("Số điện thoại 1").send_keys("+84 903 222 333")
    app.button("Lưu").click()
    title = app.wait_for(lambda: app.wd.find_element(By.ID, "dup-title"))
    assert title.get_attribute("textContent") == "Có thể khách này đã có trong hệ thống"
    assert "0903 222 333" in app.wd.find_element(By.CSS_SELECTOR, ".duplicates").text
    # The save's answer moves focus to "open the existing customer", so Enter opens her.
    app.wait_for(lambda: app.wd.switch_to.active_element.text == "Mở Nguyễn Thị Lan")
    assert app.wd.execute_script(
        "const r = document.getElementById('dup-title').getBoundingClientRect(); return r.top >= 0;"
    ), "the warning's title is in view"
    app.screenshot("05-duplicate")
    app.button("Mở Nguyễn Thị Lan").click()
    app.wait_for(lambda: app.wd.find_element(By.ID, "customer-name").text == "Nguyễn Thị Lan")


def test_language_switch_and_demo_data(app):
    app.button("Tải dữ liệu mẫu").click()
    app.wait_for(lambda: "Đã thêm" in app.text(), timeout=30)
    found = app.search("nguyen")
    assert len(found) > 5
    app.search_box().send_keys(Keys.ENTER)
    app.wait_for(lambda: app.wd.find_element(By.ID, "customer-name").text.startswith("Nguyễn"))
    app.screenshot("06-card-1280")
    app.wd.set_window_size(1920, 1080)
    app.screenshot("07-card-1920")
    app.button("Ngôn ngữ: English").click()
    app.wait_for(lambda: "Find a customer" in app.text())
    assert "Customer since" in app.text(), "the open card switches language too"
    app.screenshot("08-english-1920")
