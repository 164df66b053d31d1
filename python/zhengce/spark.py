"""Helpers for running zhengce on Spark (see docs/spark.md). pyspark and pyarrow are
imported only when a helper is called (``pip install "zhengce[spark]"``).

Read a directory with ``binaryFile`` and get one row per target, with a declared schema::

    from zhengce.spark import from_binary, spark_schema
    files = (spark.read.format("binaryFile")
             .option("pathGlobFilter", "*.{txt,html,pdf,docx}")
             .option("recursiveFileLookup", "true")
             .load("hdfs:///archive"))
    targets = files.select("path", "content").mapInArrow(from_binary("targets"), spark_schema("targets"))
    targets.write.parquet("targets.parquet")

The columns are those of ``zhengce extract --tables`` (``zhengce.table_columns()``), with
``doc_id`` the file's path as Spark gives it (``file:/...``, ``hdfs://...``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from . import extract_many, table_columns, tables

if TYPE_CHECKING:
    import pyarrow
    from pyspark.sql.types import StructType

__all__ = ["arrow_schema", "from_binary", "spark_schema"]


def arrow_schema(table: str = "targets") -> pyarrow.Schema:
    """The Arrow schema of one table: text columns are strings, numbers int64 or float64."""
    import pyarrow as pa

    types = {"text": pa.string(), "int": pa.int64(), "float": pa.float64()}
    return pa.schema([(name, types[ty]) for name, ty in table_columns()[table]])


def spark_schema(table: str = "targets") -> StructType:
    """The Spark schema of one table, for ``mapInArrow`` and for reading the Parquet back."""
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    types = {"text": StringType(), "int": LongType(), "float": DoubleType()}
    return StructType([StructField(name, types[ty], True) for name, ty in table_columns()[table]])


def from_binary(
    table: str = "targets", jobs: int = 1
) -> Callable[[Iterator[pyarrow.RecordBatch]], Iterator[pyarrow.RecordBatch]]:
    """A function for ``DataFrame.mapInArrow`` over ``binaryFile`` rows (columns ``path``
    and ``content``): it extracts each file and yields the rows of ``table`` (one row per
    target for ``"targets"``, per document for ``"documents"``, ...). ``jobs=1``: Spark
    already runs one task per core. A file that cannot be read gives a ``documents`` row
    with its ``error`` and no rows in the other tables.
    """
    if table not in table_columns():
        raise ValueError(f"no table {table!r}; the tables are {sorted(table_columns())}")

    def run(batches: Iterator[pyarrow.RecordBatch]) -> Iterator[pyarrow.RecordBatch]:
        import pyarrow as pa

        schema = arrow_schema(table)
        for batch in batches:
            items = zip(batch.column("path").to_pylist(), batch.column("content").to_pylist())
            rows = tables(extract_many(items, jobs=jobs))[table]
            yield pa.RecordBatch.from_pylist(rows, schema=schema)

    return run
