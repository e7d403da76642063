"""Whose turn it is: pages made of turns, and which turns are the seller's.

A review page, a forum thread, a comment section, a chat script and a
call-in show are made of turns, each by one speaker. A claim is the
seller's when the seller says it, so on such a page only the seller's turns
(the owner's responses, the clinic's account, the bot) make claims; a
customer's review, a forum member's post or a visitor's line is that
person's report, however it is worded.

A turn opens where a unit of copy (a line, a paragraph, a cell) starts
with one of three structures, and runs to the next opener or heading:

* a **speaker label**: "VISITOR:", "BOT (Sunny):", "[10:09] Kai:";
* a **reply header**: "Owner response:", "Response from the owner",
  "Reply from Oakridge Infusion Center", "Marcus replied";
* a **byline**: a name or handle with a star rating, a platform, a date or
  "Verified Buyer" ("★★★★★ Maria G. (Google) · 3 weeks ago:",
  "u/fibro_fighter_22 · 5h", "Jolene R. · April 2, 2026").

A speaker is the seller's side when the label names the business, a staff
role, the author or a bot, or the header is the owner's reply; the other
side when it names a visitor's role (visitor, caller, user, customer) or is
a byline; otherwise unknown (a name in a transcript). A handle ("u/name",
"@name") is the seller's when it holds the brand the page names at its top,
carries the account's mark (a verified tick, "(Owner)"), or is the poster
("OP") of a page whose poster sells: an AMA its owner hosts, or an
endorser's post with a material connection ("Paid partnership", "#ad"). The other side's
turns are set aside only when the page is a **conversation**: a visitor's
role is labelled (the chat or call has a counterpart), the seller replies
to the others, or three bylined people or more post and the page says nothing in
a seller's voice outside their turns. A clinic's own "What our patients
say" list of starred quotes has no byline and no reply: the seller
republishes those words as its marketing, and testimonial rules read them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from claimlint.api import DocView
from claimlint.lazyre import lazy
from claimlint.model import Segment

SELLER, OTHER, UNKNOWN = "seller", "other", "unknown"
#: A speaker a transcript does not name ("Speaker 2") or a feed names by place ("Gail M. (Riverbend)"): the
#: other side when the seller's staff are labelled on the page (the clinic answers them), else unknown.
GENERIC = "generic"
#: A person named the way a group's feed names its members ("Kayla M.:", "Rob T.:"): the other side in a group
#: the seller runs and speaks in (its admin's labelled posts), else unknown, as a clinic's own "Maria K.:" quote is.
MEMBER = "member"
#: Longest run of segments one turn may cover: a post or a comment, not the rest of the page.
MAX_SEGMENTS = 6
#: Bylined people it takes, with no seller's voice outside their turns, to make a third party's thread:
#: a clinic blog may carry an author's and an editor's byline, a thread or review page carries more.
THREAD_POSTERS = 3
#: Longest unit read as a bare byline ("u/name · 5h") or reply header.
HEADER_CHARS = 120

_VISITOR_ROLES = lazy(
    r"(?:visitors?|callers?|commenters?|listeners?|viewers?|users?|customers?|questioner|audience(?: member)?"
    r"|attendees?|participants?|group members?|guest user|anonymous user|q|you)(?:\s*\d+)?",
    re.IGNORECASE,
)
#: Words that put a speaker on the seller's side: the business, its staff, its author or its bot.
_SELLER_WORDS = lazy(
    r"\b(?:owner|owners|business|official|author|admin|team|staff|dr|doctor|md|rn|np|nurse|director|founder|ceo"
    r"|clinic|clinics|center|centre|practice|infusions?|ketamine|wellness|medical|health|pain|spa|institute"
    r"|bot|chatbot|assistant|agent|concierge|support|front desk|coordinator|receptionist|crna|aprn|group expert)\b",
    re.IGNORECASE,
)
#: A business's name run together in a handle ("u/PineValleyKetamine").
_SELLER_HANDLE = lazy(r"(?:clinic|center|centre|ketamine|infusion|wellness|medical|health)", re.IGNORECASE)
#: A clinic's employee by role: she answers for the clinic, as its owner does.
STAFF_ROLE = (
    r"(?:nurse practitioner|NP|APRN|RN|CRNA|LPN|PA-C|nurse|physician(?: assistant)?|anesthesiologist|doctor|MD"
    r"|(?:patient |client )?care coordinator|(?:intake |patient |front[- ]desk |office )?coordinator|receptionist"
    r"|front[- ]desk (?:lead|manager|staff)|office manager|practice manager"
    r"|(?:clinical|nursing|medical) (?:lead|director)"
    r"|infusion (?:nurse|specialist|tech\w*)|clinic (?:staff|team|manager))"
)
#: A poster who says she works for a clinic: "I'm an NP at Halcyon", "I'm a nurse practitioner who has run
#: 3,000 infusions at Halcyon", "Tessa, NP and clinical lead at Halcyon", "I work at Juniper Ketamine Clinic".
#: Words about herself as a patient between the role and the clinic ("I'm a nurse, and I had infusions at X")
#: make her a patient who is a nurse, not the clinic's nurse.
STAFF_SELF = (
    rf"\bI[’']?m (?:a|an|the|one of the) (?:[\w-]+ ){{0,2}}?{STAFF_ROLE}s?\b"
    r"(?:(?!\b(?:I|my|me|I[’']ve|I[’']m)\b)[^.!?\n]){0,80}?\b(?:at|with|for) (?:the )?(?-i:[A-Z])"
    rf"|(?:\bI[’']?m |(?-i:[A-Z])[\w.'’-]*)(?-i:[A-Z])?[\w.'’-]*,\s*{STAFF_ROLE}"
    r"(?: and [\w -]{1,30}?)? (?:at|@|of) (?-i:[A-Z])"
    r"|\bI work (?:at|for|with) (?:a |an |the )?(?:(?-i:[A-Z])[\w&'’-]* ){0,4}"
    r"(?:ketamine|infusions?|clinics?|centers?|centres?|wellness|med ?spa|pain)\b"
)
_STAFF_SELF = lazy(STAFF_SELF, re.IGNORECASE)
_LEAD = r"[\s*_>•·-]*(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s+)?(?:↳\s*)?"
_LABEL = lazy(
    _LEAD + r"(?:(?P<qa>q|a|question|answer)\s*[·•|]\s*)?"
    r"(?P<who>(?-i:[A-Z])[\w.&'’-]*(?:\s[\w.&'’-]+){0,3}?)\s*(?P<aside>\([^()]{1,40}\))?\s*[*_]*:[*_]*\s",
    re.IGNORECASE,
)
#: A role in square brackets with no colon, as a chat export writes it: "[Visitor] maybe later", "[Bot] Hi!".
_BRACKET = lazy(r"[\s*_>•·-]*\[(?P<who>[A-Za-z][^\[\]\n:]{0,30})\][ \t]*[:—–-]?[ \t]*(?=\S)")
#: A chat log's line by a user name after its time: "[19:06] d_ramirez88: ...", "(7:41 PM) quietfern: ...".
_STAMPED = lazy(
    r"[\s*_>•·-]*[\[(]\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]m)?[\])]\s+(?P<who>[a-z][\w.-]{1,30})\s*:\s", re.IGNORECASE
)
#: A transcript's generic label for someone it does not name: "Speaker 2", "Participant 3", "Guest 1".
_GENERIC = lazy(r"(?:speaker|participant|guest|voice|person)\s*\d{1,2}", re.IGNORECASE)
#: A member's name as a group's feed writes it: a first name and an initial or a last name ("Kayla Morgan").
_MEMBER = lazy(r"(?-i:[A-Z][a-z’'-]+\s[A-Z](?:[a-z’'-]+)?)\.?")
#: A page that is a group's feed: a Facebook, WhatsApp or Discord group, a community, a channel.
_GROUP = lazy(r"\b(?:group|community|discord|whatsapp|telegram|slack|channel|server|circle)\b", re.IGNORECASE)
#: A place in a label's aside: "(Old Mill)", "(Austin, TX)".
_PLACE = lazy(r"\((?-i:[A-Z])[\w'’.-]*(?:,?\s(?-i:[A-Z])[\w'’.-]*){0,3}\)")
_ROLE = lazy(
    r"\b(?:host|co-?host|guest|moderator|interviewer|narrator|chair\w*|presenter|panelist|speaker|anchor|reporter"
    r"|announcer|patient|client|member|mom|dad|son|daughter|wife|husband)\b",
    re.IGNORECASE,
)
_REPLY = lazy(
    _LEAD + r"(?:(?P<owner>(?:owner|business|management)(?:[’']s)? (?:response|reply|comment))"
    r"|(?:response|reply|comment|answer) from (?P<from>(?:the )?[^:\n]{1,60}?)"
    r"|\[?(?P<by>[A-Z][\w.&'’ -]{0,40}?)\]? (?:replied|responded|wrote|answered))\s*(?:[:·|—-]\s*|$)",
    re.IGNORECASE,
)
_STARS = r"[★☆✩✭⭐]{1,5}|\b[1-5](?:\.\d)?\s*(?:/\s*5|out of 5|stars?)\b"
_PLATFORM = (
    r"\((?:via |on )?(?:google|yelp|facebook|trustpilot|healthgrades|zocdoc|vitals|ratemds|reddit|tripadvisor)\)"
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WHEN = (
    rf"\b\d{{1,2}}(?:[smhdwy]|mo|mins?|hrs?|wks?|yrs?)\b"
    rf"|\b\d{{1,2}} (?:minutes?|hours?|days?|weeks?|months?|years?) ago\b"
    rf"|\b(?:an?|one) (?:minute|hour|day|week|month|year) ago\b|\byesterday\b|\bedited\b"
    rf"|\b{_MONTH} \d{{1,2}}(?:,? \d{{4}})?\b|\b\d{{1,2}} {_MONTH}(?: \d{{4}})?\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b"
)
_HANDLE = r"\bu/[\w-]+|(?<!\w)@[\w.]+"
_HANDLE_RE = lazy(_HANDLE)
_VERIFIED = r"\bverified (?:buyer|purchase|patient|customer|reviewer|business|owner)\b"
#: A reviewer's standing on a review site: "· 14 reviews", "Local Guide · 3 photos".
_STANDING = r"\b\d{1,4} (?:reviews|ratings|photos|contributions|check-ins)\b|\b1 review\b|\blocal guide\b"
#: What a byline holds besides a name: one of these must occur.
_BYLINE_MARK = lazy(rf"{_STARS}|{_PLATFORM}|{_WHEN}|{_HANDLE}|{_VERIFIED}|{_STANDING}", re.IGNORECASE)
_BYLINE_NOISE = lazy(
    rf"{_STARS}|{_PLATFORM}|{_WHEN}|{_VERIFIED}|{_STANDING}"
    r"|\((?:author|verified business|owner|op)\)|\bposted by\b|\bby\b"
    r"|[·•|,—–\-*_#>\[\]()]|\breviewed\b|\bon (?:google|yelp|facebook)\b"
    r"|\b(?:post(?:ed)?|comment(?:ed)?|repl(?:y|ied)|review|update|sponsored|pinned|edited|question|answer|story)\b",
    re.IGNORECASE,
)
#: A handle's flair in parentheses: "(RN at Wrenfield Ketamine Clinic)", "(CRPS since 2019)".
_FLAIR = lazy(r"\([^()\n]{1,60}\)")
_NAME = lazy(r"(?-i:[A-Z])[\w.'’-]*(?:\s(?-i:[A-Z])[\w.'’-]*){0,3}")
#: Where a byline's own text ends and the turn's words begin on the same line.
_SAYS = lazy(r""":[*_]*\s|["“]""")


