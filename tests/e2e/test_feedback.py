"""Interactions, complaints, scores and the dashboard on the real app: a complaint answered and
resolved within its targets, a low score from the customer-facing screen that brings a
follow-up call into Today, and the dashboard showing what was recorded."""
import sqlite3

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_counter import HAN, create_customer

LAN = "Nguyễn Thị Lan"


def sell_air_fryer(app):
    app.wd.find_element(By.ID, "sell").click()
    app.button("+ Sản phẩm mới").click()
    app.wd.find_element(By.ID, "quick-name").send_keys("Nồi chiên không dầu")
    app.wd.find_element(By.ID, "quick-price").send_keys("2tr490")
    app.wd.find_element(By.ID, "quick-serial").click()  # not serialised
    app.wd.find_element(By.ID, "quick-save").click()
    app.wait_for(lambda: app.wd.find_elements(By.CSS_SELECTOR, "fieldset.line"))
    app.wait_for(lambda: "2.490.000" in app.text())
    save = app.button("Lưu đơn hàng")
    app.wd.execute_script("arguments[0].scrollIntoView({block: 'center'})", save)
    save.click()
    app.wait_for(lambda: app.wd.find_element(By.ID, "receipt-title").text.startswith("HD"))


def open_card(app, query):
    app.search(query)
    app.options()[0].click()
    app.wait_for(lambda: app.wd.find_element(By.ID, "add-complaint"))


def tile(app, key):
    return app.wd.find_element(By.CSS_SELECTOR, f"[data-testid=kpi-{key}] .tile-value").text


def test_complaint_answered_resolved_and_counted_on_the_dashboard(app, data_dir):
    create_customer(app, LAN, "0912 345 678", "chị")
    sell_air_fryer(app)
    open_card(app, "lan")

    # A question settled at once, logged on the timeline.
    app.wd.find_element(By.ID, "add-touchpoint").click()
    Select(app.wait_for(lambda: app.wd.find_element(By.ID, "tp-kind"))).select_by_visible_text("Cuộc gọi")
    Select(app.wd.find_element(By.ID, "tp-channel")).select_by_visible_text("Zalo")
    Select(app.wd.find_element(By.ID, "tp-resolved")).select_by_visible_text("Giải quyết ngay")
    app.wd.find_element(By.ID, "tp-summary").send_keys("Hỏi cách vệ sinh nồi")
    app.wd.find_element(By.ID, "tp-save").click()
    timeline = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=timeline]"))
    log = app.wait_for(lambda: [li for li in timeline.find_elements(By.CSS_SELECTOR, "li[data-kind=touchpoint]") if "Hỏi cách vệ sinh nồi" in li.text])[0]
    assert "Giải quyết ngay" in log.text

    # A complaint without an owner is refused, nothing lost; with one it opens as a case.
    app.wd.find_element(By.ID, "add-complaint").click()
    summary = app.wait_for(lambda: app.wd.find_element(By.ID, "complaint-summary"))
    summary.send_keys("Nồi kêu to khi chạy")
    Select(app.wd.find_element(By.ID, "complaint-severity")).select_by_visible_text("Cao")
    app.wd.find_element(By.ID, "complaint-save").click()
    app.wait_for(lambda: "Vui lòng nhập." in app.text())
    assert summary.get_attribute("value") == "Nồi kêu to khi chạy"
    app.wd.find_element(By.ID, "complaint-owner").send_keys("Hoa")
    app.wd.find_element(By.ID, "complaint-save").click()
    title = app.wait_for(lambda: (h := app.wd.find_element(By.ID, "complaint-title")) and "KN000001" in h.text and h)
    assert "Mới tiếp nhận" in title.text
    assert app.wd.find_element(By.CSS_SELECTOR, "[data-testid=sla]").text.startswith("Phản hồi: còn")
    app.screenshot("40-complaint")

    # Respond: the case moves on and the clock is now the resolution's.
    app.wd.find_element(By.ID, "reply-note").send_keys("Hẹn chị mang nồi qua kiểm tra")
    app.wd.find_element(By.ID, "complaint-respond").click()
    app.wait_for(lambda: "Đang xử lý" in app.wd.find_element(By.ID, "complaint-title").text)
    assert app.wd.find_element(By.CSS_SELECTOR, "[data-testid=sla]").text.startswith("Giải quyết: còn")

    # Resolve: a note is required; then it is within target.
    app.wd.find_element(By.CSS_SELECTOR, "button[data-complaint-move=resolved]").click()
    app.wait_for(lambda: "Vui lòng nhập." in app.text())
    app.wd.find_element(By.ID, "move-note").send_keys("Đổi nồi mới cho chị")
    app.wd.find_element(By.CSS_SELECTOR, "button[data-complaint-move=resolved]").click()
    app.wait_for(lambda: "Đã giải quyết" in app.wd.find_element(By.ID, "complaint-title").text)
    assert app.wd.find_element(By.CSS_SELECTOR, "[data-testid=sla]").text == "Đúng hạn"
    events = app.wd.find_element(By.CSS_SELECTOR, "[data-testid=complaint-events]").text
    assert "Hẹn chị mang nồi qua kiểm tra" in events and "Đổi nồi mới cho chị" in events

    # The board lists it among all cases (not among those still being handled).
    app.wd.find_element(By.ID, "nav-complaints").click()
    app.wait_for(lambda: "Không có khiếu nại nào." in app.text())
    app.wd.find_element(By.XPATH, "//label[contains(., 'Chỉ khiếu nại đang xử lý')]/input").click()
    app.wait_for(lambda: "KN000001" in app.text())

    # A CSAT of 5 recorded by staff in two taps.
    open_card(app, "lan")
    app.wd.find_element(By.ID, "add-score").click()
    app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, ".scale [role=radio]"))
    app.wd.find_element(By.XPATH, "//div[contains(@class,'scale')]/button[normalize-space()='5']").click()
    app.wd.find_element(By.ID, "score-save").click()
    app.wait_for(lambda: "Đã lưu điểm." in app.text())

    # The dashboard for this month shows exactly what was recorded.
    app.wd.find_element(By.ID, "nav-dashboard").click()
    app.wait_for(lambda: tile(app, "revenue") == "2.490.000 ₫")
    assert tile(app, "active_customers") == "1"
    assert tile(app, "new_customers") == "1"
    assert tile(app, "csat_pct") == "100 %"
    assert tile(app, "fcr_pct") == "100 %"
    assert tile(app, "sla_met_pct") == "100 %"
    assert tile(app, "nps") == "—"
    app.screenshot("41-dashboard")
    app.wd.find_element(By.ID, "dashboard-export").click()
    saved = app.wait_for(lambda: (s := app.wd.find_element(By.CSS_SELECTOR, "[role=status]").text) and "Đã lưu tệp" in s and s)
    files = list((data_dir / "exports").glob("bao-cao-*.csv"))
    assert len(files) == 1 and str(files[0]) in saved
    csv = files[0].read_text(encoding="utf-8-sig")
    assert csv.startswith("Phần,Chỉ số,Kỳ này,Kỳ trước\n")
    assert "Chỉ số,Doanh thu,2490000,0" in csv
    # The same numbers as a workbook: an XLSX file (a zip) beside the CSV.
    app.click(app.wd.find_element(By.ID, "dashboard-export-xlsx"))
    app.wait_for(lambda: list((data_dir / "exports").glob("bao-cao-*.xlsx")))
    book = list((data_dir / "exports").glob("bao-cao-*.xlsx"))[0]
    app.wait_for(lambda: str(book) in app.wd.find_element(By.CSS_SELECTOR, "[role=status]").text)
    assert book.read_bytes().startswith(b"PK\x03\x04")

    db = sqlite3.connect(data_dir / "khachquen.db")
    assert db.execute("SELECT code, status, owner, response_minutes IS NOT NULL, resolution FROM complaint").fetchall() == [
        ("KN000001", "resolved", "Hoa", 1, "Đổi nồi mới cho chị")
    ]
    assert sorted(r[0] for r in db.execute("SELECT kind FROM interaction")) == ["call", "call", "complaint", "feedback"]


