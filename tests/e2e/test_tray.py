"""Reminders keep working in the background (issue 16, part 3) on the real app: closing the
window hides it to the tray (the process lives on, and says so once), a reminder falling due
afterwards is still announced, a second launch brings the window back; the count drawn on the
tray icon follows the reminders; "start with the computer" writes and removes the XDG autostart
entry; with reminders off, closing quits.

How the window is closed: WebDriver's "close window" is no use here. WebKitWebDriver closes the
*web view* (wry destroys it on WebKit's `close` signal), never asking the window, so no close
request reaches the app. A person's click on × makes the window manager send the toplevel a
WM_DELETE_WINDOW client message; GTK turns that into the close request the app intercepts. The
tests send that same message through libX11 (`xwindow.py`; Xvfb runs no window manager)."""
import os
import subprocess
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.client_config import ClientConfig

from conftest import APP, App, TauriOptions, app_pids
from test_audit_every_command import customer_draft, invoke
from test_care import dunst, notification_count  # noqa: F401 (dunst is a fixture)
from xwindow import X

SHOP_TZ = timezone(timedelta(hours=7))


# -- the app on a HOME of its own (the autostart entry goes under it) -------------------------
@pytest.fixture
def home(data_dir, monkeypatch):
    h = data_dir / "home"
    h.mkdir()
    # App() hands its environment to tauri-driver, which hands it to the app.
    monkeypatch.setenv("HOME", str(h))
    return h


@pytest.fixture
def app(home, data_dir):
    a = App(data_dir)
    try:
        yield a.launch()
    finally:
        a.close()


def no_quiet_hours(app):
    """Reminders announced whatever time of day the suite runs."""
    settings = invoke(app, "care_settings")
    invoke(app, "save_care_settings", {"settings": {**settings, "quiet_from": "00:00", "quiet_to": "00:00"}})


def reminder(app, customer, due: datetime, note="Gọi hỏi thăm"):
    draft = {"customer_id": customer, "due_on": due.strftime("%d/%m/%Y"), "due_time": due.strftime("%H:%M"),
             "note": note, "assignee": ""}
    return invoke(app, "create_reminder", {"draft": draft})


def history() -> str:
    subprocess.run(["dunstctl", "close-all"], timeout=5, check=True)
    return subprocess.run(["dunstctl", "history"], capture_output=True, text=True, timeout=5).stdout


def test_closing_hides_to_the_tray_and_a_reminder_due_later_is_still_announced(dunst, app, data_dir):  # noqa: F811
    x = X(APP.name)
    assert x.shown()
    no_quiet_hours(app)
    lan = invoke(app, "create_customer", {"draft": customer_draft("Nguyễn Thị Lan", "0912 345 678")})["id"]
    # Due at the start of a coming minute (reminders have minute precision), at least 15 s away
    # so the window is surely closed first.
    now = datetime.now(SHOP_TZ)
    due = (now + timedelta(seconds=75)).replace(second=0, microsecond=0)
    reminder(app, lan, due)
    pid = app_pids()
    assert len(pid) == 1

    x.close()
    app.wait_for(lambda: not x.shown(), timeout=10)
    assert app_pids() == pid, "the process lives on in the tray"
    status = invoke(app, "tray_status")
    assert status["hidden"] is True and status["hides_on_close"] is True
    # The first time, one notification says why and how to quit for good.
    app.wait_for(lambda: notification_count() == dunst + 1, timeout=10)
    text = history()
    assert "vẫn chạy dưới khay" in text and "chọn Thoát trong khay" in text, text
    assert datetime.now(SHOP_TZ) < due, "the reminder was not yet due when the window closed"

    # Hidden, the app still announces the reminder when it falls due.
    wait = (due - datetime.now(SHOP_TZ)).total_seconds() + 20
    app.wait_for(lambda: notification_count() > dunst + 1, timeout=wait)
    assert datetime.now(SHOP_TZ) >= due
    assert "1 khách cần chăm sóc" in history()
    assert app_pids() == pid and not x.shown()

    # A second close (after a second launch showed the window) explains nothing again.
    second = subprocess.run([str(APP)], env=dict(os.environ, KHACHQUEN_DATA_DIR=str(data_dir)), timeout=30)
    assert second.returncode == 0, "the second launch hands over to the running app and exits"
    app.wait_for(lambda: x.shown(), timeout=10)
    assert invoke(app, "tray_status")["hidden"] is False
    assert app_pids() == pid, "still the one process"
    before = notification_count()
    x.close()
    app.wait_for(lambda: not x.shown(), timeout=10)
    time.sleep(1)
    assert notification_count() == before, "the explanation shows once per PC"


