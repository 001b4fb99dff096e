"""Reliability benchmark (issue 9): nothing a phone sends, nor a crash, loses, duplicates or
corrupts a visit or breaks the server; prints a table.

A real gunicorn server and database set up as in `bench/sync.py` (its `Server`, `Client` and
`set_up`: `flask db upgrade`, `gminas load`, `seed-demo --visits 0`; researchers added with
`flask users create`), SQLite in a temporary directory or an EMPTY PostgreSQL database:

1. kills: a phone sends its outbox in batches of 100 (new interviews, 3 needs each); at a random
   moment of a request the gunicorn workers (every other round: the whole server) are
   SIGKILLed, the server comes back, and the phone resends what was not acknowledged — a record
   leaves the outbox only on `created`/`updated`/`unchanged`, as static/js/field/sync.js does;
2. crowd: N researchers send M interviews each at once, in batches of 100; then the same with
   every batch sent twice at the same moment (two connections);
3. fuzz: requests with valid records mutated at random (lone surrogates, NUL bytes, NaN and
   Infinity, huge integers, wrong types, deep nesting, records that are not objects, absurd
   dates ...) beside one valid record each, to the sync API and, as a manager, to the backup
   upload (`/kopie-zapasowe`, multipart); a few malformed request bodies too;
4. logins: N researchers log in at the same moment while colleagues sync continuously.

Lost, duplicated and corrupt records are counted from what the database holds at the end (read
through the app's models), not from the server's answers.

    .venv/bin/python bench/reliability.py [--quick]       # SQLite in a temporary directory
    bash .ci/with-postgres.sh bash -c \
        '.venv/bin/python bench/reliability.py --database-url "$DATABASE_URL"'

Never run by `make test`. Sends traffic only to 127.0.0.1; every loop is bounded.
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import os
import random
import re
import secrets
import shlex
import shutil
import signal
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from http.client import HTTPConnection, HTTPException
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.sync import PYTHON, Client, Server, percentile, set_up  # noqa: E402
from researcher.demo.generator import generate_records  # noqa: E402

BATCH = 100  # static/js/field/sync.js BATCH_SIZE
ACCEPTED = {"created", "updated", "unchanged"}
RESEARCHER = "researcher@demo.rekonesans.pl"
MANAGER = "manager@demo.rekonesans.pl"


# --- a phone: one attempt per request, as fetch() --------------------------------------------


class Phone(Client):
    """`Client` without its automatic second attempt: a broken connection raises (the phone's
    outbox keeps everything and tries again later); the next request opens a new connection."""

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (HTTPException, OSError):
            self.conn.close()
            self.conn = HTTPConnection("127.0.0.1", self.port, timeout=300)
            raise
        if response.getheader("connection", "").lower() == "close":
            self.conn.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def move(self, port: int) -> None:
        """The server came back on another port (a restarted server)."""
        self.conn.close()
        self.port = port
        self.conn = HTTPConnection("127.0.0.1", port, timeout=300)

    def fresh_token(self) -> None:
        """As the phone does before each sync run (`/teren/token`)."""
        status, _h, data = self.request("GET", "/teren/token")
        if status == 200:
            self.csrf = json.loads(data)["csrf_token"]

    def twin(self) -> Phone:
        """A second connection of the same session (another tab, a retry racing the first)."""
        other = Phone(self.port, self.cookies)
        other.csrf = self.csrf
        return other


def login_status(client: Client, email: str, password: str) -> int:
    """POST the login form (CSRF token from the page); the HTTP status (302 = logged in)."""
    _status, _h, page = client.request("GET", "/logowanie")
    found = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', page)
    form = {"email": email, "password": password, "csrf_token": found.group(1).decode()
            if found else ""}
    status, _h, _b = client.request("POST", "/logowanie", urlencode(form).encode(),
                                    {"Content-Type": "application/x-www-form-urlencoded"})
    return status


def logged_in(port: int, email: str, password: str) -> Phone:
    phone = Phone(port)
    status = login_status(phone, email, password)
    if status != 302:
        raise SystemExit(f"login of {email} failed: HTTP {status}")
    phone.fresh_token()
    return phone


def sync_body(records: list[Any], device_id: str) -> bytes:
    # allow_nan and ASCII escapes: the fuzz sends NaN and lone surrogates as JSON may carry them
    payload = {"device_id": device_id, "batch_id": str(uuid.uuid4()), "records": records}
    return json.dumps(payload, allow_nan=True, separators=(",", ":")).encode()


# --- the outbox ------------------------------------------------------------------------------


@dataclass
class Tally:
    """What one part of the run saw: HTTP statuses, record statuses, latencies."""

    http: Counter[str] = field(default_factory=Counter)
    records: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    created: Counter[str] = field(default_factory=Counter)  # uuid → `created` answers
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: int | str, latency: float | None, results: list[dict]) -> None:
        with self.lock:
            self.http[str(status)] += 1
            if latency is not None:
                self.latencies.append(latency)
            for result in results:
                self.records[result.get("status", "?")] += 1
                if result.get("status") == "created":
                    self.created[result.get("uuid")] += 1

    def merge(self, other: Tally) -> None:
        self.http.update(other.http)
        self.records.update(other.records)
        self.latencies += other.latencies
        self.created.update(other.created)

    @property
    def server_errors(self) -> int:
        return sum(n for k, n in self.http.items() if k.isdigit() and int(k) >= 500)

    def p95_ms(self) -> float:
        return percentile(self.latencies, 95) * 1000 if self.latencies else math.nan


class Outbox:
    """A phone's outbox: records wait until the server accepted them."""

    def __init__(self) -> None:
        self.waiting: dict[str, dict[str, Any]] = {}
        self.sent: set[str] = set()
        self.acknowledged: set[str] = set()
        self.device_id = str(uuid.uuid4())
        self.lock = threading.Lock()

    def add(self, records: list[dict[str, Any]]) -> None:
        for record in records:
            self.waiting[record["uuid"]] = record

    def batches(self) -> list[list[dict[str, Any]]]:
        pending = list(self.waiting.values())
        return [pending[i:i + BATCH] for i in range(0, len(pending), BATCH)]

    def send(self, phone: Phone, batch: list[dict[str, Any]], tally: Tally) -> int | None:
        """POST one batch; drop what was accepted. The HTTP status, None when the connection
        broke (nothing is dropped then)."""
        with self.lock:
            self.sent.update(r["uuid"] for r in batch)
        body = sync_body(batch, self.device_id)
        t0 = time.perf_counter()
        try:
            status, _h, data = phone.request("POST", "/api/v1/sync", body, {
                "Content-Type": "application/json", "X-CSRFToken": phone.csrf})
        except (HTTPException, OSError) as error:
            tally.add(f"connection: {type(error).__name__}", None, [])
            return None
        answer = json.loads(data) if status == 200 else {}
        results = answer.get("results", [])
        tally.add(status, time.perf_counter() - t0, results)
        with self.lock:
            for result in results:
                if result.get("status") in ACCEPTED:
                    self.waiting.pop(result["uuid"], None)
                    self.acknowledged.add(result["uuid"])
        return status


