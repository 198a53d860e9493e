#!/usr/bin/env python3
"""The server rows of issue 6, run by tools/bench/run against the release `mutualise serve`.

  serve_bench.py --mutualise BIN --bench BIN --data DIR [--runs N] [--seconds S] [--json PATH]
                 [--references JSON ...] [--smoke]

DIR is a data folder written by `mutualise-bench generate` (1,000 rooms salle-0…salle-999,
room salle-c owned by structure-c % 100). Cases, each with a reference measured in the same run:

- serve.cold-start.<N>: start `mutualise serve --data DIR`, time until GET /health answers
  (reference: the same start on an empty data folder, and the in-process rebuild when given).
- serve.resident-memory.<N>: VmRSS of the server once /health answers, and again after the
  HTTP cases (reference: the server on an empty data folder).
- http.carte-ouverte.geojson.64-connections: wrk, 64 connections, S seconds, with
  `Accept-Encoding: gzip` as browsers and uMap send it; also `.identity` (no compression
  accepted) and `.not-modified` (revalidation with the current ETag: 304)
  (reference: GET /health on the same server, same wrk settings).
- http.command-round-trip.32-connections: `mutualise-bench round-trip` (request a loan, approve
  it, 32 keep-alive connections), p50/p99/p99.9 and round trips/s (reference: the p99 latency of
  256 concurrent in-process appends when the references hold it).
Loopback only; every process started here is stopped here.
"""
import argparse, json, os, re, shutil, signal, socket, statistics, subprocess, sys, tempfile, time, urllib.request

def note(text):
    print(f"serve_bench: {text}", file=sys.stderr, flush=True)

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port

def fmt(value, digits=3):
    if value != value: return "nan"
    if abs(value) >= 1000: return f"{round(value):,}"
    scaled, decimals = value, digits
    while abs(scaled) >= 10 and decimals > 0:
        scaled /= 10; decimals -= 1
    return f"{value:.{max(decimals, 2 if digits == 2 else 0)}f}"

class Figures:
    def __init__(self):
        self.items = []
    def add(self, name, samples, unit, reference=None, ref_value=None, target=None, met=None, value=None, ratio=None):
        value = statistics.median(samples) if value is None else value
        fig = {"name": name, "value": value, "unit": unit, "samples": samples}
        if reference is not None and ref_value:
            fig["reference"] = reference; fig["ratio"] = value / ref_value if ratio is None else ratio
        if target is not None:
            fig["target"] = target; fig["met"] = bool(met(value))
        self.items.append(fig)
        line = f"{name}: {fmt(value)} {unit}"
        if "ratio" in fig: line += f" ({fmt(fig['ratio'], 2)}× {reference})"
        if target is not None: line += f" [target {target}: {'met' if fig['met'] else 'MISSED'}]"
        print(line, flush=True)
        return value
    def skip(self, name, why):
        self.items.append({"name": name, "skipped": why, "value": 0, "unit": "", "samples": []})
        print(f"{name}: skipped: {why}", flush=True)