@dataclass(frozen=True)
class Opener:
    """Where a turn starts in a segment's text, who speaks, and on which side.

    ``inline`` turns carry their words on the opener's own unit ("VISITOR:
    is it safe?", "Q (u/sam): does it work?") and end with it; a bare
    header ("u/sam · 5h", "Reply from Oakridge") opens the segments below.
    """

    start: int
    end: int
    side: str
    who: str
    bylined: bool = False


def label_side(who: str, aside: str = "") -> str:
    """The side of a labelled speaker: a visitor's role, the seller's business, staff or bot, or unknown."""
    if _VISITOR_ROLES.fullmatch(who.strip()):
        return OTHER
    return SELLER if _SELLER_WORDS.search(who) or _SELLER_WORDS.search(aside) else UNKNOWN


def opener(text: str, lo: int, hi: int) -> Opener | None:
    """The turn that the unit ``text[lo:hi]`` opens, if it opens one."""
    reply = _REPLY.match(text, lo, hi)
    if reply is not None and reply.end() - lo <= HEADER_CHARS:
        who = reply.group("from") or reply.group("by") or ""
        return Opener(lo, _inline_end(text, reply.end(), hi), _reply_side(reply), who)
    byline = _byline(text, lo, hi)
    if byline is not None:
        return byline
    label = _LABEL.match(text, lo, hi)
    if label is None:
        return _bracketed(text, lo, hi) or _stamped(text, lo, hi)
    who, aside = label.group("who"), label.group("aside") or ""
    side = label_side(who, aside) if (label.group("qa") or "a").lower() not in ("q", "question") else OTHER
    if side == UNKNOWN and (_GENERIC.fullmatch(who.strip()) or _placed(who, aside)):
        side = GENERIC
    elif side == UNKNOWN and not aside and _MEMBER.fullmatch(who.strip()):
        side = MEMBER
    return Opener(lo, _inline_end(text, label.end(), hi), side, who)


