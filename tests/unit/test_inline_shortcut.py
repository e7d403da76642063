"""inline.searchable's shortcut: when may_join() says no, the cleaned copies add no word."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimlint.sources import inline

_RUN = re.compile(r"[^\W_]+")
_SOUP = [
    "nat", "ural", "1", "é", " ", "\n", "*", "**", "_", "__", "~~", "`", "``", "<b>", "</b>", "<span a='x y'>",
    "<!--", "-->", "[", "]", "(", ")", "](u)", "![", "&amp;", "&#97;", "&am", "p;", "&#", "\\", "http://x.co",
    "www.", "<", ">", "{", "}", "{/*", "*/}", "<https://a.b>", "<a@b.co>", "[x]", "![a](b)",
]  # fmt: skip


def _runs(text: str) -> set[str]:
    return set(_RUN.findall(text.lower()))


@pytest.mark.parametrize(
    "text",
    ["nat**ural**", "nat`x`ural", "nat<b>ural</b>", "a__b", "a\\*b", "a\\_b", "x[link](u)y", "nat&#117;ral", "&am**p;"],
)
def test_markup_inside_a_word_takes_the_full_path(text: str) -> None:
    assert inline.may_join(text)
    assert inline.searchable(text) == inline.full_searchable(text)


@pytest.mark.parametrize(
    "text",
    ["about_Functions and $_", "see [the docs](https://x.y/z).", "**Note**: `Get-Help` (`-Full`)", "a & b, `&` op", ""],
)
def test_prose_with_markup_between_words_is_searched_as_is(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not inline.may_join(text)
    monkeypatch.setattr(inline, "_cleaned", [inline.GLUE_AFTER + 1])
    assert inline.searchable(text) is text
    assert _runs(inline.full_searchable(text)) <= _runs(text)


def test_the_check_is_only_tried_once_enough_text_was_cleaned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inline, "_cleaned", [0])
    text = "plain prose " * (inline.GLUE_AFTER // 12 + 1)
    assert inline.searchable(text) == inline.full_searchable(text)
    assert inline.searchable(text) is text


@settings(max_examples=600, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(_SOUP), max_size=14), st.booleans())
def test_no_join_means_no_new_word(tokens: list[str], mdx: bool) -> None:
    text = "".join(tokens)
    if not inline.may_join(text):
        assert _runs(inline.full_searchable(text, mdx)) <= _runs(text), text


@pytest.mark.parametrize(
    "text", ["Intro.\n\n![ket*amine*](x.png)\n", "![ket<b>amine</b>](x.png)", "![ket&#97;mine](x)"]
)
def test_image_alt_text_with_markup_inside_a_word_is_searchable(text: str) -> None:
    """The alt segment reads "ketamine", so the prefilter must see the word (it once saw ``ket*amine*``)."""
    assert "ketamine" in _runs(inline.searchable(text))


def test_the_join_check_keeps_re2s_default_budget_while_rule_filters_get_the_small_one() -> None:
    """The join check scans whole files: in the filters' 2 MB its DFA kept flushing (5x the CPU on a docs corpus)."""
    from claimlint import multisearch

    glue = inline._glue()
    if glue is None:
        pytest.skip("google-re2 not installed")
    assert glue.options.max_mem == inline.GLUE_MEM > multisearch.REGEX_MEM
    assert multisearch.compile_re2("ketamine").options.max_mem == multisearch.REGEX_MEM
