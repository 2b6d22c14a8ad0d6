"""The quantize-* benchmarks' baseline: the same algorithms as electron/core/graphs/quant/
weight-kernels.ts, vectorised with numpy. Prints one JSON line of MB/s (of float32 input)."""
import json
import sys
import time

import numpy as np


def per_channel_int8(w):
    scale = np.abs(w).max(axis=0) / 127
    scale[scale == 0] = 1
    return np.rint(w / scale).astype(np.int8), scale.astype(np.float32)


def blockwise_int4_sym(w, block):
    k, n = w.shape
    blocks = w.T.reshape(n, k // block, block)
    scale = np.abs(blocks).max(axis=-1) / 7
    scale[scale == 0] = 1
    q = np.clip(np.rint(blocks / scale[..., None]) + 8, 0, 15).astype(np.uint8)
    packed = q[..., 0::2] | (q[..., 1::2] << 4)
    return packed, scale.astype(np.float32)


def throughput(fn, matrices):
    start = time.perf_counter()
    for w in matrices:
        fn(w)
    seconds = time.perf_counter() - start
    return sum(w.nbytes for w in matrices) / seconds / 1e6


if __name__ == "__main__":
    k, n, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    rng = np.random.default_rng(0)
    matrices = [rng.standard_normal((k, n), dtype=np.float32) for _ in range(count)]
    print(json.dumps({
        "int8-channel": throughput(per_channel_int8, matrices),
        "int4-g32": throughput(lambda w: blockwise_int4_sym(w, 32), matrices),
    }))
