"""Lines of a file that are not a seller's copy: a slug, a low-rated review, a bare fragment, a set-up.

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
* a **bare fragment** is a piece of a page's furniture: a rating and review
  count ("4.7 stars (312 ratings) | 1,200+ bought"), opening hours or a
  closing notice ("Mon–Sat, 8 to 6", "closed Friday for Good Friday"), an
  address or phone number, a complete price with its item's name ("Reset
  Series — $1,850", "Anti-nausea medicine · $25"), a button, link or
  navigation label ("Button: Call now", "Card 4 button: Read Dana's Story"),
  a video's chapter timestamp ("00:00 Why nothing else worked"). Its shape is
  salesy, but once the furniture is taken out nothing is left that promises
  an outcome, so it is not a claim (the labelling conventions of the dev sets
  leave "sales calls to action, logistics ... and complete prices" unlabelled).
  What is left is read for claim words (:data:`_CLAIM_WORD`): a button that
  promises ("Get pain-free today"), a chapter that reports an outcome ("Day
  3: her first pain-free morning") or a price that anchors or discounts
  ("$450, a $600 value", "from $299": the guide's cost claims) stays copy.
* an **ad export's settings line** holds two or more of an ad platform's
  labels ("Campaign: … | Geo: 25 mi radius | Audience: chronic pain interest,
  35-70"): it tells the platform whom to show the ad to, and no reader sees
  it, so the campaign's name or the audience's condition in it is not a claim.
* a **set-up** only describes the reader's problem, the season or what they
  tried before ("The holidays ask a lot of your body.", "Pain doesn't take a
  year off.", "Because you've tried the pills, the shots…", a quiz's "Your
  result: strong fibromyalgia pattern"). A selling page opens with it, and the
  claim comes in the next line; the set-up itself promises no change, names no
  outcome, no treatment and no seller, so reviewers leave it unlabelled. It
  must have a set-up's shape: what the reader tried or was told before, the
  problem or the season as the subject of a clause that says what it does to
  the reader ("Pain doesn't take…", "The holidays ask…"), or a result label, so
  a bare condition in a list (a roster claim) is not one, and any word of change, outcome, safety,
  comparison, time, number, treatment or seller (:data:`_PROMISE`) makes the
  sentence copy ("Your December back.", "this year can be different").
"""

from __future__ import annotations

import re
from functools import lru_cache

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


def not_copy(text: str, offset: int, sentence: str = "") -> bool:
    """Whether ``offset`` of the original ``text`` is not copy (see the module doc).

    That is: it lies on a production slug or a low-rated review, or its
    ``sentence`` (the hit's, as the segment reads it) is a bare fragment.
    """
    start = text.rfind("\n", max(0, offset - WINDOW), offset) + 1
    if start == 0 and offset > WINDOW:
        return False
    end = text.find("\n", start, start + WINDOW)
    line = text[start : end if end >= 0 else min(len(text), start + WINDOW)]
    if _furniture_line(line) or (is_first_line(text, start) and production_slug(line)):
        return True
    if not sentence:
        return False
    if _set_up(sentence):
        return True
    if _priced_line(line):
        return False
    return _bare(sentence, link_text(line, offset - start)) or _bare(_VISIBLE.sub(" ", line), False)


#: Lines and sentences whose verdicts are kept (see :func:`_furniture_line`).
_KEPT = 64


@lru_cache(maxsize=_KEPT)
def _furniture_line(line: str) -> bool:
    """:func:`low_rated` or :func:`settings_line`, kept for the lines last read.

    Each hit asks for the line that holds it, and a dense page has many hits
    on one line (a paragraph, a table row): the line's verdicts, like the
    sentence's, are read once, not again for every rule that hit it.
    """
    return low_rated(line) or settings_line(line)


@lru_cache(maxsize=_KEPT)
def _priced_line(line: str) -> bool:
    """:func:`cost_claim` of the line's visible text, kept like :func:`_furniture_line`."""
    return cost_claim(_VISIBLE.sub(" ", line))


@lru_cache(maxsize=_KEPT)
def _set_up(sentence: str) -> bool:
    """:func:`set_up`, kept like :func:`_furniture_line`."""
    return set_up(sentence)


