"""Built-in source formats; each module exposes ``FORMAT``.

A one-page run reads one format, and most pages are never parsed (the
prefilter finds nothing that can fire), so the registry gets deferred
formats: a format's module, and with it markdown-it or ``html.parser``, is
imported only when one of its functions is first called. ``_SPECS`` repeats
what the registry needs without importing (name, extensions, doc, which
optional functions exist); a unit test checks it against each module's own
``FORMAT``. Markdown's and MDX's ``searchable`` go straight to
:mod:`claimlint.sources.inline`, so the prefilter of a page that turns out
to need no parse never imports markdown-it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from claimlint.api import SourceFormat


class _Spec(NamedTuple):
    module: str
    extensions: tuple[str, ...]
    doc: str
    searchable: tuple[str, bool] | None
    focus: bool


_SPECS = {
    "text": _Spec("text", (".txt", ".text"), "Plain text; paragraphs are separated by blank lines.", None, False),
    "markdown": _Spec(
        "markdown",
        (".md", ".markdown"),
        "Markdown: headings, paragraphs, lists, table rows, alt text, front matter title/description.",
        ("inline", False),
        True,
    ),
    "mdx": _Spec(
        "mdx", (".mdx",), "MDX: Markdown without import/export blocks and JSX expressions.", ("inline", True), True
    ),
    "html": _Spec(
        "html",
        (".html", ".htm", ".xhtml"),
        "HTML: text nodes, <title>, meta descriptions, alt/title/aria-label attributes.",
        ("html", False),
        False,
    ),
}
_MODULES = tuple(spec.module for spec in _SPECS.values())


def FORMATS() -> Iterator[SourceFormat]:  # noqa: N802 - a registry accessor
    """Yield a deferred format for each built-in one."""
    for name, spec in _SPECS.items():
        searchable = None
        if spec.searchable is not None:
            module, mdx = spec.searchable
            searchable = _Deferred(module, "searchable", {"mdx": True} if mdx else {})
        yield SourceFormat(
            name=name,
            extensions=spec.extensions,
            parse=_Deferred(spec.module, "parse"),
            doc=spec.doc,
            searchable=searchable,
            focus=_Deferred(spec.module, "focus") if spec.focus else None,
        )


def loaded(module: str) -> SourceFormat:
    """The format module ``module`` itself declares (imports it)."""
    fmt: SourceFormat = _module(module).FORMAT
    return fmt


def _module(name: str) -> Any:
    from importlib import import_module

    return import_module(f"claimlint.sources.{name}")


class _Deferred:
    """One function of a sources module, imported on the first call."""

    def __init__(self, module: str, attr: str, kwargs: dict[str, Any] | None = None) -> None:
        self.module = module
        self.attr = attr
        self.kwargs = kwargs or {}
        self.func: Any = None

    def __call__(self, *args: Any) -> Any:
        if self.func is None:
            self.func = getattr(_module(self.module), self.attr)
        return self.func(*args, **self.kwargs)
