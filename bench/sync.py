"""Benchmark of `POST /api/v1/sync` through a real server (issue 3, item 8); prints figures.

Starts gunicorn (1 worker, 8 threads, gthread) on 127.0.0.1 against a fresh database set up
with the real commands (`flask db upgrade`, `gminas load`, `seed-demo --visits 0`), logs in
as the demo researcher over HTTP (stdlib only) and measures:

1. N interviews with three needs each (`researcher.demo.generator`) in batches of 500:
   interviews/s, p50/p95 batch latency, server CPU (user+sys of the worker) per interview,
   peak server memory (VmHWM);
2. a sample of new interviews sent one per request, extrapolated to N, and the ratio;
3. races: 8 clients send the same new record at the same moment (20 times) — every answer
   must be `created` or `unchanged`, exactly one `created`;
4. the bytes on the wire of the interview page on first load (gzip asked for).

    .venv/bin/python bench/sync.py                        # SQLite in a temporary directory
    .ci/with-postgres.sh sh -c '.venv/bin/python bench/sync.py --database-url "$DATABASE_URL"'

`bench/sync_profile.py` profiles the same work in-process (where the server's time goes).

Never run by `make test` (not under tests/). Needs no network and nothing outside the repo.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from http.client import HTTPConnection, HTTPException
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from researcher.demo.generator import generate_records  # noqa: E402

PYTHON = sys.executable
TICKS = os.sysconf("SC_CLK_TCK")
TARGETS = {"rate": 1500.0, "cpu_ms": 1.0, "ratio": 10.0, "page_kb": 150.0}


# --- the server and its processes ----------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def proc_cpu(pid: int) -> float:
    """User+system CPU seconds of a process (all its threads) from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def proc_status(pid: int, key: str) -> int:
    """A kB figure (VmHWM, VmRSS) from /proc/<pid>/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(p) for p in text]
    return found


def postgres_pids(port: int) -> list[int]:
    """The PostgreSQL server listening on `port` and its backends (read-only, for CPU)."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if argv and argv[0].endswith(b"postgres") and str(port).encode() in argv:
            master = int(proc.name)
            return [master, *children(master)]
    return []


