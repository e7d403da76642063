"""The inline CSS and JavaScript of ``--format html``, and the colours they use.

Kept apart from the markup so the palette can be checked for contrast in a
unit test and the script can be hashed into the page's Content-Security-Policy:
the report loads nothing from the network and runs no script but this one.
"""

from __future__ import annotations

import base64
import hashlib

COLORS: dict[str, str] = {
    "ink": "#1b1f24",
    "muted": "#57606a",
    "paper": "#ffffff",
    "panel": "#f6f8fa",
    "line": "#d0d7de",
    "header": "#1b2733",
    "header-muted": "#c9d1d9",
    "link": "#0a58ca",
    "focus": "#1f6feb",
    "error": "#b3261e",
    "error-bg": "#ffe3df",
    "warning": "#8a4b00",
    "warning-bg": "#fff1c7",
    "info": "#0b5cad",
    "info-bg": "#ddecff",
}

# Every (text, background) pair the stylesheet draws; each must reach WCAG AA (4.5:1).
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("ink", "paper"),
    ("ink", "panel"),
    ("muted", "paper"),
    ("muted", "panel"),
    ("link", "paper"),
    ("link", "panel"),
    ("paper", "header"),
    ("header-muted", "header"),
    ("paper", "error"),
    ("paper", "warning"),
    ("paper", "info"),
    ("ink", "error-bg"),
    ("ink", "warning-bg"),
    ("ink", "info-bg"),
    ("error", "error-bg"),
    ("warning", "warning-bg"),
    ("info", "info-bg"),
    ("error", "paper"),
    ("warning", "paper"),
    ("info", "paper"),
)

