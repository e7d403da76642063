"""Lines of a file that are not a seller's copy: a production slug and a low-rated review.

Both are read from the original line that holds a finding, because what makes
them "not copy" is their place in the file, not the words of the sentence:

* a **production slug** is a draft's first line naming the asset it is
  ("… · tri-fold brochure · print copy v3", "… — :30 LOCAL TV SPOT —
  STORYBOARD v3", "… — final edit, caption transcript"). It labels the file
  for the agency and the client; no reader sees it, so the campaign title it
  quotes ("Quiet the Pain", "Back on Your Feet") is not a claim made to
  anyone. Only the file's first non-blank line counts, and only when it names
  a kind of asset or a version; the copy itself starts below it.
* a **low-rated review** opens with a rating of three stars or fewer
  ("★★☆☆☆ "Didn't notice anything after 3 weeks."", "Gloria T. (2 stars):
  "Didn't work for me""). It does not endorse the product, so the FTC's
  endorsement concerns (a testimonial implying typical results) do not arise,
  and reviewers leave such lines unlabelled in every dev set.
"""

from __future__ import annotations

import re

from claimlint.lazyre import lazy

#: The asset a draft is, or its version: what an agency's slug line names.
_SLUG = lazy(
    r"\b(?:(?:tri-?fold )?brochure|storyboard"
    r"|(?:radio|tv|television|audio|video|streaming|podcast|spotify) (?:spot|ad|read)"
    r"|print (?:copy|ad)|final (?:edit|cut|copy|draft)|(?:caption|video) transcript|script"
    r"|copy deck|creative brief|shot list|mock-?up|v\d+(?:\.\d+)?)\b|(?<![\d:]):[1-6][05]\b",
    re.IGNORECASE,
)
#: Markup and list marks before a line's first word.
_LEAD = r"(?:\s|<[^>]*>|[-*>#_•|])*"
#: A rating of one to three stars at the start of a line, after at most a reviewer's name.
_LOW_RATING = lazy(
    _LEAD
    + r"(?:[^\"“\n]{0,40}?)"
    + r"(?:★{1,3}☆{2,4}|[(\[]?\b[1-3](?:\.\d)? ?(?:/ ?5|out of 5)? stars?[)\]]?(?=\s*(?:[:)\-—–\"“]|$)))",
    re.IGNORECASE,
)


#: How far from a hit a line's start and end are looked for: both tests read a line's head, and a
#: bound keeps a page of thousands of hits on one long line linear.
WINDOW = 2000
_BLANK = lazy(r"\s*")


def not_copy(text: str, offset: int) -> bool:
    """Whether ``offset`` of the original ``text`` lies on a production slug or a low-rated review."""
    start = text.rfind("\n", max(0, offset - WINDOW), offset) + 1
    if start == 0 and offset > WINDOW:
        return False
    end = text.find("\n", start, start + WINDOW)
    line = text[start : end if end >= 0 else min(len(text), start + WINDOW)]
    return low_rated(line) or (is_first_line(text, start) and production_slug(line))


def is_first_line(text: str, start: int) -> bool:
    """Whether the line starting at ``start`` is the file's first non-blank line."""
    blank = _BLANK.match(text)
    first = blank.end() if blank else 0
    return start == text.rfind("\n", 0, first) + 1


def production_slug(line: str) -> bool:
    """Whether ``line`` names the kind of asset a draft is, or its version (see the module doc)."""
    return _SLUG.search(line) is not None


def low_rated(line: str) -> bool:
    """Whether ``line`` opens with a rating of three stars or fewer (see the module doc)."""
    return _LOW_RATING.match(line) is not None