def _stamped(text: str, lo: int, hi: int) -> Opener | None:
    """A chat log's turn by a user name in lower case after its time ("[19:06] d_ramirez88: ...").

    A user name is a person's, as a group's feed names its members: the
    seller's only when its words name a side (a "clinic_team" account).
    """
    label = _STAMPED.match(text, lo, hi)
    if label is None:
        return None
    side = label_side(label.group("who").replace("_", " "))
    return Opener(lo, _inline_end(text, label.end(), hi), MEMBER if side == UNKNOWN else side, label.group("who"))


def _placed(who: str, aside: str) -> bool:
    """Whether a label names a person by where they live ("Gail M. (Riverbend)"), as a neighbourhood feed does.

    A role in the label ("Sam (host)", "Jane (patient)") says who speaks on
    the page's behalf or in its story, and is no neighbour.
    """
    return _PLACE.fullmatch(aside) is not None and _ROLE.search(f"{who} {aside}") is None


def _bracketed(text: str, lo: int, hi: int) -> Opener | None:
    """A turn opened by a bracketed role ("[Visitor] is it safe", "[Bot] Hi!"), when the role names a side.

    Brackets also hold stage directions and notes ("[Day 0, 10 min after
    lead]", "[inaudible]"), so only a role that says whose side it is opens a turn.
    """
    label = _BRACKET.match(text, lo, hi)
    if label is None:
        return None
    who = label.group("who")
    side = SELLER if "🤖" in who else label_side(who)
    if side == UNKNOWN:
        return None
    return Opener(lo, _inline_end(text, label.end(), hi), side, who)


