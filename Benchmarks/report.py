#!/usr/bin/env python3
"""Format the measurements of Benchmarks/run.sh as a Markdown report (stdout).

The measurements file has one tab-separated row per step:
section, step, size, wall seconds, peak RSS (KB), exit status, note.
A row with an empty time is a step that was not run; its note says why. Rows of section `meta` carry settings
(`compare.repeat`, `compare.commit`, `scale.judges`, `scale.per-entry`, `scale.rounds`, `scale.median-of`,
`scale.repeat`, `scale.commit`) in size or note.
"""

import argparse
import math
import csv
import importlib.metadata
import os
import platform
import statistics
import subprocess
import sys

# Ranker.tieListLimit: how many other entries a tie-break note names at most.
TIE_LIST_LIMIT = 10

STEP_ORDER = [
    "validate", "init", "ingest", "screen", "judges-import", "assign", "assignments", "scores-import", "rank",
    "export-csv", "export-json", "export-html", "round",
]
STEP_TITLES = {
    "validate": "`psea validate` (schema + rules, both formats)",
    "init": "`psea init` (new database)",
    "ingest": "`psea ingest --late` (files into the database; the corpus arrives after the 2568 window)",
    "screen": "`psea screen` (eligibility by the round file)",
    "judges-import": "`psea judges import`",
    "assign": "`psea assign --per-entry K --seed 1`",
    "assignments": "`psea assignments` (list the pairs)",
    "scores-import": "`psea scores import`",
    "rank": "`psea rank --format json`",
    "export-csv": "`psea export --format csv`",
    "export-json": "`psea export --format json`",
    "export-html": "`psea export --format html`",
    "round": "round commands",
}
VALIDATORS = {
    "psea": "`psea validate`: XSD or JSON Schema **and** the business rules, with located Thai/English messages",
    "xmllint": "`xmllint --noout --schema application-v2.xsd` (libxml2, XSD only)",
    "jsonschema-rs": "jsonschema-rs (Rust, Python driver: schema compiled once, `json.loads` + `is_valid` per file)",
    "check-jsonschema": "`check-jsonschema --schemafile application-v2.schema.json` (Python `jsonschema`)",
}


def first_line(command):
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    text = (done.stdout or done.stderr).strip().splitlines()
    return text[0].strip() if text else "unknown"


def package_version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_gib():
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    return "%.0f GiB" % (int(line.split()[1]) / 1024 / 1024)
    except OSError:
        pass
    return "unknown"


def read_rows(path):
    rows = []
    with open(path, encoding="utf-8") as handle:
        for fields in csv.reader(handle, delimiter="\t"):
            if not fields:
                continue
            fields += [""] * (7 - len(fields))
            section, step, size, secs, rss, rc, note = fields[:7]
            rows.append({
                "section": section, "step": step, "size": int(size),
                "secs": float(secs) if secs else None, "rss": int(rss) if rss else None,
                "rc": int(rc) if rc else None, "note": note,
            })
    return rows


def invalid_of(row):
    note = row["note"]
    if note.startswith("invalid="):
        value = note[len("invalid="):]
        return int(value) if value.isdigit() else None
    return None


def bytes_of(row):
    """The `bytes=N` part of a row's note (size of what the step wrote), or None."""
    for part in row["note"].split():
        if part.startswith("bytes=") and part[len("bytes="):].isdigit():
            return int(part[len("bytes="):])
    return None


def fmt_secs(secs):
    if secs is None:
        return "—"
    return "%.2f" % secs if secs < 100 else "%.0f" % secs


def fmt_rate(files, secs):
    if not secs:
        return "—"
    return "{:,.0f}".format(files / secs)


def fmt_mb(kb):
    return "—" if kb is None else "{:,.0f}".format(kb / 1024)


def status(row):
    """Exit status as shown: empty when 0."""
    if row["rc"] in (None, 0):
        return ""
    return " (exit %d)" % row["rc"]


