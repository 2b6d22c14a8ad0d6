"""Export EdgeInfinite-tiny to ONNX (float32) and check both graphs against PyTorch with onnxruntime.

  python3 export.py --ckpt model.pt --out . [--verify]

Writes edge_infinite_tiny_stream.onnx (fixed-shape streaming graph: sink + window cache + memory)
and edge_infinite_tiny_full.onnx (full-context reference), and export_report.json.
Tries the dynamo exporter at the highest opset first, then lower opsets, then the TorchScript
exporter; the first graph pair that onnxruntime runs and that matches PyTorch is kept.
"""
import argparse
import json
import os
import sys
import time
import traceback

import numpy as np
import torch
import torch.nn as nn

from model import Config, EdgeInfiniteTiny, BOS, PAD

STREAM_FILE = "edge_infinite_tiny_stream.onnx"
FULL_FILE = "edge_infinite_tiny_full.onnx"


def stream_io(L):
    ins = ["input_ids", "position_ids", "past_mask", "chunk_mask", "sink_size", "memory_gate"]
    outs = ["logits"]
    for i in range(L):
        ins += [f"past_key_values.{i}.key", f"past_key_values.{i}.value"]
        outs += [f"present.{i}.key", f"present.{i}.value"]
    for i in range(L):
        ins += [f"memory.{i}.matrix", f"memory.{i}.norm"]
        outs += [f"present_memory.{i}.matrix", f"present_memory.{i}.norm"]
    outs += ["present_mask"]
    return ins, outs


def full_io(L):
    ins = ["input_ids", "attention_mask", "position_ids"]
    outs = ["logits"]
    for i in range(L):
        ins += [f"past_key_values.{i}.key", f"past_key_values.{i}.value"]
        outs += [f"present.{i}.key", f"present.{i}.value"]
    return ins, outs


def _flat_module(fn, names, model):
    """nn.Module whose forward has one named argument per graph input (works with every exporter)."""
    py = [n.replace(".", "_") for n in names]
    ns = {}
    exec(f"def forward(self, {', '.join(py)}):\n    return self._fn({', '.join(py)})\n", ns)
    cls = type("Flat", (nn.Module,), {"forward": ns["forward"]})
    m = cls()
    m.model = model  # registered, so its weights become graph initializers
    m._fn = fn
    return m, py


def stream_module(model):
    L = model.cfg.n_layers

    def fn(input_ids, position_ids, past_mask, chunk_mask, sink_size, memory_gate, *rest):
        kv = [(rest[2 * i], rest[2 * i + 1]) for i in range(L)]
        mem = [(rest[2 * L + 2 * i], rest[2 * L + 2 * i + 1]) for i in range(L)]
        logits, pres, pmem, pmask = model.step(input_ids, position_ids, past_mask, chunk_mask, sink_size,
                                               memory_gate, kv, mem)
        out = [logits]
        for k, v in pres:
            out += [k, v]
        for M, z in pmem:
            out += [M, z]
        return tuple(out + [pmask])
    return _flat_module(fn, stream_io(L)[0], model)


def full_module(model):
    L = model.cfg.n_layers

    def fn(input_ids, attention_mask, position_ids, *rest):
        kv = [(rest[2 * i], rest[2 * i + 1]) for i in range(L)]
        logits, pres = model.full(input_ids, attention_mask, position_ids, kv)
        out = [logits]
        for k, v in pres:
            out += [k, v]
        return tuple(out)
    return _flat_module(fn, full_io(L)[0], model)


def stream_example(cfg, C=7, S=5, W=16):
    N = S + W
    H, hd, dk, L = cfg.n_heads, cfg.head_dim, cfg.mem_key_dim, cfg.n_layers
    g = torch.Generator().manual_seed(0)
    pm = torch.zeros(1, N)
    pm[0, :3] = 1
    pm[0, N - 9:] = 1
    args = [torch.randint(0, 256, (1, C), generator=g), torch.arange(20, 20 + C).view(1, C), pm,
            torch.ones(1, C), torch.tensor([S]), torch.tensor([1.0])]
    args += [torch.randn(1, H, N, hd, generator=g) * 0.1 for _ in range(2 * L)]
    for _ in range(L):
        args += [torch.rand(1, H, dk, hd, generator=g), torch.rand(1, H, dk, generator=g) + 1]
    return tuple(args)


