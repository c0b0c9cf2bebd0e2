"""The texts the extraction benchmarks read, and where they are.

- :func:`shared_dir`: the workplace's ``shared/`` folder (TimeBank/AQUAINT in ``eval/``, the
  seed articles in ``seed/``), which is never copied into the repository. It is looked for
  beside the repository (``../shared``, as CI lays it) and one level further up (a worktree
  under ``wt/``).
- :func:`tbaq_parts`: TimeBank and AQUAINT apart, so one can be the development set and the
  other held out. ``tbaq.jsonl`` runs them together; AQUAINT's documents are the Xinhua ones
  and those written from August 1998 on (TimeBank's newest is of June 1998).
- :func:`fresh_articles` and :func:`coded_sentences`: our own test articles about events of
  2025–2026, written after the tagger's rules, with gold written by hand (``tests/articles/``
  is development text; ``tests/articles/heldout/`` holds the set written before the last
  round of changes and scored once after it).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "tests" / "articles"


def shared_dir() -> Path | None:
    """The ``shared/`` folder beside the repository, or ``None`` when there is none."""
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared").is_dir():
            return base / "shared"
    return None


def tbaq_parts(path: Path) -> dict[str, list[dict]]:
    """The documents of a TBAQ JSON-lines file as ``{"timebank": [...], "aquaint": [...]}``."""
    parts: dict[str, list[dict]] = {"timebank": [], "aquaint": []}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                document = json.loads(line)
                aquaint = document["doc_id"].startswith("XIE") or document["dct"] >= "1998-08"
                parts["aquaint" if aquaint else "timebank"].append(document)
    return parts


@dataclass(frozen=True)
class GoldDate:
    """A date expression as the gold marks it; ``value`` None: not scored either way."""

    start: int
    end: int
    text: str
    value: str | None


@dataclass(frozen=True)
class FreshArticle:
    """One of our test articles and its hand-written gold."""

    name: str
    text: str
    published: dt.date
    dates: tuple[GoldDate, ...]
    sentences: tuple[tuple[int, int, frozenset[str]], ...]  # start, end, countries named
    events: tuple[dict, ...]  # date, precision, countries, what


def _located(text: str, phrases: list[str]) -> list[tuple[int, int]]:
    """The offsets of each phrase, found in order, each after the one before."""
    spans, cursor = [], 0
    for phrase in phrases:
        start = text.find(phrase, cursor)
        if start < 0:
            raise ValueError(f"gold phrase {phrase!r} is not in the text after offset {cursor}")
        spans.append((start, start + len(phrase)))
        cursor = start + len(phrase)
    return spans


def fresh_articles(folder: Path = ARTICLES) -> list[FreshArticle]:
    """Every ``NN-name.txt`` in ``folder`` with the gold of its ``NN-name.json``.

    The gold names each date expression by its words, in reading order, and each sentence by
    its first words: a sentence runs to the start of the next one.
    """
    articles = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        dates = tuple(
            GoldDate(start, end, text[start:end], value)
            for (start, end), (_, value) in zip(
                _located(text, [d[0] for d in gold["dates"]]), gold["dates"], strict=True))
        starts = [start for start, _ in _located(text, [s[0] for s in gold["sentences"]])]
        ends = [*starts[1:], len(text)]
        sentences = tuple((start, end, frozenset(countries))
                          for start, end, (_, countries) in zip(starts, ends, gold["sentences"],
                                                                strict=True))
        articles.append(FreshArticle(path.stem, text, dt.date.fromisoformat(gold["published"]),
                                     dates, sentences, tuple(gold["events"])))
    return articles


def coded_sentences(path: Path = ARTICLES / "coded-sentences.jsonl") -> list[dict]:
    """Single sentences, each with its publication day and the countries it names."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
