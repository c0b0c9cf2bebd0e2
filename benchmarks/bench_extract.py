"""Measure article reading on text its rules were not written on: dates, countries, events.

Usage::

    python -m benchmarks.bench_extract [--part development|heldout|all] [--errors] [--out FILE]

Every measurement is made on two parts, reported apart:

- **development** — the text rules may be changed on: TimeBank (``../shared/eval/tbaq.jsonl``,
  never copied here), our articles in ``tests/articles/*.txt`` (events of 2025–2026, written
  for this benchmark, gold by hand) and the coded single sentences
  (``tests/articles/coded-sentences.jsonl``); the seed articles (``../shared/seed``) too.
- **heldout** — AQUAINT and ``tests/articles/heldout/``: articles written before a round of
  changes and scored once after it, untouched. Run ``--part development`` while changing
  rules so the held-out errors stay unseen.

Measurements:

1. **Dates**, TimeBank, AQUAINT or a folder of TimeML files (``--timeml``), scored as in
   ``benchmarks/bench_temporal.py``, both ways: exact spans, value accuracy over the exact
   matches, and overlapping spans (TempEval-3's "relaxed" match, value accuracy over the
   overlapping pairs). Our articles are scored on exact spans; a gold
   value of ``null`` (an anniversary, a time of day, a duration) is neither a hit nor a miss.
2. **Countries**: the pairs (sentence, country) the reader gives against the gold pairs. A
   sentence's countries are those named in it by name, demonym, capital, leader or seat of
   power, and those that "the two countries" or "both sides" stand for.
3. **Events**: each gold event is found when a candidate has its date, its precision and its
   countries first (a country only discussed may follow), one candidate per event; of those,
   the ones found by a candidate with confidence at least 0.5 (the ones the article page
   ticks and ``extract --add`` stores) are counted apart, as "ticked". A false candidate is
   one with confidence at least 0.5 that matches no gold event. The seed articles' 14 events
   are counted the same way when the folder is there.

The full run (``--part all``, the default) writes ``benchmarks/results/extract.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from benchmarks.bench_temporal import ours, same_value, score
from benchmarks.corpora import (
    ARTICLES,
    REPO,
    coded_sentences,
    fresh_articles,
    shared_dir,
    tbaq_parts,
    timeml_documents,
)
from timeline.extract.candidates import Candidate, extract_candidates
from timeline.extract.references import find_countries_in_context

DEFAULT_OUT = REPO / "benchmarks" / "results" / "extract.json"
# Articles written before the last round of rule changes and scored once after it.
HELDOUT = ARTICLES / "heldout"
TARGETS = {
    "dates": "value accuracy >= 0.85 at span precision >= 0.90",
    "countries": "recall >= 0.95 at precision >= 0.95",
    "events": "found >= 21 of 23 (91%), <= 1 false candidate per article",
}
CONFIDENT = 0.5


def sentence_countries(text: str, published: dt.date) -> list[tuple[int, int, str]]:
    """Where the reader finds each country in ``text``: ``(start, end, code)``."""
    return [(m.start, m.end, m.country) for m in find_countries_in_context(text, published)]


# -- dates -------------------------------------------------------------------------------------

def score_fresh_dates(articles: Iterable) -> dict:
    """Exact-span precision and recall, and value accuracy, on the fresh articles."""
    gold_total = predicted = spans = values = 0
    misses: list[str] = []
    for article in articles:
        scored = [d for d in article.dates if d.value is not None]
        ignored = [d for d in article.dates if d.value is None]
        gold_total += len(scored)
        found = ours(article.text, article.published)
        for start, end, value in found:
            if any(start < d.end and d.start < end for d in ignored) and not any(
                    (d.start, d.end) == (start, end) for d in scored):
                continue
            predicted += 1
            match = next((d for d in scored if (d.start, d.end) == (start, end)), None)
            if match is None:
                misses.append(f"{article.name}: extra {article.text[start:end]!r} → {value}")
                continue
            spans += 1
            values += same_value(match.value, value)
            if not same_value(match.value, value):
                misses.append(f"{article.name}: {match.text!r} → {value}, gold {match.value}")
        for d in scored:
            if not any((s, e) == (d.start, d.end) for s, e, _ in found):
                misses.append(f"{article.name}: missed {d.text!r} ({d.value})")
    return {"gold_date_expressions": gold_total, "predictions": predicted,
            "span_precision": _ratio(spans, predicted), "span_recall": _ratio(spans, gold_total),
            "value_accuracy": _ratio(values, spans), "errors": misses}


# -- countries ---------------------------------------------------------------------------------

def country_records(articles: Iterable, sentences: Iterable[dict]) -> list[dict]:
    """Every record (an article's sentence or a coded sentence), its text and gold countries."""
    records = []
    for article in articles:
        found = sentence_countries(article.text, article.published)
        for start, end, gold in article.sentences:
            records.append({"id": f"{article.name}@{start}", "text": article.text[start:end],
                            "gold": set(gold),
                            "found": {code for s, _, code in found if start <= s < end}})
    for number, sentence in enumerate(sentences, 1):
        published = dt.date.fromisoformat(sentence["published"])
        records.append({"id": f"coded-{number}", "text": sentence["text"],
                        "gold": set(sentence["countries"]),
                        "found": {code for *_, code in sentence_countries(sentence["text"],
                                                                          published)}})
    return records


def score_countries(records: list[dict]) -> dict:
    """Precision and recall of (record, country) pairs."""
    gold = sum(len(r["gold"]) for r in records)
    found = sum(len(r["found"]) for r in records)
    right = sum(len(r["gold"] & r["found"]) for r in records)
    errors = [f"{r['id']}: missed {sorted(r['gold'] - r['found'])}, extra "
              f"{sorted(r['found'] - r['gold'])} in {r['text'][:70]!r}"
              for r in records if r["gold"] != r["found"]]
    return {"records": len(records), "gold_pairs": gold, "found_pairs": found,
            "precision": _ratio(right, found), "recall": _ratio(right, gold), "errors": errors}


# -- events ------------------------------------------------------------------------------------

def matches(candidate: Candidate, date: str, precision: str, countries: set[str]) -> bool:
    """The candidate has the event's date, precision and countries first."""
    return (set(candidate.countries[: len(countries)]) == countries
            and (candidate.date.iso(), candidate.precision.value) == (date, precision))


def _fits(candidate: Candidate, event: dict) -> bool:
    return matches(candidate, event["date"], event["precision"], set(event["countries"]))


def pair_events(events: list[dict], candidates: list[Candidate],
                fit: Callable[[Candidate, dict], bool] = _fits) -> dict[int, int]:
    """Event index → candidate index: as many events as possible, each with its own fitting
    candidate (``fit``: :func:`matches` by default; a maximum matching, by augmenting
    paths), the more confident candidates tried first, so that an unticked candidate never
    leaves a ticked one for the same event counted as false, nor one event's candidate left
    another without one."""
    order = sorted(range(len(candidates)), key=lambda i: -candidates[i].confidence)
    fits = [[i for i in order if fit(candidates[i], e)] for e in events]
    owner: dict[int, int] = {}  # candidate → event

    def assign(event: int, seen: set[int]) -> bool:
        for candidate in fits[event]:
            if candidate not in seen:
                seen.add(candidate)
                if candidate not in owner or assign(owner[candidate], seen):
                    owner[candidate] = event
                    return True
        return False

    for event in range(len(events)):
        assign(event, set())
    return {event: candidate for candidate, event in owner.items()}


def score_events(articles: Iterable[tuple[str, str, dt.date, list[dict]]]) -> dict:
    """Events found and false candidates, per article and in all."""
    per_article, missed = {}, []
    total = found_total = ticked_total = false_total = 0
    for name, text, published, events in articles:
        candidates = extract_candidates(text, published=published)
        pairs = pair_events(events, candidates)
        found = len(pairs)
        ticked = sum(candidates[c].confidence >= CONFIDENT for c in pairs.values())
        for index, event in enumerate(events):
            if index not in pairs:
                missed.append(f"{name}: {event['date']} {sorted(event['countries'])} "
                              f"{event['what']}")
        unused = [c for i, c in enumerate(candidates) if i not in pairs.values()]
        false = [c for c in unused if c.confidence >= CONFIDENT]
        per_article[name] = {"events": len(events), "found": found, "ticked": ticked,
                             "false": len(false),
                             "false_candidates": [f"{c.date.iso()} {list(c.countries)} "
                                                  f"{c.title} ({c.confidence})" for c in false]}
        total += len(events)
        found_total += found
        ticked_total += ticked
        false_total += len(false)
    return {"events": total, "found": found_total, "recall": _ratio(found_total, total),
            "ticked": ticked_total,
            "false_candidates": false_total,
            "most_false_in_an_article": max((a["false"] for a in per_article.values()),
                                            default=0),
            "missed": missed, "articles": per_article}


def seed_events(seed: Path) -> list[tuple[str, str, dt.date, list[dict]]]:
    """The seed articles and the events their README lists, in the shape of score_events."""
    readme = (seed / "README.md").read_text(encoding="utf-8")
    files = _table(readme, "file")
    events = [{"date": date, "precision": precision.split()[0],
               "countries": [c.strip() for c in countries.split(",")], "what": what,
               "week": "week in the text" in precision}
              for date, precision, countries, what, _ in _table(readme, "date")]
    # The seed lists every event once, not per article: each article is scored against all.
    return [(name, (seed / name).read_text(encoding="utf-8"), dt.date.fromisoformat(published),
             events) for name, published, _ in files]


def _table(markdown: str, header: str) -> list[list[str]]:
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {header} "))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def _in_month(candidate: Candidate, event: dict) -> bool:
    """A day the text gives only as a week is found when its month is (our convention)."""
    day = dt.date.fromisoformat(event["date"])
    last = (candidate.end_date or candidate.date).last_day
    return (set(candidate.countries[: len(event["countries"])]) == set(event["countries"])
            and candidate.precision.value == "month" and candidate.date.first_day <= day <= last)


def score_seed(seed: Path) -> dict:
    """The seed's 14 events found in its five articles (all candidates pooled)."""
    articles = seed_events(seed)
    events = articles[0][3]
    pooled: list[Candidate] = []
    for _, text, published, _ in articles:
        pooled += extract_candidates(text, published=published)
    # each event its own candidate, as many as can be (one event's fit never takes another's)
    pairs = pair_events(events, pooled, lambda candidate, event: _fits(candidate, event) or (
        event["week"] and _in_month(candidate, event)))
    missed = [f"{event['date']} {event['countries']} {event['what']}"
              for index, event in enumerate(events) if index not in pairs]
    return {"events": len(events), "found": len(events) - len(missed), "missed": missed,
            "confident_candidates": sum(c.confidence >= CONFIDENT for c in pooled)}


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


# -- running -----------------------------------------------------------------------------------

PARTS = ("development", "heldout")


def _events_of(articles: Iterable) -> Iterable[tuple[str, str, dt.date, list[dict]]]:
    return ((a.name, a.text, a.published, list(a.events)) for a in articles)


def article_sets(names: Iterable[str]) -> dict[str, list[str]]:
    """Articles grouped by the set they were written in, named by their numbers: "81-86"
    for 81–86 (a set is the articles of one tens, as each round wrote them)."""
    groups: dict[int, list[str]] = {}
    for name in sorted(names):
        groups.setdefault(int(name.split("-")[0]) // 10, []).append(name)
    return {f"{names[0].split('-')[0]}-{names[-1].split('-')[0]}": names
            for _, names in sorted(groups.items())}


def _by_set(events: dict) -> dict[str, dict]:
    """The events measure of each set of articles apart."""
    sets = {}
    for label, names in article_sets(events["articles"]).items():
        got = [events["articles"][name] for name in names]
        sets[label] = {"events": sum(a["events"] for a in got),
                       "found": sum(a["found"] for a in got),
                       "ticked": sum(a["ticked"] for a in got),
                       "false_candidates": sum(a["false"] for a in got),
                       "most_false_in_an_article": max(a["false"] for a in got)}
    return sets


def run(shared: Path | None, measure: Callable = score,
        parts: Iterable[str] = PARTS, timeml: Path | None = None) -> dict:
    """Every measurement this benchmark makes, as one dict with one entry per part.

    ``development``: TimeBank, the articles of ``tests/articles/`` and the coded sentences,
    the text the rules were changed on. ``heldout``: AQUAINT and ``tests/articles/heldout/``,
    never looked at while changing the rules (leave it out with ``parts``), and the TimeML
    files of the folder ``timeml`` when one is given (TempEval-3's platinum test set).
    """
    results: dict = {"targets": TARGETS}
    tbaq = shared / "eval" / "tbaq.jsonl" if shared else None
    corpus = tbaq_parts(tbaq) if tbaq and tbaq.is_file() else {}
    for part in parts:
        articles = fresh_articles(ARTICLES if part == "development" else HELDOUT)
        sentences = coded_sentences() if part == "development" else []
        tbaq_part = "timebank" if part == "development" else "aquaint"
        results[part] = {
            "articles": [a.name for a in articles],
            "dates": score_fresh_dates(articles),
            "countries": score_countries(country_records(articles, sentences)),
            "events": score_events(_events_of(articles)),
        }
        if part == "heldout":
            results[part]["events_by_set"] = _by_set(results[part]["events"])
        if tbaq_part in corpus:
            results[part][f"dates_{tbaq_part}"] = measure(corpus[tbaq_part], ours)
        if part == "heldout" and timeml is not None:
            documents = timeml_documents(timeml)
            results[part]["dates_timeml"] = {"folder": timeml.name, "documents": len(documents),
                                             **measure(documents, ours)}
    if "development" in parts and shared and (shared / "seed" / "README.md").is_file():
        results["events_seed"] = score_seed(shared / "seed")
    return results


def report(results: dict) -> str:
    """The results as the Markdown table the README shows, one block of rows per part."""
    rows = ["| part | measure | text | result | target |", "| --- | --- | --- | --- | --- |"]
    for part in PARTS:
        if part not in results:
            continue
        got = results[part]
        labels = {"dates_timebank": "TimeBank, 183 docs", "dates_aquaint": "AQUAINT, 73 docs"}
        if "dates_timeml" in got:
            timeml = got["dates_timeml"]
            labels["dates_timeml"] = f"{timeml['folder']}, {timeml['documents']} docs"
        for key, label in labels.items():
            for match, how in (("exact", "exact spans"), ("overlap", "overlapping spans")):
                if key in got:
                    one = got[key][match]
                    rows.append(f"| {part} | DATE value accuracy (span precision, recall; "
                                f"value as written), {how} | {label} | "
                                f"{one['value_accuracy']:.3f} ({one['span_precision']:.3f}, "
                                f"{one['span_recall']:.3f}; "
                                f"{one['value_accuracy_verbatim']:.3f}) | {TARGETS['dates']} |")
        texts = f"{len(got['articles'])} articles"
        dates = got["dates"]
        rows.append(f"| {part} | DATE value accuracy (span precision, recall) | {texts}, "
                    f"{dates['gold_date_expressions']} dates | {dates['value_accuracy']:.3f} "
                    f"({dates['span_precision']:.3f}, {dates['span_recall']:.3f}) | "
                    f"{TARGETS['dates']} |")
        countries = got["countries"]
        rows.append(f"| {part} | countries: recall (precision) of sentence–country pairs | "
                    f"{countries['records']} sentences, {countries['gold_pairs']} pairs | "
                    f"{countries['recall']:.3f} ({countries['precision']:.3f}) | "
                    f"{TARGETS['countries']} |")
        events = got["events"]
        for label, one in [(texts, events), *((f"set {label}", one) for label, one
                                              in got.get("events_by_set", {}).items())]:
            rows.append(f"| {part} | events found (ticked; false candidates, most in one "
                        f"article) | {label} | {one['found']} of {one['events']} "
                        f"({one['ticked']}; {one['false_candidates']}, "
                        f"{one['most_false_in_an_article']}) | {TARGETS['events']} |")
    if "events_seed" in results:
        seed = results["events_seed"]
        rows.append(f"| development | events found | seed articles | {seed['found']} of "
                    f"{seed['events']} | all 14 |")
    return "\n".join(rows)


def errors(results: dict) -> list[str]:
    """Every error the run found, as lines to print, part by part."""
    lines = []
    for part in PARTS:
        if part not in results:
            continue
        got = results[part]
        lines += [f"\n{part}, dates:", *got["dates"]["errors"],
                  f"{part}, countries:", *got["countries"]["errors"],
                  f"{part}, events missed:", *got["events"]["missed"]]
        for name, article in got["events"]["articles"].items():
            if article["false_candidates"]:
                lines += [f"{part}, false in {name}:", *article["false_candidates"]]
    if "events_seed" in results:
        lines += ["seed missed:", *results["events_seed"]["missed"]]
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run the measurements, print the table (and errors), write the JSON; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--errors", action="store_true", help="print every error found")
    parser.add_argument("--timeml", type=Path, metavar="DIR",
                        help="a folder of TimeML files scored as held-out dates too, such as "
                             "TempEval-3's te3-platinum-normalized (see the README)")
    parser.add_argument("--part", choices=[*PARTS, "all"], default="all",
                        help="'development' while changing rules: the held-out part stays "
                             "unseen until the change is done")
    args = parser.parse_args(argv)
    shared = shared_dir()
    if shared is None:
        print("no ../shared folder: TimeBank/AQUAINT and the seed articles are skipped",
              file=sys.stderr)
    results = run(shared, parts=PARTS if args.part == "all" else (args.part,),
                  timeml=args.timeml)
    print(report(results))
    if args.errors:
        print(*errors(results), sep="\n  ")
    if args.part == "all":
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                            encoding="utf-8")
        shown = args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out
        print(f"written: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
