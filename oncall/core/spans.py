"""Merging time spans: the one union of [start, end) pairs that coverage, time off and the band share.

Spans may be datetimes or plain numbers (the band's minutes on its axis); touching spans
merge, so [09:00, 12:00) and [12:00, 15:00) cover 09:00-15:00 without a gap.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def merge_sorted(spans: Iterable[tuple[T, T]]) -> list[tuple[T, T]]:
    """The union of spans already sorted by start, as disjoint spans in order."""
    merged: list[tuple[T, T]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def merge(spans: Iterable[tuple[T, T]]) -> list[tuple[T, T]]:
    """The union of spans in any order."""
    return merge_sorted(sorted(spans))
