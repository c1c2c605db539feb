"""Balance is the mean over pairs of a leg's members of min(hours)/max(hours), now computed
after a sort instead of pair by pair; both give the same number."""

from __future__ import annotations

import math
from itertools import combinations

from hypothesis import given, settings, strategies as st

from oncall.core.report import _pair_balance


def pairwise(values: dict[str, float], groups: list[tuple[str, ...]]) -> float:
    """The definition in docs/team-file.md, written the obvious way."""
    ratios = []
    for group in groups:
        for a, b in combinations(sorted(set(group)), 2):
            hi = max(values.get(a, 0.0), values.get(b, 0.0))
            lo = min(values.get(a, 0.0), values.get(b, 0.0))
            ratios.append(1.0 if hi == 0 else lo / hi)
    return 100.0 * sum(ratios) / len(ratios) if ratios else 100.0


MEMBERS = [f"m{i}" for i in range(12)]
HOURS = st.one_of(st.just(0.0), st.sampled_from([0.5, 8.0, 8.0, 168.0]),
                  st.floats(0, 10_000, allow_nan=False, allow_infinity=False))


@settings(max_examples=500, deadline=None)
@given(values=st.dictionaries(st.sampled_from(MEMBERS), HOURS),
       groups=st.lists(st.lists(st.sampled_from(MEMBERS), max_size=8).map(tuple), max_size=5))
def test_sorted_balance_equals_the_pairwise_definition(values, groups):
    assert math.isclose(_pair_balance(values, groups), pairwise(values, groups), rel_tol=1e-9, abs_tol=1e-9)


def test_known_values():
    assert _pair_balance({"a": 0, "b": 0}, [("a", "b")]) == 100.0
    assert _pair_balance({"a": 10, "b": 0}, [("a", "b")]) == 0.0
    assert _pair_balance({"a": 10, "b": 5, "c": 0}, [("a", "b", "c"), ("a",)]) == 100.0 * (0.5 + 0 + 0) / 3
    assert _pair_balance({}, []) == 100.0


def test_a_large_leg_with_many_ties_matches_the_definition():
    values = {f"m{i}": float(i % 97) for i in range(1_500)}  # 1.1 million pairs, many equal and zero
    group = tuple(values)
    groups = [group, group[:700] + group[:10]]  # a second leg; repeats within a leg count once
    assert math.isclose(_pair_balance(values, groups), pairwise(values, groups), rel_tol=1e-9)
