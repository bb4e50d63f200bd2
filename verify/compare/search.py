"""The dynamic programme of the alignment, one band row at a time with numpy.

Every bead score is built from a few arrays computed once: the dot product
of each sentence of A with the sentences of B inside its band (prefix-summed
along B, so a group of B sentences costs one subtraction), the squared norm
of every group of up to four consecutive sentences on each side, and the
prefix sums of sentence lengths. The gains of every bead shape in every
cell of the band are computed at once; a row of the programme is then one
gather per shape and an argmax, and the 0-1 bead (a B sentence on its own),
which depends on the cell to its left in the same row, is a running maximum.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from verify.compare.similarity import LENGTH_SIGMA, LENGTH_SMOOTHING, LEXICAL_WEIGHT, Vector, dot

Array = npt.NDArray[np.float64]
NEG = -1e18
MERGE_MIN_COSINE = 0.05


class Grid:
    """The arrays a banded search needs, for one pair of texts."""

    def __init__(
        self,
        va: list[Vector],
        vb: list[Vector],
        la: Sequence[int],
        lb: Sequence[int],
        bands: list[tuple[int, int]],
        widest: int,
    ) -> None:
        self.n, self.m = len(va), len(vb)
        self.bands = bands
        self.pa = np.concatenate([[0.0], np.cumsum(np.asarray(la, dtype=np.float64))])
        self.pb = np.concatenate([[0.0], np.cumsum(np.asarray(lb, dtype=np.float64))])
        self.ratio = (self.pb[-1] + 1.0) / (self.pa[-1] + 1.0)
        self.norm_a = _group_norms(va, widest)
        self.norm_b = _group_norms(vb, widest)
        self.rows: list[tuple[int, Array]] = []  # per A sentence: (first j, prefix sums of dots)
        for x in range(self.n):
            rows_using = range(x + 1, min(x + widest, self.n) + 1)
            ylo = max(0, min(bands[i][0] for i in rows_using) - widest)
            yhi = min(self.m, max(bands[i][1] for i in rows_using))
            dots = np.fromiter(
                (dot(va[x], vb[y]) for y in range(ylo, yhi)), dtype=np.float64, count=yhi - ylo
            )
            self.rows.append((ylo, np.concatenate([[0.0], np.cumsum(dots)])))
        sizes = [len(prefix) for _, prefix in self.rows]
        self.row_offsets = (
            np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64) if sizes else np.zeros(0, np.int64)
        )
        self.row_starts = np.array([ylo for ylo, _ in self.rows], dtype=np.int64)
        self.flat_prefix = np.concatenate([p for _, p in self.rows]) if self.rows else np.zeros(0)

    def gains_everywhere(
        self,
        rows_i: npt.NDArray[np.int64],
        cols_j: npt.NDArray[np.int64],
        offs: npt.NDArray[np.int64],
        da: int,
        db: int,
        threshold: float,
        merge: float,
        skip: float,
    ) -> tuple[Array, npt.NDArray[np.int64]]:
        """For every cell, the gain of a ``(da, db)`` bead ending there, and
        the flat index of the cell it starts from (``NEG`` where none)."""
        lo = np.array([b[0] for b in self.bands], dtype=np.int64)
        hi = np.array([b[1] for b in self.bands], dtype=np.int64)
        start_i = rows_i - da
        start_j = cols_j - db
        safe_i = np.maximum(start_i, 0)
        ok = (start_i >= 0) & (start_j >= lo[safe_i]) & (start_j <= hi[safe_i])
        source = np.where(ok, offs[safe_i] + start_j - lo[safe_i], 0)
        gain = np.full(len(rows_i), NEG)
        if db == 0:
            gain[ok] = -skip * da
            return gain, source
        i, j = rows_i[ok], cols_j[ok]
        total = np.zeros(len(i))
        for k in range(1, da + 1):
            x = i - k
            base = self.row_offsets[x] - self.row_starts[x]
            total += self.flat_prefix[base + j] - self.flat_prefix[base + j - db]
        gain[ok] = self._score(total, i, j, da, db) - (threshold + merge * (da + db - 2))
        if da + db > 2:  # a merge must share some words: length alone joins unrelated lines
            cosine = self._cosine(total, i, j, da, db)
            merged = gain[ok]
            merged[cosine < MERGE_MIN_COSINE] = NEG
            gain[ok] = merged
        return gain, source

    def _cosine(
        self, total: Array, i: npt.NDArray[np.int64], j: npt.NDArray[np.int64], da: int, db: int
    ) -> Array:
        na = self.norm_a[da][i]
        nb = self.norm_b[db][j]
        with np.errstate(divide="ignore", invalid="ignore"):
            cosine: Array = np.where((na > 0) & (nb > 0), total / np.sqrt(na * nb), 0.0)
        return cosine

    def _score(
        self, total: Array, i: npt.NDArray[np.int64], j: npt.NDArray[np.int64], da: int, db: int
    ) -> Array:
        cosine = self._cosine(total, i, j, da, db)
        la = self.pa[i] - self.pa[i - da]
        lb = self.pb[j] - self.pb[j - db]
        x = np.log((lb + LENGTH_SMOOTHING) / ((la + LENGTH_SMOOTHING / self.ratio) * self.ratio))
        agreement = np.exp(-(x * x) / (2 * LENGTH_SIGMA * LENGTH_SIGMA))
        score: Array = LEXICAL_WEIGHT * cosine + (1 - LEXICAL_WEIGHT) * agreement
        return score


def _group_norms(vs: list[Vector], widest: int) -> list[Array]:
    """``out[k][e]`` is the squared norm of the sum of sentences ``[e-k, e)``."""
    n = len(vs)
    self_dots = [np.array([dot(v, v) for v in vs], dtype=np.float64)]
    for d in range(1, widest):
        self_dots.append(np.array([dot(vs[x], vs[x + d]) for x in range(n - d)], dtype=np.float64))
    out = [np.zeros(n + 1)]
    for k in range(1, widest + 1):  # add sentence e-k in front of the group [e-k+1, e)
        norms = np.zeros(n + 1)
        if k <= n:
            front = self_dots[0][: n - k + 1].copy()
            for d in range(1, k):
                front += 2.0 * self_dots[d][: n - k + 1]
            norms[k:] = out[k - 1][k:] + front
        out.append(norms)
    return out


def search(
    grid: Grid, beads: Sequence[tuple[int, int]], threshold: float, skip: float, merge: float
) -> list[tuple[int, int, int, int]]:
    """The best monotone path through the band, as ``(a0, a1, b0, b1)`` beads.

    ``beads`` lists the bead shapes ``(da, db)``. The gains of every shape in
    every cell are computed at once over the flattened band; the programme
    then takes, row by row, the best predecessor of each cell (one gather
    per shape) and lets a row's cells reach along it for ``(0, 1)`` beads.
    """
    n, bands = grid.n, grid.bands
    lo = np.array([b[0] for b in bands], dtype=np.int64)
    widths = np.array([b[1] - b[0] + 1 for b in bands], dtype=np.int64)
    offs = np.concatenate([[0], np.cumsum(widths)])
    rows_i = np.repeat(np.arange(n + 1), widths)
    cols_j = np.arange(offs[-1]) - np.repeat(offs[:-1], widths) + np.repeat(lo, widths)
    shapes = [(t, da, db) for t, (da, db) in enumerate(beads) if da > 0]
    gains, sources = [], []
    for _, da, db in shapes:
        gain, source = grid.gains_everywhere(rows_i, cols_j, offs, da, db, threshold, merge, skip)
        gains.append(gain)
        sources.append(source)
    codes = np.array([t for t, _, _ in shapes], dtype=np.int8)
    best = np.full(int(offs[-1]), NEG)
    moves = np.full(int(offs[-1]), -1, dtype=np.int8)
    t01 = beads.index((0, 1))
    for i in range(n + 1):
        a, b = int(offs[i]), int(offs[i + 1])
        j = cols_j[a:b]
        if i == 0:
            row = np.where(j == 0, 0.0, NEG)
            move = np.full(b - a, -1, dtype=np.int8)
        else:
            stacked = np.stack([best[src[a:b]] + g[a:b] for g, src in zip(gains, sources, strict=True)])
            pick = np.argmax(stacked, axis=0)
            row = stacked[pick, np.arange(b - a)]
            move = np.where(row > NEG / 2, codes[pick], -1).astype(np.int8)
            row = np.where(row > NEG / 2, row, NEG)
        row, move = _skips_along_row(row, move, j, t01, skip)
        best[a:b] = row
        moves[a:b] = move
    return _trace([moves[offs[i] : offs[i + 1]] for i in range(n + 1)], bands, beads, n, grid.m)


def _skips_along_row(
    row: Array, move: npt.NDArray[np.int8], j: npt.NDArray[np.int64], t01: int, skip: float
) -> tuple[Array, npt.NDArray[np.int8]]:
    """Allow B sentences on their own: ``row[j] = max(row[j], row[j-1] - skip)``."""
    lifted = row + skip * j
    running = np.maximum.accumulate(lifted)
    out = running - skip * j
    from_left = out > row + 1e-12
    move = move.copy()
    move[from_left] = t01
    return out, move


def _trace(
    moves: list[npt.NDArray[np.int8]],
    bands: list[tuple[int, int]],
    beads: Sequence[tuple[int, int]],
    n: int,
    m: int,
) -> list[tuple[int, int, int, int]]:
    path: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        lo, hi = bands[i]
        t = int(moves[i][j - lo]) if lo <= j <= hi else -1
        if t < 0:
            raise RuntimeError(f"alignment search left its band at ({i}, {j})")
        da, db = beads[t]
        path.append((i - da, i, j - db, j))
        i, j = i - da, j - db
    return path[::-1]
