"""A slow engine's reads worked out in the background, so that a page never waits for them.

A Spark archive takes seconds a question. :class:`BackgroundReads` wraps such a store: each
read (count, page, overview, facets, one event) is a *question*, known by its name and
arguments (the filter, the page, the lanes, the period), worked out once by
:class:`Answers` in a thread of its own and remembered for a while. Asked again before it
is answered, it raises :class:`Pending` (saying since when it runs) instead of waiting, so
a page can say so, draw the rest and look again later; asked once it is answered, it gives
the answer at once. The newest question goes first: when a person changes the filter while
the engine works, the new filter's questions are the next to run, and questions nobody has
asked about for a while (a filter left behind) are dropped before they start. (A question
the engine has started runs to its end: its answer is remembered for a return to that
filter.)

Nothing here knows Streamlit: the pages ask, catch :class:`Pending`, and poll
:meth:`BackgroundReads.ready`.
"""

from __future__ import annotations

import copy
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from timeline.store import Store

# Answers are kept this long (seconds): an import made elsewhere shows after this at most.
KEEP_SECONDS = 600
MOST_ANSWERS = 500  # the least recently used go beyond this
# A question waiting its turn is dropped when nobody has asked for it (or polled it) for
# this long: a page polls its questions every second or two while it shows them.
PATIENCE_SECONDS = 20
WORKERS = 2  # questions worked out at once (a Spark server on two cores runs two jobs)


class Pending(Exception):
    """A question not answered yet: it is worked out in the background. ``key`` names it
    (for :meth:`Answers.ready`), ``waited`` is how many seconds since it was first asked,
    and ``running`` whether the engine works on it now (else it waits its turn)."""

    def __init__(self, key: Hashable, waited: float, running: bool, progress: str = ""):
        super().__init__(f"{key!r} is being answered ({waited:.0f} s so far)")
        self.key, self.waited, self.running, self.progress = key, waited, running, progress


@dataclass(eq=False)
class _Question:
    work: Callable[[], Any]
    asked: float  # when first asked (the clock's seconds)
    wanted: float  # when last asked or polled
    started: float | None = None
    answered: float | None = None
    value: Any = None
    error: BaseException | None = None
    progress: str = ""  # what the engine last said of its work on it


class Answers:
    """Questions answered by ``workers`` threads, newest first, their answers kept for
    ``keep`` seconds (``most`` of them at most, the least recently used dropped first).

    ``clock`` gives seconds (``time.monotonic``): the tests pass one they move by hand.
    Threads are started when there are questions to answer and end when there are none.
    """

    def __init__(self, *, workers: int = WORKERS, keep: float = KEEP_SECONDS,
                 most: int = MOST_ANSWERS, patience: float = PATIENCE_SECONDS,
                 clock: Callable[[], float] = time.monotonic):
        self.workers, self.keep, self.most, self.patience = workers, keep, most, patience
        self.clock = clock
        self._questions: OrderedDict[Hashable, _Question] = OrderedDict()
        self._changed = threading.Condition()
        self._threads = 0

    def get(self, key: Hashable, work: Callable[[], Any], *,
            wait: float | None = 0.0) -> Any:
        """The answer to the question ``key``, which ``work()`` works out: at once when it
        is known, else after up to ``wait`` seconds (``None``: as long as it takes — the
        work then runs in the caller's thread unless another is at it already).

        :class:`Pending` when it is not answered in time: it goes on in the background, and
        a later call with the same key gives its answer. What the work raised is raised
        (once: the next call asks again). Each caller gets a copy of the answer of its own.
        """
        with self._changed:
            question = self._known(key)
            if question is None:
                question = self._questions[key] = _Question(work, self.clock(), self.clock())
                if wait is None:
                    question.started = self.clock()
                else:
                    self._start_threads()
            elif wait is None and question.started is None:
                question.started = self.clock()  # waiting its turn: worked out here, now
            elif wait is None:
                self._changed.wait_for(lambda: question.answered is not None)
            question.wanted = self.clock()
            mine = wait is None and question.answered is None
        if mine:
            self._answer(question)
        elif question.answered is None and wait:
            with self._changed:
                self._changed.wait_for(lambda: question.answered is not None, timeout=wait)
        with self._changed:
            if question.answered is None:
                raise Pending(key, self.clock() - question.asked, question.started is not None,
                              question.progress)
            if question.error is not None:
                if self._questions.get(key) is question:
                    del self._questions[key]
                raise question.error
            if key in self._questions:
                self._questions.move_to_end(key)
            value = question.value
        return copy.deepcopy(value)

    def ready(self, key: Hashable) -> bool:
        """Whether asking ``key`` now gives an answer (or an error) without waiting — or
        asks it anew, as it is not known (anymore). Polling a question keeps it wanted."""
        with self._changed:
            question = self._known(key)
            if question is None:
                return True
            question.wanted = self.clock()
            return question.answered is not None

    def progress(self, key: Hashable) -> str:
        """What the engine last said of its work on the question ``key`` ("" if nothing)."""
        with self._changed:
            question = self._questions.get(key)
            return "" if question is None else question.progress

    def note(self, key: Hashable, progress: str) -> None:
        """Keep what the engine says of its work on the question ``key``."""
        with self._changed:
            question = self._questions.get(key)
            if question is not None:
                question.progress = progress

    def forget(self) -> None:
        """Forget every answer, and every question being worked out (their answers, which
        may predate a change, are not kept)."""
        with self._changed:
            self._questions.clear()

    def _known(self, key: Hashable) -> _Question | None:
        """The question ``key`` unless its answer is older than :attr:`keep`."""
        question = self._questions.get(key)
        if question is not None and question.answered is not None \
                and self.clock() - question.answered > self.keep:
            del self._questions[key]
            return None
        return question

    def _start_threads(self) -> None:
        waiting = sum(question.started is None for question in self._questions.values())
        for _ in range(min(self.workers - self._threads, waiting)):
            self._threads += 1
            threading.Thread(target=self._work, name="timeline-answers", daemon=True).start()

    def _work(self) -> None:
        """Answer questions, newest wanted first, until none waits."""
        while True:
            with self._changed:
                question = self._next()
                if question is None:
                    self._threads -= 1
                    return
                question.started = self.clock()
            self._answer(question)

    def _next(self) -> _Question | None:
        """The waiting question wanted last; those nobody wanted for :attr:`patience`
        seconds are dropped."""
        now = self.clock()
        for key, question in list(self._questions.items()):
            if question.started is None and now - question.wanted > self.patience:
                del self._questions[key]
        waiting = [question for question in self._questions.values()
                   if question.started is None]
        return max(waiting, key=lambda question: question.wanted, default=None)

    def _answer(self, question: _Question) -> None:
        value, error = None, None
        try:
            value = question.work()
        except Exception as raised:  # kept for whoever asks: the page shows it
            error = raised
        with self._changed:
            question.value, question.error, question.answered = value, error, self.clock()
            answered = [key for key, known in self._questions.items()
                        if known.answered is not None]
            for key in answered[:max(0, len(answered) - self.most)]:
                del self._questions[key]
            self._changed.notify_all()


