#!/usr/bin/env python3
"""Throughput benchmark: graphbuild against bare `jieba.lcut` on a synthetic corpus.

    .venv/bin/python scripts/bench.py [--pages PATH ...] [--size N] [--workers N] [--out DIR]

1. Generates N synthetic pages from the given pages (default examples/seeds): each page takes the
   article units of a source page, shuffles them, swaps about a third for units of other pages, gives
   every person name a generated one (surname + given-name characters) and perturbs amounts, so no
   two pages are identical and the number of distinct people grows with the corpus.
2. Measures, each in a fresh child process (so peak memory is that measurement's own):
   (a) `jieba.lcut` over the same text, dictionary loaded before timing (the baseline);
   (b) `graphbuild.pipeline.build` with every writer (or --writers), with 1 and with N workers,
       after a warm-up build of two source pages that loads lexicons and dictionaries, and checks
       that both give the same graph.json;
   (c) three more builds — half as many pages with the same name pool, half and all the pages
       with 40 names — so peak memory can be read against pages and against entities (--no-half
       skips them);
   (d) `build --append` of one page to the full build (what adding a day's pages costs), and loading
       the build's graph.nq into the SPARQL store (what the first query after a build costs);
   (e) ingestion alone, ingestion + extraction in one process, and a build with only the facts
       writer: where the time goes (--no-breakdown skips them).
   Stages not implemented yet are reported as skipped.
3. Prints wall-clock and CPU characters/second, the ratio (b)/(a), the speed-up with N workers,
   facts/second and peak memory (the process tree's summed PSS, sampled from /proc, so pages
   forked processes share count once; getrusage high-water marks go to the JSON), and writes every
   figure to OUT/bench.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PAGES = REPO / "examples" / "seeds"
RESULT_TAG = "BENCH_RESULT "
FEW_NAMES = 40  # name pool of the low-entity memory run
DEFAULT_SIZE = 600  # synthetic pages; sized so the whole run stays under 5 minutes on 2 cores

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
            "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵")
GIVEN_CHARS = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉力波宁斌鹏飞宇浩"
               "晨阳雪梅琳婷颖欣怡思雨佳嘉鑫淼森林海涌志新春德民相凯宏锋茵莹双舰")
NAME_TITLES = (r"(?:记者|通讯员|实习生|摄影|编辑|校对|书记|市长|区长|县长|镇长|主任|局长|部长|主席"
               r"|董事长|总经理)")
NAME_STOP = set("主出在到参讲指要说对就和与等是为了同志")
NOT_NAMES = {"关于", "指出", "重要", "东宣"}
AMOUNT = re.compile(r"\d+(?:\.\d+)?(?=\s*(?:亿|万|元|个|家|人|项|余|名|次|户|吨|%|平方|公里))")


# ---------------------------------------------------------------------------------------------
# Synthetic corpus
# ---------------------------------------------------------------------------------------------


def source_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.rglob("*.txt")) if path.is_dir() else [path])
    return files


def load_sources(paths: list[Path]) -> list[str]:
    """Source pages as text; pages that are not UTF-8 are left out (the benchmark is not a decoder)."""
    texts = []
    for path in source_files(paths):
        try:
            texts.append(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as exc:
            print(f"bench: skipping source {path}: {exc}", file=sys.stderr)
    if not texts:
        sys.exit("bench: no readable source pages")
    return texts


def split_units(text: str) -> list[str]:
    """Article-sized units: a new unit starts at each '本报讯' paragraph (headlines printed after a
    body stay with it, as the page layout had them)."""
    units: list[list[str]] = [[]]
    for para in re.split(r"\n\s*\n", text):
        if "本报讯" in para and units[-1]:
            units.append([])
        units[-1].append(para)
    return ["\n\n".join(u) for u in units if u]


def find_names(texts: list[str]) -> list[str]:
    """Person names in the sources, by the titles and bylines that precede them (rough is enough:
    the names are only there to be replaced)."""
    found: set[str] = set()
    for text in texts:
        for name in re.findall(NAME_TITLES + r"[ \u3000]*([\u4e00-\u9fff]{2,3})", text):
            if len(name) == 3 and name[2] in NAME_STOP:
                name = name[:2]
            if name[0] in SURNAMES and name not in NOT_NAMES and not NAME_STOP & set(name[1:]):
                found.add(name)
    return sorted(found, key=lambda n: (-len(n), n))  # longest first, so 王相民 is replaced before 王相


def make_name_pool(rng: random.Random, size: int) -> list[str]:
    pool: set[str] = set()
    while len(pool) < size:
        given = "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2))))
        pool.add(rng.choice(SURNAMES) + given)
    return sorted(pool)


def perturb_amounts(text: str, rng: random.Random) -> str:
    def swap(match: re.Match[str]) -> str:
        return "".join(rng.choice("123456789") if ch.isdigit() else ch for ch in match.group())
    return AMOUNT.sub(swap, text)


def synthesize(sources: list[str], size: int, seed: int, name_pool: int) -> Iterator[str]:
    """`size` synthetic pages, deterministic for a given seed."""
    rng = random.Random(seed)
    pages = [split_units(text) for text in sources]
    every_unit = [u for units in pages for u in units]
    names, pool = find_names(sources), make_name_pool(rng, name_pool)
    for _ in range(size):
        units = list(rng.choice(pages))
        rng.shuffle(units)
        units = [rng.choice(every_unit) if rng.random() < 0.33 else u for u in units]
        text = "\n\n".join(units) + "\n"
        for name in names:
            if name in text:
                text = text.replace(name, rng.choice(pool))
        yield perturb_amounts(text, rng)


@dataclass
class Corpus:
    dir: Path
    pages: int
    chars: int
    bytes: int


def write_corpus(out: Path, sources: list[str], size: int, seed: int, name_pool: int) -> Corpus:
    out.mkdir(parents=True, exist_ok=True)
    chars = nbytes = 0
    for i, text in enumerate(synthesize(sources, size, seed, name_pool)):
        data = text.encode("utf-8")
        (out / f"bench_{i:06d}.txt").write_bytes(data)
        chars, nbytes = chars + len(text), nbytes + len(data)
    return Corpus(out, size, chars, nbytes)


# ---------------------------------------------------------------------------------------------
# Memory: peak PSS of a process tree, sampled from /proc (Linux), plus getrusage high-water marks
# ---------------------------------------------------------------------------------------------

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    return children


def tree_memory(root: int) -> int:
    """Bytes of memory `root` and all its descendants use: the sum of their proportional set sizes
    (PSS: a page shared by k processes counts 1/k in each), so forked workers and writers that share
    the parent's pages are not counted once per process as an RSS sum would. RSS where PSS is not
    available."""
    children, total, todo = _children_map(), 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        total += _process_memory(pid)
    return total


def _process_memory(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


class PeakSampler:
    """Samples tree_memory(pid) in a thread; `.peak` is the largest sum seen."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakSampler:
        if Path("/proc/self/statm").exists():
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_memory(self.pid))
            self._stop.wait(self.interval)