def validation_section(rows, meta, out):
    xml_files = next((row["size"] for row in rows if row["section"] == "validate-xml"), 0)
    json_files = next((row["size"] for row in rows if row["section"] == "validate-json"), 0)
    if not xml_files and not json_files:
        return
    out.append("## 1. Validation: psea against libxml2 and JSON Schema validators\n")
    out.append(
        "Same files for every tool: the first %s files of the corpus, %s XML and %s JSON, all valid. Wall time of "
        "the whole process (start-up, schema loading, reading and checking every file), best of %s run(s), "
        "the tools taking turns round after round (check-jsonschema: one run); peak RSS from GNU time; psea at commit %s. psea does more work than any "
        "other tool here: the others check structure only, psea also runs every business rule of the award year "
        "and locates each finding.\n"
        % ("{:,}".format(xml_files + json_files), "{:,}".format(xml_files), "{:,}".format(json_files),
           meta.get("compare.repeat", "?"), meta.get("compare.commit", "?")))
    out.append(
        "psea ÷ tool is the median, over the rounds, of psea's time ÷ the tool's time in the same round: a paired "
        "comparison, so that a moment when the shared machine is slower for one tool than for the other does not "
        "decide it (the ratio of the two best times is given beside it). Below 1: psea is faster.\n")
    out.append("| files | tool | wall s | files/s | peak RSS MB | invalid files | psea ÷ tool | best ÷ best | psea no slower? |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---|")
    verdicts = []
    for section, label in (("validate-xml", "XML"), ("validate-json", "JSON")):
        group = [row for row in rows if row["section"] == section]
        psea = next((row for row in group if row["step"] == "psea"), None)
        rounds = [row for row in rows if row["section"] == "round." + section]
        psea_rounds = [row["secs"] for row in rounds if row["step"] == "psea"]
        for row in group:
            ratio = best = verdict = ""
            if row["step"] != "psea" and psea and psea["secs"] is not None and row["secs"]:
                best = "%.2f" % (psea["secs"] / row["secs"])
                tool_rounds = [r["secs"] for r in rounds if r["step"] == row["step"]]
                pairs = [a / b for a, b in zip(psea_rounds, tool_rounds) if a is not None and b]
                value = statistics.median(pairs) if pairs and len(tool_rounds) == len(psea_rounds) else psea["secs"] / row["secs"]
                ratio = "%.2f" % value
                verdict = "yes" if value <= 1 else "no"
                verdicts.append((label, row["step"], verdict, value))
            invalid = invalid_of(row)
            out.append("| %s %s | %s | %s%s | %s | %s | %s | %s | %s | %s |" % (
                "{:,}".format(row["size"]), label, row["step"], fmt_secs(row["secs"]), status(row),
                fmt_rate(row["size"], row["secs"]), fmt_mb(row["rss"]), "—" if invalid is None else invalid,
                ratio, best, verdict))
    out.append("")
    for step, text in VALIDATORS.items():
        out.append("- %s: %s" % (step, text))
    out.append("")
    if verdicts:
        slower = [v for v in verdicts if v[2] == "no"]
        if slower:
            out.append("**psea is slower than: %s.**\n" % ", ".join(
                "%s on %s (%.2f×)" % (tool, label, value) for label, tool, _, value in slower))
        else:
            out.append("**psea is no slower than any of them.**\n")


def paired_ratio(rows, section, step, tool):
    """The median over the rounds of `step`'s time ÷ `tool`'s time in the same round (None without rounds)."""
    rounds = [row for row in rows if row["section"] == "round." + section]
    mine = [row["secs"] for row in rounds if row["step"] == step]
    theirs = [row["secs"] for row in rounds if row["step"] == tool]
    pairs = [a / b for a, b in zip(mine, theirs) if a is not None and b]
    return statistics.median(pairs) if pairs and len(mine) == len(theirs) else None