# --- what the database holds -----------------------------------------------------------------


class Database:
    """Reads the final state through the app's models (a read-only app context)."""

    def __init__(self, url: str, config: dict[str, Any]) -> None:
        from researcher import create_app

        os.environ["DATABASE_URL"] = url
        self.app = create_app({**config, "SQLALCHEMY_DATABASE_URI": url})

    def check(self, records: dict[str, dict[str, Any]]) -> dict[str, int]:
        """lost: records sent that are not stored; duplicated: a uuid stored twice, a need
        position twice; corrupt: a visit whose needs (count or text) differ from the record's,
        or whose data differ from what was sent."""
        from researcher.extensions import db
        from researcher.interviews.answers import (
            need_answer_columns,
            visit_answer_columns,
            whole_answers,
        )
        from researcher.interviews.models import Need, Visit

        found = {"lost": 0, "duplicated": 0, "corrupt": 0}
        uuids = list(records)
        with self.app.app_context():
            visits: dict[str, list[Any]] = {}
            for start in range(0, len(uuids), 500):
                rows = db.session.execute(db.select(
                    Visit.id, Visit.uuid, Visit.data, *visit_answer_columns()).where(
                    Visit.uuid.in_(uuids[start:start + 500])))
                for row in rows:
                    visits.setdefault(row.uuid, []).append(row)
            ids = [row.id for rows in visits.values() for row in rows]
            needs: dict[int, list[tuple[int, Any]]] = {}
            for start in range(0, len(ids), 500):
                rows = db.session.execute(db.select(Need.position, *need_answer_columns()).where(
                    Need.visit_id.in_(ids[start:start + 500])))
                for row in rows:
                    needs.setdefault(row.visit_id, []).append((row.position, row._mapping))
            db.session.rollback()
        for visit_uuid, record in records.items():
            rows = visits.get(visit_uuid, [])
            if not rows:
                found["lost"] += 1
                continue
            if len(rows) > 1:
                found["duplicated"] += 1
            stored = sorted(needs.get(rows[0].id, []), key=lambda pair: pair[0])
            positions = [p for p, _n in stored]
            if len(set(positions)) != len(positions):
                found["duplicated"] += 1
            sent = [n.get("description", "") for n in record["data"].get("needs", [])]
            data = {k: v for k, v in record["data"].items() if k != "contact"}
            # The whole answer as every reader gets it: data, copied columns, needs' rows.
            answers = whole_answers(rows[0].data, [n for _p, n in stored], rows[0])
            if [n["description"] for _p, n in stored] != sent or answers != data:
                found["corrupt"] += 1
        return found

    def rejects_without_path(self) -> Counter[str]:
        """Quarantined records (by source) with an error under an empty path."""
        from researcher.extensions import db
        from researcher.interviews.models import QuarantinedRecord

        found: Counter[str] = Counter()
        with self.app.app_context():
            rows = db.session.execute(db.select(QuarantinedRecord.source,
                                                QuarantinedRecord.errors))
            for source, errors in rows:
                found[f"{source} quarantined"] += 1
                if not isinstance(errors, dict) or not errors or any(
                        not str(key).strip() for key in errors):
                    found[source] += 1
            db.session.rollback()
        return found


