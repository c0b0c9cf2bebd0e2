"""What can go wrong with the database, as the store's own exceptions.

Every error the database engine raises leaves the store as one of these (the engine's own
error is kept as ``__cause__``), so no module outside :mod:`timeline.store` needs to know
the engine. Each message is one line a person can act on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline.core.model import Event


class StoreError(RuntimeError):
    """Something went wrong reading or writing the database."""


class DatabaseUnusable(StoreError):
    """The database cannot be used at all: a missing folder, a directory, a file that is not
    this program's database, a damaged or read-only file."""


class SchemaTooNew(DatabaseUnusable):
    """The database was written by a newer version of this program."""


class DatabaseBusy(StoreError):
    """Another process held the database for longer than the store waits.

    ``holder`` describes that process ("streamlit run app.py") and ``pid`` is its id, when
    the operating system said which it is.
    """

    def __init__(self, message: str, holder: str = "", pid: int | None = None):
        super().__init__(message)
        self.holder, self.pid = holder, pid


class OutOfSpace(StoreError):
    """The disk holding the database (or its temporary files) is full."""


class OutOfMemory(StoreError):
    """The database ran out of the memory it may use."""


class UnknownDataset(StoreError, KeyError):
    """A dataset name that is not in the database."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0])


class UnknownEvent(StoreError, KeyError):
    """An event id or change number that is not in the database."""

    def __str__(self) -> str:
        return str(self.args[0])


class ChangeRefused(StoreError):
    """A change that would lose or take over something: an id that exists, an event of
    another dataset, a dataset that cannot be removed or restored as asked."""


class EditConflict(StoreError):
    """An event changed (or went) since the version a save or delete was based on.

    ``stored`` is the event as it is now (``None`` when deleted) and ``version`` its version,
    so the person saving can compare both and decide.
    """

    def __init__(self, event_id: str, expected: int, stored: Event | None, version: int | None):
        self.stored, self.version = stored, version
        now = "has been deleted" if stored is None else f"is now at version {version}"
        super().__init__(f"event {event_id!r} changed since you opened it (version {expected}); "
                         f"it {now}: reload it, compare, and save again")


class UnreadableFile(StoreError):
    """The database's reader refused a bulk file: ``line`` (0: the file as a whole) and
    ``reason`` say where and why, in the reader's words."""

    def __init__(self, line: int, reason: str):
        super().__init__(f"line {line}: {reason}" if line else reason)
        self.line, self.reason = line, reason
