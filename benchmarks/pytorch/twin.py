#!/usr/bin/env python3
"""PyTorch eager twin of the six reference networks of the benchmark spec.

Each network is built exactly as the spec's layer list says (its parameter count is checked
against the spec's), trained with the same objective, optimizer and trainer settings as the
project's benchmark entry (artifex-eval/src/main/resources/benchmarks/<id>.yaml), on the same
embedded MNIST training digits (artifex-data's train-images-idx3-ubyte.gz) with the same
per-batch preprocessing, and sampled with the entry's sampling workloads. It measures what
`artifex bench` measures: training examples per second over `--steps` timed steps at batch 64
after `--warmup` untimed ones (a fresh model per repeat, batch loading and preprocessing
inside the timed loop, the loss read back to the host every step), and the wall time of each
sampling workload (one untimed warm-up call first, except for the workloads `artifex bench`
caps at one call: DDPM-1000 and PixelCNN).

Plain eager PyTorch: no torch.compile, no TorchScript, no channels-last or other tuning a
user would not write. The result is JSON on stdout (or in --out) with the same field names
as `artifex bench`'s benchmark.json where they mean the same thing.
"""

import argparse
import gzip
import json
import math
import os
import platform
import statistics
import struct
import sys
import time
from datetime import datetime, timezone

import torch
import torch.nn as nn
import torch.nn.functional as F

from bench_args import MODELS, model_list, non_negative, positive


# Parameter counts of the benchmark spec (../shared/benchmark-spec.md), also pinned in the
# entries' `parameters` fields.
SPEC_PARAMETERS = {
    "vae": 517_904,
    "dcgan": 3_923_010,
    "ddpm": 2_031_425,
    "realnvp": 5_357_824,
    "ebm": 267_009,
    "pixelcnn": 118_080,
}

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_IDX = os.path.join(REPO, "artifex-data", "src", "main", "resources", "io", "artifex", "data",
                           "mnist-10k", "train-images-idx3-ubyte.gz")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------------------
# Data: the embedded MNIST digits, shuffled every epoch, preprocessed per batch
# ----------------------------------------------------------------------------------------

def read_idx_images(path):
    """Reads a (gzipped) IDX3 image file into a uint8 tensor (N, 1, H, W)."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if len(data) < 16:
        raise SystemExit(f"{path}: too short for an IDX3 header (16 bytes), got {len(data)}")
    magic, n, h, w = struct.unpack(">IIII", data[:16])
    if magic != 0x803:
        raise SystemExit(f"{path}: IDX3 magic must be 0x00000803, got {magic:#010x}")
    if len(data) != 16 + n * h * w:
        raise SystemExit(f"{path}: header says {n}x{h}x{w} pixels, file holds {len(data) - 16} bytes")
    return torch.frombuffer(bytearray(data[16:]), dtype=torch.uint8).reshape(n, 1, h, w)


class Batches:
    """Endless full batches of 64 from the shuffled images (drop-last, reshuffled per epoch)."""

    def __init__(self, images, batch_size, generator):
        self.images = images
        self.batch_size = batch_size
        self.generator = generator
        self.order = None
        self.pos = 0

    def next(self):
        n = self.images.shape[0]
        if self.order is None or self.pos + self.batch_size > n:
            self.order = torch.randperm(n, generator=self.generator)
            self.pos = 0
        idx = self.order[self.pos:self.pos + self.batch_size]
        self.pos += self.batch_size
        return self.images[idx]


def binarize(x):
    p = x.float() / 255.0
    return (torch.rand_like(p) < p).float()


def scale01(x):
    return x.float() / 255.0


def scale11(x):
    return x.float() / 127.5 - 1.0


MAX_DEQUANT_OFFSET = 1.0 - 2.0 ** -16


def dequantize(x):
    u = torch.rand(x.shape).clamp_(0.0, MAX_DEQUANT_OFFSET)
    return (x.float() + u) / 256.0


def parameter_count(*modules):
    return sum(p.numel() for m in modules for p in m.parameters())


class Ema:
    """The trainer's weight average: decay min(d, (1 + n) / (10 + n)), updated after each step."""

    def __init__(self, modules, decay):
        self.params = [p for m in modules for p in m.parameters()]
        self.shadow = [p.detach().clone() for p in self.params]
        self.decay = decay
        self.updates = 0

    @torch.no_grad()
    def update(self):
        d = min(self.decay, (1 + self.updates) / (10 + self.updates))
        for s, p in zip(self.shadow, self.params):
            s.mul_(d).add_(p.detach(), alpha=1 - d)
        self.updates += 1


