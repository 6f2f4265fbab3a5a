"""Idle CPU of the desktop app (ISSUE: proactive care): the care notifier must sleep between due
times, not poll. Starts the real app on a fresh data directory under Xvfb, waits for it to
settle, then reads the CPU time of its `care-notifier` thread and of the whole process over a
quiet minute.

    xvfb-run -a python3 benches/idle_cpu.py [--seconds 60] [--app target/debug/khachquen-app]

Baseline in the same run: the whole process (WebKit and GTK idling) over the same minute.

    dbus-run-session -- xvfb-run -a python3 benches/idle_cpu.py --tray

Hidden in the tray (issue 16): a minute with the window shown (the same run's baseline), then the
window closed as a person would (WM_DELETE_WINDOW, see tests/e2e/xwindow.py) so it hides to the
tray, and a minute hidden. Fails if hidden costs more than 0.5 % of one core.
"""
import argparse
import os
import subprocess
import tempfile
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "e2e"))
from xwindow import X  # noqa: E402

HIDDEN_LIMIT = 0.5  # % of one core

TICK = os.sysconf("SC_CLK_TCK")


def cpu_ticks(stat_path: Path) -> int:
    # Fields after the command name (which may hold spaces): utime is 14th, stime 15th overall.
    rest = stat_path.read_text().rsplit(")", 1)[1].split()
    return int(rest[11]) + int(rest[12])


def threads(pid: int) -> dict[str, Path]:
    out = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        name = (task / "comm").read_text().strip()
        out.setdefault(name, task / "stat")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--app", default="target/debug/khachquen-app")
    ap.add_argument("--tray", action="store_true", help="also a minute hidden in the tray")
    args = ap.parse_args()
    data = tempfile.mkdtemp(prefix="khachquen-idle-")
    env = dict(os.environ, KHACHQUEN_DATA_DIR=data, XDG_DATA_HOME=data, XDG_CACHE_HOME=data)
    app = subprocess.Popen([args.app], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(10)  # start-up and the first planning pass
        named = threads(app.pid)
        notifier = named.get("care-notifier")
        if notifier is None:
            raise SystemExit(f"no care-notifier thread among {sorted(named)}")
        process = Path(f"/proc/{app.pid}/stat")
        n0, p0 = cpu_ticks(notifier), cpu_ticks(process)
        time.sleep(args.seconds)
        n1, p1 = cpu_ticks(notifier), cpu_ticks(process)
        print(f"over {args.seconds} s idle: care-notifier thread {(n1 - n0) / TICK * 1000:.0f} ms CPU; "
              f"whole app (baseline) {(p1 - p0) / TICK * 1000:.0f} ms CPU "
              f"({(p1 - p0) / TICK / args.seconds * 100:.2f} % of one core)")
        if args.tray:
            hidden(app, notifier, process, args.seconds)
    finally:
        app.terminate()
        app.wait(10)


def hidden(app: subprocess.Popen, notifier: Path, process: Path, seconds: int) -> None:
    """Closes the window as a person would; the app hides to the tray (reminders are on by
    default) and is measured there."""
    x = X(Path(app.args[0]).name)
    x.close()
    deadline = time.time() + 10
    while x.shown():
        if time.time() > deadline or app.poll() is not None:
            raise SystemExit("the window did not hide to the tray")
        time.sleep(0.1)
    time.sleep(3)  # the close hint notification, the web view going quiet
    n0, p0 = cpu_ticks(notifier), cpu_ticks(process)
    time.sleep(seconds)
    n1, p1 = cpu_ticks(notifier), cpu_ticks(process)
    share = (p1 - p0) / TICK / seconds * 100
    print(f"over {seconds} s hidden in the tray: care-notifier thread {(n1 - n0) / TICK * 1000:.0f} ms CPU; "
          f"whole app {(p1 - p0) / TICK * 1000:.0f} ms CPU ({share:.2f} % of one core, limit {HIDDEN_LIMIT} %)")
    if app.poll() is not None:
        raise SystemExit("the app quit instead of staying in the tray")
    if share > HIDDEN_LIMIT:
        raise SystemExit(f"hidden in the tray costs {share:.2f} % of one core (> {HIDDEN_LIMIT} %)")


if __name__ == "__main__":
    main()
