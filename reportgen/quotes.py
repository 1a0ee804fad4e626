"""Direct quotations: which stretches of text are someone else's words, not the reporter's.

Handles straight quotes ("…", '…') and curly quotes (“…”, ‘…’). A right single quote between
letters is an apostrophe (“Kyiv’s”), not a closing quote. A quotation left open at the end of a
paragraph closes there: in news style a quote running over several paragraphs reopens each
one. Quoted stretches shorter than ``MIN_QUOTE_WORDS`` words are names or scare quotes
(“the channel ‘Voenkory Russkoy Vesny’”), not quotations, and stay in the reporter's voice.
"""

from __future__ import annotations

import bisect
import re
from typing import Sequence

from reportgen.model import Span

MIN_QUOTE_WORDS = 4
# MIN_QUOTE_WORDS words in a row, found by one search that stops at the last of them instead of
# listing every word of a long quotation to count them
ENOUGH_WORDS = re.compile(r"\w+" + r"\W+\w+" * (MIN_QUOTE_WORDS - 1))
_MARK = re.compile("[“”‘’\"'«»„]")
_OPENERS = {"“": "”", "‘": "’", '"': '"', "'": "'", "«": "»", "„": "“"}


def quote_spans(text: str, paragraphs: Sequence[Span]) -> list[Span]:
    """Spans of direct quotations (quote marks included), in order."""
    spans: list[Span] = []
    for start, end in paragraphs:
        spans.extend(_paragraph_quotes(text, start, end))
    return [s for s in spans if ENOUGH_WORDS.search(text, s[0], s[1])]


def _paragraph_quotes(text: str, start: int, end: int) -> list[Span]:
    """Outermost quotations within one paragraph."""
    spans: list[Span] = []
    stack: list[tuple[str, int]] = []  # (expected closing mark, position of the opening mark)
    for mark in _MARK.finditer(text, start, end):
        i = mark.start()
        ch = text[i]
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if stack and ch == stack[-1][0] and _can_close(ch, before, after):
            closer, opened = stack.pop()
            if not stack:
                spans.append((opened, i + 1))
        elif ch in _OPENERS and _can_open(ch, before, after):
            stack.append((_OPENERS[ch], i))
    if stack:
        spans.append((stack[0][1], end))
    return spans


def _can_open(mark: str, before: str, after: str) -> bool:
    """An opening mark follows a space or bracket and precedes a non-space."""
    if after.isspace():
        return False
    if mark in "'’":
        return not before.isalnum()
    return not before.isalnum() or mark in "“«„"


def _can_close(mark: str, before: str, after: str) -> bool:
    """A closing mark follows a non-space; a single quote between letters is an apostrophe."""
    if before.isspace():
        return False
    if mark in "'’":
        return not after.isalnum()
    return True


def in_spans(position: int, spans: Sequence[Span], starts: Sequence[int] | None = None) -> bool:
    """True when position lies inside one of the sorted, non-overlapping spans."""
    starts = starts if starts is not None else [s for s, _ in spans]
    i = bisect.bisect_right(starts, position) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]
