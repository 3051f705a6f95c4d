#!/usr/bin/env python3
"""Splits the training thread's time of an `artifex bench` run between the engine's kernels and
everything around them, with Linux `perf`.

JFR (benchmarks/jfr_share.py) sees a JNI call as one opaque native frame, so it cannot tell the
time libtorch spends computing from the time it spends dispatching, allocating and setting up
each operation. `perf` samples the machine code itself. This script:

1. starts `artifex bench --models ID --steps N --warmup W --repeats 1` (the launcher `./artifex`
   with one intra-op and one inter-op thread unless --threads says otherwise);
2. when the speed protocol starts training (its "parameters ... as pinned" log line), waits
   --delay seconds (the JVM's JIT warm-up), then records the process with
   `perf record -F HZ -p PID -- sleep SECONDS`;
3. asks the JVM for a perf map of its compiled Java code (`jcmd PID Compiler.perfmap`) so that
   Java frames get names, lets the run finish, and reads its examples per second;
4. classifies every sample of the training thread (the thread with the most samples inside
   libtorch) by the function it was in, and prints the shares and milliseconds per step.

Kinds of time:
- kernel: matrix products (MKL sgemm), other engine kernels (ATen's vectorised loops,
  reductions, MKL's vector maths, copies and fills), convolution code generated at run time by
  oneDNN (anonymous executable memory not named by the JVM's map);
- engine overhead: the rest of libtorch and c10 (operator dispatch, TensorIterator set-up,
  autograd bookkeeping, tensor creation);
- allocation and OS: malloc/free and the Linux kernel (page faults of fresh allocations,
  scheduling);
- JNI glue: DJL's libdjl_torch;
- Java: compiled Java code, the interpreter and the JVM's runtime on the training thread.

The window must fall inside training: give enough --steps that training lasts longer than
--delay plus --seconds (the script warns when the run ended first).

Usage (one thread, as the PyTorch comparison):
  python3 benchmarks/kernel_share.py --models realnvp --steps 400 --delay 10 --seconds 15
Needs `perf` (linux-perf) with perf_event_paranoid <= 2 for a process of one's own, and jcmd.
"""

import argparse
import collections
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

KINDS = [
    "kernel: matrix products",
    "kernel: convolution (oneDNN, generated code)",
    "kernel: elementwise, reductions, copies",
    "engine overhead (dispatch, set-up, autograd)",
    "allocation and OS (malloc, page faults)",
    "JNI glue (DJL)",
    "Java (compiled, interpreted, JVM runtime)",
    "other",
]

GEMM = re.compile(r"gemm|mkl_blas|cblas|brgemm", re.IGNORECASE)
ELEMENTWISE = re.compile(
    r"at::native::|mkl_vml|vs[a-z]+_cout|Sleef|VectorizedLoop|_kernel|vec::|im2col|col2im|"
    r"mkl_serv_memcpy|__mem(cpy|set|move)|serial_for_each|DimCounter|loop_2d_from_1d")
ONEDNN = re.compile(r"dnnl|mkldnn|jit_avx|jit_uni|jit_sse", re.IGNORECASE)
ALLOC = re.compile(r"malloc|free|_int_|arena|tcache|mmap|munmap|brk|madvise|posix_memalign|cfree")


