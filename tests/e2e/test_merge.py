"""The duplicate finder and the merge screen on the real app: two records of one person (the
name typed with and without accents, the same birthday, two phones) are found, merged with the
other record's address chosen, and the counter then finds one customer with both phones and
that address. A pair marked "not the same person" is not offered again."""
from selenium.webdriver.common.by import By

from test_audit_every_command import customer_draft, invoke

KEEP_NAME = "Trần Thị Mai"


def add(app, name, phone, birthday="", address=""):
    draft = {**customer_draft(name, phone), "birthday": birthday, "address": address, "allow_duplicate": True}
    return invoke(app, "create_customer", {"draft": draft})["id"]


def radio(app, name):
    return app.wd.find_element(By.XPATH, f"//input[@type='radio' and @aria-label='{name}']")


def open_finder(app):
    app.click(app.wd.find_element(By.ID, "nav-duplicates"))
    return app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "section.dup-finder"))


def pair(app, a, b):
    return app.wait_for(lambda: app.wd.find_element(By.XPATH, f"//li[@aria-label='{a} và {b}']"))


def test_a_pair_found_by_name_and_birthday_is_merged_with_a_value_chosen_from_each(app):
    app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=signed-in]"))
    add(app, KEEP_NAME, "0912 000 111", "08/03/1992", "12 Lê Lợi")
    add(app, "Tran Thi Mai", "0988 777 666", "08/03/1992", "45 Hai Bà Trưng")

    open_finder(app)
    row = pair(app, KEEP_NAME, "Tran Thi Mai")
    assert "trùng tên và ngày sinh" in row.text and "Độ giống 60/100" in row.text, row.text
    app.screenshot("70-duplicate-finder")
    app.click(row.find_element(By.XPATH, ".//button[normalize-space()='Gộp…']"))

    app.wait_for(lambda: app.wd.find_element(By.ID, "merge-title"))
    phones = app.wd.find_element(By.CSS_SELECTOR, "[data-testid=merge-phones]").text
    assert phones == "0912 000 111, 0988 777 666", "the merged card's phones are shown before confirming"
    assert radio(app, "Địa chỉ: giữ “12 Lê Lợi”").is_selected(), "the kept record's value by default"
    app.click(radio(app, "Địa chỉ: giữ “45 Hai Bà Trưng”"))
    assert radio(app, "Địa chỉ: giữ “45 Hai Bà Trưng”").is_selected()
    assert radio(app, "Họ và tên: giữ “Trần Thị Mai”").is_selected(), "the kept name stays chosen"
    app.screenshot("71-merge-screen")
    app.click(app.button("Gộp hai hồ sơ"))
    app.wait_for(lambda: "Đã gộp vào Trần Thị Mai." in app.text())
    assert "Không tìm thấy cặp khách nào có thể trùng." in app.text()

    found = app.search("mai")
    assert len(found) == 1 and KEEP_NAME in found[0], found
    assert app.search("0988777666")[0].startswith(KEEP_NAME)
    app.click(app.options()[0])
    app.wait_for(lambda: app.wd.find_element(By.ID, "customer-name").text == KEEP_NAME)
    card = app.text()
    for shown in ["0912 000 111", "0988 777 666", "45 Hai Bà Trưng"]:
        assert shown in card, f"{shown!r} must be on the merged card"
    assert "12 Lê Lợi" not in card, "the other record's address was chosen"


def test_not_the_same_person_is_not_offered_again(app):
    app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=signed-in]"))
    add(app, "Lê Thị Hoa", "0283 822 1234")
    add(app, "Phạm Thu Hà", "0283 822 1234")
    open_finder(app)
    row = pair(app, "Lê Thị Hoa", "Phạm Thu Hà")
    assert "trùng số điện thoại" in row.text
    app.click(row.find_element(By.XPATH, ".//button[normalize-space()='Không phải một người']"))
    app.wait_for(lambda: "Không tìm thấy cặp khách nào có thể trùng." in app.text())
    app.click(app.wd.find_element(By.ID, "nav-today"))
    open_finder(app)
    app.wait_for(lambda: "Không tìm thấy cặp khách nào có thể trùng." in app.text())
