"""Parse the body of an inline suppression comment.

Forms (in an HTML/Markdown comment, or after ``claimlint:`` in plain text)::

    claimlint-disable-next-line CL011,CL021 -- approved by legal 2026-01
    claimlint-disable CL011 -- reason
    claimlint-enable CL011
    claimlint-disable-file natural-claim -- reason
"""

from __future__ import annotations

import re

from claimlint.model import Directive

_FORM = re.compile(
    r"^\s*claimlint-(disable-next-line|disable-line|disable-file|disable|enable)\b"
    r"(?P<ids>[^-]*(?:-(?!-)[^-]*)*)(?:--\s*(?P<reason>.*?))?\s*$",
    re.DOTALL,
)


def parse_directive(body: str, line: int, column: int, end_line: int = 0) -> Directive | None:
    """A Directive if ``body`` is a claimlint comment, else None."""
    m = _FORM.match(body)
    if m is None:
        return None
    ids = tuple(i for i in re.split(r"[\s,]+", m.group("ids").strip()) if i)
    reason = (m.group("reason") or "").strip()
    return Directive(m.group(1), ids, reason, line, column, end_line or line)
