#!/usr/bin/env python3
"""Attribution accuracy on a small labelled set of news-style sentences (bench/news_attributions.tsv).

One `reportgen analyze --format json` run over a temporary file, one row per paragraph. A
predicted attribution matches an expected one when the label (named/anonymous) agrees and the
expected words appear in the finding's source phrase or resolved name. Prints precision, recall
and F1 per label, for all rows and for each "# section:" of the file.

    python bench/eval_news.py [--errors]
"""

from __future__ import annotations

import argparse
import bisect
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = ("named", "anonymous")


def read_rows(path: Path) -> list[tuple[str, list[tuple[str, str]], str]]:
    """(text, [(label, words), ...], section) for each non-comment line."""
    rows = []
    section = "first rows"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# section:"):
            section = line.partition(":")[2].strip()
        if not line.strip() or line.startswith("#"):
            continue
        text, _, expected = line.partition("\t")
        wanted = [tuple(item.split(":", 1)) for item in expected.split("|") if item != "none"]
        rows.append((text, wanted, section))
    return rows


def predictions(texts: list[str]) -> list[list[dict]]:
    """The attribution findings of each text, from one CLI run."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "news.txt"
        path.write_text("\n\n".join(texts) + "\n", encoding="utf-8")
        command = [sys.executable, "-m", "reportgen", "analyze", "--format", "json", str(path)]
        article = json.loads(subprocess.run(command, capture_output=True, text=True, check=True, cwd=folder).stdout)["articles"][0]
    starts = [p[0] for p in article["paragraphs"]]
    found: list[list[dict]] = [[] for _ in texts]
    for finding in article["findings"]:
        if finding["category"] == "attribution":
            found[bisect.bisect_right(starts, finding["start"]) - 1].append(finding)
    return found


def compare(expected: list[tuple[str, str]], predicted: list[dict]) -> tuple[list, list, list]:
    """(matched, missed, spurious) for one row, matching greedily one to one."""
    left = list(predicted)
    matched, missed = [], []
    for label, words in expected:
        hit = next((f for f in left if f["source"] == label and _mentions(f, words)), None)
        if hit is None:
            missed.append((label, words))
        else:
            matched.append((label, words))
            left.remove(hit)
    return matched, missed, left


def _mentions(finding: dict, words: str) -> bool:
    return any(words.lower() in (finding.get(key) or "").lower() for key in ("text", "source_name"))


def tally(rows: list, found: list[list[dict]]) -> tuple[dict[str, dict[str, int]], list[str]]:
    """Per-label TP/FP/FN counts over the rows, and a line per miss or spurious finding."""
    counts = {label: {"tp": 0, "fp": 0, "fn": 0} for label in LABELS}
    errors = []
    for (text, expected, _), predicted in zip(rows, found):
        matched, missed, spurious = compare(expected, predicted)
        for label, _ in matched:
            counts[label]["tp"] += 1
        for label, words in missed:
            counts[label]["fn"] += 1
            errors.append(f"missed {label}:{words}  in: {text}")
        for finding in spurious:
            counts[finding["source"]]["fp"] += 1
            errors.append(f"spurious {finding['source']}:{finding['text']} ({finding['rule']})  in: {text}")
    return counts, errors


def print_scores(counts: dict[str, dict[str, int]]) -> None:
    """Precision, recall and F1 for each label."""
    for label in LABELS:
        c = counts[label]
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {label:9}  precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  (TP {c['tp']} FP {c['fp']} FN {c['fn']})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=HERE / "news_attributions.tsv")
    parser.add_argument("--errors", action="store_true", help="print every miss and every spurious attribution")
    args = parser.parse_args()
    rows = read_rows(args.data)
    found = predictions([text for text, _, _ in rows])
    counts, errors = tally(rows, found)
    print(f"news attribution set: {len(rows)} rows, {sum(len(e) for _, e, _ in rows)} expected attributions")
    print_scores(counts)
    sections = sorted({s for _, _, s in rows}, key=[s for _, _, s in rows].index)
    for section in sections if len(sections) > 1 else ():
        picked = [(row, f) for row, f in zip(rows, found) if row[2] == section]
        print(f"{section}: {len(picked)} rows")
        print_scores(tally([r for r, _ in picked], [f for _, f in picked])[0])
    if args.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