def full_example(cfg, T=7, P=5):
    H, hd, L = cfg.n_heads, cfg.head_dim, cfg.n_layers
    g = torch.Generator().manual_seed(0)
    args = [torch.randint(0, 256, (1, T), generator=g), torch.ones(1, P + T, dtype=torch.long),
            torch.arange(P, P + T).view(1, T)]
    args += [torch.randn(1, H, P, hd, generator=g) * 0.1 for _ in range(2 * L)]
    return tuple(args)


def dims_stream(L):
    """(input name -> {axis: dim name}), (output name -> {axis: dim name})."""
    din = {"input_ids": {1: "chunk_length"}, "position_ids": {1: "chunk_length"},
           "past_mask": {1: "cache_length"}, "chunk_mask": {1: "chunk_length"}}
    dout = {"logits": {1: "chunk_length"}, "present_mask": {1: "cache_length"}}
    for i in range(L):
        for kv in ("key", "value"):
            din[f"past_key_values.{i}.{kv}"] = {2: "cache_length"}
            dout[f"present.{i}.{kv}"] = {2: "cache_length"}
    return din, dout


def dims_full(L):
    din = {"input_ids": {1: "sequence_length"}, "attention_mask": {1: "total_sequence_length"},
           "position_ids": {1: "sequence_length"}}
    dout = {"logits": {1: "sequence_length"}}
    for i in range(L):
        for kv in ("key", "value"):
            din[f"past_key_values.{i}.{kv}"] = {2: "past_sequence_length"}
            dout[f"present.{i}.{kv}"] = {2: "total_sequence_length"}
    return din, dout


def export_one(module, py_names, args, path, in_names, out_names, din, dout, opset, dynamo):
    if dynamo:
        import inspect
        Dim = torch.export.Dim
        dyn = getattr(Dim, "DYNAMIC", None) or getattr(Dim, "AUTO", None)
        ds = {}
        for pn, n in zip(py_names, in_names):
            ds[pn] = {ax: (dyn if dyn is not None else Dim(nm)) for ax, nm in din.get(n, {}).items()} or None
        kw = {k: v for k, v in {"external_data": False, "optimize": True, "verify": False}.items()
              if k in inspect.signature(torch.onnx.export).parameters}
        torch.onnx.export(module, args, path, input_names=in_names, output_names=out_names,
                          dynamic_shapes=ds, opset_version=opset, dynamo=True, **kw)
    else:
        axes = {n: d for n, d in list(din.items()) + list(dout.items())}
        kw = {"dynamo": False} if "dynamo" in torch.onnx.export.__code__.co_varnames else {}
        torch.onnx.export(module, args, path, input_names=in_names, output_names=out_names,
                          dynamic_axes=axes, opset_version=opset, do_constant_folding=True, **kw)


def postprocess(path, in_names, out_names, din, dout, meta):
    """Pin optimum-style names (by position), name the symbolic dims, add metadata, single file."""
    import onnx
    m = onnx.load(path, load_external_data=True)
    g = m.graph
    real_in = [i for i in g.input if i.name not in {x.name for x in g.initializer}]
    ren = {}
    for vi, want in zip(real_in, in_names):
        ren[vi.name] = want
    for vi, want in zip(g.output, out_names):
        ren[vi.name] = want
    ren = {k: v for k, v in ren.items() if k != v}
    if ren:
        for node in g.node:
            node.input[:] = [ren.get(x, x) for x in node.input]
            node.output[:] = [ren.get(x, x) for x in node.output]
        for vi in list(real_in) + list(g.output) + list(g.value_info):
            vi.name = ren.get(vi.name, vi.name)
    assert [i.name for i in real_in] == in_names, [i.name for i in real_in]
    assert [o.name for o in g.output] == out_names, [o.name for o in g.output]
    sym = {}
    for vis, dd in ((real_in, din), (g.output, dout)):
        for vi in vis:
            dims = vi.type.tensor_type.shape.dim
            for ax, d in enumerate(dims):
                want = dd.get(vi.name, {}).get(ax)
                if want is not None:
                    if d.dim_param and d.dim_param != want:
                        sym.setdefault(d.dim_param, want)
                    d.dim_param = want
                elif d.dim_param:  # a dim the exporter left symbolic but which is static for us
                    pass
    for vi in g.value_info:  # rename exporter symbols (s0, s1, ...) consistently in intermediate shapes
        for d in vi.type.tensor_type.shape.dim:
            if d.dim_param in sym:
                d.dim_param = sym[d.dim_param]
    del m.metadata_props[:]
    for k, v in meta.items():
        p = m.metadata_props.add()
        p.key, p.value = k, v if isinstance(v, str) else json.dumps(v)
    onnx.checker.check_model(m)
    if os.path.exists(path + ".data"):
        os.remove(path + ".data")
    onnx.save(m, path, save_as_external_data=False)
    return m.opset_import[0].version if m.opset_import else None


