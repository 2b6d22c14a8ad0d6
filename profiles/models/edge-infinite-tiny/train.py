"""Train EdgeInfinite-tiny on the synthetic long-context tasks (data.py).

Every batch is one random scenario (sink S, window W, chunk C; W % C == 0) and is trained with the
parallel form of the streaming model (model.forward_parallel): chunk k attends to the sinks, the W
tokens before it and itself (causal), and reads a memory holding every token evicted before it --
exactly what the exported step graph computes chunk by chunk, with full backpropagation through the
memory. 15 % of the sequences are trained with the memory gate closed (memory_gate = 0).

  # CPU smoke test (Debian python3-torch 1.13 is enough):
  python3 train.py --device cpu --steps 5 --batch_tokens 4096 --max_len 600 --eval_every 0 --log_every 1 --out /tmp/eit
  # GPU, time-limited runs resumed from the previous checkpoint (the exact history of the shipped
  # weights is in MODEL_CARD.md):
  python3 train.py --out $OUT --time_limit 420
  python3 train.py --resume ckpt --curve_in training_curve.csv --out $OUT --steps 24800 --decay_start 19800 ...

Batches are a pure function of (seed, step), so a resumed run sees the same data as an unbroken one.
"""
import argparse
import csv
import json
import math
import os
import queue
import threading
import time

import numpy as np
import torch
import torch.nn.functional as F

import data
from model import Config, EdgeInfiniteTiny, count_params

CURVE_FIELDS = ["step", "elapsed_s", "lr", "loss", "answer_loss", "context_loss", "answer_tok_acc",
                "tokens_per_s", "max_len", "S", "W", "C",
                "eval_pk_window_mem_on", "eval_pk_memory_mem_on", "eval_pk_memory_mem_off",
                "eval_mk_mem_on", "eval_ex_mem_on", "eval_n_window", "eval_n_memory"]


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--out", required=True)
    ap.add_argument("--resume", default=None, help="folder with model.pt (+ opt_a.pt, opt_b.pt)")
    ap.add_argument("--curve_in", default=None, help="existing training_curve.csv to append to")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--steps", type=int, default=10 ** 9, help="total step budget (LR schedule end)")
    ap.add_argument("--time_limit", type=float, default=1e9, help="stop (and save) after this many seconds")
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--min_lr_ratio", type=float, default=0.05)
    ap.add_argument("--warmup", type=int, default=150)
    ap.add_argument("--decay_start", type=int, default=None, help="linear decay from here to --steps")
    ap.add_argument("--batch_tokens", type=int, default=65536)
    ap.add_argument("--max_len", type=int, default=4608, help="longest training context (bytes)")
    ap.add_argument("--start_len", type=int, default=640, help="curriculum: longest context at step 0")
    ap.add_argument("--ramp_steps", type=int, default=1500, help="curriculum: steps to reach --max_len")
    ap.add_argument("--ramp_from", type=int, default=0, help="curriculum starts at this step (restart on resume)")
    ap.add_argument("--task_p", default="0.35,0.15,0.15,0.35", help="mix of passkey,multikey,extract,copy")
    ap.add_argument("--ctx_weight", type=float, default=0.1, help="weight of the LM loss on non-answer bytes")
    ap.add_argument("--log_every", type=int, default=25)
    ap.add_argument("--eval_every", type=int, default=250, help="0 = no quick eval (e.g. on CPU)")
    ap.add_argument("--save_every", type=int, default=500)
    return ap.parse_args()


def lr_at(a, step):
    if step < a.warmup:
        return a.lr * (step + 1) / a.warmup
    if a.decay_start is not None and step >= a.decay_start:
        frac = min(1.0, (step - a.decay_start) / max(1, a.steps - a.decay_start))
        return a.lr * (a.min_lr_ratio + (1 - a.min_lr_ratio) * (1 - frac))
    return a.lr


def max_len_at(a, step):
    frac = max(0, step - a.ramp_from) / max(1, a.ramp_steps)
    return int(min(a.max_len, a.start_len + (a.max_len - a.start_len) * frac))


def save_ckpt(model, opt, step, out, cfg):
    torch.save({"model": model.state_dict(), "config": cfg.to_dict(), "step": step}, os.path.join(out, "model.pt"))
    sd = opt.state_dict()
    for part, name in ((0, "opt_a.pt"), (1, "opt_b.pt")):  # split: files coming back are capped at 16 MiB
        st = {k: v for k, v in sd["state"].items() if k % 2 == part}
        torch.save({"state": st, "param_groups": sd["param_groups"]}, os.path.join(out, name))