@lru_cache(maxsize=_KEPT)
def _bare(sentence: str, is_link: bool) -> bool:
    """:func:`bare_fragment`, kept like :func:`_furniture_line`."""
    return bare_fragment(sentence, is_link)


#: An ad platform's setting labels: two on one line make it the export's settings, not its copy.
_SETTING = lazy(
    r"(?:^|[|·•,;]\s*|\s)(?:campaign|geo(?:graphy)?|location targeting|audience|targeting|interests?|age range|ages?"
    r"|demographics?|radius|budget|daily budget|bid(?: strategy)?|placements?|flight(?: dates)?|objective|keywords?"
    r"|match type|ad set|impressions|ctr|cpc|cpm|frequency cap)\s?:",
    re.IGNORECASE,
)
#: What the reader tried or was told before: "Because you've tried the pills", "if you've been told to live with it".
_TRIED = lazy(
    r"\b(?:you|you[’']?ve|you have|you[’']?re|you are)\s(?:already\s|probably\s|likely\s)?"
    r"(?:tried|been told|been to|seen|heard|spent|done|taken|sat through|run out of|had enough|tired of|sick of)\b",
    re.IGNORECASE,
)
#: The problem or the season as the subject of a clause that says what it does to the reader, or that it
#: never rests: "Pain doesn't take a year off.", "The holidays ask a lot of your body."
_PROBLEM_CLAUSE = lazy(
    r"^\W*(?:the |chronic |nerve |back |joint |your |this |that )*(?:pain|aches?|flares?|migraines?|holidays?|seasons?"
    r"|winters?|summers?|weather|cold)\s+(?:(?:doesn[’']t|does not|don[’']t|do not|won[’']t|never)\s"
    r"(?:take|takes|care|wait|rest|stop|quit|sleep|pause|ask)"
    r"|asks?|takes?|steals?|keeps?|shows? up|follows?|wakes?|hits?|lingers?|knows?|ruins?|wears?|drains?|sidelines?"
    r"|robs?|costs?|demands?)\b",
    re.IGNORECASE,
)
#: A quiz's or a form's result label, read past before a set-up is judged: the label is no outcome.
_RESULT_LABEL = lazy(r"^\W*(?:your |quiz )*(?:result|score|type|profile|match)\s?:", re.IGNORECASE)
#: Any word that makes a sentence promise or claim something: change and outcome, safety and risk,
#: comparison, speed and duration, numbers, a treatment or a seller, a first person, a modal promise.
_PROMISE = lazy(
    r"\b(?:relie\w*|heal\w*|cur(?:e|es|ed|ing)|recover\w*|restor\w*|rewir\w*|reset\w*|transform\w*|improv\w*"
    r"|eliminat\w*|better|best|results?|works?|worked|effective\w*|free|gone|goes|go|went|leav\w*|left|again"
    r"|different|differen\w*|chang\w*|finally|end|ends|ended|over|stop\w*|beat\w*|fix\w*|help\w*|ease\w*|eas(?:y|ier)"
    r"|calm\w*|quiet\w*|sooth\w*|comfort\w*|deserve\w*|lasting|lasts?|permanent\w*|forever|for good|proven|guarantee\w*"
    r"|miracle\w*|breakthrough|hope\w*|new|safe\w*|gentle|natural\w*|risks?|side effects?|addict\w*|hooked|dependen\w*"
    r"|fast\w*|quick\w*|instant\w*|rapid\w*|immediate\w*|overnight|minutes?|hours?|days?|weeks?|months?|than|unlike"
    r"|instead|only|no|zero|without|never|nothing|can|could|will|would|[’']ll|ketamine|infusions?|treatments?|therap\w*"
    r"|(?<!if you.ve tried )(?:everything|all else)|series|sessions?|clinic\w*|doctors?|physicians?|nurses?|products?"
    r"|formula|we|our|us|i|me|my|mine|[’']m"
    r"|studies|study|research\w*|evidence|fda|approved|science\w*|patients?|customers?|clients?|love[sd]?)\b"
    r"|\b(?!(?:your|my|the|lower|upper|low|his|her|their|a)\b)\w+ back\b(?! (?:pain|aches?|problems?|injur\w*|spasms?))"
    r"|\d|%",
    re.IGNORECASE,
)