# ------------------------------------------------------------------ verification
def torch_stream(model, tokens, S, W, C, gate, n_decode):
    kv, mem, pm = model.empty_state(1, S + W)
    lgs, pos = [], 0
    seq = []
    prompt, dec = tokens[:len(tokens) - n_decode], tokens[len(tokens) - n_decode:]
    for i in range(0, len(prompt), C):
        seq.append((prompt[i:i + C], C))
    seq += [([t], 1) for t in dec]
    with torch.no_grad():
        for toks, CC in seq:
            n = len(toks)
            x = torch.full((1, CC), PAD, dtype=torch.long)
            x[0, :n] = torch.tensor(toks)
            cm = torch.zeros(1, CC)
            cm[0, :n] = 1
            lg, kv, mem, pm = model.step(x, (pos + torch.arange(CC)).view(1, CC), pm, cm, torch.tensor([S]),
                                         torch.tensor([gate]), kv, mem)
            lgs.append(lg[0, :n].numpy())
            pos += n
    return np.concatenate(lgs, 0), [(M.numpy(), z.numpy()) for M, z in mem]


def verify(model, stream_path, full_path, tokens):
    from run_onnx import StreamRunner, FullRunner
    rep = {}
    n_dec = 6
    for (S, W, C, gate) in [(4, 128, 32, 1.0), (4, 128, 32, 0.0), (4, 256, 64, 1.0), (0, 64, 16, 1.0)]:
        ref, ref_mem = torch_stream(model, tokens, S, W, C, gate, n_dec)
        r = StreamRunner(stream_path, S, W, C, memory=gate > 0, threads=4)
        t0 = time.time()
        got = [r.prefill(tokens[:-n_dec], all_logits=True)] + [r.decode_step(t)[None] for t in tokens[-n_dec:]]
        dt = time.time() - t0
        got = np.concatenate(got, 0)
        dmem = max(float(np.abs(r.state[f"memory.{i}.matrix"][0] - ref_mem[i][0][0]).max()) for i in range(len(ref_mem)))
        rep[f"stream S={S} W={W} C={C} gate={gate}"] = {
            "max_abs_diff_logits": float(np.abs(got - ref).max()), "max_abs_diff_memory": dmem,
            "tokens": len(tokens), "calls": r.calls, "ort_seconds": round(dt, 3)}
    # full-context graph: prefill in one call, then one token at a time
    with torch.no_grad():
        kv = [(torch.zeros(1, model.cfg.n_heads, 0, model.cfg.head_dim),) * 2 for _ in range(model.cfg.n_layers)]
        T = len(tokens)
        ref, _ = model.full(torch.tensor([tokens]), torch.ones(1, T, dtype=torch.long), torch.arange(T).view(1, T), kv)
        ref = ref[0].numpy()
    fr = FullRunner(full_path, threads=4)
    got = np.concatenate([fr.feed(tokens[:-n_dec])] + [fr.feed([t]) for t in tokens[-n_dec:]], 0)
    rep["full prefill+decode"] = {"max_abs_diff_logits": float(np.abs(got - ref).max()), "tokens": T}
    # consistency: streaming graph with a cache larger than the text (nothing evicted) == full graph
    r = StreamRunner(stream_path, 4, T + 4, 64, memory=True, threads=4)
    got2 = r.prefill(tokens, all_logits=True)
    rep["stream(no eviction) vs full graph"] = {"max_abs_diff_logits": float(np.abs(got2 - got).max())}
    return rep


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--out", default=".")
    ap.add_argument("--opsets", default="23,22,21,20,19,18")
    ap.add_argument("--legacy_opsets", default="20,18,17")
    ap.add_argument("--no_dynamo", action="store_true")
    ap.add_argument("--tol", type=float, default=1e-3)
    ap.add_argument("--no_verify", action="store_true", help="export only (e.g. where onnxruntime is missing)")
    a = ap.parse_args()
    ck = torch.load(a.ckpt, map_location="cpu")
    cfg = Config(**ck["config"])
    model = EdgeInfiniteTiny(cfg).eval()
    model.load_state_dict(ck["model"])
    model.requires_grad_(False)
    L = cfg.n_layers
    import data
    rng = np.random.default_rng(7)
    ex = data.make_passkey(rng, 900, 0.3)
    tokens = [BOS] + data.encode(ex["prompt"]) + data.encode(ex["answer"])
    attempts = []
    if not a.no_dynamo:
        attempts += [(o, True) for o in map(int, a.opsets.split(","))]
    attempts += [(o, False) for o in map(int, a.legacy_opsets.split(","))]
    report = {"torch": torch.__version__, "attempts": []}
    os.makedirs(a.out, exist_ok=True)
    sp, fp = os.path.join(a.out, STREAM_FILE), os.path.join(a.out, FULL_FILE)
    for opset, dyn in attempts:
        tag = f"{'dynamo' if dyn else 'torchscript'} opset {opset}"
        try:
            t0 = time.time()
            with torch.no_grad():
                sm, spy = stream_module(model)
                si, so = stream_io(L)
                export_one(sm, spy, stream_example(cfg), sp, si, so, *dims_stream(L), opset, dyn)
                fm, fpy = full_module(model)
                fi, fo = full_io(L)
                export_one(fm, fpy, full_example(cfg), fp, fi, fo, *dims_full(L), opset, dyn)
            meta = {"edge_studio.model": "edge-infinite-tiny", "edge_studio.config": cfg.to_dict(),
                    "edge_studio.exporter": tag, "edge_studio.tokenizer": "bytes 0-255, PAD=256 BOS=257 EOS=258 SEP=259"}
            got_s = postprocess(sp, si, so, *dims_stream(L), dict(meta, **{"edge_studio.graph": "stream"}))
            got_f = postprocess(fp, fi, fo, *dims_full(L), dict(meta, **{"edge_studio.graph": "full"}))
            rep = {} if a.no_verify else verify(model, sp, fp, tokens)
            worst = max([v["max_abs_diff_logits"] for v in rep.values()] or [float("nan")])
            ok = a.no_verify or worst < a.tol
            report["attempts"].append({"exporter": tag, "opset_stream": got_s, "opset_full": got_f, "ok": ok,
                                       "worst_max_abs_diff": worst, "seconds": round(time.time() - t0, 1),
                                       "verify": rep})
            print(json.dumps(report["attempts"][-1]), flush=True)
            if ok:
                report.update({"exporter": tag, "opset": got_s, "verify": rep,
                               "sizes_bytes": {STREAM_FILE: os.path.getsize(sp), FULL_FILE: os.path.getsize(fp)}})
                break
        except Exception as e:  # keep trying lower opsets / the other exporter
            report["attempts"].append({"exporter": tag, "ok": False, "error": f"{type(e).__name__}: {str(e)[:800]}"})
            print(json.dumps(report["attempts"][-1]), flush=True)
            traceback.print_exc(limit=3)
    with open(os.path.join(a.out, "export_report.json"), "w") as f:
        json.dump(report, f, indent=1)
    print(json.dumps({k: v for k, v in report.items() if k != "attempts"}, indent=1))
    return 0 if "exporter" in report else 1


if __name__ == "__main__":
    sys.exit(main())
