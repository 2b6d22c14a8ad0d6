"""Task accuracy of the exported ONNX graphs (onnxruntime, greedy decoding) on the held-out eval sets.

  python3 eval.py --make_sets               # (re)write eval/{passkey,multikey,extract}.jsonl (seed data.EVAL_SEED)
  python3 eval.py --procs 16 --out .        # run every setting, write results.json / results.md / eval_predictions.jsonl

Settings: the full-context reference graph, and the streaming graph for several (sink, window, chunk)
with the memory gate open (memory on) or closed (memory off). For each example and setting the needle
is classified (data.needle_place) as 'window' (every answer step still sees it in the cache),
'memory' (it left the window before the last prefill chunk) or 'partial'.
Scores: exact match of the answer (passkey, multikey, extract) and keyword recall (extract).
"""
import argparse
import json
import os
import time
from multiprocessing import Pool

import numpy as np

import data
from run_onnx import StreamRunner, FullRunner, encode_prompt, decode_bytes

HERE = os.path.dirname(os.path.abspath(__file__))
SETTINGS = [  # name, sink, window, chunk, memory
    ("full", None, None, None, None),
    ("S4-W1024-C128-mem_on", 4, 1024, 128, True), ("S4-W1024-C128-mem_off", 4, 1024, 128, False),
    ("S4-W256-C64-mem_on", 4, 256, 64, True), ("S4-W256-C64-mem_off", 4, 256, 64, False),
    ("S4-W64-C32-mem_on", 4, 64, 32, True), ("S4-W64-C32-mem_off", 4, 64, 32, False),
]
N_LAYERS = 4  # model.Config().n_layers
CHANCE = {"passkey": 1 / 90000, "multikey": 1 / 90000, "extract": 0.0}

_sess = {}


def _runner(stream_path, full_path, st):
    name, S, W, C, mem = st
    import onnxruntime as ort
    key = "full" if S is None else "stream"
    if key not in _sess:
        so = ort.SessionOptions()
        so.intra_op_num_threads = 1
        so.inter_op_num_threads = 1
        _sess[key] = ort.InferenceSession(full_path if key == "full" else stream_path, so,
                                          providers=["CPUExecutionProvider"])
    if S is None:
        return FullRunner(None, sess=_sess["full"])
    return StreamRunner(None, S, W, C, memory=mem, sess=_sess["stream"])


def _work(job):
    stream_path, full_path, st, ex = job
    r = _runner(stream_path, full_path, st)
    t0 = time.time()
    out = r.generate(encode_prompt(ex["prompt"]), max_new_tokens=len(ex["answer"]) + 4)
    pred = decode_bytes(out)
    name, S, W, C, _ = st
    place = "window" if S is None else data.needle_place(ex, S, W, C)
    row = {"setting": name, "task": ex["task"], "context_length": ex["context_length"],
           "needle_depth": ex["needle_depth"], "place": place, "answer": ex["answer"], "prediction": pred,
           "exact": pred.strip() == ex["answer"], "seconds": round(time.time() - t0, 3),
           "windows_beyond": None if S is None else round(data.windows_beyond(ex, W, C), 3)}
    if ex["task"] == "extract":
        ref = ex["answer"].split(", ")
        got = [w.strip() for w in pred.split(",")]
        row["keyword_recall"] = sum(w in got for w in ref) / len(ref)
    return row


def summarise(rows):
    res = {}
    for name, *_ in SETTINGS:
        rs = [r for r in rows if r["setting"] == name]
        if not rs:
            continue
        d = {}
        for task in data.TASKS:
            tr = [r for r in rs if r["task"] == task]
            e = {"n": len(tr), "exact": float(np.mean([r["exact"] for r in tr])) if tr else None}
            for p in ("window", "memory", "partial"):
                pr = [r["exact"] for r in tr if r["place"] == p]
                e[f"n_{p}"] = len(pr)
                e[f"exact_{p}"] = float(np.mean(pr)) if pr else None
            # 'far': beyond the receptive field of the stacked window layers (n_layers * W)
            pr = [r["exact"] for r in tr if r["place"] == "memory" and r.get("windows_beyond") is not None
                  and r["windows_beyond"] >= N_LAYERS]
            e["n_far"], e["exact_far"] = len(pr), (float(np.mean(pr)) if pr else None)
            if task == "extract" and tr:
                e["keyword_recall"] = float(np.mean([r["keyword_recall"] for r in tr]))
            if task == "passkey":
                e["by_length"] = {L: float(np.mean([r["exact"] for r in tr if r["context_length"] == L]))
                                  for L in sorted({r["context_length"] for r in tr})}
            d[task] = e
        d["seconds"] = round(sum(r["seconds"] for r in rs), 1)
        res[name] = d
    return res


def fmt(v, n=None):
    if v is None:
        return "–"
    s = f"{100 * v:.1f}"
    return f"{s} ({n})" if n is not None else s


