"""Check the index and the force briefs in a real browser: Debian's chromium, headless, at 1280 px
(desktop) and at 390 px with mobile emulation (a phone: touch, device pixel ratio 3).

For every page and width it
- takes a full-page screenshot into build/screenshots/<width>/<page>.png,
- measures document.documentElement.scrollWidth against the viewport width (no sideways scroll),
- checks each chart image on the phone: a figure serves its phone layout (`*.phone.png`), and no
  embedded chart is shrunk to less than 3/4 of its natural width (so its text stays legible),
- runs axe-core (tools/node_modules, pinned in tools/package.json) and reports serious or critical issues,
- checks the title and the prose read as words (no internal codes such as `2015_pa`, `not_published`).

Usage (`make pages-check` installs chromium and axe-core first):
    .venv/bin/python tools/check_pages.py [--pages index.html briefs/2015_pa/cambridgeshire.html ...]
Pages are paths under reports/; the default is the index and every brief. The project root is
served on 127.0.0.1 (briefs link to data/processed/). Exit status 1 if any check fails.
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"
SCREENSHOTS = ROOT / "build" / "screenshots"
AXE = ROOT / "tools" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--remote-debugging-port=0", "about:blank"]
VIEWPORTS = {  # name: device metrics for Emulation.setDeviceMetricsOverride
    "desktop-1280": {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
    "phone-390": {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True, "screenWidth": 390,
                  "screenHeight": 844},
}
PHONE_UA = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/120.0 Mobile Safari/537.36")
BLOCKING_IMPACT = ("serious", "critical")
INTERNAL_ID = re.compile(r"\b\d{4}_[a-z]+\b|_[a-z]+_|\bstatus: [a-z]+_[a-z]+")
# Codes a reader should never see in the prose (file paths and code elements are left alone).
INTERNAL_TEXT = re.compile(r"(?<![/\w])\d{4}_[a-z][a-z_]*\b(?![./])|\bstatus: |\b(?:not_published|cases_only|no_response|"
                           r"not_checkable)\b|\branks \d+ of the\b")
MIN_CHART_SCALE = 0.75

# The device width, not window.innerWidth: with mobile emulation the layout viewport widens to fit wide content.
MEASURE_JS = """(() => {
  const vw = %(width)d;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > vw + 1 && !e.closest('.table-wrap'))
    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
  const images = [...document.querySelectorAll('img')].map(i => ({
    src: (i.currentSrc || i.src).slice(0, 120), width: i.getBoundingClientRect().width,
    natural: i.naturalWidth, figure: !!i.closest('picture')}));
  const prose = document.body.cloneNode(true);
  prose.querySelectorAll('code, pre, script, style').forEach(e => e.remove());
  return JSON.stringify({scrollWidth: document.documentElement.scrollWidth, viewport: vw, text: prose.textContent,
                         title: document.title, main: document.querySelectorAll('main').length, wide, images});
})()"""
AXE_JS = """axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(
  r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
                          target: v.nodes.slice(0, 2).map(n => n.target.join(' '))}))))"""


class Browser:
    """A headless chromium and one page in it, driven over the DevTools protocol (tornado's websocket)."""

    def __init__(self, executable: str):
        self.profile = tempfile.mkdtemp(prefix="check-pages-profile-")  # fresh --user-data-dir every run
        self.process = subprocess.Popen([executable, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.next_id, self.session, self.socket = 0, None, None
        self.pending: dict[int, asyncio.Future] = {}
        self.events: asyncio.Queue = asyncio.Queue()

    def devtools_url(self) -> str:
        for line in self.process.stderr:
            if match := devtools_address(line):
                return match
        raise RuntimeError(f"chromium exited with {self.process.wait()} before printing its DevTools address")

    async def start(self) -> None:
        from tornado.websocket import websocket_connect

        url = await asyncio.get_running_loop().run_in_executor(None, self.devtools_url)
        threading.Thread(target=self.process.stderr.read, daemon=True).start()  # keep draining chromium's log
        self.socket = await websocket_connect(url, max_message_size=256 * 1024 * 1024)
        asyncio.get_running_loop().create_task(self._read())
        target = await self.send("Target.createTarget", {"url": "about:blank"}, browser=True)
        attached = await self.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True},
                                   browser=True)
        self.session = attached["sessionId"]
        await self.send("Page.enable")

    async def _read(self) -> None:
        while (message := await self.socket.read_message()) is not None:
            data = json.loads(message)
            if "id" in data and data["id"] in self.pending:
                self.pending.pop(data["id"]).set_result(data)
            elif data.get("method"):
                await self.events.put(data)

    async def send(self, method: str, params: dict | None = None, *, browser: bool = False) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if not browser:
            message["sessionId"] = self.session
        future = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        await self.socket.write_message(json.dumps(message))
        reply = await asyncio.wait_for(future, 60)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    async def evaluate(self, expression: str):
        result = await self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                      "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    async def emulate(self, metrics: dict) -> None:
        await self.send("Emulation.setDeviceMetricsOverride", metrics)
        await self.send("Emulation.setTouchEmulationEnabled", {"enabled": metrics["mobile"]})
        if metrics["mobile"]:
            await self.send("Emulation.setUserAgentOverride", {"userAgent": PHONE_UA})

    async def open(self, url: str) -> None:
        while not self.events.empty():
            self.events.get_nowait()
        await self.send("Page.navigate", {"url": url})
        while (await asyncio.wait_for(self.events.get(), 60))["method"] != "Page.loadEventFired":
            pass

    async def screenshot(self, path: Path, metrics: dict) -> None:
        """The whole page: the emulated screen is made as tall as the page for the shot (capturing beyond
        the viewport repeats tall images), then set back."""
        layout = await self.send("Page.getLayoutMetrics")
        height = int(layout["cssContentSize"]["height"]) + 1
        await self.send("Emulation.setDeviceMetricsOverride", {**metrics, "height": height})
        await self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        shot = await self.send("Page.captureScreenshot", {"format": "png"})
        await self.send("Emulation.setDeviceMetricsOverride", metrics)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def devtools_address(line: str) -> str | None:
    """chromium's 'DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID' line -> the address."""
    match = re.search(r"DevTools listening on (ws://\S+)", line)
    return match.group(1) if match else None


def problems(viewport: str, measured: dict, violations: list[dict]) -> list[str]:
    """What fails on one page at one width, in words (empty when the page passes)."""
    found = []
    if measured["scrollWidth"] > measured["viewport"]:
        found.append(f"scrolls sideways: {measured['scrollWidth']} px wide in a {measured['viewport']} px viewport"
                     f" (wide: {', '.join(measured['wide']) or 'see screenshot'})")
    if measured["main"] != 1:
        found.append(f"{measured['main']} main landmarks (expected 1)")
    if INTERNAL_ID.search(measured["title"]):
        found.append(f"title has an internal id: {measured['title']!r}")
    codes = sorted({match.group(0) for match in INTERNAL_TEXT.finditer(measured.get("text", ""))})
    if codes:
        found.append(f"internal codes in the text: {', '.join(codes)}")
    for image in measured["images"] if viewport.startswith("phone") else []:
        if image["figure"] and not image["src"].endswith(".phone.png"):
            found.append(f"chart not in its phone layout: {image['src']}")
        elif not image["figure"] and image["natural"] and image["width"] < MIN_CHART_SCALE * image["natural"]:
            found.append(f"chart shrunk to {image['width']:.0f} of {image['natural']} px: {image['src'][:60]}")
    for violation in violations:
        if violation["impact"] in BLOCKING_IMPACT:
            found.append(f"axe {violation['impact']}: {violation['id']} ({violation['help']}; "
                         f"{violation['nodes']} elements, e.g. {'; '.join(violation['target'])})")
    return found


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, int]:
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