# --- the run ---------------------------------------------------------------------------------


@dataclass
class Context:
    args: argparse.Namespace
    spec: str
    env: dict[str, str]
    campaign: int
    localities: list[int]
    passwords: dict[str, str]
    db: Database
    server: Server
    seed: int = 0
    failure: BaseException | None = None
    rows: list[tuple[str, ...]] = field(default_factory=list)

    def records(self, n: int) -> list[dict[str, Any]]:
        # a fresh seed each time: new uuids
        self.seed += 1
        return generate_records(n, campaign_id=self.campaign, locality_ids=self.localities,
                                seed=self.seed * 7919, needs=3)


def wait_ready(server: Server, workers: int, old: set[int], limit: float = 300) -> None:
    """Until the master has replaced the killed workers and the app answers."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        current = set(server.workers())
        if len(current) == workers and not current & old:
            try:
                conn = HTTPConnection("127.0.0.1", server.port, timeout=5)
                conn.request("GET", "/zdrowie")
                if conn.getresponse().status == 200:
                    return
            except (HTTPException, OSError):
                pass
        time.sleep(0.1)
    raise SystemExit("gunicorn did not come back after a kill")


def kill(ctx: Context, whole: bool) -> None:
    """SIGKILL the workers (gunicorn's master starts new ones) or the whole server; runs in a
    timer thread, so a failure is kept for the main thread to raise."""
    try:
        _kill(ctx, whole)
    except BaseException as error:  # noqa: BLE001 - SystemExit too: re-raised by the caller
        ctx.failure = error


def start_server(ctx: Context) -> Server:
    """A new gunicorn server; a start slower than `Server`'s minute (a loaded machine) is
    tried again, three times at most."""
    for attempt in range(3):
        try:
            return Server(ctx.spec, ctx.env, ctx.args.workers, ctx.args.threads)
        except SystemExit:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _kill(ctx: Context, whole: bool) -> None:
    server = ctx.server
    workers = server.workers()
    if whole:
        os.kill(server.process.pid, signal.SIGKILL)
    for pid in workers:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if whole:
        server.process.wait()
        for pid in workers:  # the workers are no longer ours to reap: wait until they are gone
            while Path(f"/proc/{pid}").exists() and "Z" not in _state(pid):
                time.sleep(0.02)
        ctx.server = start_server(ctx)
    else:
        wait_ready(server, ctx.args.workers, set(workers))


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def run_kills(ctx: Context) -> None:
    args = ctx.args
    phone = logged_in(ctx.server.port, RESEARCHER, ctx.passwords[RESEARCHER])
    outbox, tally = Outbox(), Tally()
    everything: dict[str, dict[str, Any]] = {}
    rng = random.Random(9)
    landed: Counter[str] = Counter()
    typical = 0.2
    t0 = time.perf_counter()
    kinds: Counter[str] = Counter()
    round_ = 0
    # until `kills` kills broke a request in flight (a kill that came after the answer does
    # not count), at most twice as many rounds
    while landed["mid-request"] < args.kills and round_ < 2 * args.kills:
        round_ += 1
        fresh = ctx.records(args.kill_records)
        everything.update((r["uuid"], r) for r in fresh)
        outbox.add(fresh)
        whole = round_ % args.whole_every == 0
        batches = outbox.batches()
        target = rng.randrange(len(batches))
        for index, batch in enumerate(batches):
            if index != target:
                started = time.perf_counter()
                if outbox.send(phone, batch, tally) == 200:
                    typical = 0.8 * typical + 0.2 * (time.perf_counter() - started)
                continue
            delay = rng.uniform(0, typical)
            timer = threading.Timer(delay, kill, (ctx, whole))
            started = time.perf_counter()
            timer.start()
            status = outbox.send(phone, batch, tally)
            answered = time.perf_counter() - started
            timer.join()
            if ctx.failure is not None:
                raise ctx.failure
            kinds["the whole server" if whole else "the workers"] += 1
            landed["mid-request" if status is None else
                   "after the answer" if answered <= delay else "mid-request, answered"] += 1
            break
        phone.move(ctx.server.port)
        # resend what is left, as the phone's next sync run does (bounded)
        for _attempt in range(20):
            if not outbox.waiting:
                break
            phone.fresh_token()
            for batch in outbox.batches():
                outbox.send(phone, batch, tally)
        else:
            print(f"  round {round_}: {len(outbox.waiting)} records never acknowledged")
    wall = time.perf_counter() - t0
    found = ctx.db.check(everything)
    print(f"\n## 1. SIGKILL mid-batch: {landed.total()} kills of {dict(kinds)} at a random "
          f"moment of a request; {len(everything)} interviews x 3 needs, batches of {BATCH}, "
          f"{args.kill_records} new ones before each kill; {wall:.0f} s")
    print(f"   kills: {dict(landed)}; HTTP: {dict(tally.http)}; records: {dict(tally.records)} "
          f"(`unchanged`: resent after the kill, already stored)")
    print(f"   never acknowledged: {len(outbox.waiting)}; acknowledged {len(outbox.acknowledged)}"
          f" of {len(outbox.sent)} sent")
    print(f"   in the database: lost {found['lost']}, duplicated {found['duplicated']}, "
          f"corrupt {found['corrupt']}")
    ctx.rows.append((f"SIGKILL mid-batch x{landed['mid-request']}", str(len(everything)),
                     str(found["lost"]), str(found["duplicated"]), str(found["corrupt"]),
                     str(tally.server_errors), f"{tally.p95_ms():.0f}", "-"))


def create_researchers(ctx: Context, n: int) -> list[tuple[str, str]]:
    """`flask users create` for each (the command itself, run by Flask's CLI runner in this
    process: one app start instead of one per account); (email, password) pairs."""
    accounts = [(f"badacz{i:02d}-{secrets.token_hex(3)}@bench.example", secrets.token_urlsafe(15))
                for i in range(n)]
    runner = ctx.db.app.test_cli_runner()
    for email, password in accounts:
        with ctx.db.app.app_context():  # as `flask` itself pushes one
            result = runner.invoke(args=["users", "create", email, "--role", "researcher",
                                         "--name", email.split("@")[0]],
                                   input=password + "\n")
        if result.exit_code != 0:
            raise SystemExit(f"flask users create {email}: {result.output}{result.exception!r}")
    return accounts


def run_crowd(ctx: Context, accounts: list[tuple[str, str]], twice: bool) -> None:
    args = ctx.args
    phones = [logged_in(ctx.server.port, email, password) for email, password in accounts]
    outboxes = [Outbox() for _ in phones]
    everything: dict[str, dict[str, Any]] = {}
    for outbox in outboxes:
        fresh = ctx.records(args.interviews)
        outbox.add(fresh)
        everything.update((r["uuid"], r) for r in fresh)
    tallies = [Tally() for _ in phones]
    start = threading.Barrier(len(phones))

    def researcher(i: int) -> None:
        phone, outbox, tally = phones[i], outboxes[i], tallies[i]
        other = phone.twin()
        start.wait()
        for _attempt in range(5):  # the phone's retries, bounded
            if not outbox.waiting:
                return
            for batch in outbox.batches():
                if not twice:
                    outbox.send(phone, batch, tally)
                    continue
                pair = threading.Barrier(2)

                def send(p: Phone, b: list[dict[str, Any]] = batch,
                         barrier: threading.Barrier = pair) -> None:
                    barrier.wait()
                    outbox.send(p, b, tally)

                racer = threading.Thread(target=send, args=(other,))
                racer.start()
                send(phone)
                racer.join()

    threads = [threading.Thread(target=researcher, args=(i,)) for i in range(len(phones))]
    t0 = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - t0
    tally = Tally()
    for one in tallies:
        tally.merge(one)
    waiting = sum(len(o.waiting) for o in outboxes)
    found = ctx.db.check(everything)
    twice_created = sum(1 for n in tally.created.values() if n > 1)
    label = (f"{len(phones)} researchers x {args.interviews}"
             + (", each batch twice" if twice else ""))
    print(f"\n## 2{'b' if twice else 'a'}. {label} at once (batches of {BATCH}"
          f"{', two connections' if twice else ''}); {wall:.1f} s, "
          f"{len(everything) / wall:.0f} interviews/s")
    print(f"   HTTP: {dict(tally.http)}; records: {dict(tally.records)}; uuids answered "
          f"`created` twice: {twice_created}; never acknowledged: {waiting}")
    print(f"   per request: p50 {percentile(tally.latencies, 50) * 1000:.0f} ms, p95 "
          f"{tally.p95_ms():.0f} ms; "
          f"in the database: lost {found['lost']}, duplicated {found['duplicated']}, corrupt "
          f"{found['corrupt']}")
    ctx.rows.append((label, str(len(everything)), str(found["lost"]),
                     str(found["duplicated"] + twice_created), str(found["corrupt"]),
                     str(tally.server_errors), f"{tally.p95_ms():.0f}", "-"))


# --- fuzz ------------------------------------------------------------------------------------


def _deep(depth: int) -> Any:
    value: Any = "dno"
    for i in range(depth):
        value = [value] if i % 2 else {"a": value}
    return value


NASTY: list[Any] = [
    "\ud800", "\udfff\ud800", "Pomoc \ud800 w domu", "a\x00b", "\x00", math.nan, math.inf,
    -math.inf, 2**31, 2**31 - 1, 2**63, 2**63 - 1, -(2**63) - 1, 10**40, -1, 0, True, False,
    None, "", " ", "x" * 5000, "K" * 500, "＝1+1", "=cmd|' /C calc'!A0", "'; DROP TABLE visits;--",
    [], {}, ["2026.1"], {"v": "2026.1"}, [None], 1e308, -0.0, 3.5,
    "0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00", "2026-11-20T10:15:00+01:00\x00",
    "2026-02-30T10:00:00+01:00", "1900-01-01T00:00:00Z", "2100-01-01T00:00:00Z",
    "2026-03-10T10:00:00", "2026-03-10", "nie data", "2026-03-10T25:61:00+01:00",
]


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(value, dict):
        return [path] + [p for k, v in value.items() for p in _paths(v, (*path, k))]
    if isinstance(value, list):
        return [path] + [p for i, v in enumerate(value) for p in _paths(v, (*path, i))]
    return [path]


def _nasty(rng: random.Random) -> Any:
    roll = rng.random()
    if roll < 0.75:
        return rng.choice(NASTY)
    if roll < 0.85:
        return "".join(chr(rng.randrange(1, 0x10FFFF)) for _ in range(rng.randrange(1, 30)))
    if roll < 0.95:
        return _deep(rng.choice([20, 200, 400, 500, 600, 900]))
    return {rng.choice(["\ud800", "", "\x00", "a" * 300]): rng.choice(NASTY)}


def mutate(record: dict[str, Any], rng: random.Random) -> Any:
    """1-3 random changes to a valid record (or the record replaced by a non-object)."""
    if rng.random() < 0.04:
        return rng.choice(["nie rekord", 7, None, [record], True, math.nan])
    paths = [p for p in _paths(record) if p] + [("data", "nowe_pole"), ("kind",),
                                                  ("data", "needs", 0, "x")]
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(paths)
        target: Any = record
        try:
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = _nasty(rng)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change replaced a parent: skip
    return record


def broken_body(rng: random.Random, good: dict[str, Any]) -> bytes:
    """A request body that is not a valid batch at all."""
    valid = sync_body([good], str(uuid.uuid4()))
    return rng.choice([
        b"\xff\xfe" + valid[2:],
        valid[: len(valid) // 2],
        b'{"device_id": "x", "records": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"device_id": "x", "batch_id": "y", "records": "nie lista"}',
        b"[]",
        b"",
        b'{"device_id": null, "batch_id": 5, "records": [' + b"1," * 600 + b"1]}",
        json.dumps({"records": [good], "device_id": "\ud800", "batch_id": 2**70}).encode(),
    ])


def multipart(fields: dict[str, str], file: bytes) -> tuple[bytes, str]:
    boundary = "bench" + secrets.token_hex(12)
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="backup"; '
                 f'filename="kopia.json"\r\nContent-Type: application/json\r\n\r\n'.encode()
                 + file + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def backup_form(manager: Phone) -> tuple[str, str]:
    """The upload form's CSRF token and the demo researcher's id among its choices."""
    status, _h, page = manager.request("GET", "/kopie-zapasowe")
    token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', page)
    option = re.search(rb'<option[^>]*value="(\d+)"[^>]*>[^<]*' + re.escape(RESEARCHER.encode()),
                       page)
    if status != 200 or not (token and option):
        raise SystemExit(f"backup upload page: HTTP {status}, no form found")
    return token.group(1).decode(), option.group(1).decode()


def fuzz_jobs(ctx: Context) -> tuple[list[tuple[str, bytes, str]], dict[str, dict]]:
    """(target, body, uuid of the valid neighbour) for each request, shuffled; the valid
    neighbours by uuid. Each holds 1-3 mutated records and one valid record, in any order."""
    args = ctx.args
    n_sync = args.fuzz - round(args.fuzz * args.backup_share)
    goods, templates = ctx.records(args.fuzz), ctx.records(200)
    rng = random.Random(2026)
    jobs: list[tuple[str, bytes, str]] = []
    for i, good in enumerate(goods):
        bad = [mutate(json.loads(json.dumps(rng.choice(templates))) | {
            "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4))}, rng)
            for _ in range(rng.randint(1, 3))]
        records = [*bad, good]
        rng.shuffle(records)
        if i >= n_sync:
            file = json.dumps({"device_id": None, "exported_at": None, "records": records},
                              allow_nan=True).encode()
            jobs.append(("backup", file, good["uuid"]))
        elif rng.random() < 0.03:
            jobs.append(("sync-broken", broken_body(rng, good), ""))
        else:
            jobs.append(("sync", sync_body(records, str(uuid.uuid4())), good["uuid"]))
    rng.shuffle(jobs)
    return jobs, {g["uuid"]: g for g in goods}


def nesting(body: bytes) -> str:
    """The deepest nesting of arrays and objects in a JSON body, as a bucket (for 5xx)."""
    depth = deepest = 0
    for bracket in re.findall(rb"[\[\]{}]", re.sub(rb'"(?:[^"\\]|\\.)*"', b"", body)):
        depth += 1 if bracket in b"[{" else -1
        deepest = max(deepest, depth)
    return "< 100" if deepest < 100 else f">= {deepest // 100 * 100}"


class Fuzzer:
    """Sends the fuzz jobs from a few connections; tallies by target."""

    def __init__(self, ctx: Context, jobs: list[tuple[str, bytes, str]]) -> None:
        self.jobs = list(jobs)
        self.tally = {"sync": Tally(), "sync-broken": Tally(), "backup": Tally()}
        self.no_path = 0  # rejected records in the sync answers without a field path
        self.errors_by_depth: Counter[str] = Counter()  # 5xx by the body's deepest nesting
        self.lock = threading.Lock()
        self.researcher = logged_in(ctx.server.port, RESEARCHER, ctx.passwords[RESEARCHER])
        self.manager = Phone(ctx.server.port)
        if login_status(self.manager, MANAGER, ctx.passwords[MANAGER]) != 302:
            raise SystemExit("manager login failed")
        self.token, self.researcher_id = backup_form(self.manager)

    def run(self, clients: int) -> None:
        threads = [threading.Thread(target=self.work, args=(
            self.researcher.twin(), self.manager.twin())) for _ in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def post(self, target: str, body: bytes, phone: Phone, manager: Phone) -> tuple[int, bytes]:
        if target == "backup":
            form, kind = multipart({"csrf_token": self.token,
                                    "researcher_id": self.researcher_id}, body)
            status, _h, data = manager.request("POST", "/kopie-zapasowe", form,
                                               {"Content-Type": kind})
        else:
            status, _h, data = phone.request("POST", "/api/v1/sync", body, {
                "Content-Type": "application/json", "X-CSRFToken": phone.csrf})
        return status, data

    def work(self, phone: Phone, manager: Phone) -> None:
        while True:
            with self.lock:
                if not self.jobs:
                    return
                target, body, _good = self.jobs.pop()
            t0 = time.perf_counter()
            try:
                status, data = self.post(target, body, phone, manager)
            except (HTTPException, OSError) as error:
                self.tally[target].add(f"connection: {type(error).__name__}", None, [])
                continue
            if status >= 500:
                with self.lock:
                    self.errors_by_depth[f"{target}, nested {nesting(body)} deep"] += 1
            results = json.loads(data)["results"] if target == "sync" and status == 200 else []
            pathless = sum(1 for r in results if r["status"] == "rejected" and (
                not r["errors"] or any(not key.strip() for key in r["errors"])))
            with self.lock:
                self.no_path += pathless
            self.tally[target].add(status, time.perf_counter() - t0, results)


def run_fuzz(ctx: Context) -> None:
    args = ctx.args
    jobs, goods = fuzz_jobs(ctx)
    fuzzer = Fuzzer(ctx, jobs)
    t0 = time.perf_counter()
    fuzzer.run(args.fuzz_clients)
    wall = time.perf_counter() - t0
    quarantine = ctx.db.rejects_without_path()
    tally = fuzzer.tally
    print(f"\n## 3. Fuzz: {len(jobs)} requests ({tally['sync'].http.total()} sync batches, "
          f"{tally['sync-broken'].http.total()} malformed sync bodies, "
          f"{tally['backup'].http.total()} backup uploads as a manager), {args.fuzz_clients} "
          f"clients; {wall:.0f} s")
    for target, one in tally.items():
        print(f"   {target:12} HTTP: {dict(sorted(one.http.items()))}; records: "
              f"{dict(one.records)}")
    print(f"   rejects without a field path: in the sync answers {fuzzer.no_path}; in the "
          f"quarantine table: sync {quarantine['sync']} of {quarantine['sync quarantined']}, "
          f"backup {quarantine['backup']} of {quarantine['backup quarantined']}")
    if fuzzer.errors_by_depth:
        print(f"   5xx by the deepest nesting of the body: {dict(fuzzer.errors_by_depth)}")
    tally["sync"].merge(tally["sync-broken"])
    for target, label in (("sync", "sync API"), ("backup", "backup upload")):
        sent = {good: goods[good] for t, _b, good in jobs if t == target}
        found = ctx.db.check(sent)
        print(f"   {label}: valid neighbours not in the database {found['lost']} of "
              f"{len(sent)}, corrupt {found['corrupt']}")
        one = tally[target]
        no_path = max(fuzzer.no_path, quarantine["sync"]) if target == "sync" else quarantine[
            "backup"]
        ctx.rows.append((f"fuzz: {label}, {one.http.total()} requests", str(len(sent)),
                         str(found["lost"]), str(found["duplicated"]), str(found["corrupt"]),
                         str(one.server_errors), f"{one.p95_ms():.0f}", str(no_path)))


# --- logins ----------------------------------------------------------------------------------


class Logins:
    """Rounds of simultaneous logins (fresh browsers, CSRF token from the page first)."""

    def __init__(self) -> None:
        self.statuses: Counter[str] = Counter()
        self.sessions: Counter[str] = Counter()  # GET /teren right after a login
        self.latencies: list[float] = []
        self.lock = threading.Lock()

    def round(self, port: int, accounts: list[tuple[str, str]]) -> None:
        clients = [Phone(port) for _ in accounts]
        forms = []
        for client, (email, password) in zip(clients, accounts, strict=True):
            _s, _h, page = client.request("GET", "/logowanie")
            found = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', page)
            forms.append(urlencode({"email": email, "password": password,
                                    "csrf_token": found.group(1).decode() if found else ""}))
        start = threading.Barrier(len(clients))
        threads = [threading.Thread(target=self.log_in, args=(c, f, start))
                   for c, f in zip(clients, forms, strict=True)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def log_in(self, client: Phone, form: str, start: threading.Barrier) -> None:
        start.wait()
        began = time.perf_counter()
        try:
            status: int | str = client.request("POST", "/logowanie", form.encode(), {
                "Content-Type": "application/x-www-form-urlencoded"})[0]
        except (HTTPException, OSError) as error:
            status = f"connection: {type(error).__name__}"
        took = time.perf_counter() - began
        works = "-"
        if status == 302:
            try:
                works = str(client.request("GET", "/teren")[0])
            except (HTTPException, OSError) as error:
                works = type(error).__name__
        with self.lock:
            self.statuses[str(status)] += 1
            self.sessions[works] += 1
            self.latencies.append(took)


def run_logins(ctx: Context, accounts: list[tuple[str, str]]) -> None:
    args = ctx.args
    syncers = [logged_in(ctx.server.port, RESEARCHER, ctx.passwords[RESEARCHER])]
    syncers += [syncers[0].twin() for _ in range(args.login_syncers - 1)]
    stop = threading.Event()
    sync_tally = Tally()

    def sync_continuously(phone: Phone) -> None:
        outbox = Outbox()
        for _ in range(1000):  # bounded; stopped long before
            if stop.is_set():
                return
            outbox.add(ctx.records(BATCH))
            for batch in outbox.batches():
                outbox.send(phone, batch, sync_tally)

    background = [threading.Thread(target=sync_continuously, args=(p,)) for p in syncers]
    for thread in background:
        thread.start()
    time.sleep(1.0)  # the syncs are under way
    logins = Logins()
    t0 = time.perf_counter()
    for _round in range(args.login_rounds):
        logins.round(ctx.server.port, accounts)
    wall = time.perf_counter() - t0
    stop.set()
    for thread in background:
        thread.join()
    errors = sum(n for k, n in logins.statuses.items() if k.isdigit() and int(k) >= 500)
    p95 = percentile(logins.latencies, 95) * 1000
    print(f"\n## 4. Logins under load: {args.login_rounds} x {len(accounts)} logins at once "
          f"while {len(syncers)} connections sync continuously; {wall:.1f} s")
    print(f"   logins HTTP: {dict(logins.statuses)}; GET /teren right after: "
          f"{dict(logins.sessions)}; p95 {p95:.0f} ms")
    print(f"   syncs meanwhile: HTTP {dict(sync_tally.http)}; records "
          f"{dict(sync_tally.records)}")
    ctx.rows.append((f"logins under load: {logins.statuses.total()} logins", "-", "-", "-", "-",
                     f"{errors} (+{sync_tally.server_errors} sync)", f"{p95:.0f}", "-"))


# --- main ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="a small smoke run (a few kills, 4 x 100 interviews, 300 fuzzed "
                             "requests, 5 logins)")
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--whole-every", type=int, default=10,
                        help="every n-th kill takes the whole server (master too), the others "
                             "the workers (the master starts new ones)")
    parser.add_argument("--kill-records", type=int, default=300,
                        help="new interviews added to the outbox before each kill")
    parser.add_argument("--researchers", type=int, default=20)
    parser.add_argument("--interviews", type=int, default=500, help="per researcher")
    parser.add_argument("--fuzz", type=int, default=10_000, help="fuzzed requests")
    parser.add_argument("--backup-share", type=float, default=0.05,
                        help="share of the fuzzed requests sent to the backup upload")
    parser.add_argument("--fuzz-clients", type=int, default=4)
    parser.add_argument("--login-rounds", type=int, default=3)
    parser.add_argument("--login-syncers", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-preload", action="store_true",
                        help="each worker imports the app itself (a killed worker takes as "
                             "long to come back as a cold start)")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--only", default="kills,crowd,fuzz,logins",
                        help="comma-separated parts to run")
    parser.add_argument("--database-url", help="an EMPTY database (default: SQLite in /tmp)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    if args.quick:
        args.kills, args.kill_records, args.researchers, args.whole_every = 4, 150, 4, 2
        args.interviews, args.fuzz, args.login_rounds = 100, 300, 1
    print("$ " + " ".join(shlex.quote(a) for a in [PYTHON, *sys.argv]))
    tmp = Path(tempfile.mkdtemp(prefix="bench-reliability-"))
    url = args.database_url or f"sqlite:///{tmp / 'bench.sqlite'}"
    kind = "PostgreSQL" if url.startswith("postgres") else url.split(":", 1)[0]
    t0 = time.perf_counter()
    spec, env, campaign, localities, _password = set_up(url, tmp)
    passwords = dict(line.split("\t", 1) for line in
                     (tmp / "demo-accounts.txt").read_text(encoding="utf-8").splitlines())
    config = ast.literal_eval(spec.split("create_app(", 1)[1].rsplit(")", 1)[0])
    os.environ["SECRET_KEY"] = env["SECRET_KEY"]
    if not args.no_preload:  # gunicorn's own setting: new workers are forks of the master
        env["GUNICORN_CMD_ARGS"] = "--preload"
    database = Database(url, config)
    print(f"set-up: {time.perf_counter() - t0:.1f} s; database: {kind}; campaign {campaign}")
    ctx = Context(args, spec, env, campaign, localities, passwords, database, None)  # type: ignore[arg-type]
    ctx.server = start_server(ctx)
    try:
        run(ctx, kind)
    finally:
        ctx.server.stop()
        if args.keep:
            print(f"(temporary files kept in {tmp})")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def run(ctx: Context, kind: str) -> None:
    import gunicorn

    args, parts = ctx.args, set(ctx.args.only.split(","))
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print(f"load average before the run: {load}; {os.cpu_count()} CPUs shared by client, "
          f"server{' and PostgreSQL' if kind == 'PostgreSQL' else ''} (and other work)")
    print(f"server: gunicorn {gunicorn.__version__}, {args.workers} worker(s) x {args.threads} "
          f"threads (gthread){'' if args.no_preload else ', --preload'}; Python "
          f"{sys.version.split()[0]}")
    accounts: list[tuple[str, str]] = []
    if parts & {"crowd", "logins"}:
        t0 = time.perf_counter()
        accounts = create_researchers(ctx, args.researchers)
        print(f"{len(accounts)} researchers created with `flask users create` "
              f"({time.perf_counter() - t0:.1f} s)")
    if "kills" in parts:
        run_kills(ctx)
    if "crowd" in parts:
        run_crowd(ctx, accounts, twice=False)
        run_crowd(ctx, accounts, twice=True)
    if "fuzz" in parts:
        run_fuzz(ctx)
    if "logins" in parts:
        run_logins(ctx, accounts)
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print(f"\n## Summary ({kind}; load average at the end: {load})")
    header = ("test", "records", "lost", "dupl.", "corrupt", "5xx", "p95 ms", "no path")
    # p95: of one request (a batch of 100, a fuzzed request, a login)
    widths = (44, 8, 5, 6, 8, 14, 7, 8)
    print(" ".join(h.ljust(w) if i == 0 else h.rjust(w)
                   for i, (h, w) in enumerate(zip(header, widths, strict=True))))
    for row in ctx.rows:
        print(" ".join(c.ljust(w) if i == 0 else c.rjust(w)
                       for i, (c, w) in enumerate(zip(row, widths, strict=True))))
    print("(lost/dupl./corrupt: read from the database at the end (fuzz: the valid record sent "
          "beside the mutated ones); p95: of one request; 'no path': rejected records whose "
          "errors have an empty field path, in the answers or in the quarantine table)")


if __name__ == "__main__":
    main()