def classify(sym, dso, java_names):
    """The kind of one sample, from its symbol and shared object."""
    base = os.path.basename(dso)
    if dso.startswith("[kernel"):
        return KINDS[4]
    if "libdjl_torch" in base:
        return KINDS[5]
    if base.startswith("libtorch") or base.startswith("libc10") or base.startswith("libmkl") \
            or base.startswith("libgomp") or base.startswith("libiomp"):
        if GEMM.search(sym):
            return KINDS[0]
        if ONEDNN.search(sym):
            return KINDS[1]
        if ELEMENTWISE.search(sym):
            return KINDS[2]
        return KINDS[3]
    if base.startswith("libc.so") or base.startswith("libstdc++") or base.startswith("ld-linux"):
        if ALLOC.search(sym):
            return KINDS[4]
        if re.search(r"mem(cpy|set|move)", sym):
            return KINDS[2]
        return KINDS[7]
    if base.startswith("libjvm") or base.startswith("libjava") or base.startswith("libverify") \
            or base.startswith("libzip") or base.startswith("libnio"):
        return KINDS[6]
    if sym in java_names or dso.startswith("/tmp/perf-") or "[JIT]" in dso:
        # Named by the JVM's perf map: Java code, stubs or the interpreter.
        return KINDS[6] if sym != "[unknown]" else KINDS[1]
    if dso in ("[unknown]", "//anon", "[anon]") or dso.startswith("//anon"):
        return KINDS[1]
    return KINDS[7]


def read_samples(data_file):
    """(tid, symbol, dso) of every sample in a perf data file (leaf frame only)."""
    out = subprocess.run(["perf", "script", "-i", data_file, "-F", "tid,ip,sym,dso"],
                         capture_output=True, text=True, check=True).stdout
    samples = []
    for line in out.splitlines():
        m = re.match(r"\s*(\d+)\s+[0-9a-f]+\s+(.*)\s+\(([^()]*)\)\s*$", line)
        if m:
            samples.append((int(m.group(1)), m.group(2).strip(), m.group(3)))
    return samples


def java_map(pid):
    """Names in the JVM's perf map, or an empty set."""
    path = f"/tmp/perf-{pid}.map"
    names = set()
    if os.path.exists(path):
        with open(path, errors="replace") as f:
            for line in f:
                parts = line.rstrip("\n").split(" ", 2)
                if len(parts) == 3:
                    names.add(parts[2])
    return names


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--models", required=True, help="one benchmark entry id, e.g. realnvp")
    p.add_argument("--steps", type=int, default=400)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--threads", type=int, default=1, help="intra-op and inter-op threads (default 1)")
    p.add_argument("--delay", type=float, default=10.0, help="seconds of training before recording")
    p.add_argument("--seconds", type=float, default=15.0, help="seconds recorded")
    p.add_argument("--frequency", type=int, default=999, help="perf samples per second")
    p.add_argument("--launcher", default="./artifex")
    p.add_argument("--top", type=int, default=12, help="functions listed per kind")
    p.add_argument("--json", help="also write the figures as JSON to this file")
    p.add_argument("--data", help="analyse this perf.data of an earlier run instead of running (with --java-pid "
                                  "and --examples-per-second)")
    p.add_argument("--java-pid", type=int, help="with --data: the JVM's pid, whose /tmp/perf-PID.map names Java code")
    p.add_argument("--examples-per-second", type=float, help="with --data: the run's training throughput")
    args = p.parse_args()
    if args.data:
        names = java_map(args.java_pid) if args.java_pid else set()
        report(args, read_samples(args.data), names, args.examples_per_second)
        return

    env = dict(os.environ)
    opts = env.get("ARTIFEX_JAVA_OPTS", "")
    env["ARTIFEX_JAVA_OPTS"] = (opts + f" -Dai.djl.pytorch.num_threads={args.threads}"
                                f" -Dai.djl.pytorch.num_interop_threads={args.threads}").strip()
    out_dir = tempfile.mkdtemp(prefix="kernel-share-")
    cmd = [args.launcher, "bench", "--models", args.models, "--steps", str(args.steps),
           "--warmup", str(args.warmup), "--repeats", "1", "--out", out_dir]
    print("running:", " ".join(cmd), file=sys.stderr)
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    started = threading.Event()
    finished_training = threading.Event()
    speed = {}

    def watch():
        for line in proc.stderr:
            if "SpeedProtocol" in line and "parameters" in line:
                started.set()
            m = re.search(r"repeat 1/1: ([0-9.]+) examples/s", line)
            if m:
                speed["examplesPerSecond"] = float(m.group(1))
                finished_training.set()
            if "ERROR" in line or "Exception" in line:
                sys.stderr.write(line)

    threading.Thread(target=watch, daemon=True).start()
    if not started.wait(timeout=600):
        proc.kill()
        sys.exit("the benchmark did not start training within 10 minutes")
    time.sleep(args.delay)
    java_pid = find_java_child(proc.pid)
    data = os.path.join(out_dir, "perf.data")
    subprocess.run(["perf", "record", "-q", "-F", str(args.frequency), "-p", str(java_pid), "-o", data,
                    "--", "sleep", str(args.seconds)], check=True, stderr=subprocess.DEVNULL)
    in_window = not finished_training.is_set()
    print(f"recorded {data} (JVM pid {java_pid}); analyse it again with --data {data} --java-pid {java_pid}",
          file=sys.stderr)
    subprocess.run(["jcmd", str(java_pid), "Compiler.perfmap"], capture_output=True)
    names = java_map(java_pid)
    finished_training.wait(timeout=3600)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    if not in_window:
        print("warning: training ended inside the recorded window; give more --steps", file=sys.stderr)

    report(args, read_samples(data), names, speed.get("examplesPerSecond"))


