"""Sentences of a news article: where each starts and ends.

``sentence_spans(text)`` gives ``(start, end)`` offsets, found by ``pysbd`` (rule-based,
offline). Lines broken inside a paragraph (the next line starts in lower case, the line ends in
a comma or a word like "the", or the block is hard-wrapped) are read as one line; an
all-capitals kicker such as "‘FIGHT TO THE END’:" is left out of the sentence.
"""

from __future__ import annotations

import itertools
import re

import pysbd

__all__ = ["sentence_spans"]

_KICKER = re.compile(r"[\u2018'\"\u201c]?[A-Z][A-Z0-9\u2019' !?&-]{3,}[\u2019'\"\u201d]?:\s+")
_LINE_END = re.compile(r"[.!?:;\"\u201d\u2019')]\s*$")
_WRAPPED_AFTER = re.compile(
    r"(?:,|\b(?:the|a|an|of|and|or|to|in|on|at|for|with|by|from|that|its|their|his|her))$",
    re.IGNORECASE,
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of each sentence of ``text``, trimmed of surrounding spaces
    and of a leading all-capitals kicker ("DIALOGUE: ")."""
    joined = _join_wrapped_lines(text)
    spans: list[tuple[int, int]] = []
    cursor = 0
    # A segmenter keeps the text it works on: one per call, so threads never share one.
    for piece in pysbd.Segmenter(language="en", clean=False).segment(joined):
        piece = piece.strip()
        if not piece:
            continue
        start = joined.find(piece, cursor)
        if start < 0:  # pysbd changed the text (rare, odd punctuation): skip the piece
            continue
        end = start + len(piece)
        cursor = end
        kicker = _KICKER.match(text, start, end)
        if kicker is not None and kicker.end() < end:
            start = kicker.end()
        spans.append((start, end))
    return spans


def _join_wrapped_lines(text: str) -> str:
    """``text`` with line breaks inside a paragraph turned into spaces (same length).

    A line break is inside a paragraph when the next line starts in lower case, when the line
    ends in a comma or a word like "the", or when most lines of a block of three or more end
    without a sentence's last punctuation (hard-wrapped text).
    """
    chars = list(text.replace("\r\n", " \n"))
    lines = "".join(chars).split("\n")
    position = 0
    wrapped = _hard_wrapped_lines(lines)
    for index, (line, following) in enumerate(itertools.pairwise(lines)):
        position += len(line)
        stripped = line.rstrip()
        if stripped and following.strip() and (
            index in wrapped or following[:1].islower() or _WRAPPED_AFTER.search(stripped)
        ):
            chars[position] = " "
        position += 1
    return "".join(chars)


def _hard_wrapped_lines(lines: list[str]) -> set[int]:
    """Indexes of lines (not the last of a block) inside hard-wrapped blocks of three or more."""
    wrapped: set[int] = set()
    block: list[int] = []
    for index, line in enumerate([*lines, ""]):
        if line.strip():
            block.append(index)
            continue
        if len(block) >= 3:
            inner = block[:-1]
            open_ended = [i for i in inner if not _LINE_END.search(lines[i])]
            if len(open_ended) * 2 > len(inner):
                wrapped.update(inner)
        block = []
    return wrapped