class Server:
    """gunicorn on a free port; CPU and memory read from its worker processes."""

    def __init__(self, spec: str, env: dict[str, str], workers: int, threads: int) -> None:
        self.port = free_port()
        self.argv = [PYTHON, "-m", "gunicorn", "--bind", f"127.0.0.1:{self.port}",
                     "--workers", str(workers), "--threads", str(threads),
                     "--worker-class", "gthread", "--keep-alive", "75", "--timeout", "300",
                     "--log-level", "warning", spec]
        self.process = subprocess.Popen(self.argv, cwd=ROOT, env=env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/zdrowie")
                if conn.getresponse().status == 200 and len(self.workers()) == workers:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit("gunicorn did not start")

    def workers(self) -> list[int]:
        return children(self.process.pid)

    def cpu(self) -> float:
        return sum(proc_cpu(pid) for pid in self.workers())

    def peak_kb(self) -> int:
        return max(proc_status(pid, "VmHWM") for pid in self.workers())

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()


# --- an HTTP client with cookies, on one keep-alive connection -------------------------------


class Client:
    def __init__(self, port: int, cookies: dict[str, str] | None = None) -> None:
        self.port = port
        self.cookies = dict(cookies or {})
        self.csrf = ""
        self.conn = HTTPConnection("127.0.0.1", port, timeout=300)

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (HTTPException, ConnectionError):
                self.conn.close()
                self.conn = HTTPConnection("127.0.0.1", self.port, timeout=300)
                if attempt == 2:
                    raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def login(self, email: str, password: str) -> None:
        _status, _h, page = self.request("GET", "/logowanie")
        token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', page).group(1).decode()
        form = urlencode({"email": email, "password": password, "csrf_token": token})
        status, _h, _b = self.request("POST", "/logowanie", form.encode(),
                                      {"Content-Type": "application/x-www-form-urlencoded"})
        if status != 302:
            raise SystemExit(f"login failed: HTTP {status}")
        _status, _h, home = self.request("GET", "/teren")
        self.csrf = re.search(rb'<meta name="csrf-token" content="([^"]+)"', home).group(1).decode()

    def sync(self, body: bytes) -> tuple[int, dict[str, Any]]:
        status, _h, data = self.request("POST", "/api/v1/sync", body, {
            "Content-Type": "application/json", "X-CSRFToken": self.csrf})
        return status, json.loads(data) if data.startswith(b"{") else {}


def batch_body(records: list[dict[str, Any]], device_id: str) -> bytes:
    payload = {"device_id": device_id, "batch_id": str(uuid.uuid4()), "records": records}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, -(-len(ordered) * p // 100) - 1))]


# --- the measurements ------------------------------------------------------------------------


def pg_cpu(port: int | None) -> dict[int, float]:
    """CPU seconds of each process of the PostgreSQL server on `port` (none for SQLite)."""
    found = {}
    for pid in postgres_pids(port) if port else []:
        try:
            found[pid] = proc_cpu(pid)
        except OSError:
            continue
    return found


def send_all(client: Client, server: Server, bodies: list[bytes], per_body: int,
             pg: int | None) -> dict[str, Any]:
    """POST every body; wall time, latencies, CPU of the server (and of PostgreSQL), and of
    this client (the bodies are serialised beforehand: it only sends and reads answers)."""
    statuses: Counter[str] = Counter()
    latencies = []
    cpu0, pg0 = server.cpu(), pg_cpu(pg)
    client0 = time.process_time()
    start = time.perf_counter()
    for body in bodies:
        t0 = time.perf_counter()
        http_status, answer = client.sync(body)
        latencies.append(time.perf_counter() - t0)
        if http_status != 200:
            statuses[f"HTTP {http_status}"] += per_body
            continue
        statuses.update(r["status"] for r in answer["results"])
    wall = time.perf_counter() - start
    client_cpu = time.process_time() - client0
    n = len(bodies) * per_body
    cpu1, pg1 = server.cpu(), pg_cpu(pg)
    pg_used = sum(cpu - pg0.get(pid, 0.0) for pid, cpu in pg1.items())
    return {"n": n, "wall": wall, "rate": n / wall, "p50": percentile(latencies, 50),
            "p95": percentile(latencies, 95), "cpu_ms": (cpu1 - cpu0) / n * 1000,
            "pg_cpu_ms": pg_used / n * 1000 if pg else None, "statuses": statuses,
            "client_cpu_ms": client_cpu / n * 1000}


def _race_once(client: Client, body: bytes, barrier: threading.Barrier,
               answers: list[str]) -> None:
    barrier.wait()
    status, answer = client.sync(body)
    answers.append(answer["results"][0]["status"] if status == 200 else f"HTTP {status}")


def race(port: int, cookies: dict[str, str], csrf: str, records: list[dict[str, Any]],
         racers: int) -> list[Counter[str]]:
    """For each record, `racers` clients send it at the same moment; their answers."""
    clients = []
    for _ in range(racers):
        client = Client(port, cookies)
        client.csrf = csrf
        client.request("GET", "/zdrowie")  # open the connection before the start
        clients.append(client)
    tallies = []
    for record in records:
        barrier, answers = threading.Barrier(racers), []
        threads = [threading.Thread(target=_race_once, args=(
            c, batch_body([record], str(uuid.uuid4())), barrier, answers)) for c in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        tallies.append(Counter(answers))
    return tallies


ASSET = re.compile(rb"<(script|link)\b([^>]*)>", re.I)
ATTR = re.compile(rb'([\w-]+)\s*=\s*"([^"]*)"')
IMPORT = re.compile(
    r"""(?:\bimport\s*(?:[\w*{}\s,$]+\s*from\s*)?|\bimport\s*\(\s*)["']([^"']+)["']""")


def page_weight(client: Client, page: str) -> list[tuple[str, str, int, int, int, bool]]:
    """(url, type, wire bytes, raw bytes, gzip-6 bytes, gzipped?) of a page and what it loads."""
    rows: list[tuple[str, str, int, int, int, bool]] = []
    queue, seen = [page], {page}
    while queue:
        url = queue.pop(0)
        status, headers, wire = client.request("GET", url, headers={"Accept-Encoding": "gzip"})
        if status != 200:
            rows.append((url, f"HTTP {status}", 0, 0, 0, False))
            continue
        encoded = headers.get("content-encoding") == "gzip"
        raw = gzip.decompress(wire) if encoded else wire
        kind = headers.get("content-type", "").split(";")[0]
        rows.append((url, kind, len(wire), len(raw), len(gzip.compress(raw, 6)), encoded))
        found: list[str] = []
        if "html" in kind:
            for tag, attrs in ASSET.findall(raw):
                attr = {k.decode().lower(): v.decode() for k, v in ATTR.findall(attrs)}
                if tag.lower() == b"script" and attr.get("src"):
                    found.append(attr["src"])
                elif "stylesheet" in attr.get("rel", "") and attr.get("href"):
                    found.append(attr["href"])
        elif "javascript" in kind:
            found = IMPORT.findall(raw.decode("utf-8", "replace"))
        elif "css" in kind:
            found = re.findall(r"@import\s+(?:url\()?[\"']?([^\"')\s;]+)", raw.decode())
        for ref in found:
            target = urlsplit(urljoin(url, ref)).path
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return rows


def service_worker_extra(client: Client, fetched: set[str]) -> list[tuple[str, int, int]]:
    """What the service worker downloads when it installs: itself, the shell assets not
    fetched yet, and the pages and definitions (fetched again, `no-store`)."""
    status, headers, wire = client.request("GET", "/sw.js", headers={"Accept-Encoding": "gzip"})
    if status != 200:
        return []
    raw = gzip.decompress(wire) if headers.get("content-encoding") == "gzip" else wire
    rows = [("/sw.js", len(wire), len(gzip.compress(raw, 6)))]
    config = json.loads(raw.decode().split("\n", 1)[0].removeprefix("const CONFIG = ")
                        .rstrip(";"))
    urls = [u for u in config["assets"] if u not in fetched] + config["pages"] + config[
        "definitions"]
    for url in urls:
        status, headers, wire = client.request("GET", url, headers={"Accept-Encoding": "gzip"})
        raw = gzip.decompress(wire) if headers.get("content-encoding") == "gzip" else wire
        rows.append((url, len(wire), len(gzip.compress(raw, 6))))
    return rows


# --- set-up ----------------------------------------------------------------------------------


def flask(spec: str, env: dict[str, str], *args: str) -> str:
    result = subprocess.run([PYTHON, "-m", "flask", "--app", spec, *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, input="")
    if result.returncode != 0:
        raise SystemExit(f"flask {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def set_up(url: str, tmp: Path) -> tuple[str, dict[str, str], int, list[int], str]:
    """Migrate, load gminas, seed the demo (no visits); app spec, env, campaign, localities,
    and the demo researcher's password."""
    from cryptography.fernet import Fernet

    config = {"DEMO_ACCOUNTS_FILE": str(tmp / "demo-accounts.txt"),
              "CONTACT_KEY": Fernet.generate_key().decode()}
    spec = f"researcher:create_app({config!r})"
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": secrets.token_hex(32)}
    for args in (("db", "upgrade"), ("gminas", "load")):
        t0 = time.perf_counter()
        flask(spec, env, *args)
        print(f"  flask {' '.join(args)}: {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    out = flask(spec, env, "seed-demo", "--visits", "0")
    print(f"  flask seed-demo --visits 0: {time.perf_counter() - t0:.1f} s")
    password = re.search(r"researcher@demo\.rekonesans\.pl\s+hasło: (\S+)", out)
    campaign = re.search(r"Kampania demo: id (\d+)", out)
    if not (password and campaign):
        raise SystemExit("The database is not fresh (demo accounts exist): use an empty one.")
    probe = ("import json,sys\nfrom researcher import create_app\nfrom researcher.extensions "
             "import db\nfrom researcher.demo.services import DEMO_LOCALITIES\nfrom "
             "researcher.gminas.models import Locality\napp=create_app(eval(sys.argv[1]))\n"
             "with app.app_context():\n  ids={l.name:l.id for l in db.session.scalars("
             "db.select(Locality))}\n  print(json.dumps([ids[n] for n,_k in DEMO_LOCALITIES]))")
    ids = subprocess.run([PYTHON, "-c", probe, repr(config)], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    return spec, env, int(campaign.group(1)), json.loads(ids), password.group(1)


# --- report ----------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def report_page(client: Client, page: str) -> tuple[float, str]:
    """Print the page's files; its first-load weight in KB and how that was measured."""
    rows = page_weight(client, page)
    print(f"\n## Interview page {page}, first load, Accept-Encoding: gzip")
    print(f"{'resource':44} {'type':22} {'gzip':>4} {'wire B':>9} {'raw B':>9} {'gzip-6 B':>9}")
    for url, kind, wire, raw, gz, encoded in rows:
        print(f"{url[:44]:44} {kind[:22]:22} {'yes' if encoded else 'no':>4} {wire:9d} {raw:9d} "
              f"{gz:9d}")
    wire, raw, gz = (sum(r[i] for r in rows) for i in (2, 3, 4))
    print(f"{'total (' + str(len(rows)) + ' files)':72} {wire:9d} {raw:9d} {gz:9d}")
    print("(every <script src>, <link rel=stylesheet> and JS import found, also dynamic ones "
          "the page may not need at once; response headers not counted)")
    gzipped = sum(r[5] for r in rows)
    extra = service_worker_extra(client, {r[0] for r in rows})
    if extra:
        print(f"+ service worker install: {len(extra)} more downloads, "
              f"{sum(e[1] for e in extra)} B on the wire, {sum(e[2] for e in extra)} B if "
              f"gzipped (sw.js, shell assets the page did not load, pages and definitions again)")
    if not gzipped:
        print("NOTE: the server does not gzip (yet): 'wire' is what it sends now; 'gzip-6' is "
              "what the same files weigh gzipped (e.g. behind nginx `gzip on`).")
        return gz / 1024, "gzip-6 estimate; raw " + f"{raw / 1024:.1f}"
    if gzipped < len(rows):
        print(f"{len(rows) - gzipped} file(s) sent without gzip (small files are left as they are)")
    return wire / 1024, "on the wire"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--single", type=int, default=1000,
                        help="interviews sent one per request (a sample, extrapolated)")
    parser.add_argument("--races", type=int, default=20)
    parser.add_argument("--racers", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--database-url", help="an EMPTY database (default: SQLite in /tmp)")
    parser.add_argument("--page", default="/teren")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    print("$ " + " ".join(shlex.quote(a) for a in [PYTHON, *sys.argv]))
    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    url = args.database_url or f"sqlite:///{tmp / 'bench.sqlite'}"
    kind = url.split(":", 1)[0]
    t0 = time.perf_counter()
    spec, env, campaign_id, localities, password = set_up(url, tmp)
    print(f"set-up (db upgrade, gminas load, seed-demo): {time.perf_counter() - t0:.1f} s; "
          f"database: {kind}; campaign {campaign_id}; {len(localities)} localities")
    server = Server(spec, env, args.workers, args.threads)
    pg = urlsplit(url).port if "postgres" in kind else None
    try:
        run(args, server, campaign_id, localities, password, pg)
    finally:
        server.stop()
        if args.keep:
            print(f"(temporary files kept in {tmp})")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def run(args: argparse.Namespace, server: Server, campaign_id: int, localities: list[int],
        password: str, pg: int | None) -> None:
    import gunicorn

    load = Path("/proc/loadavg").read_text().split()[:3]
    print(f"load average before the run: {' '.join(load)} (other work on this machine skews "
          f"wall-clock figures; CPU figures much less)")
    print(f"server: gunicorn {gunicorn.__version__}, {args.workers} worker(s) x {args.threads} "
          f"threads (gthread), keep-alive 75 s, no access log; Python {sys.version.split()[0]}; "
          f"{os.cpu_count()} CPUs shared by client and server")
    client = Client(server.port)
    client.login("researcher@demo.rekonesans.pl", password)
    n, size = args.interviews, args.batch
    device = str(uuid.uuid4())
    records = generate_records(n, campaign_id=campaign_id, locality_ids=localities, seed=1,
                               needs=3)
    bodies = [batch_body(records[i:i + size], device) for i in range(0, n, size)]
    batched = send_all(client, server, bodies, size, pg)
    m = min(n, args.single)
    singles = generate_records(m, campaign_id=campaign_id, locality_ids=localities, seed=2,
                               needs=3)
    one = send_all(client, server, [batch_body([r], device) for r in singles], 1, pg)
    empty = send_all(client, server, [batch_body([], device)] * 200, 1, pg)
    race_records = [generate_records(1, campaign_id=campaign_id, locality_ids=localities,
                                     seed=1000 + i, needs=3)[0] for i in range(args.races)]
    tallies = race(server.port, client.cookies, client.csrf, race_records, args.racers)
    peak = server.peak_kb()
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    mb = sum(len(b) for b in bodies) / len(bodies) / 1e6
    print(f"\n## Sync, {n} interviews x 3 needs (generated, seed 1); batches of {size} "
          f"(~{mb:.2f} MB each)")
    print(f"{'mode':26} {'n':>6} {'wall s':>8} {'interv./s':>10} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'CPU ms/int.':>12}" + (f" {'PG CPU ms/int.':>15}" if pg else "") + "  statuses")
    for name, r in ((f"batches of {size}", batched), ("one per request", one)):
        pg_col = f" {r['pg_cpu_ms']:15.3f}" if pg else ""
        print(f"{name:26} {r['n']:6d} {r['wall']:8.2f} {r['rate']:10.0f} {r['p50'] * 1000:8.1f} "
              f"{r['p95'] * 1000:8.1f} {r['cpu_ms']:12.3f}{pg_col}  {dict(r['statuses'])}")
    print(f"{'empty batch (overhead)':26} {200:6d} {empty['wall']:8.2f} {empty['rate']:10.0f} "
          f"{empty['p50'] * 1000:8.1f} {empty['p95'] * 1000:8.1f} {empty['cpu_ms']:12.3f}"
          + (f" {empty['pg_cpu_ms']:15.3f}" if pg else "") + "  (per request, no records)")
    ratio = batched["rate"] / one["rate"]
    print(f"bench client CPU in the timed part (sending pre-serialised bodies, reading the "
          f"answers): {batched['client_cpu_ms']:.3f} ms/interview in batches, "
          f"{one['client_cpu_ms']:.3f} ms/request one per request")
    print(f"one per request, extrapolated to {n}: {n / one['rate']:.1f} s "
          f"(measured on a sample of {m} new interviews)")
    print(f"peak server memory (VmHWM of the worker): {peak / 1024:.1f} MiB; load average "
          f"after the sync runs: {load}")
    print(f"\n## Races: {args.racers} clients send the same new record at once, "
          f"{args.races} times")
    total: Counter[str] = Counter()
    bad = 0
    for i, tally in enumerate(tallies, 1):
        total.update(tally)
        ok = tally["created"] == 1 and tally["created"] + tally["unchanged"] == args.racers
        bad += not ok
        print(f"race {i:2d}: " + ", ".join(f"{k} {v}" for k, v in sorted(tally.items()))
              + ("" if ok else "   <-- WRONG"))
    print(f"all races: {dict(total)}; races with anything but 1 created + "
          f"{args.racers - 1} unchanged: {bad}")
    page_kb, how = report_page(client, args.page)
    print("\n## Summary (targets of issue 3)")
    print(f"{'figure':46} {'measured':>12} {'target':>10}  verdict")
    for label, value, target, ok in (
        ("interviews/s in batches", f"{batched['rate']:.0f}", ">= 1500",
         batched["rate"] >= TARGETS["rate"]),
        ("server CPU per interview (batches), ms", f"{batched['cpu_ms']:.3f}", "<= 1",
         batched["cpu_ms"] <= TARGETS["cpu_ms"]),
        ("batching speed-up (batches / one per request)", f"{ratio:.1f}x", ">= 10x",
         ratio >= TARGETS["ratio"]),
        ("racing duplicates answered created/unchanged", f"{bad} wrong", "0 wrong", bad == 0),
        ("interview page, first load, gzip, KB", f"{page_kb:.1f}", "<= 150",
         page_kb <= TARGETS["page_kb"]),
    ):
        print(f"{label:46} {value:>12} {target:>10}  {verdict(ok)}")
    print(f"(page weight: {how})")


if __name__ == "__main__":
    main()
