#!/usr/bin/env python3
"""Splits the training time of an `artifex bench` run between Java code and native calls.

Reads a Java Flight Recorder file made with the `profile` settings (Java samples every 10 ms,
native samples every 20 ms), keeps the samples whose stack passes through the trainer's `fit`
(the timed and warm-up training steps; not start-up, data loading or sampling), weighs each
kind by its period, and prints the share of the training thread's time spent running Java
(the JVM side of every step: DJL's NDArray wrappers, our layers, optimizer and trainer
bookkeeping) against the time inside native methods (JNI calls into libtorch: the engine's
kernels plus its dispatch), with the Java methods and native calls that take most of it.

Usage:
  ARTIFEX_JAVA_OPTS="-XX:StartFlightRecording=filename=vae.jfr,settings=profile \\
      -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1" \\
      ./artifex bench --models vae --steps 300 --warmup 20 --repeats 1 --out bench-results/jfr-vae
  python3 benchmarks/jfr_share.py vae.jfr
"""

import argparse
import collections
import os
import shutil
import subprocess
import sys

PERIOD_MS = {"jdk.ExecutionSample": 10.0, "jdk.NativeMethodSample": 20.0}
MARKER = "io.artifex.training.Trainer.fit"


def events(text):
    """Yields (event type, list of stack frame lines) from `jfr print` output."""
    kind, frames, in_stack = None, [], False
    for line in text.splitlines():
        stripped = line.strip()
        if kind is None:
            if stripped.endswith("{") and stripped.split()[0] in PERIOD_MS:
                kind, frames, in_stack = stripped.split()[0], [], False
            continue
        if stripped.startswith("stackTrace = ["):
            in_stack = True
        elif in_stack and stripped == "]":
            in_stack = False
        elif in_stack:
            frames.append(stripped)
        elif stripped == "}":
            yield kind, frames
            kind = None


def method(frame):
    """'a.b.C.m(...) line: 12' -> 'a.b.C.m'."""
    return frame.split("(", 1)[0]


def main(argv=None):
    p = argparse.ArgumentParser(description="Java vs native share of the training steps in a JFR recording.")
    p.add_argument("recording", help="a .jfr file recorded with settings=profile")
    p.add_argument("--top", type=int, default=8, help="methods to list per kind (default 8)")
    args = p.parse_args(sys.argv[1:] if argv is None else argv)
    if not os.path.isfile(args.recording):
        raise SystemExit(f"{args.recording}: no such file")
    jfr = shutil.which("jfr") or os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "jfr")
    if not os.path.isfile(jfr):
        raise SystemExit("the JDK's `jfr` tool is neither on PATH nor in $JAVA_HOME/bin")
    text = subprocess.run([jfr, "print", "--events", "jdk.ExecutionSample,jdk.NativeMethodSample",
                           "--stack-depth", "200", args.recording],
                          capture_output=True, text=True, check=True).stdout
    counts = collections.Counter()
    top = {k: collections.Counter() for k in PERIOD_MS}
    callers = {k: collections.Counter() for k in PERIOD_MS}
    for kind, frames in events(text):
        if not any(f.startswith(MARKER) for f in frames):
            continue
        counts[kind] += 1
        # the top frame (for a native sample the JNI method, for a Java sample the running method)
        # and the nearest project frame below it (which of our classes asked for the work)
        top[kind][method(frames[0]) if frames else "?"] += 1
        callers[kind][next((method(f) for f in frames if f.startswith("io.artifex")), "?")] += 1
    java_ms = counts["jdk.ExecutionSample"] * PERIOD_MS["jdk.ExecutionSample"]
    native_ms = counts["jdk.NativeMethodSample"] * PERIOD_MS["jdk.NativeMethodSample"]
    total = java_ms + native_ms
    if total == 0:
        raise SystemExit(f"{args.recording}: no samples inside {MARKER}; was it recorded with settings=profile?")
    print(f"training-thread samples inside {MARKER}: {counts['jdk.ExecutionSample']} Java (10 ms), "
          f"{counts['jdk.NativeMethodSample']} native (20 ms)")
    print(f"Java {java_ms / 1000:.1f} s ({100 * java_ms / total:.0f} %), native {native_ms / 1000:.1f} s "
          f"({100 * native_ms / total:.0f} %)")
    for kind, label in (("jdk.ExecutionSample", "Java"), ("jdk.NativeMethodSample", "native")):
        n = sum(top[kind].values())
        print(f"top {label} frames:")
        for name, c in top[kind].most_common(args.top):
            print(f"  {100 * c / max(n, 1):5.1f} %  {name}")
        print(f"nearest project frames of the {label} samples:")
        for name, c in callers[kind].most_common(args.top):
            print(f"  {100 * c / max(n, 1):5.1f} %  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
