"""The CLI's line mode, driven exactly as Spark's `RDD.pipe` drives a command: the command
split with shlex, an empty environment, each element written as one UTF-8 line, stdout read
line by line."""

from __future__ import annotations

import base64
import json
import shlex
import subprocess
from pathlib import Path

import zhengce


def pipe(command: str, elements: list[object]) -> list[str]:
    """What pyspark's RDD.pipe does for one partition (pyspark/rdd.py: `Popen(shlex.split(
    command), env=env, stdin=PIPE, stdout=PIPE)`, env `{}` by default, each element as
    `str(obj).rstrip("\\n") + "\\n"`), with checkCode=True."""
    proc = subprocess.Popen(shlex.split(command), env={}, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    data = "".join(str(e).rstrip("\n") + "\n" for e in elements).encode("utf-8")
    out, _ = proc.communicate(data, timeout=300)
    assert proc.returncode == 0, f"{command} exited with {proc.returncode}"
    return out.decode("utf-8").splitlines()


def test_line_mode_as_rdd_pipe(binary: str, root: Path) -> None:
    docx = root / "corpus" / "original" / "w01_rizhao_2024_zfgzbg.docx"
    plan = root / "corpus" / "001_e743c46d57511929.txt"
    good = "2024年全镇固定资产投资达到50亿元。\n(责任单位:经发办)"
    elements = [
        json.dumps({"id": 1, "text": good}, ensure_ascii=False),
        json.dumps({"id": "docx", "base64": base64.b64encode(docx.read_bytes()).decode(), "name": "w01.docx"}),
        json.dumps({"id": [3], "path": str(plan)}),
        "this is not JSON",
        json.dumps({"id": 5, "path": "/no/such/file.txt"}),
        json.dumps({"id": 6, "base64": "%%%"}),
        json.dumps({"id": 7}),
        json.dumps({"id": 8, "text": "   "}),
        json.dumps({"id": 9, "text": good, "name": "nine.txt"}, ensure_ascii=True),
    ]
    lines = pipe(f"{binary} extract --input jsonl --jobs 2 -q", elements)
    assert len(lines) == len(elements)
    recs = [json.loads(line) for line in lines]
    assert [r["id"] for r in recs] == [1, "docx", [3], None, 5, 6, 7, 8, 9]
    assert all(list(r)[0] == "id" for r in recs)
    plain = {k: v for k, v in recs[0].items() if k != "id"}
    assert plain == zhengce.extract(good, name="-:1")
    assert recs[1]["source"] == "w01.docx" and recs[1]["encoding"] == "docx"
    assert {k: v for k, v in recs[2].items() if k != "id"} == zhengce.extract_file(str(plan))
    assert recs[3]["source"] == "-:4" and "not a JSON object" in recs[3]["error"]
    assert recs[4]["error"] == "no such file: /no/such/file.txt"
    assert "bad base64" in recs[5]["error"]
    assert "exactly one of" in recs[6]["error"]
    assert recs[7]["error"] == "no text in the input (only white space)"
    assert recs[8]["source"] == "nine.txt" and recs[8]["targets"][0]["value"] == 50


def test_line_mode_is_the_same_for_any_jobs_and_shards_split_it(binary: str, cli_records: list[dict], root: Path) -> None:
    elements = [json.dumps({"id": i, "path": str(root / r["source"])}) for i, r in enumerate(cli_records)]
    one = pipe(f"{binary} extract --input jsonl --jobs 1 -q", elements)
    two = pipe(f"{binary} extract --input jsonl --jobs 2 -q", elements)
    assert one == two
    for rec, want in zip(map(json.loads, one), cli_records):
        assert rec["source"] == str(root / want["source"])
        drop = ("id", "source")
        assert {k: v for k, v in rec.items() if k not in drop} == {k: v for k, v in want.items() if k not in drop}
    shards = [pipe(f"{binary} extract --input jsonl --shard {k}/3 -q", elements) for k in range(3)]
    ids = sorted(json.loads(line)["id"] for shard in shards for line in shard)
    assert ids == list(range(len(elements)))
    assert [json.loads(line)["id"] for line in shards[1]] == list(range(1, len(elements), 3))


def test_files_from_and_shard_over_paths(binary: str, cli_records: list[dict], root: Path, tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text("\n".join(r["source"] for r in cli_records) + "\n")
    out = subprocess.run(
        [binary, "extract", "--files-from", str(listing), "--shard", "0/2", "--format", "jsonl", "-q"],
        cwd=root, capture_output=True, check=True,
    )
    got = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert got == cli_records[0::2]
