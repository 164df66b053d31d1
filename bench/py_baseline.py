"""A typical Python jieba + regex extraction script, the baseline bench/run.sh compares
zhengce with (PY=1). Cuts every line with jieba.lcut and pulls numbers with units and
responsible units with regular expressions; prints `mb_s=...` for the cut+regex part."""
import json
import re
import sys
import time

import jieba

NUM = re.compile(r"(\d+(?:\.\d+)?)(万|亿)?(%|％|元|个|家|项|名|人|户|套|亩|平方米|吨|公里)")
UNIT = re.compile(r"(责任单位|牵头单位|配合单位)[:：]\s*([^）)。；;\n]+)")

text = open(sys.argv[1], encoding="utf-8").read()
jieba.initialize()
t = time.time()
out = []
for line in text.splitlines():
    words = jieba.lcut(line)
    nums = [m.group(0) for m in NUM.finditer(line)]
    units = [u for m in UNIT.finditer(line) for u in re.split(r"[、，,]", m.group(2))]
    if nums or units:
        out.append(json.dumps({"words": len(words), "numbers": nums, "units": units}, ensure_ascii=False))
dt = time.time() - t
print(f"py_baseline: bytes={len(text.encode())} records={len(out)} s={dt:.2f} mb_s={len(text.encode()) / 1e6 / dt:.3f}")