# ----------------------------------------------------------------------------------------
# 1. VAE (dense), Bernoulli ELBO, Adam 1e-3, gradient clipping at global norm 100
# ----------------------------------------------------------------------------------------

class Vae(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU())
        self.mean = nn.Linear(128, 128)
        self.log_var = nn.Linear(128, 128)
        self.decoder = nn.Sequential(nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 256), nn.ReLU(),
                                     nn.Linear(256, 784))

    def loss(self, x):
        x = x.reshape(x.shape[0], -1)
        h = self.encoder(x)
        mean, log_var = self.mean(h), self.log_var(h)
        z = mean + torch.exp(0.5 * log_var) * torch.randn_like(mean)
        logits = self.decoder(z)
        reconstruction = (F.softplus(logits) - x * logits).sum(1)
        kl = 0.5 * (mean.square() + log_var.exp() - log_var - 1).sum(1)
        return (reconstruction + 1.0 * kl).mean()


class VaeBench:
    def __init__(self):
        self.net = Vae()
        self.opt = torch.optim.Adam(self.net.parameters(), lr=1e-3)

    def parameters(self):
        return parameter_count(self.net)

    def prepare(self, batch):
        return binarize(batch)

    def step(self, x):
        self.opt.zero_grad(set_to_none=True)
        loss = self.net.loss(x)
        loss.backward()
        nn.utils.clip_grad_norm_(self.net.parameters(), 100.0)
        self.opt.step()
        return loss.item()

    def sampling(self):
        def prior():
            with torch.no_grad():
                return torch.sigmoid(self.net.decoder(torch.randn(64, 128))).reshape(64, 1, 28, 28)
        return [("prior", 64, 0, prior)]


# ----------------------------------------------------------------------------------------
# 2. DCGAN, non-saturating loss, one discriminator + one generator update per step,
#    Adam(2e-4, 0.5, 0.999) for each, EMA 0.999 of the weights
# ----------------------------------------------------------------------------------------

class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.project = nn.Sequential(nn.Linear(100, 4608), nn.BatchNorm1d(4608), nn.ReLU())
        self.body = nn.Sequential(
            nn.ConvTranspose2d(512, 256, 3, 2, 0), nn.BatchNorm2d(256), nn.ReLU(),
            nn.ConvTranspose2d(256, 128, 4, 2, 1), nn.BatchNorm2d(128), nn.ReLU(),
            nn.ConvTranspose2d(128, 64, 4, 2, 1), nn.BatchNorm2d(64), nn.ReLU(),
            nn.Conv2d(64, 1, 3, 1, 1), nn.Tanh())

    def forward(self, z):
        return self.body(self.project(z).reshape(-1, 512, 3, 3))


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(64, 128, 4, 2, 1), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
            nn.Conv2d(128, 256, 3, 2, 1), nn.BatchNorm2d(256), nn.LeakyReLU(0.2),
            nn.Conv2d(256, 512, 3, 2, 1), nn.BatchNorm2d(512), nn.LeakyReLU(0.2),
            nn.Flatten(), nn.Linear(2048, 1))

    def forward(self, x):
        return self.body(x)


