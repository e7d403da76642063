"""``type: classifier``: a linear model scores each sentence for a claim in the seller's voice.

Lexicon rules fit the wording they were written against; on copy no rule
author has seen, the claims they miss are written in fresh words (a metaphor,
a fragment list of conditions, a chatbot answer). What those sentences share
is the *voice*: the clinic speaks of its own offer (``we``, ``our``), addresses
the reader (``you``), calls to action, quotes a price or an unsourced number,
promises an outcome, and neither hedges nor cites. This type scores every
sentence with a logistic model over such voice features plus common words and
word pairs, trained by ``scripts/train_classifier.py`` on the labelled sets.

A sentence fires when its score reaches the threshold (the rule's ``threshold``,
else the one the trainer wrote into the model file) and no other rule has
already flagged it: the lexicon rules name the specific category and carry the
specific rewrite, so a second, vaguer finding on the same sentence would only
repeat them. The engine runs matchers that declare ``runs_last`` after every
other matcher and hands them the earlier hits (see :func:`earlier_hits`).
The common guards apply as to every line rule: the topic gate (``when``,
``also_when``), ``unless``/``context``, questions answered "No", quoted claims
put in question, and the pack's ``skip_pages``.
"""

from __future__ import annotations

import math
import os
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property, lru_cache
from itertools import accumulate, combinations, pairwise
from pathlib import Path
from sys import intern
from typing import NamedTuple

from claimlint.api import DocView, Key, RuleType
from claimlint.errors import ConfigError
from claimlint.model import Hit, Rule, Segment
from claimlint.multisearch import compile_re2, first_end
from claimlint.ruletypes.base import document_gates, earlier_hits, gate_literals, guarded_hits, segment_index
from claimlint.textutil import sentence_bounds

#: The model-file format the training script writes (``format`` in the JSON; 2 added category heads).
MODEL_FORMAT = 2
#: Every format this module reads.
MODEL_FORMATS = (1, 2)
#: Sentences shorter than this many characters carry no claim worth a finding ("Learn more.").
MIN_CHARS = 12

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


#: The seller's-voice features found from single words: name -> (words, word prefixes).
#: Words are lower-case tokens (letters and digits, one apostrophe suffix: "we're").
VOICE_WORDS: Mapping[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "we": (_words("we we're we've we'll we'd our ours us"), ()),
    "you": (_words("you your yours yourself you're you've you'll you'd"), ()),
    "i": (_words("i i'm i've i'd i'll my me"), ()),
    "cta": (_words("click"), ()),
    "offer": (_words("discount special promo package packages membership financing coupon"), ()),
    "percent": (_words("percent"), ()),
    "outcome": (
        _words(
            "relief results result works worked cure cured cures curing gone freedom better breakthrough again lasting"
        ),
        ("reliev", "heal", "recover", "transform", "restor", "reset", "rewir", "eliminat", "improv"),
    ),
    "superlative": (_words("best most fastest safest only leading unlike ever guarantee guaranteed proven"), ()),
    "speed": (_words("minutes hours overnight fast"), ("instant", "immediate", "quick", "rapid")),
    "safety": (_words("safe safer safely gentle natural"), ()),
    "hedge": (_words("may might could varies vary uncertain unclear possible possibly typically"), ()),
    "negation": (_words("not no never nor cannot without can't don't doesn't isn't aren't won't didn't"), ()),
    "past": (_words("was were had came spent went tried did told started"), ()),
    "study": (
        _words(
            "study studies trial trials review researcher researchers participants placebo randomized randomised"
            " data evidence author authors"
        ),
        (),
    ),
    "risk": (_words("risk risks nausea dependence misuse"), ("dissociat", "contraindicat", "monitor", "screen")),
    "topic": (
        _words("ketamine esketamine spravato infusion infusions treatment treatments therapy therapies protocol"),
        (),
    ),
}

