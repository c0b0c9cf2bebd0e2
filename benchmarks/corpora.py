"""The texts the extraction benchmarks read, and where they are.

- :func:`shared_dir`: the workplace's ``shared/`` folder (TimeBank/AQUAINT in ``eval/``, the
  seed articles in ``seed/``), which is never copied into the repository. It is looked for
  beside the repository (``../shared``, as CI lays it) and one level further up (a worktree
  under ``wt/``).
- :func:`tbaq_parts`: TimeBank and AQUAINT apart, so one can be the development set and the
  other held out. ``tbaq.jsonl`` runs them together; AQUAINT's documents are the Xinhua ones
  and those written from August 1998 on (TimeBank's newest is of June 1998).
- :func:`timeml_documents`: a folder of TimeML files (``*.tml``), such as TempEval-3's
  platinum test set, as documents in ``tbaq.jsonl``'s shape.
- :func:`fresh_articles` and :func:`coded_sentences`: our own test articles about events of
  2025–2026, written after the tagger's rules, with gold written by hand (``tests/articles/``
  is development text; ``tests/articles/heldout/`` holds the set written before the last
  round of changes and scored once after it).
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ElementTree
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


def timeml_documents(folder: Path) -> list[dict]:
    """Every ``*.tml`` file in ``folder`` as a document shaped like a ``tbaq.jsonl`` line.

    Each comes back as ``{"doc_id", "dct", "text", "timexes"}``: ``text`` is the ``TEXT``
    element with its tags stripped, ``dct`` the value of the ``DCT`` element's TIMEX3, and each
    TIMEX3 inside the text becomes ``{"tid", "start", "end", "text", "type", "value"}`` with
    ``text[start:end]`` its words. For example ``<TEXT>Talks ended <TIMEX3 tid="t1"
    type="DATE" value="2013-03-22">Friday</TIMEX3>.</TEXT>`` gives the text ``"Talks ended
    Friday."`` and one timex from 12 to 18.
    """
    return [_timeml_document(path) for path in sorted(folder.glob("*.tml"))]


def _timeml_document(path: Path) -> dict:
    root = ElementTree.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    body = root.find("TEXT")
    if dct is None or body is None:
        raise ValueError(f"{path}: a TimeML document needs a DCT TIMEX3 and a TEXT element")
    pieces: list[str] = []
    timexes: list[dict] = []
    length = 0

    def add(words: str | None) -> int:
        """Append ``words``; return where they start in the text."""
        nonlocal length
        pieces.append(words or "")
        length += len(pieces[-1])
        return length - len(pieces[-1])

    def walk(element: ElementTree.Element) -> None:
        # Text and tails in document order: an EVENT's words stay in place, a TIMEX3's are
        # recorded with their offsets (TimeML does not nest a TIMEX3 inside another).
        for child in element:
            if child.tag == "TIMEX3":
                words = "".join(child.itertext())
                start = add(words)
                timexes.append({"tid": child.get("tid"), "start": start,
                                "end": start + len(words), "text": words,
                                "type": child.get("type"), "value": child.get("value")})
            else:
                add(child.text)
                walk(child)
            add(child.tail)

    add(body.text)
    walk(body)
    return {"doc_id": path.stem, "dct": dct.get("value"), "text": "".join(pieces),
            "timexes": timexes}


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
