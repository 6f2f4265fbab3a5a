"""App cold start to an interactive search box, and resident memory after the first search.

    python benches/startup.py [--customers 1000000] [--runs 5] [--app /usr/bin/khachquen-app]
                              [--cli target/installer/khachquen]

Uses the release app (`cargo build --release -p khachquen-app --features custom-protocol`), or the
binary given with --app (the one installed from the .deb), and the release CLI (or --cli) to
generate the database. The same-run baseline is the same measurement on an empty database.
"Interactive" = the search box has focus and the home screen shows the customer count (the first
backend round trip has completed), with the owner's sign-in on the lock screen in between: its two
parts are printed too. Memory is VmRSS of the app process, and separately of the WebKit
web/network processes it spawns.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
os.environ.setdefault("KHACHQUEN_APP", str(ROOT / "target" / "release" / "khachquen-app"))

# --app must reach the harness before it is imported: it reads the binary's path once.
if "--app" in sys.argv[:-1]:
    os.environ["KHACHQUEN_APP"] = sys.argv[sys.argv.index("--app") + 1]

import conftest  # noqa: E402  (the e2e harness: tauri-driver, capabilities)
from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def descendants(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    kids = [int(p) for p in out]
    return kids + [d for k in kids for d in descendants(k)]


def one_run(data_dir: Path, query: str):
    """Launch to the lock screen ready for a PIN (the app's own cold start), then the PIN entered
    to the counter's search box interactive (the sign-in: a memory-hard hash of the PIN)."""
    app = conftest.App(data_dir)
    try:
        t0 = time.perf_counter()
        url = f"http://127.0.0.1:{app.port}"
        app.wd = webdriver.Remote(url, options=conftest.TauriOptions(conftest.APP),
                                  client_config=conftest.ClientConfig(url, timeout=60))
        person = f"//button[@aria-pressed][.//span[normalize-space()={conftest.xpath_text(conftest.OWNER)}]]"
        app.wait_for(lambda: app.wd.find_element(By.XPATH, person), timeout=30).click()
        pin = app.wait_for(lambda: app.field("Mã PIN"))
        to_lock = time.perf_counter() - t0
        t1 = time.perf_counter()
        pin.send_keys(conftest.OWNER_PIN + Keys.ENTER)
        app.wait_for(
            lambda: app.wd.execute_script(
                "return document.activeElement && document.activeElement.type === 'search'"
                " && !!document.querySelector('.welcome .count')"
            ),
            timeout=30,
        )
        to_search = time.perf_counter() - t1
        app.search_box().send_keys(query)
        # Results, or the "no customer matches" line on the empty baseline.
        app.wait_for(lambda: app.options() or app.wd.find_elements(By.XPATH, f"//p[contains(., '{query}')]"))
        pid = int(subprocess.run(["pgrep", "-n", "-x", conftest.APP.name[:15]], capture_output=True, text=True).stdout)
        app_rss = rss_kib(pid)
        webkit_rss = sum(rss_kib(p) for p in descendants(pid))
        return to_lock + to_search, app_rss / 1024, webkit_rss / 1024, to_lock, to_search
    finally:
        app.close()


def first_run(data_dir: Path):
    """The first launch creates the owner (unmeasured): every later launch opens on the lock screen."""
    app = conftest.App(data_dir)
    try:
        app.launch()
    finally:
        app.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--customers", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--app", help="the app binary (default: target/release/khachquen-app)")
    ap.add_argument("--cli", type=Path, default=ROOT / "target" / "release" / "khachquen",
                    help="the CLI that generates the database, of the same schema version as the app")
    args = ap.parse_args()
    print(f"app: {conftest.APP}")

    work = Path(tempfile.mkdtemp(prefix="khachquen-startup-"))
    try:
        big, empty = work / "big", work / "empty"
        big.mkdir()
        empty.mkdir()
        cli = args.cli
        t = time.perf_counter()
        subprocess.run([str(cli), "--db", str(big / "khachquen.db"), "demo", "--customers", str(args.customers), "--customers-only"], check=True)
        print(f"generated {args.customers} customers in {time.perf_counter() - t:.1f} s")
        results = {}
        for name, d in [("empty (baseline)", empty), (f"{args.customers} customers", big)]:
            first_run(d)
            runs = [one_run(d, "han") for _ in range(args.runs)]
            results[name] = runs
            s = statistics.median(r[0] for r in runs)
            a = statistics.median(r[1] for r in runs)
            w = statistics.median(r[2] for r in runs)
            lock = statistics.median(r[3] for r in runs)
            sign_in = statistics.median(r[4] for r in runs)
            print(f"{name}: start to interactive search median {s * 1000:.0f} ms "
                  f"(runs: {', '.join(f'{r[0] * 1000:.0f}' for r in runs)}; "
                  f"launch to PIN field {lock * 1000:.0f} ms + PIN to search {sign_in * 1000:.0f} ms); "
                  f"RSS after first search: app {a:.0f} MiB, WebKit processes {w:.0f} MiB")
        names = list(results)
        base = statistics.median(r[0] for r in results[names[0]])
        big_s = statistics.median(r[0] for r in results[names[1]])
        print(f"ratio start-up {names[1]} / empty: {big_s / base:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