#: Features found from word sequences, matched on the sentence's words joined by single spaces
#: (so "pain-free" is "pain free"); a phrase ending in ``*`` may continue ("free consult*": consultation).
VOICE_PHRASES: Mapping[str, tuple[str, ...]] = {
    "cta": (
        "call us",
        "text us",
        "contact us",
        "email us",
        "message us",
        "book now",
        "book today",
        "book your",
        "book a",
        "book online",
        "schedule your",
        "schedule a",
        "schedule now",
        "schedule today",
        "sign up",
        "get started",
        "learn more",
        "tap here",
        "apply now",
    ),
    "offer": (
        "per session",
        "limited time",
        "free consult*",
        "free screening",
        "free evaluation",
        "free assessment",
        "free trial",
        "free first",
    ),
    "outcome": ("pain free", "back to", "for good", "life chang*"),
    "superlative": ("number one", "better than", "more than"),
    "speed": ("same day", "first session", "first infusion", "first visit", "first treatment"),
    "safety": ("non addictive", "risk free", "no side effect*"),
    "hedge": (
        "some patients",
        "some people",
        "results vary",
        "not guaranteed",
        "not everyone",
        "individual results",
        "limited evidence",
        "evidence is limited",
        "evidence is mixed",
        "evidence is weak",
        "in some",
    ),
    "study": ("meta analysis",),
    "risk": ("side effect*", "off label", "not approved", "not fda approved"),
    "greeting": ("thank you",),
}

#: The feature groups added in session 7, each measured by the trainer (``scripts/train_classifier.py
#: --ablate``) by dropping it. Only the page's signals raised pooled CV F1; the sentence's shape, a
#: promise to the reader, comparison with other treatments, time words and reported speech did not
#: and were removed (docs/architecture.md has the numbers).
FEATURE_GROUPS: Mapping[str, frozenset[str]] = {
    "page": frozenset({"d:cta", "d:cites", "d:price"}),
}

#: The voice features that say what a sentence claims rather than how or where it is written: an
#: outcome, a superlative, speed, safety or risk, a number or price, a hedge or a denial, a study, and
#: a person's own experience. The rest (``we``/``you``, calls to action, greetings, punctuation,
#: length, the segment kind, the page) describe the copy's structure and its page, which a fragment
#: that claims nothing shares with the claims beside it (see :meth:`Model.content`).
CONTENT_VOICE = frozenset(
    f"v:{name}" for name in _words("outcome superlative speed safety risk percent number unsourced-number offer")
) | frozenset(f"v:{name}" for name in _words("hedge negation study cite past i topic"))


def is_content(feature: str) -> bool:
    """Whether ``feature`` is content evidence: a word, a word pair, or a content voice feature or pair of them."""
    kind, _, rest = feature.partition(":")
    if kind in ("w", "b"):
        return True
    if kind == "x":
        left, _, right = rest.partition("+")
        return left in CONTENT_VOICE and right in CONTENT_VOICE
    return feature in CONTENT_VOICE


#: Sentence openers: a call to action or a greeting as the first word.
CTA_OPENERS = _words(
    "book call schedule start get try join ask discover find take stop say feel imagine reclaim experience learn"
    " contact request claim visit text see come let don't give unlock break enjoy live walk wake meet choose skip"
    " save tired ready done end escape picture"
)
GREETINGS = _words("hi hello hey dear thanks")

_CITE = re.compile(r"\([A-Z][^()]{0,80}\b(?:19|20)\d\d[a-z]?\)|\bet al\b|\[\d+(?:[,–-]\d+)*\]|\bdoi\b|\bPMID\b")
#: A citation needs one of these (``_CITE``'s alternatives: "(", "[", "et al", "doi", "PMID").
_CITE_NEEDS = ("(", "[", "et al", "doi", "PMID")
_QUOTE = re.compile(r"""^\W*["“‘]|["“][^"”]{3,}["”]""")
_PRICE = re.compile(r"[$£€]\s?\d|\d\s?% off\b", re.IGNORECASE)


def tokens(sentence: str) -> list[str]:
    """Lower-case words, curly apostrophes straightened ("we’re" -> "we're")."""
    return _TOKEN.findall(sentence.lower().replace("’", "'"))


def lexical_features(words: Sequence[str]) -> set[str]:
    """Word (``w:``) and word-pair (``b:``) features of one sentence."""
    feats = {f"w:{w}" for w in words}
    feats.update(f"b:{a} {b}" for a, b in pairwise(words))
    return feats


@lru_cache(maxsize=8192)
def _word_voice(word: str) -> tuple[str, ...]:
    """The ``v:`` features one word gives (cached: a corpus has far fewer distinct words than words).

    Besides :data:`VOICE_WORDS`: a word of six letters or more ending in
    "est" is a superlative, and one starting with a digit a number.
    """
    found = [f"v:{name}" for name, (words, stems) in VOICE_WORDS.items() if word in words or word.startswith(stems)]
    if len(word) >= 6 and word.endswith("est"):
        found.append("v:superlative")
    if word[0].isdigit():
        found.append("v:number")
    return tuple(found)


