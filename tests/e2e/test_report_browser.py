"""The HTML report in a real headless Chromium (Debian's package, driven by Playwright).

Skipped with a reason when Chromium or Playwright is missing; ``.ci/run``
installs Chromium so CI runs it. The screenshot lands in tests/artifacts/.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimlint.cli import main

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

RULES = r"""
version: 1
name: review-demo
evidence:
  tankha-2025:
    citation: "Tankha H, Davin S, Lapin B, et al. Reg Anesth Pain Med 2025. PMID 41047247."
    doi: "10.1136/rapm-2025-106907"
    finding: "Retrospective, uncontrolled review of 1,034 adults: 20.3–46.4% reached clinically meaningful
      improvement depending on the measure; most measures did not."
  cohen-2018:
    citation: "Cohen SP et al. Reg Anesth Pain Med 2018;43(5):521–46."
    doi: "10.1097/AAP.0000000000000808"
    finding: "Guidelines rate the evidence as moderate for CRPS (relief up to ~12 weeks) and weak or absent
      for most other chronic pain."
  ftc-2022:
    citation: "FTC Health Products Compliance Guidance (2022)"
    url: "https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance"
rules:
  - id: CL001
    name: natural-claim
    category: natural-claim
    severity: error
    type: phrase
    phrases: ["safe and natural", "natural treatment"]
    message: "Calls a synthetic Schedule III drug 'natural', implying safety (FTC substantiation)."
    suggestion: "Ketamine is a prescription anesthetic and a controlled substance; its use for chronic pain
      is off-label."
    evidence: [ftc-2022]
  - id: CL002
    name: absolute-safety
    category: absolute-safety
    severity: error
    type: pattern
    patterns: ['\bsafe\s+and\s+(?:\w+\s+)?(?:effective|natural)\b']
    message: "An unqualified safety claim needs competent and reliable evidence."
    suggestion: "In a retrospective chart review no adverse events were recorded (Tankha et al., 2025), but
      the study was not designed to assess safety."
    evidence: [tankha-2025]
  - id: CL003
    name: miracle-hype
    category: miracle-hype
    severity: info
    type: pattern
    patterns: ['\bwonder drug\b', '\bmiracle\b[^.\n]*']
    message: "Hype implies results the evidence does not show."
    suggestion: "Ketamine, an anesthetic used for decades, is being studied for pain that has not responded
      to other treatments."
    evidence: [cohen-2018]
  - id: CL004
    name: speed-of-relief
    category: speed-of-relief
    severity: warning
    type: phrase
    phrases: ["rapid relief", "sustained benefits"]
    message: "Promises fast or lasting relief that the evidence does not support."
    suggestion: "Guidelines rate the evidence as moderate for CRPS (relief up to ~12 weeks) and weak or
      absent for most other chronic pain (Cohen et al., 2018)."
    evidence: [cohen-2018]
  - id: CL022
    name: missing-offlabel-disclosure
    category: missing-offlabel-disclosure
    severity: error
    type: require
    when: ['\bketamine\b']
    must: ['\boff[- ]label\b']
    message: "The page promotes ketamine for pain but never says this use is off-label."
    suggestion: "Ketamine is FDA-approved only as an anesthetic. Using ketamine infusions to treat chronic
      pain is off-label."
    evidence: [ftc-2022]
  - id: CL024
    name: missing-screening-advice
    category: missing-screening-advice
    severity: warning
    type: require
    when: ['\bketamine\b']
    must: ['\b(?:talk|speak)\s+(?:to|with)\s+your\s+doctor\b']
    message: "The page never tells readers to check with a doctor whether ketamine is right for them."
    suggestion: "Talk with your doctor about whether ketamine is right for you."
