"""Module-level ``re`` patterns compiled when first used, not when their module is imported.

The rule-type and source modules keep about eighty stdlib patterns at module
level; compiling them all cost about 25 ms of CPU per process, every
``claimlint check`` of one page (as pre-commit runs it) and every worker,
while a page of plain copy uses a handful of them. :func:`lazy` keeps the
definition where it was (``_QUOTE = lazy(r"...")``) and compiles on the first
attribute asked for. It then copies the compiled pattern's methods onto
itself, so later calls are a plain attribute lookup, as fast as on the
pattern itself.
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast

#: What a pattern offers; copied onto the proxy once it has compiled.
_ATTRIBUTES = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "flags",
    "groups",
    "groupindex",
)


class _LazyPattern:
    """Stands in for ``re.compile(pattern, flags)`` until an attribute of it is needed."""

    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or "pattern" not in self.__dict__:
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self._flags})"


def lazy(pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, deferred until the pattern is first used.

    The result offers the methods and ``pattern``, ``flags``, ``groups`` and
    ``groupindex`` of a compiled pattern (all but ``pattern`` compile it),
    but it is not one: pass ``.pattern`` where an API wants a ``re.Pattern``.
    """
    return cast("re.Pattern[AnyStr]", _LazyPattern(pattern, int(flags)))
