"""zhengce on Spark, both routes, on a directory of documents.

    python python/examples/spark_targets.py corpus /tmp/targets.parquet target/release/zhengce

1. The binding: `binaryFile` -> `mapInArrow(zhengce.spark.from_binary("targets"))` -> one
   row per target with a declared schema -> Parquet.
2. The command line: `RDD.pipe` through `zhengce extract --input jsonl`, one JSON request
   a line, with the binary's absolute path (pipe() runs it with an empty environment).

Runs in local mode here (`local[2]`); on a cluster, install the wheel on the executors
and ship the binary with `spark.sparkContext.addFile` (see docs/spark.md).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from pyspark.sql import SparkSession

from zhengce.spark import from_binary, spark_schema


def session(master: str = "local[2]") -> SparkSession:
    # Workers run the same interpreter as the driver, so they import the same zhengce.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return (
        SparkSession.builder.master(master)
        .appName("zhengce")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )


def targets_to_parquet(spark: SparkSession, docs: str, out: str) -> int:
    """Route 1: every target of every document under `docs` as a Parquet row."""
    files = (
        spark.read.format("binaryFile")
        .option("pathGlobFilter", "*.{txt,html,htm,pdf,docx}")
        .option("recursiveFileLookup", "true")
        .load(docs)
    )
    targets = files.select("path", "content").mapInArrow(from_binary("targets"), spark_schema("targets"))
    targets.write.mode("overwrite").parquet(out)
    return spark.read.parquet(out).count()


def pipe_through_cli(spark: SparkSession, paths: list[str], binary: str) -> list[dict]:
    """Route 2: one request a line through the CLI; records come back with their ids."""
    binary = str(Path(binary).resolve())  # pipe() runs with env={}: no PATH to search
    lines = [json.dumps({"id": i, "path": str(Path(p).resolve())}) for i, p in enumerate(paths)]
    command = f"{binary} extract --input jsonl --jobs 1 --quiet"
    return spark.sparkContext.parallelize(lines, 2).pipe(command, checkCode=True).map(json.loads).collect()


def main(docs: str, out: str, binary: str) -> None:
    spark = session()
    try:
        rows = targets_to_parquet(spark, docs, out)
        df = spark.read.parquet(out)
        print(f"binaryFile -> mapInArrow -> {out}: {rows} target rows")
        df.printSchema()
        (
            df.groupBy("status", "measure").count().orderBy("status", "measure").show()
        )
        df.where("canonical = 'gdp'").select("doc_id", "value", "unit", "measure", "year", "text").show(
            5, truncate=40
        )
        paths = sorted(str(p) for p in Path(docs).rglob("*") if p.suffix in {".txt", ".docx"} and "gold" not in p.parts)
        records = pipe_through_cli(spark, paths, binary)
        targets = sum(len(r.get("targets", [])) for r in records)
        errors = sum("error" in r for r in records)
        print(f"RDD.pipe -> zhengce extract --input jsonl: {len(records)} records, {targets} targets, {errors} errors")
    finally:
        spark.stop()


if __name__ == "__main__":
    main(*sys.argv[1:4])
