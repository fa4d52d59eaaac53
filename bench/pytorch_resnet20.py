#!/usr/bin/python3
"""The PyTorch peer of `ablate bench`: the same networks, batch, threads and steps, timed the same way.

  /usr/bin/python3 bench/pytorch_resnet20.py train --model resnet20 --batch 128 --steps 30 --threads 2 --json
  /usr/bin/python3 bench/pytorch_resnet20.py infer --model tiny --batch 1 --steps 500 --warmup 100
  /usr/bin/python3 bench/pytorch_resnet20.py ops --threads 1     # the single ops of OpBenchmark, in us

Needs Debian's python3-torch (apt-get install -y python3-torch), run with /usr/bin/python3.
The models are layer for layer those of ablate.plugins.bench.BenchModel (ResNetMiniPlugin with no attention):
conv3x3 (no bias), BN, ReLU; three stages of basic blocks (conv3x3-BN-ReLU-conv3x3-BN, shortcut = identity or
conv1x1-BN with the stride, add, ReLU); global average pool; linear to 10 classes.
Training: SGD lr 0.01, momentum 0.9, weight decay 5e-4, cross-entropy, gradients set to None between steps;
the loss is summed on the device and read once at the end. Inference: eval mode under torch.no_grad(), the
predicted classes read back to the host. The inputs cycle through 8 batches made before timing starts (no data
loading is timed: the best case for PyTorch; ablate's steps include taking each batch from its loader).
"""
import argparse
import json
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

MODELS = {"resnet20": (20, 16, 28), "tiny": (20, 4, 8)}  # depth, width, image size (1 channel)
CLASSES = 10


def conv(cin, cout, k, stride):
    return nn.Conv2d(cin, cout, k, stride=stride, padding=k // 2, bias=False)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.body = nn.Sequential(conv(cin, cout, 3, stride), nn.BatchNorm2d(cout), nn.ReLU(),
                                  conv(cout, cout, 3, 1), nn.BatchNorm2d(cout))
        self.projection = None if stride == 1 and cin == cout else nn.Sequential(
            conv(cin, cout, 1, stride), nn.BatchNorm2d(cout))

    def forward(self, x):
        shortcut = x if self.projection is None else self.projection(x)
        return F.relu(self.body(x) + shortcut)


def resnet(depth, width):
    n = (depth - 2) // 6
    layers = [conv(1, width, 3, 1), nn.BatchNorm2d(width), nn.ReLU()]
    cin = width
    for stage in range(3):
        cout = width << stage
        for i in range(n):
            layers.append(BasicBlock(cin, cout, 2 if stage > 0 and i == 0 else 1))
            cin = cout
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, CLASSES)]
    return nn.Sequential(*layers)


def bench(args, device):
    depth, width, size = MODELS[args.model]
    torch.manual_seed(args.seed)
    model = resnet(depth, width).to(device)
    batches = [(torch.randn(args.batch, 1, size, size, device=device),
                torch.randint(0, CLASSES, (args.batch,), device=device)) for _ in range(8)]
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    if args.mode == "train":
        model.train()
        opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
        loss_sum = torch.zeros((), device=device)

        def step(i):
            x, y = batches[i % len(batches)]
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            opt.step()
            loss_sum.add_(loss.detach())
    else:
        model.eval()
        loss_sum = None

        def step(i):
            x, _ = batches[i % len(batches)]
            with torch.no_grad():
                model(x).argmax(1).cpu().numpy()

    for i in range(args.warmup):
        step(i)
    if loss_sum is not None:
        loss_sum.item()
    sync()
    cpu0, t0 = time.process_time(), time.perf_counter()
    for i in range(args.steps):
        step(i)
    if loss_sum is not None:
        loss_sum.item()
    sync()
    seconds = time.perf_counter() - t0
    cpu_ms = (time.process_time() - cpu0) * 1e3
    return {"mode": args.mode, "model": args.model, "batch": args.batch, "steps": args.steps,
            "warmup": args.warmup, "threads": torch.get_num_threads(), "device": str(device),
            "engine": "PyTorch " + torch.__version__ + " (Python)",
            "msPerStep": seconds * 1e3 / args.steps, "imagesPerSecond": args.batch * args.steps / seconds,
            "cpuMsPerStep": cpu_ms / args.steps,
            "loadAverage": os.getloadavg()[0]}


def ops(args):
    """Microseconds per op of OpBenchmark's single ops: each output freed at once, but reluKeep16 keeps 16 alive."""
    torch.manual_seed(args.seed)
    a, b = torch.randn(1), torch.randn(1)
    big = torch.randn(128, 16, 28, 28)
    x, w = torch.randn(1, 16, 8, 8), torch.randn(16, 16, 3, 3)
    cases = {"add1": lambda: a + b, "conv16x8x8": lambda: F.conv2d(x, w, padding=1),
             "relu128x16x28x28": lambda: F.relu(big),
             "reluKeep16": lambda: [F.relu(big) for _ in range(16)]}  # per relu: divided by 16 below
    result = {}
    for name, op in cases.items():
        reps = max(20, args.steps)
        for _ in range(reps // 4):
            op()
        t0 = time.perf_counter()
        for _ in range(reps):
            op()
        result[name] = (time.perf_counter() - t0) * 1e6 / reps / (16 if name == "reluKeep16" else 1)
    return {"mode": "ops", "threads": torch.get_num_threads(), "usPerOp": result,
            "engine": "PyTorch " + torch.__version__ + " (Python)", "loadAverage": os.getloadavg()[0]}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["train", "infer", "ops"])
    p.add_argument("--model", choices=sorted(MODELS), default="resnet20")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--steps", type=int, default=30, help="timed steps (ops: calls per op)")
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--device", choices=["cpu", "gpu"], default="cpu")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    if args.mode == "ops":
        out = ops(args)
    else:
        out = bench(args, torch.device("cuda" if args.device == "gpu" else "cpu"))
    if args.json:
        print(json.dumps(out))
    elif args.mode == "ops":
        print(f"ops, {out['threads']} threads, {out['engine']}, load {out['loadAverage']:.2f}")
        for name, us in out["usPerOp"].items():
            print(f"{name}: {us:.2f} us")
    else:
        print(f"{out['mode']} {out['model']}, batch {out['batch']}, {out['threads']} threads, {out['device']} "
              f"({out['engine']}): {out['steps']} steps after {out['warmup']} warm-up, load {out['loadAverage']:.2f}")
        print(f"imagesPerSecond: {out['imagesPerSecond']:.1f}\nmsPerStep: {out['msPerStep']:.3f}\n"
              f"cpuMsPerStep: {out['cpuMsPerStep']:.3f}")


if __name__ == "__main__":
    main()
