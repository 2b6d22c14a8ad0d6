"""EdgeInfinite-tiny: a byte-level decoder with sink + window KV cache and a gated compressed memory.

One set of weights, three ways to run it (all mathematically the same model):

* ``step``     -- the fixed-shape streaming graph that is exported to ONNX. One call processes a chunk
                  of C tokens against S sink slots + W window slots of KV cache and a per-head
                  compressed memory, and returns the updated cache / memory / mask (same shapes).
* ``parallel`` -- training: the same computation for a whole sequence at once (chunk k sees the
                  sinks, the W tokens before it, itself causally, and a memory holding everything that
                  was evicted before it). Equal to running ``step`` chunk by chunk (see selftest.py).
* ``full``     -- the full-context reference: plain causal attention over everything, no eviction,
                  no memory (optimum-style past_key_values growing by T per call).

Works with plain torch >= 1.13 (no SDPA, no torch.compile): CPU-checkable with Debian's python3-torch.
"""
import math
from dataclasses import dataclass, asdict

import torch
import torch.nn as nn
import torch.nn.functional as F

PAD, BOS, EOS, SEP = 256, 257, 258, 259
VOCAB_SIZE = 260
NEG = -1e9  # additive mask value (finite: a fully masked row gives a uniform softmax, never NaN)


@dataclass
class Config:
    vocab_size: int = VOCAB_SIZE
    d_model: int = 256
    n_layers: int = 4
    n_heads: int = 4          # query heads == kv heads (no GQA)
    head_dim: int = 64
    rope_dims: int = 32       # RoPE on the first 32 dims of each head; dims 32..63 carry no position
    ffn_dim: int = 512        # SwiGLU hidden size
    rope_base: float = 10000.0
    norm_eps: float = 1e-5
    mem_eps: float = 1e-6
    gate_bias_init: float = -2.0

    @property
    def mem_key_dim(self):    # memory is addressed with the position-free (non-RoPE) dims
        return self.head_dim - self.rope_dims

    def to_dict(self):
        return asdict(self)


def phi(x):
    """Feature map of the linear-attention memory (Katharopoulos et al.; Infini-attention): ELU(x) + 1 > 0,
    written as exp(min(x, 0)) + max(x, 0) -- the same function, but without the cancellation of
    (exp(x) - 1) + 1 for negative x, so tiny features are exact in every runtime (the trained memory
    relies on them: the ELU form made PyTorch and onnxruntime disagree by up to ~3 logits)."""
    return torch.exp(torch.clamp(x, max=0.0)) + torch.clamp(x, min=0.0)


class RMSNorm(nn.Module):
    def __init__(self, d, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(d))
        self.eps = eps

    def forward(self, x):
        xf = x.float()
        return (xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + self.eps)).to(x.dtype) * self.weight


def rope_cos_sin(pos, cfg):
    """pos [B,T] int64 -> cos, sin [B,1,T,rope_dims/2] float32."""
    half = cfg.rope_dims // 2
    inv = 1.0 / (cfg.rope_base ** (torch.arange(0, half, device=pos.device, dtype=torch.float32) / half))
    f = pos.to(torch.float32).unsqueeze(-1) * inv
    return f.cos().unsqueeze(1), f.sin().unsqueeze(1)


def apply_rope(x, cos, sin, rope_dims):
    """Rotate-half RoPE on x[..., :rope_dims]; x [B,H,T,hd]."""
    half = rope_dims // 2
    x1, x2, rest = x[..., :half], x[..., half:rope_dims], x[..., rope_dims:]
    cos, sin = cos.to(x.dtype), sin.to(x.dtype)
    return torch.cat([x1 * cos - x2 * sin, x1 * sin + x2 * cos, rest], dim=-1)


class _NoAutocast:
    """Memory sums run in float32 even under bf16 autocast (torch 1.13 compatible)."""

    def __init__(self, device_type):
        self.ctx = torch.autocast(device_type=device_type, enabled=False) if device_type in ("cuda", "cpu") else None

    def __enter__(self):
        if self.ctx is not None:
            self.ctx.__enter__()

    def __exit__(self, *a):
        if self.ctx is not None:
            self.ctx.__exit__(*a)