def test_the_count_on_the_tray_icon_follows_the_reminders(app):
    status = app.wait_for(lambda: (s := invoke(app, "tray_status"))["count"] is not None and s)
    assert status["count"] == 0 and status["width"] > 0 and status["width"] <= 64, status
    assert status["waiting_line"] == "Không có việc chăm sóc nào chờ"
    plain = status["icon"]
    lan = invoke(app, "create_customer", {"draft": customer_draft("Nguyễn Thị Lan", "0912 345 678")})["id"]
    earlier = datetime.now(SHOP_TZ) - timedelta(minutes=5)
    first = reminder(app, lan, earlier)
    reminder(app, lan, earlier, note="Nhắn Zalo")

    two = app.wait_for(lambda: (s := invoke(app, "tray_status"))["count"] == 2 and s)
    assert two["icon"] != plain, "the count is drawn on the icon"
    assert two["waiting_line"] == "2 việc chăm sóc đang chờ"
    # Working a reminder (as Today does) takes it off the icon.
    invoke(app, "record_outcome", {"id": first["id"], "draft": {"outcome": "reached", "channel": "phone", "note": "", "call_back_on": ""}})
    one = app.wait_for(lambda: (s := invoke(app, "tray_status"))["count"] == 1 and s)
    assert one["icon"] not in (plain, two["icon"])
    # The menu follows the app's language.
    invoke(app, "set_ui_locale", {"locale": "en"})
    app.wait_for(lambda: invoke(app, "tray_status")["waiting_line"] == "1 care reminder waiting")
    left = invoke(app, "care_today", {"filter": {"kind": None, "assignee": ""}})["items"]
    invoke(app, "dismiss_reminder", {"id": left[0]["id"]})
    zero = app.wait_for(lambda: (s := invoke(app, "tray_status"))["count"] == 0 and s)
    assert zero["icon"] == plain, "nothing waiting: the plain icon again"


def test_start_with_the_computer_writes_and_removes_the_autostart_entry(app, home):
    autostart = home / ".config" / "autostart"
    app.wd.find_element(By.ID, "nav-settings").click()
    box = app.wait_for(lambda: app.wd.find_element(By.ID, "start-with-computer"))
    assert not box.is_selected() and box.is_enabled()
    app.click(box)
    app.wait_for(lambda: box.is_selected() and list(autostart.glob("*.desktop")))
    (entry,) = autostart.glob("*.desktop")
    text = entry.read_text()
    assert f"Exec={APP.resolve()} --autostart" in text or f"Exec={APP} --autostart" in text, text
    assert invoke(app, "desktop_settings") == {"start_with_computer": True}
    app.screenshot("tray-01-start-with-computer")
    app.click(box)
    app.wait_for(lambda: not box.is_selected() and not list(autostart.glob("*.desktop")))
    assert invoke(app, "desktop_settings") == {"start_with_computer": False}


def test_with_reminders_off_closing_quits(app):
    x = X(APP.name)
    settings = invoke(app, "care_settings")
    invoke(app, "save_care_settings", {"settings": {**settings, "notifications": False}})
    # The close button decides on what the notifier last read (it never waits for the
    # database); the save woke it.
    app.wait_for(lambda: invoke(app, "tray_status")["hides_on_close"] is False)
    pid = app_pids()
    x.close()
    deadline = time.time() + 15
    while pid & app_pids() and time.time() < deadline:
        time.sleep(0.1)
    assert not pid & app_pids(), "nothing to remind: closing quits as before"


class AutostartOptions(TauriOptions):
    """The app as its autostart entry launches it."""

    def to_capabilities(self):
        caps = super().to_capabilities()
        caps["tauri:options"]["args"] = ["--autostart"]
        return caps


def test_started_with_the_computer_it_waits_hidden_in_the_tray(home, data_dir):
    a = App(data_dir)
    try:
        url = f"http://127.0.0.1:{a.port}"
        a.wd = webdriver.Remote(url, options=AutostartOptions(APP), client_config=ClientConfig(url, timeout=60))
        x = X(APP.name)
        a.wait_for(lambda: invoke(a, "tray_status")["count"] is not None)
        assert invoke(a, "tray_status")["hidden"] is True
        assert not x.shown(), "nobody asked to see the window: it starts in the tray"
        # Opening the app (a second launch, as the Start menu does) shows it.
        pid = app_pids()
        env = dict(os.environ, KHACHQUEN_DATA_DIR=str(data_dir))
        assert subprocess.run([str(APP)], env=env, timeout=30).returncode == 0
        a.wait_for(lambda: x.shown(), timeout=10)
        assert app_pids() == pid
        a.lock_screen()
    finally:
        a.close()