_CSS_BODY = """
*,*::before,*::after{box-sizing:border-box}
html{color-scheme:light;-webkit-text-size-adjust:100%}
body{margin:0;background:var(--panel);color:var(--ink);
 font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:var(--link)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--paper);padding:.5rem 1rem;z-index:20}
.skip:focus{left:1rem}
.site-head{background:var(--header);color:var(--paper);padding:1.5rem 0 1.25rem}
.site-head h1{margin:0;font-size:1.6rem;letter-spacing:-.01em}
.site-head p{margin:.35rem 0 0;color:var(--header-muted)}
.wrap{max-width:74rem;margin:0 auto;padding:0 1.25rem}
main{padding-bottom:3rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem}
h3{font-size:1.05rem;margin:1.5rem 0 .5rem}
h4{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:.8rem 0 .25rem}
.panel{background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:1rem 1.25rem}
.verdict{font-size:1.1rem;margin:1.25rem 0 0}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.75rem;margin:1rem 0 0;padding:0}
.tile{background:var(--paper);border:1px solid var(--line);border-top:4px solid var(--line);border-radius:8px;
 padding:.75rem 1rem;margin:0}
.tile dt{font-size:.85rem;color:var(--muted)}
.tile dd{margin:0;font-size:1.8rem;font-weight:700;line-height:1.2}
.tile.sev-error{border-top:4px solid var(--error)}
.tile.sev-warning{border-top:4px solid var(--warning)}
.tile.sev-info{border-top:4px solid var(--info)}
table{border-collapse:collapse;width:100%;background:var(--paper)}
caption{text-align:left;font-weight:600;padding:.5rem 0}
th,td{border-bottom:1px solid var(--line);padding:.45rem .6rem;text-align:left;vertical-align:top}
thead th{background:var(--panel);font-size:.85rem;color:var(--muted)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;width:1%;white-space:nowrap;padding-left:1.5rem}
.table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:8px}
.ok{color:var(--muted)}
.badge{display:inline-block;border-radius:4px;padding:0 .45em;font-size:.78rem;font-weight:700;
 line-height:1.6;color:var(--paper);white-space:nowrap}
.badge.sev-error{background:var(--error)}
.badge.sev-warning{background:var(--warning)}
.badge.sev-info{background:var(--info)}
.gap-list{margin:0;padding:0;list-style:none}
.gap-list li{margin:.15rem 0}
.toolbar{margin:2rem 0 0;display:flex;flex-wrap:wrap;gap:1rem 2rem;align-items:flex-start;
 background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:1rem 1.25rem}
.toolbar h2{flex-basis:100%;margin:0}
.no-js .toolbar{display:none}
.toolbar fieldset{border:0;margin:0;padding:0;min-width:0}
.toolbar legend{font-weight:600;padding:0;margin-bottom:.35rem}
.chips{display:flex;flex-wrap:wrap;gap:.4rem}
.chip{display:inline-flex;align-items:center;gap:.35rem;border:1px solid var(--line);border-radius:999px;
 padding:.15rem .7rem .15rem .5rem;background:var(--paper);cursor:pointer;font-size:.9rem}
.chip:has(input:not(:checked)){background:var(--panel);color:var(--muted)}
.chip input{margin:0;accent-color:var(--focus)}
.chip .count{color:var(--muted);font-variant-numeric:tabular-nums}
.toolbar .actions{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}
button{font:inherit;cursor:pointer;border:1px solid var(--line);border-radius:6px;background:var(--paper);
 color:var(--ink);padding:.3rem .8rem}
button:hover{background:var(--panel)}
.status{margin:.5rem 0 0;color:var(--muted);flex-basis:100%}
.file{margin-top:2.5rem}
.file>header h2{margin:0;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:1.1rem;
 overflow-wrap:anywhere}
.file>header p{margin:.3rem 0 0;color:var(--muted)}
.gaps{border-left:4px solid var(--error);background:var(--paper);border-radius:0 8px 8px 0;
 padding:.25rem 1.25rem .75rem;margin:1rem 0;border-top:1px solid var(--line);border-right:1px solid var(--line);
 border-bottom:1px solid var(--line)}
.gaps h3{margin-top:.75rem}
.source{background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:.5rem 0;margin:1rem 0;
 font-size:.95rem;overflow-wrap:anywhere}
.source-note{color:var(--muted);font-style:italic}
.source{counter-reset:ln}
.line{position:relative;min-height:1.55em;padding:0 1rem 0 5rem;white-space:pre-wrap;tab-size:4;counter-increment:ln}
.line::before{content:counter(ln);content:counter(ln) / "";position:absolute;left:0;top:0;bottom:0;width:4rem;
 padding-right:.9rem;text-align:right;color:var(--muted);font-size:.85em;line-height:1.82;
 font-variant-numeric:tabular-nums;border-right:1px solid var(--line);white-space:nowrap}
.line[data-sev=error]::before{box-shadow:inset -4px 0 var(--error)}
.line[data-sev=warning]::before{box-shadow:inset -4px 0 var(--warning)}
.line[data-sev=info]::before{box-shadow:inset -4px 0 var(--info)}
.line:target{background:var(--panel)}
.hl{color:var(--ink);text-decoration:none;border-radius:2px;padding:1px 0;border-bottom:2px solid;
 -webkit-box-decoration-break:clone;box-decoration-break:clone;cursor:pointer}
.hl[data-sev=error]{background:var(--error-bg);border-bottom-color:var(--error)}
.hl[data-sev=warning]{background:var(--warning-bg);border-bottom-color:var(--warning);border-bottom-style:dashed}
.hl[data-sev=info]{background:var(--info-bg);border-bottom-color:var(--info);border-bottom-style:dotted}
.hl.multi{border-bottom-width:4px;border-bottom-style:double}
.hl.off{background:none;border-bottom-color:transparent;cursor:text}
.hl[aria-expanded=true]{outline:2px solid var(--focus);outline-offset:1px}
.cards{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}
.card{background:var(--paper);border:1px solid var(--line);border-left:4px solid var(--line);border-radius:0 8px 8px 0;
 padding:.75rem 1rem}
.card[data-sev=error]{border-left-color:var(--error)}
.card[data-sev=warning]{border-left-color:var(--warning)}
.card[data-sev=info]{border-left-color:var(--info)}
.gaps .card{border-left:1px solid var(--line);border-radius:8px}
.card p{margin:.25rem 0}
.card-head{display:flex;flex-wrap:wrap;gap:.25rem .6rem;align-items:baseline}
.rule-id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9rem;font-weight:600}
.cat{color:var(--muted);font-size:.9rem}
.where{color:var(--muted);font-size:.9rem}
.msg{font-weight:500}
.sugg blockquote{margin:0;padding:.5rem .8rem;background:var(--panel);border-radius:6px;
 border-left:3px solid var(--focus)}
.evid ul{margin:0;padding-left:1.1rem}
.evid li{margin:.2rem 0}
.evid .url{overflow-wrap:anywhere}
.evid .claim{color:var(--muted);font-size:.9rem;margin:.1rem 0 0}
q{font-style:italic}
.pop{position:absolute;z-index:10;width:min(30rem,calc(100vw - 1.5rem));max-height:min(70vh,34rem);overflow:auto;
 background:var(--paper);border:1px solid var(--line);border-radius:10px;box-shadow:0 10px 30px rgba(27,31,36,.22);
 padding:.25rem 1rem 1rem}
.pop:focus{outline:none}
.pop:focus-visible{outline:3px solid var(--focus)}
.pop-head{display:flex;justify-content:space-between;align-items:center;gap:1rem;position:sticky;top:0;
 background:var(--paper);padding:.6rem 0 .4rem;border-bottom:1px solid var(--line)}
.pop-head h2{margin:0;font-size:1rem}
.pop-close{border:0;font-size:1.4rem;line-height:1;padding:.1rem .5rem}
.pop-item{padding:.5rem 0;border-bottom:1px solid var(--line)}
.pop-item:last-child{border-bottom:0}
.clean{color:var(--muted)}
details.quiet-file summary{cursor:pointer;color:var(--link)}
.site-foot{color:var(--muted);font-size:.85rem;padding:2rem 0}
@media (max-width:40rem){.line{padding:0 .5rem 0 3.25rem}.line::before{width:2.75rem;padding-right:.5rem}}
@media (prefers-reduced-motion:reduce){*{scroll-behavior:auto!important}}
@media print{
 body{background:var(--paper);font-size:10.5pt}
 .site-head{background:none;color:var(--ink);padding:0 0 .5rem;border-bottom:2px solid var(--ink)}
 .site-head p{color:var(--muted)}
 .toolbar,.pop,.skip,.no-print{display:none!important}
 .wrap{max-width:none;padding:0}
 .file{break-before:page}
 .card,.tile,tr,.gaps{break-inside:avoid}
 .source{border:0;padding:0}
 .hl,.badge,.tile,.line::before{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .evid a[href]::after{content:" <" attr(href) ">";overflow-wrap:anywhere}
 .hl[href]::after,.where a::after{content:none}
 .table-wrap{overflow:visible;border:0}
}
"""

