#!/usr/bin/env python3
"""Independent numpy reference for align4j's model parity tests.

Writes tiny random checkpoints in the Hugging Face layout (config.json + safetensors, with the key
names transformers writes: transformer.* for GPT-2, model.* for Llama/Qwen2, bert.* for BERT) and the
per-token log-probs / regression scores that the transformers definitions give for them, computed here
in float64 by transcribing modeling_gpt2.py, modeling_llama.py, modeling_qwen2.py and modeling_bert.py.

Usage: python3 tools/parity/hf_reference.py OUT_DIR   (regenerates core/src/test/resources/parity)
"""
import json
import math
import os
import struct
import sys

import numpy as np

FMIN = np.finfo(np.float32).min


# ---------------------------------------------------------------- safetensors
def bf16_bits(a):
    b = np.asarray(a, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounding = 0x7FFF + ((b >> 16) & 1)
    return ((b + rounding) >> 16).astype(np.uint16)


def write_safetensors(path, tensors, dtype="F32"):
    header = {"__metadata__": {"format": "pt"}}
    blobs = []
    off = 0
    for name, arr in tensors.items():
        arr = np.asarray(arr, dtype=np.float32)
        if dtype == "F32":
            raw = arr.astype("<f4").tobytes()
        elif dtype == "F16":
            raw = arr.astype("<f2").tobytes()
        elif dtype == "BF16":
            raw = bf16_bits(arr).astype("<u2").tobytes()
        header[name] = {"dtype": dtype, "shape": list(arr.shape), "data_offsets": [off, off + len(raw)]}
        blobs.append(raw)
        off += len(raw)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def stored(arr, dtype):
    """The float64 value a reader sees after storing arr as dtype."""
    arr = np.asarray(arr, dtype=np.float32)
    if dtype == "F16":
        return arr.astype(np.float16).astype(np.float64)
    if dtype == "BF16":
        return (bf16_bits(arr).astype(np.uint32) << 16).view(np.float32).astype(np.float64)
    return arr.astype(np.float64)


# ---------------------------------------------------------------- maths
def layer_norm(x, w, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def rms_norm(x, w, eps):
    var = (x ** 2).mean(-1, keepdims=True)
    return w * (x / np.sqrt(var + eps))


def gelu_new(x):
    return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


_erf = np.vectorize(math.erf)


def gelu(x):
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def silu(x):
    return x / (1.0 + np.exp(-x))


def softmax(x):
    x = x - x.max(-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(-1, keepdims=True)


def log_softmax(x):
    m = x.max(-1, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(-1, keepdims=True))


def attention(q, k, v, scale, causal, key_mask=None):
    # q (nh, T, hs), k/v (nh, S, hs)
    s = q @ k.transpose(0, 2, 1) * scale
    T, S = s.shape[1], s.shape[2]
    if causal:
        allowed = np.arange(S)[None, :] <= np.arange(S - T, S)[:, None]
        s = np.where(allowed[None], s, FMIN)
    if key_mask is not None:
        s = s + np.where(key_mask[None, None, :] > 0, 0.0, FMIN)
    return softmax(s) @ v


# ---------------------------------------------------------------- models
def gpt2_logits(cfg, W, ids):
    d, nh = cfg["n_embd"], cfg["n_head"]
    hs = d // nh
    T = len(ids)
    h = W["wte.weight"][ids] + W["wpe.weight"][np.arange(T)]
    for l in range(cfg["n_layer"]):
        p = f"h.{l}."
        a = layer_norm(h, W[p + "ln_1.weight"], W[p + "ln_1.bias"], cfg["layer_norm_epsilon"])
        qkv = a @ W[p + "attn.c_attn.weight"] + W[p + "attn.c_attn.bias"]
        q, k, v = np.split(qkv, 3, axis=-1)
        q, k, v = [x.reshape(T, nh, hs).transpose(1, 0, 2) for x in (q, k, v)]
        y = attention(q, k, v, 1.0 / math.sqrt(hs), True).transpose(1, 0, 2).reshape(T, d)
        h = h + y @ W[p + "attn.c_proj.weight"] + W[p + "attn.c_proj.bias"]
        m = layer_norm(h, W[p + "ln_2.weight"], W[p + "ln_2.bias"], cfg["layer_norm_epsilon"])
        m = gelu_new(m @ W[p + "mlp.c_fc.weight"] + W[p + "mlp.c_fc.bias"])
        h = h + m @ W[p + "mlp.c_proj.weight"] + W[p + "mlp.c_proj.bias"]
    h = layer_norm(h, W["ln_f.weight"], W["ln_f.bias"], cfg["layer_norm_epsilon"])
    return h @ W["wte.weight"].T


def rope(x, pos, theta):
    hs = x.shape[-1]
    inv = 1.0 / (theta ** (np.arange(0, hs, 2, dtype=np.float64) / hs))
    f = pos[:, None] * inv[None, :]
    emb = np.concatenate([f, f], -1)
    cos, sin = np.cos(emb), np.sin(emb)
    x1, x2 = x[..., : hs // 2], x[..., hs // 2:]
    rot = np.concatenate([-x2, x1], -1)
    return x * cos + rot * sin


def llama_logits(cfg, W, ids):
    d, nh, nkv = cfg["hidden_size"], cfg["num_attention_heads"], cfg["num_key_value_heads"]
    hs = cfg.get("head_dim", d // nh)
    T = len(ids)
    pos = np.arange(T, dtype=np.float64)
    eps = cfg["rms_norm_eps"]
    h = W["embed_tokens.weight"][ids]
    for l in range(cfg["num_hidden_layers"]):
        p = f"layers.{l}."
        a = rms_norm(h, W[p + "input_layernorm.weight"], eps)

        def proj(name):
            y = a @ W[p + f"self_attn.{name}.weight"].T
            if p + f"self_attn.{name}.bias" in W:
                y = y + W[p + f"self_attn.{name}.bias"]
            return y

        q = proj("q_proj").reshape(T, nh, hs).transpose(1, 0, 2)
        k = proj("k_proj").reshape(T, nkv, hs).transpose(1, 0, 2)
        v = proj("v_proj").reshape(T, nkv, hs).transpose(1, 0, 2)
        q, k = rope(q, pos, cfg["rope_theta"]), rope(k, pos, cfg["rope_theta"])
        k, v = np.repeat(k, nh // nkv, axis=0), np.repeat(v, nh // nkv, axis=0)
        y = attention(q, k, v, hs ** -0.5, True).transpose(1, 0, 2).reshape(T, nh * hs)
        o = y @ W[p + "self_attn.o_proj.weight"].T
        if p + "self_attn.o_proj.bias" in W:
            o = o + W[p + "self_attn.o_proj.bias"]
        h = h + o
        m = rms_norm(h, W[p + "post_attention_layernorm.weight"], eps)
        g = silu(m @ W[p + "mlp.gate_proj.weight"].T) * (m @ W[p + "mlp.up_proj.weight"].T)
        h = h + g @ W[p + "mlp.down_proj.weight"].T
    h = rms_norm(h, W["norm.weight"], eps)
    head = W["embed_tokens.weight"] if cfg["tie_word_embeddings"] else W["lm_head.weight"]
    return h @ head.T


def bert_score(cfg, W, ids, types, mask):
    d, nh = cfg["hidden_size"], cfg["num_attention_heads"]
    hs = d // nh
    eps = cfg["layer_norm_eps"]
    S = len(ids)
    e = "bert.embeddings."
    h = W[e + "word_embeddings.weight"][ids] + W[e + "token_type_embeddings.weight"][types] \
        + W[e + "position_embeddings.weight"][np.arange(S)]
    h = layer_norm(h, W[e + "LayerNorm.weight"], W[e + "LayerNorm.bias"], eps)
    for l in range(cfg["num_hidden_layers"]):
        p = f"bert.encoder.layer.{l}."

        def lin(name, x):
            return x @ W[p + name + ".weight"].T + W[p + name + ".bias"]

        q, k, v = [lin("attention.self." + n, h).reshape(S, nh, hs).transpose(1, 0, 2) for n in ("query", "key", "value")]
        y = attention(q, k, v, 1.0 / math.sqrt(hs), False, np.asarray(mask)).transpose(1, 0, 2).reshape(S, d)
        a = layer_norm(lin("attention.output.dense", y) + h, W[p + "attention.output.LayerNorm.weight"],
                       W[p + "attention.output.LayerNorm.bias"], eps)
        i = gelu(lin("intermediate.dense", a))
        h = layer_norm(lin("output.dense", i) + a, W[p + "output.LayerNorm.weight"], W[p + "output.LayerNorm.bias"], eps)
    pooled = np.tanh(h[0] @ W["bert.pooler.dense.weight"].T + W["bert.pooler.dense.bias"])
    return float((pooled @ W["classifier.weight"].T + W["classifier.bias"])[0])


# ---------------------------------------------------------------- cases
def rand(rng, *shape, std=0.2):
    return (rng.standard_normal(shape) * std).astype(np.float32)


def gpt2_case(rng):
    cfg = {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "vocab_size": 61, "n_positions": 32,
           "n_embd": 16, "n_layer": 2, "n_head": 4, "n_inner": None, "layer_norm_epsilon": 1e-5,
           "activation_function": "gelu_new", "bos_token_id": 0, "eos_token_id": 0}
    d, f = 16, 64
    W = {"wte.weight": rand(rng, 61, d), "wpe.weight": rand(rng, 32, d), "ln_f.weight": 1 + rand(rng, d),
         "ln_f.bias": rand(rng, d)}
    for l in range(2):
        p = f"h.{l}."
        W.update({p + "ln_1.weight": 1 + rand(rng, d), p + "ln_1.bias": rand(rng, d),
                  p + "attn.c_attn.weight": rand(rng, d, 3 * d), p + "attn.c_attn.bias": rand(rng, 3 * d),
                  p + "attn.c_proj.weight": rand(rng, d, d), p + "attn.c_proj.bias": rand(rng, d),
                  p + "ln_2.weight": 1 + rand(rng, d), p + "ln_2.bias": rand(rng, d),
                  p + "mlp.c_fc.weight": rand(rng, d, f), p + "mlp.c_fc.bias": rand(rng, f),
                  p + "mlp.c_proj.weight": rand(rng, f, d), p + "mlp.c_proj.bias": rand(rng, d)})
    # transformers writes GPT2LMHeadModel keys with the transformer. prefix and drops the tied head
    keys = {"transformer." + k: v for k, v in W.items()}
    keys["transformer.h.0.attn.bias"] = np.tril(np.ones((32, 32), dtype=np.float32))[None, None]  # old buffer
    return cfg, W, keys, gpt2_logits


def llama_case(rng, qwen):
    d, nh, nkv, hs, f, V = 24, 4, 2, 6, 40, 53
    tie = qwen
    cfg = {"model_type": "qwen2" if qwen else "llama",
           "architectures": ["Qwen2ForCausalLM" if qwen else "LlamaForCausalLM"], "vocab_size": V,
           "hidden_size": d, "intermediate_size": f, "num_hidden_layers": 2, "num_attention_heads": nh,
           "num_key_value_heads": nkv, "max_position_embeddings": 64, "rms_norm_eps": 1e-6,
           "rope_theta": 1000000.0 if qwen else 10000.0, "tie_word_embeddings": tie, "hidden_act": "silu",
           "bos_token_id": 1, "eos_token_id": 2}
    if qwen:
        cfg["use_sliding_window"] = False
    W = {"embed_tokens.weight": rand(rng, V, d), "norm.weight": 1 + rand(rng, d)}
    if not tie:
        W["lm_head.weight"] = rand(rng, V, d)
    for l in range(2):
        p = f"layers.{l}."
        W.update({p + "input_layernorm.weight": 1 + rand(rng, d), p + "post_attention_layernorm.weight": 1 + rand(rng, d),
                  p + "self_attn.q_proj.weight": rand(rng, nh * hs, d), p + "self_attn.k_proj.weight": rand(rng, nkv * hs, d),
                  p + "self_attn.v_proj.weight": rand(rng, nkv * hs, d), p + "self_attn.o_proj.weight": rand(rng, d, nh * hs),
                  p + "mlp.gate_proj.weight": rand(rng, f, d), p + "mlp.up_proj.weight": rand(rng, f, d),
                  p + "mlp.down_proj.weight": rand(rng, d, f)})
        if qwen:
            W.update({p + "self_attn.q_proj.bias": rand(rng, nh * hs), p + "self_attn.k_proj.bias": rand(rng, nkv * hs),
                      p + "self_attn.v_proj.bias": rand(rng, nkv * hs)})
    cfg["head_dim"] = hs
    keys = {(k if k.startswith("lm_head") else "model." + k): v for k, v in W.items()}
    return cfg, W, keys, llama_logits


def bert_case(rng):
    d, nh, f, V = 16, 2, 32, 47
    cfg = {"model_type": "bert", "architectures": ["BertForSequenceClassification"], "vocab_size": V,
           "hidden_size": d, "num_hidden_layers": 2, "num_attention_heads": nh, "intermediate_size": f,
           "hidden_act": "gelu", "max_position_embeddings": 40, "type_vocab_size": 2, "layer_norm_eps": 1e-12,
           "id2label": {"0": "LABEL_0"}, "label2id": {"LABEL_0": 0}, "problem_type": "regression",
           "pad_token_id": 0}
    e = "bert.embeddings."
    W = {e + "word_embeddings.weight": rand(rng, V, d), e + "position_embeddings.weight": rand(rng, 40, d),
         e + "token_type_embeddings.weight": rand(rng, 2, d), e + "LayerNorm.weight": 1 + rand(rng, d),
         e + "LayerNorm.bias": rand(rng, d), "bert.pooler.dense.weight": rand(rng, d, d),
         "bert.pooler.dense.bias": rand(rng, d), "classifier.weight": rand(rng, 1, d), "classifier.bias": rand(rng, 1)}
    for l in range(2):
        p = f"bert.encoder.layer.{l}."
        for n in ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"):
            W[p + n + ".weight"], W[p + n + ".bias"] = rand(rng, d, d), rand(rng, d)
        W[p + "intermediate.dense.weight"], W[p + "intermediate.dense.bias"] = rand(rng, f, d), rand(rng, f)
        W[p + "output.dense.weight"], W[p + "output.dense.bias"] = rand(rng, d, f), rand(rng, d)
        for n in ("attention.output.LayerNorm", "output.LayerNorm"):
            W[p + n + ".weight"], W[p + n + ".bias"] = 1 + rand(rng, d), rand(rng, d)
    return cfg, W, dict(W), None


def causal_expected(fn, cfg, W, dtype, seqs):
    Wd = {k: stored(v, dtype) for k, v in W.items()}
    out = []
    for ids in seqs:
        lp = log_softmax(fn(cfg, Wd, np.asarray(ids)))
        out.append({"input_ids": ids, "logprobs": [float(lp[t, ids[t + 1]]) for t in range(len(ids) - 1)]})
    return out


def main(out):
    rng = np.random.default_rng(20231)
    cases = []
    for name, (cfg, W, keys, fn) in [("gpt2", gpt2_case(rng)), ("llama", llama_case(rng, False)),
                                      ("qwen2", llama_case(rng, True))]:
        V = cfg["vocab_size"]
        seqs = [rng.integers(0, V, size=n).tolist() for n in (9, 5, 13)]
        for dtype in ("F32", "BF16", "F16"):
            cases.append((f"{name}-{dtype.lower()}", cfg, keys, dtype, {"kind": "causal",
                          "sequences": causal_expected(fn, cfg, W, dtype, seqs)}))
    cfg, W, keys, _ = bert_case(rng)
    rows = []
    for n in (7, 11, 4):
        ids = rng.integers(1, cfg["vocab_size"], size=n).tolist()
        types = [0] * (n // 2) + [1] * (n - n // 2)
        Wd = {k: stored(v, "F32") for k, v in W.items()}
        rows.append({"input_ids": ids, "token_type_ids": types,
                     "score": bert_score(cfg, Wd, np.asarray(ids), np.asarray(types), np.ones(n))})
    cases.append(("bert-f32", cfg, {k[5:] if k.startswith("bert.") else k: v for k, v in keys.items()}, "F32",
                  {"kind": "score", "rows": rows}))  # a checkpoint without the bert. prefix
    for name, cfg, keys, dtype, expected in cases:
        d = os.path.join(out, name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "config.json"), "w") as f:
            json.dump(cfg, f, indent=2)
        if name == "llama-f32":  # sharded, as transformers writes large checkpoints
            names = list(keys)
            half = len(names) // 2
            shards = {"model-00001-of-00002.safetensors": names[:half], "model-00002-of-00002.safetensors": names[half:]}
            wm = {}
            for fn_, ks in shards.items():
                write_safetensors(os.path.join(d, fn_), {k: keys[k] for k in ks}, dtype)
                wm.update({k: fn_ for k in ks})
            with open(os.path.join(d, "model.safetensors.index.json"), "w") as f:
                json.dump({"metadata": {"total_size": 0}, "weight_map": wm}, f, indent=1)
        else:
            write_safetensors(os.path.join(d, "model.safetensors"), keys, dtype)
        with open(os.path.join(d, "expected.json"), "w") as f:
            json.dump(expected, f, indent=1)
    print("wrote", len(cases), "cases to", out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "core/src/test/resources/parity")