def startup_section(rows, meta, out):
    startup = {row["step"]: row for row in rows if row["section"] == "startup"}
    if not startup:
        return
    out.append("## Start-up: one small file\n")
    out.append(
        "What an applicant checking one application waits for, and a judge's browser asking for one check: the "
        "whole process on one file of the small corpus (warm cache), the median of %s runs, the tools taking "
        "turns; psea at commit %s. `psea --version` is the floor every psea command pays (process start, Swift "
        "runtime, argument parsing).\n" % (meta.get("startup.runs", "?"), meta.get("startup.commit", "?")))
    out.append("| command | file bytes | median ms | exit |")
    out.append("|---|---:|---:|---:|")
    titles = {
        "psea-xml": "`psea validate FILE.xml`", "psea-json": "`psea validate FILE.json`",
        "xmllint": "`xmllint --noout --schema application-v2.xsd FILE.xml`", "psea-version": "`psea --version`",
    }
    for step in ("psea-xml", "psea-json", "xmllint", "psea-version"):
        row = startup.get(step)
        if row is None:
            continue
        size = bytes_of(row)
        out.append("| %s | %s | %s | %s |" % (
            titles[step], "—" if size is None or step == "psea-version" else "{:,}".format(size),
            "—" if row["secs"] is None else "%.1f" % (row["secs"] * 1000), row["rc"]))
    out.append("")
    psea_xml = startup.get("psea-xml")
    if psea_xml and psea_xml["secs"] is not None:
        verdict = "within" if psea_xml["secs"] <= 0.015 else "**above**"
        out.append("`psea validate` of one small file: %.1f ms, %s the 15 ms goal.\n" % (psea_xml["secs"] * 1000, verdict))


def small_section(rows, meta, out):
    groups = [(section, label, tool) for section, label, tool in
              (("small-xml", "XML", "xmllint"), ("small-json", "JSON", "jsonschema-rs"))
              if any(row["section"] == section for row in rows)]
    if not groups:
        return
    out.append("## Small files: the comparison on ~11 KB applications\n")
    out.append(
        "The same tools on a corpus of small applications (`generate_corpus.py --bytes 10000-13000`, 10,000-13,000 "
        "bytes each, all valid), where start-up and the cost of each file weigh most. psea is given the files two "
        "ways: named one by one on its command line (as a shell's glob or `xargs` passes them) and as their "
        "folder. Best wall time of %s rounds, the tools taking turns; psea ÷ tool is the median of the per-round "
        "ratios; psea at commit %s.\n" % (meta.get("small.repeat", "?"), meta.get("small.commit", "?")))
    out.append("| files | tool | wall s | files/s | peak RSS MB | invalid files | ÷ %s | ÷ psea folder |" % "tool")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|")
    verdicts = []
    for section, label, tool in groups:
        for row in (row for row in rows if row["section"] == section):
            vs_tool = vs_folder = ""
            if row["step"].startswith("psea"):
                value = paired_ratio(rows, section, row["step"], tool)
                if value is not None:
                    vs_tool = "%.2f" % value
                    verdicts.append((label, row["step"], tool, value))
                if row["step"] == "psea-files":
                    folder = paired_ratio(rows, section, "psea-files", "psea-folder")
                    vs_folder = "" if folder is None else "%.2f" % folder
            invalid = invalid_of(row)
            out.append("| %s %s | %s | %s%s | %s | %s | %s | %s | %s |" % (
                "{:,}".format(row["size"]), label, row["step"].replace("psea-files", "psea, files named")
                .replace("psea-folder", "psea, folder"), "—" if row["secs"] is None else "%.3f" % row["secs"],
                status(row), fmt_rate(row["size"], row["secs"]), fmt_mb(row["rss"]),
                "—" if invalid is None else invalid, vs_tool, vs_folder))
    out.append("")
    if verdicts:
        out.append("Goal: psea ÷ tool ≤ 0.80 both ways. " + "; ".join(
            "%s %s ÷ %s %.2f%s" % (label, step.replace("psea-", "psea "), tool, value, "" if value <= 0.80 else " (above)")
            for label, step, tool, value in verdicts) + ".\n")


