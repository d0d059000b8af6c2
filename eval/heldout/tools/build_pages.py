#!/usr/bin/env python3
"""Render the hand-written held-out articles (tools/src/*.src) into newspaper-page text
with the layout artefacts of the development pages (narrow columns broken mid-word,
column breaks, occasional letter-spaced lines).  Deterministic (seeded per page).

Markup of a .src file (one item per line):
  @W n      wrap following body paragraphs at about n characters (0 = no wrap)
  @H text   headline / kicker / banner line, printed as is
  @C text   caption or raw line, printed as is
  @B        an extra empty line
  @S text   a body paragraph in which one line is letter-spaced
  text      a body paragraph (wrapped at the current width)
"""
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NO_START = set("，。、；：？！）”’》,.;:?!)%％")


def spaced(line):
    return " ".join(line)


def render(src, seed):
    rng = random.Random(seed)
    out, width = [], 0
    for raw in src.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        if raw.startswith("@W"):
            width = int(raw[2:].strip())
            continue
        if raw.startswith("@H ") or raw.startswith("@C "):
            out += [raw[3:], ""]
            continue
        if raw.startswith("@B"):
            out.append("")
            continue
        force_space = raw.startswith("@S ")
        text = raw[3:] if force_space else raw
        if not width:
            out += [text, ""]
            continue
        lines, i = [], 0
        while i < len(text):
            w = width + rng.choice((0, 0, 0, 1, -1))
            while i + w < len(text) and text[i + w] in NO_START:
                w += 1                  # no line starts with closing punctuation
            lines.append(text[i:i + w])
            i += w
        if force_space and len(lines) > 2:
            k = rng.randrange(1, len(lines) - 1)
            lines[k] = spaced(lines[k])
        for j, ln in enumerate(lines):
            out.append(ln)
            if 0 < j < len(lines) - 1 and rng.random() < 0.08:
                out.append("")          # column break inside a paragraph
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def main():
    dest = HERE.parent / "pages"
    dest.mkdir(exist_ok=True)
    for n, src in enumerate(sorted((HERE / "src").glob("*.src"))):
        page = dest / (src.stem + ".txt")
        page.write_text(render(src, 1000 + n), encoding="utf-8")
        print(page.name, len(page.read_text(encoding="utf-8")))


if __name__ == "__main__":
    sys.exit(main())