class DcganBench:
    def __init__(self):
        self.g = Generator()
        self.d = Discriminator()
        self.opt_g = torch.optim.Adam(self.g.parameters(), lr=2e-4, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(self.d.parameters(), lr=2e-4, betas=(0.5, 0.999))
        self.ema = Ema([self.g, self.d], 0.999)

    def parameters(self):
        return parameter_count(self.g, self.d)

    def prepare(self, batch):
        return scale11(batch)

    def step(self, real):
        n = real.shape[0]
        # discriminator phase: real and generated images through D separately
        with torch.no_grad():
            fake = self.g(torch.randn(n, 100))
        self.opt_d.zero_grad(set_to_none=True)
        d_loss = F.softplus(-self.d(real)).mean() + F.softplus(self.d(fake)).mean()
        d_loss.backward()
        self.opt_d.step()
        # generator phase: fresh latent codes, non-saturating loss
        self.opt_g.zero_grad(set_to_none=True)
        g_loss = F.softplus(-self.d(self.g(torch.randn(n, 100)))).mean()
        g_loss.backward()
        self.opt_g.step()
        self.ema.update()
        return d_loss.item() + g_loss.item()

    def sampling(self):
        def prior():
            self.g.eval()
            with torch.no_grad():
                out = self.g(torch.randn(64, 100))
            self.g.train()
            return out
        return [("prior", 64, 0, prior)]


# ----------------------------------------------------------------------------------------
# 3. DDPM U-Net, cosine schedule, epsilon MSE with t uniform, Adam 1e-3, EMA 0.9999
# ----------------------------------------------------------------------------------------

def cosine_alpha_bars(steps, s=0.008, max_beta=0.999):
    def f(t):
        return math.cos((t / steps + s) / (1 + s) * math.pi / 2) ** 2
    betas = torch.tensor([min(1 - f(t + 1) / f(t), max_beta) for t in range(steps)], dtype=torch.float64)
    return betas.float(), torch.cumprod(1 - betas, 0).float()


def sinusoidal(t, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
    args = t.float()[:, None] * freqs[None, :]
    return torch.cat([torch.sin(args), torch.cos(args)], 1)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, tdim=256, groups=8):
        super().__init__()
        self.norm1 = nn.GroupNorm(groups, cin)
        self.conv1 = nn.Conv2d(cin, cout, 3, 1, 1)
        self.time = nn.Linear(tdim, cout)
        self.norm2 = nn.GroupNorm(groups, cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1)
        self.skip = nn.Conv2d(cin, cout, 1, 1, 0) if cin != cout else nn.Identity()

    def forward(self, x, temb):
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.time(F.silu(temb))[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return self.skip(x) + h


class Attention(nn.Module):
    def __init__(self, channels=128, heads=4, groups=8):
        super().__init__()
        self.heads = heads
        self.norm = nn.GroupNorm(groups, channels)
        self.qkv = nn.Conv2d(channels, 3 * channels, 1)
        self.out = nn.Conv2d(channels, channels, 1)

    def forward(self, x):
        n, c, h, w = x.shape
        d = c // self.heads
        qkv = self.qkv(self.norm(x)).reshape(n, 3, self.heads, d, h * w)
        q, k, v = qkv[:, 0], qkv[:, 1], qkv[:, 2]
        attn = torch.softmax(torch.einsum("bhdi,bhdj->bhij", q, k) / math.sqrt(d), dim=-1)
        y = torch.einsum("bhij,bhdj->bhdi", attn, v).reshape(n, c, h, w)
        return x + self.out(y)


class UNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.time = nn.Sequential(nn.Linear(64, 256), nn.SiLU(), nn.Linear(256, 256))
        self.conv_in = nn.Conv2d(1, 64, 3, 1, 1)
        self.down0 = ResBlock(64, 64)
        self.downsample = nn.Conv2d(64, 64, 3, 2, 1)
        self.down1 = ResBlock(64, 128)
        self.mid1 = ResBlock(128, 128)
        self.mid_attention = Attention(128, 4, 8)
        self.mid2 = ResBlock(128, 128)
        self.up1 = ResBlock(256, 128)
        self.upsample_conv = nn.Conv2d(128, 128, 3, 1, 1)
        self.up0 = ResBlock(192, 64)
        self.norm_out = nn.GroupNorm(8, 64)
        self.conv_out = nn.Conv2d(64, 1, 3, 1, 1)

    def forward(self, x, t):
        temb = self.time(sinusoidal(t, 64))
        h = self.conv_in(x)
        a = self.down0(h, temb)
        h = self.downsample(a)
        b = self.down1(h, temb)
        h = self.mid2(self.mid_attention(self.mid1(b, temb)), temb)
        h = self.up1(torch.cat([h, b], 1), temb)
        h = self.upsample_conv(F.interpolate(h, scale_factor=2, mode="nearest"))
        h = self.up0(torch.cat([h, a], 1), temb)
        return self.conv_out(F.silu(self.norm_out(h)))


class DdpmBench:
    T = 1000

    def __init__(self):
        self.net = UNet()
        self.opt = torch.optim.Adam(self.net.parameters(), lr=1e-3)
        self.ema = Ema([self.net], 0.9999)
        self.betas, self.alpha_bars = cosine_alpha_bars(self.T)

    def parameters(self):
        return parameter_count(self.net)

    def prepare(self, batch):
        return scale11(batch)

    def step(self, x0):
        n = x0.shape[0]
        t = torch.randint(0, self.T, (n,))
        eps = torch.randn_like(x0)
        ab = self.alpha_bars[t].reshape(n, 1, 1, 1)
        xt = ab.sqrt() * x0 + (1 - ab).sqrt() * eps
        self.opt.zero_grad(set_to_none=True)
        loss = F.mse_loss(self.net(xt, t), eps)
        loss.backward()
        self.opt.step()
        self.ema.update()
        return loss.item()

    @torch.no_grad()
    def ancestral(self, n=16):
        x = torch.randn(n, 1, 28, 28)
        for t in range(self.T - 1, -1, -1):
            tt = torch.full((n,), t, dtype=torch.long)
            eps = self.net(x, tt)
            ab = self.alpha_bars[t]
            ab_prev = self.alpha_bars[t - 1] if t > 0 else torch.tensor(1.0)
            beta = self.betas[t]
            x0 = ((x - (1 - ab).sqrt() * eps) / ab.sqrt()).clamp(-1, 1)
            mean = (ab_prev.sqrt() * beta / (1 - ab)) * x0 + ((1 - beta).sqrt() * (1 - ab_prev) / (1 - ab)) * x
            if t > 0:
                x = mean + ((1 - ab_prev) / (1 - ab) * beta).sqrt() * torch.randn_like(x)
            else:
                x = mean
        return x

    @torch.no_grad()
    def ddim(self, n=16, steps=50):
        x = torch.randn(n, 1, 28, 28)
        ts = list(range(0, self.T, self.T // steps))[::-1]
        for i, t in enumerate(ts):
            tt = torch.full((n,), t, dtype=torch.long)
            eps = self.net(x, tt)
            ab = self.alpha_bars[t]
            ab_prev = self.alpha_bars[ts[i + 1]] if i + 1 < len(ts) else torch.tensor(1.0)
            x0 = ((x - (1 - ab).sqrt() * eps) / ab.sqrt()).clamp(-1, 1)
            eps = (x - ab.sqrt() * x0) / (1 - ab).sqrt()
            x = ab_prev.sqrt() * x0 + (1 - ab_prev).sqrt() * eps
        return x

    def sampling(self):
        self.net.eval()
        return [("ddpm-1000", 16, 1, self.ancestral), ("ddim-50", 16, 0, self.ddim)]


# ----------------------------------------------------------------------------------------
# 4. RealNVP: dequantised pixels, logit transform (alpha 0.05), 8 affine couplings with
#    alternating masks, standard normal base, NLL, Adam 1e-3
# ----------------------------------------------------------------------------------------

LOG_2PI = math.log(2 * math.pi)


class Coupling(nn.Module):
    def __init__(self, parity, dim=784):
        super().__init__()
        keep = torch.tensor([1.0 if i % 2 == parity else 0.0 for i in range(dim)]).reshape(1, dim)
        self.register_buffer("keep", keep)
        self.register_buffer("change", 1 - keep)
        self.dim = dim
        self.net = nn.Sequential(nn.Linear(dim, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(),
                                 nn.Linear(256, 2 * dim))
        nn.init.zeros_(self.net[-1].weight)

    def scale_shift(self, x):
        h = self.net(x * self.keep)
        return torch.tanh(h[:, :self.dim]) * self.change, h[:, self.dim:] * self.change

    def forward(self, x):
        s, t = self.scale_shift(x)
        return x * torch.exp(s) + t, s.sum(1)

    def inverse(self, y):
        s, t = self.scale_shift(y)
        return (y - t) * torch.exp(-s)


class RealNvp(nn.Module):
    def __init__(self, alpha=0.05):
        super().__init__()
        self.alpha = alpha
        self.couplings = nn.ModuleList([Coupling(i % 2) for i in range(8)])

    def log_prob(self, x):
        a = self.alpha
        s = x * (1 - 2 * a) + a
        log_s, log_1ms = torch.log(s), torch.log(1 - s)
        y = log_s - log_1ms
        log_det = -(log_s + log_1ms).sum(1) + x.shape[1] * math.log(1 - 2 * a)
        for c in self.couplings:
            y, ld = c(y)
            log_det = log_det + ld
        return -0.5 * (y.square() + LOG_2PI).sum(1) + log_det

    def sample(self, z):
        for c in reversed(self.couplings):
            z = c.inverse(z)
        return (torch.sigmoid(z) - self.alpha) / (1 - 2 * self.alpha)


class RealNvpBench:
    def __init__(self):
        self.net = RealNvp()
        self.opt = torch.optim.Adam(self.net.parameters(), lr=1e-3)

    def parameters(self):
        return parameter_count(self.net)

    def prepare(self, batch):
        return dequantize(batch).reshape(batch.shape[0], -1)

    def step(self, x):
        self.opt.zero_grad(set_to_none=True)
        nll = -self.net.log_prob(x)
        loss = nll.mean()
        loss.backward()
        self.opt.step()
        return loss.item()

    def sampling(self):
        def base():
            with torch.no_grad():
                return self.net.sample(torch.randn(64, 784))
        return [("base", 64, 0, base)]


# ----------------------------------------------------------------------------------------
# 5. EBM: dense energy, contrastive divergence with a 10,000-state replay buffer (5 % fresh
#    noise), 60 Langevin steps (step 0.01, noise 0.005, gradient clamp 0.03, domain [-1, 1]),
#    loss mean E(real) - mean E(fake) + 0.1 (mean E(real)^2 + mean E(fake)^2), Adam(1e-4, 0, 0.999)
# ----------------------------------------------------------------------------------------

class EbmBench:
    def __init__(self):
        self.energy = nn.Sequential(nn.Linear(784, 256), nn.SiLU(), nn.Linear(256, 256), nn.SiLU(),
                                    nn.Linear(256, 1))
        self.opt = torch.optim.Adam(self.energy.parameters(), lr=1e-4, betas=(0.0, 0.999))
        self.buffer = torch.rand(10_000, 784) * 2 - 1

    def parameters(self):
        return parameter_count(self.energy)

    def prepare(self, batch):
        return scale11(batch).reshape(batch.shape[0], -1)

    def langevin(self, x, steps=60):
        params = list(self.energy.parameters())
        for p in params:
            p.requires_grad_(False)
        try:
            for _ in range(steps):
                x = x.detach().requires_grad_(True)
                grad, = torch.autograd.grad(self.energy(x).sum(), x)
                x = x.detach() - 0.01 * grad.clamp(-0.03, 0.03) + 0.005 * torch.randn_like(x)
                x = x.clamp(-1.0, 1.0)
        finally:
            for p in params:
                p.requires_grad_(True)
        return x.detach()

    def step(self, real):
        n = real.shape[0]
        slots = torch.randperm(self.buffer.shape[0])[:n]
        stored = self.buffer[slots]
        restart = torch.rand(n, 1) < 0.05
        starts = torch.where(restart, torch.rand(n, 784) * 2 - 1, stored)
        fake = self.langevin(starts)
        self.opt.zero_grad(set_to_none=True)
        energies = self.energy(torch.cat([real, fake], 0))
        e_real, e_fake = energies[:n], energies[n:]
        loss = e_real.mean() - e_fake.mean() + 0.1 * (e_real.square().mean() + e_fake.square().mean())
        loss.backward()
        self.opt.step()
        self.buffer[slots] = fake
        return loss.item()

    def sampling(self):
        def chains():
            return self.langevin(torch.rand(64, 784) * 2 - 1)
        return [("langevin", 64, 0, chains)]


# ----------------------------------------------------------------------------------------
# 6. PixelCNN: masked convolutions (mask A then B), 256-way cross-entropy, Adam 1e-3
# ----------------------------------------------------------------------------------------

class MaskedConv2d(nn.Conv2d):
    def __init__(self, cin, cout, k, mask_type):
        super().__init__(cin, cout, k, 1, k // 2)
        mask = torch.ones(cout, cin, k, k)
        c = k // 2
        mask[:, :, c, c + (1 if mask_type == "B" else 0):] = 0
        mask[:, :, c + 1:, :] = 0
        self.register_buffer("mask", mask)

    def forward(self, x):
        return F.conv2d(x, self.weight * self.mask, self.bias, self.stride, self.padding)


class PixelBlock(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.ReLU(), nn.Conv2d(64, 32, 1), nn.ReLU(), MaskedConv2d(32, 32, 3, "B"),
                                  nn.ReLU(), nn.Conv2d(32, 64, 1))

    def forward(self, h):
        return h + self.body(h)


class PixelCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.input = MaskedConv2d(1, 64, 7, "A")
        self.blocks = nn.Sequential(*[PixelBlock() for _ in range(7)])
        self.head = nn.Sequential(nn.ReLU(), nn.Conv2d(64, 64, 1), nn.ReLU(), nn.Conv2d(64, 256, 1))

    def forward(self, x):
        return self.head(self.blocks(self.input(x * 2 - 1)))


class PixelCnnBench:
    def __init__(self):
        self.net = PixelCnn()
        self.opt = torch.optim.Adam(self.net.parameters(), lr=1e-3)

    def parameters(self):
        return parameter_count(self.net)

    def prepare(self, batch):
        return scale01(batch)

    def step(self, x):
        targets = torch.round(x * 255).long().squeeze(1)
        self.opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(self.net(x), targets)
        loss.backward()
        self.opt.step()
        return loss.item()

    @torch.no_grad()
    def pixels(self, n=16):
        x = torch.zeros(n, 1, 28, 28)
        for i in range(28):
            for j in range(28):
                logits = self.net(x)[:, :, i, j]
                level = torch.multinomial(torch.softmax(logits, 1), 1).squeeze(1)
                x[:, 0, i, j] = level.float() / 255.0
        return x

    def sampling(self):
        return [("pixels", 16, 1, self.pixels)]


FACTORIES = {"vae": VaeBench, "dcgan": DcganBench, "ddpm": DdpmBench, "realnvp": RealNvpBench,
             "ebm": EbmBench, "pixelcnn": PixelCnnBench}


# ----------------------------------------------------------------------------------------
# The protocol
# ----------------------------------------------------------------------------------------

def check_parameters(model_id):
    torch.manual_seed(0)
    actual = FACTORIES[model_id]().parameters()
    expected = SPEC_PARAMETERS[model_id]
    return {"expected": expected, "actual": actual, "passed": actual == expected}


def measure(model_id, images, args):
    params = check_parameters(model_id)
    state = "ok" if params["passed"] else "FAILED CHECK"
    log(f"{model_id}: parameters {params['actual']:,} (spec {params['expected']:,}) {state}")
    if not params["passed"]:
        raise SystemExit(f"{model_id}: the twin has {params['actual']} parameters, the spec says {params['expected']}")
    throughput, losses = [], []
    bench = None
    profile = None
    for r in range(args.repeats):
        torch.manual_seed(args.seed + r)
        bench = FACTORIES[model_id]()
        batches = Batches(images, args.batch_size, torch.Generator().manual_seed(args.seed))
        for _ in range(args.warmup):
            bench.step(bench.prepare(batches.next()))
        t0 = time.perf_counter()
        loss = float("nan")
        profiler = None
        if args.profile and r == 0:
            profiler = torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU])
            profiler.__enter__()
        for _ in range(args.steps):
            loss = bench.step(bench.prepare(batches.next()))
        elapsed = time.perf_counter() - t0
        if profiler is not None:
            profiler.__exit__(None, None, None)
            profile = operator_time(profiler, model_id, elapsed, args)
        throughput.append(args.batch_size * args.steps / elapsed)
        losses.append(loss)
        log(f"{model_id}: repeat {r + 1}/{args.repeats}: {throughput[-1]:.1f} examples/s over {args.steps} steps"
            f" (final loss {loss:.4f})")
    sampling = []
    if not args.no_sampling:
        for name, count, max_repeats, fn in bench.sampling():
            untimed = 1 if max_repeats == 0 else 0
            timed = args.repeats if max_repeats == 0 else min(args.repeats, max_repeats)
            seconds, finite = [], True
            for i in range(untimed + timed):
                torch.manual_seed(args.seed + 1000 + i)
                t0 = time.perf_counter()
                out = fn()
                finite &= bool(torch.isfinite(out).all())
                if i >= untimed:
                    seconds.append(time.perf_counter() - t0)
            median = statistics.median(seconds)
            sampling.append({"workload": name, "samples": count, "seconds": seconds, "medianSeconds": median,
                             "samplesPerSecond": count / median, "finite": finite})
            log(f"{model_id}: sampling '{name}' x{count}: median {median:.4f} s ({count / median:.1f} samples/s)")
    result = {
        "id": model_id,
        "parameters": params,
        "training": {"batchSize": args.batch_size, "steps": args.steps, "warmup": args.warmup,
                     "examplesPerSecond": throughput, "median": statistics.median(throughput),
                     "min": min(throughput), "max": max(throughput), "finalLosses": losses},
        "sampling": sampling,
    }
    if profile is not None:
        result["profile"] = profile
    return result


def operator_time(profiler, model_id, elapsed, args):
    """Time inside PyTorch operators (kernels and their C++ dispatch) per profiled step.

    The sum of the self times of the `aten::` operators is the part of a step spent in the
    engine's operators; the rest of the wall time is Python, the autograd engine's bookkeeping
    between operators (its `autograd::` and `*Backward0` records), optimizer code and the
    profiler's own overhead. Appends the operator table to --profile.
    """
    averages = profiler.key_averages()
    self_us = sum(e.self_cpu_time_total for e in averages if e.key.startswith("aten::"))
    with open(args.profile, "a") as f:
        f.write(f"# {model_id}: {args.steps} profiled steps, wall {elapsed:.3f} s\n")
        f.write(averages.table(sort_by="self_cpu_time_total", row_limit=25) + "\n")
    per_step = self_us / 1e6 / args.steps
    wall = elapsed / args.steps
    log(f"{model_id}: profiled: {wall * 1e3:.2f} ms per step, {per_step * 1e3:.2f} ms of it inside operators"
        f" ({100 * per_step / wall:.0f} %)")
    return {"profiledSteps": args.steps, "wallSecondsPerStep": wall, "operatorSecondsPerStep": per_step}


def openblas_library():
    """The OpenBLAS shared object this process loaded (from /proc/self/maps), or '' if none."""
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                if "libopenblas" in line or "libblas" in line:
                    return line.split()[-1]
    except OSError:
        pass
    return ""


def parse_args(argv):
    p = argparse.ArgumentParser(description="PyTorch eager twin of the six reference networks; JSON results.")
    p.add_argument("--models", type=model_list, default=list(MODELS), help="comma-separated ids (default: all six)")
    p.add_argument("--steps", type=positive("--steps"), default=50, help="timed training steps per repeat")
    p.add_argument("--warmup", type=non_negative("--warmup"), default=5, help="untimed steps before them")
    p.add_argument("--repeats", type=positive("--repeats"), default=3, help="fresh models per network (median)")
    p.add_argument("--batch-size", type=positive("--batch-size"), default=64)
    p.add_argument("--threads", type=positive("--threads"), default=1,
                   help="torch intra-op and inter-op threads (set OMP_NUM_THREADS/OPENBLAS_NUM_THREADS alike)")
    p.add_argument("--seed", type=int, default=0, help="seed (default 0, as artifex bench)")
    p.add_argument("--data", default=DEFAULT_IDX, help="IDX3 image file (default: the embedded MNIST digits)")
    p.add_argument("--no-sampling", action="store_true", help="skip the sampling workloads")
    p.add_argument("--check-parameters", action="store_true", help="only build each network and check its count")
    p.add_argument("--profile", metavar="FILE",
                   help="profile the first repeat's timed steps with torch.profiler: operator table to FILE, "
                        "operator time per step in the JSON (the profiler slows the steps it watches)")
    p.add_argument("--out", help="write the JSON here instead of stdout")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(args.threads)
    if args.check_parameters:
        failed = []
        for m in args.models:
            c = check_parameters(m)
            print(f"{m:9s} {c['actual']:>10,} spec {c['expected']:>10,} {'ok' if c['passed'] else 'MISMATCH'}")
            if not c["passed"]:
                failed.append(m)
        return 1 if failed else 0
    if not os.path.isfile(args.data):
        raise SystemExit(f"--data: no such file: {args.data}")
    images = read_idx_images(args.data)
    if images.shape[1:] != (1, 28, 28):
        raise SystemExit(f"--data: the reference networks need 28x28 images, {args.data} holds {tuple(images.shape[1:])}")
    if images.shape[0] < args.batch_size:
        raise SystemExit(f"--batch-size {args.batch_size} exceeds the {images.shape[0]} images of {args.data}")
    started = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    results = [measure(m, images, args) for m in args.models]
    report = {
        "schema": 1,
        "tool": "benchmarks/pytorch/twin.py",
        "date": started,
        "commandLine": " ".join([os.path.basename(sys.argv[0])] + sys.argv[1:]),
        "environment": {
            "python": platform.python_version(),
            "torch": torch.__version__,
            "intraOpThreads": torch.get_num_threads(),
            "interOpThreads": torch.get_num_interop_threads(),
            "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", ""),
            "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", ""),
            "blasLibrary": openblas_library(),
            "data": os.path.relpath(args.data, REPO) if args.data.startswith(REPO) else args.data,
            "images": int(images.shape[0]),
        },
        "options": {"models": args.models, "steps": args.steps, "warmup": args.warmup, "repeats": args.repeats,
                    "batchSize": args.batch_size, "seed": args.seed},
        "models": results,
    }
    text = json.dumps(report, indent=2)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
