"""Built-in source formats are registered as deferred formats that agree with the modules' own."""

from __future__ import annotations

import subprocess
import sys

import pytest

from claimlint import sources


@pytest.mark.parametrize("name", list(sources._SPECS))
def test_deferred_format_matches_the_module(name: str) -> None:
    deferred = {fmt.name: fmt for fmt in sources.FORMATS()}[name]
    own = sources.loaded(sources._SPECS[name].module)
    assert (deferred.name, deferred.extensions, deferred.doc) == (own.name, own.extensions, own.doc)
    assert (deferred.searchable is None) == (own.searchable is None)
    assert (deferred.focus is None) == (own.focus is None)


@pytest.mark.parametrize("name", list(sources._SPECS))
def test_deferred_functions_give_the_modules_results(name: str) -> None:
    deferred = {fmt.name: fmt for fmt in sources.FORMATS()}[name]
    own = sources.loaded(sources._SPECS[name].module)
    text = "# Title\n\nSome *ketamine* &amp; <b>relief</b> text.\n"
    assert deferred.parse(text) == own.parse(text)
    if own.searchable is not None and deferred.searchable is not None:
        assert deferred.searchable(text) == own.searchable(text)


def test_registering_the_formats_imports_no_parser() -> None:
    probe = (
        "import sys\nfrom claimlint import sources\nlist(sources.FORMATS())\n"
        "print(sorted(m for m in sys.modules if m.startswith(('markdown_it', 'html.parser', 'claimlint.sources.'))))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
