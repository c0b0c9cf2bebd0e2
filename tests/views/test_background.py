"""A slow engine's reads worked out in the background (timeline/views/background.py): asked
before they are answered they say so at once, answered they give the answer at once, the
newest question goes first, and a filter left behind is dropped before it starts."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from timeline.core.filters import EventFilter
from timeline.core.model import Event
from timeline.store import Store
from timeline.views.background import Answers, BackgroundReads, Pending

PATIENCE = 20


class Clock:
    """Seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Questions:
    """Work for questions, each held until the test lets it go; records what ran, in order."""

    def __init__(self) -> None:
        self.ran: list[str] = []
        self.gates: dict[str, threading.Event] = {}

    def work(self, name: str, answer: object = None) -> Callable[[], object]:
        gate = self.gates.setdefault(name, threading.Event())

        def answering() -> object:
            self.ran.append(name)
            gate.wait(timeout=30)
            if isinstance(answer, Exception):
                raise answer
            return name if answer is None else answer

        return answering

    def release(self, *names: str) -> None:
        for name in names:
            self.gates.setdefault(name, threading.Event()).set()

    def hold(self, name: str) -> None:
        """Hold ``name``'s work again until it is let go."""
        self.gates.setdefault(name, threading.Event()).clear()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def questions() -> Iterator[Questions]:
    """Held questions; all let go when the test ends, so no thread outlives it."""
    held = Questions()
    yield held
    for gate in held.gates.values():
        gate.set()


def answered(answers: Answers, key: str, timeout: float = 10) -> None:
    """Wait (real time) until ``key`` is answered."""
    deadline = time.monotonic() + timeout
    while not answers.ready(key):
        assert time.monotonic() < deadline, f"{key} was not answered"
        time.sleep(0.01)


