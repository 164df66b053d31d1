"""`zhengce.tables` is `extract --tables`, cell for cell; pandas and compare on top."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest

import zhengce


def cli_tables(binary: str, root: Path, out: Path) -> dict[str, list[dict[str, str]]]:
    subprocess.run([binary, "extract", "corpus", "--tables", str(out), "-q"], cwd=root, check=True)
    tables = {}
    for name in ["documents", "targets", "projects", "units", "tasks"]:
        with open(out / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
            tables[name] = list(csv.DictReader(f))
    return tables


def test_tables_equal_the_cli_csv(binary: str, root: Path, tmp_path: Path, cli_records: list[dict]) -> None:
    want = cli_tables(binary, root, tmp_path)
    got = zhengce.tables(cli_records)
    columns = zhengce.table_columns()
    assert list(got) == list(want) == list(columns)
    for name, rows in got.items():
        assert len(rows) == len(want[name]), name
        assert [c for c, _ in columns[name]] == list(want[name][0]), name
        for row, csv_row in zip(rows, want[name]):
            assert list(row) == list(csv_row)
            for (col, ty), value in zip(columns[name], row.values()):
                cell = csv_row[col]
                if ty == "text":
                    assert value == cell, (name, col)
                elif cell == "":
                    assert value is None, (name, col)
                else:
                    assert isinstance(value, int if ty == "int" else float), (name, col, value)
                    assert value == (int(cell) if ty == "int" else float(cell)), (name, col)
    assert sum(len(r["targets"]) for r in cli_records if "targets" in r) == len(got["targets"])


def test_to_pandas(cli_records: list[dict]) -> None:
    pd = pytest.importorskip("pandas")
    dfs = zhengce.to_pandas(cli_records)
    assert set(dfs) == {"documents", "targets", "projects", "units", "tasks"}
    targets = dfs["targets"]
    assert isinstance(targets, pd.DataFrame)
    assert len(targets) == sum(len(r["targets"]) for r in cli_records if "targets" in r)
    assert targets["value"].dtype == "float64"
    assert str(targets["year"].dtype) == "Int64"
    assert targets.groupby("doc_id").size().sum() == len(targets)


def test_compare_equals_the_cli(binary: str, root: Path, cli_records: list[dict]) -> None:
    names = ["corpus/000_39cc09a31d753d9a.txt", "corpus/d03x_dongying_2024_zfgzbg_excerpt.txt"]
    out = subprocess.run([binary, "compare", *names, "--format", "json"], cwd=root, capture_output=True, check=True)
    records = [r for name in names for r in cli_records if r["source"] == name]
    assert zhengce.compare(records) == json.loads(out.stdout)
