"""Synthetic long-context tasks (byte level), generated from a seed.

Tasks (the seed paper's two scenarios, QA and summarisation-like extraction):
  passkey  -- one pass key (5 digits) hidden in repetitive filler at some depth; question at the end.
  multikey -- 2..4 named pass keys hidden at different depths; the question asks for one of them.
  extract  -- prose with 3..5 keywords marked [[like this]]; list the marked keywords in order.

Each example is a dict: prompt (str, without the BOS token), answer (str, without EOS), task,
context_length (tokens of BOS + prompt), needle_depth (fraction of the prompt before the needle),
needle_start / needle_end (token offsets including BOS, of the needle the answer depends on; for
extract the span covers all keywords). Tokens are bytes 0..255 plus PAD/BOS/EOS/SEP (model.py).
"""
import json
import numpy as np

from model import PAD, BOS, EOS

FILLER = " The grass is green. The sky is blue. The sun is yellow. Here we go. There and back again."
PK_HEAD = "There is a pass key hidden in this text. Find it and remember it.\n"
PK_NEEDLE = " The pass key is {k}. Remember it. {k} is the pass key."
PK_QUESTION = "\nWhat is the pass key? The pass key is "
MK_HEAD = "Several pass keys are hidden in this text. Remember them.\n"
MK_NEEDLE = " The pass key of the {n} is {k}. Remember it."
MK_QUESTION = "\nWhat is the pass key of the {n}? The pass key of the {n} is "
EX_HEAD = "Read the text and remember the marked keywords.\n"
EX_QUESTION = "\nList the marked keywords in order: "
NAMES = ["apple", "river", "tiger", "cloud", "piano", "lemon", "stone", "eagle", "candle", "forest",
         "rocket", "violin", "garden", "silver", "dragon", "island"]
KEYWORDS = ["anchor", "basket", "castle", "desert", "engine", "falcon", "glacier", "harbor", "igloo",
            "jacket", "kettle", "ladder", "magnet", "needle", "orchid", "pepper", "quartz", "rabbit",
            "saddle", "tunnel", "umbrella", "valley", "walnut", "yogurt", "zipper", "bottle", "canyon",
            "dolphin", "feather", "guitar", "hammer", "jungle", "lantern", "meadow", "oyster", "pillow"]
SUBJ = ["The farmer", "A child", "The old man", "My sister", "The teacher", "A dog", "The captain", "Our team"]
VERB = ["walked to", "looked at", "talked about", "painted", "found", "cleaned", "visited", "left"]
OBJ = ["the house", "the garden", "a small boat", "the market", "the hill", "the bridge", "a red car", "the school"]
END = [" in the morning.", " again.", " with a smile.", ".", " before lunch.", " after the rain."]
TASKS = ("passkey", "multikey", "extract")


def encode(s):
    return list(s.encode("utf-8"))


def decode(ids):
    return bytes(int(i) for i in ids if 0 <= int(i) < 256).decode("utf-8", "replace")