def started(questions: Questions, name: str, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while name not in questions.ran:
        assert time.monotonic() < deadline, f"{name} did not start"
        time.sleep(0.01)


def test_a_question_not_answered_yet_says_so_at_once_and_its_answer_comes_later(
        clock, questions):
    answers = Answers(clock=clock)
    work = questions.work("count", 42)
    with pytest.raises(Pending) as pending:
        answers.get("count", work)
    assert pending.value.key == "count"
    started(questions, "count")
    clock.now = 3
    with pytest.raises(Pending) as pending:
        answers.get("count", work)
    assert pending.value.waited == 3 and pending.value.running
    assert not answers.ready("count")
    questions.release("count")
    answered(answers, "count")
    assert answers.get("count", work) == 42
    assert questions.ran == ["count"]  # worked out once, however often asked


def test_a_short_wait_gives_an_answer_that_comes_in_time(questions):
    answers = Answers()
    questions.release("quick")
    assert answers.get("quick", questions.work("quick", 7), wait=10) == 7


def test_waiting_for_an_answer_works_it_out_in_the_callers_thread_and_remembers_it():
    answers = Answers()
    threads = []

    def work() -> list[int]:
        threads.append(threading.current_thread())
        return [1, 2]

    first = answers.get("lanes", work, wait=None)
    first.append(3)  # each caller has a copy of its own
    assert answers.get("lanes", work, wait=None) == [1, 2]
    assert threads == [threading.current_thread()]


def test_the_newest_question_goes_first(clock, questions):
    answers = Answers(workers=1, clock=clock)
    for name in ("first filter", "second filter", "newest filter"):
        with pytest.raises(Pending):
            answers.get(name, questions.work(name))
        clock.now += 1
        if name == "first filter":
            started(questions, name)  # the one worker is busy with it
    questions.release("first filter", "second filter", "newest filter")
    answered(answers, "newest filter")
    answered(answers, "second filter")
    assert questions.ran == ["first filter", "newest filter", "second filter"]


def test_a_filter_left_behind_is_dropped_before_it_starts_and_asked_anew_later(
        clock, questions):
    answers = Answers(workers=1, patience=PATIENCE, clock=clock)
    for name in ("running", "left behind", "shown"):
        with pytest.raises(Pending):
            answers.get(name, questions.work(name))
        started(questions, "running")
    clock.now = PATIENCE + 1
    assert not answers.ready("shown")  # the page polls what it shows
    questions.release("running", "shown", "left behind")
    answered(answers, "shown")
    assert questions.ran == ["running", "shown"]
    assert answers.ready("left behind")  # forgotten: asking it again starts it again
    questions.hold("left behind")  # let go, it could be answered before the asking returns
    with pytest.raises(Pending) as pending:
        answers.get("left behind", questions.work("left behind"))
    assert pending.value.waited == 0
    questions.release("left behind")
    answered(answers, "left behind")
    assert questions.ran == ["running", "shown", "left behind"]


def test_an_answer_is_kept_for_a_while_then_asked_again(clock):
    answers = Answers(keep=600, clock=clock)
    calls = []
    answers.get("count", lambda: calls.append(1) or len(calls), wait=None)
    clock.now = 599
    assert answers.get("count", lambda: calls.append(1) or len(calls), wait=None) == 1
    clock.now = 601
    assert answers.get("count", lambda: calls.append(1) or len(calls), wait=None) == 2


def test_the_least_recently_used_answers_go_beyond_the_most_kept():
    answers = Answers(most=2)
    calls = []
    for key in ("a", "b", "a", "c", "a", "b"):
        answers.get(key, lambda key=key: calls.append(key), wait=None)
    assert calls == ["a", "b", "c", "b"]


def test_an_error_is_raised_once_then_the_question_is_asked_again(questions):
    answers = Answers()
    failing = questions.work("count", RuntimeError("the server does not answer"))
    with pytest.raises(Pending):
        answers.get("count", failing)
    # let go only now: let go before, the worker may fail before the first question returns,
    # which then gets the error itself (the race a fresh-clone run met)
    questions.release("count")
    answered(answers, "count")
    with pytest.raises(RuntimeError, match="does not answer"):
        answers.get("count", failing)
    assert answers.ready("count")
    assert answers.get("count", lambda: 6, wait=None) == 6


def test_background_reads_remember_per_filter_and_forget_after_a_write(
        sample_store: Store, sample_events: list[Event]):
    reads = BackgroundReads(sample_store, wait=None)
    korea = EventFilter(countries=("PRK",))
    counted = reads.count(korea)
    assert reads.count(EventFilter()) == len(sample_events)
    with reads.writing() as session:
        session.delete_event(sample_events[0].id, author="test")
    assert reads.count(EventFilter()) == len(sample_events) - 1
    assert reads.count(korea) == sample_store.count(korea) <= counted


def test_background_reads_say_a_read_is_pending_under_the_key_they_poll(
        sample_store: Store):
    held = threading.Event()
    reads = BackgroundReads(sample_store, wait=0)

    class Held:
        """The store with its count held until the test lets it go, saying so."""

        report: Callable[[str], None] = print

        @contextmanager
        def progress_to(self, report: Callable[[str], None]) -> Iterator[None]:
            self.report = report
            yield

        def count(self, event_filter: EventFilter) -> int:
            self.report("held by the test")
            held.wait(timeout=30)
            return sample_store.count(event_filter)

    reads.store = Held()
    korea = EventFilter(countries=("PRK",))
    with pytest.raises(Pending) as pending:
        reads.count(korea)
    assert pending.value.key == reads.key("count", korea)
    assert not reads.ready(pending.value.key)
    deadline = time.monotonic() + 10
    while reads.progress(pending.value.key) != "held by the test":
        assert time.monotonic() < deadline
        time.sleep(0.01)
    with pytest.raises(Pending) as pending:
        reads.count(korea)
    assert pending.value.progress == "held by the test"
    held.set()
    answered(reads.answers, pending.value.key)
    assert reads.count(korea) == sample_store.count(korea)
    assert reads.waiting_at_most(None).count(korea) == sample_store.count(korea)
