"""Who is speaking: words on a page that are not the seller's own claims.

A claim rule reads a sentence; whether the sentence is a claim depends on
whose voice it is. Four structures say it is someone else's, whatever the
wording, so every line rule is spared them here rather than each rule
carrying its own exceptions:

* a **visitor's question** in a transcript, chat log, comment thread or
  call-in show: a turn labelled with a visitor's role ("[10:09] Visitor:",
  "CALLER (Ana):") or a neighbour's reply ("↳ Reply from Dev (Fremont):")
  that asks something ("is it covered by insurance") repeats what the
  asker heard or wants to know. The seller's turns ("Kai:", "Reply from
  Harborlight:", "Dr. Ortiz:") and the testimonials it publishes are not
  touched;
* a **quoted question about a claim**: a reader's letter quoting what a
  friend says and asking about it ('"My friend says it is completely safe.
  Is that right?"') examines the claim;
* a **quotation attributed to a seller**: 'a clinic that says "a landmark
  study proved it"', 'an ad calling infusions "cost-effective"', 'the
  clinic's "life-changing" banner' name another party's wording. The
  attribution must name an ad or a seller other than the writer ("our",
  "my" and "we" are the page's own voice), so a testimonial ('Jane says
  "..."') still counts;
* a **list of claims to doubt**: the items of a list headed "Claims to
  question" or "Red flags" are the claims the page warns about, and so are
  the list items, quoted blocks or bulleted lines after a sentence that
  introduces someone else's claims with a colon ("The Board found these
  statements misleading:", "The ads claimed:").
"""

from __future__ import annotations

import re
from bisect import bisect_right

from claimlint.api import DocView
from claimlint.lazyre import lazy
from claimlint.model import Rule, Segment
from claimlint.ruletypes.framing import (
    announcement,
    answer_option,
    denied_claim,
    item_quote,
    myth_line,
    named_term,
    option_label,
    posed_statement,
    quotation,
)
from claimlint.ruletypes.turns import NEXT_TURN as _NEXT_TURN
from claimlint.ruletypes.turns import others_turn

#: Roles that ask rather than sell: the other side of a chat, a call-in show or a comment thread.
_ASKER_ROLES = (
    r"q|visitors?|callers?|attendees?|participants?|commenters?|listeners?|readers?|viewers?|users?"
    r"|audience(?: member)?|questioner"
)
_TURN = lazy(
    r"[\s*_>•·-]*(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s+)?(?:↳\s*)?"
    r"(?P<reply>(?:reply|comment|question|message) from\s+)?"
    r"(?P<who>[A-Za-z][\w.&'’-]*(?:\s[A-Za-z][\w.&'’-]*){0,3}?)\s*(?P<aside>\([^()]{1,40}\))?\s*:\s",
    re.IGNORECASE,
)
_ASKER = lazy(
    rf"(?:{_ASKER_ROLES})(?:\s*\d+)?(?:\s+(?:questions?|comments?|emails?|letters?|messages?))?", re.IGNORECASE
)
#: Words that make a named speaker the seller's side: a title or a staff role.
_STAFF = lazy(
    r"\b(?:dr|doctor|nurse|np|rn|md|prof\w*|director|founder|owner|team|staff|clinic|host|admin\w*|moderator|support)\b",
    re.IGNORECASE,
)
#: A sentence of a turn that opens like a question, punctuated or not ("is it covered by insurance").
_INTERROGATIVE = lazy(
    r"(?:^|[.!?]\s+)(?:what|how|why|when|where|who|which|is|are|am|can|could|do|does|did|will|would|should|has|have)\b",
    re.IGNORECASE,
)


#: A heading that presents the list below it as claims to doubt, not the page's own.
_DOUBTED_LIST = lazy(
    r"\bclaims? (?:to|you should) (?:question|doubt|check|be wary of|watch (?:out )?for)\b"
    r"|\bred flags?\b|\b(?:questionable|misleading|dubious|false) (?:claims|promises|phrases)\b"
    r"|\bclaims? (?:you(?:['’]ll| will| may| might)?|people) (?:hear|see|read)\b"
    # tasks set for a learner ("State the FDA-approved uses of ketamine"), not statements
    r"|\b(?:learning|course|module|activity|session) (?:objectives|goals|outcomes)\b|\byou will be able to\b",
    re.IGNORECASE,
)


