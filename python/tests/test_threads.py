"""The GIL is released while extracting, and a forked process can extract again."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import zhengce


def texts(root: Path) -> list[tuple[str, bytes]]:
    files = sorted((root / "corpus").glob("*.txt"))[:8]
    return [(p.name, p.read_bytes()) for p in files]


def test_threads_calling_at_once_get_correct_records(root: Path) -> None:
    items = texts(root)
    want = list(zhengce.extract_many(items, jobs=1))
    with ThreadPoolExecutor(2) as pool:
        runs = [pool.submit(lambda: list(zhengce.extract_many(items, jobs=2))) for _ in range(2)]
        singles = [pool.submit(zhengce.extract, data, name=name) for name, data in items]
        assert [r.result() for r in runs] == [want, want]
        assert [s.result() for s in singles] == want


def _count_targets(item: tuple[str, bytes]) -> int:
    return sum(len(r["targets"]) for r in zhengce.extract_many([item], jobs=2))


def test_a_forked_worker_does_not_deadlock(root: Path) -> None:
    items = texts(root)
    want = [len(r["targets"]) for r in zhengce.extract_many(items, jobs=2)]  # threads ran in the parent
    with multiprocessing.get_context("fork").Pool(2) as pool:
        got = pool.map_async(_count_targets, items).get(timeout=120)
    assert got == want