def rusage_peaks() -> dict[str, int]:
    """High-water marks in bytes (Linux reports KiB): this process, and its largest reaped child."""
    scale = 1 if sys.platform == "darwin" else 1024
    return {"self_maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale,
            "children_maxrss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale}


# ---------------------------------------------------------------------------------------------
# Measurements (each runs in a child process: `bench.py --measure KIND ...`)
# ---------------------------------------------------------------------------------------------


def cpu_seconds() -> float:
    """User + system CPU of this process and every child it has reaped (pool workers included)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


class Skipped(Exception):
    """A stage that is not implemented yet."""


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("*.txt"))


def measure_baseline(corpus: Path, **_: object) -> dict:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()  # the dictionary is loaded before timing
    texts = [p.read_text(encoding="utf-8") for p in corpus_files(corpus)]
    jieba.lcut(texts[0])
    start, cpu = time.perf_counter(), cpu_seconds()
    tokens = sum(len(jieba.lcut(text)) for text in texts)
    return {"seconds": time.perf_counter() - start, "cpu_seconds": cpu_seconds() - cpu, "tokens": tokens}


def _stage(module: str, name: str):
    """The stage function, or Skipped if it is missing or still a stub."""
    try:
        mod = __import__(module, fromlist=[name])
        return getattr(mod, name)
    except (ImportError, AttributeError) as exc:
        raise Skipped(f"{module}.{name} is missing ({exc})") from None


def _probe(func, *args, label: str = ""):
    try:
        return func(*args)
    except NotImplementedError:
        label = label or f"{func.__module__}.{func.__name__}"
        raise Skipped(f"{label} is not implemented yet") from None


def measure_stages(corpus: Path, extract: bool = False, **_: object) -> dict:
    """Ingestion (read_page + segment), and extraction when it exists, in this one process."""
    read_page, segment = _stage("graphbuild.ingest", "read_page"), _stage("graphbuild.ingest", "segment")
    files = corpus_files(corpus)
    per_page = None
    if extract:
        per_page = _stage("graphbuild.extract", "extract_page")
        _probe(per_page, (page := read_page(files[0])), segment(page))
    else:
        _probe(segment, _probe(read_page, files[0]))
    start, cpu, articles, facts, failed = time.perf_counter(), cpu_seconds(), 0, 0, 0
    for path in files:
        try:
            page = read_page(path)
        except Exception:  # a failure is counted, the benchmark goes on
            failed += 1
            continue
        arts = segment(page)
        articles += len(arts)
        if per_page is not None:
            facts += sum(len(x.facts) for x in per_page(page, arts))
    return {"seconds": time.perf_counter() - start, "cpu_seconds": cpu_seconds() - cpu,
            "articles": articles, "facts": facts, "failed_pages": failed}


BUILD = "graphbuild.pipeline.build"


def measure_build(corpus: Path, workers: int = 1, out: Path | None = None,
                  writers: list[str] | None = None, warmup: list[Path] | None = None,
                  append: bool = False, **_: object) -> dict:
    build = _stage(*BUILD.rsplit(".", 1))
    out = out or Path(tempfile.mkdtemp(prefix="bench_build_"))
    if warmup:  # loads lexicons and dictionaries, as a long run would have them loaded
        with tempfile.TemporaryDirectory() as tmp:
            _probe(lambda: build(warmup, Path(tmp), workers=1, writers=writers), label=BUILD)
    start, cpu = time.perf_counter(), cpu_seconds()
    result = _probe(lambda: build([corpus], out, workers=workers, writers=writers, append=append),
                    label=BUILD)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    graph = result.graph
    return {"seconds": seconds, "cpu_seconds": cpu, "facts": len(graph.facts),
            "entities": len(graph.entities), "articles": len(graph.articles),
            "failed_pages": len(result.failures), "stats": dict(result.stats),
            "first_failure": str(result.failures[0]) if result.failures else None,
            "persons": sum(1 for e in graph.entities.values() if e.type == "Person")}


def measure_store(corpus: Path, out: Path | None = None, **_: object) -> dict:
    """Loading the SPARQL store from a build's graph.nq: what the first query after a build costs
    (corpus is the build directory here)."""
    ensure_store = _stage("graphbuild.stores.sparql", "ensure_store")
    shutil.rmtree(corpus / "store", ignore_errors=True)
    start, cpu = time.perf_counter(), cpu_seconds()
    ensure_store(corpus)
    return {"seconds": time.perf_counter() - start, "cpu_seconds": cpu_seconds() - cpu,
            "quads": _count_lines(corpus / "graph.nq")}


def _count_lines(path: Path) -> int:
    with open(path, "rb") as fh:
        return sum(1 for _ in fh)


MEASURES = {"baseline": measure_baseline, "stages": measure_stages, "build": measure_build,
            "store": measure_store}


def child_main(args: argparse.Namespace) -> None:
    kwargs = {"workers": args.workers, "out": args.build_out, "writers": args.writers,
              "warmup": args.warmup, "extract": args.extract, "append": args.append}
    try:
        result = {"ok": True, **MEASURES[args.measure](args.corpus, **kwargs)}
    except Skipped as exc:
        result = {"ok": False, "skipped": str(exc)}
    result.update(rusage_peaks())
    print(RESULT_TAG + json.dumps(result, ensure_ascii=False), flush=True)


def run_child(kind: str, corpus: Path, *, workers: int = 1, build_out: Path | None = None,
              writers: list[str] | None = None, warmup: list[Path] | None = None,
              extract: bool = False, append: bool = False) -> dict:
    """Run one measurement in a fresh interpreter, sampling its process tree's memory."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--measure", kind, "--corpus", str(corpus),
           "--workers", str(workers)]
    if build_out:
        cmd += ["--build-out", str(build_out)]
    if writers:
        cmd += ["--writers", *writers]
    if warmup:
        cmd += ["--warmup", *map(str, warmup)]
    cmd += ["--extract"] if extract else []
    cmd += ["--append"] if append else []
    wall = time.perf_counter()
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          cwd=REPO) as proc, PeakSampler(proc.pid) as sampler:
        stdout, stderr = proc.communicate()
    lines = [ln for ln in stdout.splitlines() if ln.startswith(RESULT_TAG)]
    if proc.returncode != 0 or not lines:
        tail = "\n".join(stderr.strip().splitlines()[-6:])
        return {"ok": False, "skipped": f"{kind} crashed (exit {proc.returncode}):\n{tail}"}
    result = json.loads(lines[-1][len(RESULT_TAG):])
    result.update(tree_peak_memory=sampler.peak, wall_seconds=time.perf_counter() - wall)
    return result


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


