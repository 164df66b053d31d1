"""Spans are code points of the decoded text: Python's own string indexing."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import zhengce


def fold(s: str) -> str:
    """Full-width forms folded, as the extractors see them (names are written folded)."""
    return unicodedata.normalize("NFKC", s)


def occurs_around(text: str, clause: str, s: int, e: int) -> bool:
    """Whether `clause` occurs in `text` at a place that covers [s, e)."""
    i = text.find(clause, max(0, e - len(clause)))
    while i != -1 and i <= s:
        if i + len(clause) >= e:
            return True
        i = text.find(clause, i + 1)
    return False


def check(text: str, doc: dict) -> int:
    checked = 0
    for t in doc["targets"]:
        s, e = t["span"]
        assert text[s:e] and text[s:e] in t["text"], (doc["source"], t)
        assert occurs_around(text, t["text"], s, e), (doc["source"], t["id"], t["text"])
        checked += 1
    for p in doc["projects"]:
        for s, e in p["mentions"]:
            said = fold(text[s:e])
            names = [fold(n) for n in [p["name"], *p["aliases"]]]
            assert any(n in said or said in n for n in names), (doc["source"], p, said)
            checked += 1
    for k in doc["tasks"]:
        s, e = k["span"]
        assert k["title"] in text[s:e], (doc["source"], k["id"])
    for sec in doc["sections"]:
        s, e = sec["span"]
        assert 0 <= s <= e <= doc["chars"]
    assert len(text) == doc["chars"]
    return checked


def test_spans_index_the_decoded_text_of_every_corpus_document(cli_records: list[dict], at_root: Path) -> None:
    checked = 0
    for doc in cli_records:
        if "error" in doc:
            continue
        data = Path(doc["source"]).read_bytes()
        checked += check(zhengce.decode(data, name=doc["source"]), doc)
    assert checked > 500


def test_spans_of_a_python_string_count_code_points() -> None:
    # Characters outside the Basic Multilingual Plane (one code point, two UTF-16 units,
    # four UTF-8 bytes) before the number must not shift the span.
    text = "𠀀𠀁镇:2024年全镇固定资产投资达到５０亿元,新建𠮷野公园等项目。\n(责任单位:经发办)\n"
    doc = zhengce.extract(text)
    assert check(text, doc) >= 1
    (t,) = [t for t in doc["targets"] if t["unit"] == "亿元"]
    s, e = t["span"]
    assert text[s:e] == "５０亿元"