def _inline_end(text: str, words: int, hi: int) -> int:
    """Where a turn whose words start at ``words`` ends.

    At the next speaker on its line, with its unit, or open (-1) when the
    unit holds no words (a bare header: the segments below are the turn).
    """
    if not text[words:hi].strip(" \t*_:·|—-"):
        return -1
    reply = NEXT_TURN.search(text, words, hi)
    return hi if reply is None else reply.start()


#: Another speaker's label on the same line, after a sentence: "Q: Is it addictive? A: Not at our doses."
NEXT_TURN = lazy(r"""(?<=[.!?])["”’)]*\s+(?-i:[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})\s*(?:\([^()]{1,40}\))?\s*:\s""")


def _reply_side(reply: re.Match[str]) -> str:
    """A reply header's side: the owner's or the business's reply, else the named replier's."""
    if reply.group("owner"):
        return SELLER
    who = reply.group("from") or reply.group("by") or ""
    if re.match(r"(?:the )?(?:owner|business|clinic|team|author|management)\b", who, re.IGNORECASE):
        return SELLER
    aside = re.search(r"\(([^()]*)\)", who)
    if aside and not _SELLER_WORDS.search(aside.group(1)):
        return OTHER
    return SELLER if _SELLER_WORDS.search(who) else UNKNOWN


def _byline(text: str, lo: int, hi: int) -> Opener | None:
    """A byline at the start of the unit: a name or handle with a rating, platform, date or verification.

    The byline ends at the unit's end, or at a colon or an opening quotation
    mark followed by the turn's words ("★★★★★ Maria G. (Google): "...").
    A post type without a name ("POST · 3 days ago") is no one's byline.
    """
    says = _SAYS.search(text, lo, min(hi, lo + HEADER_CHARS + 1))
    end = says.start() if says is not None else hi
    if end - lo > HEADER_CHARS or _BYLINE_MARK.search(text, lo, end) is None:
        return None
    head = text[lo:end]
    handle = _HANDLE_RE.search(head)
    rest = _BYLINE_NOISE.sub(" ", _HANDLE_RE.sub(" ", _FLAIR.sub(" ", head) if handle else head)).split()
    name = " ".join(rest)
    if handle is None and (not rest or len(rest) > 5 or _NAME.fullmatch(name) is None or name.isupper()):
        return None
    if handle is not None and len(rest) > 3:
        return None
    seller = _SELLER_WORDS.search(name) or re.search(r"\((?:author|verified business|owner)\)", head, re.I)
    if seller is None and handle is not None:
        seller = _SELLER_HANDLE.search(handle.group())
    who = handle.group() if handle is not None else name
    return Opener(lo, _inline_end(text, end, hi), SELLER if seller else OTHER, who, True)


@dataclass(frozen=True)
class Turns:
    """A page's turns: for each segment index, the (start offset, side) of every turn covering it."""

    conversation: bool
    spans: dict[int, tuple[tuple[int, str], ...]]

    def side(self, k: int, start: int, end: int) -> str:
        """The side of the turn holding ``[start, end)`` of segment ``k`` (UNKNOWN outside every turn or across two)."""
        side = UNKNOWN
        for pos, who in self.spans.get(k, ()):
            if pos >= end:
                break
            if pos > start:
                return UNKNOWN
            side = who
        return side


