"""report.html: a self-contained page whose tables and picture come from the graph model."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from graphbuild.writers import report

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
WINDOW = (1200, 900)


# ---------------------------------------------------------------------------------------------
# Page content (no browser)
# ---------------------------------------------------------------------------------------------


@pytest.fixture()
def page(mini_graph, tmp_path) -> str:
    (path,) = report.write(mini_graph, tmp_path)
    assert path == tmp_path / "report.html"
    return path.read_text(encoding="utf-8")


class _Refs(HTMLParser):
    """Collects every URL the page would load (src, href of stylesheets, CSS url())."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("src"):
            self.urls.append(values["src"])
        if tag == "link" and values.get("href"):
            self.urls.append(values["href"])


def test_page_loads_nothing_from_outside(page):
    refs = _Refs()
    refs.feed(page)
    assert refs.urls == []
    assert "url(" not in page and "@import" not in page


def test_page_counts_types_and_predicates(page):
    assert re.search(r"人物 Person</span></td><td class=\"num\">4<", page)
    assert re.search(r"地点 Place</span></td><td class=\"num\">7<", page)
    assert re.search(r"located_in</td><td class=\"num\">6<", page)


def test_page_ranks_officials_by_activity(page):
    section = page.split("Most active officials")[1].split("</section>")[0]
    names = re.findall(r"<tr><td>([^<]+)</td>", section)
    assert names == ["李明华", "赵文静", "孙立国"]  # 2, 2 (tie broken by name order), 1 acts
    assert "白山市委书记" in section


def test_page_lists_largest_projects_first_with_investment(page):
    section = page.split("Largest projects")[1].split("</section>")[0]
    assert section.index("新能源电池材料项目") < section.index("智慧物流园项目")
    assert "12.00 亿元" in section and "3.50 亿元" in section


def test_page_lists_expo_exhibitors_with_counts(page):
    section = page.split("Expos and their exhibitors")[1].split("</section>")[0]
    assert "第十六届中国-东北亚博览会" in section
    assert "浑江区" in section and "12 家" in section and "白山长青药业有限公司" in section


def test_picture_data_offers_every_projection(mini_graph):
    data = report._picture_data(mini_graph)
    assert set(data["views"]) == {"full", "co_attendance", "district_project", "enterprise_expo"}
    full = data["views"]["full"]
    # every fact is drawn; of the entities, all but the one no fact mentions (the reporter 周海)
    assert (len(full["nodes"]), len(full["edges"])) == (len(mini_graph.entities) - 1, len(mini_graph.facts))
    assert "周海" not in {n[1] for n in full["nodes"]} and "1 unlinked nodes not drawn" in full["note"]


def test_big_views_are_cut_to_the_best_connected_nodes(mini_graph):
    view = report.compact_view(report.project(mini_graph, "full"), limit=5)
    assert len(view["nodes"]) == 5 and "showing the 5" in view["note"]
    assert all(s < 5 and t < 5 for s, t, _, _ in view["edges"])


def test_names_cannot_break_out_of_the_page(mini_graph, tmp_path):
    mini_graph.entities["person-li"].name = "</script><b>李</b>"
    text = report.render(mini_graph)
    assert "</script><b>" not in text
    assert text.count("</script>") == 2  # the data block and the drawing script, nothing else


def test_same_graph_gives_byte_identical_page(mini_graph):
    reordered = type(mini_graph)(dict(reversed(mini_graph.entities.items())),
                                 dict(reversed(mini_graph.facts.items())),
                                 dict(reversed(mini_graph.articles.items())))
    assert report.render(reordered) == report.render(mini_graph)


# ---------------------------------------------------------------------------------------------
# In a real browser
# ---------------------------------------------------------------------------------------------


def chromium() -> str:
    """Chromium's path; CI (env CI set) must have it, a laptop may skip."""
    for name in CHROMIUM_NAMES:
        if path := shutil.which(name):
            return path
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed (CI must install it: see .ci/run)")
    pytest.skip("chromium is not installed")


def run_chromium(url: str, *mode: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                   "--no-first-run", "--disable-background-networking", "--disable-component-update",
                   "--disable-sync", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                   "--hide-scrollbars", f"--window-size={WINDOW[0]},{WINDOW[1]}", *mode, url]
        return subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)