class Attention(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        H, hd, d = cfg.n_heads, cfg.head_dim, cfg.d_model
        self.qkv = nn.Linear(d, 3 * H * hd, bias=False)
        self.o = nn.Linear(H * hd, d, bias=False)
        self.gate = nn.Linear(d, H, bias=True)  # per-head, per-token memory gate logit
        nn.init.normal_(self.gate.weight, std=0.02)
        nn.init.constant_(self.gate.bias, cfg.gate_bias_init)

    def project(self, x, cos, sin):
        B, T, _ = x.shape
        H, hd = self.cfg.n_heads, self.cfg.head_dim
        q, k, v = self.qkv(x).view(B, T, 3, H, hd).permute(2, 0, 3, 1, 4).unbind(0)  # each [B,H,T,hd]
        return apply_rope(q, cos, sin, self.cfg.rope_dims), apply_rope(k, cos, sin, self.cfg.rope_dims), v

    def mem_read(self, q, M, z):
        """q [...,T,hd]; M [...,dk,hd]; z [...,dk] -> sigma(q)M / (sigma(q).z + eps)  [...,T,hd] (float32)."""
        pq = phi(q[..., self.cfg.rope_dims:].float())
        num = torch.matmul(pq, M)
        den = (pq * z.unsqueeze(-2)).sum(-1, keepdim=True)
        return num / (den + self.cfg.mem_eps)

    @staticmethod
    def mem_nonempty(z):
        """z [...,dk] -> [...,1,1] float: 1 once anything was folded into the memory (phi > 0), else 0.
        An empty memory is never mixed in, so before the first eviction the model equals the
        full-context reference exactly."""
        return (z.sum(-1) > 0).float().unsqueeze(-1).unsqueeze(-1)

    def mix_out(self, x, a_dot, a_mem, memory_gate, nonempty):
        """out = (1 - g) * A_dot + g * A_mem, g = memory_gate * nonempty * sigmoid(gate(x)) per head and token."""
        B, H, T, hd = a_dot.shape
        g = torch.sigmoid(self.gate(x).float()).transpose(1, 2).unsqueeze(-1)  # [B,H,T,1]
        g = g * memory_gate.float().view(-1, 1, 1, 1) * nonempty
        out = a_dot.float() + g * (a_mem - a_dot.float())
        return self.out(out.to(x.dtype))

    def out(self, a):
        B, H, T, hd = a.shape
        return self.o(a.transpose(1, 2).reshape(B, T, H * hd))


class Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.n1 = RMSNorm(cfg.d_model, cfg.norm_eps)
        self.attn = Attention(cfg)
        self.n2 = RMSNorm(cfg.d_model, cfg.norm_eps)
        self.w13 = nn.Linear(cfg.d_model, 2 * cfg.ffn_dim, bias=False)
        self.w2 = nn.Linear(cfg.ffn_dim, cfg.d_model, bias=False)

    def ffn(self, x):
        a, b = self.w13(self.n2(x)).chunk(2, dim=-1)
        return self.w2(F.silu(a) * b)


def softmax_attend(q, k, v, mask):
    """q [...,Tq,hd], k/v [...,Tk,hd], mask bool broadcastable to [...,Tq,Tk] (True = visible)."""
    s = torch.matmul(q, k.transpose(-1, -2)).float() * (1.0 / math.sqrt(q.shape[-1]))
    s = s.masked_fill(~mask, NEG)
    return torch.matmul(torch.softmax(s, dim=-1).to(v.dtype), v)


class EdgeInfiniteTiny(nn.Module):
    def __init__(self, cfg: Config = Config()):
        super().__init__()
        self.cfg = cfg
        self.embed = nn.Embedding(cfg.vocab_size, cfg.d_model)
        nn.init.normal_(self.embed.weight, std=0.02)
        self.blocks = nn.ModuleList([Block(cfg) for _ in range(cfg.n_layers)])
        self.norm = RMSNorm(cfg.d_model, cfg.norm_eps)
        for n, p in self.named_parameters():
            if n.endswith("o.weight") or n.endswith("w2.weight"):
                nn.init.normal_(p, std=0.02 / math.sqrt(2 * cfg.n_layers))
            elif p.dim() == 2 and "embed" not in n and "gate" not in n:
                nn.init.normal_(p, std=0.02)

    def logits(self, x):
        return F.linear(self.norm(x), self.embed.weight).float()  # tied input/output embedding

    # ------------------------------------------------------------------ training (parallel)
    def forward_parallel(self, ids, sink, window, chunk, memory_gate):
        """ids [B,T] with T % chunk == 0, window % chunk == 0. memory_gate [B] float.
        Same result as feeding ``step`` chunk by chunk from position 0 with an empty state."""
        cfg = self.cfg
        B, T = ids.shape
        C, S, W = chunk, sink, window
        assert T % C == 0 and W % C == 0 and W >= C
        nC, L = T // C, S + W + C
        dev = ids.device
        H, hd, rd = cfg.n_heads, cfg.head_dim, cfg.rope_dims
        pos = torch.arange(T, device=dev)
        cos, sin = rope_cos_sin(pos.unsqueeze(0).expand(B, T), cfg)
        # key index per chunk: [sinks | W tokens before the chunk | the chunk]
        start = torch.arange(nC, device=dev) * C                                  # [nC]
        j_sink = torch.arange(S, device=dev).unsqueeze(0).expand(nC, S)
        j_win = start.unsqueeze(1) - W + torch.arange(W, device=dev).unsqueeze(0)  # [nC,W]
        j_chk = start.unsqueeze(1) + torch.arange(C, device=dev).unsqueeze(0)      # [nC,C]
        idx = torch.cat([j_sink, j_win, j_chk], 1).clamp(0, T - 1)                 # [nC,L]
        ok_sink = j_sink < start.unsqueeze(1)                                      # in cache only once seen
        ok_win = j_win >= S                                                        # not a sink, not < 0
        causal = torch.ones(C, C, dtype=torch.bool, device=dev).tril()
        mask = torch.cat([ok_sink.unsqueeze(1).expand(nC, C, S), ok_win.unsqueeze(1).expand(nC, C, W),
                          causal.unsqueeze(0).expand(nC, C, C)], dim=2)            # [nC,C,L]
        # memory before chunk k = sum over evicted tokens [S, start_k - W) = C-blocks 0 .. k - W/C - 1
        notsink = (pos >= S).float().view(1, 1, T, 1)
        lag = W // C
        x = self.embed(ids)
        for blk in self.blocks:
            h = blk.n1(x)
            q, k, v = blk.attn.project(h, cos, sin)                                 # [B,H,T,hd]
            kg, vg = k[:, :, idx], v[:, :, idx]                                      # [B,H,nC,L,hd]
            a_dot = softmax_attend(q.reshape(B, H, nC, C, hd), kg, vg, mask).reshape(B, H, T, hd)
            with _NoAutocast(dev.type):
                pk = phi(k[..., rd:].float()) * notsink                             # [B,H,T,dk]
                blkM = torch.matmul(pk.reshape(B, H, nC, C, -1).transpose(-1, -2),
                                    v.float().reshape(B, H, nC, C, hd))              # [B,H,nC,dk,hd]
                blkz = pk.reshape(B, H, nC, C, -1).sum(3)                            # [B,H,nC,dk]
                cumM, cumz = blkM.cumsum(2), blkz.cumsum(2)
                zM, zz = torch.zeros_like(cumM[:, :, :1]), torch.zeros_like(cumz[:, :, :1])
                # chunk k uses cum[k - lag - 1] (inclusive prefix), i.e. shift right by lag + 1
                Mk = torch.cat([zM.expand(-1, -1, min(lag + 1, nC), -1, -1), cumM[:, :, :max(nC - lag - 1, 0)]], 2)
                zk = torch.cat([zz.expand(-1, -1, min(lag + 1, nC), -1), cumz[:, :, :max(nC - lag - 1, 0)]], 2)
                a_mem = blk.attn.mem_read(q.reshape(B, H, nC, C, hd), Mk, zk).reshape(B, H, T, hd)
                ne = blk.attn.mem_nonempty(zk).expand(B, H, nC, C, 1).reshape(B, H, T, 1)
            x = x + blk.attn.mix_out(h, a_dot, a_mem, memory_gate, ne)
            x = x + blk.ffn(x)
        return self.logits(x)

    # ------------------------------------------------------------------ streaming graph (exported)
    def step(self, input_ids, position_ids, past_mask, chunk_mask, sink_size, memory_gate, past_kv, memory):
        """One fixed-shape chunk step.

        input_ids [B,C] int64, position_ids [B,C] int64, past_mask [B,N] float (1 = slot holds a token),
        chunk_mask [B,C] float (1 = real token, 0 = padding), sink_size [1] int64 (S; W = N - S),
        memory_gate [1] float, past_kv: list of (key, value) [B,H,N,hd] (slots 0..S-1 sinks, S..N-1
        window, oldest first, newest right-aligned at N-1), memory: list of (matrix [B,H,dk,hd], norm [B,H,dk]).

        Attention of the chunk: valid cache slots + the chunk (causal, padding masked) -> A_dot;
        memory read sigma(q)M/(sigma(q)z) -> A_mem; mixed by the gate (never while the memory is empty). Then the C valid chunk tokens are
        appended in order: the first S valid tokens ever seen stay in the sink slots, the newest W
        (non-sink) valid tokens fill the window, and every valid non-sink token older than those
        (the ones that LEAVE the window in this step) is folded into memory: M += sigma(k)^T v, z += sigma(k).
        Returns logits [B,C,V], present_kv, present_memory, present_mask [B,N].
        """
        cfg = self.cfg
        B, C = input_ids.shape
        N = past_mask.shape[1]
        dev = input_ids.device
        H, hd, rd = cfg.n_heads, cfg.head_dim, cfg.rope_dims
        valid = torch.cat([past_mask, chunk_mask.to(past_mask.dtype)], 1) > 0.5      # [B,N+C]
        vi = valid.long()
        rank = torch.cumsum(vi, 1) - 1                                                # order among valid
        n = vi.sum(1, keepdim=True)                                                   # [B,1] valid count
        S = sink_size.view(1, 1).long()
        t = torch.arange(N, device=dev).unsqueeze(0)                                  # [1,N] slot index
        is_sink = t < S
        tgt_rank = torch.where(is_sink, t, n - N + t)                                 # rank for each slot
        tgt_valid = (is_sink & (t < n)) | (~is_sink & (tgt_rank >= S))             # (no bool Where in ORT)
        onehot = (rank.unsqueeze(1) == tgt_rank.unsqueeze(2)) & valid.unsqueeze(1)    # [B,N,N+C]
        src = (onehot.long() * torch.arange(N + C, device=dev).view(1, 1, -1)).sum(-1)  # [B,N]
        present_mask = tgt_valid.to(past_mask.dtype)
        evict = (valid & (rank >= S) & (rank < n - (N - S))).float().view(B, 1, N + C, 1)
        causal = torch.ones(C, C, dtype=torch.bool, device=dev).tril()
        amask = torch.cat([(past_mask > 0.5).view(B, 1, 1, N).expand(B, 1, C, N),
                           causal.view(1, 1, C, C) & (chunk_mask > 0.5).view(B, 1, 1, C)], 3)  # [B,1,C,N+C]
        gidx = src.view(B, 1, N, 1).expand(B, H, N, hd)
        keep = present_mask.view(B, 1, N, 1)
        cos, sin = rope_cos_sin(position_ids, cfg)
        x = self.embed(input_ids)
        presents, new_mem = [], []
        for blk, (pk_, pv_), (M, z) in zip(self.blocks, past_kv, memory):
            h = blk.n1(x)
            q, k, v = blk.attn.project(h, cos, sin)
            ka, va = torch.cat([pk_, k], 2), torch.cat([pv_, v], 2)                    # [B,H,N+C,hd]
            a_dot = softmax_attend(q, ka, va, amask)
            a_mem = blk.attn.mem_read(q, M, z)
            x = x + blk.attn.mix_out(h, a_dot, a_mem, memory_gate, blk.attn.mem_nonempty(z))
            x = x + blk.ffn(x)
            presents.append((torch.gather(ka, 2, gidx) * keep, torch.gather(va, 2, gidx) * keep))
            fk = phi(ka[..., rd:]) * evict                                            # [B,H,N+C,dk]
            new_mem.append((M + torch.matmul(fk.transpose(-1, -2), va), z + fk.sum(2)))
        return self.logits(x), presents, new_mem, present_mask

    def empty_state(self, batch, n_slots, device=None, dtype=torch.float32):
        cfg = self.cfg
        kv = [(torch.zeros(batch, cfg.n_heads, n_slots, cfg.head_dim, device=device, dtype=dtype),
               torch.zeros(batch, cfg.n_heads, n_slots, cfg.head_dim, device=device, dtype=dtype))
              for _ in range(cfg.n_layers)]
        mem = [(torch.zeros(batch, cfg.n_heads, cfg.mem_key_dim, cfg.head_dim, device=device, dtype=dtype),
                torch.zeros(batch, cfg.n_heads, cfg.mem_key_dim, device=device, dtype=dtype))
               for _ in range(cfg.n_layers)]
        return kv, mem, torch.zeros(batch, n_slots, device=device, dtype=dtype)

    # ------------------------------------------------------------------ full-context reference (exported)
    def full(self, input_ids, attention_mask, position_ids, past_kv):
        """optimum-style: attention_mask [B,P+T] int64 (1 = attend), past_kv list of (k, v) [B,H,P,hd]
        -> logits [B,T,V], present list of (k, v) [B,H,P+T,hd]. No eviction, no memory."""
        B, T = input_ids.shape
        P = past_kv[0][0].shape[2]
        dev = input_ids.device
        cos, sin = rope_cos_sin(position_ids, self.cfg)
        qi = torch.arange(T, device=dev).view(T, 1) + P
        kj = torch.arange(P + T, device=dev).view(1, P + T)
        amask = (kj <= qi).view(1, 1, T, P + T) & (attention_mask > 0).view(B, 1, 1, P + T)
        x = self.embed(input_ids)
        presents = []
        for blk, (pk_, pv_) in zip(self.blocks, past_kv):
            h = blk.n1(x)
            q, k, v = blk.attn.project(h, cos, sin)
            ka, va = torch.cat([pk_, k], 2), torch.cat([pv_, v], 2)
            a_dot = softmax_attend(q, ka, va, amask)
            x = x + blk.attn.out(a_dot)
            x = x + blk.ffn(x)
            presents.append((ka, va))
        return self.logits(x), presents


def count_params(model):
    return sum(p.numel() for p in model.parameters())
