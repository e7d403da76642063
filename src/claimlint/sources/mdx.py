"""MDX: Markdown plus JSX.

Top-level ``import``/``export`` blocks and ``{...}`` expressions are code,
not copy; ``{/* claimlint-... */}`` comments are suppression directives,
like HTML comments in Markdown.
"""

from __future__ import annotations

from claimlint.api import AnchorFinder, ParsedSource, SourceFormat
from claimlint.sources import inline
from claimlint.sources.markdown import focus_text, parse_text


def parse(text: str) -> ParsedSource:
    """Parse an MDX document."""
    return parse_text(text, mdx=True)


def focus(text: str, find: AnchorFinder) -> ParsedSource | None:
    """See :func:`claimlint.sources.markdown.focus_text` (import/export blocks are blanked first)."""
    return focus_text(text, find, mdx=True)


def searchable(text: str) -> str:
    """See :func:`claimlint.sources.inline.searchable`; JSX braces are dropped too."""
    return inline.searchable(text, mdx=True)


FORMAT = SourceFormat(
    name="mdx",
    extensions=(".mdx",),
    parse=parse,
    focus=focus,
    doc="MDX: Markdown without import/export blocks and JSX expressions.",
    searchable=searchable,
)