def _phrase_index() -> dict[str, list[tuple[str, tuple[str, ...], bool]]]:
    """:data:`VOICE_PHRASES` by first word: (feature, the words after it, whether the last may continue)."""
    index: dict[str, list[tuple[str, tuple[str, ...], bool]]] = {}
    for name, phrases in VOICE_PHRASES.items():
        for phrase in phrases:
            first, *rest = phrase.rstrip("*").split()
            index.setdefault(first, []).append((f"v:{name}", tuple(rest), phrase.endswith("*")))
    return index


_PHRASES = _phrase_index()


def _phrase_voice(words: Sequence[str]) -> set[str]:
    """The features of :data:`VOICE_PHRASES` found in ``words`` (few words start a phrase, so few are tried)."""
    found = set()
    for i, word in enumerate(words):
        for name, rest, open_end in _PHRASES.get(word, ()):
            if name not in found and _continues(words, i + 1, rest, open_end):
                found.add(name)
    return found


def _continues(words: Sequence[str], start: int, rest: tuple[str, ...], open_end: bool) -> bool:
    """Whether ``words[start:]`` begins with ``rest`` (its last word only as a prefix when ``open_end``)."""
    if start + len(rest) > len(words):
        return False
    for k, expected in enumerate(rest):
        got = words[start + k]
        if got != expected and not (open_end and k == len(rest) - 1 and got.startswith(expected)):
            return False
    return True


def _char_voice(sentence: str, words: Sequence[str], number: bool) -> set[str]:
    """The ``v:`` features read from characters: percentages, prices, punctuation, quotation, citations.

    Each regex runs only when a character it needs is there (most sentences have none).
    """
    found = set()
    if number and "%" in sentence:
        found.add("v:percent")
    if any(c in sentence for c in "$£€%") and _PRICE.search(sentence):
        found.add("v:offer")
    if ("100" in words and "%" in sentence) or "#1" in sentence:
        found.add("v:superlative")
    found.update(name for name, mark in (("v:exclaim", "!"), ("v:question", "?")) if mark in sentence)
    if any(c in sentence for c in '"“‘') and _QUOTE.search(sentence):
        found.add("v:quote")
    if any(c in sentence for c in _CITE_NEEDS) and _CITE.search(sentence):
        found.add("v:cite")
    return found


def voice_names(sentence: str, kind: str, words: Sequence[str]) -> list[str]:
    """The seller's-voice features (``v:``) and the segment kind (``k:``), sorted.

    Read from the sentence's words (set look-ups, cached per word) rather
    than a regex per feature: scoring every sentence of a dense page with
    two dozen regexes cost more than all the pack's rules.
    """
    names = _phrase_voice(words)
    for word in set(words):
        names.update(_word_voice(word))
    names |= _char_voice(sentence, words, "v:number" in names)
    if words and words[0] in CTA_OPENERS:
        names.add("v:cta-open")
    if words and words[0] in GREETINGS:
        names.add("v:greeting")
    if "v:number" in names and "v:cite" not in names:
        names.add("v:unsourced-number")
    if len(words) <= 4:
        names.add("v:short")
    elif len(words) > 30:
        names.add("v:long")
    names.add(f"k:{kind}")
    return sorted(names)


def voice_features(sentence: str, kind: str, words: Sequence[str]) -> set[str]:
    """:func:`voice_names` and their pairs (``x:``).

    Pairs let a linear model weigh a combination on its own: "we" with an
    outcome word is a claim far more often than either alone.
    """
    names = voice_names(sentence, kind, words)
    feats = set(names)
    feats.update(f"x:{a}+{b}" for a, b in combinations(names, 2))
    return feats


def features(sentence: str, kind: str, context: Iterable[str] = ()) -> set[str]:
    """Every feature of one sentence: words, word pairs, voice, segment kind and ``context``.

    ``context`` holds the features of the page around the sentence (see
    :func:`context_features`): the same sentence reads differently on a
    clinic's page and in a patient's diary.
    """
    words = tokens(sentence)
    return lexical_features(words) | voice_features(sentence, kind, words) | set(context)


#: A page where the clinic speaks of itself or its offer somewhere (the ``d:seller`` feature).
_SELLER = re.compile(
    r"\b(?:we|we['’](?:re|ve|ll|d)|our|ours|us)\b|[$£€]\s?\d"
    r"|\b(?:free (?:consult\w*|screening|evaluation|assessment|trial)|discount|promo|membership|financing)\b",
    re.IGNORECASE,
)


