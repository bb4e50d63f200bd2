"""How one spelling can turn into another: the edit kinds the variant
detectors reason with."""

from __future__ import annotations

from collections import Counter
from typing import Literal

EditKind = Literal[
    "permutation",
    "transposition",
    "substitution",
    "insertion",
    "deletion",
    "permutation+substitution",
]


def edit_kind(variant: str, form: str) -> EditKind | None:
    """Name the single edit that turns ``form`` into ``variant``, if any.

    >>> edit_kind("CSO", "SCO"), edit_kind("CSU", "SCO"), edit_kind("UNGA", "UN")
    ('transposition', 'permutation+substitution', None)
    >>> edit_kind("Shangai", "Shanghai")
    'deletion'
    """
    if variant == form or len(set(variant) ^ set(form)) > 2:
        return None  # one edit changes at most two letters of the alphabet used
    if len(variant) == len(form):
        return _same_length(variant, form)
    if abs(len(variant) - len(form)) == 1:
        shorter, longer = sorted((variant, form), key=len)
        if any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer))):
            return "deletion" if len(variant) < len(form) else "insertion"
    return None


def _same_length(variant: str, form: str) -> EditKind | None:
    diff = [i for i, (a, b) in enumerate(zip(variant, form, strict=True)) if a != b]
    if len(diff) == 1:
        return "substitution"
    if len(diff) == 2 and diff[1] == diff[0] + 1 and sorted(variant) == sorted(form):
        return "transposition"
    if sorted(variant) == sorted(form):
        return "permutation"
    shared = sum((Counter(variant) & Counter(form)).values())
    if len(form) >= 3 and shared == len(form) - 1:
        return "permutation+substitution"
    return None