def test_a_low_score_from_the_customer_screen_brings_a_follow_up(app, data_dir):
    create_customer(app, HAN, "0912.345.678", "chị")
    app.wd.find_element(By.ID, "add-score").click()
    app.wait_for(lambda: app.wd.find_element(By.ID, "score-customer-mode")).click()
    dialog = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[role=dialog]"))
    assert "Anh/chị hài lòng thế nào với lần phục vụ hôm nay?" in dialog.text
    dialog.find_element(By.XPATH, ".//button[@role='radio' and normalize-space()='2']").click()
    dialog.find_element(By.TAG_NAME, "textarea").send_keys("Chờ lâu quá")
    app.screenshot("42-customer-score")
    dialog.find_element(By.XPATH, ".//button[normalize-space()='Gửi đánh giá']").click()
    app.wait_for(lambda: "Cảm ơn anh/chị đã đánh giá!" in dialog.text)
    # Back to the staff view by itself.
    app.wait_for(lambda: not app.wd.find_elements(By.CSS_SELECTOR, "[role=dialog]"), timeout=8)
    assert "Điểm thấp: đã hẹn gọi lại khách" in app.text()
    scores = app.wd.find_element(By.CSS_SELECTOR, "[data-testid=scores]").text
    assert "Chờ lâu quá" in scores

    count = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=waiting-count]"))
    assert count.text == "1"
    app.wd.find_element(By.ID, "nav-today").click()
    item = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "button.reminder[data-kind=low_score]"))
    assert "chị Hân" in item.text and "CSAT 2 · Chờ lâu quá" in item.text, item.text
    item.click()
    message = app.wait_for(lambda: app.wd.find_element(By.ID, "message-text"))
    app.wait_for(lambda: message.get_attribute("value").startswith("Chào chị Hân, shop cảm ơn chị đã góp ý."))

    db = sqlite3.connect(data_dir / "khachquen.db")
    assert db.execute("SELECT metric, score, low, comment FROM feedback").fetchall() == [("csat", 2, 1, "Chờ lâu quá")]
    assert db.execute("SELECT kind, status, subject FROM reminder").fetchall() == [("low_score", "open", "feedback")]
