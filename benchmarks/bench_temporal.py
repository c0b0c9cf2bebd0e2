"""Measure the date tagger on TimeBank/AQUAINT (TBAQ) DATE expressions, against dateparser.

Usage::

    python benchmarks/bench_temporal.py [PATH/TO/tbaq.jsonl] [--out FILE] [--no-baseline]

The data is read from ``../shared/eval/tbaq.jsonl`` next to the repository unless a path is
given; it is never copied into the project. Prints a table and writes the figures as JSON to
``benchmarks/results/temporal.json``.

What is counted
---------------
Gold: the TIMEX3 expressions of type DATE. Predictions that overlap a gold TIME or SET
expression and no gold DATE are left out of the count (times of day and recurrences are not
dates this tagger claims to find; "Friday night" is a TIME in TimeBank); every other
prediction counts, so tagging a DURATION ("for three years") or nothing at all is a false hit.

- exact: a prediction matches a gold DATE with the same start and end offsets.
- overlap: a prediction matches a gold DATE it shares at least one character with (one-to-one,
  in reading order; TempEval-3's "relaxed" match).
- span precision = matched predictions / predictions; span recall = matched gold / gold.
- value accuracy = matched pairs whose value is the gold value at the expression's own
  precision / matched pairs (TempEval-3 style: value is judged on what was found). value
  recall = pairs with the right value / all gold DATE expressions (the end-to-end share).
  Values are compared as strings once written the one way ISO 8601 writes them
  (:func:`same_value`): a week with two digits ("2000-W6" is "2000-W06") and no unspecified
  part below the expression's precision (AQUAINT marks the year "1948" as "1948-XX" and
  "1994" as "1994-XX-XX"; so a decade or century with its unspecified digits, "199X" as
  "199" and "19XX" as "19": TimeBank writes the 1980s both ways). Nothing else is equal:
  gold ``PRESENT_REF`` for "today" is not the document date we give, nor "1998-12-XX" a
  week of December. ``value_accuracy_verbatim``
  compares the strings as written (the only measure before session 16).

The baseline is ``dateparser.search_dates`` (languages ``en``, ``RELATIVE_BASE`` the document
date, ``PREFER_DATES_FROM`` past, ``add_period``), its substrings located in order in the
text and its dates written to the reported period (day, week, month or year); it runs in the
same process on the same documents. It needs ``dateparser`` installed (a measuring tool only,
not a runtime dependency); without it the baseline is skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from timeline.extract.temporal import tag_dates  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "eval" / "tbaq.jsonl"
DEFAULT_OUT = REPO / "benchmarks" / "results" / "temporal.json"
TARGET = {"value_accuracy": 0.85, "span_precision": 0.90}

Span = tuple[int, int, str]  # start, end, value
Tagger = Callable[[str, dt.date], list[Span]]


def load(path: Path) -> list[dict]:
    """Return the documents of a TBAQ JSON-lines file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def ours(text: str, published: dt.date) -> list[Span]:
    """The project's tagger, as (start, end, value) triples."""
    return [(t.start, t.end, t.value) for t in tag_dates(text, published)]


def dateparser_baseline() -> Tagger | None:
    """``dateparser.search_dates`` as a tagger, or None when dateparser is not installed."""
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None

    def tag(text: str, published: dt.date) -> list[Span]:
        settings = {
            "RELATIVE_BASE": dt.datetime.combine(published, dt.time(12)),
            "PREFER_DATES_FROM": "past",
        }
        try:
            found = search_dates(text, languages=["en"], settings=settings, add_period=True)
        except Exception:  # the baseline must not stop the measurement
            found = None
        spans, position = [], 0
        for substring, when, *rest in found or []:
            start = text.find(substring, position)
            if start < 0:
                continue
            position = start + len(substring)
            spans.append((start, position, _period_value(when, rest[0] if rest else "day")))
        return spans

    return tag


def _period_value(when: dt.datetime, period: str | None) -> str:
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return when.date().isoformat()


def same_value(gold: str, predicted: str) -> bool:
    """Whether two TIMEX3 values name the same date at the expression's own precision:
    equal once each is written as ISO 8601 writes it ("2000-W6" → "2000-W06"; "1948-XX" →
    "1948": an unspecified month is below the precision of the year "1948")."""
    return _iso(gold) == _iso(predicted)


