#!/usr/bin/python3
"""Generates torchvision_nms.json: random boxes with the indices torchvision.ops.nms keeps.

GreedyNmsTorchvisionTest asserts that postprocess.greedy keeps the same boxes in the same order.
Run with Debian's python3-torchvision:  /usr/bin/python3 torchvision_nms.py > torchvision_nms.json
Boxes are float64 tensors, so torchvision computes IoUs in double precision, as the Java code does.
"""
import json

import numpy as np
import torch
import torchvision


def clustered(rng, n, objects, size=512.0):
    """Detector-like boxes: jittered copies around `objects` random objects."""
    cx = rng.uniform(0, size, objects)
    cy = rng.uniform(0, size, objects)
    w = rng.uniform(8, 96, objects)
    h = rng.uniform(8, 96, objects)
    k = rng.integers(0, objects, n)
    bw = w[k] * rng.uniform(0.7, 1.3, n)
    bh = h[k] * rng.uniform(0.7, 1.3, n)
    bx = cx[k] + w[k] * rng.uniform(-0.25, 0.25, n)
    by = cy[k] + h[k] * rng.uniform(-0.25, 0.25, n)
    return np.stack([bx - bw / 2, by - bh / 2, bx + bw / 2, by + bh / 2], axis=1)


def grid(rng, n, cells=6):
    """Integer corners on a small grid: many exact IoU values (1/2, 1/3, 1), identical and zero-area boxes."""
    a = rng.integers(0, cells, (n, 2))
    b = rng.integers(0, cells, (n, 2))
    return np.concatenate([np.minimum(a, b), np.maximum(a, b)], axis=1).astype(np.float64)


def case(name, boxes, scores, thresholds):
    b = torch.tensor(boxes, dtype=torch.float64)
    s = torch.tensor(scores, dtype=torch.float64)
    return {
        "name": name,
        "boxes": boxes.tolist(),
        "scores": scores.tolist(),
        "runs": [{"iouThreshold": t, "keep": torchvision.ops.nms(b, s, t).tolist()} for t in thresholds],
    }


def main():
    rng = np.random.default_rng(20240601)
    thresholds = [0.0, 0.3, 0.5, 0.7, 1.0]
    cases = []

    boxes = clustered(rng, 600, 40)
    cases.append(case("clustered, continuous scores", boxes, rng.uniform(0, 1, len(boxes)), thresholds))

    boxes = clustered(rng, 300, 15)
    dup = rng.integers(0, len(boxes), 60)
    boxes = np.concatenate([boxes, boxes[dup]])  # exact copies
    scores = np.round(rng.uniform(0, 1, len(boxes)) * 10) / 10  # many ties
    scores[300:330] = scores[dup[:30]]  # copies with the very same score
    cases.append(case("clustered with identical boxes, tied scores", boxes, scores, thresholds))

    boxes = grid(rng, 250)
    scores = np.round(rng.uniform(0, 1, len(boxes)) * 4) / 4
    cases.append(case("integer grid: exact IoU ties, zero-area boxes", boxes, scores, thresholds + [1.0 / 3.0]))

    cases.append(case("one box", np.array([[1.0, 2.0, 3.0, 4.0]]), np.array([0.5]), [0.5]))

    print(json.dumps({
        "generator": "torchvision_nms.py",
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "cases": cases,
    }))


if __name__ == "__main__":
    main()