#: Page signals besides the seller's voice: a call to action, a price, citations (two or more).
_PAGE_CTA = re.compile(
    r"\b(?:(?:call|text|contact|email) us|book (?:now|today|your|a|online)|schedule (?:your|a|now|today)"
    r"|get started|sign up)\b",
    re.IGNORECASE,
)
_PAGE_PRICE = re.compile(r"[$£€]\s?\d")
_PAGE_CITE = re.compile(r"\b(?i:et al|doi|pmid)\b|\([A-Z][^()]{0,60}\b(?:19|20)\d\d[a-z]?\)")


def context_features(doc_seller: bool, text: str = "") -> frozenset[str]:
    """The page features: ``d:seller`` when the page speaks as a seller somewhere (see :func:`seller_page`).

    From the page's ``text``: ``d:cta`` (a call to action), ``d:price`` and
    ``d:cites`` (at least two citation marks), read once per page: the same
    sentence is likelier a claim on a page that sells than on one that cites.
    """
    found = {"d:seller"} if doc_seller else set()
    if _found(_PAGE_CTA, text):
        found.add("d:cta")
    if _PAGE_PRICE.search(text):
        found.add("d:price")
    if _found(_PAGE_CITE, text, 2):
        found.add("d:cites")
    return frozenset(found)


def seller_page(texts: Iterable[str]) -> bool:
    """Whether one of ``texts`` speaks as a seller (``we``/``our``/``us``, a price or an offer)."""
    return any(_found(_SELLER, text) for text in texts)


#: Python's ``\s`` on ASCII text, for RE2, whose ``\s`` lacks VT and the separators 0x1C-0x1F.
_ASCII_SPACE = r"[\t\n\x0b\x0c\r\x1c-\x1f ]"
#: RE2's memory budget for each page pattern (plenty: their automata are small).
_PAGE_MEM = 256 << 10


def _found(pattern: re.Pattern[str], text: str, times: int = 1) -> bool:
    r"""Whether ``pattern`` matches ``text`` at least ``times`` times (without overlap, as ``finditer`` finds them).

    A page pattern led by ``\b`` and words ignoring case gives ``re`` no
    prefix to skip ahead for, so it tries every position of the page (about
    40 ns a character), and the technical text before a page's copy is read
    to its end. On ASCII text the same pattern means the same to RE2 (ASCII
    ``\b``, ``\w`` and ``\d``, ``\s`` spelled out as ``re`` reads it,
    case folding between ASCII letters only), and RE2 scans at memory speed
    with the same leftmost-first matches; other text, or no RE2, keeps ``re``.
    """
    compiled = _page_re2(pattern.pattern, bool(pattern.flags & re.IGNORECASE)) if text.isascii() else None
    if compiled is None:
        found = pattern.finditer(text)
        return all(next(found, None) is not None for _ in range(times))
    data, pos = text.encode("ascii"), 0
    for _ in range(times):
        end = first_end(compiled, data, pos)
        if end is None:
            return False
        pos = end
    return True


@lru_cache(maxsize=8)
def _page_re2(pattern: str, ignore_case: bool) -> object | None:
    """``pattern`` compiled for RE2 as :func:`_found` uses it, or None (no RE2, or RE2 rejects it).

    It is led by a lazy any-character prefix and searched anchored
    (:func:`claimlint.multisearch.first_end`): the end of the leftmost match
    is all :func:`_found` needs, and RE2 then builds no reversed program.
    """
    translated = pattern.replace(r"\s", _ASCII_SPACE)
    return compile_re2(f"(?s:.*?)(?:{translated})", max_mem=_PAGE_MEM, case_sensitive=ignore_case is False)