def settings_line(line: str) -> bool:
    """Whether ``line`` is an ad export's settings: two or more platform labels (see the module doc)."""
    return len(_SETTING.findall(line)) >= 2


def set_up(sentence: str) -> bool:
    """Whether ``sentence`` only sets up the reader's problem and promises nothing (see the module doc)."""
    label = _RESULT_LABEL.match(sentence)
    if label:
        sentence = "your " + sentence[label.end() :]
    if _PROMISE.search(sentence):
        return False
    return label is not None or _TRIED.search(sentence) is not None or _PROBLEM_CLAUSE.match(sentence) is not None


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


#: Furniture whose presence makes a sentence a fragment, and which is taken out before the rest is read.
#: A rating is a score (4.7) or a count of reviews, not one review's own stars (a review is copy: "5★ Dana").
_RATING = (
    r"(?:[★☆]\s?){1,5}(?=\s?[0-5](?:\.\d)?(?:\s?[(·|]|\s*$))|\b[0-5]\.\d[- ]?(?:★|stars?\b|/ ?5\b|out of 5\b)"
    r"|\(?[\d,.]+[kK]?\+?\s(?:google |yelp |verified )?(?:reviews?|ratings?)\)?|\b[\d,]+\+? (?:bought|sold)\b"
)
_DAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?s?\b"
_TIME = r"\d{1,2}(?::\d\d)?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)"
_HOURS = (
    rf"\b{_DAY}(?:\s?[-–—]\s?{_DAY})?,?\s(?:\w+\s)?(?:{_TIME}|\d{{1,2}}(?::\d\d)?\s?(?:to|-|–)\s?\d{{1,2}}(?::\d\d)?\b)"
    rf"|\b{_TIME}(?:\s?(?:to|-|–)\s?{_TIME})?"
    r"|\bopen (?:until|till|today|now|daily|late|\d+ days)\b"
    rf"|\b(?:is|are|we're|we are|will be) closed\b(?:[^.!?]{{0,30}}\b{_DAY})?"
    r"|\b(?:opening|office|business|clinic|fall|winter|spring|summer|holiday|extended|new) hours\b|^\W*hours\s?:"
    r"|\b\d+ hours['’] notice\b"
)
_PRICE = r"[$£€]\s?\d[\d,]*(?:\.\d\d)?(?:\s?(?:/|per |a |an )\s?[a-z]+)?"
_CONTACT = (
    r"\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b"
    r"|\b\d+ [A-Z][a-z]+ (?:St|Street|Ave|Avenue|Rd|Road|Blvd|Drive|Suite|Ste)\b\.?"
)
_TIMESTAMP = r"^\s*\(?\d{1,2}:\d\d(?::\d\d)?\)?(?=\s)"
_LABEL = r"^\W*(?:[\w ]{0,20}\b)?(?:button|cta|link|nav(?:igation)?|menu item|tab)\s*\d*\s*(?:\([^)]{0,20}\))?\s*:"
_FURNITURE = lazy("|".join(f"(?:{p})" for p in (_TIMESTAMP, _LABEL, _RATING, _HOURS, _PRICE, _CONTACT)), re.IGNORECASE)
#: A price that anchors, discounts, finances, is partial or introductory, or hints at cover: the
#: guide's cost claims and the dev sets' labelling conventions ("reference, partial, percentage-off,
#: bonus and referral prices"), never furniture. Two prices in one fragment anchor one on the other.
_COST_CLAIM = lazy(
    r"\b(?:from|start|starting|starts|as low as|only|just|value|reg|regular(?:ly)?|normally|usually|save|savings?"
    r"|or more|up to|as much as|can run|runs?"
    r"|off|instead|was|sale|deal|offer|special|intro\w*|first|welcome\w*|limited|ends?|discount\w*|financ\w*"
    r"|insurance|covered|hsa|fsa|afford\w*|cheap\w*|inexpensive|free|bonus|refer\w*)\b",
    re.IGNORECASE,
)
#: Words that make a fragment say something: an outcome or a promise, proof or superiority, safety,
#: speed, a share; or a health word (a condition, a symptom, a part of the body that hurts).
_CLAIM_WORD = lazy(
    r"\b(?:relie\w*|heal\w*|cur(?:e|es|ed|ing)|recover\w*|restor\w*|rewir\w*|reset\w*|transform\w*|improv\w*"
    r"|eliminat\w*|reliev\w*|better|best|results?|works?|worked|working|effective\w*|(?:pain|risk|drug|opioid)[- ]free"
    r"|gone|again|comeback\w*|lasting|last|lasts|permanent\w*|for good(?!\s+friday)|forever|on (?:your|my|their) feet"
    r"|proven|guarantee\w*|leading|breakthrough|miracle\w*|eras\w*|fix\w*|boost\w*|ease[sd]?|calm\w*|sooth\w*"
    r"|safe\w*|natural\w*|gentle|side effects?|addict\w*|fast\w*|instant\w*|immediate\w*|quick\w*|rapid\w*"
    r"|overnight|same[- ]day|feel\w*|felt|life|lives|back to|get back|love[sd]?|trusted|success\w*|\d+ ?%"
    r"|still|walk\w*|smil\w*|than|afford\w*|cheap\w*|cells?|cellular|recharg\w*|brains?|nervous|neuro\w*"
    r"|pain\w*|ache[sd]?|aching|hurt\w*|sore\w*|migraines?|headaches?|fibro\w*|neuropath\w*|crps|arthriti\w*"
    r"|depress\w*|anxi\w*|ptsd|symptoms?|nerves?|joints?|knees?|sleep\w*|mood|inflam\w*|injur\w*|chronic"
    r"|flares?|nausea|dizz\w*|suffer\w*|diseases?|disorders?|immun\w*|toxins?|detox\w*|energy|stress\w*|stiff\w*|numb\w*)",
    re.IGNORECASE,
)
#: A link's or button's text on the original line, where an HTML source gives it.
_LINK = lazy(r"<(?:a|button)\b[^>]*>([^<]{1,120})</(?:a|button)>", re.IGNORECASE)
#: A chat export's message header or a post's date: taken out before a fragment is read, but no
#: furniture by itself (a dated chat message is copy like any other).
_DATED = lazy(
    r"^\W*\[[^\]]{4,24}\]\s*(?:[\w .'’-]{1,40}:)?|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b",
    re.IGNORECASE,
)
#: Markup on an original line: tags, entities and Markdown marks.
_VISIBLE = lazy(r"<[^>]*>|&#?\w+;|^[\s#>*_|-]+")
#: A fragment is mostly furniture: at most this many words are left once it is taken out.
MAX_REST_WORDS = 8
#: A link's or a button's text is a label only when it is this short ("Book your consult", "Learn more").
MAX_LABEL_WORDS = 5


