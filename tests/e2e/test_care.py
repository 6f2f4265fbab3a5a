"""Proactive care on the real app: a purchase dated 8 days ago plans a check-in; it shows in
Today and as a desktop notification (read from dunst); recording the outcome logs an
interaction and empties the queue."""
import os
import shutil
import sqlite3
import subprocess
import time
from datetime import timedelta

import pytest
from selenium.webdriver.common.by import By

from test_aftersales import dmy, shop_today
from test_counter import HAN, create_customer
from test_privacy import grant


def notification_count() -> int:
    total = 0
    for which in ("displayed", "history", "waiting"):
        out = subprocess.run(["dunstctl", "count", which], capture_output=True, text=True, timeout=5)
        total += int(out.stdout.strip() or 0)
    return total


@pytest.fixture
def dunst():
    """A notification daemon on this test's session bus, so delivery can be counted."""
    if not shutil.which("dunst"):
        pytest.fail("dunst is not installed (scripts/setup.sh --test installs it)")
    proc = subprocess.Popen(["dunst"], env=os.environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 10
    while True:
        try:
            start = notification_count()
            break
        except (ValueError, subprocess.SubprocessError):
            if time.time() > deadline:
                proc.terminate()
                raise RuntimeError("dunst did not start")
            time.sleep(0.2)
    yield start
    proc.terminate()
    proc.wait(5)


def test_a_check_in_falls_due_is_announced_and_worked(dunst, app, data_dir):
    sold = shop_today() - timedelta(days=8)

    # No quiet hours, whatever time of day the suite runs.
    app.wd.find_element(By.ID, "nav-settings").click()
    quiet_from = app.wait_for(lambda: app.wd.find_element(By.ID, "care-quiet_from"))
    for field in ("care-quiet_from", "care-quiet_to"):
        box = app.wd.find_element(By.ID, field)
        box.clear()
        box.send_keys("00:00")
    app.wd.find_element(By.ID, "care-settings-save").click()
    app.wait_for(lambda: "Đã lưu" in app.text())
    assert quiet_from.get_attribute("value") == "00:00"

    create_customer(app, HAN, "0912.345.678", "chị")
    # Care calls only for a customer who agreed to them, and how is on record.
    grant(app)
    app.wd.find_element(By.ID, "sell").click()
    app.button("+ Sản phẩm mới").click()
    app.wd.find_element(By.ID, "quick-name").send_keys("Nồi chiên không dầu")
    app.wd.find_element(By.ID, "quick-price").send_keys("2tr490")
    app.wd.find_element(By.ID, "quick-serial").click()  # not serialised
    app.wd.find_element(By.ID, "quick-save").click()
    app.wait_for(lambda: app.wd.find_elements(By.CSS_SELECTOR, "fieldset.line"))
    app.wd.find_element(By.ID, "sold-on").send_keys(dmy(sold))
    app.button("Lưu đơn hàng").click()
    app.wait_for(lambda: app.wd.find_element(By.ID, "receipt-title").text.startswith("HD"))

    # The notifier, woken by the sale, announces the check-in that fell due yesterday.
    app.wait_for(lambda: notification_count() > dunst, timeout=15)
    assert notification_count() - dunst == 1, "one grouped notification, not one per reminder"
    # Closing moves it to the history, where its text can be read.
    subprocess.run(["dunstctl", "close-all"], timeout=5, check=True)
    history = app.wait_for(lambda: (h := subprocess.run(["dunstctl", "history"], capture_output=True, text=True, timeout=5).stdout) and "Khách Quen" in h and h)
    assert "1 khách cần chăm sóc" in history, history

    # Today lists it with the customer, the receipt and how late it is; the nav shows the count.
    count = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=waiting-count]"))
    assert count.text == "1"
    app.wd.find_element(By.ID, "nav-today").click()
    item = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "button.reminder[data-kind=check_in]"))
    assert "chị Hân" in item.text and "trễ 1 ngày" in item.text, item.text
    assert not app.wd.find_elements(By.CSS_SELECTOR, "button.reminder[data-kind=thank_you]"), "a week-old thank-you is moot"
    item.click()
    message = app.wait_for(lambda: app.wd.find_element(By.ID, "message-text"))
    app.wait_for(lambda: message.get_attribute("value").startswith("Chào chị Hân, Nồi chiên không dầu chị mua ngày"))
    assert dmy(sold) in message.get_attribute("value")
    app.screenshot("30-today")

    app.wd.find_element(By.ID, "outcome-note").send_keys("Chị dùng tốt, hỏi thêm lõi lọc")
    app.wd.find_element(By.CSS_SELECTOR, "button[data-outcome=reached]").click()
    app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=today-empty]"))
    assert not app.wd.find_elements(By.CSS_SELECTOR, "[data-testid=waiting-count]")

    # The customer card shows the contact on the timeline.
    app.search("han")
    app.options()[0].click()
    timeline = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=timeline]"))
    log = app.wait_for(lambda: [li for li in timeline.find_elements(By.CSS_SELECTOR, "li[data-kind=reminder]") if "Chị dùng tốt" in li.text])[0]
    assert "đã liên lạc" in log.text, log.text

    db = sqlite3.connect(data_dir / "khachquen.db")
    assert db.execute("SELECT kind, status, outcome, notified_at IS NOT NULL FROM reminder").fetchall() == [
        ("check_in", "done", "reached", 1)
    ]
    assert db.execute("SELECT channel, outcome, summary FROM interaction").fetchall() == [
        ("phone", "reached", "Chị dùng tốt, hỏi thêm lõi lọc")
    ]
    assert db.execute("SELECT last_contact_at IS NOT NULL FROM customer").fetchone() == (1,)
