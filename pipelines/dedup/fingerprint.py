"""Text fingerprints: word shingles, a MinHash signature with a fixed seed, LSH band hashes.

Everything here is pure and deterministic, so signatures made by different processes and
different runs compare with each other.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import MinHash

SEED = 20261121  # never change: stored signatures depend on it
CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD_RE = re.compile(rf"[{CJK_CHARS}]|[^\W_{CJK_CHARS}]+")
_DTYPE = np.dtype("<u4")  # datasketch's hash values are 32-bit


def words(text: str) -> list[str]:
    """Normalised words: NFKC, case folded, punctuation dropped; each CJK character is a word."""
    return _WORD_RE.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, size: int) -> set[bytes]:
    """Overlapping ``size``-word shingles (the whole text as one shingle when shorter)."""
    tokens = words(text)
    if len(tokens) <= size:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


@lru_cache(maxsize=4)
def _empty(num_perm: int) -> MinHash:
    # Building the permutations is the costly part of a MinHash: do it once per size.
    # Imported here: datasketch's package imports scipy (half a second), and a crawl that
    # finds nothing new, or a command that only reads, never computes a signature.
    from datasketch import MinHash

    # the shingles arrive hashed (see _shingle_hashes), so datasketch's hash step is the identity
    return MinHash(num_perm=num_perm, seed=SEED, hashfunc=_already_hashed)


def _already_hashed(value: int) -> int:
    return value


def _shingle_hashes(grams: set[bytes]) -> tuple[int, ...]:
    """datasketch's default hash of each shingle (``sha1_hash32``: the first 4 bytes of its SHA-1,
    little-endian), unpacked in one call instead of one Python call per shingle."""
    sha1 = hashlib.sha1
    return struct.unpack(f"<{len(grams)}I", b"".join([sha1(gram).digest()[:4] for gram in grams]))


def signature(text: str, num_perm: int, shingle_words: int) -> np.ndarray:
    """The MinHash signature of ``text`` (``num_perm`` 32-bit values); the same values as
    datasketch's ``MinHash(num_perm, seed=SEED)`` updated with the shingles."""
    minhash = _empty(num_perm).copy()
    grams = shingles(text, shingle_words)
    if grams:
        minhash.update_batch(_shingle_hashes(grams))
    return np.asarray(minhash.hashvalues, dtype=_DTYPE)


def to_bytes(values: np.ndarray) -> bytes:
    """Compact storage form: little-endian uint32, 4 bytes per permutation."""
    return np.ascontiguousarray(values, dtype=_DTYPE).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    """Inverse of :func:`to_bytes`."""
    return np.frombuffer(data, dtype=_DTYPE)


def jaccard(first: np.ndarray, second: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures of the same size."""
    if first.shape != second.shape:
        raise ValueError(f"signatures of different sizes: {first.shape} vs {second.shape}")
    return float(np.count_nonzero(first == second)) / len(first)


RECALL_AT_THRESHOLD = 0.97
MIN_ROWS = 3


def band_params(num_perm: int, threshold: float) -> tuple[int, int]:
    """(bands, rows) splitting ``num_perm`` values: the most rows per band that still make a
    pair at ``threshold`` a candidate with 97 % chance, but at least 3 rows, so articles that
    merely share common phrases rarely share a band (num_perm 128: threshold 0.4 and 0.5 give
    42 x 3, candidate chance 94 % at 0.4, 99.6 % at 0.5; 0.6 gives 32 x 4)."""
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands < RECALL_AT_THRESHOLD:
            break
        best = (bands, rows)
    return best if best[1] >= MIN_ROWS else (num_perm // MIN_ROWS, MIN_ROWS)


def band_hashes(values: np.ndarray, bands: int, rows: int) -> list[tuple[int, int]]:
    """(band, bucket) pairs: each band of ``rows`` values hashed to a signed 64-bit integer."""
    raw = np.ascontiguousarray(values, dtype=_DTYPE)
    out = []
    for band in range(bands):
        chunk = raw[band * rows : (band + 1) * rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        out.append((band, int.from_bytes(digest, "little", signed=True)))
    return out


def similarities(target: np.ndarray, others: Iterable[bytes]) -> list[float]:
    """Estimated Jaccard of ``target`` against each stored signature."""
    return [jaccard(target, from_bytes(other)) for other in others]