def turns(doc: DocView) -> Turns:
    """The turns of ``doc`` (computed once per document)."""
    found: Turns | None = doc.__dict__.get("_turns")
    if found is None:
        found = doc.__dict__["_turns"] = _find_turns(doc.segments)
    return found


def _find_turns(segments: Sequence[Segment]) -> Turns:
    """Every segment's turn marks, and whether the turns make a conversation."""
    owners = _owner_words(segments)
    poster = page_poster(segments)
    spans: dict[int, list[tuple[int, str]]] = {}
    footers, commenters = _footer_comments(segments)
    openers: list[Opener] = []
    current: tuple[str, int] | None = None
    voice_outside = staffed = False
    for k, seg in enumerate(segments):
        if seg.kind in ("heading", "title") or (current is not None and k - current[1] >= MAX_SEGMENTS):
            current = None
        marks = [(0, current[0])] if current is not None else []
        for lo, hi in _units(seg) if seg.kind != "table" else ():
            if (k, lo) in footers:
                marks.append((lo, UNKNOWN))
                current = None
                continue
            found = opener(seg.text, lo, hi) or commenters.get((k, lo))
            if found is None:
                continue
            side = _speaker_side(seg.text, found, owners, poster)
            if side != SELLER and found.who and _STAFF_SELF.search(_turn_words(segments, k, found, hi)):
                side = SELLER
            staffed = staffed or (side == SELLER and not found.bylined and seg.kind not in ("heading", "title"))
            openers.append(Opener(found.start, found.end, side, found.who, found.bylined))
            marks.append((found.start, side))
            current = (side, k) if found.end < 0 else None
            if found.end >= 0:
                marks.append((found.end, UNKNOWN))
        if marks:
            spans[k] = marks
        elif _SELLER_VOICE.search(seg.text):
            voice_outside = True
    peers = _peer_group(segments, openers, voice_outside)
    resolved = {
        GENERIC: OTHER if staffed else UNKNOWN,
        MEMBER: OTHER if peers or (staffed and _group(segments)) else UNKNOWN,
    }
    openers = [Opener(o.start, o.end, resolved.get(o.side, o.side), o.who, o.bylined) for o in openers]
    named = {k: tuple((pos, resolved.get(who, who)) for pos, who in v) for k, v in spans.items()}
    return Turns(_is_conversation(openers, voice_outside), named)


#: A comment's footer in a social feed: "Like · Reply · 2d", "Like · Reply · See translation · 5h".
_FOOTER = lazy(
    rf"[\s*_]*(?:(?:like|love|reply|share|react|see translation|edited|author|top fan|{_WHEN}"
    r"|\d+ (?:likes?|repl(?:y|ies)|reactions?))\s*(?:[·•|]\s*|$)){2,6}[\s*_]*",
    re.IGNORECASE,
)
#: A name standing alone on its line over a comment, or ending the line before it: "Kayla Morgan".
_BARE_NAME = lazy(r"[\s*_]*(?-i:[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.&-]*){1,3})(?:\s*\([^()\n]{1,30}\))?[\s*_:]*")
_LEADING_NAME = lazy(r"(?-i:[A-Z][a-z’'-]+\s[A-Z][a-z’'-]+)(?=\s(?-i:[A-Z]))")
_TRAILING_NAME = lazy(r"(?<=[.!?…\"”’)])\s+(?-i:[A-Z][a-z’'-]+(?:\s[A-Z][\w’'.-]*){1,2})\s*$")
#: Most units a comment over its footer may hold.
COMMENT_UNITS = 6


def _footer_comments(segments: Sequence[Segment]) -> tuple[set[tuple[int, int]], dict[tuple[int, int], Opener]]:
    """Footer units ("Like · Reply · 2d"), and the turns their comments open when a name heads them.

    A feed export without colons names the commenter on a line of its own
    (or at the end of the line before, once lines are joined) and closes the
    comment with a footer. The footer says the lines above it are one
    person's comment, and the name says whose: a turn as "Kayla M.:" opens one.
    """
    flat = [(k, lo, hi) for k, seg in enumerate(segments) if seg.kind != "table" for lo, hi in _units(seg)]
    footers = {(k, lo) for k, lo, hi in flat if _footer(segments[k].text, lo, hi)}
    found: dict[tuple[int, int], Opener] = {}
    for j, (k, lo, _hi) in enumerate(flat):
        if (k, lo) in footers:
            first = _comment_start(segments, flat, footers, j)
            if first is not None:
                found[(flat[first][0], flat[first][1])] = _commenter(segments, flat, first)
    return footers, {key: o for key, o in found.items() if o.who}