#: Someone else's claims, named before a colon: "the following advertising claims", "statements that appeared on
#: defendant's website", "the ads claimed:", "phrases to be wary of:".
_CLAIM_NOUN = (
    r"(?:ads?|adverts?|advertising|advertisements?|marketing|promotions?|websites?|posts?|brochures?|flyers?"
    r"|billboards?|commercials?|mailers?|claims?|statements?|phrases?|promises?|wording|slogans?|taglines?|headlines?)"
)
_REPORTING = (
    r"(?:claim(?:s|ed)?|stat(?:es|ed)|said|says|read|promis(?:es|ed)|includ(?:es|ed)|quot(?:es|ed)|advertis(?:es|ed)"
    r"|describ(?:es|ed)|tout(?:s|ed)|found|deemed|ruled|held|challeng(?:es|ed)|cited|reviewed|flagged|misleading"
    r"|deceptive|false|unsubstantiated|unsupported|unproven|(?:to )?(?:be wary of|distrust|question|doubt|avoid)"
    r"|watch (?:out )?for|red flags?|warning signs?|the following|such as|like these"
    # wording a guide, a moderator or a style sheet bans: "flag the phrase ... and do not produce it:"
    r"|flag|ban(?:s|ned)?|forbid(?:s|den)?|prohibit(?:s|ed)?|remove[ds]?|retire[ds]?|stop using|drop"
    r"|(?:do not|don[’']t|never|must not|will not|won[’']t)"
    r" (?:use|say|write|publish|post|produce|translate|print|repeat))"
)
_FRAMING = lazy(rf"(?=.*\b{_CLAIM_NOUN}\b)(?=.*\b{_REPORTING}\b)[^:]*:[\s*_]*$", re.IGNORECASE | re.DOTALL)
#: The writer's own voice: "our ads say:" frames the page's own claims (unless it names others' ads).
#: "our members report seeing" is a group's members, not its wording: they are the audience of others' ads.
_OWN_FRAME = lazy(
    r"\b(?:our|my)\b(?! (?:members|readers|listeners|subscribers|followers|community|audience)\b)|\b(?:we|us)\b",
    re.IGNORECASE,
)
_OTHERS = lazy(r"\b(?:other|others|some|many|competitors?|another)\b", re.IGNORECASE)
#: A unit of plain text that is a list item or a quoted line: "- ...", "(a) ...", "1. ...", "> ...".
_ITEM = lazy(r"[ \t]*(?:[-*•>·–—]|\(?(?:\d{1,2}|[a-z])[.)])\s")
#: Segment kinds a frame carries over: list items and quoted blocks.
_BLOCKS = ("list", "blockquote")
#: Longest framing sentence read before a colon.
FRAME_CHARS = 300


def frames_claims(text: str) -> bool:
    """Whether ``text`` ends with a sentence that introduces someone else's claims with a colon.

    A board's summary ("The Board quoted the following advertising claims
    in its order:"), a court opinion ("four statements that appeared on
    defendant's website:"), a fact-check ("the ads claimed:") or a consumer
    guide ("phrases to be wary of:") introduces the ads' words it reports
    on. The sentence must name claims, statements or ads and a reporting or
    judging verb; one in the writer's own voice ("Our promise:") does not,
    unless it names others' ads.
    """
    stripped = text.rstrip(" \t*_")
    if not stripped.endswith(":"):
        return False
    cut = max(stripped.rfind(". ", 0, len(stripped) - 1), stripped.rfind("\n", 0, len(stripped) - 1))
    sentence = stripped[cut + 1 :][-FRAME_CHARS:]
    if _OWN_FRAME.search(sentence) and not _OTHERS.search(sentence):
        return False
    return _FRAMING.search(sentence) is not None


