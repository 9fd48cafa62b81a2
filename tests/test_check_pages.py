"""tools/check_pages.py without a browser: its reading of chromium and its verdicts. The browser run
itself is `make pages-check` (it needs Debian's chromium, which `make test` does not)."""
import importlib.util

from missing_offenders.ingest import paths

_spec = importlib.util.spec_from_file_location("check_pages", paths.ROOT / "tools" / "check_pages.py")
check_pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_pages)


def measured(**changes):
    page = {"scrollWidth": 390, "viewport": 390, "title": "Cambridgeshire Constabulary: missing registered sex offenders",
            "main": 1, "wide": [], "images": [{"src": "http://h/reports/figures/x.phone.png", "width": 358,
                                               "natural": 1080, "figure": True}]}
    page.update(changes)
    return page


def test_devtools_address():
    line = "DevTools listening on ws://127.0.0.1:40123/devtools/browser/ab-12\n"
    assert check_pages.devtools_address(line) == "ws://127.0.0.1:40123/devtools/browser/ab-12"
    assert check_pages.devtools_address("[WARNING] something else") is None


def test_a_page_that_fits_passes():
    assert check_pages.problems("phone-390", measured(), [{"impact": "minor", "id": "x", "help": "", "nodes": 1,
                                                           "target": []}]) == []


def test_each_failure_is_named():
    found = check_pages.problems("phone-390", measured(
        scrollWidth=636, main=0, title="cambridgeshire: missing (2015_pa)", text="x ranks 1 of the 22 (status: not_published)",
        images=[{"src": "http://h/reports/figures/x.png", "width": 358, "natural": 1400, "figure": True},
                {"src": "data:image/png;base64,AAAA", "width": 358, "natural": 770, "figure": False}]),
        [{"impact": "serious", "id": "color-contrast", "help": "contrast", "nodes": 2, "target": ["p"]}])
    text = "\n".join(found)
    for expected in ("636 px wide", "0 main landmarks", "internal id", "not in its phone layout",
                     "shrunk to 358 of 770", "axe serious: color-contrast",
                     "internal codes in the text: not_published, ranks 1 of the, status: "):
        assert expected in text
