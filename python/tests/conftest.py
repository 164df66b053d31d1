"""Shared fixtures: the repository root, the corpus, the CLI binary and its output.

The PySpark tests are marked ``spark`` and run only with ``--spark`` (the repository's
test command, ``scripts/test``, turns it on)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--spark", action="store_true", help="run the PySpark tests in local mode")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--spark"):
        return
    skip = pytest.mark.skip(reason="PySpark test: run pytest with --spark")
    for item in items:
        if "spark" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def binary() -> str:
    """The CLI, by absolute path ($ZHENGCE_BIN or target/release/zhengce)."""
    path = Path(os.environ.get("ZHENGCE_BIN") or ROOT / "target" / "release" / "zhengce").resolve()
    if not path.is_file():
        pytest.fail(f"{path} is missing: build it first with `cargo build --release`")
    return str(path)


@pytest.fixture(scope="session")
def cli_records(binary: str) -> list[dict]:
    """`zhengce extract corpus --format jsonl`, the main job, run from the root: every
    document of the corpus (the .docx and GBK twins in corpus/original/ included)."""
    out = subprocess.run(
        [binary, "extract", "corpus", "--format", "jsonl", "-q"], cwd=ROOT, capture_output=True, check=True
    )
    records = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert len(records) >= 30, "the corpus should hold the evaluation documents and the twins"
    return records


@pytest.fixture()
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test in the repository root, where the records' sources are relative to."""
    monkeypatch.chdir(ROOT)
    return ROOT
