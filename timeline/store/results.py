"""What the store's operations give back: a write's counts, a dashboard's overview of a
filter, an import's summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from timeline.core.wording import counted


@dataclass(frozen=True)
class WriteResult:
    """What a write of events did: how many were new and how many replaced stored ones (an
    edit of each, in the history); ``conflicts`` (id, the dataset holding it) and ``similar``
    (new id, stored id, stored title) were not written; ``change`` is the change it was
    recorded as."""

    added: int = 0
    replaced: int = 0
    conflicts: tuple[tuple[str, str], ...] = ()
    similar: tuple[tuple[str, str, str], ...] = ()
    change: int | None = None

    def __add__(self, other: WriteResult) -> WriteResult:
        return WriteResult(self.added + other.added, self.replaced + other.replaced,
                           self.conflicts + other.conflicts, self.similar + other.similar,
                           self.change or other.change)


@dataclass(frozen=True)
class Overview:
    """What a dashboard shows for a filter, computed in one pass over the matching events.

    ``count`` events match; ``page`` holds the first of them by date (columns as
    :meth:`Store.query`); ``lanes`` are the countries drawn (those asked for, else the most
    frequent); ``counts`` has one row per lane and period with any event: ``lane``,
    ``period`` (first day, ``datetime64[us]``) and ``events``.
    """

    count: int
    page: pd.DataFrame
    lanes: list[str]
    counts: pd.DataFrame


@dataclass
class ImportSummary:
    """What an import did: rows read, events imported, rows skipped and why.

    ``problems`` holds each invalid row of a project file (``FILE:LINE: field: message``);
    ``written`` is False when nothing was written (a dry run, or invalid rows without
    skip-invalid); ``change`` is the change the import was recorded as (undo it as one).
    """

    file: str
    dataset: str
    rows: int = 0
    imported: int = 0
    replaced: int = 0  # of the imported events, how many replaced one with the same id
    skipped: dict[str, int] = field(default_factory=dict)
    problems: list[Any] = field(default_factory=list)
    # Nothing rejected, but worth saying: a file read as Windows-1252, a file with no events,
    # events that look like stored ones.
    warnings: list[Any] = field(default_factory=list)
    written: bool = True
    change: int | None = None

    def add(self, other: ImportSummary) -> None:
        """Count another part (a zip member) into this summary."""
        self.rows += other.rows
        self.imported += other.imported
        self.replaced += other.replaced
        for reason, count in other.skipped.items():
            self.skipped[reason] = self.skipped.get(reason, 0) + count
        self.problems += other.problems
        self.warnings += other.warnings
        self.written = self.written and other.written
        self.change = self.change or other.change

    def sentence(self) -> str:
        """What the import did, in one sentence: "new.jsonl: 3 rows read, 2 events imported
        into 'curated', 1 row skipped: 1 invalid"."""
        replaced = (f" ({self.replaced:,} of them replacing a stored event with the same ID, "
                    f"each recorded as an edit)" if self.replaced else "")
        verb = "imported" if self.written else "would be imported (nothing written)"
        text = (f"{self.file}: {counted(self.rows, 'row')} read, "
                f"{counted(self.imported, 'event')} {verb} into '{self.dataset}'{replaced}")
        skipped = sum(self.skipped.values())
        if skipped:
            text += f", {counted(skipped, 'row')} skipped: " + "; ".join(
                f"{count:,} {reason}" for reason, count in self.skipped.items())
        return text

    def __str__(self) -> str:
        """The sentence, and (on the command line) how to undo the import."""
        undo = (f"\nundo it with `timeline undo {self.change}`"
                if self.written and self.change and self.imported else "")
        return self.sentence() + undo