def console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def read_png(path: Path) -> tuple[int, int, int, bytes]:
    """(width, height, bytes per pixel, unfiltered pixel rows) of an 8-bit RGB/RGBA PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header = 8, [], None
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0
    bpp = 3 if colour == 2 else 4
    return width, height, bpp, unfilter(zlib.decompress(b"".join(chunks)), width * bpp, height, bpp)


def unfilter(raw: bytes, stride: int, height: int, bpp: int) -> bytes:
    out, prev = bytearray(), bytearray(stride)
    for y in range(height):
        kind, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 2:
            row = bytearray((a + b) & 0xFF for a, b in zip(row, prev, strict=True))
        elif kind in (1, 3, 4):
            for i in range(stride):
                left = row[i - bpp] if i >= bpp else 0
                up, corner = prev[i], prev[i - bpp] if i >= bpp else 0
                if kind == 1:
                    row[i] = (row[i] + left) & 0xFF
                elif kind == 3:
                    row[i] = (row[i] + (left + up) // 2) & 0xFF
                else:
                    p = left + up - corner
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                    pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                    row[i] = (row[i] + pred) & 0xFF
        out += row
        prev = row
    return bytes(out)


def coloured_pixels(path: Path, box: tuple[int, int, int, int]) -> tuple[int, set[tuple[int, int, int]]]:
    """Saturated pixels (node colours, not grey edges or text) in box, and the colours seen."""
    width, height, bpp, pixels = read_png(path)
    left, top, w, h = box
    count, seen = 0, set()
    for y in range(max(top, 0), min(top + h, height)):
        for x in range(max(left, 0), min(left + w, width), 2):  # every other column is plenty
            r, g, b = pixels[(y * width + x) * bpp:(y * width + x) * bpp + 3]
            if max(r, g, b) - min(r, g, b) > 60:
                count += 1
                seen.add((r >> 4, g >> 4, b >> 4))
    return count, seen


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory):
    from tests.fixtures.mini_graph import mini_graph

    out = tmp_path_factory.mktemp("report")
    (path,) = report.write(mini_graph(), out)
    return path


@pytest.fixture(scope="module")
def dumped(browser_page) -> dict[str, subprocess.CompletedProcess]:
    """The page's DOM after its scripts ran, per URL fragment (one browser run each)."""
    runs: dict[str, subprocess.CompletedProcess] = {}

    def dump(fragment: str) -> subprocess.CompletedProcess:
        if fragment not in runs:
            runs[fragment] = run_chromium(browser_page.as_uri() + fragment, "--dump-dom")
        return runs[fragment]

    return dump


@pytest.mark.parametrize(("fragment", "drawn"), [("", "drawn 22 nodes 27 edges"),
                                                  ("#co_attendance", "drawn 3 nodes 3 edges")])
def test_report_opens_in_chromium_and_draws_without_console_errors(dumped, fragment, drawn):
    result = dumped(fragment)
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_messages(result.stderr) == []
    marker = re.search(r'<span id="selfcheck"([^>]*)>([^<]*)<', result.stdout)
    assert marker, "self-check marker missing from the DOM"
    assert 'data-state="drawn"' in marker.group(1), marker.group(0)
    assert marker.group(2) == drawn
    assert int(re.search(r'data-painted="(\d+)"', marker.group(1)).group(1)) > 500


def test_screenshot_shows_the_graph_drawn_on_the_canvas(browser_page, dumped, tmp_path):
    rect = re.search(r'data-rect="(\d+),(\d+),(\d+),(\d+)"', dumped("").stdout)
    assert rect, "the page did not report where its canvas is"
    box = tuple(int(v) for v in rect.groups())
    assert box[1] + box[3] <= WINDOW[1], "canvas must be in the first screenful"
    shot = tmp_path / "report.png"
    result = run_chromium(browser_page.as_uri(), f"--screenshot={shot}")
    assert shot.exists(), result.stderr[-2000:]
    count, colours = coloured_pixels(shot, box)
    assert count > 300, f"only {count} coloured pixels on the canvas"
    assert len(colours) >= 5  # several entity types, each in its own colour
    blank_count, _ = coloured_pixels(shot, (box[0], box[1] + box[3] + 40, box[2], 30))
    assert blank_count < count / 20  # and the colour is the picture, not the whole page


def test_missing_chromium_fails_in_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception):
        chromium()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        chromium()


@pytest.mark.slow
def test_seeds_build_report_draws_in_chromium(request):
    try:
        seeds_build = request.getfixturevalue("seeds_build")
    except NotImplementedError:
        pytest.skip("pipeline.build is not implemented yet")
    page = Path(seeds_build.out_dir) / "report.html"
    text = page.read_text(encoding="utf-8")
    assert f"<b>{len(seeds_build.graph.facts):,}</b>facts" in text
    result = run_chromium(page.as_uri(), "--dump-dom")
    assert console_messages(result.stderr) == []
    assert 'data-state="drawn"' in result.stdout