"""

PAGE = textwrap.dedent(
    """\
    Understanding Ketamine Treatment for Chronic Pain

    Do you have persistent pain? Ketamine treatment for chronic pain may just be the solution you're looking for.
    It offers a safe and natural treatment to help you manage chronic pain. But how does this wonder drug work?

    Ketamine infusions offer rapid relief,
    sustained benefits and improvements in mood for many patients.

    A miracle <script>alert("xss")</script><img src=x onerror=alert(2)> for pain.
    """
)

CLEAN = "Our clinic is open Monday to Friday.\nCall us to book a consultation.\n"


def _playwright() -> Any:
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
    if not Path(CHROMIUM).exists():
        pytest.skip("no Chromium installed (apt-get install -y chromium); the HTML report browser test needs it")
    return sync_api


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    (root / "ketamine-infusions.txt").write_text(PAGE, encoding="utf-8")
    (root / "contact.txt").write_text(CLEAN, encoding="utf-8")
    (root / "<img src=x onerror=alert(3)>.txt").write_text("A miracle cure.\n", encoding="utf-8")
    work = tmp_path_factory.mktemp("report")
    rules = work / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    out = work / "report.html"
    rc = main(["check", str(root), "--rules", str(rules), "--format", "html", "--output", str(out)])
    assert rc == 1
    return out


@pytest.fixture(scope="module")
def browser_page(report_html: Path) -> Iterator[Any]:
    sync_api = _playwright()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        tab.dialogs = []
        tab.requests = []
        tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
        tab.on("request", lambda r: tab.requests.append(r.url))
        tab.errors = []
        tab.on("pageerror", lambda e: tab.errors.append(str(e)))
        tab.goto(report_html.as_uri())
        tab.wait_for_load_state("load")
        yield tab
        browser.close()


@pytest.fixture
def page(browser_page: Any) -> Any:
    """The shared tab, reset: popover closed, nothing focused, every filter on."""
    browser_page.keyboard.press("Escape")
    browser_page.evaluate("document.activeElement && document.activeElement.blur()")
    browser_page.locator("#filter-reset").click()
    browser_page.evaluate("location.hash = ''; window.scrollTo(0, 0)")
    return browser_page


def test_highlights_render_with_severity(page: Any) -> None:
    assert page.evaluate("document.documentElement.classList.contains('no-js')") is False
    marks = page.locator("a.hl")
    assert marks.count() >= 6
    sevs = set(page.eval_on_selector_all("a.hl", "els => els.map(e => e.dataset.sev)"))
    assert sevs == {"error", "warning", "info"}
    background = page.eval_on_selector("a.hl[data-sev=error]", "e => getComputedStyle(e).backgroundColor")
    assert background == "rgb(255, 227, 223)"


def test_clicking_a_highlight_shows_its_suggestion(page: Any) -> None:
    mark = page.locator("a.hl", has_text="wonder drug")
    mark.click()
    popover = page.locator("#pop")
    assert popover.is_visible()
    assert "an anesthetic used for decades" in popover.inner_text()
    assert "Cohen SP et al." in popover.inner_text()
    assert page.evaluate("document.activeElement.id") == "pop"
    page.keyboard.press("Escape")
    assert not popover.is_visible()
    assert page.evaluate("document.activeElement.textContent") == "wonder drug"


def test_line_link_in_the_popover_jumps_and_closes_it(page: Any) -> None:
    page.locator("a.hl", has_text="rapid relief").click()
    page.locator("#pop a", has_text="Line 6, column").click()
    assert not page.locator("#pop").is_visible()
    assert page.evaluate("location.hash") == "#f3-L6"


def test_overlapping_findings_are_all_listed(page: Any) -> None:
    page.locator("a.hl.multi").first.click()
    text = page.locator("#pop").inner_text()
    assert "CL001" in text
    assert "CL002" in text
    page.keyboard.press("Escape")


def test_keyboard_focus_previews_enter_opens_and_tab_moves_on(page: Any) -> None:
    mark = page.locator("a.hl", has_text="wonder drug")
    mark.focus()
    assert page.locator("#pop").is_visible()
    assert mark.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "pop"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('hl')"):
            break
    assert page.evaluate("document.activeElement.textContent") == "rapid relief"
    page.keyboard.press("Escape")
    assert not page.locator("#pop").is_visible()


def test_highlights_have_accessible_names_and_descriptions(page: Any) -> None:
    expect = _playwright().expect
    link = page.get_by_role("link", name="wonder drug")
    expect(link).to_have_count(1)
    expect(link).to_have_accessible_description(re.compile(r"Info CL003 miracle-hype .*Hype implies results"))
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(page.get_by_role("region", name=re.compile(r"Text of .*ketamine-infusions\.txt"))).to_have_count(1)


def test_filters_hide_findings_and_highlights(page: Any) -> None:
    page.locator("label.chip", has=page.locator("input[value=info]")).click()
    assert page.locator("a.hl", has_text="wonder drug").get_attribute("href") is None
    assert page.locator("#filter-status").inner_text().startswith("Showing ")
    hidden = page.eval_on_selector_all(".card[data-sev=info]", "els => els.every(e => e.hidden)")
    assert hidden is True
    page.locator("#filter-reset").click()
    assert page.locator("a.hl", has_text="wonder drug").get_attribute("href") is not None


def test_nothing_injected_and_nothing_loaded(page: Any, report_html: Path) -> None:
    assert page.dialogs == []
    assert page.errors == []
    assert page.requests == [report_html.as_uri()]
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1
    assert 'alert("xss")' in page.locator("a.hl", has_text="xss").inner_text()


def test_screenshot(page: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("a.hl", has_text="safe and").first.click()
    shot = ARTIFACTS / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    page.locator("#file-3 .source").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "report-popover.png"))
    page.emulate_media(media="print")
    assert not page.locator(".toolbar").is_visible()
    assert not page.locator("#pop").is_visible()
    page.emulate_media(media="screen")
