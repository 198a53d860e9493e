"""The peer event store of issue 6: Python `eventsourcing` 9.x, SQLite or PostgreSQL backend.

Same work as our side (tools/bench/swift): events of 200 seeded pseudo-random bytes, appended
one per call, then 100 per call, then the whole log read back. Each case runs --runs times in a
fresh database and the median is reported, one line per figure:

    name: value unit (ratio× reference) [target ...: met|MISSED]

The reference of every peer figure is the matching figure of ours (read from --ours, the JSON
written by mutualise-bench): a ratio below 1 means ours is ahead.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid

from eventsourcing.persistence import InfrastructureFactory, StoredEvent

PAYLOAD_BYTES = 200
TOPIC = "bench.event.v1"

# The same sizes as tools/bench/swift/Workload.swift.
FULL = {"single": 2_000, "batch_size": 100, "batch_events": 100_000, "scan_events": 500_000}
SMOKE = {"single": 20, "batch_size": 100, "batch_events": 1_000, "scan_events": 5_000}

# Which figure of ours each peer figure is compared with, and its name suffix.
CASES = {
    "append.1-per-call": "ours.append.1-per-call",
    "append.100-per-call": "ours.append.100-per-call",
    "read-all": "ours.scan",
}


def payload():
    """200 seeded pseudo-random bytes (incompressible, like an encoded domain event)."""
    return random.Random(2026).randbytes(PAYLOAD_BYTES)


class Backend:
    """Opens fresh application recorders (global positions, like our log) on one backend."""

    def __init__(self, name, args):
        self.name = name
        self.args = args
        self.counter = 0

    def open(self):
        """Returns (recorder, cleanup) for an empty database."""
        self.counter += 1
        if self.name == "sqlite":
            folder = tempfile.mkdtemp(prefix="mutualise-bench-peer-", dir=self.args.dir)
            env = {
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": os.path.join(folder, "events.sqlite"),
            }
            factory = InfrastructureFactory.construct(env)
            recorder = factory.application_recorder()

            def cleanup():
                factory.close()
                shutil.rmtree(folder, ignore_errors=True)

            return recorder, cleanup
        schema = f"bench{os.getpid()}_{self.counter}"
        env = {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": os.environ.get("BENCH_PG_DBNAME", "postgres"),
            "POSTGRES_HOST": os.environ.get("BENCH_PG_HOST", "127.0.0.1"),
            "POSTGRES_PORT": os.environ.get("BENCH_PG_PORT", "5432"),
            "POSTGRES_USER": os.environ.get("BENCH_PG_USER", "postgres"),
            "POSTGRES_PASSWORD": os.environ.get("BENCH_PG_PASSWORD", "postgres"),
            "POSTGRES_SCHEMA": schema,
            "CREATE_TABLE": "y",
        }
        factory = InfrastructureFactory.construct(env)
        with factory.datastore.transaction(commit=True) as cursor:
            cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        recorder = factory.application_recorder()

        def cleanup():
            with factory.datastore.transaction(commit=True) as cursor:
                cursor.execute(f"DROP SCHEMA {schema} CASCADE")
            factory.close()

        return recorder, cleanup


def events(count, data):
    """`count` stored events, each the first of its own aggregate (no version conflicts)."""
    return [StoredEvent(originator_id=uuid.uuid4(), originator_version=1, topic=TOPIC, state=data) for _ in range(count)]


def append(recorder, count, per_call, data):
    """Appends `count` events, `per_call` per insert_events call; returns events/s."""
    batches = [events(min(per_call, count - first), data) for first in range(0, count, per_call)]
    start = time.perf_counter()
    for batch in batches:
        recorder.insert_events(batch)
    return count / (time.perf_counter() - start)


def read_all(recorder, expected, page=4096):
    """Reads every notification forward in pages; returns events/s."""
    seen = 0
    payload_bytes = 0
    start = time.perf_counter()
    position = 1
    while True:
        notes = recorder.select_notifications(start=position, limit=page)
        if not notes:
            break
        seen += len(notes)
        for note in notes:
            payload_bytes += len(note.state)
        position = notes[-1].id + 1
    elapsed = time.perf_counter() - start
    if seen != expected or payload_bytes != expected * PAYLOAD_BYTES:
        raise RuntimeError(f"read {seen} events, expected {expected}")
    return seen / elapsed


def run(backend, sizes, runs, progress):
    """Returns {suffix: [samples]}."""
    data = payload()
    samples = {suffix: [] for suffix in CASES}
    for number in range(1, runs + 1):
        progress(f"{backend.name} run {number}/{runs}: appends")
        for suffix, per_call, count in (
            ("append.1-per-call", 1, sizes["single"]),
            ("append.100-per-call", sizes["batch_size"], sizes["batch_events"]),
        ):
            recorder, cleanup = backend.open()
            try:
                samples[suffix].append(append(recorder, count, per_call, data))
            finally:
                cleanup()
    progress(f"{backend.name} read: filling {sizes['scan_events']} events")
    recorder, cleanup = backend.open()
    try:
        for first in range(0, sizes["scan_events"], 1000):
            recorder.insert_events(events(min(1000, sizes["scan_events"] - first), data))
        for number in range(1, runs + 1):
            progress(f"{backend.name} run {number}/{runs}: read")
            samples["read-all"].append(read_all(recorder, sizes["scan_events"]))
    finally:
        cleanup()
    return samples


def format_value(value):
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--runs", type=int, default=None)
    parser.add_argument("--json", help="write the figures as JSON to this path")
    parser.add_argument("--ours", help="mutualise-bench's JSON, for the ratios")
    parser.add_argument("--dir", default="/tmp", help="parent folder of temporary databases")
    args = parser.parse_args()
    runs = args.runs or (1 if args.smoke else 5)
    sizes = SMOKE if args.smoke else FULL

    ours = {}
    if args.ours and os.path.exists(args.ours):
        with open(args.ours) as f:
            ours = {figure["name"]: figure["value"] for figure in json.load(f)["figures"]}

    def progress(text):
        print(f"eventsourcing-bench: {text}", file=sys.stderr, flush=True)

    samples = run(Backend(args.backend, args), sizes, runs, progress)
    figures = []
    for suffix, reference in CASES.items():
        values = samples[suffix]
        value = statistics.median(values)
        figure = {"name": f"peer.{args.backend}.{suffix}", "value": value, "unit": "events/s", "samples": values}
        line = f"{figure['name']}: {format_value(value)} events/s"
        if ours.get(reference):
            figure.update(reference=reference, ratio=value / ours[reference])
            figure.update(target="ours ahead (ratio < 1)", met=figure["ratio"] < 1)
            line += f" ({figure['ratio']:.2f}× {reference}) [target {figure['target']}: {'met' if figure['met'] else 'MISSED'}]"
        figures.append(figure)
        print(line, flush=True)
    if args.json:
        import eventsourcing

        with open(args.json, "w") as f:
            json.dump({"backend": args.backend, "eventsourcing": eventsourcing.__version__ if hasattr(eventsourcing, "__version__") else "9.x", "smoke": args.smoke, "runs": runs, "sizes": sizes, "figures": figures}, f, indent=2)


if __name__ == "__main__":
    main()
