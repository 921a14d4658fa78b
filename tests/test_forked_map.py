"""handbook.forked_map: the content checks' reading of docs/ split over two processes gives exactly what
reading it in one does, and a child that fails in any way changes nothing but the time taken."""

from __future__ import annotations

import os
import threading

import pytest

from handbook import forked_map


@pytest.mark.parametrize(("weights", "mine", "theirs"), [
    ([], [], []),
    ([5], [0], []),
    ([1, 1], [0], [1]),
    ([10, 1, 1, 1], [0], [1, 2, 3]),  # the heaviest alone against the rest
    ([3, 3, 2, 2, 2], [0, 2, 4], [1, 3]),  # 7 against 5: ties and leftovers stay here
    ([0, 0, 0], [0, 2], [1]),
])
def test_split_by_weight(weights: list[int], mine: list[int], theirs: list[int]) -> None:
    assert forked_map.split_by_weight(weights) == (mine, theirs)


def _in_a_child(work, fork=os.fork):
    """Run `work()` in a child of this process (made by `fork`), and return its result.

    A fresh child runs one thread: pytest's workers run threads of their own, and map_in_two forks only a
    process with one thread."""
    import pickle

    read_end, write_end = os.pipe()
    pid = fork()
    if pid == 0:
        try:
            os.close(read_end)
            try:
                data = pickle.dumps(("ok", work()))
            except BaseException as error:  # noqa: BLE001 - sent back to the test
                data = pickle.dumps(("error", repr(error)))
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    status, value = pickle.loads(data)
    assert status == "ok", value
    return value


def _pid_of(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


def test_results_come_back_in_order_half_of_them_worked_out_in_another_process() -> None:
    def work():
        results = forked_map.map_in_two(_pid_of, range(20), weight=lambda item: item)
        return results, os.getpid()

    results, here = _in_a_child(work)
    assert [square for square, _ in results] == [n * n for n in range(20)]
    elsewhere = [n for n, (_, pid) in enumerate(results) if pid != here]
    assert elsewhere, "nothing was worked out in the forked process"
    assert sum(elsewhere) * 2 >= sum(range(20)) - 19 and len(elsewhere) < 20, f"a lopsided split: {elsewhere}"


def _fails_in_the_child(item: int) -> int:
    if os.environ.get("FORKED_MAP_TEST_PARENT") != str(os.getpid()):
        raise RuntimeError("only in the forked process")
    return item + 1


def test_work_the_child_fails_at_is_done_again_here() -> None:
    def work():
        os.environ["FORKED_MAP_TEST_PARENT"] = str(os.getpid())
        return forked_map.map_in_two(_fails_in_the_child, range(10))

    assert _in_a_child(work) == list(range(1, 11))


def _unpicklable(item: int):
    return (lambda: item) if os.environ.get("FORKED_MAP_TEST_PARENT") != str(os.getpid()) else item


def test_a_result_that_cannot_travel_is_worked_out_here() -> None:
    def work():
        os.environ["FORKED_MAP_TEST_PARENT"] = str(os.getpid())
        return forked_map.map_in_two(_unpicklable, range(6))

    assert _in_a_child(work) == list(range(6))


def _fails_for_three(item: int) -> int:
    if item == 3:
        raise ValueError(f"item {item} is bad")
    return item


def test_an_error_raises_here_as_the_plain_map_would_raise_it() -> None:
    def work():
        try:
            forked_map.map_in_two(_fails_for_three, range(8))
        except ValueError as error:
            return str(error)
        return "no error"

    assert _in_a_child(work) == "item 3 is bad"


def test_a_process_running_threads_does_not_fork() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        here = os.getpid()
        assert forked_map.map_in_two(_pid_of, range(6)) == [(n * n, here) for n in range(6)]
    finally:
        stop.set()
        other.join()


def test_the_child_leaves_what_it_inherited_to_the_parent_and_the_parent_collects_as_before() -> None:
    import gc

    in_child = _in_a_child(lambda: gc.get_freeze_count() > 0, fork=forked_map.fork)
    assert in_child, "the child's collector would copy every page it inherited"
    assert gc.get_freeze_count() == 0, "the parent's objects were left out of its own collections"
