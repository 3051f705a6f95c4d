#!/usr/bin/env python3
"""Runs `artifex bench` and the PyTorch twin side by side and writes the ratio table.

For every round and every network it runs ours (`./artifex bench --models ID --steps N
--warmup W --repeats 1 --out DIR`, read back from its benchmark.json) and the twin
(`benchmarks/pytorch/twin.py --models ID ... --repeats 1`), one right after the other, so
both sides see the same machine load; the order alternates between rounds (ours first in odd
rounds, the twin first in even ones). Both sides get the same intra-op and inter-op thread
count: ours through -Dai.djl.pytorch.num_threads / num_interop_threads, the twin through
torch.set_num_threads, OMP_NUM_THREADS and OPENBLAS_NUM_THREADS with the OpenMP build of
OpenBLAS on LD_LIBRARY_PATH. Per side and network the best round is kept (or the median with
--stat median). The result is a markdown section (command, machine, date, threads, versions,
training and sampling ratios) printed to stdout, saved as DIR/comparison.md, and with
--write-docs put into docs/benchmarks.md between the pytorch-comparison markers.
"""

import argparse
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "pytorch"))
from bench_args import MODELS, model_list, non_negative, positive  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
TWIN = os.path.join(REPO, "benchmarks", "pytorch", "twin.py")
DOCS = os.path.join(REPO, "docs", "benchmarks.md")
START = "<!-- pytorch-comparison:start -->"
END = "<!-- pytorch-comparison:end -->"
NAMES = {"vae": "VAE", "dcgan": "DCGAN", "ddpm": "DDPM U-Net", "realnvp": "RealNVP", "ebm": "EBM",
         "pixelcnn": "PixelCNN"}
OPENBLAS_OPENMP = "/usr/lib/x86_64-linux-gnu/openblas-openmp"
DEFAULT_PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def parse_args(argv):
    p = argparse.ArgumentParser(description="artifex bench against the PyTorch eager twin, interleaved.")
    p.add_argument("--models", type=model_list, default=list(MODELS), help="comma-separated ids (default: all six)")
    p.add_argument("--steps", type=positive("--steps"), default=50, help="timed training steps per run")
    p.add_argument("--warmup", type=non_negative("--warmup"), default=5, help="untimed steps before them")
    p.add_argument("--rounds", type=positive("--rounds"), default=2, help="interleaved runs per side and network")
    p.add_argument("--threads", type=positive("--threads"), default=1, help="intra-op and inter-op threads, both sides")
    p.add_argument("--stat", choices=["best", "median"], default="best",
                   help="how rounds combine per side: the best (default) or the median")
    p.add_argument("--no-sampling", action="store_true",
                   help="twin skips sampling and the sampling table is left out (ours always samples)")
    p.add_argument("--openblas-dir", default=OPENBLAS_OPENMP,
                   help="folder of the OpenMP build of OpenBLAS, put first on the twin's LD_LIBRARY_PATH")
    p.add_argument("--python", default=DEFAULT_PYTHON,
                   help="Python with torch for the twin (default: Debian's /usr/bin/python3, where python3-torch lives)")
    p.add_argument("--out", default="bench-results/pytorch-comparison", help="folder for every run's files")
    p.add_argument("--note", default="", help="a line added under the header (e.g. the machine's load)")
    p.add_argument("--write-docs", action="store_true",
                   help=f"replace the section between {START} and {END} in docs/benchmarks.md")
    p.add_argument("--from-results", action="store_true",
                   help="run nothing: rebuild the table from the files already in --out")
    return p.parse_args(argv)


def run(cmd, env, log_path):
    log("$ " + " ".join(shlex.quote(c) for c in cmd))
    with open(log_path, "w") as f:
        proc = subprocess.run(cmd, cwd=REPO, env=env, stdout=f, stderr=subprocess.STDOUT)
    if proc.returncode != 0:
        with open(log_path) as f:
            tail = f.read()[-3000:]
        raise SystemExit(f"command failed with exit status {proc.returncode} (log {log_path}):\n{tail}")


def ours_env(threads):
    env = dict(os.environ)
    props = f"-Dai.djl.pytorch.num_threads={threads} -Dai.djl.pytorch.num_interop_threads={threads}"
    env["ARTIFEX_JAVA_OPTS"] = (env.get("ARTIFEX_JAVA_OPTS", "") + " " + props).strip()
    return env


