"""How well `analysis.pii` finds personal data, and how often it cries wolf.

Prints recall per kind on the labelled set tests/fixtures/pii_labelled.json (written by
bench/pii_set.py: real-looking values in each Polish way of writing them), the false-positive
rate on its hard negatives (dates, amounts, years, hours, identifiers that are not a PESEL),
and the share of texts flagged in the need descriptions of the demo generator and in the
Polish sets of ../shared/data/raw (8TAGS sentences, Pabulib project titles; read, never
copied). A "false positive" there is any text with a masked kind (names, only warned about,
are counted apart). Target: recall >= 0.99 per kind, false positives <= 1 %.

    .venv/bin/python bench/pii.py [--data DIR] [--show N]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

from analysis.pii import KINDS, PLACEHOLDERS, find_pii  # noqa: E402

LABELLED = ROOT / "tests" / "fixtures" / "pii_labelled.json"
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "raw"


def _covered(text: str, kind: str, value: str, matches) -> bool:
    start = text.index(value)
    return any(m.kind == kind and m.start <= start and m.end >= start + len(value) for m in matches)


def labelled(show: int) -> None:
    cases = json.loads(LABELLED.read_text(encoding="utf-8"))
    found, total, misses = Counter(), Counter(), []
    negatives = flagged = warned = 0
    for case in cases:
        matches = find_pii(case["text"])
        for kind, value in case["labels"]:
            total[kind] += 1
            if _covered(case["text"], kind, value, matches):
                found[kind] += 1
            else:
                misses.append((kind, case["text"]))
        if not case["labels"]:
            negatives += 1
            hits = [(m.kind, m.text) for m in matches]
            if any(m.kind in PLACEHOLDERS for m in matches):
                flagged += 1
                misses.append(("false positive", f"{case['text']}  ->  {hits}"))
            elif hits:
                warned += 1
                misses.append(("name warning", f"{case['text']}  ->  {hits}"))
    print(f"labelled set: {len(cases)} texts ({LABELLED.relative_to(ROOT)})")
    for kind in KINDS:
        if total[kind]:
            share = found[kind] / total[kind]
            print(f"  recall {kind:8s} {share:.3f}  ({found[kind]}/{total[kind]})")
    print(f"  false positives on hard negatives {flagged / negatives:.3f} ({flagged}/{negatives}), "
          f"name warnings only {warned / negatives:.3f} ({warned})")
    for what, text in misses[:show]:
        print(f"    {what}: {text}")


def flag_rate(name: str, texts: list[str], show: int) -> None:
    strong = names = 0
    examples = []
    for text in texts:
        kinds = {m.kind for m in find_pii(text)}
        if kinds & set(PLACEHOLDERS):
            strong += 1
            examples.append(text)
        elif "name" in kinds:
            names += 1
    n = len(texts) or 1
    print(f"{name}: {len(texts)} texts, flagged {strong / n:.4f} ({strong}), "
          f"name warnings only {names / n:.4f} ({names})")
    for text in examples[:show]:
        print(f"    {text[:160]}  ->  {[(m.kind, m.text) for m in find_pii(text)]}")


def demo_texts() -> list[str]:
    from researcher.demo.generator import generate_records

    texts = []
    for record in generate_records(3000, campaign_id=1, locality_ids=[1, 2, 3], seed=7):
        data = record["data"]
        for need in data.get("needs") or []:
            texts += [need.get("description"), need.get("service_type")]
        texts += [data.get(k) for k in ("community_gaps", "researcher_note")]
    return [t for t in texts if isinstance(t, str) and t]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show", type=int, default=5, help="examples of misses to print")
    args = parser.parse_args()
    labelled(args.show)
    flag_rate("demo generator need texts", demo_texts(), args.show)
    tags = args.data / "8tags"
    if tags.is_dir():
        texts = []
        for split in ("train", "dev", "test"):
            with open(tags / f"{split}.txt", encoding="utf-8") as handle:
                texts += [line.rstrip("\n").partition(" ")[2] for line in handle]
        flag_rate("8TAGS sentences", [t for t in texts if t], args.show)
    pabulib = args.data / "pabulib-pl" / "projects.csv"
    if pabulib.is_file():
        with open(pabulib, encoding="utf-8", newline="") as handle:
            titles = [row["name"] for row in csv.DictReader(handle)]
        flag_rate("Pabulib project titles", titles, args.show)
    if not tags.is_dir() and not pabulib.is_file():
        print(f"(no Polish sets at {args.data})")


if __name__ == "__main__":
    main()
