"""A real PostgreSQL for the end-to-end tests of the chain: Debian's `postgresql` package
(installed by `scripts/setup.sh --test`), its own data folder in a temp directory, a free port on
127.0.0.1, plain TCP (loopback). The same steps as tests/pg_server.rs: PostgreSQL refuses to run
as root, so under root the server runs as `nobody`, its folder handed over to it. `stop()` stops
it and removes the folder; a fixture calls it whatever the test did."""
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

ADMIN = "kq_admin"
PASSWORD = "kq-e2e-mat-khau"


def bin_dir() -> Path:
    """`$KHACHQUEN_PG_BIN`, else the newest /usr/lib/postgresql/*/bin (not whichever pg_ctl
    comes first on the PATH)."""
    if os.environ.get("KHACHQUEN_PG_BIN"):
        return Path(os.environ["KHACHQUEN_PG_BIN"])
    found = sorted(
        (int(d.name), d / "bin")
        for d in Path("/usr/lib/postgresql").glob("*")
        if d.name.isdigit() and (d / "bin" / "initdb").exists()
    )
    if not found:
        raise RuntimeError("no /usr/lib/postgresql/*/bin/initdb (scripts/setup.sh --test installs it)")
    return found[-1][1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self):
        self.bin = bin_dir()
        self.root = os.geteuid() == 0
        # Under root, `nobody` must be able to pass through the folder's parents.
        base = "/tmp" if self.root else None
        self.dir = Path(tempfile.mkdtemp(prefix="khachquen-e2e-pg-", dir=base))
        self.data = self.dir / "data"
        self.port = None
        self.started = False

    def _as_server(self, program: str, *args) -> list:
        cmd = [str(self.bin / program), *map(str, args)]
        return ["runuser", "-u", "nobody", "--", *cmd] if self.root else cmd

    def _run(self, cmd: list):
        out = subprocess.run(cmd, cwd=self.dir, capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)}: {out.stdout}{out.stderr}")

    def start(self) -> "Server":
        pw = self.dir / "pw"
        pw.write_text(PASSWORD)
        os.chmod(self.dir, 0o755)
        if self.root:
            subprocess.run(["chown", "-R", "nobody:nogroup", str(self.dir)], check=True)
        self._run(self._as_server(
            "initdb", "-D", self.data, "-U", ADMIN, "--auth-local=trust",
            "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync", f"--pwfile={pw}",
        ))
        last = None
        # A port found free can be taken before the server binds it: try another.
        for _ in range(3):
            self.port = free_port()
            options = (
                f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            try:
                self._run(self._as_server(
                    "pg_ctl", "start", "-w", "-t", "60", "-D", self.data, "-l", self.dir / "log",
                    "-o", options,
                ))
                self.started = True
                return self
            except RuntimeError as e:
                last = e
        raise RuntimeError(f"{last}\n{(self.dir / 'log').read_text(errors='replace')}")

    def url(self, database: str, password: str = PASSWORD) -> str:
        return f"postgres://{ADMIN}:{password}@127.0.0.1:{self.port}/{database}"

    def create_db(self, name: str) -> str:
        """A new database on the server; the hub owner's URL to it."""
        env = dict(os.environ, PGPASSWORD=PASSWORD)
        cmd = [str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", ADMIN, name]
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            raise RuntimeError(f"createdb {name}: {out.stderr}")
        return self.url(name)

    def stop(self):
        if self.started:
            subprocess.run(
                self._as_server("pg_ctl", "stop", "-m", "immediate", "-D", self.data),
                cwd=self.dir, capture_output=True, timeout=60,
            )
            self.started = False
        shutil.rmtree(self.dir, ignore_errors=True)