async def check(pages: list[str], executable: str, site: Path = ROOT) -> int:
    axe_source = AXE.read_text(encoding="utf-8")
    server, port = serve(site)
    browser = Browser(executable)
    failures = 0
    try:
        await browser.start()
        for viewport, metrics in VIEWPORTS.items():
            await browser.emulate(metrics)
            for page in pages:
                await browser.open(f"http://127.0.0.1:{port}/reports/{page}")
                measured = json.loads(await browser.evaluate(MEASURE_JS % {"width": metrics["width"]}))
                await browser.evaluate(axe_source + "; true")
                violations = json.loads(await browser.evaluate(AXE_JS))
                shot = SCREENSHOTS / viewport / (page.replace("/", "__").removesuffix(".html") + ".png")
                await browser.screenshot(shot, metrics)
                found = problems(viewport, measured, violations)
                failures += bool(found)
                minor = sum(v["impact"] not in BLOCKING_IMPACT for v in violations)
                print(f"{'FAIL' if found else 'ok  '} {viewport:<13} {page:<45} width {measured['scrollWidth']}/"
                      f"{measured['viewport']}, axe serious+critical {len(violations) - minor}, minor {minor}")
                for problem in found:
                    print(f"       {problem}")
    finally:
        browser.close()
        server.shutdown()
    print(f"{len(pages) * len(VIEWPORTS) - failures} passed, {failures} failed; screenshots in "
          f"{SCREENSHOTS.relative_to(ROOT)}/")
    return 1 if failures else 0


def default_pages() -> list[str]:
    briefs = sorted(p.relative_to(REPORTS).as_posix() for p in (REPORTS / "briefs").glob("*/*.html"))
    return ["index.html", *briefs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="*", help="paths under reports/ (default: the index and every brief)")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--site", type=Path, default=ROOT,
                        help="folder served, holding reports/ (default: this checkout; e.g. an older export)")
    args = parser.parse_args(argv)
    if not shutil.which(args.chromium):
        print("chromium not found: `make pages-check` installs Debian's chromium (apt-get install chromium)")
        return 2
    if not AXE.is_file():
        print(f"{AXE.relative_to(ROOT)} missing: run `cd tools && npm ci` (or `make pages-check`)")
        return 2
    return asyncio.run(check(args.pages or default_pages(), args.chromium, args.site))


if __name__ == "__main__":
    sys.exit(main())