class Server:
    """`mutualise serve` on a port, started and stopped here."""
    def __init__(self, binary, data):
        self.binary, self.data, self.port, self.proc = binary, data, free_port(), None
    def start(self, timeout=120):
        t0 = time.monotonic()
        self.proc = subprocess.Popen([self.binary, "serve", "--data", self.data, "--host", "127.0.0.1", "--port", str(self.port),
                                      "--log-level", "warning"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"serve exited with {self.proc.returncode}: {self.proc.stderr.read().decode()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    if s.recv(64).startswith(b"HTTP/1.1 200"):
                        return time.monotonic() - t0
            except OSError:
                pass
            if time.monotonic() - t0 > timeout:
                raise RuntimeError("serve did not answer /health in time")
            time.sleep(0.002)
    def rss_mib(self, field="VmRSS"):
        """VmRSS (all), RssAnon (heap: the projections) or RssFile (mapped pages of the LMDB file, shared, evictable)."""
        for line in open(f"/proc/{self.proc.pid}/status"):
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
        return float("nan")
    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try: self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill(); self.proc.wait()
        self.proc = None

def wrk(path, port, connections, seconds, threads=2, headers=()):
    extra = [arg for header in headers for arg in ("-H", header)]
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency", *extra, f"http://127.0.0.1:{port}{path}"],
                         capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s*([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", out)
    if errors: note(f"wrk {path}: {errors.group(1)} non-2xx responses")
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    p99ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)] if p99 else float("nan")
    return rate, p99ms

def issue_tokens(binary, data, structures, role="structure"):
    """One `mutualise token issue` per structure (in parallel: each is a process and a commit)."""
    procs = [(s, subprocess.Popen([binary, "token", "issue", "--data", data, "--role", role, "--structure", s, "--label", "bench"],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)) for s in structures]
    tokens = {}
    for s, p in procs:
        out, _ = p.communicate()
        if p.returncode != 0: raise RuntimeError(f"token issue for {s} failed")
        tokens[s] = out.strip().splitlines()[-1]
    return tokens

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mutualise", required=True)
    ap.add_argument("--bench", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--label", default="1M")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--references", nargs="*", default=[])
    ap.add_argument("--json")
    ap.add_argument("--smoke", action="store_true")
    a = ap.parse_args()
    refs = {}
    for path in a.references:
        if os.path.exists(path):
            for fig in json.load(open(path)).get("figures", []):
                refs[fig["name"]] = fig.get("value")
    figs = Figures()
    work = tempfile.mkdtemp(prefix="mutualise-bench-serve-")
    try:
        # Cold start and memory, alternating the 1M folder and an empty one.
        starts, empty_starts, rss, empty_rss, anon, mapped = [], [], [], [], [], []
        for run in range(a.runs):
            empty = os.path.join(work, f"empty-{run}")
            for target, times, mems in ((a.data, starts, rss), (empty, empty_starts, empty_rss)):
                server = Server(a.mutualise, target)
                try:
                    times.append(server.start())
                    mems.append(server.rss_mib())
                    if target == a.data:
                        anon.append(server.rss_mib("RssAnon")); mapped.append(server.rss_mib("RssFile"))
                finally:
                    server.stop()
            note(f"cold start run {run + 1}/{a.runs}: {fmt(starts[-1])} s ({fmt(rss[-1])} MiB), empty {fmt(empty_starts[-1])} s ({fmt(empty_rss[-1])} MiB)")
        figs.add("serve.cold-start.empty", empty_starts, "s")
        rebuild_seconds = refs.get(f"projections.rebuild.{a.label}.seconds")
        if rebuild_seconds:
            figs.add(f"serve.cold-start.{a.label}", starts, "s", reference=f"projections.rebuild.{a.label}.seconds", ref_value=rebuild_seconds,
                     target="≤ 2 s", met=lambda v: v <= 2)
        else:
            figs.add(f"serve.cold-start.{a.label}", starts, "s", reference="serve.cold-start.empty", ref_value=statistics.median(empty_starts),
                     target="≤ 2 s", met=lambda v: v <= 2)
        figs.add("serve.resident-memory.empty", empty_rss, "MiB")
        figs.add(f"serve.resident-memory.{a.label}", rss, "MiB", reference="serve.resident-memory.empty", ref_value=statistics.median(empty_rss),
                 target="≤ 300 MiB", met=lambda v: v <= 300)
        figs.add(f"serve.resident-memory.{a.label}.anonymous", anon, "MiB (RssAnon: heap, the projections)")
        figs.add(f"serve.resident-memory.{a.label}.file", mapped, "MiB (RssFile: LMDB pages mapped and read by the rebuild)")

        # Tokens: the owners of salle-0…salle-31 (structure-0…31) and one borrower (structure-99).
        connections = 32
        t0 = time.monotonic()
        owners = issue_tokens(a.mutualise, a.data, [f"structure-{c}" for c in range(connections)] + ["structure-99"])
        note(f"issued {len(owners)} tokens in {fmt(time.monotonic() - t0)} s")
        owner_file = os.path.join(work, "owners.txt")
        with open(owner_file, "w") as f:
            f.write("\n".join(owners[f"structure-{c}"] for c in range(connections)) + "\n")

        server = Server(a.mutualise, a.data)
        try:
            server.start()
            # Check the feed once: 1,000 features expected.
            body = urllib.request.urlopen(f"http://127.0.0.1:{server.port}/carte-ouverte.geojson", timeout=30).read()
            features = len(json.loads(body)["features"])
            note(f"carte-ouverte.geojson: {features} features, {len(body):,} bytes")
            if shutil.which("wrk") is None:
                figs.skip("http.carte-ouverte.geojson.64-connections", "wrk not installed")
            else:
                # Browsers and uMap send Accept-Encoding: gzip, and revalidate with the ETag they hold;
                # the identity row is the worst case (a client that accepts no compression).
                request = urllib.request.Request(f"http://127.0.0.1:{server.port}/carte-ouverte.geojson", headers={"Accept-Encoding": "gzip"})
                with urllib.request.urlopen(request, timeout=30) as response:
                    etag, zipped = response.headers.get("ETag"), len(response.read())
                note(f"carte-ouverte.geojson gzip: {zipped:,} bytes, ETag {etag}")
                geo, gz, revalidated, health, geo_p99, gz_p99 = [], [], [], [], [], []
                for run in range(a.runs):
                    rate, p99 = wrk("/carte-ouverte.geojson", server.port, 64, a.seconds, headers=["Accept-Encoding: gzip"]); gz.append(rate); gz_p99.append(p99)
                    rate, p99 = wrk("/carte-ouverte.geojson", server.port, 64, a.seconds); geo.append(rate); geo_p99.append(p99)
                    # The ETag moves with the minute (the next free slots do): take the current one, as a client would.
                    with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/carte-ouverte.geojson", timeout=30) as response:
                        etag = response.headers.get("ETag")
                    rate_r, _ = wrk("/carte-ouverte.geojson", server.port, 64, a.seconds, headers=[f"If-None-Match: {etag}"]); revalidated.append(rate_r)
                    rate_h, _ = wrk("/health", server.port, 64, a.seconds); health.append(rate_h)
                    note(f"wrk run {run + 1}/{a.runs}: geojson gzip {fmt(gz[-1])} req/s, identity {fmt(geo[-1])} req/s (p99 {fmt(p99)} ms), "
                         f"304 {fmt(revalidated[-1])} req/s, health {fmt(health[-1])} req/s")
                figs.add("http.health.64-connections", health, "requests/s")
                figs.add("http.carte-ouverte.geojson.64-connections", gz, "requests/s", reference="http.health.64-connections",
                         ref_value=statistics.median(health), target="≥ 10,000 req/s", met=lambda v: v >= 10_000,
                         ratio=statistics.median([g / h for g, h in zip(gz, health)]))
                figs.add("http.carte-ouverte.geojson.64-connections.p99", gz_p99, "ms")
                figs.add("http.carte-ouverte.geojson.identity.64-connections", geo, "requests/s", reference="http.health.64-connections",
                         ref_value=statistics.median(health), ratio=statistics.median([g / h for g, h in zip(geo, health)]))
                figs.add("http.carte-ouverte.geojson.identity.64-connections.p99", geo_p99, "ms")
                figs.add("http.carte-ouverte.geojson.not-modified.64-connections", revalidated, "requests/s", reference="http.health.64-connections",
                         ref_value=statistics.median(health), ratio=statistics.median([g / h for g, h in zip(revalidated, health)]))
            # The command round trip.
            out_json = os.path.join(work, "round-trip.json")
            subprocess.run([a.bench, "round-trip", "--port", str(server.port), "--owner-tokens", owner_file,
                            "--borrower-token", owners["structure-99"], "--connections", str(connections),
                            "--seconds", str(a.seconds), "--runs", str(a.runs), "--json", out_json], check=True, stdout=subprocess.DEVNULL)
            rt = {f["name"]: f for f in json.load(open(out_json))["figures"]}
            base = f"http.command-round-trip.{connections}-connections"
            figs.add(base, rt[base]["samples"], rt[base]["unit"])
            figs.add(base + ".p50", rt[base + ".p50"]["samples"], "ms")
            ref = refs.get("ours.append.256-writers.latency.p99")
            figs.add(base + ".p99", rt[base + ".p99"]["samples"], "ms",
                     reference="ours.append.256-writers.latency.p99" if ref else None, ref_value=ref,
                     target="p99 < 10 ms", met=lambda v: v < 10)
            figs.add(base + ".p99.9", rt[base + ".p99.9"]["samples"], "ms")
            figs.add(base + ".per-request.p99", rt[base + ".per-request.p99"]["samples"], "ms")
            figs.add(f"serve.resident-memory.{a.label}.after-load", [server.rss_mib()], "MiB", target="≤ 300 MiB", met=lambda v: v <= 300)
            figs.add(f"serve.resident-memory.{a.label}.after-load.anonymous", [server.rss_mib("RssAnon")], "MiB (RssAnon after the load)")
            figs.add(f"serve.resident-memory.{a.label}.after-load.file", [server.rss_mib("RssFile")], "MiB (RssFile after the load)")
            health = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{server.port}/health", timeout=30).read())
            figs.add(f"serve.events-held.{a.label}.after-load", [health["projectionPosition"]], "events (the log after the load's commands)")
        finally:
            server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if a.json:
        json.dump({"runs": a.runs, "figures": figs.items}, open(a.json, "w"), indent=2)

if __name__ == "__main__":
    main()
