"""How an event's pieces read to a person, wherever they are shown: the date as written at
its precision, a source by name, and a web address safe to link.

Every view (charts, tables, exports, pages) writes these the same way by calling here; rows
(``str`` dates, source mappings) and :class:`~timeline.core.model.Event` parts are both accepted.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlsplit

from timeline.core.dates import PartialDate
from timeline.core.model import Source

DEFAULT_TITLE = "Diplomatic timeline"  # of an export that names none

# Characters an address may hold as it is; everything else (quotes, angle brackets, spaces,
# backticks, non-ASCII) is percent-encoded, so an address can never leave its attribute.
_URL_SAFE = ":/?#[]@!$&()*+,;=%~-._"


def when_written(date: PartialDate | str, end_date: PartialDate | str | None = None) -> str:
    """The date (or range) as a person writes it: ``"June 2024"``,
    ``"25 June 1950 – 27 July 1953"``; ``end_date`` may be ``None`` (or NaN from a frame)."""
    text = _partial(date).human()
    if isinstance(end_date, (PartialDate, str)):
        return f"{text} – {_partial(end_date).human()}"
    return text


def source_name(source: Any) -> str:
    """A source by its publisher, else by its http(s) address's host, else ``"source"``:
    never blank. ``source`` is a :class:`~timeline.core.model.Source` or a mapping of its fields."""
    fields = source if isinstance(source, Mapping) else {
        "publisher": source.publisher, "url": source.url}
    if fields.get("publisher"):
        return str(fields["publisher"])
    url = web_address(str(fields.get("url") or ""))
    return urlsplit(url).netloc if url else "source"


def web_address(url: str) -> str:
    """``url`` if it is an http(s) address with a host, with quotes, angle brackets, spaces
    and other characters that could end an attribute percent-encoded; ``""`` otherwise
    (``javascript:``, ``data:``, relative or empty addresses)."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return quote(url, safe=_URL_SAFE)


def source_html(source: Source) -> str:
    """A source as HTML: its name (:func:`source_name`), linked when its address is http(s),
    its publication day and its quote, all escaped."""
    name = html.escape(source_name(source))
    url = web_address(source.url)
    text = (f'<a href="{html.escape(url)}" rel="noopener noreferrer">{name}</a>' if url
            else name)
    if source.published:
        text += f", {source.published.isoformat()}"
    if source.quote:
        text += f": <q>{html.escape(source.quote)}</q>"
    return text


def _partial(date: PartialDate | str) -> PartialDate:
    return date if isinstance(date, PartialDate) else PartialDate.parse(date)
