"""The Markdown line scanner: restart lines, fences, HTML blocks, and when it gives up."""

from __future__ import annotations

import pytest

from claimlint.sources import mdscan


def lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (lines("# Title", "", "Para one", "wraps", "", "Para two"), [0, 2, 5]),
        (lines("", "", "First"), [0, 2]),
        (lines("- a", "", "- b", "", "  indented"), [0, 2]),
        (lines("> quote", "", "after"), [0, 2]),
        (lines("    code", "", "    more code", "", "text"), [0, 4]),
        (lines("a", "   ", "b"), [0, 2]),
        (lines("a", "\t", "b"), [0, 2]),
        ("a\r\n\r\nb\r\n", [0, 2]),
        (lines("a", "", " b"), [0]),
    ],
    ids=[
        *("paragraphs", "leading-blanks", "list-item-continues", "quote", "indented-code"),
        *("spaces", "tab", "crlf", "indented"),
    ],
)
def test_restart_lines(body: str, expected: list[int]) -> None:
    assert mdscan.restart_lines(body) == expected


def test_fence_content_never_restarts() -> None:
    body = lines("Intro", "", "```md", "", "# not a heading", "", "text", "```", "", "After")
    assert mdscan.restart_lines(body) == [0, 2, 9]


def test_longer_or_other_fence_lines_do_not_close() -> None:
    body = lines("````", "```", "", "inside", "~~~~", "", "still", "````", "", "out")
    assert mdscan.restart_lines(body) == [0, 9]


def test_backtick_info_with_backtick_is_not_a_fence() -> None:
    body = lines("```js`", "", "para")
    assert mdscan.restart_lines(body) == [0, 2]


def test_unclosed_fence_runs_to_the_end() -> None:
    assert mdscan.restart_lines(lines("a", "", "```", "", "b", "", "c")) == [0, 2]


def test_spanning_html_comment_is_one_region() -> None:
    body = lines("<!-- start", "", "hidden", "", "-->", "", "after")
    assert mdscan.restart_lines(body) == [0, 6]


def test_html_inside_a_fence_is_code() -> None:
    body = lines("```html", "<div>", "", "x", "```", "", "after")
    assert mdscan.restart_lines(body) == [0, 6]


def test_type_six_block_ends_at_blank_line() -> None:
    assert mdscan.restart_lines(lines("<div>", "text", "", "after")) == [0, 3]


def test_col_zero_fence_closes_at_an_indented_closer() -> None:
    assert mdscan.restart_lines(lines("```", "  ```", "", "x")) == [0, 3]


def test_spanning_html_interrupts_a_paragraph() -> None:
    assert mdscan.restart_lines(lines("para <x", "<!--", "", "-->", "", "y")) == [0, 5]


def test_indented_fence_closed_at_same_depth_agrees() -> None:
    body = lines("- item", "", "  ```", "", "  code", "  ```", "", "after")
    assert mdscan.restart_lines(body) == [0, 7]


@pytest.mark.parametrize(
    "body",
    [
        lines("<div>", "```", "", "x"),
        lines("<x>", "<!--", "", "-->"),
        lines("  <!-- open", "", "x -->"),
        lines("- a", "  ```", "x", "  ```"),
        lines("   ```", "code"),
        "a\rb\r\rc",
    ],
    ids=[
        "fence-in-html-block",
        "spanning-html-after-html-line",
        "indented-spanning-html",
        "indented-fence-shallower-line",
        "indented-fence-unclosed",
        "lone-cr",
    ],
)
def test_unsure_gives_up(body: str) -> None:
    assert mdscan.restart_lines(body) is None


def test_groups_merge_neighbours_and_drop_far_lines() -> None:
    restarts = [0, 3, 6, 9]
    assert mdscan.groups(restarts, [4, 7, 99, -1], 12) == [(3, 9)]
    assert mdscan.groups(restarts, [0, 11], 12) == [(0, 3), (9, 12)]
    assert mdscan.groups(restarts, [], 12) == []


def test_scan_reports_fenced_code_lines() -> None:
    body = lines("a", "", "```", "x $", "", "```", "", "b", "~~~", "y")
    assert mdscan.scan(body) == ([0, 2, 7], [(3, 6), (9, 11)])


def test_outside_drops_lines_in_ranges() -> None:
    assert mdscan.outside([(3, 6), (9, 11)], [0, 3, 5, 6, 8, 9, 12]) == [0, 6, 8, 12]
    assert mdscan.outside([], [1, 2]) == [1, 2]
