"""Equivalence checks of the three forward paths (CPU, float32, a few seconds).

  python3 selftest.py
1. parallel (training) == step loop (exported graph) chunk by chunk, memory on and off
2. step loop with a padded last chunk + C=1 decode == the same with an exact-size last chunk
3. step with a cache larger than the sequence (nothing evicted) == full-context reference
"""
import torch

from model import Config, EdgeInfiniteTiny, BOS


def run_steps(model, ids, S, W, chunks, gate):
    """Feed ids [1,T] through step() in chunks: each entry is C (C real tokens) or (C, n) (n real + padding)."""
    kv, mem, pmask = model.empty_state(1, S + W)
    out, pos = [], 0
    for C in chunks:
        C, n = C if isinstance(C, tuple) else (C, C)
        x = torch.zeros(1, C, dtype=torch.long)
        x[0, :n] = ids[0, pos:pos + n]
        cm = torch.zeros(1, C)
        cm[0, :n] = 1
        p = (pos + torch.arange(C)).view(1, C)
        lg, kv, mem, pmask = model.step(x, p, pmask, cm, torch.tensor([S]), torch.tensor([gate]), kv, mem)
        out.append(lg[:, :n])
        pos += n
    return torch.cat(out, 1), kv, mem, pmask


def main():
    torch.manual_seed(0)
    cfg = Config(d_model=64, n_layers=2, n_heads=2, head_dim=32, rope_dims=16, ffn_dim=96)
    model = EdgeInfiniteTiny(cfg).eval()
    for blk in model.blocks:  # open the gates so the memory path matters in the check
        torch.nn.init.constant_(blk.attn.gate.bias, 0.5)
    ok = True
    with torch.no_grad():
        for (S, W, C, T) in [(4, 16, 8, 96), (0, 32, 16, 128), (8, 16, 4, 40), (4, 64, 32, 64)]:
            ids = torch.randint(0, 256, (2, T))
            ids[:, 0] = BOS
            for gate in (1.0, 0.0):
                par = model.forward_parallel(ids, S, W, C, torch.full((2,), gate))
                seq = run_steps(model, ids[:1], S, W, [C] * (T // C), gate)[0]
                d = (par[:1] - seq).abs().max().item()
                print(f"parallel vs step  S={S} W={W} C={C} T={T} gate={gate}: max|diff|={d:.2e}")
                ok &= d < 1e-4
            # padded last prefill chunk + C=1 decode == exact-size last chunk + C=1 decode
            T2 = T - 3
            k = (T2 - 5) // C
            n_last = T2 - 5 - k * C
            a = run_steps(model, ids[:1, :T2], S, W, [C] * k + ([(C, n_last)] if n_last else []) + [1] * 5, 1.0)
            b = run_steps(model, ids[:1, :T2], S, W, [C] * k + ([n_last] if n_last else []) + [1] * 5, 1.0)
            d = max((a[0] - b[0]).abs().max().item(),
                    max((x[0] - y[0]).abs().max().item() for x, y in zip(a[2], b[2])),
                    (a[3] - b[3]).abs().max().item())
            print(f"padded last chunk vs exact-size chunk (+5 decode steps): max|diff| (logits, memory, mask) = {d:.2e}")
            ok &= d < 1e-4
        # no eviction == full context
        T = 50
        ids = torch.randint(0, 256, (1, T))
        seq = run_steps(model, ids, 4, 60, [16] * 3 + [(16, 2)], 1.0)[0]
        kv = [(torch.zeros(1, cfg.n_heads, 0, cfg.head_dim), torch.zeros(1, cfg.n_heads, 0, cfg.head_dim))] * cfg.n_layers
        full, kv = model.full(ids[:, :30], torch.ones(1, 30, dtype=torch.long), torch.arange(30).view(1, -1), kv)
        full2, _ = model.full(ids[:, 30:], torch.ones(1, T, dtype=torch.long), torch.arange(30, T).view(1, -1), kv)
        d = (torch.cat([full, full2], 1) - seq).abs().max().item()
        print(f"step without eviction vs full-context reference: max|diff|={d:.2e}")
        ok &= d < 1e-4
    print("SELFTEST", "PASSED" if ok else "FAILED")
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