JS = """
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.classList.remove("no-js");
  var RANK = {error: 3, warning: 2, info: 1};
  var pop = doc.getElementById("pop");
  var popBody = doc.getElementById("pop-body");
  var popTitle = doc.getElementById("pop-title");
  var status = doc.getElementById("filter-status");
  var cards = Object.create(null);
  var opener = null;
  var quiet = false;
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  each(doc.querySelectorAll(".card[data-id]"), function (c) { cards[c.getAttribute("data-id")] = c; });
  var hls = Array.prototype.slice.call(doc.querySelectorAll(".hl"));
  var boxes = doc.querySelectorAll(".toolbar input[type=checkbox]");

  function ids(hl) { return hl.getAttribute("data-ids").split(" "); }
  function shownIds(hl) { return ids(hl).filter(function (i) { return cards[i] && !cards[i].hidden; }); }

  function fill(hl) {
    var shown = shownIds(hl);
    while (popBody.firstChild) { popBody.removeChild(popBody.firstChild); }
    popTitle.textContent = shown.length > 1 ? shown.length + " findings on this passage" : "Finding";
    shown.forEach(function (i) {
      var body = cards[i].querySelector(".card-body").cloneNode(true);
      each(body.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
      var item = doc.createElement("section");
      item.className = "pop-item";
      item.appendChild(body);
      popBody.appendChild(item);
    });
  }

  function place(hl) {
    var rect = hl.getClientRects()[0] || hl.getBoundingClientRect();
    pop.hidden = false;
    var width = pop.offsetWidth;
    var view = doc.documentElement.clientWidth;
    var left = Math.max(8, Math.min(rect.left, view - width - 8));
    pop.style.left = (left + window.scrollX) + "px";
    pop.style.top = (rect.bottom + window.scrollY + 8) + "px";
  }

  function open(hl, focusPopover) {
    if (opener && opener !== hl) { opener.setAttribute("aria-expanded", "false"); }
    opener = hl;
    fill(hl);
    place(hl);
    hl.setAttribute("aria-expanded", "true");
    if (focusPopover) { pop.focus(); }
  }

  function close(returnFocus) {
    if (pop.hidden) { return; }
    var from = opener;
    pop.hidden = true;
    opener = null;
    if (!from) { return; }
    from.setAttribute("aria-expanded", "false");
    if (returnFocus && doc.activeElement !== from) { quiet = true; from.focus(); }
  }

  function isLive(el) { return el && el.classList && el.classList.contains("hl") && el.hasAttribute("href"); }

  function nextHighlight(from) {
    var start = hls.indexOf(from);
    for (var k = start + 1; k < hls.length; k++) {
      if (isLive(hls[k]) && hls[k].tabIndex >= 0) { return hls[k]; }
    }
    return null;
  }

  doc.addEventListener("click", function (e) {
    var hl = e.target.closest ? e.target.closest(".hl") : null;
    if (isLive(hl)) { e.preventDefault(); open(hl, true); return; }
    var jump = e.target.closest ? e.target.closest("a[href^='#']") : null;
    if (!pop.contains(e.target) || jump) { close(false); }
  });

  doc.addEventListener("focusin", function (e) {
    var t = e.target;
    if (isLive(t)) {
      if (quiet) { quiet = false; return; }
      open(t, false);
      return;
    }
    if (!pop.contains(t)) { close(false); }
  });

  doc.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !pop.hidden) { e.preventDefault(); close(true); }
  });

  pop.addEventListener("keydown", function (e) {
    if (e.key !== "Tab") { return; }
    var focusable = pop.querySelectorAll("a[href],button");
    var last = focusable[focusable.length - 1];
    if (e.shiftKey && (doc.activeElement === pop || doc.activeElement === focusable[0])) {
      e.preventDefault();
      close(true);
    } else if (!e.shiftKey && doc.activeElement === last) {
      e.preventDefault();
      var next = nextHighlight(opener);
      if (next) { next.focus(); } else { close(true); }
    }
  });

  doc.getElementById("pop-close").addEventListener("click", function () { close(true); });
  window.addEventListener("resize", function () { if (opener) { place(opener); } });

  function setLive(hl, sev, count) {
    if (sev) {
      if (!hl.hasAttribute("href")) { hl.setAttribute("href", hl.getAttribute("data-href")); }
      hl.setAttribute("aria-describedby", hl.getAttribute("data-described"));
      hl.setAttribute("data-sev", sev);
      hl.classList.remove("off");
    } else {
      hl.removeAttribute("href");
      hl.removeAttribute("aria-describedby");
      hl.removeAttribute("data-sev");
      hl.classList.add("off");
    }
    hl.classList.toggle("multi", count > 1);
  }

  function worst(list) {
    var best = "";
    list.forEach(function (s) { if (s && (!best || RANK[s] > RANK[best])) { best = s; } });
    return best;
  }

  function applyFilters() {
    var on = {sev: Object.create(null), cat: Object.create(null)};
    each(boxes, function (b) { if (b.checked) { on[b.name][b.value] = true; } });
    var total = 0, shown = 0;
    Object.keys(cards).forEach(function (i) {
      var c = cards[i];
      var visible = !!(on.sev[c.getAttribute("data-sev")] && on.cat[c.getAttribute("data-cat")]);
      c.hidden = !visible;
      total += 1;
      if (visible) { shown += 1; }
    });
    var lines = new Set();
    hls.forEach(function (hl) {
      var visible = shownIds(hl);
      setLive(hl, worst(visible.map(function (i) { return cards[i].getAttribute("data-sev"); })), visible.length);
      var line = hl.closest(".line");
      if (line) { lines.add(line); }
    });
    lines.forEach(function (line) {
      var marks = line.querySelectorAll(".hl");
      var sev = worst(Array.prototype.map.call(marks, function (h) { return h.getAttribute("data-sev"); }));
      if (sev) { line.setAttribute("data-sev", sev); } else { line.removeAttribute("data-sev"); }
    });
    if (status) {
      status.textContent = shown === total ? "Showing all " + total + " findings." :
        "Showing " + shown + " of " + total + " findings.";
    }
    close(false);
  }

  each(boxes, function (b) { b.addEventListener("change", applyFilters); });
  var reset = doc.getElementById("filter-reset");
  if (reset) {
    reset.addEventListener("click", function () { each(boxes, function (b) { b.checked = true; }); applyFilters(); });
  }
  var printButton = doc.getElementById("print");
  if (printButton) { printButton.addEventListener("click", function () { window.print(); }); }
  window.addEventListener("beforeprint", function () {
    each(doc.querySelectorAll("details"), function (d) { d.open = true; });
  });
})();
"""


def css() -> str:
    """The stylesheet, with the palette as CSS custom properties."""
    props = ";".join(f"--{name}:{value}" for name, value in COLORS.items())
    return f":root{{{props}}}{_CSS_BODY}"


def csp_hash(content: str) -> str:
    """A CSP source expression allowing exactly this inline script or style."""
    digest = hashlib.sha256(content.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(style: str, script: str) -> str:
    """Allow only our own inline style and script; block every network load."""
    return (
        "default-src 'none'; "
        f"style-src {csp_hash(style)}; "
        f"script-src {csp_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
