"""Import and export on the real app: a KiotViet export is mapped by itself, the dry run shows
row by row what will happen, valid rows only are imported by explicit choice, the import is
undone; a legacy-encoded file is refused; customers export to XLSX and CSV, and a name that
looks like a spreadsheet formula stays text in both."""
import csv
import html
import re
import zipfile
from pathlib import Path

from selenium.webdriver.common.by import By

from test_counter import create_customer

FORMULA = '=HYPERLINK("http://x","y")'

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def import_section(app):
    app.wd.find_element(By.ID, "nav-settings").click()
    app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "table.audit tbody tr"))
    return app.wait_for(lambda: app.wd.find_element(By.ID, "import-file"))


def test_kiotviet_dry_run_valid_rows_only_then_undo(app):
    import_section(app).send_keys(str(FIXTURES / "kiotviet.csv"))
    mapping = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "table.mapping"))
    assert "Tên khách hàng" in mapping.text and "9 dòng dữ liệu" in app.text()
    name_select = app.wd.find_element(By.XPATH, "//select[@aria-label='Cột Tên khách hàng là']")
    assert name_select.get_attribute("value") == "full_name"

    app.click(app.wd.find_element(By.ID, "import-dry-run"))
    summary = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=import-summary]"))
    assert summary.text == "Tạo mới 5 · Cập nhật 0 · Bỏ qua 0 · Lỗi 4", summary.text
    outcomes = app.wd.find_element(By.CSS_SELECTOR, "table.outcomes").text
    assert "Mã khách hàng trùng với dòng 3 trong tệp" in outcomes
    assert "Email không hợp lệ" in outcomes
    app.screenshot("60-import-dry-run")

    assert not app.wd.find_element(By.ID, "import-commit-all").is_enabled(), "errors: all-or-nothing is not offered"
    assert not app.wd.find_element(By.ID, "import-commit-valid").is_enabled(), "valid-only needs the user's word"
    app.click(app.wd.find_element(By.XPATH, "//label[contains(., 'dòng lỗi sẽ không được nhập')]/input"))
    app.click(app.wd.find_element(By.ID, "import-commit-valid"))
    app.wait_for(lambda: "Đã nhập: 5 khách mới, 0 khách được cập nhật." in app.text(), timeout=20)
    assert any("Đặng Thị Ngọc Hân" in o for o in app.search("han"))

    app.click(app.wait_for(lambda: app.wd.find_element(By.ID, "import-undo")))
    app.wait_for(lambda: "Đã hoàn tác lần nhập tệp kiotviet.csv." in app.text())
    box = app.search_box()
    box.clear()
    box.send_keys("ngoc han")
    app.wait_for(lambda: "Không tìm thấy" in app.text() or not app.options())
    assert not any("Đặng Thị Ngọc Hân" in o.text for o in app.options())


def test_legacy_file_is_refused_and_customers_export_to_xlsx(app, data_dir):
    import_section(app).send_keys(str(FIXTURES / "tcvn3.csv"))
    alert = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "p.field-error[role=alert]"))
    assert "bảng mã cũ (TCVN3/VNI)" in alert.text
    assert not app.wd.find_elements(By.CSS_SELECTOR, "table.mapping")

    create_customer(app, FORMULA, "0912 345 678")
    import_section(app)
    path = export(app, data_dir, "xlsx")
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        shared = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else ""
    assert "<f>" not in sheet, "no cell is written as a formula"
    texts = [html_unescape(t) for t in re.findall(r"<t[^>]*>(.*?)</t>", shared + sheet, re.S)]
    assert FORMULA in texts, texts
    assert any(t.replace(" ", "") == "0912345678" for t in texts), "the phone stays text, leading zero and all"

    app.click(app.wd.find_element(By.XPATH, "(//input[@name='export-format'])[2]"))
    path = export(app, data_dir, "csv")
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    cells = [c for row in rows[1:] for c in row]
    assert "'" + FORMULA in cells, rows
    assert FORMULA not in cells, "never a bare formula a spreadsheet would run"


def html_unescape(s):
    return html.unescape(s)


def export(app, data_dir, suffix):
    status_before = app.wd.find_elements(By.CSS_SELECTOR, "[data-testid=export-status]")
    before = status_before[0].text if status_before else ""
    app.click(app.wd.find_element(By.ID, "export-now"))
    status = app.wait_for(lambda: app.wd.find_element(By.CSS_SELECTOR, "[data-testid=export-status]"))
    app.wait_for(lambda: status.text.startswith("Đã xuất: ") and status.text != before)
    path = Path(status.text.removeprefix("Đã xuất: "))
    assert path.parent == data_dir / "exports" and path.suffix == "." + suffix
    return path
