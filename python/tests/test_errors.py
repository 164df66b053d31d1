"""Errors are Python exceptions with the decoder's message, or error records in a batch;
never a crash of the interpreter."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import zhengce

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file (0 bytes)"),
        ("   \n\t", "no text in the input (only white space)"),
        (PNG, "binary file (a PNG image), no text to read"),
        (b"PK\x03\x04 not really a zip", None),
    ],
)
def test_undecodable_input_raises_decode_error(data: bytes | str, message: str | None) -> None:
    with pytest.raises(zhengce.DecodeError) as e:
        zhengce.extract(data)
    assert isinstance(e.value, zhengce.ZhengceError)
    if message:
        assert str(e.value) == message
    assert str(e.value)


def test_pdf_messages_come_from_the_decoder(root: Path) -> None:
    fixtures = root / "tests" / "fixtures"
    with pytest.raises(zhengce.DecodeError, match="PDF has no text layer"):
        zhengce.extract_file(fixtures / "scanned.pdf")
    with pytest.raises(zhengce.DecodeError, match="encrypted PDF"):
        zhengce.extract((fixtures / "locked.pdf").read_bytes(), name="locked.pdf")
    assert zhengce.extract_file(fixtures / "tasks.pdf")["encoding"] == "pdf"
    assert zhengce.extract_file(fixtures / "tasks.docx")["encoding"] == "docx"


def test_files_that_cannot_be_read_raise_os_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such file"):
        zhengce.extract_file(tmp_path / "missing.txt")
    with pytest.raises(IsADirectoryError, match="is a directory"):
        zhengce.extract_file(tmp_path)
    with pytest.raises(TypeError):
        zhengce.extract(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="extract_many"):
        list(zhengce.extract_many([3.5]))  # type: ignore[list-item]
    with pytest.raises(ValueError):
        list(zhengce.extract_many(["x"], jobs=0))


def test_a_batch_gives_error_records_and_goes_on(tmp_path: Path) -> None:
    good = "2024年新建5个公园。"
    items = [b"", good, ("a.png", PNG), tmp_path / "missing.txt", tmp_path, ("b.txt", good.encode())]
    recs = list(zhengce.extract_many(items, jobs=2))
    assert [("error" in r) for r in recs] == [True, False, True, True, True, False]
    assert recs[0] == {"schema": "zhengce/1", "source": "-", "error": "empty file (0 bytes)"}
    assert recs[2]["error"].startswith("binary file (a PNG image)")
    assert recs[3]["error"] == f"no such file: {tmp_path / 'missing.txt'}"
    assert recs[4]["error"] == f"{tmp_path} is a directory"
    assert recs[5]["source"] == "b.txt" and recs[5]["targets"][0]["value"] == 5


def test_random_bytes_never_crash_the_interpreter() -> None:
    rng = random.Random(17)
    seeds = [b"%PDF-1.4\n", b"PK\x03\x04", b"<html>", "十三五".encode("gbk"), b"\xff\xfe", b""]
    items = []
    for i in range(300):
        head = seeds[i % len(seeds)]
        items.append((f"r{i}.{['txt', 'pdf', 'docx', 'html'][i % 4]}", head + rng.randbytes(rng.randrange(0, 400))))
    recs = list(zhengce.extract_many(items, jobs=2))
    assert len(recs) == len(items)
    assert all(r["schema"] == "zhengce/1" for r in recs)
