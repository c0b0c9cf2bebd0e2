"""An article's text: an uploaded file read as text, and the passage around a sentence.

- :func:`read_article` turns an uploaded ``.txt`` or ``.html`` file into an :class:`Article`:
  the text a reader sees (scripts, styles and other non-text parts dropped; paragraphs kept
  as blank lines) and what the page's metadata says about itself (publication date, address,
  publisher), for the user to check. HTML is read with the standard library's
  :mod:`html.parser` (no third-party parser is a dependency of the project).
  :func:`html_to_text` is the same reading for any HTML (file import uses it); this module
  imports nothing of the extractor, so reading HTML does not load it.
- :func:`passage` gives the words before a sentence, the sentence and the words after it,
  so a page can show the sentence highlighted in its context.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import PurePath

__all__ = ["Article", "UnreadableArticle", "html_to_text", "passage", "read_article"]


# ---------------------------------------------------------------------------------------------
# Reading an uploaded file


class UnreadableArticle(ValueError):
    """Raised when an uploaded file is not text we can read; the message names the file."""


@dataclass(frozen=True)
class Article:
    """An article's text and what its page says about itself (empty when it says nothing)."""

    text: str
    published: dt.date | None = None
    url: str = ""
    publisher: str = ""


HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                         re.IGNORECASE | re.DOTALL)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


def read_article(name: str, data: bytes) -> Article:
    """The article held by an uploaded file: HTML (by its name or its first tag) or plain text.

    Text must be UTF-8 (a byte-order mark is skipped); an HTML page may declare another
    encoding in a ``<meta charset>``. Raises :class:`UnreadableArticle` otherwise.
    """
    is_html = PurePath(name).suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(data))
    encoding = "utf-8-sig"
    if is_html and not data.startswith(codecs.BOM_UTF8):
        declared = _CHARSET.search(data[:4096])
        if declared:
            encoding = declared.group(1).decode("ascii", "replace")
    try:
        text = data.decode(encoding)
    except LookupError:
        raise UnreadableArticle(f"{name} declares the unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as error:
        label = "UTF-8" if encoding == "utf-8-sig" else encoding
        raise UnreadableArticle(f"{name} is not {label} text (byte {error.start} cannot be "
                                "read); save it as UTF-8 and upload it again") from None
    if not is_html:
        return Article(text.replace("\r\n", "\n").replace("\r", "\n"))
    parser = _ArticleParser()
    parser.feed(text)
    parser.close()
    return Article(parser.text(), parser.published(), parser.url(), parser.meta("og:site_name"))


def html_to_text(html: str) -> str:
    """The text a reader sees in an HTML page: no scripts, styles, head or navigation;
    paragraphs and other blocks separated by a blank line, ``<br>`` by a line break, spaces
    within a block collapsed as a browser does (except in ``<pre>``), entities decoded."""
    parser = _ArticleParser()
    parser.feed(html)
    parser.close()
    return parser.text()


# Elements whose content is never article text.
_DROPPED = frozenset({"script", "style", "noscript", "template", "head", "title", "svg", "math",
                      "canvas", "iframe", "object", "nav", "button", "select", "textarea"})
# Elements that start and end a block of text.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "li", "main", "ol", "p", "pre", "section", "summary",
    "table", "td", "th", "tr", "ul",
})  # fmt: skip
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})
# What a <head> holds; any other tag starts the body.
_HEAD_CONTENT = frozenset({"base", "link", "meta", "noscript", "script", "style", "template",
                           "title"})
_BREAK = "\x00"  # a <br> inside a block, until the block's spaces are collapsed
_PUBLISHED_META = ("article:published_time", "datepublished", "date", "pubdate", "publishdate",
                   "dc.date", "dc.date.issued", "dcterms.issued", "og:published_time")


