"""doorway — Python binding ingest throughput against the C path, same process.

The same touches go into a fresh default-model engine three ways:

  c        doorway_engine_ingest() called directly through ctypes on a
           doorway_touch array built beforehand (untimed): the C path, the baseline;
  columns  Engine.ingest_columns(**columns): one Python list per field;
  dicts    Engine.ingest(list_of_dicts): one dict per touch.

Each is timed with time.perf_counter (and time.process_time, CPU) around engine
creation + ingest + close, repeated (5 by default), and the median is reported
with the ratios to the baseline. A fourth row, build, times only the binding's
conversion of the columns into a doorway_touch array (part of "columns"). Timing only: nothing is asserted (apart from every touch being
accepted, which is checked untimed so a broken run does not report figures).

The touches: the 200,000 generated touches of bench/capi_bench.cpp (seed 42),
dumped by `doorway_capi_bench --dump-jsonl=PATH` and passed with --touches PATH;
without it the dump is made into a temporary file by DOORWAY_CAPI_BENCH (default
build/bench/doorway_capi_bench). Timestamps in that file are whole seconds, so
they are passed exactly as epoch milliseconds (ints), the binding's fast path.

  PYTHONPATH=bindings/python DOORWAY_LIBRARY=build/capi/libdoorway_c.so \\
    /usr/bin/python3 bench/python_bench.py [--touches F] [--repeat N]
"""
import argparse
import ctypes
import datetime as dt
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

import doorway
from doorway import _types as T
from doorway._lib import lib
from doorway._touches import FIELDS, build
from doorway.engine import Engine

_TOUCH_SIZE = ctypes.sizeof(T.doorway_touch)


def load_touches(path):
    """List of dicts with the binding's field names; ISO timestamps -> epoch ms."""
    rows = []
    with open(path, "rb") as f:
        for line in f:
            row = json.loads(line)
            ts = dt.datetime.fromisoformat(row["timestamp"].replace("Z", "+00:00"))
            us = (ts - doorway_epoch()) // dt.timedelta(microseconds=1)
            if us % 1000:
                raise SystemExit("python_bench: %s has sub-millisecond time; not representable as epoch ms"
                                 % row["event_id"])
            row["timestamp"] = us // 1000
            rows.append(row)
    return rows


def doorway_epoch():
    return dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def dump_touches():
    exe = os.environ.get("DOORWAY_CAPI_BENCH", "build/bench/doorway_capi_bench")
    fd, path = tempfile.mkstemp(suffix=".jsonl", prefix="doorway-bench-")
    os.close(fd)
    subprocess.run([exe, "--dump-jsonl=" + path], check=True)
    return path


def to_columns(rows):
    """{field: list} for every field any touch has (None where a touch lacks it)."""
    present = [f for f in FIELDS if any(f in r for r in rows)]
    return {f: [r.get(f) for r in rows] for f in present}


def time_c(model, touches, n):
    """The baseline: engine new + doorway_engine_ingest of the prebuilt array + free."""
    def run():
        engine = ctypes.c_void_p()
        result = T.doorway_ingest_result()
        c0, t0 = time.process_time(), time.perf_counter()
        lib.doorway_engine_new(ctypes.byref(engine), model.handle, None)
        lib.doorway_engine_ingest(ctypes.byref(result), engine.value, touches, n, _TOUCH_SIZE)
        lib.doorway_engine_free(engine.value)
        t1, c1 = time.perf_counter(), time.process_time()
        return t1 - t0, c1 - c0, result.accepted
    return run


def time_columns(model, columns):
    def run():
        c0, t0 = time.process_time(), time.perf_counter()
        with Engine(model) as engine:
            r = engine.ingest_columns(**columns)
        t1, c1 = time.perf_counter(), time.process_time()
        return t1 - t0, c1 - c0, r.accepted
    return run


def time_dicts(model, rows):
    def run():
        c0, t0 = time.process_time(), time.perf_counter()
        with Engine(model) as engine:
            r = engine.ingest(rows)
        t1, c1 = time.perf_counter(), time.process_time()
        return t1 - t0, c1 - c0, r.accepted
    return run


def time_build(columns, n):
    """For scale: only the binding's column -> doorway_touch array conversion."""
    def run():
        c0, t0 = time.process_time(), time.perf_counter()
        built = build(columns, n)
        t1, c1 = time.perf_counter(), time.process_time()
        del built
        return t1 - t0, c1 - c0, n
    return run


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--touches", help="a JSONL dump from doorway_capi_bench --dump-jsonl")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    path = args.touches or dump_touches()
    try:
        rows = load_touches(path)
    finally:
        if not args.touches:
            os.unlink(path)
    n = len(rows)
    columns = to_columns(rows)
    model = doorway.Model.default()
    touches, keep = build(columns, n)  # the C baseline's array: built once, untimed

    cases = [("c", time_c(model, touches, n)),
             ("columns", time_columns(model, columns)),
             ("dicts", time_dicts(model, rows)),
             ("build", time_build(columns, n))]
    times = {name: [] for name, _ in cases}
    cpu = {name: [] for name, _ in cases}
    # Interleaved (c, columns, dicts, c, ...) so a change of machine load hits
    # every case alike; one untimed warm-up round first.
    for rnd in range(args.repeat + 1):
        for name, run in cases:
            gc.collect()
            seconds, cpu_seconds, accepted = run()
            if accepted != n:
                raise SystemExit("python_bench: %s accepted %d of %d touches" % (name, accepted, n))
            if rnd:
                times[name].append(seconds)
                cpu[name].append(cpu_seconds)
    del keep

    print("doorway %s (ABI %d), Python %s, %s" % (doorway.__version__,
                                                 lib.doorway_abi_version(), platform.python_version(),
                                                 platform.machine()))
    print("%d touches, %d fields present (%s); median of %d, wall time (perf_counter)"
          % (n, len(columns), ", ".join(columns), args.repeat))
    base = statistics.median(times["c"])
    cpu_base = statistics.median(cpu["c"])
    print("%-8s %10s %10s %10s %14s %8s %12s %8s"
          % ("path", "median", "min", "max", "touches/s", "x c", "cpu median", "cpu x c"))
    for name, _ in cases:
        m, cm = statistics.median(times[name]), statistics.median(cpu[name])
        print("%-8s %8.1fms %8.1fms %8.1fms %14s %8.2f %10.1fms %8.2f"
              % (name, m * 1e3, min(times[name]) * 1e3, max(times[name]) * 1e3,
                 "{:,.0f}".format(n / m), m / base, cm * 1e3, cm / cpu_base))
    print("(build: the columns -> doorway_touch array conversion alone, inside 'columns'; no engine)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
