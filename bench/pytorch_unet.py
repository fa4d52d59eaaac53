#!/usr/bin/python3
"""The PyTorch peer of SegmentationEpochBenchmark: one training epoch of the same small U-Net, timed the same way.

  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/pytorch_unet.py --threads 2 --json

Needs Debian's python3-torch (apt-get install -y python3-torch), run with /usr/bin/python3.
The network is layer for layer ablate.plugins.segmentation.models.UNet (depth 3, width 8, 1 input channel,
11 classes): blocks of conv3x3 (no bias)-BN-ReLU twice; 2x2 max pooling after each encoder block; the decoder
upsamples x2 (nearest), concatenates the encoder map of the same size and applies a block; a 1x1 convolution
(with bias) gives the logits. Training: Adam lr 0.01, no weight decay, pixel-wise cross-entropy, batch 16; the
epoch is 400 images of 64x64 (25 steps, as suites/segmentation.yaml). Inputs and labels are random tensors made
before timing (no data loading timed: PyTorch's best case); gradients set to None between steps; the loss is
summed on the device and read once at the end of the epoch.
"""
import argparse
import json
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(),
                         nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU())


class UNet(nn.Module):
    def __init__(self, depth, width, channels, classes):
        super().__init__()
        self.enc = nn.ModuleList()
        cin = channels
        for i in range(depth):
            self.enc.append(block(cin, width << i))
            cin = width << i
        self.bottleneck = block(cin, width << depth)
        self.dec = nn.ModuleList()
        for level in range(depth - 1, -1, -1):
            self.dec.append(block((width << (level + 1)) + (width << level), width << level))
        self.head = nn.Conv2d(width, classes, 1)

    def forward(self, x):
        skips = []
        for e in self.enc:
            x = e(x)
            skips.append(x)
            x = F.max_pool2d(x, 2)
        x = self.bottleneck(x)
        for d in self.dec:
            x = F.interpolate(x, scale_factor=2, mode="nearest")
            x = d(torch.cat([x, skips.pop()], 1))
        return self.head(x)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--images", type=int, default=400)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--size", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=3, help="steps before the timed epoch")
    p.add_argument("--json", action="store_true")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    net = UNet(3, 8, 1, 11)
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    steps = a.images // a.batch
    xs = torch.randn(steps, a.batch, 1, a.size, a.size)
    ys = torch.randint(0, 11, (steps, a.batch, a.size, a.size))
    net.train()

    def step(i, total):
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(net(xs[i]), ys[i])
        loss.backward()
        opt.step()
        total += loss.detach()
        return total

    total = torch.zeros(())
    for i in range(a.warmup):
        total = step(i % steps, total)
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    total = torch.zeros(())
    for i in range(steps):
        total = step(i, total)
    total.item()
    wall = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    out = {"epochSeconds": wall, "cpuSeconds": cpu, "steps": steps, "torch": torch.__version__,
           "loadAverage": os.getloadavg()[0], "meanLoss": total.item() / steps}
    print(json.dumps(out) if a.json else out)


if __name__ == "__main__":
    main()