def doubted_list_item(doc: DocView, seg: Segment, pos: int = 0) -> bool:
    """Whether ``pos`` of ``seg`` lies in a list item or quotation that a heading or framing sentence sets apart.

    A veterans' office page lists "Claims to question" and rebuts each one,
    not always in words a verdict pattern knows ("Some insurers classify it
    as experimental"); a buyer's guide lists its "Red flags". The heading
    right above the run of list items says what they are, as a table's
    header row does for a banned-phrase table. A course's "Learning
    objectives" list tasks for the learner ("State the FDA-approved uses of
    ketamine"), which name a topic without asserting it. A board's summary,
    a court opinion or a fact-check introduces the ads' claims with a
    sentence ending in a colon (:func:`frames_claims`), and the frame carries
    over the run of list items and quoted blocks below it, or the bulleted
    lines of plain text after it. Decided once per run.
    """
    if seg.kind not in _BLOCKS:
        return _framed_lines(doc, seg, pos)
    from claimlint.ruletypes.base import segment_index

    index = segment_index(doc)
    verdicts: dict[int, bool] = doc.__dict__.setdefault("_doubted_lists", {})
    k = index.position(seg)
    while k and index.segments[k - 1].kind in _BLOCKS:
        k -= 1
    if k not in verdicts:
        head = index.segments[k - 1] if k else None
        verdicts[k] = head is not None and (
            (head.kind == "heading" and _DOUBTED_LIST.search(head.text) is not None) or frames_claims(head.text)
        )
    return verdicts[k]


def _framed_lines(doc: DocView, seg: Segment, pos: int) -> bool:
    """Whether ``pos`` lies in a bulleted line of plain text whose run of such lines a framing sentence opens.

    The framing sentence ends the unit before the run, in the same segment
    or (when the run opens the segment) in the segment before.
    """
    lo, _hi = turn_bounds(seg.text, seg.breaks, pos)
    if _ITEM.match(seg.text, lo) is None:
        return False
    cuts = [0, *seg.breaks]
    k = cuts.index(lo) if lo in cuts else -1
    while k > 0 and _ITEM.match(seg.text, cuts[k - 1]) is not None:
        k -= 1
    if k > 0:
        return _opens_doubted_run(seg.text[cuts[k - 1] : cuts[k]])
    from claimlint.ruletypes.base import segment_index

    index = segment_index(doc)
    at = index.position(seg)
    return at > 0 and _opens_doubted_run(index.segments[at - 1].text)


#: Longest plain-text line read as a heading over the items below it.
HEADING_CHARS = 80


def _opens_doubted_run(text: str) -> bool:
    """Whether a unit before a run of plain-text items frames them: a framing sentence, or a heading line.

    Plain text has no heading markup: "Learning objectives" or "Red flags"
    on a short line of its own heads the numbered lines below it, as the
    same words in a Markdown heading head its list.
    """
    line = text.strip()
    if frames_claims(line):
        return True
    return len(line) <= HEADING_CHARS and not line.endswith((".", "!", "?")) and _DOUBTED_LIST.search(line) is not None


def not_the_sellers(text: str, breaks: tuple[int, ...], span: tuple[int, int, int, int]) -> bool:
    """Whether the match lies in words the page attributes to someone other than the seller.

    ``span`` is (sentence start, match start, match end, sentence end) in
    ``text``, a segment's text with its unit ``breaks``.
    """
    s_lo, start, end, s_hi = span
    lo, hi = turn_bounds(text, breaks, start)
    return (
        asker_turn(text, breaks, start, end)
        or addressed_question(text, (lo, hi), (s_lo, start, s_hi))
        or quoted_question(text, (s_lo, start, s_hi))
        or doubted_hearsay(text, (s_lo, start, s_hi))
        or attributed_quote(text, start, end)
        or relayed_quote(text, s_lo, start, end)
        or reported_ad(text, s_lo, start)
        or item_quote(text, (lo, hi), start, end)
        or posed_statement(text, span)
        or denied_claim(text, span)
        or named_term(text, span)
        or myth_line(text, lo, start)
        or announcement(text, lo, hi)
    )


