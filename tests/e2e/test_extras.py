"""Extras on the real app: a return policy created in Settings (from a preset) is offered for a
product and carried by its sale; the sale's receipt lays out on an 80 mm roll or an A5 sheet,
remembered per PC; the Settings menu jumps to its sections; the dashboard's charts have axes."""
import sqlite3

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from test_counter import HAN, create_customer

POLICY = "Phụ kiện đổi 15 ngày"
SERIAL = "SNWH5X0042"
PRODUCT = "Tai nghe Bluetooth Sony WH-1000XM5 chống ồn chủ động màu đen"


def section_offset(app, section):
    """How far the section's top sits below what covers the page: the top of the scrolling
    main column, or the menu's bottom where the menu runs across the top (px)."""
    return app.wd.execute_script(
        """
        const s = document.getElementById(arguments[0]).getBoundingClientRect();
        const n = document.querySelector('nav.settings-menu').getBoundingClientRect();
        const m = document.querySelector('main.right').getBoundingClientRect();
        return s.top - (n.width > s.width / 2 ? n.bottom : m.top);
        """,
        f"settings-{section}",
    )


def menu_button(app, section):
    return app.wd.find_element(By.CSS_SELECTOR, f"nav.settings-menu button[data-section={section}]")


def open_settings(app):
    app.wd.find_element(By.ID, "nav-settings").click()
    app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "nav.settings-menu").is_displayed())


