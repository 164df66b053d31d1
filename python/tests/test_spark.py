"""PySpark in local mode, both routes of docs/spark.md (python/examples/spark_targets.py).
Marked `spark`: run with `pytest --spark` (scripts/test does)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

import zhengce

pytestmark = pytest.mark.spark

JAVA_17 = Path("/usr/lib/jvm/java-17-openjdk-amd64")


@pytest.fixture(scope="module")
def example(root: Path):
    pytest.importorskip("pyspark")
    pytest.importorskip("pyarrow")
    if "JAVA_HOME" not in os.environ and JAVA_17.is_dir():
        os.environ["JAVA_HOME"] = str(JAVA_17)
    spec = importlib.util.spec_from_file_location("spark_targets", root / "python" / "examples" / "spark_targets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def spark(example):
    s = example.session()
    yield s
    s.stop()


def documents(cli_records: list[dict]) -> list[dict]:
    return [r for r in cli_records if r["source"].endswith((".txt", ".docx"))]


def test_binary_files_to_parquet_one_row_per_target(
    example, spark, root: Path, tmp_path: Path, cli_records: list[dict]
) -> None:
    out = str(tmp_path / "targets.parquet")
    rows = example.targets_to_parquet(spark, str(root / "corpus"), out)
    docs = documents(cli_records)
    want = zhengce.tables(docs)["targets"]
    assert rows == len(want) > 500
    df = spark.read.parquet(out)
    from zhengce.spark import spark_schema

    assert df.schema == spark_schema("targets")
    prefix = "file:" + str(root) + "/"
    got = [r.asDict() for r in df.collect()]
    for r in got:
        assert r["doc_id"].startswith(prefix), r["doc_id"]
        r["doc_id"] = r["doc_id"][len(prefix):]
    key = lambda r: (r["doc_id"], int(r["id"][1:]))  # noqa: E731
    assert sorted(got, key=key) == sorted(want, key=key)


def test_rdd_pipe_through_the_cli(example, spark, binary: str, root: Path, cli_records: list[dict]) -> None:
    docs = documents(cli_records)
    records = example.pipe_through_cli(spark, [str(root / d["source"]) for d in docs], binary)
    assert [r["id"] for r in records] == list(range(len(docs)))
    for r, want in zip(records, docs):
        assert r["targets"] == want["targets"], want["source"]