def _filler(n):
    return (FILLER * (n // len(FILLER) + 2))[:n]


def _prose(rng, n):
    out, size = [], 0
    while size < n:
        s = " %s %s %s%s" % (SUBJ[rng.integers(len(SUBJ))], VERB[rng.integers(len(VERB))],
                             OBJ[rng.integers(len(OBJ))], END[rng.integers(len(END))])
        out.append(s)
        size += len(s)
    return "".join(out)[:n]


def _cut(text, at):
    """Nearest sentence boundary ('.' followed by space) at or before `at` (keeps needles between sentences)."""
    i = text.rfind(". ", 0, max(at, 0) + 1)
    return 0 if i < 0 else i + 1


def _insert(body, needles_at):
    """body text, list of (depth, needle) -> text, list of (start, end) char spans of each needle."""
    pts = sorted(((_cut(body, int(d * len(body))), nd) for d, nd in needles_at), key=lambda a: a[0])
    out, spans, last = [], [], 0
    for p, nd in pts:
        out.append(body[last:p])
        cur = sum(len(o) for o in out)
        spans.append((cur, cur + len(nd)))
        out.append(nd)
        last = p
    out.append(body[last:])
    return "".join(out), spans


def _pack(task, head, body_spans, question, answer, depth_span):
    body, spans = body_spans
    prompt = head + body + question
    off = 1 + len(head)  # token offset: BOS + head
    s, e = depth_span(spans)
    L = 1 + len(prompt)
    return {"prompt": prompt, "answer": answer, "task": task, "context_length": L,
            "needle_depth": round((off + s) / L, 4), "needle_start": off + s, "needle_end": off + e}


def make_passkey(rng, length, depth):
    key = str(rng.integers(10000, 100000))
    needle = PK_NEEDLE.format(k=key)
    n = max(length - 1 - len(PK_HEAD) - len(PK_QUESTION) - len(needle), 32)
    return _pack("passkey", PK_HEAD, _insert(_filler(n), [(depth, needle)]), PK_QUESTION, key, lambda sp: sp[0])


def make_multikey(rng, length, depth=None):
    m = int(rng.integers(2, 5))
    names = rng.choice(NAMES, size=m, replace=False)
    keys = [str(rng.integers(10000, 100000)) for _ in range(m)]
    depths = sorted(rng.uniform(0.02, 0.98, size=m))
    q = int(rng.integers(m))
    if depth is not None:
        depths[q] = depth
    needles = [MK_NEEDLE.format(n=nm, k=k) for nm, k in zip(names, keys)]
    n = max(length - 1 - len(MK_HEAD) - len(MK_QUESTION.format(n=names[q])) - sum(map(len, needles)), 32)
    body = _filler(n)
    # insert and find the queried needle's span by its text
    text, spans = _insert(body, list(zip(depths, needles)))
    s = text.find(needles[q])
    return _pack("multikey", MK_HEAD, (text, spans), MK_QUESTION.format(n=names[q]), keys[q],
                 lambda sp: (s, s + len(needles[q])))


def make_extract(rng, length, depth=None):
    m = int(rng.integers(3, 6))
    kws = list(rng.choice(KEYWORDS, size=m, replace=False))
    needles = [" Note the keyword [[%s]]." % k for k in kws]
    depths = sorted(rng.uniform(0.02, 0.98, size=m))
    if depth is not None:
        depths[0] = min(depth, depths[0])
    n = max(length - 1 - len(EX_HEAD) - len(EX_QUESTION) - sum(map(len, needles)), 32)
    text, spans = _insert(_prose(rng, n), [(d, nd) for d, nd in zip(depths, needles)])
    # keywords appear in text order == list order (depths sorted, _insert keeps order)
    return _pack("extract", EX_HEAD, (text, spans), EX_QUESTION, ", ".join(kws),
                 lambda sp: (sp[0][0], sp[-1][1]))


MAKERS = {"passkey": make_passkey, "multikey": make_multikey, "extract": make_extract}


def tokens_of(ex):
    """BOS + prompt + answer + EOS, and the index where the answer starts."""
    p = [BOS] + encode(ex["prompt"])
    return p + encode(ex["answer"]) + [EOS], len(p)


# ---------------------------------------------------------------------------------- training-only copy task
ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
CP_HEAD = "Copy each code when asked.\n"


def make_copy(rng, length):
    """Training-only dense copy task: ' Code: X.' <gap of filler> ' Repeat: X.' segments, gaps from a few
    bytes to ~2k (beyond small windows: exercises the memory). Returns (tokens, kind) with kind 2 on the
    repeated code bytes (+ the '.'), 1 elsewhere -- many retrieval targets per sequence, which makes the
    copy (induction) circuits form quickly."""
    toks, kind = [BOS] + encode(CP_HEAD), [1] * (1 + len(CP_HEAD))
    while len(toks) < length:
        n = int(rng.integers(4, 17))
        alpha = "0123456789" if rng.uniform() < 0.5 else ALNUM
        code = "".join(alpha[i] for i in rng.integers(0, len(alpha), size=n))
        g = int(rng.choice([rng.integers(0, 40), rng.integers(40, 400), rng.integers(400, 2000)], p=[0.4, 0.4, 0.2]))
        g = min(g, max(0, length - len(toks) - 2 * n - 20))  # never overshoot the requested length much
        gap = _filler(g + 100)[int(rng.integers(0, 89)):][:g]
        a = encode(" Code: " + code + "." + gap + " Repeat: ")
        b = encode(code + ".")
        toks += a + b
        kind += [1] * len(a) + [2] * len(b)
    toks += [EOS]
    kind += [1]
    return toks, kind


# ---------------------------------------------------------------------------------- training batches
TRAIN_CHUNKS = (16, 32, 64, 128)


def sample_scenario(rng):
    """Random (sink, window, chunk) for one training batch: window % chunk == 0, window/chunk in {2,4,8}."""
    C = int(rng.choice(TRAIN_CHUNKS))
    Ws = [C * m for m in (2, 4, 8) if 64 <= C * m <= 1024]
    W = int(rng.choice(Ws))
    S = int(rng.choice([0, 4, 4, 4, 8, 16]))
    return S, W, C


def make_batch(seed, step, max_len, batch_tokens, min_len=200, task_p=(0.35, 0.15, 0.15, 0.35), p_gate_off=0.15):
    """Deterministic batch for (seed, step); task_p over (passkey, multikey, extract, copy).
    x [B,T] inputs, y [B,T] targets, kind [B,T]: 2 = answer target (answer bytes + EOS; also the repeated
    pass-key digits inside a passkey needle and the repeated codes of the copy task), 1 = other real
    target, 0 = padding."""
    rng = np.random.default_rng([seed, step])
    S, W, C = sample_scenario(rng)
    B = max(4, batch_tokens // max_len)
    seqs = []
    for _ in range(B):
        task = (TASKS + ("copy",))[rng.choice(4, p=task_p)]
        L = int(rng.integers(min_len, max_len + 1))
        if task == "copy":
            seqs.append(make_copy(rng, L))
            continue
        ex = MAKERS[task](rng, L, float(rng.uniform(0.0, 1.0)))
        toks, a = tokens_of(ex)
        kind = [1] * len(toks)
        kind[a:] = [2] * (len(toks) - a)
        if task == "passkey":  # the second copy of the key inside the needle is predictable: train it
            k = encode(ex["answer"])
            s2 = ex["needle_start"] + len(" The pass key is XXXXX. Remember it. ")
            if toks[s2:s2 + len(k)] == k:
                kind[s2:s2 + len(k)] = [2] * len(k)
        seqs.append((toks, kind))
    T = ((max(len(t) for t, _ in seqs) - 1 + C - 1) // C) * C
    x = np.full((B, T), PAD, dtype=np.int64)
    y = np.full((B, T), PAD, dtype=np.int64)
    kind = np.zeros((B, T), dtype=np.int64)
    for i, (toks, kd) in enumerate(seqs):
        n = len(toks) - 1
        x[i, :n] = toks[:-1]
        y[i, :n] = toks[1:]
        kind[i, :n] = kd[1:]  # kind of the target token
    gate = (rng.uniform(size=B) >= p_gate_off).astype(np.float32)
    return {"x": x, "y": y, "kind": kind, "gate": gate, "S": S, "W": W, "C": C}


# ---------------------------------------------------------------------------------- eval sets
EVAL_SEED = 20250607  # held out: training batches use np.random.default_rng([train_seed, step])
EVAL_LENGTHS = (512, 1024, 2048, 4096)


def make_eval_sets(seed=EVAL_SEED, reps_passkey=5, per_len_other=25):
    rng = np.random.default_rng(seed)
    sets = {"passkey": [], "multikey": [], "extract": []}
    depths = [round(0.05 + 0.1 * i, 2) for i in range(10)]
    for L in EVAL_LENGTHS:
        for d in depths:
            for _ in range(reps_passkey):
                sets["passkey"].append(make_passkey(rng, L, d))
        for _ in range(per_len_other):
            sets["multikey"].append(make_multikey(rng, L))
        for _ in range(per_len_other):
            sets["extract"].append(make_extract(rng, L))
    return sets


def write_jsonl(path, rows):
    with open(path, "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")


def read_jsonl(path):
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]


def needle_place(ex, S, W, C, answer_len=None):
    """Where the needle is when the answer is produced by the streaming runner (prompt fed in chunks of
    C from position 0, answer decoded one token at a time):
      'window' -- every answer query still sees the whole needle in its sink/window cache
      'memory' -- the whole needle left the window before the last prefill chunk (only memory holds it)
      'partial' otherwise."""
    Lp = ex["context_length"]
    A = (len(ex["answer"]) if answer_len is None else answer_len)
    s, e = ex["needle_start"], ex["needle_end"]
    last_q = Lp + A - 1           # query that emits EOS; it sees [last_q - W, last_q] (+ sinks)
    if s >= last_q - W or e <= S:
        return "window"
    last_chunk_start = ((Lp - 1) // C) * C
    if e <= last_chunk_start - W and s >= S:
        return "memory"
    return "partial"


def windows_beyond(ex, W, C):
    """How far (in windows) the end of the needle lies before the left edge of the window seen by the
    last prefill chunk: <= 0 the needle is (partly) in that window; > k it is more than k windows away.
    A stack of n_layers sliding-window layers can pass information at most n_layers * W tokens, so
    with memory off a needle with windows_beyond >= n_layers is out of reach of the KV cache."""
    last_chunk_start = ((ex["context_length"] - 1) // C) * C
    return (last_chunk_start - W - ex["needle_end"]) / W