class Model:
    """A logistic model: ``bias`` plus the weights of the features present, through the sigmoid.

    Features absent from ``weights`` weigh nothing, so the training script
    keeps only those with a non-trivial weight. ``heads`` (optional) are one
    linear model per claim category, trained on claims only: the category of
    a sentence the model scores as a claim is the head with the highest logit.

    The weights are kept once, split by feature kind (words, word pairs,
    voice pairs, every other name), so scoring looks them up by tuple and
    never formats the feature strings: on a dense page that formatting cost
    more than the look-ups. Words are interned, so a word pair and the heads
    share the strings of the main model's words. :attr:`weights`, by feature
    name as the model file holds them, is rebuilt for the trainer and tests
    on first use; scoring never reads it.
    """

    def __init__(
        self,
        bias: float,
        weights: Mapping[str, float],
        heads: Mapping[str, Model] | None = None,
        threshold: float | None = None,
        content_floor: float | None = None,
    ) -> None:
        self.bias = float(bias)
        #: The least :meth:`content` a reported sentence needs (None: no such guard), chosen by the trainer.
        self.content_floor = content_floor
        #: The score the trainer chose for reporting (a rule's ``threshold`` overrides it).
        self.threshold = threshold
        self.heads = dict(heads or {})
        self._words: dict[str, float] = {}
        self._pairs: dict[tuple[str, str], float] = {}
        self._voice_pairs: dict[tuple[str, str], float] = {}
        self._names: dict[str, float] = {}
        for name, weight in weights.items():
            kind, _, rest = name.partition(":")
            if kind == "w":
                self._words[intern(rest)] = weight
            elif kind == "b" and rest.count(" ") == 1:
                first, _, second = rest.partition(" ")
                self._pairs[(intern(first), intern(second))] = weight
            elif kind == "x" and "+" in rest:
                left, _, right = rest.partition("+")
                self._voice_pairs[(intern(left), intern(right))] = weight
            else:
                self._names[name] = weight
        self._paired = frozenset(name for pair in self._voice_pairs for name in pair)

    @cached_property
    def weights(self) -> dict[str, float]:
        """Every weight by feature name, as in the model file (the split tables joined again)."""
        out = dict(self._names)
        out.update((f"w:{word}", weight) for word, weight in self._words.items())
        out.update((f"b:{a} {b}", weight) for (a, b), weight in self._pairs.items())
        out.update((f"x:{a}+{b}", weight) for (a, b), weight in self._voice_pairs.items())
        return out

    def logit(self, words: Sequence[str], voice: Sequence[str], context: Iterable[str] = ()) -> float:
        """The linear score of a sentence's ``words`` and sorted :func:`voice_names`, on a page with ``context``.

        Equal to summing :attr:`weights` over :func:`features` (each distinct feature once).
        """
        get = self._names.get
        total = self.bias + sum(self._words.get(w, 0.0) for w in set(words))
        pairs = self._pairs
        if pairs:
            total += sum(pairs.get(p, 0.0) for p in set(pairwise(words)))
        total += sum(get(name, 0.0) for name in voice)
        voice_pairs = self._voice_pairs
        if voice_pairs:
            paired = self._paired  # a voice name in no weighted pair adds nothing: skip its pairs
            total += sum(voice_pairs.get(p, 0.0) for p in combinations([v for v in voice if v in paired], 2))
        return total + sum(get(name, 0.0) for name in set(context))

    def content(self, words: Sequence[str], voice: Sequence[str]) -> float:
        """The part of :meth:`logit` that the sentence's content gives (:func:`is_content`), without the bias.

        A fragment of a sales page (a card's caption, a button, a table row, a
        visitor's "maybe later") can score past the threshold on its page and
        its shape alone; a claim also says something: an outcome, a risk, a
        speed, a number. Equal to summing :attr:`weights` over the content
        features of :func:`features`.
        """
        total = sum(self._words.get(w, 0.0) for w in set(words))
        if self._pairs:
            total += sum(self._pairs.get(p, 0.0) for p in set(pairwise(words)))
        content = [v for v in voice if v in CONTENT_VOICE]
        total += sum(self._names.get(name, 0.0) for name in content)
        if self._voice_pairs:
            total += sum(self._voice_pairs.get(p, 0.0) for p in combinations(content, 2))
        return total

    def says_enough(self, sentence: str, kind: str) -> bool:
        """Whether ``sentence`` carries the content the model needs for a claim (:attr:`content_floor`)."""
        if self.content_floor is None:
            return True
        words = tokens(sentence)
        return self.content(words, voice_names(sentence, kind, words)) >= self.content_floor

    def score(self, sentence: str, kind: str, context: Iterable[str] = ()) -> float:
        """Probability that ``sentence`` (in a segment of ``kind``, on a page with ``context``) is a claim."""
        return _score(self, sentence, kind, frozenset(context))

    def category(self, sentence: str, kind: str, context: Iterable[str] = ()) -> str | None:
        """The head with the highest logit for ``sentence`` (ties: the first by name); None without heads."""
        if not self.heads:
            return None
        words = tokens(sentence)
        voice = voice_names(sentence, kind, words)
        logits = {name: head.logit(words, voice, context) for name, head in sorted(self.heads.items())}
        return max(logits, key=logits.__getitem__)


@lru_cache(maxsize=2048)
def _score(model: Model, sentence: str, kind: str, context: frozenset[str]) -> float:
    """:meth:`Model.score`, remembered: boilerplate sentences recur across a site's pages."""
    words = tokens(sentence)
    return sigmoid(model.logit(words, voice_names(sentence, kind, words), context))


