"""The HTML reporter: escaping, highlights over lines and overlaps, summary, contrast."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimlint.model import Evidence, FileProblem, Finding, Report, Rule, Severity
from claimlint.plugins import get_registry
from claimlint.reporters import html_assets
from claimlint.reporters.html import HtmlReporter, humanize, render_html, safe_url
from claimlint.reporters.html_source import line_pieces, split_lines
from claimlint.textutil import LineIndex

EVIDENCE = Evidence("ev1", "Cohen SP et al. Reg Anesth Pain Med 2018;43(5):521–46.", "https://doi.org/10.1097/x", "A.")


def rule(
    rid: str = "CL001", severity: Severity = Severity.ERROR, category: str = "natural-claim", **kw: object
) -> Rule:
    fields: dict = {"suggestion": "Say what it is.", "evidence": (EVIDENCE,), **kw}
    return Rule(rid, f"{category}-rule", category, severity, "phrase", f"Message of {rid}.", **fields)


def finding(path: str, text: str, phrase: str, r: Rule, scope: str = "line", occurrence: int = 0) -> Finding:
    start = [m.start() for m in re.finditer(re.escape(phrase), text)][occurrence]
    end = start + len(phrase)
    index = LineIndex(text)
    (line, col), (end_line, end_col) = index.position(start), index.position(end)
    return Finding(path, line, col, end_line, end_col, r, text[start:end], scope, start=start, end=end)


class Tags(HTMLParser):
    """Collects every start tag with its attributes, and the text inside <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data

    def all(self, tag: str, cls: str | None = None) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and (cls is None or cls in (a.get("class") or "").split())]


