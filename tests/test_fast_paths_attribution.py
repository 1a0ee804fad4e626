"""The attribution stage's speed tricks give exactly what the plain code they replace gives."""

from __future__ import annotations

import bisect

from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.attribution import _per_sentence


@settings(max_examples=500, deadline=None)
@given(st.lists(st.integers(0, 30), max_size=12), st.lists(st.tuples(st.integers(0, 30), st.integers(1, 4)), max_size=12),
       st.lists(st.integers(0, 3), min_size=34, max_size=34))
def test_cues_dealt_to_sentences_equal_a_search_per_sentence(cuts: list[int], hits: list[tuple[int, int]], gaps: list[int]) -> None:
    starts = [sum(gaps[:i]) + 2 * i for i in range(len(gaps))]  # token starts, in order, one to five characters apart
    edges = sorted(cuts)
    sentences = list(zip(edges[0::2], edges[1::2]))  # character spans in order, not overlapping, some empty
    matches = sorted({(first, first + length) for first, length in hits})
    bounds = [(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)) for start, end in sentences]
    expected = {k: [(a, b) for a, b in matches if lo <= a < hi and b <= hi] for k, (lo, hi) in enumerate(bounds)}
    dealt = _per_sentence(matches, starts, sentences, [start for start, _ in sentences])
    assert dealt == {k: cues for k, cues in expected.items() if cues}
