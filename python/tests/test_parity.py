"""The Python package gives the CLI's records, field for field, on the whole corpus."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import zhengce


def test_extract_bytes_equals_the_cli(cli_records: list[dict], at_root: Path) -> None:
    for want in cli_records:
        data = Path(want["source"]).read_bytes()
        assert zhengce.extract(data, name=want["source"]) == want, want["source"]


def test_extract_file_equals_the_cli(cli_records: list[dict], at_root: Path) -> None:
    for want in cli_records:
        assert zhengce.extract_file(want["source"]) == want, want["source"]


def test_extract_many_keeps_order_and_equals_the_cli(cli_records: list[dict], at_root: Path) -> None:
    paths = [Path(r["source"]) for r in cli_records]
    assert list(zhengce.extract_many(paths, jobs=2)) == cli_records


def test_jobs_1_and_jobs_2_give_the_same_records(cli_records: list[dict], at_root: Path) -> None:
    items = [(r["source"], Path(r["source"]).read_bytes()) for r in cli_records]
    one = list(zhengce.extract_many(items, jobs=1))
    two = list(zhengce.extract_many(iter(items), jobs=2))
    assert one == two == cli_records


def test_text_input_equals_the_cli_on_standard_input(binary: str, root: Path) -> None:
    text = (root / "corpus" / "000_39cc09a31d753d9a.txt").read_text(encoding="utf-8")
    out = subprocess.run([binary, "extract", "-"], input=text.encode(), capture_output=True, check=True)
    assert zhengce.extract(text) == json.loads(out.stdout)
    assert json.loads(zhengce.extract_json(text)) == json.loads(out.stdout)


def test_every_field_is_present_in_every_document(cli_records: list[dict]) -> None:
    keys = {tuple(r) for r in cli_records if "error" not in r}
    assert len(keys) == 1, keys
    for r in cli_records:
        for t in r.get("targets", []):
            assert {"canonical", "category", "page", "value_max"} <= t.keys()
            assert "value_max" in (t["normalized"] or {"value_max": None})
        for p in r.get("projects", []):
            assert "aliases" in p


def test_records_match_the_json_schema(binary: str, cli_records: list[dict]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(subprocess.run([binary, "schema"], capture_output=True, check=True).stdout)
    assert schema == zhengce.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for r in cli_records + [{"schema": "zhengce/1", "source": "x.png", "error": "binary file"}]:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(r)]
        assert not errors, (r["source"], errors[:5])
    # The schema is strict: a field it does not know fails.
    doc = dict(cli_records[0], surprise=1)
    assert not validator.is_valid(doc)


def test_gbk_bytes_are_decoded(root: Path) -> None:
    twin = root / "corpus" / "original" / "w11_hailaer_2014_zfgzbg.txt"
    utf8 = root / "corpus" / "w11_hailaer_2014_zfgzbg.txt"
    data = twin.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    doc = zhengce.extract(data, name=twin.name)
    assert doc["encoding"] == "gb18030"
    plain = zhengce.extract(utf8.read_bytes(), name=utf8.name)
    assert [t["value"] for t in doc["targets"]] == [t["value"] for t in plain["targets"]]
    assert len(doc["targets"]) > 10
    small = "到2025年,全镇新增就业岗位不少于3000个。".encode("gbk")
    assert zhengce.extract(small)["targets"][0]["value"] == 3000


def test_utf16_and_html_bytes() -> None:
    text = "2024年完成固定资产投资30亿元。"
    doc = zhengce.extract(("\ufeff" + text).encode("utf-16-le"))
    assert doc["encoding"] == "utf-16le"
    assert doc["targets"][0]["unit"] == "亿元"
    page = f"<html><head><script>var x=99;</script></head><body><p>{text}</p></body></html>".encode()
    doc = zhengce.extract(page, name="page.html")
    assert [t["value"] for t in doc["targets"]] == [30.0]
