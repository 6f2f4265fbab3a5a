"""The .deb as a shop installs it: the installed binary, its own default data folder, removal and
upgrade keeping the shop's data.

Needs root (or sudo) and the package built by scripts/package.sh, so it runs only in the
packaging step of scripts/test.sh, which installs the .deb and sets KHACHQUEN_PACKAGE_TEST=1 and
KHACHQUEN_DEB. With that variable set, a missing package or .deb fails instead of skipping.
"""
import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import conftest
from conftest import App
from test_counter import create_customer

PACKAGE = "khach-quen"
ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "target" / "debug" / "khachquen"
HOA = "Lê Thị Hoà"

pytestmark = pytest.mark.skipif(
    os.environ.get("KHACHQUEN_PACKAGE_TEST") != "1",
    reason="needs the .deb installed: run by scripts/test.sh's packaging step",
)


def as_root(*cmd) -> list[str]:
    return list(cmd) if os.geteuid() == 0 else ["sudo", *cmd]


def apt(*args):
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(as_root("apt-get", "-y", "-qq", *args), check=True, env=env, stdout=subprocess.DEVNULL)


def installed_version() -> str | None:
    out = subprocess.run(["dpkg-query", "-W", "-f=${Status}|${Version}", PACKAGE], capture_output=True, text=True)
    status, _, version = out.stdout.partition("|")
    return version if status == "install ok installed" else None


def installed_binary() -> Path:
    files = subprocess.run(["dpkg", "-L", PACKAGE], capture_output=True, text=True, check=True).stdout.split("\n")
    bins = [Path(f) for f in files if f.startswith("/usr/bin/")]
    assert len(bins) == 1, f"the package installs one program in /usr/bin, got {bins}"
    return bins[0]


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the data folder with a hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def cli(db: Path, *args) -> str:
    assert CLI.exists(), f"{CLI} is built by `cargo test` before this step"
    return subprocess.run([str(CLI), "--db", str(db), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def home(monkeypatch):
    """A fresh XDG data home: the installed app, without KHACHQUEN_DATA_DIR, keeps its database
    in <home>/vn.khachquen.app, its own default."""
    # The harness launches and counts processes of conftest.APP: the installed binary here.
    monkeypatch.setattr(conftest, "APP", conftest.APP)
    d = Path(tempfile.mkdtemp(prefix="khachquen-installed-"))
    yield d
    shutil.rmtree(d, ignore_errors=True)


def run_installed(home: Path, journey):
    conftest.APP = installed_binary()
    app = App(home / "driver", {"KHACHQUEN_DATA_DIR": None, "XDG_DATA_HOME": str(home)})
    try:
        app.launch()
        journey(app)
    except Exception:
        if app.wd:
            app.screenshot("FAILED-installed-package")
        raise
    finally:
        app.close()


def add_and_find_by_phone(app):
    create_customer(app, HOA, "0903 112 358", "chị")
    app.wd.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    found = app.search("112358")
    assert any(HOA in o for o in found), f"the last phone digits must find her, got {found}"


def find_by_phone(app):
    found = app.search("112358")
    assert any(HOA in o for o in found), f"her data must survive the upgrade, got {found}"


def test_installed_app_journey_then_remove_keeps_the_data(home):
    assert installed_version(), f"package {PACKAGE} must be installed before this test (scripts/test.sh)"
    binary = installed_binary()
    assert os.access(binary, os.X_OK)
    desktop = Path("/usr/share/applications")
    entries = [p for p in desktop.glob("*.desktop") if f"Exec={binary.name}" in p.read_text()]
    assert entries and "Name=Khách Quen" in entries[0].read_text(), "the menu shows the app by its Vietnamese name"

    run_installed(home, add_and_find_by_phone)
    data = home / "vn.khachquen.app"
    db = data / "khachquen.db"
    assert db.exists(), "the installed app keeps its database in the XDG data folder"
    before = fingerprint(data)

    apt("remove", PACKAGE)
    assert installed_version() is None and not binary.exists(), "the package is gone"
    assert fingerprint(data) == before, "removing the program leaves every file of the shop's data as it was"
    assert cli(db, "check").strip() == "ok", "the database still opens and checks clean"
    assert HOA in cli(db, "search", "112358"), "and still holds her"


def test_upgrade_to_a_newer_package_keeps_the_data(home, tmp_path):
    deb = Path(os.environ.get("KHACHQUEN_DEB", ""))
    assert deb.is_file(), f"KHACHQUEN_DEB must name the built .deb, got {deb}"
    apt("install", "--allow-downgrades", str(deb.resolve()))
    old = installed_version()
    run_installed(home, add_and_find_by_phone)

    # The same build repacked under a higher version: what dpkg and apt do on an upgrade
    # (unpack over the old files, run the maintainer scripts) does not depend on the code.
    tree, newer = tmp_path / "tree", tmp_path / "newer.deb"
    subprocess.run(["dpkg-deb", "-R", str(deb), str(tree)], check=True)
    control = tree / "DEBIAN" / "control"
    control.write_text(control.read_text().replace(f"Version: {old}\n", f"Version: {old}+upgrade1\n"))
    subprocess.run(["dpkg-deb", "--root-owner-group", "-b", str(tree), str(newer)], check=True, stdout=subprocess.DEVNULL)
    try:
        apt("install", str(newer))
        assert installed_version() == f"{old}+upgrade1", "apt installed the newer version over the old one"
        run_installed(home, find_by_phone)
    finally:
        apt("remove", PACKAGE)
    assert HOA in cli(home / "vn.khachquen.app" / "khachquen.db", "search", "112358")