def scaling_section(rows, meta, out):
    scale = [row for row in rows if row["section"] == "scale"]
    if not scale:
        return
    sizes = sorted({row["size"] for row in scale})
    by_key = {(row["step"], row["size"]): row for row in scale}
    steps = [step for step in STEP_ORDER if any((step, size) in by_key for size in sizes)]
    out.append("## 2. Scale: seconds per step at each corpus size\n")
    out.append(
        "Each size is the first N files of one corpus (half XML, half JSON, all four sub-types), ingested into a "
        "new SQLite database. The round has %s judges and %s judges per entry; scores cover every judged and "
        "hybrid criterion of each entry's rubric, in 5-point steps. %s; psea at commit %s.\n"
        % (meta.get("scale.judges", "?"), meta.get("scale.per-entry", "?"),
           ("Steps that change nothing (validate, assignments, rank, exports) are the median of %s round(s), each "
            "round running them once at every size in turn, after every size was built; every other cell is one run"
            % meta["scale.rounds"]) if "scale.rounds" in meta else
           ("Steps that change nothing (validate, assignments, rank, exports) are the median of %s run(s) at every "
            "size; every other cell is one run" % meta["scale.median-of"]) if "scale.median-of" in meta else
           ("Steps that change nothing (validate, assignments, rank, exports) are the best of %s runs at sizes up to "
            "10,000 and one run above, which favours the smaller sizes (growth and k are upper bounds); every other "
            "cell is one run" % meta["scale.repeat"]) if "scale.repeat" in meta else "One run per cell",
           meta.get("scale.commit", "?")))
    head = "| step | " + " | ".join("{:,}".format(size) for size in sizes) + " |"
    out.append(head)
    out.append("|---|" + "---:|" * len(sizes))
    for step in steps:
        cells = []
        for size in sizes:
            row = by_key.get((step, size))
            if row is None:
                cells.append("")
            elif row["secs"] is None:
                cells.append(row["note"] or "—")
            else:
                cells.append(fmt_secs(row["secs"]) + status(row))
        out.append("| %s | %s |" % (STEP_TITLES.get(step, step), " | ".join(cells)))
    out.append("")

    out.append("### Cost per entry (milliseconds) and growth\n")
    out.append("Growth = cost per entry at the largest size ÷ at the smallest: 1.0 means the step grows linearly "
               "with the number of entries, above 1 means worse than linear. Exponent k = the slope of log time "
               "against log size between the two largest sizes (time ∝ size^k): 1 is linear, 2 quadratic. At the "
               "smallest size start-up (rubrics, database) is a visible share of each step, which lowers the growth, "
               "and the round's data still fits in the processor's caches, which raises it; between the two largest "
               "sizes neither matters, so k is the better measure of how a step scales. Differences of a few percent "
               "are noise.\n")
    out.append("| step | " + " | ".join("{:,}".format(size) for size in sizes) + " | growth | exponent k |")
    out.append("|---|" + "---:|" * (len(sizes) + 2))
    for step in steps:
        costs = []
        for size in sizes:
            row = by_key.get((step, size))
            costs.append(row["secs"] * 1000.0 / size if row and row["secs"] is not None else None)
        measured = [(size, cost) for size, cost in zip(sizes, costs) if cost is not None]
        growth = exponent = ""
        if len(measured) >= 2 and measured[0][1] > 0:
            growth = "%.2f" % (measured[-1][1] / measured[0][1])
            (n1, c1), (n2, c2) = measured[-2], measured[-1]
            if c1 > 0 and c2 > 0:
                exponent = "%.2f" % (math.log(c2 * n2 / (c1 * n1)) / math.log(n2 / n1))
        out.append("| %s | %s | %s | %s |" % (
            STEP_TITLES.get(step, step), " | ".join("—" if c is None else "%.3f" % c for c in costs), growth, exponent))
    out.append("")

    output_rows = {key: bytes_of(row) for key, row in by_key.items() if bytes_of(row) is not None}
    output_steps = [step for step in steps if any((step, size) in output_rows for size in sizes)]
    if output_steps:
        out.append("### Output per entry (bytes written ÷ entries)\n")
        out.append("Rank and export write a tie-break note for every tied entry, naming the tie's size and the "
                   "entries placed nearest, at most %s of them. The larger the round, the larger its ties (scores "
                   "fall on a grid), so the output per entry grows with the round until most notes name the maximum, "
                   "and the work of writing it grows with it. Growth here, beside the growth of the cost per entry "
                   "above, tells how much of that is output.\n" % TIE_LIST_LIMIT)
        out.append("| step | " + " | ".join("{:,}".format(size) for size in sizes) + " | growth |")
        out.append("|---|" + "---:|" * (len(sizes) + 1))
        for step in output_steps:
            per = [output_rows[(step, size)] / size if (step, size) in output_rows else None for size in sizes]
            known = [value for value in per if value]
            growth = "%.2f" % (known[-1] / known[0]) if len(known) >= 2 else ""
            out.append("| %s | %s | %s |" % (
                STEP_TITLES.get(step, step), " | ".join("—" if v is None else "{:,.0f}".format(v) for v in per), growth))
        out.append("")

    out.append("### Peak memory (MB, GNU time's maximum resident set size)\n")
    out.append("| step | " + " | ".join("{:,}".format(size) for size in sizes) + " |")
    out.append("|---|" + "---:|" * len(sizes))
    for step in steps:
        cells = [fmt_mb(by_key[(step, size)]["rss"]) if (step, size) in by_key else "" for size in sizes]
        if any(cell not in ("", "—") for cell in cells):
            out.append("| %s | %s |" % (STEP_TITLES.get(step, step), " | ".join(cells)))
    out.append("")

    ingest = [by_key[("ingest", size)] for size in sizes if ("ingest", size) in by_key and by_key[("ingest", size)]["secs"] is not None]
    if ingest:
        out.append("### Ingest throughput and memory\n")
        out.append("| files | wall s | files/s | peak RSS MB | exit |")
        out.append("|---:|---:|---:|---:|---:|")
        for row in ingest:
            out.append("| %s | %s | %s | %s | %d |" % (
                "{:,}".format(row["size"]), fmt_secs(row["secs"]), fmt_rate(row["size"], row["secs"]),
                fmt_mb(row["rss"]), row["rc"]))
        out.append("")
    rows_of = [(row["size"], row["note"][len("rows="):]) for row in scale
               if row["step"] == "scores-import" and row["note"].startswith("rows=")]
    if rows_of:
        out.append("Score rows imported at each size: %s.\n" % ", ".join(
            "%s: %s" % ("{:,}".format(size), "{:,}".format(int(count)) if count.isdigit() else count)
            for size, count in rows_of))
    invalid = [(row["size"], invalid_of(row)) for row in scale if row["step"] == "validate"]
    if invalid:
        out.append("Invalid files reported by `psea validate` at each size (must be 0): %s.\n" % ", ".join(
            "%s: %s" % ("{:,}".format(size), "?" if count is None else count) for size, count in invalid))
    notes = sorted({row["note"] for row in scale if row["secs"] is None and row["note"]})
    for note in notes:
        out.append("- Not run: %s." % note)
    if notes:
        out.append("")


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--measurements", required=True)
    parser.add_argument("--psea", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--seed", required=True)
    parser.add_argument("--quick", type=int, default=0)
    args = parser.parse_args(argv)
    rows = read_rows(args.measurements)
    meta = {row["step"]: (row["note"] or str(row["size"])) for row in rows if row["section"] == "meta"}
    rows = [row for row in rows if row["section"] != "meta"]

    commit = first_line(["git", "-C", args.root, "rev-parse", "--short", "HEAD"])
    out = []
    out.append("# psea benchmarks%s\n" % (" (quick run: sizes too small to compare)" if args.quick else ""))
    out.append("| | |")
    out.append("|---|---|")
    out.append("| date (UTC) | %s |" % first_line(["date", "-u", "+%F %R"]))
    out.append("| machine | %s, %s cores, %s |" % (cpu_model(), os.cpu_count(), memory_gib()))
    out.append("| system | %s |" % first_line(["uname", "-sr"]))
    out.append("| psea | `%s` (run.sh builds it with `swift build -c release --static-swift-stdlib`), commit %s, %s |"
               % (args.psea, commit, first_line(["swift", "--version"])))
    out.append("| xmllint | %s |" % first_line(["xmllint", "--version"]))
    out.append("| jsonschema-rs | %s (Python %s) |" % (package_version("jsonschema-rs"), platform.python_version()))
    out.append("| check-jsonschema | %s |" % package_version("check-jsonschema"))
    out.append("| corpus | `Benchmarks/generate_corpus.py`, seed %s, files of 5–40 KB in format 2 (with answers; format 1 before 2026-12-07) |" % args.seed)
    out.append("")
    startup_section(rows, meta, out)
    validation_section(rows, meta, out)
    small_section(rows, meta, out)
    scaling_section(rows, meta, out)
    out.append("Reproduce: `Benchmarks/run.sh` (see Benchmarks/README.md).")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