def load_ckpt(model, opt, folder, device):
    ck = torch.load(os.path.join(folder, "model.pt"), map_location=device)
    model.load_state_dict(ck["model"])
    if opt is not None and os.path.exists(os.path.join(folder, "opt_a.pt")):
        a = torch.load(os.path.join(folder, "opt_a.pt"), map_location=device)
        b = torch.load(os.path.join(folder, "opt_b.pt"), map_location=device)
        st = dict(a["state"])
        st.update(b["state"])
        opt.load_state_dict({"state": st, "param_groups": a["param_groups"]})
    return ck["step"]


# ------------------------------------------------------------------ quick teacher-forced eval (PyTorch)
def eval_examples(seed=data.EVAL_SEED + 1):
    rng = np.random.default_rng(seed)
    pk = [data.make_passkey(rng, L, d) for L in (512, 1024, 2048, 4096) for d in np.linspace(0.05, 0.95, 12)]
    mk = [data.make_multikey(rng, L) for L in (1024, 2048, 4096) for _ in range(8)]
    ex = [data.make_extract(rng, L) for L in (1024, 2048, 4096) for _ in range(8)]
    return pk, mk, ex


@torch.no_grad()
def tf_exact(model, exs, S, W, C, gate, device, bsz=16):
    """Teacher-forced exact match (argmax at every answer byte and EOS) with the parallel model."""
    res = []
    for i in range(0, len(exs), bsz):
        grp = exs[i:i + bsz]
        toks = [data.tokens_of(e) for e in grp]
        T = ((max(len(t) for t, _ in toks) - 1 + C - 1) // C) * C
        x = torch.full((len(grp), T), data.PAD, dtype=torch.long)
        for j, (t, _) in enumerate(toks):
            x[j, :len(t) - 1] = torch.tensor(t[:-1])
        x = x.to(device)
        with torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
            lg = model.forward_parallel(x, S, W, C, torch.full((len(grp),), gate, device=device))
        pred = lg.argmax(-1).cpu()
        for j, (t, a) in enumerate(toks):
            res.append(bool((pred[j, a - 1:len(t) - 1] == torch.tensor(t[a:])).all()))
    return res


def quick_eval(model, sets, device):
    """Passkey 'window' bucket from (S4, W1024, C128), 'memory' buckets from (S4, W256, C64)."""
    pk, mk, ex = sets
    model.eval()
    mean = lambda v: round(float(np.mean(v)), 4) if len(v) else ""
    big = tf_exact(model, pk, 4, 1024, 128, 1.0, device)
    pw = [data.needle_place(e, 4, 1024, 128) for e in pk]
    on = tf_exact(model, pk, 4, 256, 64, 1.0, device)
    off = tf_exact(model, pk, 4, 256, 64, 0.0, device)
    pm = [data.needle_place(e, 4, 256, 64) for e in pk]
    r = {"eval_pk_window_mem_on": mean([o for o, p in zip(big, pw) if p == "window"]),
         "eval_pk_memory_mem_on": mean([o for o, p in zip(on, pm) if p == "memory"]),
         "eval_pk_memory_mem_off": mean([o for o, p in zip(off, pm) if p == "memory"]),
         "eval_mk_mem_on": mean(tf_exact(model, mk, 4, 256, 64, 1.0, device)),
         "eval_ex_mem_on": mean(tf_exact(model, ex, 4, 256, 64, 1.0, device)),
         "eval_n_window": pw.count("window"), "eval_n_memory": pm.count("memory")}
    model.train()
    return r


def main():
    a = get_args()
    os.makedirs(a.out, exist_ok=True)
    device = torch.device(a.device)
    torch.manual_seed(a.seed)
    if device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    cfg = Config()
    model = EdgeInfiniteTiny(cfg).to(device)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=a.lr, betas=(0.9, 0.95), eps=1e-8)
    step = load_ckpt(model, opt, a.resume, device) if a.resume else 0
    print(json.dumps({"params": count_params(model), "config": cfg.to_dict(), "start_step": step,
                      "torch": torch.__version__, "device": str(device)}), flush=True)
    curve_path = os.path.join(a.out, "training_curve.csv")
    rows = []
    if a.curve_in and os.path.exists(a.curve_in):
        with open(a.curve_in) as f:
            rows = [r for r in csv.DictReader(f) if int(r["step"]) <= step]
    t_offset = float(rows[-1]["elapsed_s"]) if rows else 0.0

    def write_curve():
        with open(curve_path, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=CURVE_FIELDS)
            w.writeheader()
            for r in rows:
                w.writerow({k: r.get(k, "") for k in CURVE_FIELDS})

    sets = eval_examples()
    # background batch producer (data generation overlaps GPU work)
    q = queue.Queue(maxsize=6)
    stop = threading.Event()

    def producer(s0):
        s = s0
        while not stop.is_set():
            b = data.make_batch(a.seed, s, max_len_at(a, s), a.batch_tokens,
                                task_p=tuple(float(v) for v in a.task_p.split(",")))
            while not stop.is_set():
                try:
                    q.put((s, b), timeout=0.5)
                    break
                except queue.Full:
                    pass
            s += 1

    th = threading.Thread(target=producer, args=(step,), daemon=True)
    th.start()
    t0 = time.time()
    acc = {"loss": 0.0, "ans": 0.0, "ctx": 0.0, "tacc": 0.0, "n": 0, "tok": 0}
    model.train()
    last_save = step
    while step < a.steps and time.time() - t0 < a.time_limit:
        s, b = q.get()
        assert s == step
        lr = lr_at(a, step)
        for g in opt.param_groups:
            g["lr"] = lr
        x = torch.from_numpy(b["x"]).to(device, non_blocking=True)
        y = torch.from_numpy(b["y"]).to(device, non_blocking=True)
        kind = torch.from_numpy(b["kind"]).to(device, non_blocking=True)
        gate = torch.from_numpy(b["gate"]).to(device, non_blocking=True)
        with torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
            logits = model.forward_parallel(x, b["S"], b["W"], b["C"], gate)
        ce = F.cross_entropy(logits.view(-1, logits.shape[-1]), y.view(-1), reduction="none").view_as(y)
        am, cm = (kind == 2).float(), (kind == 1).float()
        ans = (ce * am).sum() / am.sum().clamp(min=1)
        ctx = (ce * cm).sum() / cm.sum().clamp(min=1)
        loss = ans + a.ctx_weight * ctx
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        with torch.no_grad():
            tacc = (((logits.argmax(-1) == y).float() * am).sum() / am.sum().clamp(min=1))
        acc["loss"] += loss.item()
        acc["ans"] += ans.item()
        acc["ctx"] += ctx.item()
        acc["tacc"] += tacc.item()
        acc["n"] += 1
        acc["tok"] += int((kind > 0).sum().item())
        if step % a.log_every == 0 or step == a.steps:
            el = time.time() - t0
            n = acc["n"]
            row = {"step": step, "elapsed_s": round(t_offset + el, 1), "lr": f"{lr:.3e}",
                   "loss": round(acc["loss"] / n, 4), "answer_loss": round(acc["ans"] / n, 4),
                   "context_loss": round(acc["ctx"] / n, 4), "answer_tok_acc": round(acc["tacc"] / n, 4),
                   "tokens_per_s": int(acc["tok"] / max(1e-6, el - acc.get("t_last", 0.0))),
                   "max_len": max_len_at(a, step), "S": b["S"], "W": b["W"], "C": b["C"]}
            acc = {"loss": 0.0, "ans": 0.0, "ctx": 0.0, "tacc": 0.0, "n": 0, "tok": 0, "t_last": el}
            if a.eval_every and step % a.eval_every == 0:
                row.update(quick_eval(model, sets, device))
            rows.append(row)
            print(json.dumps(row), flush=True)
            write_curve()
        if step - last_save >= a.save_every:
            save_ckpt(model, opt, step, a.out, cfg)
            last_save = step
    stop.set()
    row = {"step": step, "elapsed_s": round(t_offset + time.time() - t0, 1), "lr": f"{lr_at(a, step):.3e}"}
    if a.eval_every:
        row.update(quick_eval(model, sets, device))
    rows.append(row)
    print("final", json.dumps(row), flush=True)
    write_curve()
    save_ckpt(model, opt, step, a.out, cfg)
    print(f"saved step {step} after {time.time() - t0:.1f}s", flush=True)


if __name__ == "__main__":
    main()
