"""``--format html``: one self-contained page for compliance and medical-legal reviewers.

Reviewers read copy, not logs, so the page shows each file's text with its
line numbers and every flagged span highlighted by severity; the details of
a highlight (rule, message, suggested rewording, evidence) open next to it.
Everything is inline and a Content-Security-Policy allows only this page's own
style and script, so the file can be mailed or archived and opened offline.
Copy text is always HTML-escaped: a page under review may itself contain
markup or scripts, and it must never run inside the report.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html import escape
from typing import IO, Any

from claimlint import __version__
from claimlint.api import ReporterSpec
from claimlint.model import SEVERITY_NAMES, FileProblem, Finding, Report
from claimlint.reporters import html_assets
from claimlint.reporters.common import plural, suggestion_for, summary_line
from claimlint.reporters.html_source import SourceRenderer, split_lines

DOCUMENT = "document"
_ACRONYMS = frozenset({"fda", "ftc", "dea", "cbd", "iv", "uk", "eu", "us", "asa", "otc"})
_LABELS = {"error": "Error", "warning": "Warning", "info": "Info"}
# Characters of copy from files without findings shown in one report: on a large site the
# clean pages would otherwise make the report too big to open; flagged pages always show.
CLEAN_TEXT_BUDGET = 2_000_000
_LEFT_OUT = '<p class="source-note">No findings. The text is left out to keep this report small.</p>'
_EXTERNAL = ' target="_blank" rel="noopener noreferrer"'
_PLURALS = {"error": "Errors", "warning": "Warnings", "info": "Info"}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def humanize(category: str) -> str:
    """``fda-status-misstatement`` → ``FDA status misstatement``: reviewers read words, not slugs."""
    words = [w for w in category.replace("_", "-").split("-") if w]
    if not words:
        return "Uncategorized"
    words = [w.upper() if w.lower() in _ACRONYMS else w.lower() for w in words]
    return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])


def _count(n: int, severity: str) -> str:
    """``3 errors``, ``1 warning``, ``2 info`` (info is not counted in "infos")."""
    return f"{n} info" if severity == "info" else plural(n, severity)


def safe_url(url: str) -> str | None:
    """Only web links become ``href``s; a ``javascript:`` URL in a rules file stays text."""
    return url if url.lower().startswith(("https://", "http://")) else None


@dataclass
class FileView:
    """One file of the report: its text (when kept) and its numbered findings."""

    number: int
    path: str
    text: str | None
    spans: list[tuple[int, Finding]] = field(default_factory=list)
    gaps: list[tuple[int, Finding]] = field(default_factory=list)

    @property
    def counts(self) -> Counter[str]:
        """Findings per severity name, document-level gaps included."""
        return Counter(str(f.severity) for _, f in self.spans + self.gaps)


def build_views(report: Report) -> list[FileView]:
    """Group findings by file and number them in report order (ids ``fd-N``)."""
    paths = sorted(set(report.sources) | {f.path for f in report.findings})
    views = {p: FileView(i + 1, p, report.sources.get(p)) for i, p in enumerate(paths)}
    for n, finding in enumerate(report.findings, 1):
        view = views[finding.path]
        (view.gaps if finding.scope == DOCUMENT else view.spans).append((n, finding))
    return list(views.values())


def badge(severity: str) -> str:
    """A severity label that does not rely on colour alone."""
    return f'<span class="badge sev-{severity}">{_LABELS.get(severity, _e(severity))}</span>'


def card(n: int, finding: Finding, file_number: int) -> str:
    """One finding in full: the single source the popover copies from."""
    sev = str(finding.severity)
    rule = finding.rule
    head = (
        f'<p class="card-head" id="fs-{n}">{badge(sev)} <span class="rule-id">{_e(rule.id)}</span> '
        f'<span class="rule-name">{_e(rule.name)}</span> <span class="cat">· {_e(humanize(rule.category))}</span></p>'
    )
    parts = [head, _where(finding, file_number), f'<p class="msg" id="fm-{n}">{_e(rule.message)}</p>']
    if finding.note:
        parts.append(f'<p class="note">{_e(finding.note)}</p>')
    suggestion = suggestion_for(finding)
    if suggestion:
        parts.append(f'<div class="sugg"><h4>Suggested rewording</h4><blockquote>{_e(suggestion)}</blockquote></div>')
    parts.append(_evidence(finding))
    help_url = safe_url(rule.help_uri)
    if help_url:
        parts.append(f'<p><a href="{_e(help_url)}"{_EXTERNAL}>More about this rule</a></p>')
    return (
        f'<li class="card" id="fd-{n}" data-id="{n}" data-sev="{sev}" data-cat="{_e(rule.category)}">'
        f'<div class="card-body">{"".join(parts)}</div></li>'
    )


def _where(finding: Finding, file_number: int) -> str:
    anchor = f"#f{file_number}-L{finding.line}"
    if finding.scope == DOCUMENT:
        place = f'Whole document · first triggered on <a href="{anchor}">line {finding.line}</a>'
    else:
        place = f'<a href="{anchor}">Line {finding.line}, column {finding.column}</a>'
    match = f" · matched <q>{_e(finding.match)}</q>" if finding.match and finding.scope != DOCUMENT else ""
    return f'<p class="where">{place}{match}</p>'


def _evidence(finding: Finding) -> str:
    if not finding.rule.evidence:
        return ""
    items = []
    for ev in finding.rule.evidence:
        url = safe_url(ev.url)
        link = (
            f' <a class="url" href="{_e(url)}"{_EXTERNAL}>{_e(url)}</a>'
            if url
            else (f" {_e(ev.url)}" if ev.url else "")
        )
        claim = f'<p class="claim">{_e(ev.finding)}</p>' if ev.finding else ""
        items.append(f"<li><cite>{_e(ev.citation or ev.id)}</cite>{link}{claim}</li>")
    return f'<div class="evid"><h4>Evidence</h4><ul>{"".join(items)}</ul></div>'


def _tiles(report: Report, views: Sequence[FileView]) -> str:
    counts = report.by_severity()
    gap_files = sum(1 for v in views if v.gaps)
    tiles = [("Files checked", report.files, ""), ("Findings", len(report.findings), "")]
    tiles += [(_PLURALS[s], counts[s], f" sev-{s}") for s in SEVERITY_NAMES]
    tiles.append(("Files with gaps", gap_files, ""))
    body = "".join(f'<div class="tile{cls}"><dt>{label}</dt><dd>{value}</dd></div>' for label, value, cls in tiles)
    return f'<dl class="tiles">{body}</dl>'


def _category_table(findings: Sequence[Finding]) -> str:
    table: dict[str, Counter[str]] = {}
    for f in findings:
        table.setdefault(f.rule.category, Counter())[str(f.severity)] += 1
    if not table:
        return ""
    order = sorted(table, key=lambda c: (-table[c]["error"], -sum(table[c].values()), c))
    head = "".join(f'<th scope="col" class="num">{_PLURALS[s]}</th>' for s in SEVERITY_NAMES)
    rows = []
    for cat in order:
        cells = "".join(f'<td class="num">{table[cat][s] or ""}</td>' for s in SEVERITY_NAMES)
        total = sum(table[cat].values())
        rows.append(f'<tr><th scope="row">{_e(humanize(cat))}</th>{cells}<td class="num">{total}</td></tr>')
    return (
        '<h3 id="by-category">Findings by category</h3><div class="table-wrap"><table aria-labelledby="by-category">'
        f'<thead><tr><th scope="col">Category</th>{head}<th scope="col" class="num">Total</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _files_table(views: Sequence[FileView]) -> str:
    if not views:
        return ""
    head = "".join(f'<th scope="col" class="num">{_PLURALS[s]}</th>' for s in SEVERITY_NAMES)
    rows = []
    for v in views:
        cells = "".join(f'<td class="num">{v.counts[s] or ""}</td>' for s in SEVERITY_NAMES)
        rows.append(
            f'<tr><th scope="row"><a href="#file-{v.number}">{_e(v.path)}</a></th>{cells}<td>{_gap_list(v)}</td></tr>'
        )
    return (
        '<h3 id="by-file">Files and document-level gaps</h3><div class="table-wrap"><table aria-labelledby="by-file">'
        f'<thead><tr><th scope="col">File</th>{head}<th scope="col">Document-level gaps '
        "(missing disclaimer, risk information, screening advice…)</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _gap_list(view: FileView) -> str:
    if not view.gaps:
        return '<span class="ok">None</span>'
    items = "".join(
        f'<li>{badge(str(f.severity))} <a href="#fd-{n}">{_e(humanize(f.rule.name))}</a></li>' for n, f in view.gaps
    )
    return f'<ul class="gap-list">{items}</ul>'


def _problems(problems: Sequence[FileProblem]) -> str:
    if not problems:
        return ""
    items = "".join(f"<li>{_e(p)}</li>" for p in problems)
    return f'<h3 id="problems">Files that could not be checked</h3><ul class="panel">{items}</ul>'


def _summary(report: Report, views: Sequence[FileView]) -> str:
    return (
        '<section id="summary" aria-labelledby="summary-title"><h2 id="summary-title">Summary</h2>'
        f'<p class="verdict">{_e(summary_line(report))}</p>{_tiles(report, views)}'
        f"{_category_table(report.findings)}{_files_table(views)}{_problems(report.problems)}</section>"
    )


def _chip(group: str, value: str, label: str, count: int) -> str:
    return (
        f'<label class="chip"><input type="checkbox" name="{group}" value="{_e(value)}" checked> {label}'
        f' <span class="count">{count}</span></label>'
    )


def _toolbar(findings: Sequence[Finding]) -> str:
    if not findings:
        return ""
    sev = Counter(str(f.severity) for f in findings)
    cats = Counter(f.rule.category for f in findings)
    sev_chips = "".join(_chip("sev", s, badge(s), sev[s]) for s in SEVERITY_NAMES if sev[s])
    cat_chips = "".join(_chip("cat", c, _e(humanize(c)), cats[c]) for c in sorted(cats))
    return (
        '<section class="toolbar" aria-labelledby="filter-title"><h2 id="filter-title" class="no-print">'
        "Filter findings</h2>"
        f'<fieldset><legend>Severity</legend><div class="chips">{sev_chips}</div></fieldset>'
        f'<fieldset><legend>Category</legend><div class="chips">{cat_chips}</div></fieldset>'
        '<div class="actions"><button type="button" id="filter-reset">Show all</button>'
        '<button type="button" id="print">Print or save as PDF</button></div>'
        f'<p class="status" id="filter-status" role="status">Showing all {len(findings)} findings.</p></section>'
    )


def _file_section(view: FileView, show_text: bool = True) -> str:
    counts = view.counts
    described = ", ".join(_count(counts[s], s) for s in SEVERITY_NAMES if counts[s]) or "No findings"
    parts = [
        f'<section class="file" id="file-{view.number}" aria-labelledby="file-{view.number}-title">',
        f'<header><h2 id="file-{view.number}-title">{_e(view.path)}</h2><p>{_e(described)}</p></header>',
    ]
    if view.gaps:
        cards = "".join(card(n, f, view.number) for n, f in view.gaps)
        parts.append(
            '<div class="gaps"><h3>Document-level gaps</h3>'
            f'<p>Something the whole page needs is missing.</p><ul class="cards">{cards}</ul></div>'
        )
    parts.append(_file_text(view) if show_text else _LEFT_OUT)
    if view.spans:
        cards = "".join(card(n, f, view.number) for n, f in view.spans)
        parts.append(f'<h3>Findings in this file</h3><ol class="cards">{cards}</ol>')
    parts.append("</section>")
    return "".join(parts)


def _file_text(view: FileView) -> str:
    if view.text is None:
        return '<p class="source-note">The text of this file was not kept for the report.</p>'
    anchors = {f.line for _, f in view.gaps}
    source = SourceRenderer(view.text, view.number, view.spans).render(f"Text of {view.path}", anchors)
    if view.spans or view.gaps:
        return source
    lines = plural(len(split_lines(view.text)), "line")
    return f'<details class="quiet-file"><summary>Show the text ({lines})</summary>{source}</details>'


def _generated_at() -> str:
    """UTC time of the run; ``SOURCE_DATE_EPOCH`` pins it for reproducible reports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _packs(report: Report) -> str:
    packs = sorted({r.pack for r in report.rules if r.pack})
    return f" from {', '.join(packs)}" if packs else ""


