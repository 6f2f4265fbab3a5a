"""The customer card's top on the counter's most common screen (1366×768): the briefing shows an
open repair and a promise due without scrolling, an alert is read with one key, and a Zalo
contact from the card opens the chat and logs an outcome that then shows on the timeline; a
template chosen on the card is what is copied and sent, and leaves nothing open until its outcome."""
import os
import sqlite3
import time
from datetime import timedelta

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import OWNER, App
from test_aftersales import dmy, shop_today
from test_audit_every_command import customer_draft, invoke, product_draft, sale

LAN = "Nguyễn Thị Lan"


@pytest.fixture
def opened(tmp_path, monkeypatch):
    """The links the app asks the desktop to open: a stand-in `xdg-open` on the app's PATH
    writes them down instead of starting a browser."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "opened.txt"
    for name in ("xdg-open", "gio"):
        script = bin_dir / name
        script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{log}"\n')
        script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return log


@pytest.fixture
def app(opened, data_dir):
    # The app inherits tauri-driver's environment: the stand-in must be on PATH before it starts.
    a = App(data_dir)
    try:
        yield a.launch()
    finally:
        a.close()


def in_view(app, el):
    """The element lies wholly inside the window, as first drawn (nothing scrolled)."""
    return app.wd.execute_script(
        """
        const r = arguments[0].getBoundingClientRect();
        const scrolled = [...document.querySelectorAll('*')].some((e) => e.scrollTop > 0);
        return {top: r.top, bottom: r.bottom, height: window.innerHeight, scrolled};
        """,
        el,
    )


def test_briefing_fits_1366x768_and_a_zalo_contact_is_logged_on_the_timeline(app, opened, data_dir):
    app.wd.set_window_size(1366, 768)
    today = shop_today()

    # A regular with a phone in for repair (promised in three days), a promise due today, an
    # alert note, a purchase: what the briefing must show at once.
    lan = invoke(app, "create_customer", {"draft": customer_draft(LAN, "0912 345 678")})["id"]
    invoke(app, "add_preference", {"customerId": lan, "draft": {"category": "other", "value": "Dị ứng hải sản", "note": "", "is_alert": True}})
    product = invoke(app, "save_product", {"id": None, "draft": product_draft("iPhone 15 128GB")})["id"]
    bought = invoke(app, "create_purchase", {"draft": sale(lan, product)})
    promised = today + timedelta(days=3)
    claim = invoke(app, "open_claim", {"draft": {
        "unit_id": bought["units"][0]["id"], "received_on": "", "symptom": "Không lên nguồn", "condition_note": "",
        "accessories": "", "lock_note": "", "promised_on": dmy(promised), "loan_unit": "", "technician": "",
    }})
    invoke(app, "create_promise", {"draft": {"customer_id": lan, "text": "Gọi khi có ốp lưng", "owner": OWNER, "due_on": dmy(today)}})

    app.search("lan")
    app.options()[0].click()
    repair = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=brief-repair]"))
    promise = app.wd.find_element(By.CSS_SELECTOR, "[data-testid=brief-promise]")
    time.sleep(0.5)  # the sections below load on their own; the briefing must not move for them
    app.screenshot("60-card-briefing-1366")
    assert app.wd.execute_script("return [window.innerWidth, window.innerHeight]")[1] <= 768
    for what, el in (("repair", repair), ("promise", promise)):
        box = in_view(app, el)
        assert not box["scrolled"], "nothing was scrolled to see the briefing"
        assert 0 <= box["top"] and box["bottom"] <= box["height"], f"the {what} is below the fold: {box}"
    code = claim["summary"]["code"]
    assert code in repair.text and "Tiếp nhận" in repair.text and dmy(promised) in repair.text, repair.text
    assert "Gọi khi có ốp lưng" in promise.text, promise.text

    # The alert has the focus: Enter reads it, and it stays in sight, quieter.
    assert app.wd.switch_to.active_element.get_attribute("id") == "alerts-read"
    app.wd.switch_to.active_element.send_keys(Keys.ENTER)
    app.wait_for(lambda: "Dị ứng hải sản" in app.wd.find_element(By.CSS_SELECTOR, "[data-testid=brief-alerts-read]").text)
    assert not app.wd.find_elements(By.CSS_SELECTOR, "[data-testid=brief-alerts]")

    # Zalo from the card: the chat opens for her number, the message is ready, the outcome logged.
    app.click(app.wd.find_element(By.ID, "card-zalo"))
    message = app.wait_for(lambda: app.wd.find_element(By.ID, "message-text"))
    app.wait_for(lambda: message.get_attribute("value").startswith("Chào chị Lan"))
    app.wait_for(lambda: opened.exists() and "https://zalo.me/0912345678" in opened.read_text(), timeout=15)
    assert app.wd.find_element(By.ID, "outcome-channel").get_attribute("value") == "zalo"
    app.wd.find_element(By.ID, "outcome-note").send_keys("Đã nhắn hẹn lấy máy")
    app.click(app.wd.find_element(By.CSS_SELECTOR, "[data-testid=card-contact] button[data-outcome=sent]"))
    timeline = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=timeline]"))
    worked = app.wait_for(lambda: [li for li in timeline.find_elements(By.CSS_SELECTOR, "li[data-kind=reminder]") if "Đã nhắn hẹn lấy máy" in li.text])
    assert "Zalo" in worked[0].text and "đã nhắn" in worked[0].text, worked[0].text
    app.screenshot("61-card-contact-logged")

    # The timeline filters by kind: warranty moves only.
    app.click(timeline.find_element(By.CSS_SELECTOR, "button[data-kind=claim]"))
    app.wait_for(lambda: {li.get_attribute("data-kind") for li in timeline.find_elements(By.CSS_SELECTOR, "li[data-kind]")} == {"claim"})

    db = sqlite3.connect(data_dir / "khachquen.db")
    # The contact worked a reminder of its own, as Today would (the planner's stay open).
    assert db.execute("SELECT kind, status, outcome FROM reminder WHERE outcome IS NOT NULL").fetchall() == [
        ("manual", "done", "sent")
    ]
    assert db.execute("SELECT channel, outcome, summary FROM interaction WHERE reminder_id IS NOT NULL").fetchall() == [
        ("zalo", "sent", "Đã nhắn hẹn lấy máy")
    ]
    assert db.execute("SELECT count(*) FROM alert_ack").fetchone() == (1,)


SPY_COPY = """
window.__copied = [];
const keep = (t) => { window.__copied.push(t); };
// Whichever way the app copies (the Clipboard API, or a selected textarea as a fallback).
if (navigator.clipboard) {
  Object.defineProperty(navigator.clipboard, 'writeText', {value: async (t) => keep(t), configurable: true});
}
document.execCommand = (cmd) => { if (cmd === 'copy') keep(document.activeElement?.value ?? ''); return true; };
"""


def test_a_template_from_the_chooser_is_what_is_copied_and_a_contact_without_outcome_leaves_nothing(app, opened, data_dir):
    app.wd.set_window_size(1366, 768)
    lan = invoke(app, "create_customer", {"draft": customer_draft(LAN, "0912 345 678")})["id"]
    # Care messages (a warranty reminder among them) go only to who agreed to care contact.
    invoke(app, "record_consent", {"id": lan, "draft": {"purpose": "care_calls", "granted": True, "method": "in_store", "evidence": ""}})
    product = invoke(app, "save_product", {"id": None, "draft": product_draft("iPhone 15 128GB")})["id"]
    bought = invoke(app, "create_purchase", {"draft": sale(lan, product)})
    db = sqlite3.connect(data_dir / "khachquen.db")
    reminders = db.execute("SELECT count(*) FROM reminder").fetchone()
    waiting = invoke(app, "care_today", {"filter": {"kind": None, "assignee": ""}})["total"]

    app.search("lan")
    app.options()[0].click()
    chooser = app.wait_for(lambda: app.wd.find_element(By.ID, "contact-template"))
    # The shop's templates, rendered for her: the warranty one names her phone's serial.
    warranty = app.wait_for(lambda: [o for o in chooser.find_elements(By.TAG_NAME, "option") if o.text.startswith("Sắp hết bảo hành")])[0]
    Select(chooser).select_by_value(warranty.get_attribute("value"))
    app.wd.execute_script(SPY_COPY)
    app.click(app.wd.find_element(By.ID, "card-copy"))
    message = app.wait_for(lambda: app.wd.find_element(By.ID, "message-text"))
    copied = app.wait_for(lambda: app.wd.execute_script("return window.__copied"))
    assert copied[-1] == message.get_attribute("value"), (copied, message.get_attribute("value"))
    assert copied[-1].startswith("Chào chị Lan, bảo hành iPhone 15 128GB"), copied[-1]
    assert "{" not in copied[-1], "every placeholder filled"

    # Zalo with the same template: the chat for her number opens, the message goes with it.
    app.click(app.wd.find_element(By.ID, "card-zalo"))
    app.wait_for(lambda: opened.exists() and "https://zalo.me/0912345678" in opened.read_text(), timeout=15)
    app.wait_for(lambda: len(app.wd.execute_script("return window.__copied")) >= 2)
    assert app.wd.execute_script("return window.__copied")[-1] == copied[-1]
    app.screenshot("62-card-contact-template")

    # Staff walk away without an outcome: nothing was set, nothing waits on Today.
    assert db.execute("SELECT count(*) FROM reminder").fetchone() == reminders
    assert invoke(app, "care_today", {"filter": {"kind": None, "assignee": ""}})["total"] == waiting
    assert db.execute("SELECT count(*) FROM interaction").fetchone() == (0,)

    # The outcome, when recorded, is logged once as the warranty message it was.
    app.click(app.wd.find_element(By.CSS_SELECTOR, "[data-testid=card-contact] button[data-outcome=sent]"))
    app.wait_for(lambda: db.execute("SELECT count(*) FROM interaction").fetchone() == (1,))
    assert db.execute("SELECT kind, status, outcome FROM reminder WHERE outcome IS NOT NULL").fetchall() == [
        ("warranty_expiring", "done", "sent")
    ]

    # A timeline row with a target opens it: the sale opens the sale.
    timeline = app.wd.find_element(By.CSS_SELECTOR, "[data-testid=timeline]")
    row = app.wait_for(lambda: timeline.find_element(By.CSS_SELECTOR, "li[data-kind=sale] button"))
    app.click(row)
    app.wait_for(lambda: bought["receipt_no"] in app.text() and not app.wd.find_elements(By.CSS_SELECTOR, "[data-testid=timeline]"))
