"""Model objects survive the rule cache's pickling unchanged (Location and Evidence pickle as constructor calls)."""

from __future__ import annotations

import pickle

from claimlint.model import Evidence, Location, Rule, Severity


def test_locations_evidence_and_rules_round_trip() -> None:
    where = Location("rules.yaml", 12, 5)
    evidence = Evidence("ftc", "FTC guidance", "https://example.org", "substantiation")
    rule = Rule(
        "CL001",
        "name",
        "cat",
        Severity.ERROR,
        "phrase",
        "msg",
        evidence=(evidence,),
        origin=where,
        example_origins={"bad:0": Location("rules.yaml", 14, 7)},
    )
    for obj in (where, Location("x"), evidence, Evidence("a", "b", "c"), rule):
        copy = pickle.loads(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
        assert copy == obj
        assert type(copy) is type(obj)
    assert Location.__reduce__ is not object.__reduce__