def twin_env(threads, openblas_dir):
    env = dict(os.environ)
    if not os.path.isfile(os.path.join(openblas_dir, "libblas.so.3")):
        raise SystemExit(f"--openblas-dir: {openblas_dir} holds no libblas.so.3; install libopenblas0-openmp "
                         "(apt-get install -y libopenblas0-openmp) or point --openblas-dir at its folder")
    env["LD_LIBRARY_PATH"] = openblas_dir + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
    env["OMP_NUM_THREADS"] = str(threads)
    env["OPENBLAS_NUM_THREADS"] = str(threads)
    return env


def run_ours(model, rnd, args):
    out = os.path.join(args.out, f"ours-{model}-round{rnd}")
    path = os.path.join(out, "benchmark.json")
    if not args.from_results:
        os.makedirs(out, exist_ok=True)
        run(["./artifex", "bench", "--models", model, "--steps", str(args.steps), "--warmup", str(args.warmup),
             "--repeats", "1", "--out", out], ours_env(args.threads), os.path.join(args.out, f"ours-{model}-round{rnd}.log"))
    return read_json(path)


def run_twin(model, rnd, args):
    path = os.path.join(args.out, f"pytorch-{model}-round{rnd}.json")
    if not args.from_results:
        cmd = [args.python, TWIN, "--models", model, "--steps", str(args.steps), "--warmup", str(args.warmup),
               "--repeats", "1", "--threads", str(args.threads), "--out", path]
        if args.no_sampling:
            cmd.append("--no-sampling")
        run(cmd, twin_env(args.threads, args.openblas_dir), os.path.join(args.out, f"pytorch-{model}-round{rnd}.log"))
    return read_json(path)


def read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except FileNotFoundError:
        raise SystemExit(f"{path}: missing (the run that writes it did not finish)")
    except json.JSONDecodeError as e:
        raise SystemExit(f"{path}: not JSON ({e})")


def one_model(report, model, path_hint):
    for m in report.get("models", []):
        if m.get("id") == model:
            return m
    raise SystemExit(f"{path_hint}: no result for model '{model}'")


def combine(values, stat, larger_is_better):
    if stat == "median":
        return statistics.median(values)
    return max(values) if larger_is_better else min(values)


def lscpu():
    info = {}
    try:
        text = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        for line in text.splitlines():
            key, _, value = line.partition(":")
            info[key.strip()] = value.strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    model = info.get("Model name", platform.processor() or "unknown CPU")
    cpus = info.get("CPU(s)", str(os.cpu_count()))
    return f"{model}, {cpus} CPUs"


def fmt(x, digits=1):
    return f"{x:,.{digits}f}"


