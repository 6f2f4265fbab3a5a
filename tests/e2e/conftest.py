"""End-to-end harness: the real debug app, a real WebKit window under Xvfb, a real SQLite file.

Each test gets a fresh data directory and its own tauri-driver (the app inherits the driver's
environment, which is how KHACHQUEN_DATA_DIR reaches it). Tests find elements the way a person
does: by label, role and visible text.
"""
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
APP = Path(os.environ.get("KHACHQUEN_APP", ROOT / "target" / "debug" / "khachquen-app"))
ARTIFACTS = Path(__file__).parent / "artifacts"
# Every test starts on a fresh data folder: the first launch creates this owner.
OWNER = "Chủ Hà"
OWNER_PIN = "246813"
TAURI_DRIVER = shutil.which("tauri-driver") or str(Path.home() / ".cargo" / "bin" / "tauri-driver")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TauriOptions(ArgOptions):
    def __init__(self, application: Path):
        super().__init__()
        self.application = application

    def to_capabilities(self):
        return {"browserName": "wry", "tauri:options": {"application": str(self.application)}}

    @property
    def default_capabilities(self):
        return {}


class App:
    """One app data directory; `launch()` starts the app on it, `quit()` closes it."""

    def __init__(self, data_dir: Path, env_overrides: dict | None = None):
        self.data_dir = data_dir
        self.port = free_port()
        # WebKit keeps localStorage (the language choice) under XDG dirs: isolate those too.
        env = dict(
            os.environ,
            KHACHQUEN_DATA_DIR=str(data_dir),
            XDG_DATA_HOME=str(data_dir / "xdg-data"),
            XDG_CACHE_HOME=str(data_dir / "xdg-cache"),
        )
        # A value of None removes the variable (the installed app's own default data folder).
        for name, value in (env_overrides or {}).items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        self.driver_proc = subprocess.Popen(
            [TAURI_DRIVER, "--port", str(self.port), "--native-port", str(free_port())],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 15
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/status", timeout=1)
                break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError("tauri-driver did not start")
                time.sleep(0.1)
        self.wd = None

    def launch(self, sign_in: bool = True):
        url = f"http://127.0.0.1:{self.port}"
        # A session that cannot start must fail, not hang (the client waits forever otherwise).
        self.wd = webdriver.Remote(url, options=TauriOptions(APP), client_config=ClientConfig(url, timeout=60))
        self.wd.set_window_size(1280, 800)
        # The path typed into a file input goes to the driver as is (the app runs on this
        # machine); the default detector would try Selenium Grid's upload, which it lacks.
        self.wd.file_detector = UselessFileDetector()
        if sign_in:
            self.sign_in(OWNER, OWNER_PIN)
        return self

    def lock_screen(self):
        """The lock screen's heading, once it shows (first run or a locked counter)."""
        return self.wait_for(lambda: self.wd.find_element(By.ID, "lock-title"), timeout=20)

    def sign_in(self, name: str, pin: str):
        """Signs in as `name`; on a first run, creates that account as the owner."""
        self.lock_screen()
        if self.wd.find_elements(By.ID, "owner-name"):
            self.field("Tên chủ cửa hàng").send_keys(name)
            self.field("Mã PIN").send_keys(pin)
            self.field("Nhập lại mã PIN").send_keys(pin)
            self.button("Tạo tài khoản và bắt đầu").click()
        else:
            self.wd.find_element(By.XPATH, f"//button[@aria-pressed][.//span[normalize-space()={xpath_text(name)}]]").click()
            self.field("Mã PIN").send_keys(pin + Keys.ENTER)
        self.wait_for(lambda: self.search_box().is_displayed())
        self.wait_for(lambda: self.wd.find_element(By.CSS_SELECTOR, "[data-testid=signed-in]").text == name)

    def quit(self):
        if self.wd:
            running = app_pids()
            self.wd.quit()
            self.wd = None
            # The app is single-instance: a relaunch while the old process is still exiting
            # would hand over to it and exit at once. Wait until it is gone.
            deadline = time.time() + 15
            while running & app_pids() and time.time() < deadline:
                time.sleep(0.05)

    def close(self):
        self.quit()
        self.driver_proc.terminate()
        self.driver_proc.wait(5)

    # -- finding things like a person ------------------------------------------------------
    def wait_for(self, fn, timeout=10):
        return WebDriverWait(self.wd, timeout, ignored_exceptions=(Exception,)).until(lambda _: fn())

    def search_box(self):
        return self.wd.find_element(By.CSS_SELECTOR, "input[type=search]")

    def field(self, label: str):
        lab = self.wd.find_element(By.XPATH, f"//label[normalize-space()={xpath_text(label)}]")
        target = lab.get_attribute("for")
        return self.wd.find_element(By.ID, target) if target else lab.find_element(By.CSS_SELECTOR, "input,select,textarea")

    def button(self, name: str):
        return self.wd.find_element(
            By.XPATH, f"//button[normalize-space()={xpath_text(name)} or @aria-label={xpath_text(name)}]"
        )

    def options(self):
        return self.wd.find_elements(By.CSS_SELECTOR, "[role=listbox] [role=option]")

    def click(self, el):
        """Scrolls `el` to the middle and clicks it once it stops moving: sections that load on
        their own grow the page under a click aimed too early."""
        # Not el.click() nor move_to_element: WebKitWebDriver scrolls the nested scroller again
        # and then clicks where the element was before that scroll (seen: 120 px below it).
        # A pointer move to viewport coordinates scrolls nothing; it is aimed only once the
        # element has held still and is the thing actually under that point.
        aim = """
            const el = arguments[0];
            el.scrollIntoView({block: 'center'});
            const r = el.getBoundingClientRect();
            const x = r.x + r.width / 2, y = r.y + r.height / 2;
            const hit = document.elementFromPoint(x, y);
            return [x, y, !!hit && (hit === el || el.contains(hit))];
        """
        # The first pointer move after a re-render can itself reflow the page (seen: the
        # policy tables above the backup buttons shrinking 40 px each), so the pointer is moved
        # first and the aim taken again before the click.
        for hover_first in (True, False):
            last = None
            deadline = time.time() + 5
            while True:
                x, y, on_target = self.wd.execute_script(aim, el)
                if (on_target and (x, y) == last) or time.time() > deadline:
                    break
                last = (x, y)
                time.sleep(0.15)
            actions = ActionBuilder(self.wd)
            actions.pointer_action.move_to_location(int(x), int(y))
            if not hover_first:
                actions.pointer_action.click()
            actions.perform()

    def search(self, query: str):
        box = self.search_box()
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(Keys.BACKSPACE)
        box.send_keys(query)
        return self.wait_for(lambda: [o.text for o in self.options()] or None)

    def text(self) -> str:
        return self.wd.find_element(By.TAG_NAME, "body").text

    def screenshot(self, name: str):
        ARTIFACTS.mkdir(exist_ok=True)
        self.wd.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def app_pids() -> set[int]:
    out = subprocess.run(["pgrep", "-x", APP.name[:15]], capture_output=True, text=True).stdout
    return {int(p) for p in out.split()}


def xpath_text(s: str) -> str:
    if "'" not in s:
        return f"'{s}'"
    return "concat(" + ", \"'\", ".join(f"'{p}'" for p in s.split("'")) + ")"


@pytest.fixture
def data_dir():
    d = Path(tempfile.mkdtemp(prefix="khachquen-e2e-"))
    yield d
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def app(data_dir):
    a = App(data_dir)
    try:
        yield a.launch()
    finally:
        a.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On failure, keep a screenshot of the window: it shows what the user would have seen."""
    outcome = yield
    report = outcome.get_result()
    app = item.funcargs.get("app") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and app is not None and app.wd is not None:
        try:
            app.screenshot(f"FAILED-{item.name}")
        except Exception:  # the window may be gone; the report still stands
            pass