def iter_html(report: Report) -> Iterator[str]:
    """The page in chunks (one per file), so a large report is never one huge string."""
    views = build_views(report)
    budget = CLEAN_TEXT_BUDGET
    style, script = html_assets.css(), html_assets.JS
    policy = html_assets.content_security_policy(style, script)
    meta = f"claimlint {__version__} · {plural(len(report.rules), 'rule')}{_packs(report)} · {_generated_at()}"
    yield (
        '<!DOCTYPE html>\n<html lang="en" class="no-js"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(policy)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="claimlint">'
        f"<title>Claim review report · {_e(plural(report.files, 'file'))}</title><style>{style}</style></head><body>"
        '<a class="skip" href="#files">Skip to the documents</a>'
        '<header class="site-head"><div class="wrap"><h1>Claim review report</h1>'
        f"<p>Health-marketing copy checked for risky claims · {_e(meta)}</p></div></header>"
        f'<main class="wrap">{_summary(report, views)}{_toolbar(report.findings)}<div id="files">'
    )
    for view in views:
        clean = not (view.spans or view.gaps)
        size = len(view.text or "")
        show = not clean or size <= budget
        budget -= size if clean and show else 0
        yield _file_section(view, show)
    yield (
        '</div><div class="pop" id="pop" role="dialog" aria-modal="false" aria-labelledby="pop-title" '
        'tabindex="-1" hidden><div class="pop-head"><h2 id="pop-title">Finding</h2>'
        '<button type="button" class="pop-close" id="pop-close" aria-label="Close details">×</button></div>'
        '<div id="pop-body"></div></div></main>'
        '<footer class="site-foot"><div class="wrap">Flags wording for human review; it is not legal advice. '
        f"Generated by claimlint {_e(__version__)}.</div></footer>"
        f"<script>{script}</script></body></html>\n"
    )


def render_html(report: Report) -> str:
    """The whole page as one string."""
    return "".join(iter_html(report))


class HtmlReporter:
    """Writes the self-contained review page."""

    def __init__(self, options: Mapping[str, Any]) -> None:
        self.options = options

    def render(self, report: Report, stream: IO[str]) -> None:
        """Write the page, file by file."""
        for chunk in iter_html(report):
            stream.write(chunk)


REPORTER = ReporterSpec("html", HtmlReporter, "Self-contained HTML page for compliance reviewers.")