def per_second(count: float, seconds: float) -> str:
    return f"{count / seconds:,.0f}" if seconds > 0 else "-"


HEADER = (f"  {'measurement':<34} {'wall s':>7} {'chars/s':>10} {'CPU s':>7} {'cores used':>10}"
          f" {'chars/CPU-s':>11} {'facts/s':>8} {'peak memory':>12}")


def show(label: str, res: dict, chars: int, facts_rate: bool = True) -> None:
    if not res.get("ok"):
        print(f"  {label:<34} SKIPPED: {res.get('skipped')}")
        return
    facts = per_second(res["facts"], res["seconds"]) if res.get("facts") and facts_rate else "-"
    cores = res["cpu_seconds"] / res["seconds"] if res["seconds"] > 0 else 0.0
    print(f"  {label:<34} {res['seconds']:7.1f} {per_second(chars, res['seconds']):>10}"
          f" {res['cpu_seconds']:7.1f} {cores:10.2f} {per_second(chars, res['cpu_seconds']):>11} {facts:>8}"
          f" {mib(res['tree_peak_memory']):>12}")
    if res.get("failed_pages"):
        print(f"  {'':<34} WARNING: {res['failed_pages']} pages failed, e.g. {res.get('first_failure')}")


def speed(res: dict, chars: int, clock: str = "seconds") -> float | None:
    """Characters per second (wall clock, or CPU with clock='cpu_seconds')."""
    return chars / res[clock] if res.get("ok") and res.get(clock, 0) > 0 else None


