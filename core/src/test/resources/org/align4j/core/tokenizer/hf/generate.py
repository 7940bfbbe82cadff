"""Regenerates the Hugging Face-made tokenizer fixtures (not run by the build).

    python generate.py   # needs `pip install tokenizers` (made with 0.23.2)

Writes gpt2-like/ (byte-level BPE, ChatML added tokens, config.json and generation_config.json as a
Qwen2-style model has them, no pad token), bert-like/ (WordPiece, BertProcessing, bert-base-uncased style
configs) and expected.json: the ids Python's tokenizers gives for each sample, which the Java test compares.
"""
import json
import os

from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

CORPUS = [
    "病人发烧三天了，请问应该吃什么药？",
    "The patient has had a fever for three days. What medicine should he take?",
    "血压早上很高，晚上低。Blood pressure is high in the morning and low at night.",
    "饭后服用一片，每日两次。Take one tablet twice a day after meals!",
    "如果疼痛加重，请立即去医院。If the pain gets worse, go to the hospital at once.",
] * 20
SAMPLES = ["病人发烧三天了", "The patient has a fever.", "血压 high 早上", "<|im_start|>user\n头痛<|im_end|>", "emoji 🙂"]


def write(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)


def gpt2_like(out):
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    trainer = trainers.BpeTrainer(vocab_size=400, special_tokens=["<|endoftext|>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(CORPUS, trainer)
    tok.add_special_tokens(["<|im_start|>", "<|im_end|>"])
    os.makedirs(out, exist_ok=True)
    tok.save(os.path.join(out, "tokenizer.json"))
    eos, im_end = tok.token_to_id("<|endoftext|>"), tok.token_to_id("<|im_end|>")
    write(os.path.join(out, "tokenizer_config.json"), {"model_max_length": 1024, "eos_token": "<|endoftext|>",
                                                       "bos_token": None, "pad_token": None})
    write(os.path.join(out, "config.json"), {"model_type": "qwen2", "bos_token_id": eos, "eos_token_id": eos})
    write(os.path.join(out, "generation_config.json"), {"eos_token_id": [im_end, eos]})
    return tok


def bert_like(out):
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.decoder = decoders.WordPiece()
    trainer = trainers.WordPieceTrainer(vocab_size=300, special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"])
    tok.train_from_iterator(CORPUS, trainer)
    tok.post_processor = processors.BertProcessing(("[SEP]", tok.token_to_id("[SEP]")),
                                                   ("[CLS]", tok.token_to_id("[CLS]")))
    os.makedirs(out, exist_ok=True)
    tok.save(os.path.join(out, "tokenizer.json"))
    write(os.path.join(out, "tokenizer_config.json"), {"do_lower_case": True, "model_max_length": 512,
                                                       "tokenizer_class": "BertTokenizer"})
    write(os.path.join(out, "special_tokens_map.json"), {"cls_token": "[CLS]", "mask_token": "[MASK]",
                                                         "pad_token": "[PAD]", "sep_token": "[SEP]", "unk_token": "[UNK]"})
    return tok


expected = {"samples": SAMPLES}
for name, tok in [("gpt2-like", gpt2_like("gpt2-like")), ("bert-like", bert_like("bert-like"))]:
    expected[name] = {
        "ids": [tok.encode(s, add_special_tokens=False).ids for s in SAMPLES],
        "decoded": [tok.decode(tok.encode(s, add_special_tokens=False).ids, skip_special_tokens=False) for s in SAMPLES],
        "pair_ids": tok.encode(SAMPLES[0], SAMPLES[1]).ids,
        "pair_type_ids": tok.encode(SAMPLES[0], SAMPLES[1]).type_ids,
    }
write("expected.json", expected)
