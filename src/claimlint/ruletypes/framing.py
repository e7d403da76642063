"""How a line frames its words: posed to be judged, labelled a myth, named as a term, or announced.

:mod:`claimlint.ruletypes.voice` asks *who* speaks. This module asks how the
page frames words that it does not assert, whoever wrote them; each frame is
a structure of the line, not a wording of the claim, so every line rule is
spared it at once:

* a **posed statement**: a quiz's "True or false: ..." answered "False." at
  once, or a claim inside an indirect question ("A patient asks whether
  ketamine is approved ..."); the claim is put up to be tested;
* a **myth label**: a line or heading labelled "Myth:" on a myths-vs-facts
  page quotes the belief it rebuts (its "Fact:" lines are the page's own
  voice and stay checked);
* a **named term**: a short quotation the sentence classifies as wording
  ('"breakthrough pain" is a clinical term', 'a "breakthrough" treatment is
  marketing language', 'the phrase "risk-free"');
* an **announcement**: a heading, a video chapter or a short line that
  only names the testimonial below it ("What members say", "A member's
  story", "0:00 Rachel's story", "Preview: Dana's story, in her own
  words."). The story itself is the claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimlint.lazyre import lazy

#: Leading list numbering, bullets and emphasis left in a unit's text.
_LEAD = r"[\s*_#>•·–—-]*(?:\(?(?:\d{1,2}|[a-z])[.)]\s*)?[\s*_]*"
_PROMPT = lazy(rf"{_LEAD}(?:true or false|fact or (?:myth|fiction)|myth or fact|agree or disagree)\s*[:?.–—-]", re.I)
_PROMPT_BEFORE = lazy(r"(?:true or false|fact or (?:myth|fiction)|myth or fact|agree or disagree)\s*[?:]\s*$", re.I)
_FALSE_VERDICT = lazy(
    r"""[\s*_)"”’]*(?:False|Myth|Fiction|No|Incorrect|Not true|Disagree)\b\s*[.!:;,—–-]""", re.IGNORECASE
)
_INDIRECT = lazy(
    r"\b(?:ask(?:s|ed|ing)?|wonder(?:s|ed|ing)?|want(?:s|ed)? to know|question(?:s|ed|ing)?|unsure|not sure"
    r"|check(?:s|ed|ing)?|find out|doubt(?:s|ed)?)\b[^.!?;]{0,40}?\b(?:whether|if)\b",
    re.IGNORECASE,
)


def posed_statement(text: str, span: tuple[int, int, int, int]) -> bool:
    """Whether the match lies in a statement put up to be judged rather than asserted.

    ``span`` is (sentence start, match start, match end, sentence end). A
    quiz states the claim as a prompt ("True or false: monitoring makes it
    risk-free.") and answers it at once ("False."); an exam item or a
    letter reports a question ("asks whether ketamine is FDA-approved for
    her nerve pain"), whose complement is asked, not said. A prompt answered
    "True" is the page's own claim and stays checked.
    """
    s_lo, start, end, s_hi = span
    if _PROMPT.match(text, s_lo) is not None or _PROMPT_BEFORE.search(text, max(0, s_lo - 30), s_lo):
        if _TRUE_VERDICT.match(text, s_hi) is not None:
            return False
        quote = quotation(text, s_lo, s_hi, start, end)
        return quote is not None or _FALSE_VERDICT.match(text, _answer_at(text, s_hi)) is not None
    return any(m.end() <= start for m in _INDIRECT.finditer(text, s_lo, start))


_TRUE_VERDICT = lazy(r"""[\s*_)"”’]*(?:True|Fact|Yes|Correct|Agree)\b\s*[.!:;,—–-]""", re.IGNORECASE)
#: Between a prompt and its answer: a task ("Explain.", "Why?") and an answer label ("Model answer:", "A:").
_TO_ANSWER = lazy(
    r"(?:\s*[^.!?\n]{0,40}[.!?])?\s*(?:(?:model|suggested|correct|sample) )?(?:answer|key|a)\s*\d{0,3}\s*[:.—–-]",
    re.IGNORECASE,
)


def _answer_at(text: str, pos: int) -> int:
    """Where the answer to a prompt ending at ``pos`` starts: after a short task and an answer label, else ``pos``."""
    found = _TO_ANSWER.match(text, pos, min(len(text), pos + 120))
    return found.end() if found is not None else pos


_QUOTATION = lazy(r"""["“]([^"“”]{1,400})["”]""")


def quotation(text: str, lo: int, hi: int, start: int, end: int) -> re.Match[str] | None:
    """The double-quoted passage within ``text[lo:hi]`` that holds ``[start, end)``, if any."""
    for quote in _QUOTATION.finditer(text, lo, hi):
        if quote.start() <= start and end <= quote.end():
            return quote
        if quote.start() > start:
            break
    return None


