#!/usr/bin/env python3
"""Score reportgen as an uncertainty detector on the CoNLL-2010 Wikipedia development set.

A sentence counts as flagged ("uncertain") when a hedge, a generalization or an anonymous
attribution overlaps it. One `reportgen analyze --format json` run over a temporary file with
one sentence per paragraph; prints precision, recall, F1, accuracy and Matthews correlation.

    python bench/eval_conll.py [PATH.tsv] [--errors N] [--half even|odd] [--cues N]

`--half even` / `--half odd` scores only the rows with an even / odd (0-based) line number, so
that a change can be checked on both halves of the development set separately. `--cues N`
prints the N cues (rule and lowercased matched words) that flag the most sentences, with how
many of those are uncertain and certain, and how many would lose their flag without the cue.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO.parent / "shared" / "eval" / "conll2010_wiki_dev.tsv"


def read_rows(path: Path) -> list[tuple[bool, str]]:
    """(is uncertain, sentence) for each line of the data set."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        label, _, sentence = line.partition("\t")
        rows.append((label == "uncertain", " ".join(sentence.split())))
    return rows


def analyze(sentences: list[str]) -> dict:
    """The JSON analysis of the sentences, one per paragraph."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "conll.txt"
        path.write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
        command = [sys.executable, "-m", "reportgen", "analyze", "--format", "json", str(path)]
        result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=folder)
    return json.loads(result.stdout)["articles"][0]


def flagged(article: dict) -> list[list[dict]]:
    """For each paragraph, the findings that make it uncertain."""
    cues: list[list[dict]] = [[] for _ in article["paragraphs"]]
    starts = [p[0] for p in article["paragraphs"]]
    for finding in article["findings"]:
        if finding["category"] == "attribution" and finding["source"] != "anonymous":
            continue
        i = bisect.bisect_right(starts, finding["start"]) - 1
        cues[i].append(finding)
    return cues


def scores(gold: list[bool], predicted: list[bool]) -> dict[str, float]:
    """Precision, recall, F1, accuracy and MCC for the positive class, with the counts."""
    tp = sum(g and p for g, p in zip(gold, predicted))
    fp = sum(not g and p for g, p in zip(gold, predicted))
    fn = sum(g and not p for g, p in zip(gold, predicted))
    tn = sum(not g and not p for g, p in zip(gold, predicted))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    denominator = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    mcc = (tp * tn - fp * fn) / denominator if denominator else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "accuracy": (tp + tn) / len(gold),
            "mcc": mcc, "tp": tp, "fp": fp, "fn": fn, "tn": tn}


def cue_key(finding: dict) -> str:
    """A cue as rule and lowercased matched words: "H101 may"."""
    return f"{finding['rule']} {' '.join(finding['text'].lower().split())}"


def print_cues(gold: list[bool], cues: list[list[dict]], n: int) -> None:
    """The cues flagging the most sentences: uncertain / certain, and only-cue counts."""
    table: dict[str, list[int]] = {}
    for label, found in zip(gold, cues):
        keys = {cue_key(f) for f in found}
        for key in keys:
            counts = table.setdefault(key, [0, 0, 0, 0])
            counts[0 if label else 1] += 1
            if len(keys) == 1:
                counts[2 if label else 3] += 1
    print("\ncue: uncertain / certain sentences (sole cue: uncertain / certain)")
    for key, (u, c, su, sc) in sorted(table.items(), key=lambda kv: -(kv[1][0] + kv[1][1]))[:n]:
        print(f"  {key}: {u} / {c} ({su} / {sc})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--errors", type=int, default=0, help="print up to N false positives and negatives")
    parser.add_argument("--half", choices=("even", "odd"), help="score only the even or odd rows (0-based)")
    parser.add_argument("--cues", type=int, default=0, help="print the N cues that flag the most sentences")
    args = parser.parse_args()
    rows = read_rows(args.data)
    article = analyze([sentence for _, sentence in rows])
    if len(article["paragraphs"]) != len(rows):
        raise SystemExit(f"expected {len(rows)} paragraphs, got {len(article['paragraphs'])}")
    cues = flagged(article)
    if args.half:
        keep = 0 if args.half == "even" else 1
        rows = [row for i, row in enumerate(rows) if i % 2 == keep]
        cues = [cue for i, cue in enumerate(cues) if i % 2 == keep]
    gold = [label for label, _ in rows]
    result = scores(gold, [bool(c) for c in cues])
    part = f", {args.half} rows" if args.half else ""
    print(f"CoNLL-2010 Wikipedia dev{part}: {len(rows)} sentences, {sum(gold)} uncertain")
    print("precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  accuracy {accuracy:.3f}  MCC {mcc:.3f}".format(**result))
    print("TP {tp}  FP {fp}  FN {fn}  TN {tn}".format(**result))
    if args.cues:
        print_cues(gold, cues, args.cues)
    if args.errors:
        fps = [(s, c) for (g, s), c in zip(rows, cues) if c and not g][: args.errors]
        fns = [s for (g, s), c in zip(rows, cues) if g and not c][: args.errors]
        print("\nfalse positives:")
        for sentence, found in fps:
            print(f"  [{', '.join(f['rule'] + ' ' + f['text'] for f in found)}] {sentence}")
        print("\nfalse negatives:")
        for sentence in fns:
            print(f"  {sentence}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
