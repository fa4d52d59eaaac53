#!/usr/bin/python3
"""Generates soft_nms_reference.json: what the Soft-NMS code released with Bodla et al. 2017 keeps.

The reference is `cpu_soft_nms` of https://github.com/bharatsingh430/soft-nms (lib/nms/cpu_nms.pyx), which
is not committed here: pass the path of that file. This script copies its `cpu_soft_nms` function into a
temporary module, compiles it with Cython (Debian: python3-numpy cython3) and runs it on random boxes.
    /usr/bin/python3 soft_nms_reference.py --pyx soft-nms/lib/nms/cpu_nms.pyx > soft_nms_reference.json

The released code works in float32 with the legacy +1 pixel offset, so the boxes sit on a 0.5 grid and the
scores are float32 values (exact in both precisions); SoftNmsReferenceTest runs the plugins with
boxOffset = 1 and compares scores to float32 precision. Every initial score is at least the threshold, where
the repository's versions of the function (threshold test inside or outside the overlap branch) agree.
"""
import argparse
import importlib
import json
import os
import sys
import tempfile

import numpy as np


def load_reference(pyx):
    source = open(pyx).read()
    start = source.index("\ndef cpu_soft_nms") + 1
    end = source.find("\ndef ", start)
    header = source[:start]  # imports and the float32 min/max helpers
    folder = tempfile.mkdtemp()
    with open(os.path.join(folder, "bodla_soft_nms.pyx"), "w") as f:
        f.write(header + source[start:end if end >= 0 else len(source)])
    import pyximport
    pyximport.install(setup_args={"include_dirs": np.get_include()}, language_level=2, build_dir=folder)
    sys.path.insert(0, folder)
    return importlib.import_module("bodla_soft_nms").cpu_soft_nms


def boxes(rng, n, objects, size=400.0):
    """Detector-like boxes around `objects` objects, corners on a 0.5 grid, no two alike."""
    rows = {}
    cx, cy = rng.uniform(0, size, objects), rng.uniform(0, size, objects)
    w, h = rng.uniform(10, 80, objects), rng.uniform(10, 80, objects)
    while len(rows) < n:
        k = rng.integers(objects)
        bw, bh = w[k] * rng.uniform(0.7, 1.3), h[k] * rng.uniform(0.7, 1.3)
        x, y = cx[k] + w[k] * rng.uniform(-0.3, 0.3), cy[k] + h[k] * rng.uniform(-0.3, 0.3)
        box = tuple(float(np.round(v * 2) / 2) for v in (x - bw / 2, y - bh / 2, x + bw / 2, y + bh / 2))
        rows.setdefault(box, len(rows))
    return np.array(sorted(rows, key=rows.get))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pyx", required=True, help="path of soft-nms/lib/nms/cpu_nms.pyx")
    soft_nms = load_reference(parser.parse_args().pyx)
    rng = np.random.default_rng(1704)
    cases = []
    for n, objects in ((12, 3), (150, 12), (400, 20)):
        b = boxes(rng, n, objects)
        scores = rng.uniform(0.05, 1, n).astype(np.float32)
        runs = []
        for method, nt, sigma, threshold in (("linear", 0.3, 0.5, 0.001), ("linear", 0.5, 0.5, 0.01),
                                             ("gaussian", 0.3, 0.5, 0.001), ("gaussian", 0.3, 0.1, 0.01)):
            dets = np.concatenate([b, scores[:, None]], axis=1).astype(np.float32)
            keep = soft_nms(dets, np.float32(sigma), np.float32(nt), np.float32(threshold),
                            1 if method == "linear" else 2)
            index = {tuple(float(v) for v in row): i for i, row in enumerate(b)}
            runs.append({
                "method": method, "nt": nt, "sigma": sigma, "scoreThreshold": threshold,
                "keep": [index[tuple(float(v) for v in dets[k, :4])] for k in keep],
                "scores": [float(dets[k, 4]) for k in keep],
            })
        cases.append({"boxes": b.tolist(), "scores": [float(s) for s in scores], "runs": runs})
    print(json.dumps({"generator": "soft_nms_reference.py", "reference": "bharatsingh430/soft-nms cpu_soft_nms",
                      "cases": cases}))


if __name__ == "__main__":
    main()
