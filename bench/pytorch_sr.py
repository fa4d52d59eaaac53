#!/usr/bin/python3
"""The PyTorch peer of SrStepsBenchmark: training throughput of the same SRCNN (9-1-5, 64/32) and ESPCN (5-3-3,
64/32, tanh, pixel shuffle) at x3: batch 16 of 16x16 LR (ESPCN) or 48x48 bicubic-upscaled (SRCNN) random patches,
48x48 targets, MSE, Adam lr 1e-3, 3 warm-up steps then 40 timed; gradients set to None between steps.

  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/pytorch_sr.py srcnn --threads 2

Needs Debian's python3-torch (1.13), run with /usr/bin/python3.
"""
import argparse
import json
import time

import torch
import torch.nn as nn


def model(name):
    if name == 'srcnn':
        return nn.Sequential(nn.Conv2d(1, 64, 9, padding=4), nn.ReLU(), nn.Conv2d(64, 32, 1), nn.ReLU(),
                             nn.Conv2d(32, 1, 5, padding=2)), 48
    return nn.Sequential(nn.Conv2d(1, 64, 5, padding=2), nn.Tanh(), nn.Conv2d(64, 32, 3, padding=1), nn.Tanh(),
                         nn.Conv2d(32, 9, 3, padding=1), nn.PixelShuffle(3)), 16


def main():
    p = argparse.ArgumentParser()
    p.add_argument('model', choices=['srcnn', 'espcn'])
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--steps', type=int, default=40)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    net, side = model(a.model)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    x = torch.rand(16, 1, side, side)
    y = torch.rand(16, 1, 48, 48)
    total = torch.zeros(())
    steps = a.steps
    for k in range(-3, steps):
        if k == 0:
            total.item()
            t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss = nn.functional.mse_loss(net(x), y)
        loss.backward()
        opt.step()
        total += loss.detach()
    total.item()
    wall = time.perf_counter() - t0
    print(json.dumps({'model': a.model, 'stepsPerSecond': round(steps / wall, 3), 'steps': steps}))


if __name__ == '__main__':
    main()
