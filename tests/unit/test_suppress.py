"""Inline suppression: ranges, reasons, unused/unknown ids and unmatched enables."""

from __future__ import annotations

from claimlint.model import Directive, Finding, Rule, Severity
from claimlint.sources.directives import parse_directive
from claimlint.suppress import apply_directives

NATURAL = Rule("T001", "natural-claim", "natural-claim", Severity.ERROR, "phrase", "Natural.")
SPEED = Rule("T002", "speed", "speed-of-relief", Severity.WARNING, "pattern", "Speed.")
HYPE = Rule("T003", "hype", "miracle-hype", Severity.INFO, "phrase", "Hype.")
RULES = [NATURAL, SPEED, HYPE]


def _finding(rule: Rule, line: int) -> Finding:
    return Finding("a.txt", line, 1, line, 5, rule, "x")


def _d(body: str, line: int, end_line: int = 0) -> Directive:
    found = parse_directive(body, line, 1, end_line)
    assert found is not None
    return found


def _ids(findings: list[Finding]) -> list[tuple[str, int]]:
    return sorted((f.rule.id, f.line) for f in findings)


def test_next_line_silences_only_the_next_line() -> None:
    findings = [_finding(NATURAL, 3), _finding(NATURAL, 4)]
    kept, problems = apply_directives("a.txt", findings, [_d("claimlint-disable-next-line T001 -- ok", 2)], RULES)
    assert _ids(kept) == [("T001", 4)]
    assert problems == []


def test_next_line_counts_from_the_end_of_a_multiline_comment() -> None:
    kept, _ = apply_directives(
        "a.txt", [_finding(NATURAL, 5)], [_d("claimlint-disable-next-line T001 -- ok", 2, end_line=4)], RULES
    )
    assert kept == []


def test_ids_match_by_prefix_name_and_category() -> None:
    findings = [_finding(NATURAL, 2), _finding(SPEED, 2), _finding(HYPE, 2)]
    for selector in ("T00", "natural-claim,speed,miracle-hype"):
        kept, _ = apply_directives("a.txt", findings, [_d(f"claimlint-disable-next-line {selector} -- ok", 1)], RULES)
        assert kept == []


def test_disable_enable_range() -> None:
    findings = [_finding(NATURAL, n) for n in (1, 3, 5, 7)]
    directives = [_d("claimlint-disable T001 -- legal ok", 2), _d("claimlint-enable T001", 6)]
    kept, _ = apply_directives("a.txt", findings, directives, RULES)
    assert _ids(kept) == [("T001", 1), ("T001", 7)]


def test_partial_enable_keeps_the_other_ids_disabled() -> None:
    findings = [_finding(NATURAL, 3), _finding(NATURAL, 8), _finding(SPEED, 8)]
    directives = [_d("claimlint-disable T001,T002 -- ok", 1), _d("claimlint-enable T001", 5)]
    kept, _ = apply_directives("a.txt", findings, directives, RULES)
    assert _ids(kept) == [("T001", 8)]


def test_enable_of_one_id_after_blanket_disable() -> None:
    findings = [_finding(NATURAL, 8), _finding(SPEED, 8), _finding(SPEED, 3)]
    directives = [_d("claimlint-disable -- whole section approved", 1), _d("claimlint-enable T001", 5)]
    kept, _ = apply_directives("a.txt", findings, directives, RULES)
    assert _ids(kept) == [("T001", 8)]


def test_disable_file_covers_every_line() -> None:
    findings = [_finding(NATURAL, 1), _finding(NATURAL, 900)]
    kept, _ = apply_directives("a.txt", findings, [_d("claimlint-disable-file natural-claim -- ok", 50)], RULES)
    assert kept == []


def test_missing_reason_is_cl901_unless_turned_off() -> None:
    findings = [_finding(NATURAL, 2)]
    directives = [_d("claimlint-disable-next-line T001", 1)]
    kept, _ = apply_directives("a.txt", findings, directives, RULES)
    assert _ids(kept) == [("CL901", 1)]
    kept, _ = apply_directives("a.txt", findings, directives, RULES, require_reasons=False)
    assert kept == []


def test_unused_id_is_cl902_per_id() -> None:
    directives = [_d("claimlint-disable-next-line T001,T002 -- ok", 1)]
    kept, _ = apply_directives("a.txt", [_finding(NATURAL, 2)], directives, RULES)
    assert _ids(kept) == [("CL902", 1)]
    assert kept[0].note == "T002"


def test_unused_blanket_directive_is_cl902() -> None:
    kept, _ = apply_directives("a.txt", [], [_d("claimlint-disable-file -- ok", 1)], RULES)
    assert _ids(kept) == [("CL902", 1)]


def test_unknown_id_is_cl903_not_silently_ignored() -> None:
    directives = [_d("claimlint-disable-next-line T0O1 -- ok", 1)]
    kept, _ = apply_directives("a.txt", [_finding(NATURAL, 2)], directives, RULES)
    assert _ids(kept) == [("CL903", 1), ("T001", 2)]


def test_known_but_deselected_rule_is_not_unused() -> None:
    directives = [_d("claimlint-disable-next-line T003 -- ok", 1)]
    kept, _ = apply_directives("a.txt", [], directives, [NATURAL], known=RULES)
    assert kept == []


def test_enable_without_disable_is_cl904() -> None:
    kept, _ = apply_directives("a.txt", [], [_d("claimlint-enable T001", 4)], RULES)
    assert _ids(kept) == [("CL904", 4)]


def test_directives_cannot_suppress_meta_findings() -> None:
    directives = [
        _d("claimlint-disable-file -- hide everything", 1),
        _d("claimlint-disable-file CL901 -- hide reasons", 2),
        _d("claimlint-disable-next-line T001", 5),
    ]
    kept, _ = apply_directives("a.txt", [_finding(NATURAL, 6)], directives, RULES)
    assert ("CL901", 5) in _ids(kept)
    assert ("CL903", 2) in _ids(kept)
