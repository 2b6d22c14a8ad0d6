"""Reference runners for the two ONNX graphs (onnxruntime + numpy only; no torch needed).

StreamRunner drives edge_infinite_tiny_stream.onnx -- the loop a fixed-shape device runner implements:

    state = zeros: past_key_values.{i}.key|value [1,H,S+W,hd], memory.{i}.matrix [1,H,dk,hd],
            memory.{i}.norm [1,H,dk], past_mask [1,S+W]; pos = 0
    prefill: for each chunk of C prompt tokens (the last one padded with PAD, chunk_mask 0):
        feed input_ids, position_ids = pos + [0..C-1], chunk_mask, sink_size = [S],
             memory_gate = [1.0 | 0.0], and the state
        state <- present.* / present_memory.* / present_mask; pos += real tokens in the chunk
        logits of the last real token -> first generated token (greedy argmax)
    decode: the same graph with C = 1, one token per call, until EOS or max_new_tokens.

FullRunner drives edge_infinite_tiny_full.onnx (optimum-style, growing past, no eviction, no memory).

  python3 run_onnx.py --prompt "..." --sink 4 --window 256 --chunk 64 [--memory off]
"""
import argparse

import numpy as np

PAD, BOS, EOS = 256, 257, 258


def _session(path, threads=1):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    return ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])


def _meta(sess):
    """Layer count and cache geometry read from the graph inputs."""
    ins = {i.name: i for i in sess.get_inputs()}
    n_layers = sum(1 for n in ins if n.startswith("past_key_values.") and n.endswith(".key"))
    k = ins["past_key_values.0.key"].shape  # [1, H, slots, hd]
    return n_layers, int(k[1]), int(k[3])


class StreamRunner:
    def __init__(self, path, sink, window, chunk, memory=True, threads=1, sess=None):
        assert 1 <= chunk <= window, "chunk must be <= window"
        self.sess = sess or _session(path, threads)
        self.S, self.W, self.C = sink, window, chunk
        self.gate = np.array([1.0 if memory else 0.0], dtype=np.float32)
        self.L, self.H, self.hd = _meta(self.sess)
        self.dk = int(self.sess.get_inputs()[[i.name for i in self.sess.get_inputs()].index("memory.0.matrix")].shape[2])
        self.out_names = [o.name for o in self.sess.get_outputs()]
        self.reset()

    def reset(self):
        N = self.S + self.W
        self.state = {"past_mask": np.zeros((1, N), np.float32)}
        for i in range(self.L):
            self.state[f"past_key_values.{i}.key"] = np.zeros((1, self.H, N, self.hd), np.float32)
            self.state[f"past_key_values.{i}.value"] = np.zeros((1, self.H, N, self.hd), np.float32)
            self.state[f"memory.{i}.matrix"] = np.zeros((1, self.H, self.dk, self.hd), np.float32)
            self.state[f"memory.{i}.norm"] = np.zeros((1, self.H, self.dk), np.float32)
        self.pos = 0
        self.calls = 0

    def _call(self, toks, C):
        """One graph call on len(toks) <= C real tokens padded to C. Returns logits [n, V]."""
        n = len(toks)
        ids = np.full((1, C), PAD, np.int64)
        ids[0, :n] = toks
        mask = np.zeros((1, C), np.float32)
        mask[0, :n] = 1.0
        feed = dict(self.state)
        feed.update({"input_ids": ids, "position_ids": (self.pos + np.arange(C, dtype=np.int64))[None],
                     "chunk_mask": mask, "sink_size": np.array([self.S], np.int64), "memory_gate": self.gate})
        out = dict(zip(self.out_names, self.sess.run(self.out_names, feed)))
        for k in list(self.state):
            src = k.replace("past_key_values.", "present.").replace("memory.", "present_memory.").replace("past_mask", "present_mask")
            self.state[k] = out[src]
        self.pos += n
        self.calls += 1
        return out["logits"][0, :n]

    def prefill(self, tokens, all_logits=False):
        outs = []
        for i in range(0, len(tokens), self.C):
            lg = self._call(tokens[i:i + self.C], self.C)
            outs.append(lg if all_logits else lg[-1:])
        return np.concatenate(outs, 0) if all_logits else outs[-1][0]

    def decode_step(self, token):
        return self._call([token], 1)[0]

    def generate(self, prompt_tokens, max_new_tokens=16):
        logits = self.prefill(prompt_tokens)
        out = []
        for _ in range(max_new_tokens):
            t = int(np.argmax(logits))
            if t == EOS:
                break
            out.append(t)
            logits = self.decode_step(t)
        return out


class FullRunner:
    def __init__(self, path, threads=1, sess=None):
        self.sess = sess or _session(path, threads)
        self.L, self.H, self.hd = _meta(self.sess)
        self.out_names = [o.name for o in self.sess.get_outputs()]
        self.reset()

    def reset(self):
        self.past = {}
        for i in range(self.L):
            self.past[f"past_key_values.{i}.key"] = np.zeros((1, self.H, 0, self.hd), np.float32)
            self.past[f"past_key_values.{i}.value"] = np.zeros((1, self.H, 0, self.hd), np.float32)
        self.pos = 0

    def feed(self, tokens):
        T = len(tokens)
        feed = dict(self.past)
        feed.update({"input_ids": np.array([tokens], np.int64),
                     "attention_mask": np.ones((1, self.pos + T), np.int64),
                     "position_ids": (self.pos + np.arange(T, dtype=np.int64))[None]})
        out = dict(zip(self.out_names, self.sess.run(self.out_names, feed)))
        for k in self.past:
            self.past[k] = out[k.replace("past_key_values.", "present.")]
        self.pos += T
        return out["logits"][0]

    def generate(self, prompt_tokens, max_new_tokens=16):
        logits = self.feed(prompt_tokens)[-1]
        out = []
        for _ in range(max_new_tokens):
            t = int(np.argmax(logits))
            if t == EOS:
                break
            out.append(t)
            logits = self.feed([t])[-1]
        return out


def encode_prompt(text):
    return [BOS] + list(text.encode("utf-8"))


def decode_bytes(ids):
    return bytes(i for i in ids if i < 256).decode("utf-8", "replace")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--prompt", required=True)
    import os
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--stream", default=os.path.join(here, "edge_infinite_tiny_stream.onnx"))
    ap.add_argument("--full", default=os.path.join(here, "edge_infinite_tiny_full.onnx"))
    ap.add_argument("--mode", choices=["stream", "full"], default="stream")
    ap.add_argument("--sink", type=int, default=4)
    ap.add_argument("--window", type=int, default=256)
    ap.add_argument("--chunk", type=int, default=64)
    ap.add_argument("--memory", choices=["on", "off"], default="on")
    ap.add_argument("--max_new_tokens", type=int, default=32)
    a = ap.parse_args()
    if a.mode == "stream":
        r = StreamRunner(a.stream, a.sink, a.window, a.chunk, memory=a.memory == "on")
    else:
        r = FullRunner(a.full)
    print(decode_bytes(r.generate(encode_prompt(a.prompt), a.max_new_tokens)))
