"""zhengce (政策): numeric targets, named projects, responsible units and tasks from Chinese
policy documents, as ``zhengce/1`` records.

Every function returns the same ``zhengce/1`` object as the command line
``zhengce extract``, field for field (a plain ``dict``, typed by :mod:`zhengce.types`).
Spans are ``[start, end)`` in code points of the decoded text, so ``text[s:e]`` in Python
gives the quoted characters.

>>> import zhengce
>>> doc = zhengce.extract("2024年全镇固定资产投资达到50亿元。\\n(责任单位:经发办)\\n")
>>> t = doc["targets"][0]
>>> t["value"], t["unit"], t["status"], t["year"]
(50.0, '亿元', 'target', 2024)
>>> doc["units"][0]["name"]
'经发办'

A ``track(records)`` binding (the promise ledger: year-N targets against later reports)
will be added here once ``zhengce track`` lives in the library; it is being built now.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Union

from . import _zhengce
from ._zhengce import JSON_SCHEMA as _JSON_SCHEMA
from ._zhengce import SCHEMA, DecodeError, ZhengceError, __version__

if TYPE_CHECKING:
    import pandas

    from .types import Document, ErrorRecord, Record

__all__ = [
    "SCHEMA",
    "DecodeError",
    "ZhengceError",
    "__version__",
    "compare",
    "decode",
    "extract",
    "extract_file",
    "extract_json",
    "extract_many",
    "json_schema",
    "table_columns",
    "tables",
    "to_pandas",
]

#: What :func:`extract_many` takes: a text, bytes, ``(name, text or bytes)`` or a path.
Item = Union[str, bytes, bytearray, "tuple[str, str | bytes]", "os.PathLike[str]"]


def extract(data: str | bytes, *, name: str | None = None) -> Document:
    """Extracts one document given as text or bytes.

    Bytes go through the same decoder as the command line: UTF-8, GBK/GB18030 and UTF-16
    text, HTML pages, PDF and Word files, told apart by ``name``'s extension and by the
    content. ``name`` becomes the record's ``source`` (default ``"-"``, as for standard
    input). A ``str`` is extracted as its UTF-8 bytes, exactly as the CLI would read it.

    Raises :class:`DecodeError` when the input holds no text (empty, binary, a scanned
    PDF), with the message the CLI writes into its error record.

    >>> doc = zhengce.extract("到2025年,全镇新增就业岗位不少于3000个。")
    >>> [(t["value"], t["comparator"], t["year"]) for t in doc["targets"]]
    [(3000.0, '>=', 2025)]
    >>> gbk = "全年粮食产量稳定在10万吨以上。".encode("gbk")
    >>> zhengce.extract(gbk, name="report.txt")["encoding"]
    'gb18030'
    >>> zhengce.extract(b"")
    Traceback (most recent call last):
    ...
    zhengce.DecodeError: empty file (0 bytes)
    """
    return json.loads(_zhengce.extract_json(data, name))


def extract_json(data: str | bytes, *, name: str | None = None) -> str:
    """Like :func:`extract`, but returns the record as compact JSON text (one JSONL line),
    for writers that store JSON without building a dict first.

    >>> zhengce.extract_json("新建5个公园。").startswith('{"schema":"zhengce/1"')
    True
    """
    return _zhengce.extract_json(data, name)


def extract_file(path: str | os.PathLike[str]) -> Document:
    """Reads and extracts one file; ``source`` is the path as given.

    Raises ``FileNotFoundError``, ``PermissionError`` or ``IsADirectoryError`` (other
    ``OSError`` for other problems, such as a file over 1 GiB) when the file cannot be
    read, and :class:`DecodeError` when it holds no text.

    >>> zhengce.extract_file("no/such/file.txt")
    Traceback (most recent call last):
    ...
    FileNotFoundError: no such file: no/such/file.txt
    """
    return json.loads(_zhengce.extract_file_json(os.fspath(path)))


def extract_many(items: Iterable[Item], *, jobs: int | None = None) -> Iterator[Record]:
    """Extracts many inputs in parallel and yields their records in input order.

    Each item is a text or bytes (``source`` ``"-"``), a ``(name, text or bytes)`` pair
    (``name`` picks the decoder and becomes ``source``), or an ``os.PathLike`` such as a
    ``pathlib.Path`` (read from disk; a plain ``str`` is text, not a path). An input that
    cannot be read or decoded yields an error record ``{"schema", "source", "error"}``
    instead of raising, so one bad file does not end a batch.

    The work runs with the GIL released, on ``jobs`` threads that zhengce starts for each
    batch and joins before the next (never a global pool, so forking a worker process is
    safe between calls). ``jobs`` defaults to ``$ZHENGCE_JOBS`` or the number of cores;
    use ``jobs=1`` inside Spark, Dask or multiprocessing workers, which already run one
    process per core. The output is the same whatever ``jobs`` is. Items are taken from
    ``items`` a few at a time, so a generator over a large archive is fine.

    >>> from pathlib import Path
    >>> recs = list(zhengce.extract_many(["新建5个公园。", ("b.html", b"<p>x</p>"), Path("nope.txt")], jobs=2))
    >>> [r["source"] for r in recs]
    ['-', 'b.html', 'nope.txt']
    >>> recs[2]["error"]
    'no such file: nope.txt'
    """
    if jobs is None:
        jobs = int(os.environ.get("ZHENGCE_JOBS") or 0) or os.cpu_count() or 1
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    for text in _zhengce.Batch(items, jobs):
        yield json.loads(text)


def decode(data: str | bytes, *, name: str | None = None) -> str:
    """The decoded text of an input: what every span of its record points into (the
    command line's ``--dump-text``). For plain text this is the text itself; for HTML, PDF
    and Word it is the text zhengce read out of the page or file.

    >>> html = "<html><body><p>完成投资12亿元。</p></body></html>"
    >>> doc = zhengce.extract(html, name="page.html")
    >>> s, e = doc["targets"][0]["span"]
    >>> zhengce.decode(html, name="page.html")[s:e]
    '12亿元'
    """
    return _zhengce.decode(data, name)


def _dumps(records: Iterable[Record]) -> list[str]:
    return [json.dumps(r, ensure_ascii=False) for r in records]


def tables(records: Iterable[Record]) -> dict[str, list[dict[str, Any]]]:
    """The five tables of ``zhengce extract --tables``: ``documents``, ``targets``,
    ``projects``, ``units`` and ``tasks``, one dict per row, with the same columns in the
    same order (see docs/tables.md). Numeric columns are ``int`` or ``float`` (``None``
    when empty); text columns are ``str`` (``""`` when empty), as in the CSV files. Error
    records give a ``documents`` row with their ``error``.

    >>> recs = [zhengce.extract("2024年新建5个公园。", name="a.txt")]
    >>> row = zhengce.tables(recs)["targets"][0]
    >>> row["doc_id"], row["value"], row["unit"], row["year"]
    ('a.txt', 5.0, '个', 2024)
    """
    return _zhengce.tables(_dumps(records))


def table_columns() -> dict[str, list[tuple[str, str]]]:
    """Each table's columns and their types (``"text"``, ``"int"`` or ``"float"``), in
    column order: what a declared schema (Spark, Arrow, a database) is built from.

    >>> zhengce.table_columns()["targets"][:3]
    [('doc_id', 'text'), ('id', 'text'), ('indicator', 'text')]
    """
    return {name: [tuple(c) for c in cols] for name, cols in _zhengce.table_columns().items()}


def to_pandas(records: Iterable[Record]) -> dict[str, pandas.DataFrame]:
    """The tables of :func:`tables` as pandas DataFrames (``pip install "zhengce[pandas]"``).
    Integer columns with empty cells are nullable ``Int64``.

    >>> dfs = zhengce.to_pandas([zhengce.extract("2024年新建5个公园。", name="a.txt")])
    >>> dfs["targets"][["doc_id", "value", "year"]].to_dict("records")
    [{'doc_id': 'a.txt', 'value': 5.0, 'year': 2024}]
    """
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError('to_pandas() needs pandas: pip install "zhengce[pandas]"') from e
    columns = table_columns()
    out = {}
    for name, rows in tables(records).items():
        df = pd.DataFrame(rows, columns=[c for c, _ in columns[name]])
        for col, ty in columns[name]:
            if ty == "int":
                df[col] = df[col].astype("Int64")
            elif ty == "float":
                df[col] = df[col].astype("float64")
        out[name] = df
    return out


def compare(records: Iterable[Record]) -> dict[str, Any]:
    """Documents side by side, as ``zhengce compare --format json`` computes it: one row
    per indicator and measure, one column per record, with per-document counts and the
    projects and units named in more than one document.

    >>> a = zhengce.extract("2024年地区生产总值增长6%。", name="a.txt")
    >>> b = zhengce.extract("2024年地区生产总值增长5.5%。", name="b.txt")
    >>> cmp = zhengce.compare([a, b])
    >>> [[c["value"] for c in cells] for cells in cmp["rows"][0]["cells"]]
    [[6.0], [5.5]]
    """
    return json.loads(_zhengce.compare_json(_dumps(records)))


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a ``zhengce/1`` record, as ``zhengce schema``
    prints it.

    >>> zhengce.json_schema()["title"]
    'zhengce/1'
    """
    return json.loads(_JSON_SCHEMA)
