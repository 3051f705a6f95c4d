#!/usr/bin/env python3
"""Loads a VAE exported by `artifex export` into the PyTorch twin's VAE (twin.py, benchmark
network #1) and runs one forward pass, to check the exported weights in PyTorch.

The input is one fixed 28x28 image, pixel j = (j mod 10) / 10 in row-major order; the output is
the reconstruction the Java model's `reconstruct` gives: the decoder's Bernoulli means
sigmoid(decoder(mu)) at the encoder's posterior mean mu. It prints four numbers: the sum of the
784 means and the means of pixels 0, 100 and 400. With --expect (the four numbers the Java side
printed for the same input, see docs/interop.md; both print %.6e) it exits with 1 unless every number agrees within
--tolerance (relative, default 1e-4).

The file is read with the `safetensors` package when it is installed, else with the reader below
(json + struct + torch.frombuffer, following the published format); --reader chooses. The names
are mapped from Artifex's PyTorch-style names to the twin's module names, the encoder head's
(256, 128) weight split into the mean (first 128 rows) and the log-variance (last 128), and
loaded with strict=True, so a missing, extra or misshapen tensor is an error. Needs PyTorch
(benchmarks/pytorch/README.md); not part of the Maven build.
"""

import argparse
import json
import os
import struct
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from twin import Vae  # noqa: E402  (the twin's reference VAE, the network of vae-mnist.yaml)

DTYPES = {"F32": torch.float32, "F64": torch.float64, "F16": torch.float16, "BF16": torch.bfloat16,
          "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8,
          "BOOL": torch.bool}


def read_builtin(path):
    """A safetensors file as {name: tensor}: 8-byte little-endian header length, JSON header, data."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise SystemExit(f"{path}: shorter than the 8-byte header length")
    (length,) = struct.unpack("<Q", data[:8])
    if 8 + length > len(data):
        raise SystemExit(f"{path}: header length {length} runs past the end of the file ({len(data)} bytes)")
    header = json.loads(data[8:8 + length].decode("utf-8"))
    body = memoryview(data)[8 + length:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        dtype = DTYPES.get(entry["dtype"])
        if dtype is None:
            raise SystemExit(f"{path}: tensor {name} has dtype {entry['dtype']}, which this reader does not know")
        begin, end = entry["data_offsets"]
        if not 0 <= begin <= end <= len(body):
            raise SystemExit(f"{path}: tensor {name} has data offsets {begin}..{end} outside the data ({len(body)} bytes)")
        flat = torch.frombuffer(bytearray(body[begin:end]), dtype=dtype) if end > begin else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(entry["shape"])
    return tensors


def read(path, reader):
    if reader in ("auto", "safetensors"):
        try:
            from safetensors.torch import load_file
            return load_file(path), "safetensors"
        except ImportError:
            if reader == "safetensors":
                raise SystemExit("--reader safetensors: the safetensors package is not installed (pip install safetensors)")
    return read_builtin(path), "builtin"


def twin_state_dict(tensors, path):
    """Artifex's names for the dense VAE of vae-mnist.yaml -> the twin Vae's state_dict."""
    renamed = {
        "encoder.trunk.linear0": "encoder.0", "encoder.trunk.linear1": "encoder.2",
        "decoder.mlp.linear0": "decoder.0", "decoder.mlp.linear1": "decoder.2", "decoder.mlp.linear2": "decoder.4",
    }
    state = {}
    for name, tensor in tensors.items():
        module, _, kind = name.rpartition(".")
        if module == "encoder.head":
            half = tensor.shape[0] // 2
            state[f"mean.{kind}"] = tensor[:half]
            state[f"log_var.{kind}"] = tensor[half:]
        elif module in renamed:
            state[f"{renamed[module]}.{kind}"] = tensor
        else:
            raise SystemExit(f"{path}: tensor {name} is not part of the dense VAE of vae-mnist.yaml")
    return state


def main(argv=None):
    p = argparse.ArgumentParser(description="Load an exported VAE into the PyTorch twin and run one forward pass.")
    p.add_argument("--file", default="export/model.safetensors", help="the exported weights (default: %(default)s)")
    p.add_argument("--reader", choices=["auto", "safetensors", "builtin"], default="auto",
                   help="how to read the file (default: the safetensors package if installed)")
    p.add_argument("--expect", help="the four numbers the Java side printed, separated by commas or spaces")
    p.add_argument("--tolerance", type=float, default=1e-4, help="relative tolerance for --expect (default: %(default)s)")
    args = p.parse_args(argv)
    if not os.path.isfile(args.file):
        raise SystemExit(f"--file {args.file}: no such file")
    expected = None
    if args.expect is not None:
        try:
            expected = [float(v) for v in args.expect.replace(" ", ",").split(",") if v]
        except ValueError:
            raise SystemExit(f"--expect must be four comma-separated numbers, got '{args.expect}'")
        if len(expected) != 4:
            raise SystemExit(f"--expect must be four comma-separated numbers, got {len(expected)}")

    tensors, used = read(args.file, args.reader)
    vae = Vae()
    vae.load_state_dict(twin_state_dict(tensors, args.file), strict=True)
    vae.eval()
    x = (torch.arange(784) % 10).float().div(10).reshape(1, 784)
    with torch.no_grad():
        mu = vae.mean(vae.encoder(x))
        means = torch.sigmoid(vae.decoder(mu)).reshape(-1)
    got = [means.double().sum().item(), means[0].item(), means[100].item(), means[400].item()]
    print(f"reader {used}, {len(tensors)} tensors, {sum(t.numel() for t in tensors.values()):,} values", file=sys.stderr)
    print(" ".join(f"{v:.6e}" for v in got))
    if expected is not None:
        bad = [(i, g, e) for i, (g, e) in enumerate(zip(got, expected))
               if abs(g - e) > args.tolerance * abs(e) + 1e-12]
        if bad:
            for i, g, e in bad:
                print(f"number {i + 1}: PyTorch {g:.6e}, Java {e:.6e}", file=sys.stderr)
            return 1
        print(f"matches the Java output within {args.tolerance:g} (relative)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
