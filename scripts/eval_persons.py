#!/usr/bin/env python3
"""Score `find_persons` on People's Daily 1998 pages (or the seeds) with the shared scorer.

Usage: eval_persons.py [--pages DIR] [--gold FILE] [--out FILE] [--show]
Defaults point at ../shared/eval/pd1998 beside this checkout. Writes scorer-form JSON Lines
({"doc", "entity", "type": "Person"}, de-duplicated per doc) and prints the scorer's figures;
--show lists, per page, the gold names missed (-) and the names found that gold lacks (+).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from graphbuild.nlp.persons import find_persons  # noqa: E402

SHARED = REPO.parent / "shared"
PD1998 = SHARED / "eval" / "pd1998"
# Seed pages wrap lines mid-word; ingestion rejoins them. This is the crude stand-in for scoring.
_WRAP = re.compile(r"(?<=[\u4e00-\u9fff·，、])\n(?=[\u4e00-\u9fff·])")


def page_text(path: Path) -> str:
    """NFKC-normalised page text with wrapped CJK lines rejoined."""
    text = unicodedata.normalize("NFKC", path.read_text(encoding="utf-8"))
    return _WRAP.sub("", text)


def predict(pages: list[Path]) -> tuple[list[dict], int, float]:
    """Scorer-form rows, de-duplicated per doc; also total characters and seconds spent."""
    rows, chars, spent = [], 0, 0.0
    find_persons("市长王小明说")  # load the lexicons before the clock starts
    for path in pages:
        text = page_text(path)
        chars += len(text)
        started = time.perf_counter()
        names = dict.fromkeys(name for name, _, _ in find_persons(text))
        spent += time.perf_counter() - started
        rows += [{"doc": path.name, "entity": n, "type": "Person"} for n in names]
    return rows, chars, spent


def load_scorer(shared: Path = SHARED) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def evaluate(pages_dir: Path, gold: Path, out: Path, shared: Path = SHARED) -> dict:
    """Run find_persons over pages_dir/*.txt, write `out`, return the scorer's result."""
    rows, chars, spent = predict(sorted(pages_dir.glob("*.txt")))
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    result = load_scorer(shared).score(str(gold), str(out))
    result["speed"] = {"chars": chars, "seconds": round(spent, 3)}
    return result


def show_differences(gold: Path, rows: list[dict], scorer: ModuleType) -> None:
    """Per doc: gold names we missed (-) and names we invented (+); optional names ignored."""
    want: dict[str, set[str]] = {}
    optional: set[tuple[str, str]] = set()
    for g in scorer.load(str(gold)):
        if "entity" in g and g.get("optional"):
            optional.add((g["doc"], scorer.norm(g["entity"])))
        elif "entity" in g:
            want.setdefault(g["doc"], set()).add(scorer.norm(g["entity"]))
    got: dict[str, set[str]] = {}
    for r in rows:
        if (r["doc"], scorer.norm(r["entity"])) not in optional:
            got.setdefault(r["doc"], set()).add(scorer.norm(r["entity"]))
    for doc in sorted(want):
        missed, extra = want[doc] - got.get(doc, set()), got.get(doc, set()) - want[doc]
        if missed or extra:
            print(doc, "-", " ".join(sorted(missed)), "| +", " ".join(sorted(extra)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=PD1998 / "pages")
    ap.add_argument("--gold", type=Path, default=PD1998 / "persons.gold.jsonl")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "persons.pred.jsonl",
                    help="where to write the predictions (default: the system temp folder)")
    ap.add_argument("--show", action="store_true", help="list missed and invented names per doc")
    a = ap.parse_args()
    res = evaluate(a.pages, a.gold, a.out)
    if a.show:
        rows = [json.loads(line) for line in a.out.read_text(encoding="utf-8").splitlines()]
        show_differences(a.gold, rows, load_scorer())
    pe, sp = res["person_entities"], res["speed"]
    print(f"person entities  P={pe['precision']:.3f} R={pe['recall']:.3f} F1={pe['f1']:.3f}"
          f"   tp={pe['tp']} fp={pe['fp']} fn={pe['fn']}")
    rate = sp["chars"] / sp["seconds"] if sp["seconds"] else 0.0
    print(f"find_persons     {sp['chars']} chars in {sp['seconds']:.2f} s ({rate:,.0f} chars/s)")


if __name__ == "__main__":
    main()
