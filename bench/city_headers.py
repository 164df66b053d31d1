#!/usr/bin/env python3
"""Checks the document header on the 138 city work reports of ../shared/wild (issue 13).

    target/debug/zhengce extract ../shared/wild/city-reports-2024/txt --format jsonl --quiet \
        > /tmp/city.jsonl
    python3 bench/city_headers.py /tmp/city.jsonl [--show]

The file name is the city (`六安.txt`). A report passes when its issuer or its place names
that city; it fails when its title is a salutation or an addressee line. Only this script
looks at the file name; the tool never does.
"""
import json
import os
import re
import sys

SALUTATION = re.compile(r"^(各位|同志们|尊敬的)|[:：]\s*$")


def main():
    path = sys.argv[1]
    show = "--show" in sys.argv
    ok = bad_title = total = 0
    misses = []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        city = os.path.splitext(os.path.basename(d["source"]))[0]
        total += 1
        issuer, place, title = d.get("issuer") or "", d.get("place") or "", d.get("title") or ""
        hit = city in issuer or city in place
        ok += hit
        salutation = bool(title) and bool(SALUTATION.search(title.strip()))
        bad_title += salutation
        if not hit or salutation or show:
            misses.append(f"{'ok ' if hit else 'MISS'} {city}\tissuer={issuer!r} place={place!r} "
                          f"title={title[:30]!r} date={d.get('date')} period={d.get('period')}")
    for m in misses:
        print(m)
    print(f"issuer or place names the city: {ok}/{total}; salutation titles: {bad_title}")


if __name__ == "__main__":
    main()
