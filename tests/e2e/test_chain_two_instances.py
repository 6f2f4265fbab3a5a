"""Two stores of one chain, two app instances running at once on two data folders, one hub on a
real PostgreSQL (tests/e2e/pg.py). Each owner joins through Settings → Chuỗi cửa hàng; a customer
created at one counter turns up in the other's search once the background sync has carried it,
both ways, with nobody pressing anything.

The app is single-instance per desktop session (the plugin asks the session bus), so the second
instance gets a D-Bus session of its own: to it, it is the only one running."""
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import ROOT, App
from pg import PASSWORD, Server
from test_counter import create_customer

CLI = Path(os.environ.get("KHACHQUEN_CLI", ROOT / "target" / "debug" / "khachquen"))
# The background sync runs every 5 s; a join wakes it at once.
SYNCED_WITHIN = 30


@pytest.fixture
def hub():
    server = Server()
    try:
        server.start()
        url = server.create_db("chuoi")
        out = subprocess.run([str(CLI), "hub", "init", "--url", url], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, f"hub init: {out.stderr}"
        yield url
    finally:
        server.stop()


@pytest.fixture
def own_bus():
    """A session bus of its own for the second instance."""
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        yield daemon.stdout.readline().strip()
    finally:
        daemon.terminate()
        daemon.wait(5)


@pytest.fixture
def stores(tmp_path, own_bus):
    a = App(tmp_path / "a")
    b = App(tmp_path / "b", {"DBUS_SESSION_BUS_ADDRESS": own_bus})
    try:
        yield a.launch(), b.launch()
    finally:
        for s in (a, b):
            try:
                s.close()
            except Exception:  # one that failed to start must not keep the other running
                pass


def chain_message(app):
    return app.wd.find_element(By.ID, "chain-message").text


def join_through_settings(app, url, code, name):
    app.wd.find_element(By.ID, "nav-settings").click()
    field = app.wait_for(lambda: app.field("Địa chỉ máy chủ chuỗi"))
    app.wd.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
    # A wrong password is named as such, and nothing is joined.
    field.send_keys(url.replace(PASSWORD, "sai-mat-khau"))
    app.field("Mã cửa hàng").send_keys(code)
    app.field("Tên cửa hàng trong chuỗi").send_keys(name)
    app.click(app.button("Kiểm tra kết nối"))
    app.wait_for(lambda: "từ chối tên hoặc mật khẩu" in chain_message(app), timeout=15)
    field.clear()
    field.send_keys(url)
    app.click(app.button("Kiểm tra kết nối"))
    app.wait_for(lambda: "Kết nối được với máy chủ chuỗi" in chain_message(app), timeout=15)
    app.click(app.button("Tham gia"))
    app.wait_for(lambda: app.wd.find_element(By.ID, "chain-store").text == f"{code} — {name}", timeout=20)
    assert PASSWORD not in app.wd.find_element(By.ID, "chain-hub").text, "the hub is shown without its password"


def top_bar(app):
    return app.wd.find_element(By.CSS_SELECTOR, "[data-testid=sync-status]").text


def found(app, query, name):
    """Waits until the counter's search for `query` lists `name` (the search runs again when the
    background sync brings other stores' changes)."""
    box = app.search_box()
    box.clear()
    box.send_keys(query)
    app.wait_for(lambda: any(name in o.text for o in app.options()), timeout=SYNCED_WITHIN)


def test_a_customer_made_at_one_store_appears_in_the_others_search(hub, stores):
    a, b = stores
    assert not a.wd.find_elements(By.CSS_SELECTOR, "[data-testid=sync-status]"), "no chain, no status"
    join_through_settings(a, hub, "CH1", "Quận 1")
    a.wait_for(lambda: top_bar(a).startswith("Đã đồng bộ lúc"), timeout=SYNCED_WITHIN)
    create_customer(a, "Phạm Thị Thu Trang", "0938 765 432")

    join_through_settings(b, hub, "CH2", "Thủ Đức")
    found(b, "0938765432", "Phạm Thị Thu Trang")
    b.wait_for(lambda: top_bar(b).startswith("Đã đồng bộ lúc"), timeout=SYNCED_WITHIN)

    # And back, while both run: A's background sync brings B's customer.
    create_customer(b, "Võ Minh Khang", "0977 123 456")
    found(a, "0977123456", "Võ Minh Khang")

    db = sqlite3.connect(a.data_dir / "khachquen.db")
    joins = db.execute(
        "SELECT staff, json_extract(detail, '$.code') FROM audit_log WHERE action = 'join_chain' ORDER BY 2"
    ).fetchall()
    assert joins == [("Chủ Hà", "CH1"), ("Chủ Hà", "CH2")], "each join is audited, and the log is the chain's"
    # Both owners are "Chủ Hà": the account with the larger key is shown apart at both stores,
    # and the top bar of the store signed in as it follows the rename without a new sign-in.
    names = sorted(n for (n,) in db.execute("SELECT name FROM staff"))
    assert names[0] == "Chủ Hà" and names[1].startswith("Chủ Hà-"), names

    def signed_in(app):
        return app.wd.find_element(By.CSS_SELECTOR, "[data-testid=signed-in]").text

    a.wait_for(lambda: sorted([signed_in(a), signed_in(b)]) == names, timeout=SYNCED_WITHIN)
    (kept,) = db.execute("SELECT url FROM sync_hub").fetchone()
    assert PASSWORD not in kept, "the hub owner's password is not kept"