def turn_bounds(text: str, breaks: tuple[int, ...], pos: int) -> tuple[int, int]:
    """The unit of copy (a line of a transcript, a cell, a paragraph) holding offset ``pos``."""
    k = bisect_right(breaks, pos)
    lo = breaks[k - 1] if k else 0
    hi = breaks[k] if k < len(breaks) else len(text)
    return lo, hi


def asker_turn(text: str, breaks: tuple[int, ...], pos: int, end: int | None = None) -> bool:
    """Whether ``pos`` (to ``end``) lies in a turn by a visitor, caller or commenter that asks something.

    A match that runs on into an answer on the same line ("Q: Can I get
    addicted? A: Not at the doses we use.") takes in the seller's words.
    """
    lo, hi = turn_bounds(text, breaks, pos)
    label = _TURN.match(text, lo, hi)
    if label is None or label.end() > pos or not _is_asker(label):
        return False
    reply = _NEXT_TURN.search(text, label.end(), hi)
    if reply is not None:
        hi = reply.start()
        if pos >= hi or (end is not None and end > hi):
            return False
    said = text[label.end() : hi]
    return "?" in said or _INTERROGATIVE.search(said.strip()) is not None


#: A turn that opens by addressing someone by name: "Dr. Osei, what about ...?".
_VOCATIVE = lazy(
    r"\s*(?:(?:dr|mr|mrs|ms|mx|prof|professor|rep|sen|senator|chair|judge|officer|nurse)\.?\s+)?"
    r"(?-i:[A-Z][\w'’-]+)(?:\s(?-i:[A-Z][\w'’-]+))?,\s",
    re.IGNORECASE,
)


def addressed_question(text: str, unit: tuple[int, int], sentence: tuple[int, int, int]) -> bool:
    """Whether the match's sentence is a question in a speaker's turn addressed to someone by name.

    A hearing's chair, an interviewer or a host puts the question to a named
    witness or guest ("Dr. Osei, what about ketamine at home, the lozenges
    that arrive in the mail?"): the topic is asked about, not promoted. The
    turn must carry a speaker label and open with the vocative.
    """
    lo, hi = unit
    s_lo, _start, s_hi = sentence
    label = _TURN.match(text, lo, hi)
    if label is None or not text[s_lo:s_hi].rstrip().endswith("?"):
        return False
    return _VOCATIVE.match(text, label.end(), hi) is not None


def _is_asker(label: re.Match[str]) -> bool:
    """Whether a turn label names the asking side: a visitor's role, or a neighbour replying from a place."""
    who, aside = label.group("who"), label.group("aside") or ""
    if _ASKER.fullmatch(who.strip()):
        return True
    return bool(label.group("reply") and aside and not _STAFF.search(who) and not _STAFF.search(aside))


_OPEN = lazy(r"""["“]""")
_JUDGED = r"true|right|correct|accurate|fair|safe|legit|real|hype|evidence|proof|proven|backed|supported|so"
#: A question pointing back at the sentence before it and asking whether it holds, closing the quotation.
_DOUBT = lazy(
    rf"""\s*(?=[^.!?"”]{{0,60}}\?["”])(?=[^.!?"”]*\b(?:that|this|it|either|both|these|those|each)\b)(?=[^.!?"”]*\b(?:{_JUDGED})\b)""",
    re.IGNORECASE,
)


def quoted_question(text: str, span: tuple[int, int, int]) -> bool:
    """Whether the match's sentence is quoted and the quotation ends by asking whether it holds.

    A reader's letter or a patient's question quotes what a friend or an ad
    says and asks the expert about it: '"My friend says ketamine is
    completely safe. Is that right?"'. The quotation must open before the
    match within its sentence and close right after the question.
    """
    s_lo, start, s_hi = span
    if _OPEN.search(text, s_lo, start + 1) is None or '"' in text[start:s_hi] or "”" in text[start:s_hi]:
        return False
    return _DOUBT.match(text, s_hi) is not None


