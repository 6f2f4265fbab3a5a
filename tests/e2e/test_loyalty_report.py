"""The report's loyalty tab on the real app (issue 17): the figures of this month's ledgers, the
debts by age, and the CSV and XLSX exports written through the core."""
import sqlite3
from datetime import datetime, timedelta, timezone

from selenium.webdriver.common.by import By


def ledgers(data_dir):
    """Lan earned 120 points this month and redeemed 20; she owes 300,000 ₫ due in 40 days' past."""
    now = datetime.now(timezone.utc)
    at = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    overdue = (now + timedelta(hours=7) - timedelta(days=40)).strftime("%Y-%m-%d")
    db = sqlite3.connect(data_dir / "khachquen.db", timeout=10)
    with db:
        cid = db.execute(
            "INSERT INTO customer(full_name, call_name, folded_name, folded_call, created_at, updated_at)"
            " VALUES ('Nguyễn Thị Lan', 'Lan', 'nguyen thi lan', 'lan', ?1, ?1)",
            (at,),
        ).lastrowid
        db.execute(
            "INSERT INTO point_entry(customer_id, kind, points, staff, at) VALUES"
            " (?1, 'earn', 120, 'e2e', ?2), (?1, 'redeem', -20, 'e2e', ?2)",
            (cid, at),
        )
        db.execute(
            "INSERT INTO debt_entry(customer_id, kind, amount, due_on, staff, at)"
            " VALUES (?1, 'sale', 300000, ?2, 'e2e', ?3)",
            (cid, overdue, at),
        )
    db.close()


def figure(app, key):
    return app.wd.find_element(By.CSS_SELECTOR, f"[data-testid=loyalty-{key}]").text


def test_the_loyalty_tab_shows_this_months_figures_and_exports_them(app, data_dir):
    ledgers(data_dir)
    app.wd.find_element(By.ID, "nav-dashboard").click()
    app.click(app.wait_for(lambda: app.button("Tích điểm & công nợ")))
    app.wait_for(lambda: figure(app, "points_issued") == "120")
    assert figure(app, "points_redeemed") == "20"
    assert figure(app, "points_outstanding") == "100"
    assert figure(app, "points_liability") == "10.000 ₫", "100 ₫ a point when none is set"
    assert figure(app, "debt_total") == "300.000 ₫"
    assert figure(app, "redemption_rate") == "—"
    ages = app.wd.find_element(By.CSS_SELECTOR, "table[aria-label='Công nợ theo tuổi nợ']")
    rows = [[c.text for c in r.find_elements(By.CSS_SELECTOR, "th,td")] for r in ages.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert ["Quá hạn 31–60 ngày", "1", "300.000 ₫"] in rows, rows
    assert ["Chưa đến hạn", "0", "0 ₫"] in rows, rows
    app.screenshot("loyalty-report")

    app.click(app.wd.find_element(By.ID, "loyalty-export"))
    # Read once the app says where it saved it: the file is whole by then.
    saved = app.wait_for(lambda: (s := app.wd.find_element(By.CSS_SELECTOR, ".loyalty-report [role=status]").text) and "Đã lưu tệp" in s and s)
    files = list((data_dir / "exports").glob("tich-diem-cong-no-*.csv"))
    assert len(files) == 1 and str(files[0]) in saved
    csv = files[0].read_text(encoding="utf-8-sig")
    assert csv.startswith("Phần,Chỉ số,Giá trị,Số khách\n")
    assert "Tích điểm và voucher,Điểm đã tặng trong kỳ,120," in csv
    assert "Tuổi nợ,Quá hạn 31–60 ngày,300000,1" in csv
    app.click(app.wd.find_element(By.ID, "loyalty-export-xlsx"))
    app.wait_for(lambda: list((data_dir / "exports").glob("tich-diem-cong-no-*.xlsx")))
    book = list((data_dir / "exports").glob("tich-diem-cong-no-*.xlsx"))[0]
    app.wait_for(lambda: str(book) in app.wd.find_element(By.CSS_SELECTOR, ".loyalty-report [role=status]").text)
    assert book.read_bytes().startswith(b"PK\x03\x04")