def sigmoid(x: float) -> float:
    """The logistic function, safe for large magnitudes."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def parse_model(data: object) -> Model:
    """A :class:`Model` from the decoded JSON of a model file; ValueError says what is wrong."""
    if not isinstance(data, dict) or data.get("format") not in MODEL_FORMATS:
        raise ValueError(f'not a claimlint classifier model (expected an object with "format": {MODEL_FORMAT})')
    heads = data.get("heads", {})
    if not isinstance(heads, dict) or not all(isinstance(k, str) and isinstance(v, dict) for k, v in heads.items()):
        raise ValueError("'heads' must map category names to objects with 'bias' and 'weights'")
    threshold = data.get("threshold")
    if threshold is not None and (isinstance(threshold, bool) or not isinstance(threshold, (int, float))):
        raise ValueError("'threshold' must be a number")
    floor = data.get("content_floor")
    if floor is not None and (isinstance(floor, bool) or not isinstance(floor, (int, float))):
        raise ValueError("'content_floor' must be a number")
    parsed = {name: Model(*_linear(head, f"head {name!r}: ")) for name, head in heads.items()}
    return Model(
        *_linear(data, ""),
        parsed,
        None if threshold is None else float(threshold),
        None if floor is None else float(floor),
    )


def _linear(data: Mapping[str, object], where: str) -> tuple[float, Mapping[str, float]]:
    """The checked ``bias`` and ``weights`` of one linear model in a model file."""
    bias, weights = data.get("bias"), data.get("weights")
    if not isinstance(bias, (int, float)) or isinstance(bias, bool):
        raise ValueError(f"{where}'bias' must be a number")
    if not isinstance(weights, dict) or not _number_map(weights):
        raise ValueError(f"{where}'weights' must map feature names to numbers")
    return bias, weights


def _number_map(weights: dict[object, object]) -> bool:
    """Whether every key is a string and every value a number (not a bool).

    Asked first of the types present (a set built at C speed: JSON gives
    exact ``str``, ``int`` and ``float``), then item by item only if that
    fails, so a subclass is judged exactly as ``isinstance`` would.
    """
    if set(map(type, weights)) <= {str} and set(map(type, weights.values())) <= {int, float}:
        return True
    return all(
        isinstance(k, str) and isinstance(v, (int, float)) and not isinstance(v, bool) for k, v in weights.items()
    )


def load_model(path: str) -> Model:
    """Read and check a model file; every rule naming an unchanged file shares one parse.

    Keyed by the file's size and modification time as well as its path, so a
    long-lived process (an editor integration, a test run) sees an edited model.
    """
    st = _stat(path)
    return _load_model(path, st.st_mtime_ns, st.st_size)


def model_info(path: str) -> tuple[tuple[str, ...], float | None]:
    """The sorted category heads and the threshold of a valid model file: all a rule needs at compile time.

    A file this process or an earlier run (through the rule cache's derived
    tables, :func:`checked_models`) already found valid, with the same size
    and modification time, is not read again: a page that never reaches the
    classifier then never pays for its model (about 10 ms of a one-page run).
    Anything else is loaded and checked now, so a bad model is still a
    config error before any page is linted.
    """
    st = _stat(path)
    known = _CHECKED.get(os.path.abspath(path))
    if known is not None and known[:2] == (st.st_mtime_ns, st.st_size):
        return known[2], known[3]
    model = _load_model(path, st.st_mtime_ns, st.st_size)
    return tuple(sorted(model.heads)), model.threshold


#: A valid model file's record: (mtime_ns, size, sorted head names, threshold or None).
ModelRecord = tuple[int, int, tuple[str, ...], "float | None"]

#: Model files found valid, by absolute path.
_CHECKED: dict[str, ModelRecord] = {}


def checked_models() -> dict[str, ModelRecord]:
    """The model files found valid so far (stored with the rule cache's derived tables)."""
    return _CHECKED


def remember_models(table: Mapping[str, ModelRecord]) -> None:
    """Take model files an earlier run found valid (see :func:`model_info`)."""
    _CHECKED.update(table)


def _stat(path: str) -> os.stat_result:
    try:
        return os.stat(path)
    except OSError as exc:
        raise ValueError(f"cannot read model file {path}: {exc.strerror or exc}") from None


@lru_cache(maxsize=8)
def _load_model(path: str, mtime_ns: int, size: int) -> Model:
    import json

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read model file {path}: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"model file {path} is not valid JSON: {exc}") from None
    try:
        model = parse_model(data)
    except ValueError as exc:
        raise ValueError(f"model file {path}: {exc}") from None
    _CHECKED[os.path.abspath(path)] = (mtime_ns, size, tuple(sorted(model.heads)), model.threshold)
    return model


