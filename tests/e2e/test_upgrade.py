"""Opening data an older version wrote: no upgrade without its copy (the start screen says why and
where, and the data stays at its version), then, once the copy can be written, the upgrade with
the copy kept in `nang-cap/`."""
import sqlite3

from selenium.webdriver.common.by import By

from conftest import ROOT, App

MIGRATIONS = sorted((ROOT / "src" / "db" / "migrations").glob("*.sql"))


def older_shop(path):
    """A database at schema version 2 with one customer, as that version's app left it."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    for sql in MIGRATIONS[:2]:
        db.executescript(sql.read_text(encoding="utf-8"))
    db.executescript(
        """
        INSERT INTO customer(full_name, call_name, address_as, folded_name, folded_call, created_at, updated_at)
        VALUES ('Đặng Thị Ngọc Hân', 'Hân', 'chị', 'dang thi ngoc han', 'han', '2026-01-05T03:00:00Z', '2026-01-05T03:00:00Z');
        PRAGMA user_version = 2;
        """
    )
    db.close()


def version_and_names(path):
    db = sqlite3.connect(path)
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        return version, [r[0] for r in db.execute("SELECT full_name FROM customer")]
    finally:
        db.close()


def test_no_upgrade_without_its_copy_then_the_upgrade_keeps_one(data_dir):
    data = data_dir / "khachquen.db"
    older_shop(data)
    # The copies' folder cannot be made: a file has its name (as a full or read-only disk would).
    blocked = data_dir / "nang-cap"
    blocked.write_text("not a folder")

    app = App(data_dir)
    try:
        app.launch(sign_in=False)
        alert = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "main.fatal"), timeout=20)
        app.screenshot("upgrade-refused")
        assert "Không mở được dữ liệu" in alert.text
        assert "không ghi được bản sao an toàn" in alert.text
        assert str(blocked) in alert.text, "the folder the copy could not go to is named"
        assert "Dữ liệu chưa bị thay đổi" in alert.text
        assert not app.wd.find_elements(By.ID, "lock-title"), "nothing else is offered"
        app.quit()
        assert version_and_names(data) == (2, ["Đặng Thị Ngọc Hân"]), "not migrated"

        blocked.unlink()
        app.launch(sign_in=False)
        # Schema 2 had no accounts: the upgraded data asks for the owner, as on a first run.
        assert app.lock_screen().text == "Chào mừng đến Khách Quen"
        copies = list((data_dir / "nang-cap").glob("truoc-nang-cap-v2-den-v*.sqlite"))
        assert len(copies) == 1, copies
        assert version_and_names(copies[0]) == (2, ["Đặng Thị Ngọc Hân"]), "the copy is the old data"
        version, names = version_and_names(data)
        assert version == len(MIGRATIONS) and names == ["Đặng Thị Ngọc Hân"]
    finally:
        app.close()