def summarise(results: dict, big: Corpus, workers: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    base, one = results["baseline"], results["build_1"]
    many = results.get("build_n", {})
    for clock, tag in (("seconds", "wall"), ("cpu_seconds", "cpu")):
        if speed(base, big.chars, clock) and speed(one, big.chars, clock):
            figures[f"ratio_build_1_vs_jieba_{tag}"] = (speed(one, big.chars, clock)
                                                      / speed(base, big.chars, clock))
    if speed(base, big.chars) and speed(many, big.chars):
        figures[f"ratio_build_{workers}_vs_jieba_wall"] = speed(many, big.chars) / speed(base, big.chars)
    if speed(one, big.chars) and speed(many, big.chars):
        figures[f"speedup_{workers}_workers"] = speed(many, big.chars) / speed(one, big.chars)
    for stage, name in (("ingest", "ingest"), ("extract", "ingest+extract"),
                        ("build_facts_only", "build_facts_writer_only")):
        cpu = speed(results.get(stage, {}), big.chars, "cpu_seconds")
        if cpu and speed(base, big.chars, "cpu_seconds"):
            figures[f"ratio_{name}_vs_jieba_cpu"] = cpu / speed(base, big.chars, "cpu_seconds")
    for key, res in (("1", one), (str(workers), many)):
        if res.get("ok") and res["seconds"] > 0:
            figures[f"facts_per_second_{key}"] = res["facts"] / res["seconds"]
    return figures


MEMORY_COLUMNS = ("pages", "chars", "articles", "entities", "persons", "facts", "peak_memory_mib")


def memory_point(label: str, corpus: Corpus, res: dict) -> dict:
    return {"label": label, "pages": corpus.pages, "chars": corpus.chars, "articles": res["articles"],
            "entities": res["entities"], "persons": res["persons"], "facts": res["facts"],
            "peak_memory_mib": round(res["tree_peak_memory"] / 2**20)}


def print_summary(figures: dict, memory: list[dict]) -> None:
    print("\nsummary")
    for key, value in figures.items():
        print(f"  {key:<44} {value:,.2f}")
    if memory:
        print("\n  peak memory against corpus size and number of entities (builds with 1 worker):")
        print(f"  {'corpus':<28}" + "".join(f"{c.replace('_', ' '):>16}" for c in MEMORY_COLUMNS))
        for point in memory:
            print(f"  {point['label']:<28}" + "".join(f"{point[c]:>16,}" for c in MEMORY_COLUMNS))


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", nargs="+", type=Path, default=[DEFAULT_PAGES],
                    help="source pages or folders for the synthetic corpus (default: examples/seeds)")
    ap.add_argument("--size", type=int, default=DEFAULT_SIZE, help="synthetic pages (default: %(default)s)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="workers for the parallel build (default: all cores, %(default)s)")
    ap.add_argument("--out", type=Path, help="keep corpus, builds and bench.json here (default: a temp dir)")
    ap.add_argument("--writers", nargs="+", help="writers the builds run (default: all)")
    ap.add_argument("--names", type=int, default=3000, help="size of the generated name pool")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--no-half", action="store_true",
                    help="skip the three memory builds (memory against pages and entities)")
    ap.add_argument("--no-breakdown", action="store_true",
                    help="skip timing ingestion and extraction on their own (where the time goes)")
    # child-process mode
    ap.add_argument("--measure", choices=sorted(MEASURES), help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--build-out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--warmup", nargs="+", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--extract", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--append", action="store_true", help=argparse.SUPPRESS)
    return ap.parse_args(argv)



def machine() -> str:
    return (f"{platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")


def run_stage_timings(results: dict, corpus: Corpus, out: Path, args: argparse.Namespace) -> None:
    """Ingestion, ingestion + extraction, and a build writing only facts.jsonl and graph.json: what
    extraction, resolution and the writers each cost. Always run while build is missing;
    --no-breakdown skips them otherwise."""
    if args.no_breakdown and results["build_1"].get("ok"):
        return
    results["ingest"] = run_child("stages", corpus.dir)
    show("ingest (read+segment)", results["ingest"], corpus.chars)
    results["extract"] = run_child("stages", corpus.dir, extract=True)
    show("ingest + extract", results["extract"], corpus.chars)
    if results["build_1"].get("ok") and args.writers != ["facts"]:
        results["build_facts_only"] = run_child("build", corpus.dir, workers=1, writers=["facts"],
                                                build_out=out / "build_facts_only",
                                                warmup=source_files(args.pages)[:2])
        show("build -w 1, facts writer only", results["build_facts_only"], corpus.chars)


def run_append(results: dict, out: Path, args: argparse.Namespace) -> None:
    """`build --append` of one more page to the full one-worker build: what adding a day costs."""
    if not results["build_1"].get("ok"):
        return
    page_dir, target = out / "one_more_page", out / "build_append"
    page_dir.mkdir(exist_ok=True)
    source = source_files(args.pages)[0]
    page = page_dir / f"appended_{source.name}"
    shutil.copy(source, page)
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(out / "build_1", target)
    chars = len(page.read_text(encoding="utf-8"))
    results["append_1_page"] = run_child("build", page_dir, workers=1, build_out=target, append=True,
                                         writers=args.writers, warmup=source_files(args.pages)[:2])
    show("build --append of 1 page", results["append_1_page"], chars, facts_rate=False)


def same_graph(a: Path, b: Path) -> bool:
    try:
        return (a / "graph.json").read_bytes() == (b / "graph.json").read_bytes()
    except OSError:
        return False


def memory_runs(args: argparse.Namespace, out: Path, sources: list[str], big: Corpus, results: dict,
                common: dict) -> list[dict]:
    """Half the pages with the same name pool, and half and all the pages with very few names:
    peak memory against pages (few names: about the same entities at both sizes) and against
    entities (the same pages, many names or few)."""
    if not results["build_1"].get("ok") or args.size < 2:
        return []
    points = [memory_point(f"{big.pages} pages, {args.names} names", big, results["build_1"])]
    half = args.size // 2
    runs = (("build_half", half, args.names), ("build_half_few", half, FEW_NAMES),
            ("build_few", args.size, FEW_NAMES))
    for key, size, names in runs:
        corpus = write_corpus(out / f"corpus_{key}", sources, size, args.seed + 1, names)
        results[key] = run_child("build", corpus.dir, workers=1, build_out=out / key, **common)
        label = f"{size} pages, {names} names"
        show(f"build -w 1, {label}", results[key], corpus.chars)
        if results[key].get("ok"):
            points.append(memory_point(label, corpus, results[key]))
    return points


def bench(args: argparse.Namespace, out: Path) -> dict:
    sources = load_sources(args.pages)
    warmup = source_files(args.pages)[:2]
    big = write_corpus(out / "corpus", sources, args.size, args.seed, args.names)
    print(f"graphbuild benchmark — {machine()}")
    print(f"corpus: {big.pages} synthetic pages from {len(sources)} sources, {big.chars:,} chars "
          f"({big.bytes / 2**20:.1f} MiB UTF-8); writers: {', '.join(args.writers or ['all'])}")
    print(f"load average before: {load_average()}\n")
    print(HEADER)
    results: dict[str, dict] = {"baseline": run_child("baseline", big.dir)}
    show("jieba.lcut (baseline)", results["baseline"], big.chars)
    common = {"writers": args.writers, "warmup": warmup}
    results["build_1"] = run_child("build", big.dir, workers=1, build_out=out / "build_1", **common)
    show("graphbuild build -w 1", results["build_1"], big.chars)
    if results["build_1"].get("ok") and args.workers > 1:
        results["build_n"] = run_child("build", big.dir, workers=args.workers,
                                       build_out=out / f"build_{args.workers}", **common)
        show(f"graphbuild build -w {args.workers}", results["build_n"], big.chars)
        results["build_n"]["same_graph_as_1_worker"] = same_graph(out / "build_1",
                                                                  out / f"build_{args.workers}")
    if results["build_1"].get("ok") and (out / "build_1" / "graph.nq").is_file():
        results["store"] = run_child("store", out / "build_1")
        show("SPARQL store load (first query)", results["store"], big.chars, facts_rate=False)
    memory = memory_runs(args, out, sources, big, results, common) if not args.no_half else []
    run_append(results, out, args)
    run_stage_timings(results, big, out, args)
    figures = summarise(results, big, args.workers)
    print_summary(figures, memory)
    if "build_n" in results and results["build_n"].get("ok"):
        same = results["build_n"]["same_graph_as_1_worker"]
        print(f"  graph.json with {args.workers} workers identical to 1 worker: {'yes' if same else 'NO'}")
    print(f"  load average at the end: {load_average()}; 'cores used' below 1 (or below N with N"
          " workers) means other processes took the CPU: compare the CPU columns then")
    return {"machine": machine(), "corpus": asdict(big) | {"dir": str(big.dir)},
            "results": results, "figures": figures, "memory": memory}


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.measure:
        child_main(args)
        return
    out = args.out or Path(tempfile.mkdtemp(prefix="graphbuild_bench_"))
    started = time.perf_counter()
    try:
        report = bench(args, out)
        report["total_seconds"] = time.perf_counter() - started
        print(f"\nbenchmark finished in {report['total_seconds']:.0f} s")
        if args.out:
            (out / "bench.json").write_text(json.dumps(report, ensure_ascii=False, indent=1,
                                                       default=str) + "\n", encoding="utf-8")
            print(f"figures written to {out / 'bench.json'}")
    finally:
        if not args.out:
            shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
