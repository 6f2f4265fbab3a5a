"""The demo's first look: on a fresh data folder a new user loads demo data from the welcome
screen, and Today, the claim board, the complaints board and the report all have something on
them; one of the new exports (sale lines with their serials) is written from the settings."""
import csv
import sqlite3
import time
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select


def test_demo_data_fills_every_board_on_the_first_look(app, data_dir):
    started = time.time()
    app.button("Tải dữ liệu mẫu").click()
    app.wait_for(lambda: "Đã thêm" in app.text(), timeout=90)
    loaded = time.time() - started
    db = sqlite3.connect(data_dir / "khachquen.db")
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("customer", "purchase", "claim", "complaint", "feedback")}
    print(f"demo load took {loaded:.1f} s: {counts}")
    assert counts["purchase"] > 100 and counts["claim"] >= 8, counts

    # Today: calls waiting, some due today.
    app.wd.find_element(By.ID, "nav-today").click()
    items = app.wait_for(lambda: app.wd.find_elements(By.CSS_SELECTOR, "button.reminder") or None)
    assert len(items) >= 3, [i.text for i in items]
    assert app.wd.find_elements(By.CSS_SELECTOR, "button.reminder[data-kind=claim_overdue]"), "the overdue claim's call"
    app.screenshot("90-demo-today")

    # The claim board: cards in several columns, one marked overdue.
    app.wd.find_element(By.ID, "nav-board").click()
    cards = app.wait_for(lambda: app.wd.find_elements(By.CSS_SELECTOR, ".board-card") or None)
    assert len(cards) >= 6, len(cards)
    columns = [c for c in app.wd.find_elements(By.CSS_SELECTOR, ".board-col") if c.find_elements(By.CSS_SELECTOR, ".board-card")]
    assert len(columns) >= 3, "claims in several states"
    overdue = app.wd.find_elements(By.CSS_SELECTOR, ".board-card.overdue")
    assert overdue and any("Hẹn trả" in o.text or "hãng" in o.text for o in overdue), [o.text for o in overdue]
    app.screenshot("91-demo-board")

    # The overdue claim lent a unit: it shows as still out, and is taken back in two clicks.
    app.click(overdue[0])
    loan = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=loan-unit]"))
    assert "mượn" in loan.text and "khách đang giữ" in loan.text, loan.text
    app.click(app.wd.find_element(By.ID, "loan-start"))
    app.click(app.wait_for(lambda: app.wd.find_element(By.ID, "loan-confirm")))
    app.wait_for(lambda: "đã thu hồi" in app.wd.find_element(By.CSS_SELECTOR, "[data-testid=loan-unit]").text)
    assert db.execute("SELECT count(*) FROM claim WHERE loan_returned_on IS NULL AND loan_lent_on IS NOT NULL").fetchone()[0] == 1

    # The complaints board: cases, one close to its target.
    app.wd.find_element(By.ID, "nav-complaints").click()
    cases = app.wait_for(lambda: app.wd.find_elements(By.CSS_SELECTOR, "li.case") or None)
    assert len(cases) >= 4, [c.text for c in cases]
    assert app.wd.find_elements(By.CSS_SELECTOR, "li.case.soon"), "one case near its target"
    app.screenshot("92-demo-complaints")

    # The report: revenue and a drawn trend for the default period.
    app.wd.find_element(By.ID, "nav-dashboard").click()
    value = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=kpi-revenue] .tile-value").text)
    assert value.endswith("₫") and value != "0 ₫", value
    paths = app.wait_for(lambda: [p.get_attribute("d") for p in app.wd.find_elements(By.CSS_SELECTOR, "svg path.series")] or None)
    assert any(d and "L" in d for d in paths), paths
    assert app.wd.find_elements(By.CSS_SELECTOR, "svg rect.bar"), "bars in the distributions"
    app.screenshot("93-demo-report")

    # One of the new exports: sale lines with their serials, as CSV.
    app.wd.find_element(By.ID, "nav-settings").click()
    select = app.wait_for(lambda: app.wd.find_element(By.ID, "export-table"))
    app.click(select)
    Select(select).select_by_value("sale_lines")
    app.click(app.wd.find_element(By.XPATH, "(//input[@name='export-format'])[2]"))
    app.click(app.wd.find_element(By.ID, "export-now"))
    status = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=export-status]"))
    app.wait_for(lambda: status.text.startswith("Đã xuất: "))
    path = Path(status.text.removeprefix("Đã xuất: "))
    assert path.parent == data_dir / "exports" and path.name.startswith("sale_lines-")
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "Số hóa đơn" and "Serial/IMEI" in rows[0], rows[0]
    serials = [r[rows[0].index("Serial/IMEI")] for r in rows[1:]]
    assert sum(1 for s in serials if len(s) == 15 and s.isdigit()) > 20, "phones sold with IMEIs"
