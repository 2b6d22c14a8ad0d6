"""The quantize-* benchmarks' baseline: the same algorithms as the studio's default kernels
(electron/core/graphs/quant/weight-kernels-*.ts), vectorised with numpy.

    numpy_quantize.py K N COUNT [RUNS]   one JSON line of MB/s (of float32 input), best of RUNS
    numpy_quantize.py K N COUNT serve    "ready", then for each kernel name read from stdin one
                                         line with the MB/s of one pass (the bench interleaves
                                         these passes with its own, so both see the same noise)
"""
import json
import sys
import time

import numpy as np


def per_channel_int8(w):
    scale = np.abs(w).max(axis=0) / 127
    scale[scale == 0] = 1
    return np.rint(w / scale).astype(np.int8), scale.astype(np.float32)


def blockwise_int4_sym(w, block):
    """ONNX Runtime's rule: the signed extreme of each block maps to -8 (all 16 levels)."""
    k, n = w.shape
    blocks = w.T.reshape(n, k // block, block)
    hi = blocks.max(axis=-1)
    lo = blocks.min(axis=-1)
    scale = np.where(np.abs(hi) > np.abs(lo), hi, lo) / -8
    scale[scale == 0] = 1
    q = np.clip(np.floor(blocks * (1 / scale)[..., None] + 8.5), 0, 15).astype(np.uint8)
    packed = q[..., 0::2] | (q[..., 1::2] << 4)
    return packed, scale.astype(np.float32)


def throughput(fn, matrices, runs):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for w in matrices:
            fn(w)
        best = min(best, time.perf_counter() - start)
    return sum(w.nbytes for w in matrices) / best / 1e6


KERNELS = {
    "int8-channel": per_channel_int8,
    "int4-g32": lambda w: blockwise_int4_sym(w, 32),
}


if __name__ == "__main__":
    k, n, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    mode = sys.argv[4] if len(sys.argv) > 4 else "1"
    rng = np.random.default_rng(0)
    matrices = [rng.standard_normal((k, n), dtype=np.float32) for _ in range(count)]
    if mode == "serve":
        print("ready", flush=True)
        for line in sys.stdin:
            print(json.dumps(throughput(KERNELS[line.strip()], matrices, 1)), flush=True)
    else:
        print(json.dumps({name: throughput(fn, matrices, int(mode)) for name, fn in KERNELS.items()}))
