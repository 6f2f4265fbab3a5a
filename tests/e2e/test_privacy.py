"""Personal data on the real app: consent proved per purpose (never pre-ticked, a method
required), a printable consent form, a request logged with its legal deadlines, a copy of what is
held, restriction, and an erasure that leaves the name and phone nowhere in the database file."""
import json
import sqlite3
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import OWNER
from test_counter import create_customer

HAN = "Đặng Thị Ngọc Hân"


def consent_row(app, purpose):
    rows = app.wd.find_elements(By.CSS_SELECTOR, "table.consents tr")
    return next(r for r in rows if r.find_element(By.TAG_NAME, "th").text == purpose)


def status(app):
    return app.wd.find_element(By.CSS_SELECTOR, "section.privacy [role=status]").text


CARE_CALLS = "Gọi chăm sóc, chúc mừng, nhắc bảo hành"


def grant(app, purpose=CARE_CALLS, method="Nói trực tiếp tại quầy"):
    """Records on the open card that the customer agreed to `purpose`, and how."""
    row = app.wait_for(lambda: consent_row(app, purpose))
    app.click(row.find_element(By.TAG_NAME, "button"))
    Select(app.wait_for(lambda: app.wd.find_element(By.ID, "consent-method"))).select_by_visible_text(method)
    app.click(app.wd.find_element(By.CSS_SELECTOR, "fieldset.consent-edit button.primary"))
    app.wait_for(lambda: status(app) == "Đã ghi nhận đồng ý.")


def test_consent_request_copy_restrict_and_erase(app, data_dir):
    create_customer(app, HAN, "0912 345 678", "chị")
    care = "Gọi chăm sóc, chúc mừng, nhắc bảo hành"
    row = app.wait_for(lambda: consent_row(app, care))
    assert "Chưa hỏi" in row.text, "nobody is opted in before being asked"

    # Granting without saying how it was obtained is refused; the evidence typed stays.
    app.click(row.find_element(By.TAG_NAME, "button"))
    evidence = app.wait_for(lambda: app.wd.find_element(By.ID, "consent-evidence"))
    evidence.send_keys("phiếu số 12")
    app.click(app.wd.find_element(By.CSS_SELECTOR, "fieldset.consent-edit button.primary"))
    app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "fieldset.consent-edit .field-error"))
    assert app.wd.find_element(By.ID, "consent-evidence").get_attribute("value") == "phiếu số 12"
    db = sqlite3.connect(data_dir / "khachquen.db")
    assert db.execute("SELECT count(*) FROM consent").fetchone() == (0,)

    Select(app.wd.find_element(By.ID, "consent-method")).select_by_visible_text("Phiếu giấy có chữ ký")
    app.click(app.wd.find_element(By.CSS_SELECTOR, "fieldset.consent-edit button.primary"))
    app.wait_for(lambda: status(app) == "Đã ghi nhận đồng ý.")
    row = consent_row(app, care)
    assert "Đồng ý" in row.text and "Phiếu giấy có chữ ký" in row.text and OWNER in row.text and "phiếu số 12" in row.text
    assert db.execute("SELECT purpose, granted, method, text_version, staff, evidence FROM consent").fetchall() == [
        ("care_calls", 1, "paper_form", "2026-01", OWNER, "phiếu số 12")
    ]

    # The printed form lists every purpose with an empty box.
    app.click(app.button("In phiếu đồng ý"))
    slip = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=slip]"))
    app.wait_for(lambda: HAN in slip.text)
    boxes = app.wd.find_elements(By.CSS_SELECTOR, "ul.boxes li")
    assert len(boxes) == 4 and all(b.text.startswith("☐") for b in boxes), [b.text for b in boxes]
    assert "2026-01" in slip.text
    app.screenshot("privacy-01-consent-form")
    app.click(app.button("Quay lại"))

    # A deletion request with today's date gets both deadlines.
    app.click(app.wait_for(lambda: app.button("Ghi nhận yêu cầu của khách")))
    Select(app.wd.find_element(By.ID, "request-kind")).select_by_visible_text("Xoá dữ liệu")
    app.click(app.wd.find_element(By.XPATH, "//section[contains(@class,'privacy')]//fieldset//button[normalize-space()='Lưu']"))
    app.wait_for(lambda: status(app) == "Đã ghi nhận yêu cầu.")
    request = app.wd.find_element(By.CSS_SELECTOR, ".request").text
    assert "Xoá dữ liệu" in request and "xác nhận trước" in request and "xử lý trước" in request, request
    assert db.execute("SELECT kind, julianday(due_on) - julianday(received_on) FROM data_request").fetchall() == [
        ("delete", 15.0)
    ]

    # A copy of what is held: a JSON file and a readable page.
    app.click(app.wd.find_element(By.ID, "subject-copy"))
    slip = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=slip]"))
    # (The name is set in capitals by the page's style.)
    app.wait_for(lambda: HAN.upper() in slip.text and "0912 345 678" in slip.text)
    assert "Xoá dữ liệu · nhận" in slip.text, "the request just logged is part of what is held"
    saved = app.wd.find_element(By.CSS_SELECTOR, "[data-testid=copy-path]").text
    copy = json.loads(Path(saved.removeprefix("Đã lưu bản sao: ")).read_text())
    assert copy["customer"]["full_name"] == HAN
    app.screenshot("privacy-02-copy")
    app.click(app.button("Quay lại"))

    app.click(app.wait_for(lambda: app.wd.find_element(By.ID, "restrict")))
    app.wait_for(lambda: status(app).startswith("Đã hạn chế xử lý"))
    assert db.execute("SELECT restricted_at IS NOT NULL FROM customer").fetchone() == (1,)

    # Erasure asks for the word, then leaves no trace of her name or phone.
    app.click(app.wd.find_element(By.ID, "erase-start"))
    confirm = app.wd.find_element(By.ID, "erase-confirm")
    assert not confirm.is_enabled(), "nothing is erased by a stray click"
    app.wd.find_element(By.ID, "erase-word").send_keys("XOÁ")
    app.wait_for(lambda: confirm.is_enabled())
    app.click(confirm)
    app.wait_for(lambda: status(app) == "Đã xoá dữ liệu cá nhân của khách.")
    app.screenshot("privacy-03-erased")
    assert HAN not in app.text()
    box = app.search_box()
    box.send_keys("ngoc han")
    app.wait_for(lambda: "Không tìm thấy khách nào" in app.text())
    actions = [r[0] for r in db.execute("SELECT action FROM audit_log ORDER BY id")]
    assert {"consent_granted", "create", "subject_copy", "restrict", "erase"} <= set(actions), actions
    db.close()
    raw = (data_dir / "khachquen.db").read_bytes()
    wal = data_dir / "khachquen.db-wal"
    if wal.exists():
        raw += wal.read_bytes()
    for trace in [HAN, "Ngọc Hân", "912345678", "phiếu số 12"]:
        assert trace.encode() not in raw, f"{trace!r} is still in the database file"
