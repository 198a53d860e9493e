"""Shared helpers of the reliability campaigns (Python 3 standard library only).

Every campaign talks to 127.0.0.1 only, runs the existing `mutualise` binary
(MUTUALISE_BIN, default .build/debug/mutualise) and works in a temporary folder.
"""
import base64
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("MUTUALISE_BIN", os.path.join(ROOT, ".build", "debug", "mutualise"))
HOST = "127.0.0.1"


def run(args, timeout=120, stdin=None):
    """Runs the binary; returns (returncode, stdout bytes, stderr bytes). Timeout → rc None."""
    try:
        p = subprocess.run([BIN] + args, capture_output=True, timeout=timeout, stdin=stdin)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return None, e.stdout or b"", e.stderr or b""


def check_binary():
    """Copies the binary into a private folder and uses the copy, so that a rebuild during a long
    campaign (the linker rewriting .build/debug/mutualise) cannot break it half-way."""
    global BIN
    if not os.access(BIN, os.X_OK):
        print(f"reliability: no binary at {BIN} (build first, or set MUTUALISE_BIN)", file=sys.stderr)
        sys.exit(2)
    private = tempfile.mkdtemp(prefix="mutualise-bin-")
    copy = os.path.join(private, "mutualise")
    for _ in range(120):
        try:
            size = os.path.getsize(BIN)
            time.sleep(0.2)
            if os.path.getsize(BIN) != size:
                continue  # being written
            shutil.copy2(BIN, copy)
            subprocess.run([copy, "--help"], capture_output=True, timeout=30, check=True)
            break
        except (OSError, subprocess.SubprocessError):
            time.sleep(1)
    else:
        print(f"reliability: could not copy a working binary from {BIN}", file=sys.stderr)
        sys.exit(2)
    BIN = copy
    import atexit
    atexit.register(shutil.rmtree, private, True)


def workdir(name):
    return tempfile.mkdtemp(prefix=f"mutualise-{name}-")


def free_port():
    s = socket.socket()
    s.bind((HOST, 0))
    port = s.getsockname()[1]
    s.close()
    return port


def demo(data):
    rc, out, err = run(["demo", "--data", data], timeout=300)
    if rc != 0:
        raise SystemExit(f"demo failed: {err.decode(errors='replace')}")


def token(data, role, structure=None, label=None):
    """Issues a token; returns (token, short id, person id or None)."""
    args = ["token", "issue", "--data", data, "--role", role]
    if structure:
        args += ["--structure", structure]
    if label:
        args += ["--label", label]
    rc, out, err = run(args)
    if rc != 0:
        raise SystemExit(f"token issue failed: {err.decode(errors='replace')}")
    text = err.decode()
    short = text.split("jeton ", 1)[1].split(" ", 1)[0] if "jeton " in text else None
    person = None
    if "personne " in text:
        person = text.split("personne ", 1)[1].split(")", 1)[0].strip()
    return out.decode().strip(), short, person


class Server:
    def __init__(self, data, port=None, env=None):
        self.data = data
        self.port = port or free_port()
        self.env = env  # extra environment variables, e.g. {"MUTUALISE_MAP_SIZE": "262144"}
        self.proc = None

    def start(self, timeout=60):
        env = dict(os.environ, **self.env) if self.env else None
        self.proc = subprocess.Popen([BIN, "serve", "--data", self.data, "--host", HOST, "--port", str(self.port),
                                      "--log-level", "error"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}: {self.proc.stderr.read().decode(errors='replace')[-2000:]}")
            r = request(self.port, "GET", "/health", timeout=2)
            if r and r[0] == 200:
                return
            time.sleep(0.05)
        raise RuntimeError("server did not answer /health in time")

    def kill9(self):
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        if self.proc:
            self.proc.wait()
            self.proc.stderr.close()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        if self.proc:
            self.proc.stderr.close()


def request(port, method, path, body=None, token=None, headers=None, timeout=15, raw=False):
    """Returns (status, headers dict, body bytes), or None on a connection error."""
    h = {}
    if body is not None:
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        elif isinstance(body, str):
            body = body.encode()
        h["Content-Type"] = "application/json"
    if token:
        h["Authorization"] = f"Bearer {token}"
    if headers:
        h.update(headers)
    h = {k: v for k, v in h.items() if v is not None}
    try:
        c = http.client.HTTPConnection(HOST, port, timeout=timeout)
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, dict(r.getheaders()), data
    except (OSError, http.client.HTTPException):
        return None


def jbody(resp):
    try:
        return json.loads(resp[2])
    except Exception:
        return {}


def export(data, timeout=300):
    rc, out, err = run(["export", "--data", data], timeout=timeout)
    if rc != 0:
        raise RuntimeError(f"export failed ({rc}): {err.decode(errors='replace')[:500]}")
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def payload(record):
    return base64.b64decode(record["payload"])


def missing_acks(records, acks):
    """The acknowledged writes not found in the exported `records`. Each ack is (stream, event type
    without its `.vN` suffix, marker bytes, position, version): the record at that position must be
    in that stream at that version, and an event of that type in that stream must carry the marker
    (e.g. the loan id) in its payload."""
    by_pos = {rec["position"]: rec for rec in records}
    payloads = {}
    for rec in records:
        payloads.setdefault((rec["stream"], rec["type"].rsplit(".", 1)[0]), []).append(payload(rec))
    missing = []
    for ack in acks:
        stream, kind, marker, position, version = ack
        rec = by_pos.get(position)
        ok = rec is not None and rec["stream"] == stream and rec["version"] == version
        if not (ok and any(marker in p for p in payloads.get((stream, kind), []))):
            missing.append(ack)
    return missing


def gap_free(records):
    return [rec["position"] for rec in records] == list(range(1, len(records) + 1))


def audit_verify(data, timeout=300):
    """Runs `audit verify`; returns (ok, output text)."""
    rc, out, err = run(["audit", "verify", "--data", data], timeout=timeout)
    return rc == 0, (out + err).decode(errors="replace")


def problem_ok(resp):
    """True when a refusal is an RFC 9457 problem document with a `detail` in French."""
    if not resp or resp[1].get("Content-Type", "").split(";")[0] != "application/problem+json":
        return False
    detail = jbody(resp).get("detail")
    return isinstance(detail, str) and any(w in f" {detail.lower()} " for w in FRENCH_WORDS)


FRENCH_WORDS = (" le ", " la ", " les ", " du ", " des ", " est ", " rien ", " pas ", " une ", " un ", "é", "è", "ê", "à ")


def process_figures(pid):
    """Resident memory in KiB (/proc/PID/status: VmRSS, and its RssAnon part: the heap, not mapped
    file pages such as LMDB's) and the number of open file descriptors of a process."""
    kib = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "RssAnon:")):
                kib[line.split(":")[0]] = int(line.split()[1])
    return kib.get("VmRSS", 0), kib.get("RssAnon", 0), len(os.listdir(f"/proc/{pid}/fd"))