def parse(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    tags.close()
    return tags


def render(findings: list[Finding], sources: dict[str, str], **kw: object) -> str:
    rules = sorted({f.rule.id: f.rule for f in findings}.values(), key=lambda r: r.id)
    report = Report(sorted(findings, key=Finding.sort_key), kw.pop("problems", []), len(sources), rules, sources)
    return render_html(report)


EVIL = 'Intro.\nA miracle <script>alert("x")</script><img src=x onerror=alert(1)> cure & more.\n'


def test_copy_with_markup_cannot_inject() -> None:
    r = rule(suggestion="Replace '{match}'.")
    f = finding(
        "<b onmouseover=alert(9)>.txt", EVIL, 'miracle <script>alert("x")</script><img src=x onerror=alert(1)>', r
    )
    page = render([f], {f.path: EVIL})
    tags = parse(page)
    assert len(tags.all("script")) == 1
    assert tags.scripts == [html_assets.JS]
    assert tags.all("img") == []
    assert tags.all("b") == []
    assert not [a for _, attrs in tags.tags for a in attrs if a.startswith("on")]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;b onmouseover=alert(9)&gt;.txt" in page
    assert "cure &amp; more." in page


def test_page_is_self_contained_and_locked_down() -> None:
    f = finding("a.txt", EVIL, "miracle", rule())
    page = render([f], {"a.txt": EVIL})
    tags = parse(page)
    assert tags.all("link") == []
    assert all("src" not in attrs for _, attrs in tags.tags)
    assert len(tags.all("style")) == 1
    (csp,) = [a["content"] for a in tags.all("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp is not None
    assert "default-src 'none'" in csp
    assert html_assets.csp_hash(html_assets.JS) in csp
    assert html_assets.csp_hash(html_assets.css()) in csp
    assert f"<style>{html_assets.css()}</style>" in page
    assert "'unsafe-inline'" not in csp


def test_evidence_links_only_for_web_urls() -> None:
    bad = Evidence("ev2", "Bad source", "javascript:alert(1)")
    f = finding("a.txt", "a miracle\n", "miracle", rule(evidence=(EVIDENCE, bad)))
    tags = parse(render([f], {"a.txt": "a miracle\n"}))
    hrefs = [a["href"] for a in tags.all("a")]
    assert "https://doi.org/10.1097/x" in hrefs
    assert not [h for h in hrefs if h and h.startswith("javascript")]
    assert safe_url("HTTPS://x.org") == "HTTPS://x.org"
    assert safe_url("data:text/html,hi") is None


def test_span_across_lines_is_split_per_line() -> None:
    text = "one\nsafe and\r\nnatural here\n"
    f = finding("a.txt", text, "safe and\r\nnatural", rule())
    tags = parse(render([f], {"a.txt": text}))
    marks = tags.all("a", "hl")
    assert [m["data-ids"] for m in marks] == ["1", "1"]
    assert "tabindex" not in marks[0]
    assert marks[1]["tabindex"] == "-1"
    lines = [a.get("id") for a in tags.all("div", "line")]
    assert lines == [None, "f1-L2", "f1-L3"]
    flagged = [a["id"] for a in tags.all("div", "line") if a.get("data-sev")]
    assert flagged == ["f1-L2", "f1-L3"]


def test_overlapping_findings_merge_and_list_every_rule() -> None:
    text = "It is safe and natural treatment.\n"
    a = finding("a.txt", text, "safe and natural", rule("CL001", Severity.WARNING))
    b = finding("a.txt", text, "natural treatment", rule("CL002", Severity.ERROR, "absolute-safety"))
    page = render([a, b], {"a.txt": text})
    marks = parse(page).all("a", "hl")
    assert [(m["data-ids"], m["data-sev"]) for m in marks] == [("1", "warning"), ("2 1", "error"), ("2", "error")]
    assert "multi" in (marks[1]["class"] or "")
    assert marks[1]["aria-describedby"] == "fs-2 fm-2 fs-1 fm-1"
    pieces = r"<a [^>]*>safe and </a><a [^>]*>natural</a><a [^>]*> treatment</a>"
    assert re.search(rf'id="f1-L1" data-sev="error">It is {pieces}\.</div>', page)


def test_line_pieces_cut_at_every_boundary() -> None:
    assert line_pieces(0, 10, [(2, 6, 1), (4, 8, 2)]) == [
        (0, 2, ()),
        (2, 4, (1,)),
        (4, 6, (1, 2)),
        (6, 8, (2,)),
        (8, 10, ()),
    ]
    assert line_pieces(5, 9, [(0, 20, 3)]) == [(5, 9, (3,))]
    assert line_pieces(0, 0, []) == []


def test_finding_without_offsets_falls_back_to_line_and_column() -> None:
    text = "x\nsay wonder drug now\n"
    f = Finding("a.txt", 2, 5, 2, 16, rule(), "wonder drug")
    page = render([f], {"a.txt": text})
    assert re.search(r'<a class="hl"[^>]*>wonder drug</a> now', page)


def test_summary_lists_counts_categories_and_document_gaps() -> None:
    text = "Ketamine is a safe and natural option.\n"
    line = finding("b.txt", text, "safe and natural", rule("CL001"))
    gap = finding("b.txt", text, "Ketamine", rule("CL022", category="missing-offlabel-disclosure"), scope="document")
    problems = [FileProblem("c.txt", "cannot decode")]
    page = render([line, gap], {"b.txt": text, "a.txt": "Nothing here.\n"}, problems=problems)
    tags = parse(page)
    assert [m["data-ids"] for m in tags.all("a", "hl")] == ["2"]
    assert "Missing offlabel disclosure" in page
    gap_rows = re.findall(r'<tr><th scope="row"><a href="#file-(\d)">([^<]+)</a></th>.*?</tr>', page)
    assert gap_rows == [("1", "a.txt"), ("2", "b.txt")]
    assert re.search(r'href="#file-2">b\.txt</a>.*?<ul class="gap-list"><li>.*?href="#fd-1"', page)
    assert "Whole document · first triggered on" in page
    assert "c.txt: cannot decode" in page
    assert '<details class="quiet-file"><summary>Show the text (1 line)</summary>' in page
    cards = tags.all("li", "card")
    assert [(c["data-id"], c["data-sev"], c["data-cat"]) for c in cards] == [
        ("1", "error", "missing-offlabel-disclosure"),
        ("2", "error", "natural-claim"),
    ]
    assert [a["value"] for a in tags.all("input")] == ["error", "missing-offlabel-disclosure", "natural-claim"]


def test_suggestion_and_evidence_in_card() -> None:
    text = "a wonder drug\n"
    f = finding("a.txt", text, "wonder drug", rule(suggestion="Not a '{match}'."))
    page = render([f], {"a.txt": text})
    assert "<blockquote>Not a &#x27;wonder drug&#x27;.</blockquote>" in page
    assert "<cite>Cohen SP et al. Reg Anesth Pain Med 2018;43(5):521–46.</cite>" in page


def test_without_kept_text_the_findings_still_render() -> None:
    f = finding("a.txt", "a miracle\n", "miracle", rule())
    page = render_html(Report([f], [], 1, [f.rule], {}))
    assert "The text of this file was not kept" in page
    assert 'id="fd-1"' in page


def test_no_findings_report_has_no_filters() -> None:
    page = render([], {"a.txt": "Fine copy.\n"})
    assert "No findings in 1 file." in page
    assert 'class="toolbar"' not in page


def test_reporter_is_registered_and_for_people() -> None:
    spec = get_registry().reporters["html"]
    assert spec.machine is False
    out = io.StringIO()
    spec.factory({}).render(Report([], [], 0, []), out)
    assert out.getvalue().startswith("<!DOCTYPE html>")
    assert isinstance(spec.factory({}), HtmlReporter)


def test_source_date_epoch_pins_the_timestamp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert "1970-01-01 00:00 UTC" in render([], {})
    assert render([], {}) == render([], {})


def test_humanize() -> None:
    assert humanize("missing-risk-info") == "Missing risk info"
    assert humanize("fda-status-misstatement") == "FDA status misstatement"
    assert humanize("at_home-compounded") == "At home compounded"
    assert humanize("") == "Uncategorized"


def _luminance(hex_color: str) -> float:
    channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(fg: str, bg: str) -> float:
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_matches_wcag_reference_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(("fg", "bg"), html_assets.TEXT_PAIRS)
def test_colour_pairs_meet_wcag_aa(fg: str, bg: str) -> None:
    ratio = contrast(html_assets.COLORS[fg], html_assets.COLORS[bg])
    assert ratio >= 4.5, f"{fg} on {bg}: {ratio:.2f}"


def test_stylesheet_uses_only_checked_colours() -> None:
    css = html_assets.css()
    literals = set(re.findall(r"#[0-9a-fA-F]{6}\b", css))
    assert literals <= set(html_assets.COLORS.values())
    used = set(re.findall(r"var\(--([a-z-]+)\)", css))
    assert used <= set(html_assets.COLORS)


def test_cli_writes_report_with_sources(tmp_path: Path, rules_file, run_cli) -> None:
    page = tmp_path / "page.txt"
    page.write_text("It is safe and natural.\n", encoding="utf-8")
    out = tmp_path / "report.html"
    rc, stdout, _ = run_cli("check", str(page), "--rules", rules_file(), "--format", "html", "--output", str(out))
    assert rc == 1
    assert stdout == ""
    html = out.read_text(encoding="utf-8")
    assert re.search(r'<a class="hl[^"]*"[^>]*>safe and natural</a>', html)


def test_split_lines_counts_like_an_editor() -> None:
    assert split_lines("a\r\nb\rc\n") == ["a", "b", "c"]
    assert split_lines("a\n\n") == ["a", ""]
    assert split_lines("") == [""]


def test_document_gap_links_to_an_anchored_line() -> None:
    text = "Title\nKetamine for pain.\nMore.\n"
    gap = finding("a.txt", text, "Ketamine", rule("CL022", category="missing-risk-info"), scope="document")
    tags = parse(render([gap], {"a.txt": text}))
    assert tags.all("a", "hl") == []
    assert [a.get("id") for a in tags.all("div", "line")] == [None, "f1-L2", None]
    assert any(a.get("href") == "#f1-L2" for a in tags.all("a"))


def test_clean_text_beyond_the_budget_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimlint.reporters import html

    monkeypatch.setattr(html, "CLEAN_TEXT_BUDGET", 25)
    flagged = "x" * 40 + " a miracle\n"
    f = finding("c.txt", flagged, "miracle", rule())
    sources = {"a.txt": "Clean copy, twenty.\n", "b.txt": "More clean copy here.\n", "c.txt": flagged}
    page = render([f], sources)
    assert "Clean copy, twenty." in page
    assert "More clean copy here." not in page
    assert page.count("The text is left out to keep this report small.") == 1
    assert re.search(r'<a class="hl"[^>]*>miracle</a>', page)


def test_file_header_counts_read_naturally() -> None:
    text = "a miracle and a wonder and a miracle\n"
    found = [finding("a.txt", text, "miracle", rule("CL003", Severity.INFO), occurrence=k) for k in (0, 1)]
    found.append(finding("a.txt", text, "wonder", rule("CL004", Severity.WARNING)))
    assert "<p>1 warning, 2 info</p></header>" in render(found, {"a.txt": text})
