"""Backups on the real app: the daily one at start, a bad folder refused, a backup on demand,
and a restore that brings the data back to it while keeping a safety copy."""
import sqlite3

from selenium.webdriver.common.by import By

from test_counter import create_customer


def settings_backups(app):
    app.wd.find_element(By.ID, "nav-settings").click()
    # The sections above load on their own and grow the page: scroll once the last one is in.
    app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "table.audit tbody tr"))
    button = app.wait_for(lambda: app.wd.find_element(By.ID, "backup-now"))
    app.wd.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    return button


def status(app):
    return app.wd.find_element(By.CSS_SELECTOR, "[role=status]").text


def test_backup_then_restore_brings_the_data_back(app, data_dir):
    backups = data_dir / "backups"
    # The day's backup is taken at start.
    app.wait_for(lambda: list(backups.glob("khachquen-*.db")), timeout=15)

    settings_backups(app)
    folder = app.wd.find_element(By.ID, "backup-dir")
    folder.send_keys("usb")
    app.click(app.wd.find_element(By.ID, "backup-folder-save"))
    # The hint under the field says "Nhập đường dẫn đầy đủ" too: wait for the error itself.
    app.wait_for(lambda: "Nhập đường dẫn đầy đủ" in app.wd.find_element(By.CSS_SELECTOR, ".field-error").text)
    assert folder.get_attribute("value") == "usb", "what was typed stays"
    folder.clear()

    create_customer(app, "Lê Văn An", "0912 000 111")
    app.click(settings_backups(app))
    app.wait_for(lambda: status(app).startswith("Đã sao lưu và kiểm tra"))
    rows = app.wd.find_elements(By.CSS_SELECTOR, "table.members tbody tr")
    assert len(rows) == 1, "one backup a day is kept: the newest"

    create_customer(app, "Trần Thị Bình", "0912 000 222")
    settings_backups(app)
    app.click(app.wd.find_element(By.XPATH, "//table[contains(@class,'members')]//button[normalize-space()='Khôi phục']"))
    app.click(app.button("Khôi phục bản này"))
    app.wait_for(lambda: status(app).startswith("Đã khôi phục"))
    app.screenshot("50-restored")
    # The app reloads on the restored data (the owner is in it, so stays signed in): Bình is
    # gone, An is there.
    app.wait_for(lambda: "Sao lưu dữ liệu" not in app.text(), timeout=15)
    assert app.search("an")
    app.wait_for(lambda: any("Lê Văn An" in o for o in [e.text for e in app.options()]))
    db = sqlite3.connect(data_dir / "khachquen.db")
    assert [r[0] for r in db.execute("SELECT full_name FROM customer")] == ["Lê Văn An"]
    safety = list(backups.glob("before-restore-*.db"))
    assert len(safety) == 1
    kept = sqlite3.connect(safety[0])
    assert sorted(r[0] for r in kept.execute("SELECT full_name FROM customer")) == ["Lê Văn An", "Trần Thị Bình"]