class _ArticleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._blocks: list[str] = []
        self._current: list[str] = []
        self._dropped: list[str] = []  # the open elements whose content is left out
        self._pre = 0
        self._meta: dict[str, str] = {}
        self._canonical = ""

    # -- the parser's callbacks

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop")
                   or "").strip().lower()
            if key and key not in self._meta:
                self._meta[key] = values.get("content", "").strip()
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self._canonical = self._canonical or values.get("href", "").strip()
        if tag in _VOID:
            if tag == "br" and not self._dropped:
                self._current.append("\n" if self._pre else _BREAK)
            elif tag == "hr":
                self._end_block()
            return
        if self._dropped == ["head"] and tag not in _HEAD_CONTENT:
            self._dropped.clear()  # "</head>" may be left out: the body's first tag ends it
        if tag in _DROPPED:
            self._dropped.append(tag)
        elif tag in _BLOCKS and not self._dropped:
            self._end_block()
        if tag == "pre" and not self._dropped:
            self._pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:  # <svg/>: nothing inside
            return
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            if tag in self._dropped:  # close it and anything left open inside it
                del self._dropped[len(self._dropped) - 1 - self._dropped[::-1].index(tag):]
            return
        if self._dropped:
            return
        if tag == "pre":
            self._end_block()
            self._pre = max(0, self._pre - 1)
        elif tag in _BLOCKS:
            self._end_block()

    def handle_data(self, data: str) -> None:
        if self._dropped:
            return
        self._current.append(data.replace("\r\n", "\n") if self._pre
                             else data.replace(_BREAK, " "))

    def close(self) -> None:
        super().close()
        self._end_block()

    # -- what was read

    def _end_block(self) -> None:
        block = "".join(self._current)
        self._current = []
        if not self._pre:
            block = "\n".join(re.sub(r"\s+", " ", line).strip() for line in block.split(_BREAK))
        block = block.strip("\n") if self._pre else block.strip()
        if block.strip():
            self._blocks.append(block)

    def text(self) -> str:
        return "\n\n".join(self._blocks) + ("\n" if self._blocks else "")

    def meta(self, key: str) -> str:
        return self._meta.get(key, "")

    def url(self) -> str:
        for url in (self._canonical, self.meta("og:url")):
            if re.match(r"https?://[^/\s]", url, re.IGNORECASE):
                return url
        return ""

    def published(self) -> dt.date | None:
        for key in _PUBLISHED_META:
            match = re.match(r"(\d{4}-\d{2}-\d{2})", self.meta(key))
            if match:
                try:
                    return dt.date.fromisoformat(match.group(1))
                except ValueError:
                    continue
        return None


# ---------------------------------------------------------------------------------------------
# A sentence in its context


_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


def passage(text: str, start: int, end: int, *, context: int | None = 300,
            ) -> tuple[str, str, str]:
    """``(before, sentence, after)``: ``text[start:end]`` and the words around it.

    ``before`` starts at the paragraph the sentence is in (after the last blank line), or at
    most ``context`` characters back at a space, with "…" in front when cut; ``after`` the
    same way forwards. ``context=None`` gives the whole text around the sentence. Raises
    ``ValueError`` when the offsets are not within the text.
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"offsets {start}-{end} are not within a text of {len(text)} "
                         "characters")
    sentence = text[start:end]
    if context is None:
        return text[:start], sentence, text[end:]
    breaks = [m.end() for m in _BLANK_LINE.finditer(text, 0, start)]
    paragraph_start = breaks[-1] if breaks else 0
    first = max(paragraph_start, start - context)
    if first > paragraph_start:
        space = text.find(" ", first, start)
        first = space + 1 if space >= 0 else start
    following = _BLANK_LINE.search(text, end)
    paragraph_end = following.start() if following else len(text)
    last = min(paragraph_end, end + context)
    if last < paragraph_end:
        space = text.rfind(" ", end, last)
        last = space if space >= 0 else end
    before = ("…" if first > paragraph_start else "") + text[first:start].lstrip()
    after = text[end:last].rstrip() + ("…" if last < paragraph_end else "")
    return before, sentence, after