def _footer(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` is a comment's footer holding a feed's own action ("Like", "Reply"), not only dates."""
    return (
        _FOOTER.fullmatch(text, lo, hi) is not None
        and re.search(r"\b(?:like|reply|love)\b", text[lo:hi], re.I) is not None
    )


def _comment_start(
    segments: Sequence[Segment], flat: list[tuple[int, int, int]], footers: set[tuple[int, int]], j: int
) -> int | None:
    """The first unit of the comment the footer ``flat[j]`` closes, or None when a header turn holds it.

    A labelled turn with words on its own line ("Clinic (admin): Welcome!")
    ends with that line, so the lines below it are a new comment; a bare
    header ("u/sam · 5h") already opens the lines below.
    """
    i = j
    while i > 0 and j - i < COMMENT_UNITS:
        k, lo, hi = flat[i - 1]
        if (k, lo) in footers or segments[k].kind in ("heading", "title"):
            break
        found = opener(segments[k].text, lo, hi)
        if found is not None:
            if found.end < 0:
                return None
            break
        i -= 1
    return i if i < j else None


def _commenter(segments: Sequence[Segment], flat: list[tuple[int, int, int]], first: int) -> Opener:
    """The turn a comment opens at ``flat[first]``: named by its first unit, or by the end of the unit before."""
    k, lo, hi = flat[first]
    text = segments[k].text
    before_k, before_lo, before_hi = flat[first - 1] if first > 0 else (k, lo, lo)
    if _BARE_NAME.fullmatch(text, lo, hi):
        who = text[lo:hi].strip(" *_:")
    elif tail := _TRAILING_NAME.search(segments[before_k].text, before_lo, before_hi):
        who = tail.group().strip()
    elif lead := _LEADING_NAME.match(text, lo, hi):
        who = lead.group()
    else:
        return Opener(lo, -1, UNKNOWN, "")
    side = label_side(who)
    return Opener(lo, -1, MEMBER if side == UNKNOWN and _MEMBER.fullmatch(who) else side, who)


def _group(segments: Sequence[Segment]) -> bool:
    """Whether the top of the page says it is a group's feed ("Facebook group (private)", "Discord server").

    In a group a clinic runs, its admin posts for the clinic and the members
    answer as customers; on the clinic's own page the same "Kayla M.:" line
    is a testimonial it republishes.
    """
    return any(_GROUP.search(seg.text[:400]) for seg in segments[:TOP_SEGMENTS])


def _peer_group(segments: Sequence[Segment], openers: list[Opener], voice_outside: bool) -> bool:
    """Whether a group's feed is members talking among themselves: no seller's turn, no seller's voice outside turns.

    A patients' Discord channel or support group's chat, where three or more
    members post and nobody speaks for a clinic, is a thread of people's
    reports: a member repeating what an old clinic told her, or joking that
    "everything is a miracle", is not the page selling.
    """
    if voice_outside or any(o.side == SELLER for o in openers):
        return False
    return len({o.who.lower() for o in openers if o.side == MEMBER}) >= THREAD_POSTERS and _group(segments)


def _turn_words(segments: Sequence[Segment], k: int, found: Opener, hi: int) -> str:
    """The first words of the turn ``found`` opens in segment ``k``: its own unit's, or what follows a bare header."""
    text = segments[k].text
    if found.end >= 0:
        return text[found.start : found.end][:400]
    after = segments[k + 1].text[:300] if k + 1 < len(segments) else ""
    return f"{text[hi : hi + 300]} {after}"


#: Capitalised words of a page's top line that are not a business's name.
_COMMON = frozenset(
    {
        *("the", "and", "for", "with", "from", "your", "our", "post", "posts", "reply", "replies", "review"),
        *("reviews", "comment", "comments", "page", "business", "google", "yelp", "facebook", "reddit"),
        *("nextdoor", "instagram", "linkedin", "export", "transcript", "chat", "script", "owner", "responses"),
        *("patient", "patients", "customer", "customers"),
    }
)
_CAPITALISED = lazy(r"(?-i:[A-Z])[\w&'’-]{3,}")


#: How many segments from the top may name the page's owner or its poster.
TOP_SEGMENTS = 4
#: A business's name as the page writes it: capitalised words before a business word ("Kestrel Ridge Infusions").
_BRAND = lazy(
    r"(?-i:((?:[A-Z][\w&'’-]+\s){1,3}))(?:ketamine|infusions?|clinic|center|centre|wellness|health|studio|lounge"
    r"|pain|medical|institute|co\.|company|spa|therapeutics|aesthetics)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Owners:
    """Words naming the page's owner: ``names`` start a display name, all words of a ``brands`` entry a handle."""

    names: frozenset[str]
    brands: frozenset[tuple[str, ...]]


def _owner_words(segments: Sequence[Segment]) -> Owners:
    """Words that name the page's owner, lower-cased.

    A review export, a business page's feed or a thread names its owner at
    the top ("Harborlight Infusion Studio · Business page"): the capitalised
    words of its first line start the owner's display names. A business's
    name before a business word in the first segments ("owner of Kestrel
    Ridge Infusions", "<title>Larkspur Infusion Studio"), within one line, is a brand. Its
    words count inside a handle only where the page writes them capitalised
    wherever it uses them outside handles (proper names, so "Chronic" of a
    title-case title is no brand), and all of them must be there:
    "u/quietkestrel" is not Kestrel Ridge.
    """
    if not segments:
        return Owners(frozenset(), frozenset())
    first = segments[0]
    names = {w.lower() for w in _CAPITALISED.findall(first.text[: first.breaks[0] if first.breaks else 200])}
    found = [
        tuple(w.lower() for w in _CAPITALISED.findall(brand.group(1)))
        for seg in segments[:TOP_SEGMENTS]
        for lo, hi in _units(seg)
        if lo < 400
        for brand in _BRAND.finditer(seg.text[:400], lo, min(hi, 400))
    ]
    lower = _lower_words(segments) if found else set()
    brands = {kept for words in found if (kept := tuple(w for w in words if w not in lower and w not in _COMMON))}
    return Owners(frozenset(names | {w for b in brands for w in b}) - _COMMON, frozenset(brands))


def _lower_words(segments: Sequence[Segment]) -> set[str]:
    """Every word the page writes in lower case outside handles (read only when a brand line was found)."""
    return set(re.findall(r"\b[a-z][\w'’-]*", _HANDLE_RE.sub(" ", "\n".join(seg.text for seg in segments))))


def _named_owner(who: str, owners: Owners) -> bool:
    """Whether a speaker's name starts with a word naming the page's owner, or a handle holds a brand.

    A handle runs the owner's name together with other words
    ("u/KestrelRidgeKetamineRN", "@hollowbrook.ketamine"), so a brand's
    words anywhere inside it count; a display name must start with one.
    """
    if _VISITOR_ROLES.fullmatch(who.strip()):
        return False
    if _HANDLE_RE.match(who):
        folded = who.lower()
        return any(all(word in folded for word in brand) for brand in owners.brands)
    first = _CAPITALISED.search(who)
    return first is not None and first.group().lower() in owners.names


#: A mark after a handle that makes it the business's own account: a verified badge, "(Owner)", "(Business)".
_ACCOUNT_MARK = lazy(
    r"[^:\n]{0,40}?(?:[✓✔☑]|\((?:owner|business|verified business|author|clinic|official)\)"
    r"|\bverified (?:business|owner)\b"
    # a staff member's flair: "(NP at Wrenfield Ketamine)", "· CRNA @ Birchwood"
    rf"|[(·|]\s*{STAFF_ROLE}\s*(?:at|@|,|-)\s*(?-i:[A-Z]))",
    re.IGNORECASE,
)


def _speaker_side(text: str, found: Opener, owners: Owners, poster: str | None) -> str:
    """The side of the speaker that ``found`` opens, with what the page says about its owner and poster.

    A handle on a page that names its brand is the seller's only when it
    holds the brand's name or carries the account's mark: the generic
    business words of :data:`_SELLER_HANDLE` would take "@ritaswellness"
    for a wellness business. Any speaker named by the owner's words, and
    the poster of a page whose poster sells, is the seller's.
    """
    if _named_owner(found.who, owners) or _posters_turn(text, found, poster):
        return SELLER
    if _HANDLE_RE.match(found.who) and _ACCOUNT_MARK.match(text, found.start + len(found.who)):
        return SELLER
    return OTHER if owners.brands and _HANDLE_RE.match(found.who) else found.side


#: The page says its poster sells: the owner hosts an AMA, or an endorser discloses a material connection.
_POSTER_SELLS = lazy(
    r"\bI (?:own|run|founded|co-?founded|manage|direct)\b|\bI[’']?m (?:the |a )?(?:owner|founder|co-?founder"
    r"|medical director)\b|\b(?:owner|founder|medical director) (?:of|at)\b|\bverified (?:business|owner)\b"
    rf"|{STAFF_SELF}"
    r"|(?<!\w)#(?:ad|sponsored|partner|\w+partner)\b|(?<!not )\bsponsored\b|\bpaid partnership\b"
    r"|(?<!no )(?<!not )(?<!without )\baffiliate\b"
    r"|\b(?:use|with) (?:my )?code\b|\bmy (?:discount |promo )?code\b",
    re.IGNORECASE,
)
_POSTED_BY = lazy(rf"\b(?:posted|asked|hosted|shared) by\s*[*_]*\s*({_HANDLE})", re.IGNORECASE)


def page_poster(segments: Sequence[Segment]) -> str | None:
    """The handle of the page's poster, lower-cased, when the page says the poster sells (else None).

    An AMA a clinic owner hosts ("Posted by u/KestrelRidgeKetamineRN ...
    owner of Kestrel Ridge Infusions") or an influencer's sponsored post
    ("@mayamovesagain · Sponsored · Paid partnership") is the seller's page:
    under the FTC's Endorsement Guides a material connection makes the
    endorser's claims advertising. The poster is the handle after "Posted
    by", else the first handle at the top of the page; their turns (and
    "OP"'s) are the seller's, while commenters stay others.
    """
    top = [seg.text for seg in segments[:TOP_SEGMENTS]]
    if not any(_POSTER_SELLS.search(text) for text in top):
        return None
    for text in top:
        posted = _POSTED_BY.search(text)
        if posted is not None:
            return posted.group(1).lower()
    for text in top:
        handle = _HANDLE_RE.search(text[:HEADER_CHARS])
        if handle is not None:
            return handle.group().lower()
    return None


_OP = lazy(r"[\s*_>•·-]*(?:OP\b|[^:\n]{0,60}[(\[](?:OP|original poster|author)[)\]])")


def _posters_turn(text: str, found: Opener, poster: str | None) -> bool:
    """Whether the turn is by the page's poster, named by handle or labelled "OP", on a page whose poster sells."""
    if poster is None:
        return False
    return found.who.lower() == poster or _OP.match(text, found.start) is not None


_SELLER_VOICE = lazy(
    r"\b(?:we|we[’'](?:re|ve|ll)|our|us)\b|\b(?:book|call|schedule)\b[^.!?]{0,30}\b(?:today|now|consult\w*)\b", re.I
)


def _is_conversation(openers: list[Opener], seller_voice_outside: bool) -> bool:
    """Whether the turns are an exchange between the seller and others, or a third party's thread."""
    sides = {o.side for o in openers}
    if OTHER not in sides:
        return False
    if SELLER in sides or any(o.side == OTHER and not o.bylined for o in openers):
        return True
    return len({o.who for o in openers if o.bylined}) >= THREAD_POSTERS and not seller_voice_outside


def _units(seg: Segment) -> list[tuple[int, int]]:
    """The units of copy of ``seg``: its text cut at its breaks."""
    cuts = [0, *seg.breaks, len(seg.text)]
    return [(a, b) for a, b in pairwise(cuts) if a < b]


def others_turn(doc: DocView, seg: Segment, start: int, end: int) -> bool:
    """Whether ``[start, end)`` of ``seg`` lies in one turn that is not the seller's, on a page of turns.

    A match running on into the next turn ("Q: Can I get addicted? A: Not
    at our doses.") takes in that speaker's words too, and stays checked.
    """
    found = turns(doc)
    if not found.conversation:
        return False
    from claimlint.ruletypes.base import segment_index

    return found.side(segment_index(doc).position(seg), start, end) == OTHER


def not_own_voice(doc: DocView, seg: Segment, start: int, end: int) -> bool:
    """Whether ``[start, end)`` is no sign of the page's own voice: another side's turn, or a question put in a turn.

    A page condition asks whether the page speaks as a seller anywhere. A
    host's question on a skeptical podcast ("JO: Is ketamine a miracle cure
    for chronic pain?") or a caller's line repeats words in order to doubt
    them; neither makes the page a seller's. A labelled turn's statements
    still count: the clinic's physician saying "Our infusions work" is.
    """
    if others_turn(doc, seg, start, end):
        return True
    s_lo, s_hi = doc.sentence(seg, start, end)
    if not seg.text[s_lo:s_hi].rstrip(" \t\"'”’)*_").endswith("?"):
        return False
    k = bisect_right(seg.breaks, start)
    lo = seg.breaks[k - 1] if k else 0
    hi = seg.breaks[k] if k < len(seg.breaks) else len(seg.text)
    found = opener(seg.text, lo, hi)
    return found is not None and found.end != lo and not found.bylined