def report(args, samples, names, ex_per_s):
    """Prints (and with --json writes) the split of the training thread's samples."""
    per_thread = collections.Counter(t for t, s, d in samples if "libtorch" in d)
    if not per_thread:
        sys.exit("no samples inside libtorch: is perf allowed to record this process?")
    tid = per_thread.most_common(1)[0][0]
    mine = [(s, d) for t, s, d in samples if t == tid]
    kinds = collections.Counter()
    functions = collections.defaultdict(collections.Counter)
    for sym, dso in mine:
        kind = classify(sym, dso, names)
        kinds[kind] += 1
        functions[kind][shorten(sym) + " (" + os.path.basename(dso) + ")"] += 1
    total = len(mine)
    ms_per_step = 64_000.0 / ex_per_s if ex_per_s else None
    print(f"\n{args.models}: {total} samples of the training thread (tid {tid}) at {args.frequency} Hz"
          f"; throughput {ex_per_s} examples/s"
          + (f" ({ms_per_step:.1f} ms per step of 64)" if ms_per_step else ""))
    print("\n| kind | share | ms per step |\n|---|---|---|")
    result = {"model": args.models, "threads": args.threads, "samples": total,
              "examplesPerSecond": ex_per_s, "kinds": {}}
    for kind in KINDS:
        share = kinds[kind] / total
        ms = f"{share * ms_per_step:.1f}" if ms_per_step else ""
        print(f"| {kind} | {100 * share:.1f} % | {ms} |")
        result["kinds"][kind] = share
    kernel = sum(kinds[k] for k in KINDS[:3]) / total
    print(f"\nInside kernels: {100 * kernel:.1f} %; outside: {100 * (1 - kernel):.1f} %")
    for kind in KINDS:
        if kinds[kind]:
            top = ", ".join(f"{name} {100 * n / total:.1f} %" for name, n in functions[kind].most_common(args.top))
            print(f"\n{kind}: {top}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2)


def shorten(sym):
    """A readable name for an ATen template instantiation: the operator's kernel, e.g. add_kernel."""
    if "callback_fn" in sym or "VectorizedLoop" in sym:
        names = re.findall(r"(\w+_kernel\w*)", sym)
        names = [n for n in names if not n.startswith("cpu_kernel") and "Loop" not in n]
        if names:
            return names[0]
    return sym[:90]


def find_java_child(pid):
    """The java process started by the launcher (the launcher execs java, so usually pid itself)."""
    for _ in range(50):
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() == "java":
                    return pid
        except OSError:
            pass
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        for child in children:
            with open(f"/proc/{child}/comm") as f:
                if f.read().strip() == "java":
                    return int(child)
        time.sleep(0.2)
    return pid


if __name__ == "__main__":
    main()