ROOM_OWNER = "mutuelle-radiance"
BORROWER = "cridev"


def room_body(rid):
    return {"id": rid, "name": f"Salle fiabilité {rid}",
            "address": {"street": "15 rue Martenot", "postcode": "35000", "city": "Rennes"},
            "latitude": 48.113, "longitude": -1.6745, "capacity": 30, "equipment": ["wifi"],
            "stepFree": True, "conditions": {"kind": "free"}, "description": "Salle de la campagne de fiabilité."}


def seed(data, rooms=4, port=None):
    """Demo folder + tokens + `rooms` rooms of Radiance open all of 2027. Returns (server, tokens, room ids)."""
    demo(data)
    tokens = {
        "coordinator": token(data, "coordinator")[0],
        "owner": token(data, "structure", ROOM_OWNER)[0],
        "borrower": token(data, "structure", BORROWER)[0],
    }
    server = Server(data, port)
    server.start()
    ids = [f"fiab-{i}" for i in range(rooms)]
    for rid in ids:
        r = request(server.port, "POST", "/rooms", room_body(rid), tokens["owner"])
        assert r and r[0] == 201, r
        r = request(server.port, "POST", f"/rooms/{rid}/availability",
                    {"id": "annee-2027", "start": "2027-01-01T00:00", "end": "2028-01-01T00:00"}, tokens["owner"])
        assert r and r[0] in (200, 201), r
    return server, tokens, ids


def random_slot(rng):
    """A random slot in 2027 (9:00 to 20:00, 1 to 3 hours): requests still conflict now and then,
    and the year does not fill up during a long campaign."""
    import datetime
    day = datetime.date(2027, 1, 1) + datetime.timedelta(days=rng.randrange(365))
    start = 8 + rng.randrange(10)
    length = 1 + rng.randrange(3)
    return f"{day}T{start:02d}:00", f"{day}T{start + length:02d}:00"


def figures(name, pairs, must_be_zero):
    """Prints `name: k v, k v` and returns the exit status (1 if a must-be-zero figure is not zero)."""
    print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in pairs))
    bad = [k for k, v in pairs if k in must_be_zero and v != 0]
    if bad:
        print(f"{name}: FAILED ({', '.join(bad)} not zero)", file=sys.stderr)
        return 1
    return 0


class LoanWriter:
    """One client's writes: loan requests in random slots of 2027 and approvals of its own pending
    requests (by the room's owner). `step()` sends one and returns (kind, room, loan, response);
    `ack(kind, room, loan, resp)` gives what `missing_acks` checks for a 2xx answer."""
    EVENT = {"request": "room.loanRequested", "approve": "room.loanApproved"}

    def __init__(self, port, tokens, rooms, rng, prefix, purpose="Campagne de fiabilité", approve_share=0.3, timeout=15):
        self.port, self.tokens, self.rooms, self.rng = port, tokens, rooms, rng
        self.prefix, self.purpose, self.approve_share, self.timeout = prefix, purpose, approve_share, timeout
        self.pending = []
        self.count = 0

    def step(self):
        if self.pending and self.rng.random() < self.approve_share:
            room, loan = self.pending.pop(self.rng.randrange(len(self.pending)))
            resp = request(self.port, "POST", f"/rooms/{room}/loans/{loan}/approve", {}, self.tokens["owner"], timeout=self.timeout)
            if resp is None:
                self.pending.append((room, loan))
            return "approve", room, loan, resp
        self.count += 1
        room, loan = self.rng.choice(self.rooms), f"{self.prefix}-{self.count:06d}"
        start, end = random_slot(self.rng)
        resp = request(self.port, "POST", f"/rooms/{room}/loans",
                       {"id": loan, "start": start, "end": end, "people": 3, "purpose": self.purpose},
                       self.tokens["borrower"], timeout=self.timeout)
        if resp and resp[0] == 201:
            self.pending.append((room, loan))
        return "request", room, loan, resp

    @staticmethod
    def ack(kind, room, loan, resp):
        b = jbody(resp)
        return (f"room-{room}", LoanWriter.EVENT[kind], loan.encode(), b.get("position"), b.get("version"))
