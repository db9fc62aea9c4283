#!/usr/bin/env python3
"""Write a scores CSV for a benchmark round: one row per assigned judge, entry and judged criterion.

Usage: make_scores.py --assignments FILE --manifest CORPUS/manifest.csv --rubrics Rubrics/2568 --out scores.csv
       [--seed S]

The assignments FILE is what the round's `psea assign` produced, in any of these shapes:
  - CSV with columns `judge` and `application` (one row per pair), or `application` and `judges` (ids separated
    by spaces, `;` or `|`);
  - JSON: a list of {"application": ID, "judges": [IDS]} or of {"judge": ID, "application": ID}, or an object
    holding such a list under "entries", "assignments" or "pairs".
Criteria come from the rubric of each entry's sub-type (Rubrics/<year>/<type>.yaml): every criterion whose mode is
`judged` or `hybrid`. Percents are on 5-point steps from 0 to 100: an entry quality, a judge's leniency and some
noise, so that rankings have spread and ties are rare. The same inputs and seed give the same file.
Columns: judge,application,criterion,percent,comment.
"""

import argparse
import csv
import glob
import json
import os
import random
import re
import sys

import yaml

COMMENTS = [
    "มีหลักฐานเชิงประจักษ์ชัดเจน", "ควรแสดงแนวโน้มผลลัพธ์ให้ครบทุกปี", "การมีส่วนร่วมครอบคลุมทุกกลุ่ม",
    "ยังไม่เห็นการเปรียบเทียบกับหน่วยงานอื่น", "กลไกความยั่งยืนชัดเจน", "ควรอธิบายผลที่เกิดจากข้อเสนอของประชาชน",
]


def judged_criteria(rubric_dir):
    """{type: [criterion id, ...]} of the criteria judges score, in file order."""
    criteria = {}
    for path in sorted(glob.glob(os.path.join(rubric_dir, "*.yaml")) + glob.glob(os.path.join(rubric_dir, "*.yml"))):
        with open(path, encoding="utf-8") as handle:
            rubric = yaml.safe_load(handle)
        if not isinstance(rubric, dict):
            continue
        key = rubric.get("type") or os.path.splitext(os.path.basename(path))[0]
        ids = []
        for dimension in rubric.get("dimensions") or []:
            for criterion in dimension.get("criteria") or []:
                if str(criterion.get("mode", "judged")) in ("judged", "hybrid"):
                    ids.append(str(criterion["id"]))
        criteria[key] = ids
    return criteria


def split_ids(text):
    return [part for part in re.split(r"[\s;|,]+", text.strip()) if part]


def read_pairs(path):
    """[(judge, application)] in the order the file gives them."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    pairs = []
    if text.lstrip().startswith(("[", "{")):
        data = json.loads(text)
        if isinstance(data, dict):
            for key in ("entries", "assignments", "pairs", "assignment"):
                if isinstance(data.get(key), list):
                    data = data[key]
                    break
        for item in data if isinstance(data, list) else []:
            if "judges" in item:
                judges = item["judges"]
                if isinstance(judges, str):
                    judges = split_ids(judges)
                for judge in judges:
                    pairs.append((str(judge if not isinstance(judge, dict) else judge.get("id")), str(item["application"])))
            elif "judge" in item:
                pairs.append((str(item["judge"]), str(item["application"])))
        return pairs
    rows = csv.DictReader(text.splitlines())
    fields = set(rows.fieldnames or [])
    if {"judge", "application"} <= fields:
        pairs = [(row["judge"].strip(), row["application"].strip()) for row in rows]
    elif {"judges", "application"} <= fields:
        for row in rows:
            pairs += [(judge, row["application"].strip()) for judge in split_ids(row["judges"])]
    else:
        raise SystemExit("make_scores: %s has neither judge,application nor application,judges columns" % path)
    return pairs


def read_types(manifest):
    with open(manifest, encoding="utf-8") as handle:
        return {row["id"]: row["type"] for row in csv.DictReader(handle)}


def step5(value):
    return max(0, min(100, int(round(value / 5.0)) * 5))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Write a scores CSV for a benchmark round.")
    parser.add_argument("--assignments", required=True)
    parser.add_argument("--manifest", required=True, help="manifest.csv written by generate_corpus.py")
    parser.add_argument("--rubrics", required=True, help="folder of the year's rubric YAML files")
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", default="1")
    args = parser.parse_args(argv)

    criteria = judged_criteria(args.rubrics)
    types = read_types(args.manifest)
    pairs = read_pairs(args.assignments)
    if not pairs:
        raise SystemExit("make_scores: no judge-entry pairs in %s" % args.assignments)
    rows = 0
    with open(args.out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["judge", "application", "criterion", "percent", "comment"])
        for judge, application in pairs:
            entry_type = types.get(application)
            if entry_type is None or entry_type not in criteria:
                raise SystemExit("make_scores: no type or rubric for application %s" % application)
            quality = random.Random("quality:%s:%s" % (args.seed, application)).gauss(62, 12)
            leniency = random.Random("judge:%s:%s" % (args.seed, judge)).gauss(0, 5)
            rng = random.Random("score:%s:%s:%s" % (args.seed, judge, application))
            for criterion in criteria[entry_type]:
                percent = step5(quality + leniency + rng.gauss(0, 8))
                comment = rng.choice(COMMENTS) if rng.random() < 0.2 else ""
                writer.writerow([judge, application, criterion, percent, comment])
                rows += 1
    print("make_scores: %d rows for %d judge-entry pairs" % (rows, len(pairs)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