def test_policy_from_settings_receipt_of_its_sale_and_settings_menu(app, data_dir):
    open_settings(app)

    # The menu: a click jumps to the section and marks it; arrows and Enter do the same.
    assert menu_button(app, "shop").get_attribute("aria-current") == "location"
    app.click(menu_button(app, "backup"))
    app.wait_for(lambda: abs(section_offset(app, "backup")) < 40)
    app.wait_for(lambda: menu_button(app, "backup").get_attribute("aria-current") == "location")
    assert menu_button(app, "shop").get_attribute("aria-current") is None
    assert app.wd.switch_to.active_element.get_attribute("id") == "settings-backup"
    menu_button(app, "shop").send_keys(Keys.ARROW_DOWN)
    assert app.wd.switch_to.active_element.get_attribute("data-section") == "policies"
    app.wd.switch_to.active_element.send_keys(Keys.ENTER)
    app.wait_for(lambda: abs(section_offset(app, "policies")) < 40)
    app.wait_for(lambda: menu_button(app, "policies").get_attribute("aria-current") == "location")
    # The menu stays in view while the page has scrolled far down.
    assert menu_button(app, "audit").is_displayed()
    app.screenshot("extras-01-settings-menu")

    # A new policy from the "Điện tử" preset: a name is required and must be its own.
    Select(app.wd.find_element(By.ID, "policy-preset")).select_by_visible_text("Điện tử")
    app.click(app.wd.find_element(By.ID, "policy-new"))
    name = app.wait_for(lambda: app.wd.find_element(By.ID, "policy-name-new"))
    app.click(app.wd.find_element(By.ID, "policy-create"))
    draft = app.wd.find_element(By.CSS_SELECTOR, "fieldset.policy-draft")
    app.wait_for(lambda: "Vui lòng nhập tên chính sách." in draft.text)
    name.send_keys("ĐIỆN THOẠI")
    app.click(app.wd.find_element(By.ID, "policy-create"))
    app.wait_for(lambda: "Đã có chính sách trùng tên này." in draft.text)
    name.send_keys(Keys.CONTROL, "a")
    name.send_keys(POLICY)
    app.wd.find_element(By.ID, "policy-text-new").send_keys(
        " Phụ kiện: đổi trong 15 ngày."
    )
    app.click(app.wd.find_element(By.ID, "policy-create"))
    status = app.wd.find_element(By.CSS_SELECTOR, "[data-testid=policy-status]")
    app.wait_for(lambda: status.text == "Đã tạo chính sách.")
    assert not app.wd.find_elements(By.CSS_SELECTOR, "fieldset.policy-draft")
    app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, f"fieldset.policy[aria-label='{POLICY}']"))
    db = sqlite3.connect(data_dir / "khachquen.db")
    rules, preset = db.execute(
        "SELECT (SELECT rules FROM policy WHERE name = ?), (SELECT rules FROM policy WHERE name = 'Điện tử')",
        (POLICY,),
    ).fetchone()
    assert rules == preset, "the new policy starts with the preset's rules"
    assert db.execute(
        "SELECT count(*) FROM audit_log WHERE entity = 'policy' AND action = 'save'"
    ).fetchone() == (1,), "one policy saved, one audit row; the refused attempts wrote nothing"
    app.screenshot("extras-02-policy-created")

    # Offered for a product at the counter, and carried by the sale.
    create_customer(app, HAN, "0912.345.678", "chị")
    app.wd.find_element(By.ID, "sell").click()
    app.button("+ Sản phẩm mới").click()
    app.wd.find_element(By.ID, "quick-name").send_keys(PRODUCT)
    app.wd.find_element(By.ID, "quick-price").send_keys("6tr490")
    offered = Select(app.wd.find_element(By.ID, "quick-policy"))
    assert POLICY in [o.text for o in offered.options]
    offered.select_by_visible_text(POLICY)
    app.wd.find_element(By.ID, "quick-save").click()
    app.wait_for(lambda: app.wd.find_element(By.ID, "serial-0-0")).send_keys(SERIAL)
    app.button("Lưu đơn hàng").click()
    app.wait_for(lambda: app.wd.find_element(By.ID, "receipt-title").text.startswith("HD"))
    receipt_no = app.wd.find_element(By.ID, "receipt-title").text
    assert POLICY in app.wd.find_element(By.CSS_SELECTOR, "article.purchase").text

    # The receipt: an 80 mm roll by default, 42 characters a row, nothing wider than the paper.
    app.wd.find_element(By.ID, "print-receipt").click()
    receipt = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=receipt]"))
    assert "receipt-roll80" in receipt.get_attribute("class")
    roll = lambda: [r.get_attribute("textContent") for r in receipt.find_elements(By.CSS_SELECTOR, ".roll-row")]  # noqa: E731
    # The customer's card (form of address, masked phone) arrives after the sale.
    app.wait_for(lambda: any("Chị Đặng Thị Ngọc Hân" in r for r in roll()))
    rows = roll()
    text = "\n".join(rows).replace("\xa0", " ")
    assert max(len(r) for r in rows) <= 42, rows
    assert receipt_no in text and "HOÁ ĐƠN BÁN HÀNG" in text and "0912 345 678" in text, text
    assert "Tai nghe Bluetooth Sony" in text and "1 x 6.490.000 ₫" in text and SERIAL in text, text
    assert any(r.startswith("TỔNG CỘNG") and r.endswith("6.490.000 ₫") for r in text.split("\n")), text
    fits = app.wd.execute_script(
        "const r = arguments[0];"
        "return [r.getBoundingClientRect().width,"
        " [...r.querySelectorAll('.roll-row')].every(x => x.scrollWidth <= x.clientWidth + 1)];",
        receipt,
    )
    assert abs(fits[0] - 72 * 96 / 25.4) < 2 and fits[1], fits
    page = lambda: app.wd.execute_script(  # noqa: E731
        "return [...document.querySelectorAll('style[data-receipt-page]')].map(s => s.textContent)"
    )
    assert page() == ["@page { size: 80mm 297mm; margin: 4mm; }"]
    app.screenshot("extras-03-receipt-80mm")

    # A5: a table of the lines and the total; the choice stays for the next receipt.
    app.wd.find_element(By.XPATH, "//label[normalize-space()='Tờ A5']").click()
    app.wait_for(lambda: "receipt-a5" in receipt.get_attribute("class"))
    line = receipt.find_element(By.CSS_SELECTOR, "tr.receipt-line")
    assert PRODUCT in line.text and "6.490.000 ₫" in line.text.replace("\xa0", " ")
    total = receipt.find_element(By.CSS_SELECTOR, "[data-testid=receipt-total]").text
    assert total.replace("\xa0", " ") == "6.490.000 ₫"
    assert page() == ["@page { size: A5 portrait; margin: 10mm; }"]
    app.screenshot("extras-04-receipt-a5")
    app.button("Quay lại").click()
    app.wait_for(lambda: app.wd.find_element(By.ID, "print-receipt")).click()
    again = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=receipt]"))
    assert "receipt-a5" in again.get_attribute("class"), "the last format chosen on this PC"
    app.button("Quay lại").click()
    app.wait_for(lambda: app.wd.find_element(By.ID, "print-receipt"))
    assert page() == [], "the paper size leaves with the receipt"

    # The dashboard's revenue chart: a value axis with its unit and round ticks, dates below.
    app.wd.find_element(By.ID, "nav-dashboard").click()
    chart = app.wait_for(
        lambda: app.wd.find_element(By.XPATH, "//figure[figcaption[normalize-space()='Doanh thu']]")
    )
    ticks = [t.get_attribute("textContent") for t in chart.find_elements(By.CSS_SELECTOR, "text.tick")]
    titles = [t.get_attribute("textContent") for t in chart.find_elements(By.CSS_SELECTOR, "text.axis-title")]
    assert ticks[0] == "0" and ticks[-1].endswith(" tr"), ticks
    assert "đồng (₫)" in titles and "Ngày" in titles, titles
    app.wd.execute_script(
        "const m = document.querySelector('main.right');"
        "m.scrollTop += arguments[0].getBoundingClientRect().top - m.getBoundingClientRect().top;",
        chart,
    )
    app.screenshot("extras-05-dashboard")

    # Retired, the policy is no longer offered for new products.
    open_settings(app)
    app.click(menu_button(app, "policies"))
    mine = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, f"fieldset.policy[aria-label='{POLICY}']"))
    app.click(mine.find_element(By.XPATH, ".//button[normalize-space()='Ngừng áp dụng']"))
    app.wait_for(lambda: "Đã ngừng áp dụng" in app.wd.find_element(
        By.CSS_SELECTOR, f"fieldset.policy[aria-label='{POLICY}'] legend").text)
    app.wd.find_element(By.ID, "nav-products").click()
    app.wait_for(lambda: app.wd.find_element(By.ID, "product-new")).click()
    options = [o.text for o in Select(app.wd.find_element(By.ID, "product-policy")).options]
    assert "Điện tử" in options and POLICY not in options, options
