"""TimelineJS3's JSON format (timeline.knightlab.com/docs/json-format.html), both ways:
:func:`timeline` writes events as a TimelineJS timeline for a newsroom, :func:`event_record`
reads one slide back as an event record (``timeline import`` of a TimelineJS file).

TimelineJS reads headlines and texts as HTML: what is written is escaped, what is read is
read as HTML (:func:`~timeline.html_text.html_to_text`).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from timeline.core.countries import country_name
from timeline.core.dates import PartialDate, Precision
from timeline.core.display import DEFAULT_TITLE, source_html, source_name, web_address, when_written
from timeline.core.event_types import EVENT_TYPES, event_type
from timeline.core.model import Event
from timeline.extract.article_text import html_to_text

# -- writing -----------------------------------------------------------------------------


def timeline(events: Iterable[Event], *, title: str = DEFAULT_TITLE) -> dict[str, Any]:
    """The events as a TimelineJS3 timeline (its JSON format, as a dict ready for ``json``).

    One slide per event: ``start_date`` (and ``end_date``) hold only the parts of the date
    that are known, so "June 2024" has no day; ``display_date`` writes it as a person does.
    The headline is the title, the text the summary and the sources; ``group`` is the event
    type's label, ``unique_id`` the event id, and ``media`` the first source's web address
    with its publisher as caption. TimelineJS reads headlines and texts as HTML, so every
    piece of event text is escaped; automatic linking is off, and links go only to http(s).
    """
    slides = [_slide(event) for event in events]
    count = f"{len(slides)} event{'s' * (len(slides) != 1)}"
    return {"title": {"text": {"headline": html.escape(title), "text": f"<p>{count}</p>"}},
            "events": slides}


def _slide(event: Event) -> dict[str, Any]:
    slide: dict[str, Any] = {"start_date": _date_object(event.date)}
    if event.end_date is not None:
        slide["end_date"] = _date_object(event.end_date)
        slide["display_date"] = html.escape(when_written(event.date, event.end_date))
    paragraphs = [f"<p>{html.escape(event.summary)}</p>"] if event.summary else []
    if event.countries:
        names = ", ".join(country_name(code) for code in event.countries)
        paragraphs.append(f"<p>{html.escape(names)}</p>")
    paragraphs.append("<p>Sources:</p><ul>" + "".join(
        f"<li>{source_html(source)}</li>" for source in event.sources) + "</ul>")
    slide.update({
        "text": {"headline": html.escape(event.title), "text": "".join(paragraphs)},
        "group": html.escape(event_type(event.type).label),
        "unique_id": event.id,
        "autolink": False,
    })
    first = event.sources[0]
    url = web_address(first.url)
    if url:
        slide["media"] = {"url": url, "caption": html.escape(source_name(first))}
    return slide


def _date_object(date: PartialDate) -> dict[str, Any]:
    """A TimelineJS date object with only the known parts: never an invented day."""
    day = date.first_day
    parts: dict[str, Any] = {"year": day.year}
    if date.precision is not Precision.YEAR:
        parts["month"] = day.month
    if date.precision is Precision.DAY:
        parts["day"] = day.day
    parts["display_date"] = html.escape(date.human())
    return parts


# -- reading -----------------------------------------------------------------------------


def event_record(slide: Any) -> Any:
    """An event record for one TimelineJS slide (its position numbers the problems).

    The date parts given (``start_date``, ``end_date``), the headline as title and the text as
    summary (HTML read as text), the ``group`` as event type (its label or code),
    ``unique_id`` as id, ``media.url`` (caption as publisher) as the source. TimelineJS has no
    countries: they are the ones the headline and text name (as this program's export lists
    them). What does not fit the model is reported by the validation, field by field.
    """
    if not isinstance(slide, dict):
        return slide
    text = slide.get("text") if isinstance(slide.get("text"), dict) else {}
    media = slide.get("media") if isinstance(slide.get("media"), dict) else {}
    headline = html_to_text(str(text.get("headline") or ""))
    body = html_to_text(str(text.get("text") or ""))
    record: dict[str, Any] = {
        "id": slide.get("unique_id"),
        "date": _written_date(slide.get("start_date")),
        "title": headline,
        "summary": _summary_of(body),
        "countries": _countries_named(f"{headline}\n{body}", slide.get("start_date")),
        "type": _type_code(str(slide.get("group") or "")),
        "sources": [{"url": media["url"],
                     "publisher": html_to_text(str(media.get("caption") or "")).strip()[:200]}]
        if media.get("url") else [],
    }
    if slide.get("end_date"):
        record["end_date"] = _written_date(slide["end_date"])
    return record


def _summary_of(body: str) -> str:
    # This program's export follows the summary with the countries and a "Sources:" list.
    return body.split("\n\n")[0].strip() if "Sources:" in body else body.strip()


def _countries_named(text: str, start: Any) -> list[str]:
    from timeline.extract.mentions import (
        find_countries,  # leaders and metonyms: loaded only when needed
    )

    written = _written_date(start)
    try:
        published = PartialDate.parse(str(written)).first_day
    except ValueError:
        return []
    return list(dict.fromkeys(m.country for m in find_countries(text, published)))


def _written_date(parts: Any) -> Any:
    """``{"year": 2024, "month": 6}`` → ``"2024-06"``: only the parts given."""
    if not isinstance(parts, dict) or "year" not in parts:
        return parts
    try:
        written = f"{int(parts['year']):04d}"
        for unit in ("month", "day"):
            if parts.get(unit) in (None, ""):
                break
            written += f"-{int(parts[unit]):02d}"
    except (TypeError, ValueError):
        return str(parts)
    return written


def _type_code(group: str) -> str:
    """An event type's code from a TimelineJS group: its code or its label, any case."""
    wanted = html_to_text(group).strip().casefold()
    return next((t.code for t in EVENT_TYPES if wanted in (t.code, t.label.casefold())),
                html_to_text(group).strip())