#: Someone else's say-so, before the match in its sentence: "my cousin swears", "a friend told me", "I heard".
_HEARSAY = lazy(
    r"\b(?:swears?|swore|told (?:me|us|her|him|them)|claims?|claimed|(?:I|we)(?:[’']ve)? (?:heard|read|saw))"
    r"(?:\s+that)?\s",
    re.IGNORECASE,
)
#: The next sentence points back ("that", "this") and asks whether it is true, real or hype.
_BARE_DOUBT = lazy(
    r"\s*(?=[^.!?]{0,60}\?)(?=[^.!?]*\b(?:that|this)\b)"
    r"(?=[^.!?]*\b(?:true|real|hype|legit|accurate|correct|evidence|proof|proven|backed|supported|right\?))",
    re.IGNORECASE,
)


def doubted_hearsay(text: str, span: tuple[int, int, int]) -> bool:
    """Whether the match is hearsay the next sentence asks about ("My cousin swears it cured her. Is that real?").

    The unquoted form of :func:`quoted_question`: a forum poster or a caller
    repeats what someone else claims and asks whether it holds. A sales
    follow-up ("Is it right for you?") does not point back with "that" or
    "this" and is not one.
    """
    s_lo, start, s_hi = span
    frame = _HEARSAY.search(text, s_lo, start)
    return frame is not None and _BARE_DOUBT.match(text, s_hi) is not None


#: A seller or an ad other than the writer, as the speaker of a quotation. People who endorse
#: (patients, doctors, influencers) are left out: a seller quotes them to make its own claim.
_PARTY = (
    r"(?:ads?|adverts?|advertisements?|advertisers?|commercials?|billboards?|banners?|flyers?|brochures?|"
    r"headlines?|mailers?|postcards?|flyers?|leaflets?|clinics?|centers?|centres?|sites?|websites?|sellers?|compan(?:y|ies)|brands?|marketers?|vendors?"
    # a text under review by the writer: a peer reviewer or an editor quotes the manuscript's wording
    r"|abstracts?|manuscripts?|submissions?|drafts?)"
)
_SPEECH = (
    r"(?:says?|said|saying|told|tells?|calls?|called|calling|claims?|claimed|claiming|promis\w+|touts?|touted|touting"
    r"|stat(?:es|ed|ing)|concludes?|concluded"
    r"|boasts?|boasting|reads?|reading|describ\w+|advertis\w+|brand\w*|labels?|labell?ed|labell?ing)"
)
#: "a clinic that says", "an ad calling infusions", "the website's" (not "our clinic says").
_ATTRIBUTION = lazy(
    r"(?:(?<!\bour )(?<!\bmy )\b(?:an?|the|this|that|one|some|many|other|another|its|their|his|her)"
    # a clinic the writer has left is another party: "my old clinic kept saying"
    r"|\b(?:my|our) (?:old|former|previous|last|first))"
    rf"\s+(?:\w+\s+){{0,2}}?{_PARTY}"
    r"(?:\s+(?:that|which|who))?(?:\s+(?:kept|keeps|would|always|used to))?"
    rf"\s+{_SPEECH}(?:\s+(?:it|them|this|that|ketamine|infusions?|treatments?|[\w'’]+)){{0,3}}\s*[:,]?\s*$",
    re.IGNORECASE,
)
_POSSESSIVE = lazy(rf"(?<!\bour )(?<!\bmy )\b(?:an?|the|this|that|one|its|their)\s+{_PARTY}['’]s\s*$", re.IGNORECASE)
#: A speaker reading words out: "It says, quote,", "the mailer reads:", "and I quote".
_READ_OUT = lazy(
    r"\bquote\s*[,:]?\s*$|\b(?:it|this|that)\s+(?:says|said|reads|read|states|stated)\s*[,:]\s*$", re.IGNORECASE
)
_QUOTED = lazy(r"""["“]([^"“”]{1,120})["”]|(?<![\w'’])['‘]([^'‘’"“”]{1,60})['’](?![\w'’])""")
_JOINER = lazy(r"""\s*(?:,|;|/|\bor\b|\band\b|,\s*(?:or|and)\b)\s*$""", re.IGNORECASE)
#: Longest quotation, in words, read as named wording rather than a quoted testimony.
MAX_WORDS = 8


