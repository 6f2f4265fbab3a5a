"""The guarded core on the real app: a staff account sees no way to lift a restriction the
customer asked for, and the core refuses it, a backup and a restore even when called directly;
the owner does all three, and each is in the audit log."""
import sqlite3

from selenium.webdriver.common.by import By

from conftest import OWNER, OWNER_PIN
from test_counter import create_customer
from test_privacy import status as privacy_status

HAN = "Đặng Thị Ngọc Hân"


def call(app, cmd, args=None):
    """Invokes a command as the UI does; returns {'ok': value} or {'err': payload}."""
    return app.wd.execute_async_script(
        """
        const [cmd, args, done] = arguments;
        window.__TAURI_INTERNALS__.invoke(cmd, args ?? {})
          .then((ok) => done({ ok }), (err) => done({ err }));
        """,
        cmd, args,
    )


def open_customer(app, query, name):
    app.search(query)
    app.click(app.wait_for(lambda: next(o for o in app.options() if name in o.text)))
    app.wait_for(lambda: app.wd.find_element(By.ID, "customer-name").text == name)


def test_staff_cannot_lift_a_restriction_back_up_or_restore_the_owner_can(app, data_dir):
    create_customer(app, HAN, "0912 345 678", "chị")
    app.click(app.wait_for(lambda: app.wd.find_element(By.ID, "restrict")))
    app.wait_for(lambda: privacy_status(app).startswith("Đã hạn chế xử lý"))
    db = sqlite3.connect(data_dir / "khachquen.db")
    (han,) = db.execute("SELECT id FROM customer").fetchone()
    staff = {"name": "Lan", "role": "staff", "pin": "1357", "active": True}
    assert "ok" in call(app, "save_staff", {"id": None, "draft": staff})

    app.wd.find_element(By.ID, "nav-lock").click()
    app.lock_screen()
    app.sign_in("Lan", "1357")
    open_customer(app, "678", HAN)
    app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "section.privacy"))
    assert not app.wd.find_elements(By.ID, "restrict"), "no button to lift the restriction"
    assert not app.wd.find_elements(By.ID, "erase-start")
    app.screenshot("guarded-01-staff-card")
    for cmd, args in [
        ("set_restricted", {"id": han, "on": False}),
        ("backup_now", {}),
        ("restore_backup", {"path": str(data_dir / "backups" / "any.db"), "passphrase": None}),
        ("erase_customer", {"id": han}),
    ]:
        result = call(app, cmd, args)
        assert result.get("err", {}).get("code") == "forbidden", f"{cmd}: {result}"
    assert db.execute("SELECT restricted_at IS NOT NULL FROM customer").fetchone() == (1,)

    app.wd.find_element(By.ID, "nav-lock").click()
    app.lock_screen()
    app.sign_in(OWNER, OWNER_PIN)
    assert "ok" in call(app, "backup_now"), "the owner backs up"
    open_customer(app, "678", HAN)
    app.click(app.wait_for(lambda: app.wd.find_element(By.ID, "restrict")))
    app.wait_for(lambda: privacy_status(app) == "Đã bỏ hạn chế xử lý.")
    assert db.execute("SELECT restricted_at IS NULL FROM customer").fetchone() == (1,)
    actions = {r[0] for r in db.execute("SELECT action FROM audit_log WHERE staff = ?", (OWNER,))}
    assert {"restrict", "unrestrict", "backup"} <= actions, actions
