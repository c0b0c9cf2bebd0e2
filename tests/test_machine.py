"""What the benchmarks record of how busy the machine was (benchmarks/machine.py)."""

import pytest

from benchmarks.machine import busy, described, some_avg10


@pytest.mark.parametrize(("text", "expected"), [
    ("some avg10=23.80 avg60=34.23 avg300=19.88 total=1781301256\n"
     "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n", 23.8),
    ("full avg10=5.00 avg60=0.00 avg300=0.00 total=0\n"
     "some avg10=0.00 avg60=0.00 avg300=0.00 total=10\n", 0.0),
    ("", None),
])
def test_the_share_of_time_some_task_waited_is_read_from_the_pressure_file(text, expected):
    assert some_avg10(text) == expected


def test_the_machine_says_its_load_and_pressure():
    now = busy()
    assert now["load average"] >= 0
    assert now["cpu pressure"] is None or 0 <= now["cpu pressure"] <= 100


def test_the_description_leaves_out_a_pressure_the_kernel_does_not_give():
    before = {"load average": 2.1, "cpu pressure": 5.0}
    after = {"load average": 4.14, "cpu pressure": 41.5}
    assert described(before, after) == ("load average 2.1 before, 4.1 after; "
                                        "CPU pressure 5% before, 42% after")
    assert described({**before, "cpu pressure": None}, after) == \
        "load average 2.1 before, 4.1 after"
