#!/usr/bin/python3
"""Times torchvision.ops.nms on the boxes of NmsBenchmark (BenchBoxes: same SplitMix64 stream, same draws).

    /usr/bin/python3 plugins/src/test/java/ablate/plugins/detection/bench/torchvision_nms_bench.py

Prints, per box count, thread setting and dtype, the median and minimum wall time per call over repeated
batches (after a warm-up), the median thread CPU time per call (as NmsCpuTime reports for the Java side;
less inflated by other processes on a loaded machine), the kept count, and a checksum of the boxes to
compare with `BenchBoxes.main` (so both sides provably time the same input).
"""
import statistics
import time

import torch
import torchvision

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z ^= z >> 31
        return (z >> 11) * 2.0 ** -53


def generate(n, seed=42):
    rng = SplitMix64(seed)
    objects = max(1, n // 10)
    objs = [(1024 * rng.next(), 1024 * rng.next(), 16 + 112 * rng.next(), 16 + 112 * rng.next())
            for _ in range(objects)]
    boxes, scores = [], []
    for _ in range(n):
        cx, cy, w, h = objs[int(objects * rng.next())]
        x = cx + w * 0.4 * (rng.next() - 0.5)
        y = cy + h * 0.4 * (rng.next() - 0.5)
        bw = w * (0.8 + 0.4 * rng.next())
        bh = h * (0.8 + 0.4 * rng.next())
        boxes.append([x - bw / 2, y - bh / 2, x + bw / 2, y + bh / 2])
        scores.append(rng.next())
    return boxes, scores


def time_per_call(fn, budget=1.0, batches=5):
    """Median and minimum wall time per call, over `batches` batches filling about `budget` seconds."""
    fn()
    calls = 1
    start = time.perf_counter()
    while time.perf_counter() - start < 0.2:  # warm-up and batch sizing
        fn()
        calls += 1
    per_batch = max(1, int(calls * budget / batches / 0.2))
    times = []
    for _ in range(batches):
        t = time.perf_counter()
        for _ in range(per_batch):
            fn()
        times.append((time.perf_counter() - t) / per_batch)
    return statistics.median(times), min(times)


def cpu_time_per_call(fn, batches=5, batch_cpu=0.3):
    """Median thread CPU time per call over batches of at least `batch_cpu` CPU seconds (as NmsCpuTime)."""
    times = []
    for _ in range(batches):
        start = time.thread_time()
        calls = 0
        while True:
            fn()
            calls += 1
            spent = time.thread_time() - start
            if spent >= batch_cpu:
                break
        times.append(spent / calls)
    return statistics.median(times)


def main():
    default_threads = torch.get_num_threads()
    print(f"torch {torch.__version__}, torchvision {torchvision.__version__}, default threads {default_threads}")
    for n in (1000, 10000):
        boxes, scores = generate(n)
        checksum = 0.0
        for (x1, y1, x2, y2), score in zip(boxes, scores):
            checksum += x1 + y1 + x2 + y2 + score  # the order of BenchBoxes.main
        print(f"{n} boxes: first {boxes[0]} score {scores[0]}, checksum {checksum}")
        for threads in (1, default_threads):
            torch.set_num_threads(threads)
            for dtype in (torch.float64, torch.float32):
                b = torch.tensor(boxes, dtype=dtype)
                s = torch.tensor(scores, dtype=dtype)
                kept = len(torchvision.ops.nms(b, s, 0.5))
                median, best = time_per_call(lambda: torchvision.ops.nms(b, s, 0.5))
                cpu = cpu_time_per_call(lambda: torchvision.ops.nms(b, s, 0.5))
                print(f"  threads {threads} {str(dtype):14s} kept {kept:5d}  wall median {median * 1e6:10.1f} us"
                      f"  min {best * 1e6:10.1f} us  CPU median {cpu * 1e6:10.1f} us")
    torch.set_num_threads(default_threads)


if __name__ == "__main__":
    main()
