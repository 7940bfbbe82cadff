#!/usr/bin/env python3
"""Cross-checks align4j against Hugging Face transformers (run by hand where torch is installed).

1. transformers writes tiny random checkpoints (GPT-2, Llama with GQA and an untied head, Qwen2 with
   q/k/v biases and a tied head, BERT regressor; F32 and BF16); align4j scores them (`align score`,
   `align reward score`) and the per-token log-probs / scores are compared with transformers' own.
2. align4j writes checkpoints (`align model init`); transformers loads them and the outputs are compared
   the same way, so files written here are proven loadable by transformers.

Usage: python3 tools/parity/check_with_transformers.py [WORK_DIR]   (needs torch and transformers)
Prints one line per case with the largest absolute difference and exits 1 above 1e-4.
"""
import json
import os
import subprocess
import sys

import torch
import transformers as tf

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ALIGN = os.path.join(ROOT, "align")
TOL = 1e-4


def align(*args):
    r = subprocess.run([ALIGN, *args], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"align {' '.join(args)} failed: {r.stderr}")
    return r.stdout


def randomize(model, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "norm" in name.lower() and name.endswith("weight"):
                p.copy_(1 + 0.2 * torch.randn(p.shape, generator=g))
            else:
                p.copy_(0.3 * torch.randn(p.shape, generator=g))
    return model


def configs():
    return {
        "gpt2": tf.GPT2Config(vocab_size=97, n_positions=64, n_embd=32, n_layer=2, n_head=4),
        "llama": tf.LlamaConfig(vocab_size=97, hidden_size=32, intermediate_size=48, num_hidden_layers=2,
                                num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=64,
                                tie_word_embeddings=False, rope_theta=10000.0),
        "qwen2": tf.Qwen2Config(vocab_size=97, hidden_size=32, intermediate_size=48, num_hidden_layers=2,
                                num_attention_heads=4, num_key_value_heads=1, max_position_embeddings=64,
                                tie_word_embeddings=True, rope_theta=1000000.0),
        "bert": tf.BertConfig(vocab_size=97, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                              intermediate_size=48, max_position_embeddings=64, num_labels=1),
    }


def hf_model(arch, path=None, config=None):
    if arch == "bert":
        cls = tf.BertForSequenceClassification
    else:
        cls = tf.AutoModelForCausalLM
    m = cls.from_pretrained(path, dtype=torch.float32) if path else (cls(config) if arch == "bert" else cls.from_config(config))
    return m.eval().float()


def hf_outputs(arch, model, seqs):
    out = []
    with torch.no_grad():
        for ids in seqs:
            x = torch.tensor([ids])
            if arch == "bert":
                out.append([float(model(input_ids=x).logits[0, 0])])
            else:
                lp = torch.log_softmax(model(input_ids=x).logits[0].float(), -1)
                out.append([float(lp[t, ids[t + 1]]) for t in range(len(ids) - 1)])
    return out


def align_outputs(arch, path, seqs, work):
    inp = os.path.join(work, "in.jsonl")
    with open(inp, "w") as f:
        for ids in seqs:
            f.write(json.dumps({"input_ids": ids}) + "\n")
    if arch == "bert":
        lines = align("reward", "score", "--model", path, "--input", inp).strip().splitlines()
        return [[json.loads(l)["score"]] for l in lines]
    lines = align("score", "--model", path, "--input", inp).strip().splitlines()
    return [json.loads(l)["logprobs"] for l in lines]


def diff(a, b):
    return max(abs(x - y) for ra, rb in zip(a, b) for x, y in zip(ra, rb))


def main(work):
    os.makedirs(work, exist_ok=True)
    g = torch.Generator().manual_seed(0)
    seqs = [torch.randint(0, 97, (n,), generator=g).tolist() for n in (12, 5, 20)]
    worst = 0.0
    for i, (arch, cfg) in enumerate(configs().items()):
        for dtype in ("float32", "bfloat16"):
            path = os.path.join(work, f"hf-{arch}-{dtype}")
            model = randomize(hf_model(arch, config=cfg), 100 + i)
            if dtype == "bfloat16":
                model = model.to(torch.bfloat16)
            model.save_pretrained(path)  # safetensors, transformers' key names
            ref = hf_outputs(arch, hf_model(arch, path), seqs)
            d = diff(ref, align_outputs(arch, path, seqs, work))
            worst = max(worst, d)
            print(f"transformers wrote {arch:5s} {dtype:8s} -> align4j reads: max |diff| = {d:.2e}")
        ours = os.path.join(work, f"align-{arch}")
        align("model", "init", "--arch", arch, "--preset", "tiny", "--vocab-size", "97", "--out", ours, "--seed", "3")
        d = diff(hf_outputs(arch, hf_model(arch, ours), seqs), align_outputs(arch, ours, seqs, work))
        worst = max(worst, d)
        print(f"align4j wrote      {arch:5s} float32  -> transformers reads: max |diff| = {d:.2e}")
    print(f"torch {torch.__version__}, transformers {tf.__version__}: worst {worst:.2e} (tolerance {TOL})")
    sys.exit(0 if worst <= TOL else 1)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/align4j-parity")