def link_text(line: str, column: int) -> bool:
    """Whether ``column`` of the original ``line`` falls inside a link's or a button's text (HTML)."""
    if "<" not in line:
        return False
    return any(m.start(1) <= column < m.end(1) for m in _LINK.finditer(line))


def bare_fragment(sentence: str, is_link: bool = False) -> bool:
    """Whether ``sentence`` is page furniture that claims nothing once its furniture is taken out (module doc).

    ``is_link``: the sentence is a link's or a button's whole text, furniture in itself when short.
    """
    sentence = _DATED.sub(" ", sentence)
    if _FURNITURE.search(sentence) is None and not (is_link and len(sentence.split()) <= MAX_LABEL_WORDS):
        return False
    if cost_claim(sentence):
        return False
    rest = _FURNITURE.sub(" ", sentence)
    return len(re.findall(r"\w+", rest)) <= MAX_REST_WORDS and not _CLAIM_WORD.search(rest)


def cost_claim(text: str) -> bool:
    """Whether ``text`` prices something the way the guide's cost claims do (see :data:`_COST_CLAIM`).

    Read on the whole line as well as the sentence: a table row's cells are sentences of their own,
    and "$40,000+ | $2,400 per series" anchors one price on another across two of them.
    """
    prices = sum(1 for m in _FURNITURE.finditer(text) if m.group(0).lstrip()[:1] in "$£€")
    return prices > 1 or (prices > 0 and _COST_CLAIM.search(text) is not None)