def _hashable(value: Any) -> Hashable:
    """A value as part of a question's key: lists as tuples, mappings as sorted pairs."""
    if isinstance(value, (list, tuple)):
        return tuple(_hashable(part) for part in value)
    if isinstance(value, dict):
        return tuple(sorted((name, _hashable(part)) for name, part in value.items()))
    return value


class BackgroundReads:
    """A slow store whose reads are :class:`Answers`' questions; everything else is the
    store's own. Reads wait ``wait`` seconds at most, then raise :class:`Pending`
    (``None``: they wait for their answer, which is remembered all the same);
    :meth:`waiting_at_most` gives the same store and answers with another wait."""

    #: The reads that are questions (remembered; in the background unless waited for).
    READS = ("count", "query", "overview", "facets", "get", "datasets")

    def __init__(self, store: Store, answers: Answers | None = None, *,
                 wait: float | None = None):
        self.store, self.answers, self.wait = store, answers or Answers(), wait

    def waiting_at_most(self, seconds: float | None) -> BackgroundReads:
        """This store, its reads waiting ``seconds`` at most (the same answers)."""
        return BackgroundReads(self.store, self.answers, wait=seconds)

    def key(self, read: str, *args: Any, **options: Any) -> Hashable:
        """The question ``read(*args, **options)`` asks (what :class:`Pending` names)."""
        return read, _hashable(args), _hashable(options)

    def ready(self, key: Hashable) -> bool:
        """Whether the question ``key`` is answered (see :meth:`Answers.ready`)."""
        return self.answers.ready(key)

    def progress(self, key: Hashable) -> str:
        """What the engine last said of its work on the question ``key``: a store that can
        tell (``progress_to(report)``, a context manager) tells it for each read."""
        return self.answers.progress(key)

    def __getattr__(self, name: str) -> Any:
        if name not in self.READS:
            return getattr(self.store, name)
        read = getattr(self.store, name)

        def asked(*args: Any, **options: Any) -> Any:
            key = self.key(name, *args, **options)

            def work() -> Any:
                told = getattr(self.store, "progress_to", None)
                if told is None:
                    return read(*args, **options)
                with told(lambda progress: self.answers.note(key, progress)):
                    return read(*args, **options)

            return self.answers.get(key, work, wait=self.wait)

        return asked

    def __enter__(self) -> BackgroundReads:
        return self

    def __exit__(self, *_: object) -> None:
        """Nothing: the store stays open while its questions run in the background."""

    @contextmanager
    def writing(self, **options: Any) -> Iterator[Store]:
        """The store's own transaction; every answer is forgotten after it."""
        try:
            with self.store.writing(**options) as session:
                yield session
        finally:
            self.answers.forget()