#: An exam's, quiz's or worksheet's item label: "Q3.", "Question 3:", "Item 4)", "Exercise 2 -".
_ITEM_LABEL = lazy(
    rf"{_LEAD}(?:Q|question|item|problem|exercise|scenario|case)\s*\d{{1,3}}\b[^:.)\n]{{0,20}}?[.:)—–-]", re.IGNORECASE
)
#: What an item asks of the learner about the words it quotes.
_TASK = lazy(
    r"\?|\b(?:explain|correct|identify|evaluate|assess|classify|rewrite|revise|justify|discuss|decide|critique"
    r"|respond|reply|comment on|flag|label|compliant|permissible|allowed)\b",
    re.IGNORECASE,
)


def item_quote(text: str, unit: tuple[int, int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies in a quotation that an exam or quiz item quotes for the learner to judge.

    'Q5. A classmate calls the review "one study where 13 of 14 patients
    improved." Correct them.' quotes a claim in order to have it corrected:
    the item is labelled ("Q5.", "Question 5:") and asks something of the
    learner outside the quotation (a question, "explain", "correct",
    "rewrite"). A match must touch the quotation ("Chitneni et al. 2021 "one
    study ..."" is judged whole); the item's other words stay checked.
    """
    lo, hi = unit
    label = _ITEM_LABEL.match(text, lo, hi)
    if label is None:
        return False
    for quote in _QUOTATION.finditer(text, label.end(), hi):
        if quote.start() < end and start < quote.end():
            return _TASK.search(text[label.end() : quote.start()] + " " + text[quote.end() : hi]) is not None
    return False


_MYTH = lazy(
    rf"{_LEAD}(?:(?:common|popular|another|a|the)\s+)?(?:myth|misconception|fiction|rumou?r|misbelief|false belief)"
    r"(?:\s*(?:#|no\.)?\s*\d+)?"
    r"[*_]*\s*[:–—]",
    re.IGNORECASE,
)


def myth_line(text: str, lo: int, start: int) -> bool:
    """Whether the unit of copy starting at ``lo`` is labelled a myth before ``start``.

    A myths-vs-facts page writes the belief it rebuts after "Myth:" and its
    own answer after "Fact:"; only the latter speaks for the page.
    """
    label = _MYTH.match(text, lo)
    return label is not None and label.end() <= start


_SHORT_QUOTE = lazy(r"""["“]([^"“”]{1,80})["”]|(?<![\w'’])['‘]([^'‘’"“”]{1,60})['’](?![\w'’])""")
_WORDING = r"(?:terms?|words?|phrases?|expressions?|language|wording|jargon|labels?|buzzwords?|slogans?|taglines?)"
#: After a quotation: the sentence classifies it as wording ("... is a clinical term", "... is marketing language").
_CALLED_WORDING = lazy(
    rf"""[^.!?]{{0,50}}?\b(?:is|are|was|were)\s+(?:(?:not|just|only|simply|merely|really)\s+)?"""
    rf"""(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){{0,2}}?{_WORDING}\b|\s*(?:means|refers to|describes)\b""",
    re.IGNORECASE,
)
#: Before a quotation: "the term", "the phrase", "words like".
_NAMES_WORDING = lazy(
    rf"\b(?:the|a|this|that)\s+(?:[\w-]+\s+)?{_WORDING}\s*:?\s*$|\b{_WORDING} (?:like|such as)\s*$", re.I
)
#: Longest quotation, in words, read as a named term.
TERM_WORDS = 6


def named_term(text: str, span: tuple[int, int, int, int]) -> bool:
    """Whether the match lies in a short quotation its sentence names as a term, a phrase or language.

    A glossary or a vocabulary note mentions "breakthrough pain" to say what
    the words mean, and a style note calls a "breakthrough" treatment
    marketing language: the quotation is the topic, not the page's claim.
    """
    s_lo, start, end, s_hi = span
    for quote in _SHORT_QUOTE.finditer(text, s_lo, s_hi):
        if quote.start() > start:
            break
        if quote.end() < end or len((quote.group(1) or quote.group(2)).split()) > TERM_WORDS:
            continue
        if _NAMES_WORDING.search(text, s_lo, quote.start()) or _CALLED_WORDING.match(text, quote.end(), s_hi):
            return True
    return False


_WHO = (
    r"(?:members?|patients?|clients?|customers?|guests?|people|readers?|users?|families|veterans?|athletes?|parents?)"
)
_STORY = r"(?:story|stories|testimonials?|reviews?|experiences?|journeys?)"
#: A label that only names the testimonial content it heads; optional email or feed lead-in.
_ANNOUNCEMENT = lazy(
    rf"""{_LEAD}(?:[\[(]?\d{{1,2}}:\d{{2}}(?::\d{{2}})?[\])]?\s+)?"""
    r"""(?:(?:preview|coming up|next|inside|this (?:week|issue|month)|in this (?:issue|email)"""
    r"""|read|watch|listen|hear)\s*[:–—-]\s*)?"""
    rf"""(?:what (?:our |real |other )?{_WHO}(?: are)? (?:say|saying|says|think)"""
    r"""(?: (?:about|after|since|on) (?:us|it|[\w ]{1,25}))?"""
    rf"""|(?:(?:a|an|one|our|real|more|true|\w+[’']s)\s+){{0,2}}(?:{_WHO}[’']?s?[’']?\s+)?{_STORY}"""
    rf"""(?:\s+from (?:our|the) \w+)?(?:,?\s+(?:in|told in) (?:her|his|their|our|my) own words)?)"""
    r"""[\s*_.!:]*""",
    re.IGNORECASE,
)
#: Longest unit read as a label rather than a line of copy.
LABEL_CHARS = 70


def announcement(text: str, lo: int, hi: int) -> bool:
    """Whether the unit ``text[lo:hi]`` is a label that only announces testimonials ("WHAT MEMBERS SAY").

    A heading names what follows; a story's claim lies in its telling, which
    the rules read there. A label that claims ("Real patients, real
    relief") does not fit the form and stays checked.
    """
    return hi - lo <= LABEL_CHARS and _ANNOUNCEMENT.fullmatch(text, lo, hi) is not None


#: A third party finding no support for what follows: "The Board found no evidence that ...".
_DENIED = lazy(
    r"\b(?:board|court|judge|jury|fda|ftc|agency|regulators?|commission|authority|panel|review(?:ers)?|stud(?:y|ies)"
    r"|trials?|researchers|authors|investigators?|experts?)\s+(?:also\s+)?(?:found|find|finds|saw|has found|have found"
    r"|did not (?:find|show|establish)|does not (?:show|establish)|could not (?:find|confirm))\s+(?:no\s+)?"
    r"(?:(?:\w+\s+){0,2}(?:evidence|proof|support|basis|data)\s+)?(?:that|for the claim that)\b",
    re.IGNORECASE,
)


def denied_claim(text: str, span: tuple[int, int, int, int]) -> bool:
    """Whether the match lies in a claim that a board, court, regulator or study is said to find unsupported.

    A disciplinary summary or a fact-check restates the ad's claim as the
    complement of its finding ("The Board found no evidence that a single
    infusion ends chronic pain"): the claim is reported to be rebutted. The
    finder must be a third party and the finding a denial; a seller's own
    "there is no evidence that ketamine is addictive" is a claim and stays
    checked.
    """
    s_lo, start, _end, _s_hi = span
    return any(
        m.end() <= start and re.search(r"\bno\b|\bnot\b", m.group(), re.IGNORECASE)
        for m in _DENIED.finditer(text, s_lo, start)
    )


#: An answer option's label: "A) ", "b. ", "(c) ", at the start of a unit or after a space.
_OPTION = lazy(r"(?:^|(?<=[\s?:]))[*_]*\(?(?-i:[A-Ea-e])[.)][*_]*\s", re.MULTILINE)
#: Fewest options that make a multiple-choice item.
MIN_OPTIONS = 2


def answer_option(units: Sequence[str], k: int, offset: int) -> bool:
    """Whether ``offset`` of unit ``units[k]`` lies in an answer option of a multiple-choice item that asks.

    An exam, a quiz or a training module lists claims as options ("Which of
    these claims needs substantiation? A) 'Relief in one session' B) ...")
    for the learner to judge: each option is put up to be tested, not said.
    The options are labelled "A)", "b.", "(c)", at least two of them, on one
    line after the stem or on units of their own under it (lines, list
    items, paragraphs); the stem ends with a question mark or a colon.
    ``units`` are the texts of consecutive units of copy around the match.
    """
    unit = units[k]
    inline = list(_OPTION.finditer(unit))
    if not inline or inline[0].start() > offset:
        return False
    if unit[: inline[0].start()].strip():
        return len(inline) >= MIN_OPTIONS and _asks(unit[: inline[0].start()])
    first = last = k
    while first and _OPTION.match(units[first - 1]) is not None:
        first -= 1
    while last + 1 < len(units) and _OPTION.match(units[last + 1]) is not None:
        last += 1
    options = sum(len(_OPTION.findall(units[j])) for j in range(first, last + 1))
    return first > 0 and options >= MIN_OPTIONS and _asks(units[first - 1])


def option_label(text: str, lo: int, pos: int) -> bool:
    """Whether an answer option's label ("A) ", "(b) ") occurs in ``text[lo:pos]``: the cheap test before a verdict."""
    return _OPTION.search(text, lo, pos + 1) is not None


def _asks(stem: str) -> bool:
    """Whether an item's stem ends by asking: a question mark, or a colon after "which", "select" or "choose"."""
    tail = stem.rstrip(" \t\n*_")
    if tail.endswith("?"):
        return True
    return tail.endswith(":") and re.search(r"\b(?:which|select|choose|identify|pick)\b", tail[-200:], re.I) is not None