def _iso(value: str) -> str:
    # "2000-W6" → "2000-W06"; "1994-XX-XX" → "1994"; "199X" (a decade) → "199"
    value = re.sub(r"-W([0-9])(?![0-9])", r"-W0\1", value)
    return re.sub(r"^([0-9]{2,3})X+$", r"\1", re.sub(r"(?:-XX)+$", "", value))


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score(documents: Iterable[dict], tagger: Tagger) -> dict:
    """Return exact and overlap span precision/recall and value accuracy of ``tagger``."""
    gold_total = predicted = ignored = 0
    counts = {kind: {"spans": 0, "values": 0, "verbatim": 0} for kind in ("exact", "overlap")}
    started = time.perf_counter()
    for document in documents:
        published = dt.date.fromisoformat(document["dct"][:10])
        gold = [t for t in document["timexes"] if t["type"] == "DATE"]
        other = [t for t in document["timexes"] if t["type"] in ("TIME", "SET")]
        gold_total += len(gold)
        unmatched = list(gold)
        for start, end, value in tagger(document["text"], published):
            touches = [g for g in gold if _overlaps(start, end, g["start"], g["end"])]
            if not touches and any(_overlaps(start, end, o["start"], o["end"]) for o in other):
                ignored += 1
                continue
            predicted += 1
            exact = [g for g in gold if (g["start"], g["end"]) == (start, end)]
            pair = next((g for g in unmatched if _overlaps(start, end, g["start"], g["end"])), None)
            if pair is not None:
                unmatched.remove(pair)
            for kind, found in (("exact", exact[0] if exact else None), ("overlap", pair)):
                if found is not None:
                    counts[kind]["spans"] += 1
                    counts[kind]["values"] += same_value(found["value"], value)
                    counts[kind]["verbatim"] += found["value"] == value
    result: dict = {
        "gold_date_expressions": gold_total,
        "predictions": predicted,
        "predictions_ignored_time_or_set": ignored,
        "seconds": round(time.perf_counter() - started, 2),
    }
    for kind, count in counts.items():
        result[kind] = {
            "span_precision": _ratio(count["spans"], predicted),
            "span_recall": _ratio(count["spans"], gold_total),
            "value_accuracy": _ratio(count["values"], count["spans"]),
            "value_recall": _ratio(count["values"], gold_total),
            "value_accuracy_verbatim": _ratio(count["verbatim"], count["spans"]),
        }
    return result


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def _table(results: dict[str, dict]) -> str:
    header = f"{'system':<12} {'match':<8} {'span P':>7} {'span R':>7} {'value acc':>10} "
    header += f"{'value R':>8} {'preds':>6} {'secs':>6}"
    lines = [header, "-" * len(header)]
    for name, result in results.items():
        for kind in ("exact", "overlap"):
            row = result[kind]
            lines.append(
                f"{name:<12} {kind:<8} {row['span_precision']:>7.3f} {row['span_recall']:>7.3f} "
                f"{row['value_accuracy']:>10.3f} {row['value_recall']:>8.3f} "
                f"{result['predictions']:>6} {result['seconds']:>6}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return 0, or 2 when the data file is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--no-baseline", action="store_true", help="skip dateparser")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"no evaluation data at {args.data}", file=sys.stderr)
        return 2
    documents = load(args.data)
    systems: dict[str, Tagger] = {"timeline": ours}
    baseline = None if args.no_baseline else dateparser_baseline()
    if baseline is not None:
        systems["dateparser"] = baseline
    elif not args.no_baseline:
        print("dateparser is not installed: baseline skipped", file=sys.stderr)
    results = {name: score(documents, tagger) for name, tagger in systems.items()}
    print(f"TBAQ: {len(documents)} documents, "
          f"{results['timeline']['gold_date_expressions']} DATE expressions")
    print(_table(results))
    ours_exact = results["timeline"]["exact"]
    met = (ours_exact["value_accuracy"] >= TARGET["value_accuracy"]
           and ours_exact["span_precision"] >= TARGET["span_precision"])
    print(f"target (exact match) value accuracy >= {TARGET['value_accuracy']} at span precision "
          f">= {TARGET['span_precision']}: {'met' if met else 'NOT met'}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "data": "TimeBank 1.2 + AQUAINT (TempEval-3 TBAQ-cleaned), DATE expressions",
        "documents": len(documents),
        "target": TARGET,
        "target_met_exact": met,
        "results": results,
    }
    args.out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"written: {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
