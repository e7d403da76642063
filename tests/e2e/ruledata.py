"""A small rules pack shared by the end-to-end tests: one error rule and one fixable warning rule."""

from __future__ import annotations

RULES = """
version: 1
rules:
  - id: T001
    name: natural-claim
    category: natural-claim
    severity: error
    type: phrase
    phrases: ["safe and natural"]
    message: "Natural implies safe."
  - id: T010
    name: wonder-drug
    category: miracle-hype
    severity: warning
    type: phrase
    phrases: ["wonder drug"]
    replace: "treatment option"
    message: "Hype."
"""