def attributed_quote(text: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies in a short quotation that a seller or an ad other than the writer says.

    A chain of quotations joined by "or", "and" or commas shares the
    attribution before its first member ('an ad calling infusions
    "cost-effective" or "cheaper than surgery"').
    """
    quotes = list(_QUOTED.finditer(text, max(0, start - 400), min(len(text), end + 200)))
    inside = next((k for k, m in enumerate(quotes) if m.start() <= start < m.end()), None)
    if inside is None:
        return False
    first = last = inside
    while first and _joined(text, quotes[first - 1], quotes[first]):
        first -= 1
    while quotes[last].end() < end and last + 1 < len(quotes) and _joined(text, quotes[last], quotes[last + 1]):
        last += 1
    if quotes[last].end() < end or any(len(_body(q).split()) > MAX_WORDS for q in quotes[first : last + 1]):
        return False
    before = text[max(0, quotes[first].start() - 120) : quotes[first].start()]
    return any(p.search(before) is not None for p in (_ATTRIBUTION, _POSSESSIVE, _READ_OUT)) or frames_claims(before)


def _joined(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """Whether quotation ``b`` follows ``a`` in one list ("x" or "y", "x", "y")."""
    return _JOINER.fullmatch(text, a.end(), b.start()) is not None


def _body(quote: re.Match[str]) -> str:
    return quote.group(1) if quote.group(1) is not None else quote.group(2)


#: An audience member whose words a host, an editor or a moderator passes on: "a listener writes:".
_AUDIENCE = r"(?:listeners?|readers?|viewers?|callers?|followers?|subscribers?|audience members?|questioners?)"
#: A message read out or passed on, before its quotation: "We've got an email:", "a listener writes:",
#: "this question from Dana in Tulsa:", "a text that asks,".
_RELAY = lazy(
    r"(?:\b(?:an?|the|this|that|one|another|next|first)\s+(?:\w+\s+){0,2}?(?P<message>emails?|e-mails?|letters?"
    r"|messages?|texts?|voicemails?|questions?|DMs?|notes?|comments?)(?:\s+(?:from|by)\s+[\w ,.'’-]{1,40}?)?"
    r"(?:\s+(?:that|which))?(?:\s+(?:says|said|reads|read|asks|asked|goes))?"
    rf"|\b{_AUDIENCE}\b[^.!?\"“:]{{0,40}}?\b(?:writes|wrote|asks|asked|emails|emailed|texts|texted|wants to know"
    r"|wonders|wondered|says|said|messaged|commented))\s*(?:in|here|this)?\s*[:,—–-]?\s*$",
    re.IGNORECASE,
)


#: An ad as the subject of a sentence that reports what it says: "A billboard near my commute promises".
_AD_SAYS = lazy(
    r"(?<!\bour )(?<!\bmy )\b(?:an?|the|this|that|one|some|many|other|another|their|its)\s+(?:\w+\s+){0,2}?"
    r"(?:ads?|adverts?|advertisements?|commercials?|billboards?|banners?|flyers?|brochures?|mailers?|postcards?"
    r"|leaflets?|infomercials?)\b(?:\s+[\w,'’-]+){0,5}?\s+"
    r"(?:says?|said|claims?|claimed|promis(?:es|ed)|touts?|touted|boasts?|boasted|guarantees?|guaranteed|insists?)"
    r"(?:\s+that)?\s",
    re.IGNORECASE,
)


def reported_ad(text: str, s_lo: int, start: int) -> bool:
    """Whether the match's sentence reports, before it, what an ad says: "A billboard ... promises a new life".

    A nurse's essay or a consumer column paraphrases an ad without quotation
    marks; the complement of "promises" is the ad's claim, reported. Only
    ads are such subjects here: a clinic's own press release says "the
    clinic offers", and its own ads are "our" ads.
    """
    return any(m.end() <= start for m in _AD_SAYS.finditer(text, s_lo, start))


def relayed_quote(text: str, s_lo: int, start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies in a quotation that a host, an editor or a moderator passes on from someone else.

    A radio host reads a listener's email aloud ('We've got an email: "What
    about the lozenges you can order online?"'), an advice column prints a
    reader's letter, a moderator quotes a member's question: the words are
    the asker's, not the page's. A quotation passed on from the audience
    (listeners, readers, viewers, callers) is theirs whatever it says; an
    email, letter or message from anyone else must be a question, since a
    clinic that prints a patient's letter ("A patient wrote: ...") publishes
    a testimonial.
    """
    quote = quotation(text, max(0, s_lo - 400), min(len(text), end + 400), start, end)
    if quote is None:
        return False
    relay = _RELAY.search(text, max(0, quote.start() - 120), quote.start())
    if relay is None:
        return False
    return relay.group("message") is None or quote.group(1).rstrip(" .!*_").endswith("?")


def segment_voice(doc: DocView, seg: Segment, span: tuple[int, int, int, int]) -> bool:
    """Whether a span of ``seg`` is not the seller's words.

    :func:`not_the_sellers`, a list item under a heading of claims to
    doubt, or another speaker's turn on a page of turns
    (:func:`claimlint.ruletypes.turns.others_turn`).
    """
    return (
        not_the_sellers(seg.text, seg.breaks, span)
        or doubted_list_item(doc, seg, span[1])
        or multiple_choice(doc, seg, max(span[1], span[2] - 1))
        or others_turn(doc, seg, span[1], span[2])
    )


def multiple_choice(doc: DocView, seg: Segment, pos: int) -> bool:
    """Whether ``pos`` of ``seg`` lies in an answer option of a quiz item (see ``framing.answer_option``).

    ``pos`` is the match's last character: a match of a whole sentence starts at the option's label.

    The item's stem and options may be lines of one paragraph, or list items
    and paragraphs of their own, so the units of the segments around are read.
    """
    lo, hi = turn_bounds(seg.text, seg.breaks, pos)
    if hi - lo > ITEM_CHARS or not option_label(seg.text, lo, pos):
        return False
    from claimlint.ruletypes.base import segment_index

    index = segment_index(doc)
    at = index.position(seg)
    units: list[str] = []
    k = 0
    for j in range(max(0, at - CHOICE_REACH), min(len(index.segments), at + CHOICE_REACH + 1)):
        other = index.segments[j]
        for a, b in zip((0, *other.breaks), (*other.breaks, len(other.text)), strict=True):
            if j == at and a == lo:
                k = len(units)
            if a < b:
                units.append(other.text[a:b] if b - a <= ITEM_CHARS else "")
    return answer_option(units, k, pos - lo)


#: How many segments before and after a match may hold its quiz item's stem and options.
CHOICE_REACH = 8
#: Longest unit read as a quiz item's stem or option: a paragraph of prose is neither, and a page
#: with thousands of hits on one long line stays linear.
ITEM_CHARS = 2000


def spoken_somewhere(doc: DocView, source: str, rule: Rule) -> bool:
    """Whether rule regex ``source`` matches somewhere in ``doc`` in the page's own voice.

    A page-level duty (a risk disclosure, "talk to your doctor") attaches to
    what the page itself says: a benefit quoted in order to be judged (an ad
    network's table of disapproved wording), a visitor's question or a
    quotation attributed to another seller does not make the page promote.
    The same use-mention guards as for line rules decide.
    """
    from claimlint.ruletypes.base import finditer, questioned_quote, regexes_by_segment
    from claimlint.ruletypes.mention import mentioned_quote

    for seg, found in regexes_by_segment(doc, (source,)):
        for pattern in found:
            for m in finditer(pattern, seg.text, rule):
                start, end = m.span()
                s_lo, s_hi = doc.sentence(seg, start, end)
                span = (s_lo, start, end, s_hi)
                if not (
                    questioned_quote(seg.text, span)
                    or mentioned_quote(doc, seg, (s_lo, start, end))
                    or segment_voice(doc, seg, span)
                ):
                    return True
    return False