def table(args, ours, twin, started, command):
    """The markdown section from per-model lists of (ours report, twin report) by round."""
    first_ours = next(iter(ours.values()))[0]
    first_twin = next(iter(twin.values()))[0]
    oe, te = first_ours.get("environment", {}), first_twin.get("environment", {})
    lines = [
        f"### Ours against the PyTorch twin, {started}",
        "",
        f"- Command: `{command}`",
        f"- Date: {started}; machine: {lscpu()}; {args.threads} intra-op and {args.threads} inter-op "
        f"thread(s) on both sides.",
        f"- Ours: `artifex bench`, engine {oe.get('engine', '?')} {oe.get('engineVersion', '?')}, DJL "
        f"{oe.get('djlVersion', '?')}, {oe.get('jvm', '?')}; threads reported "
        f"{oe.get('intraOpThreads', '?')}/{oe.get('interOpThreads', '?')}.",
        f"- PyTorch: {te.get('torch', '?')} eager on Python {te.get('python', '?')}, BLAS "
        f"`{te.get('blasLibrary') or 'not loaded'}`, OMP_NUM_THREADS={te.get('OMP_NUM_THREADS', '')}, "
        f"OPENBLAS_NUM_THREADS={te.get('OPENBLAS_NUM_THREADS', '')}; threads reported "
        f"{te.get('intraOpThreads', '?')}/{te.get('interOpThreads', '?')}.",
        f"- Protocol: batch 64, {args.steps} timed steps after {args.warmup} warm-up steps, one run per side, "
        f"network and round, {args.rounds} interleaved round(s); per side the "
        f"{'best' if args.stat == 'best' else 'median'} round. Both sides train on the embedded MNIST digits "
        "with the entry's preprocessing.",
    ]
    if args.note:
        lines.append(f"- {args.note}")
    lines += ["", "Training throughput (examples/s; ratio = ours / PyTorch, above 1 means ours is faster):", "",
              "| network | ours | PyTorch | ours / PyTorch |", "|---|---|---|---|"]
    for model in args.models:
        o = combine([one_model(r, model, "ours")["training"]["median"] for r in ours[model]], args.stat, True)
        t = combine([one_model(r, model, "twin")["training"]["median"] for r in twin[model]], args.stat, True)
        lines.append(f"| {NAMES[model]} | {fmt(o)} | {fmt(t)} | {o / t:.2f} |")
    if not args.no_sampling:
        lines += ["", "Sampling wall time (seconds per call; ratio = PyTorch time / ours, above 1 means ours is "
                  "faster):", "", "| network | workload | samples | ours s | PyTorch s | PyTorch / ours |",
                  "|---|---|---|---|---|---|"]
        for model in args.models:
            theirs = {}
            for r in twin[model]:
                for s in one_model(r, model, "twin")["sampling"]:
                    theirs.setdefault(s["workload"], []).append(s["medianSeconds"])
            mine = {}
            counts = {}
            for r in ours[model]:
                for s in one_model(r, model, "ours")["sampling"]:
                    mine.setdefault(s["workload"], []).append(s["medianSeconds"])
                    counts[s["workload"]] = s["samples"]
            for name, values in mine.items():
                o = combine(values, args.stat, False)
                if name not in theirs:
                    lines.append(f"| {NAMES[model]} | {name} | {counts[name]} | {fmt(o, 3)} | (no twin workload) | |")
                    continue
                t = combine(theirs[name], args.stat, False)
                lines.append(f"| {NAMES[model]} | {name} | {counts[name]} | {fmt(o, 3)} | {fmt(t, 3)} | {t / o:.2f} |")
    return "\n".join(lines) + "\n"


def write_docs(section):
    with open(DOCS) as f:
        text = f.read()
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise SystemExit(f"{DOCS}: needs exactly one '{START}' followed by one '{END}' to replace the section")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    with open(DOCS, "w") as f:
        f.write(head + START + "\n" + section + END + tail)
    log(f"wrote the comparison into {DOCS}")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if not args.from_results:
        twin_env(args.threads, args.openblas_dir)  # fails before anything runs when the OpenMP BLAS is missing
        if not os.path.isfile(args.python):
            raise SystemExit(f"--python: no such file: {args.python}")
    os.makedirs(args.out, exist_ok=True)
    started = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%MZ")
    command = " ".join(["python3", "benchmarks/compare.py"] + [shlex.quote(a) for a in argv if a != "--from-results"])
    ours = {m: [] for m in args.models}
    twin = {m: [] for m in args.models}
    for rnd in range(1, args.rounds + 1):
        for model in args.models:
            t0 = time.time()
            if rnd % 2 == 1:
                ours[model].append(run_ours(model, rnd, args))
                twin[model].append(run_twin(model, rnd, args))
            else:
                twin[model].append(run_twin(model, rnd, args))
                ours[model].append(run_ours(model, rnd, args))
            o = one_model(ours[model][-1], model, "ours")["training"]["median"]
            t = one_model(twin[model][-1], model, "twin")["training"]["median"]
            log(f"round {rnd} {model}: ours {o:.1f} ex/s, PyTorch {t:.1f} ex/s, ratio {o / t:.2f} "
                f"({time.time() - t0:.0f} s)")
    if args.from_results:
        # the date of the runs, not of this rebuild: the earliest report's start
        started = min(r.get("date", started) for side in (ours, twin) for runs in side.values() for r in runs)
    section = table(args, ours, twin, started, command)
    with open(os.path.join(args.out, "comparison.md"), "w") as f:
        f.write(section)
    print(section)
    if args.write_docs:
        write_docs(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
