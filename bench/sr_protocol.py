#!/usr/bin/python3
"""Independent re-implementation of Ablate's super-resolution evaluation protocol, in numpy (+ scikit-image's SSIM),
to check the Java bicubic baseline (docs/benchmarks-super-resolution.md).

Written from MATLAB's imresize documentation/behaviour, not from the Java code: the resize is a dense (out x in)
matrix per axis, built by accumulating each tap's weight onto its mirrored input index, then applied as
M_rows @ X @ M_cols^T.  Usage:  /usr/bin/python3 bench/sr_protocol.py SCALE IMAGE.png...
(needs Debian's python3-numpy, python3-skimage, python3-pil)."""
import sys
import numpy as np
from PIL import Image
from skimage.metrics import structural_similarity, peak_signal_noise_ratio


def cubic(x):
    a = np.abs(x)
    return np.where(a <= 1, 1.5 * a**3 - 2.5 * a**2 + 1,
                    np.where(a <= 2, -0.5 * a**3 + 2.5 * a**2 - 4 * a + 2, 0.0))


def resize_matrix(n_in, scale):
    """scale > 1 enlarges, scale < 1 shrinks (antialiased); returns the (n_out, n_in) weight matrix."""
    n_out = int(round(n_in * scale))
    k = 1.0 / scale if scale < 1 else 1.0          # kernel stretch
    width = 4.0 * k
    m = np.zeros((n_out, n_in))
    for o in range(n_out):
        u = (o + 1) / scale + 0.5 * (1 - 1 / scale)     # 1-based centre in the input
        js = np.arange(np.floor(u - width / 2), np.floor(u - width / 2) + np.ceil(width) + 2)
        w = cubic((u - js) / k) / k
        w = w / w.sum()
        for j, wj in zip(js.astype(int), w):
            i = j - 1                                   # 0-based, mirror: -1 -> 0, n -> n-1
            period = 2 * n_in
            i = i % period
            if i >= n_in:
                i = period - 1 - i
            m[o, i] += wj
    return m


def imresize(img, scale):
    """img (H, W) or (H, W, C) float; height first then width."""
    mh = resize_matrix(img.shape[0], scale)
    mw = resize_matrix(img.shape[1], scale)
    if img.ndim == 2:
        return mh @ img @ mw.T
    return np.stack([mh @ img[..., c] @ mw.T for c in range(img.shape[2])], axis=-1)


def to_uint8(x):
    return np.clip(np.floor(x + 0.5), 0, 255)          # half up, as MATLAB (and the Java code) round


def luma(rgb):
    return 16 + (65.481 * rgb[..., 0] + 128.553 * rgb[..., 1] + 24.966 * rgb[..., 2]) / 255


def evaluate(path, s):
    hr = np.asarray(Image.open(path).convert('RGB'), dtype=np.float64)
    hr = hr[:hr.shape[0] - hr.shape[0] % s, :hr.shape[1] - hr.shape[1] % s]
    lr = to_uint8(imresize(hr, 1.0 / s))
    sr = to_uint8(imresize(luma(lr), s))
    y = luma(hr)
    a, b = y[s:-s, s:-s], sr[s:-s, s:-s]
    psnr = peak_signal_noise_ratio(a, b, data_range=255)
    ssim = structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
                                 data_range=255)
    return psnr, ssim


if __name__ == '__main__':
    s = int(sys.argv[1])
    ps, ss = [], []
    for f in sys.argv[2:]:
        p, q = evaluate(f, s)
        ps.append(p)
        ss.append(q)
        print(f'{f}: bicubic x{s} PSNR-Y {p:.4f} dB  SSIM-Y {q:.5f}')
    print(f'mean: PSNR-Y {np.mean(ps):.4f} dB  SSIM-Y {np.mean(ss):.5f}')