def markdown(res, meta):
    L = ["# EdgeInfinite-tiny: task accuracy (onnxruntime, greedy, held-out eval sets)", "",
         f"Graphs: `{meta['stream']}` / `{meta['full']}`; onnxruntime {meta['ort']}; eval sets: "
         f"{meta['counts']}. Exact match in %, (n) = number of examples in that bucket. "
         "'window' = the needle is inside the sink+window cache for every answer step; 'memory' = the "
         "needle left the window before the last prefill chunk (only the compressed memory can hold it); "
         "'far' = the part of 'memory' where the needle lies more than n_layers x W = 4W before the window "
         "(beyond the receptive field of the stacked window layers, so only the memory can carry it); "
         f"'partial' = in between. Chance for a 5-digit pass key is {100 / 90000:.4f} %.", "",
         "| setting | passkey window | passkey memory | passkey far | passkey partial | passkey all | multikey window | multikey memory | multikey all | extract exact | extract keyword recall |",
         "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, d in res.items():
        p, m, e = d["passkey"], d["multikey"], d["extract"]
        L.append(f"| {name} | {fmt(p['exact_window'], p['n_window'])} | {fmt(p['exact_memory'], p['n_memory'])} | "
                 f"{fmt(p['exact_far'], p['n_far'])} | "
                 f"{fmt(p['exact_partial'], p['n_partial'])} | {fmt(p['exact'])} | {fmt(m['exact_window'], m['n_window'])} | "
                 f"{fmt(m['exact_memory'], m['n_memory'])} | {fmt(m['exact'])} | {fmt(e['exact'])} | {fmt(e.get('keyword_recall'))} |")
    L += ["", "Passkey exact match by context length (bytes, BOS included):", "",
          "| setting | " + " | ".join(str(k) for k in next(iter(res.values()))["passkey"]["by_length"]) + " |",
          "|---|" + "---|" * len(next(iter(res.values()))["passkey"]["by_length"])]
    for name, d in res.items():
        L.append(f"| {name} | " + " | ".join(fmt(v) for v in d["passkey"]["by_length"].values()) + " |")
    return "\n".join(L) + "\n"


def resummarise(a):
    """Recompute the tables from saved predictions (adds fields introduced after the run)."""
    exs = {}
    for task in data.TASKS:
        for e in data.read_jsonl(os.path.join(a.sets, f"{task}.jsonl")):
            exs[(task, e["context_length"], e["needle_depth"], e["answer"])] = e
    st = {s[0]: s for s in SETTINGS}
    rows = data.read_jsonl(a.resummarise)
    for r in rows:
        name, S, W, C, _ = st[r["setting"]]
        if S is not None:
            r["windows_beyond"] = round(data.windows_beyond(exs[(r["task"], r["context_length"], r["needle_depth"], r["answer"])], W, C), 3)
    old = json.load(open(os.path.join(os.path.dirname(a.resummarise), "results.json")))
    res = summarise(rows)
    write_results(a.out, old["meta"], old["settings"], res, rows)


def write_results(out, meta, settings, res, rows):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"meta": meta, "settings": settings, "results": res}, f, indent=1)
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write(markdown(res, meta))
    with open(os.path.join(out, "eval_predictions.jsonl"), "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    print(markdown(res, meta))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--make_sets", action="store_true")
    ap.add_argument("--stream", default=os.path.join(HERE, "edge_infinite_tiny_stream.onnx"))
    ap.add_argument("--full", default=os.path.join(HERE, "edge_infinite_tiny_full.onnx"))
    ap.add_argument("--sets", default=os.path.join(HERE, "eval"))
    ap.add_argument("--out", default=HERE)
    ap.add_argument("--procs", type=int, default=os.cpu_count())
    ap.add_argument("--limit", type=int, default=0, help="first N examples per task (quick check)")
    ap.add_argument("--settings", default="", help="comma-separated subset of setting names")
    ap.add_argument("--resummarise", default="", help="rebuild results.* from an eval_predictions.jsonl")
    a = ap.parse_args()
    if a.resummarise:
        return resummarise(a)
    if a.make_sets:
        os.makedirs(a.sets, exist_ok=True)
        for task, rows in data.make_eval_sets().items():
            data.write_jsonl(os.path.join(a.sets, f"{task}.jsonl"), rows)
            print(task, len(rows))
        return
    exs = []
    for task in data.TASKS:
        rows = data.read_jsonl(os.path.join(a.sets, f"{task}.jsonl"))
        exs += rows[:a.limit] if a.limit else rows
    sts = [s for s in SETTINGS if not a.settings or s[0] in a.settings.split(",")]
    # longest jobs first for a better spread over the pool
    jobs = sorted([(a.stream, a.full, st, ex) for st in sts for ex in exs],
                  key=lambda j: -j[3]["context_length"] / (j[2][3] or 512))
    t0 = time.time()
    with Pool(a.procs) as pool:
        rows = pool.map(_work, jobs, chunksize=1)
    res = summarise(rows)
    import onnxruntime as ort
    counts = {t: sum(e["task"] == t for e in exs) for t in data.TASKS}
    meta = {"stream": os.path.basename(a.stream), "full": os.path.basename(a.full), "ort": ort.__version__,
            "counts": counts, "wall_seconds": round(time.time() - t0, 1), "procs": a.procs}
    write_results(a.out, meta, {s[0]: {"sink": s[1], "window": s[2], "chunk": s[3], "memory": s[4]} for s in sts},
                  res, rows)
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
