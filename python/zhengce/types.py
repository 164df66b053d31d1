"""Types of the ``zhengce/1`` records, for type checkers and editors (see SCHEMA.md and
``zhengce.json_schema()``). Records are plain dicts at run time; every key is present in
every document (``None`` or ``[]`` when empty).
"""

from __future__ import annotations

from typing import Literal, Optional, TypedDict, Union

Span = list[int]
"""``[start, end)`` in code points of the decoded text."""


class Normalized(TypedDict):
    value: float
    value_max: Optional[float]
    unit: str


class Section(TypedDict):
    id: str
    parent: Optional[str]
    level: int
    marker: str
    title: str
    span: Span


class Base(TypedDict):
    """What a change is measured from: ``比2020年增长`` has year 2020, ``从80%提高到90%``
    the value 80; ``annual`` for an average over the years (``年均``)."""

    year: Optional[int]
    value: Optional[float]
    annual: bool


class Target(TypedDict):
    id: str
    span: Span
    text: str
    indicator: Optional[str]
    value: float
    value_max: Optional[float]
    unit: str
    normalized: Optional[Normalized]
    comparator: Literal["=", ">=", ">", "<=", "<", "~", "range"]
    measure: Literal["level", "growth", "share"]
    status: Literal["target", "achieved", "fact"]
    year: Optional[int]
    hedge: Optional[Literal["firm", "aim", "about"]]
    binding: Optional[Literal["binding", "expected"]]
    base: Optional[Base]
    section: Optional[str]
    task: Optional[str]
    canonical: Optional[str]
    category: Optional[str]
    page: Optional[int]


class Investment(TypedDict):
    value: float
    unit: str
    normalized: Optional[Normalized]


class Project(TypedDict):
    id: str
    name: str
    kind: Literal["construction", "program"]
    mentions: list[Span]
    section: Optional[str]
    investment: Optional[Investment]
    year: Optional[int]
    aliases: list[str]


class Roles(TypedDict):
    responsible: int
    lead: int
    support: int


class Unit(TypedDict):
    name: str
    mentions: int
    roles: Roles


class TaskUnit(TypedDict):
    name: str
    role: Literal["responsible", "lead", "support"]


class Task(TypedDict):
    id: str
    section: Optional[str]
    title: str
    span: Span
    units: list[TaskUnit]
    deadline: Optional[str]
    targets: list[str]
    projects: list[str]


class Document(TypedDict):
    schema: Literal["zhengce/1"]
    source: str
    encoding: str
    title: Optional[str]
    issuer: Optional[str]
    place: Optional[str]
    date: Optional[str]
    period: Optional[list[int]]
    chars: int
    sha256: Optional[str]
    sections: list[Section]
    targets: list[Target]
    projects: list[Project]
    units: list[Unit]
    tasks: list[Task]
    boilerplate: list[Span]
    pages: list[int]
    errors: list[str]


class ErrorRecord(TypedDict):
    """An input that could not be read or decoded."""

    schema: Literal["zhengce/1"]
    source: str
    error: str


Record = Union[Document, ErrorRecord]
