"""The explorer in a real browser: Debian's chromium driven by Playwright, against uvicorn
on a 127.0.0.1 port. Screenshots are kept in artifacts/screenshots/ (CI artifacts).

Skipped when /usr/bin/chromium is absent (CI installs it, see .ci/run); never downloads a
browser.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import HOSTILE_DOC, HOSTILE_ID, HOSTILE_LABEL

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
READY = "body[data-network-ready=true]"

if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


class Recorder:
    """Every request, dialog, page error and CSP complaint of a page."""

    def __init__(self, page) -> None:
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", self._console)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(message.text)


@pytest.fixture(scope="module")
def browser_page(explorer_url: str) -> Iterator[tuple[object, Recorder]]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=ARGS,  # the fresh profile directory is Chromium's --user-data-dir
            headless=True,
            viewport={"width": 1400, "height": 1000},
            accept_downloads=True,
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        recorder = Recorder(page)
        try:
            yield page, recorder
        finally:
            context.close()


def node_count(page) -> int:
    return page.evaluate("window.kgNetwork.body.data.nodes.length")


def edge_count(page) -> int:
    return page.evaluate("window.kgNetwork.body.data.edges.length")


def painted(page) -> int:
    """How many sampled canvas pixels are not blank."""
    return page.evaluate(
        """() => {
          const c = document.querySelector('#network canvas');
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4 * 7) if (d[i + 3] > 0) n++;
          return n;
        }"""
    )


def click_node(page, node_id: str) -> None:
    x, y = page.evaluate(
        """(id) => {
          const net = window.kgNetwork;
          const p = net.canvasToDOM(net.getPosition(id));
          const r = document.querySelector('#network canvas').getBoundingClientRect();
          return [p.x + r.left, p.y + r.top];
        }""",
        node_id,
    )
    page.mouse.click(x, y)


def test_explore_search_entity_details_filter_document(browser_page, explorer_url) -> None:
    page, rec = browser_page
    page.goto(f"{explorer_url}/explore")
    page.wait_for_selector(READY)
    assert node_count(page) > 5 and painted(page) > 500
    page.screenshot(path=str(SHOTS / "overview.png"))

    page.fill("#q", "China")
    page.click("header form.search button")
    page.wait_for_selector("#results")
    page.screenshot(path=str(SHOTS / "search.png"))
    page.click("#results a[href='/explore/entity/chn']")
    page.wait_for_url("**/explore/entity/chn")
    page.wait_for_selector(READY)
    before_nodes, before_edges = node_count(page), edge_count(page)
    assert before_nodes > 3 and painted(page) > 500
    page.locator("#network").screenshot(path=str(SHOTS / "entity-china-canvas.png"))
    page.screenshot(path=str(SHOTS / "entity-china.png"))

    click_node(page, "amnesty-international")
    page.wait_for_selector("#details[data-entity='amnesty-international'] blockquote mark")
    assert "Amnesty International" in page.inner_text("#details h2")
    page.wait_for_function(f"window.kgNetwork.body.data.nodes.length > {before_nodes}")
    rows = page.locator("#node-rows tr").count()
    assert rows == node_count(page)  # the table follows the network
    page.screenshot(path=str(SHOTS / "entity-china-details.png"))

    with page.expect_download() as download:
        page.click("#export-png")
    saved = SHOTS / "export-china.png"
    download.value.save_as(str(saved))
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    page.uncheck("fieldset[data-group=stances] input[value=assert]")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**stances=**")
    page.wait_for_selector(READY)
    assert edge_count(page) != before_edges
    assert "assert" not in page.evaluate(
        "window.kgNetwork.body.data.edges.get().filter(e => e.kind === 'claim')"
        ".map(e => e.predicate)"
    )
    page.screenshot(path=str(SHOTS / "entity-china-filtered.png"))

    page.goto(f"{explorer_url}/explore/document/syria-draft-resolution-vetoed")
    marks = page.locator("#doctext mark")
    assert marks.count() >= 5
    page.locator("#doctext mark a").first.click()
    assert page.evaluate("location.hash").startswith("#claim-")
    page.screenshot(path=str(SHOTS / "document.png"), full_page=True)

    page.goto(f"{explorer_url}/explore/meeting/meeting-2023-07-11")
    page.wait_for_selector(READY)
    assert node_count(page) > 5
    page.screenshot(path=str(SHOTS / "meeting.png"))

    assert not rec.dialogs and not rec.errors, (rec.dialogs, rec.errors)
    outside = {urlsplit(u).netloc for u in rec.requests if not u.startswith(("data:", "blob:"))}
    assert outside == {urlsplit(explorer_url).netloc}


def test_hostile_names_and_text_never_run(browser_page, explorer_url) -> None:
    page, rec = browser_page
    page.goto(f"{explorer_url}/explore/entity/{HOSTILE_ID}")
    page.wait_for_selector(READY)
    assert page.inner_text("h1").startswith(HOSTILE_LABEL)
    labels = page.evaluate("window.kgNetwork.body.data.nodes.get().map(n => n.name)")
    assert HOSTILE_LABEL in labels
    click_node(page, "chn")
    page.wait_for_selector("#details[data-entity='chn'] mark")
    page.goto(f"{explorer_url}/explore/document/{HOSTILE_DOC}")
    assert "<script>alert('text')</script>" in page.inner_text("#doctext")
    page.screenshot(path=str(SHOTS / "hostile-document.png"))
    page.goto(f"{explorer_url}/explore?q=" + "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    assert page.locator("img").count() == 0
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 1
    assert not rec.dialogs, rec.dialogs
    assert not [u for u in rec.requests if urlsplit(u).path == "/x"]  # no <img src=x> fetched
    outside = {urlsplit(u).netloc for u in rec.requests if not u.startswith(("data:", "blob:"))}
    assert outside == {urlsplit(explorer_url).netloc}