def model_path(rule: Rule) -> Path:
    """The rule's ``model`` resolved relative to the rules file that defines it."""
    return Path(rule.origin.path).parent / str(rule.params["model"])


def sentence_spans(segment: Segment) -> Iterator[tuple[int, int]]:
    """Every sentence of ``segment`` as ``(start, end)``, split exactly as the line guards split."""
    text, pos = segment.text, 0
    while pos < len(text):
        lo, hi = sentence_bounds(text, pos, pos + 1, segment.breaks)
        lo, hi = _trimmed(text, max(lo, pos), hi)
        if hi > lo:
            yield lo, hi
        pos = max(hi, pos + 1)


def _trimmed(text: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and text[lo] in " |":
        lo += 1
    while hi > lo and text[hi - 1] in " |":
        hi -= 1
    return lo, hi


class Scored(NamedTuple):
    """One sentence the classifier looked at: where it is, its score and its page features."""

    segment: Segment
    start: int
    end: int
    score: float
    context: frozenset[str] = frozenset()


class ClassifierMatcher:
    """The ``classifier`` rules that share one model file: scores the sentences no other rule flagged.

    A sentence is scored once, whatever the number of rules. With a model
    that has category heads, each rule reports the sentences whose winning
    head is its own ``category`` (at its own threshold), so one sentence gets
    at most one finding and switching a rule off drops its category only;
    with a model without heads the first rule reports every sentence.
    """

    runs_last = True

    def __init__(self, rules: Rule | Sequence[Rule], model: Model | None = None) -> None:
        """``model`` replaces the rules' model file (the training script scores candidate models).

        The model file is checked now but read only when a page first needs
        it (:func:`model_info`, :attr:`model`).
        """
        self.rules = [rules] if isinstance(rules, Rule) else list(rules)
        self.rule = self.rules[0]
        self._model = model
        info = _model_info(self.rule) if model is None else (tuple(sorted(model.heads)), model.threshold)
        self._head_names = info[0]
        self.thresholds = {r.id: _threshold(r, info[1]) for r in self.rules}
        self.threshold = min(self.thresholds.values())
        self._by_category = _heads(self.rules, self._head_names)
        self._literals = gate_literals(None, self.rules)

    @property
    def model(self) -> Model:
        """The rules' model, read on first use (a file edited since compile time is checked again)."""
        if self._model is None:
            model = _model(self.rule)
            heads = tuple(sorted(model.heads))
            if heads != self._head_names:
                self._by_category = _heads(self.rules, heads)
                self._head_names = heads
            self.thresholds = {r.id: _threshold(r, model.threshold) for r in self.rules}
            self.threshold = min(self.thresholds.values())
            self._model = model
        return self._model

    def literals(self) -> list[frozenset[str]] | None:
        """The topic gate's words: a file without them is never parsed for these rules."""
        return self._literals

    def scored(self, doc: DocView) -> Iterator[Scored]:
        """Each sentence of a document past a rule's topic gate that no other line hit touches, scored.

        The gate is decided once per document before any sentence is scored,
        so pages off the pack's topic cost nothing.
        """
        if not any(document_gates(doc, rule) for rule in self.rules):
            return
        flagged = _Flagged(earlier_hits(doc))
        joined = segment_index(doc).joined
        context = context_features(seller_page((joined,)), joined)
        scopes = _scopes(self.rules)
        score = self.model.score
        for seg in doc.segments:
            if scopes and seg.kind not in scopes:
                continue
            for lo, hi in sentence_spans(seg):
                if hi - lo < MIN_CHARS or flagged.touch(seg.to_original(lo, hi)):
                    continue
                yield Scored(seg, lo, hi, score(seg.text[lo:hi], seg.kind, context), context)

    def reporter(self, item: Scored) -> Rule | None:
        """The rule that reports a scored sentence (its category's, at its threshold), or None."""
        if item.score < self.threshold:
            return None
        if not self.model.says_enough(item.segment.text[item.start : item.end], item.segment.kind):
            return None
        if self._by_category is None:
            rule: Rule | None = self.rule
        else:
            sentence = item.segment.text[item.start : item.end]
            rule = self._by_category.get(self.model.category(sentence, item.segment.kind, item.context) or "")
        return rule if rule is not None and item.score >= self.thresholds[rule.id] else None

    def run(self, doc: DocView) -> Iterator[Hit]:
        """Hits for the sentences scoring at least their rule's threshold, through the common guards."""
        scores: dict[tuple[int, int], float] = {}
        candidates = []
        for item in self.scored(doc):
            rule = self.reporter(item)
            if rule is not None:
                scores[item.segment.to_original(item.start, item.end)] = item.score
                candidates.append((rule, item.segment, item.start, item.end))
        for hit in guarded_hits(doc, candidates):
            score, threshold = scores.get((hit.start, hit.end), 0.0), self.thresholds[hit.rule.id]
            note = f"seller's-voice score {score:.2f} (threshold {threshold:.2f})"
            if self._by_category is not None:
                note += f"; the model reads it as {hit.rule.category}"
            yield Hit(hit.rule, hit.start, hit.end, hit.scope, hit.sentence, note)


def _scopes(rules: Sequence[Rule]) -> frozenset[str] | None:
    """The segment kinds any of ``rules`` looks at (None: every kind)."""
    kinds: set[str] = set()
    for rule in rules:
        scopes = rule.params.get("scopes")
        if not scopes:
            return None
        kinds.update(scopes)
    return frozenset(kinds)


def _heads(rules: Sequence[Rule], heads: Sequence[str]) -> dict[str, Rule] | None:
    """Each category head's rule (None for a model without heads); a rule needs its category's head."""
    if not heads:
        return None
    by_category: dict[str, Rule] = {}
    for rule in rules:
        if rule.category not in heads:
            raise _error(rule, f"the model has no head for category {rule.category} (it has: {', '.join(heads)})")
        if rule.category in by_category:
            raise _error(rule, f"rule {by_category[rule.category].id} already reports {rule.category} for this model")
        by_category[rule.category] = rule
    return by_category


class _Flagged:
    """The original spans of a document's line hits, asked "does any overlap this span?"."""

    def __init__(self, hits: Iterable[Hit]) -> None:
        spans = sorted((h.start, h.end) for h in hits if h.scope == "line")
        self.starts = [start for start, _end in spans]
        self.reach = list(accumulate((end for _start, end in spans), max))

    def touch(self, span: tuple[int, int]) -> bool:
        """Whether a hit starting before ``span`` ends reaches past its start."""
        k = bisect_left(self.starts, span[1])
        return k > 0 and self.reach[k - 1] > span[0]


def _error(rule: Rule, message: str) -> ConfigError:
    return ConfigError(rule.origin.path, f"rule {rule.id}: {message}", rule.origin.line, rule.origin.column)


def _model(rule: Rule) -> Model:
    path = _model_file(rule)
    try:
        return load_model(path)
    except ValueError as exc:
        raise _error(rule, str(exc)) from None


def _model_info(rule: Rule) -> tuple[tuple[str, ...], float | None]:
    path = _model_file(rule)
    try:
        return model_info(path)
    except ValueError as exc:
        raise _error(rule, str(exc)) from None


def _model_file(rule: Rule) -> str:
    value = rule.params.get("model")
    if not isinstance(value, str) or not value.strip():
        raise _error(rule, "model must be the path of a model file (relative to the rules file)")
    return str(model_path(rule))


def _threshold(rule: Rule, default: float | None) -> float:
    """The rule's ``threshold``, else the model file's (``default``): one value for every rule of a retrained model."""
    value = rule.params.get("threshold", default)
    if value is None:
        raise _error(rule, "needs a threshold: the model file has none, so give the rule a threshold key")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1:
        raise _error(rule, f"threshold must be a number between 0 and 1 (exclusive), not {value!r}")
    return float(value)


def _compile(rules: Sequence[Rule]) -> Sequence[ClassifierMatcher]:
    """One matcher per model file, so a sentence is scored once whatever the number of heads."""
    by_model: dict[Path, list[Rule]] = {}
    for rule in rules:
        by_model.setdefault(model_path(rule) if isinstance(rule.params.get("model"), str) else Path(), []).append(rule)
    return [ClassifierMatcher(group) for group in by_model.values()]


RULE_TYPE = RuleType(
    name="classifier",
    keys={
        "model": Key("file", True, "model file (JSON, from scripts/train_classifier.py), relative to the rules file"),
        "threshold": Key(
            "number", False, "score (0-1) a sentence needs to be reported (default: the model file's threshold)"
        ),
    },
    compile=_compile,
    doc="Sentence-level: a trained linear model of the seller's voice; fires where no other rule did.",
)
