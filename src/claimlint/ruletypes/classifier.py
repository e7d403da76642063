"""``type: classifier``: a linear model scores each sentence for a claim in the seller's voice.

Lexicon rules fit the wording they were written against; on copy no rule
author has seen, the claims they miss are written in fresh words (a metaphor,
a fragment list of conditions, a chatbot answer). What those sentences share
is the *voice*: the clinic speaks of its own offer (``we``, ``our``), addresses
the reader (``you``), calls to action, quotes a price or an unsourced number,
promises an outcome, and neither hedges nor cites. This type scores every
sentence with a logistic model over such voice features plus common words and
word pairs, trained by ``scripts/train_classifier.py`` on the labelled sets.

A sentence fires when its score reaches ``threshold`` and no other rule has
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
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import accumulate, combinations, pairwise
from pathlib import Path
from typing import NamedTuple

from claimlint.api import DocView, Key, RuleType
from claimlint.errors import ConfigError
from claimlint.model import Hit, Rule, Segment
from claimlint.ruletypes.base import document_gates, gate_literals, guarded_hits, segment_index
from claimlint.textutil import sentence_bounds

#: Model files this module can read (``format`` in the JSON).
MODEL_FORMAT = 1
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

#: Sentence openers: a call to action or a greeting as the first word.
CTA_OPENERS = _words(
    "book call schedule start get try join ask discover find take stop say feel imagine reclaim experience learn"
    " contact request claim visit text see come let don't give unlock break enjoy live walk wake meet choose skip"
    " save tired ready done end escape picture"
)
GREETINGS = _words("hi hello hey dear thanks")

_CITE = re.compile(r"\([A-Z][^()]{0,80}\b(?:19|20)\d\d[a-z]?\)|\bet al\b|\[\d+(?:[,–-]\d+)*\]|\bdoi\b|\bPMID\b")
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


@lru_cache(maxsize=65536)
def _word_voice(word: str) -> tuple[str, ...]:
    """The voice features one word gives (cached: a corpus has far fewer distinct words than words)."""
    return tuple(name for name, (words, stems) in VOICE_WORDS.items() if word in words or word.startswith(stems))


def _phrase_index() -> dict[str, list[tuple[str, tuple[str, ...], bool]]]:
    """:data:`VOICE_PHRASES` by first word: (feature, the words after it, whether the last may continue)."""
    index: dict[str, list[tuple[str, tuple[str, ...], bool]]] = {}
    for name, phrases in VOICE_PHRASES.items():
        for phrase in phrases:
            first, *rest = phrase.rstrip("*").split()
            index.setdefault(first, []).append((name, tuple(rest), phrase.endswith("*")))
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


def _char_voice(sentence: str, words: Sequence[str]) -> set[str]:
    """The features read from characters: numbers, prices, punctuation, quotation, citations."""
    found = set()
    if any(w[0].isdigit() for w in words):
        found.add("number")
        if "%" in sentence:
            found.add("percent")
    if any(c in sentence for c in "$£€%") and _PRICE.search(sentence):
        found.add("offer")
    if ("100" in words and "%" in sentence) or "#1" in sentence:
        found.add("superlative")
    found.update(name for name, mark in (("exclaim", "!"), ("question", "?")) if mark in sentence)
    if any(c in sentence for c in '"“‘') and _QUOTE.search(sentence):
        found.add("quote")
    if _CITE.search(sentence):
        found.add("cite")
    return found


def voice_features(sentence: str, kind: str, words: Sequence[str]) -> set[str]:
    """The seller's-voice features (``v:``), the segment kind (``k:``) and their pairs (``x:``).

    Read from the sentence's words (set look-ups, cached per word) rather
    than a regex per feature: scoring every sentence of a dense page with
    two dozen regexes cost more than all the pack's rules. Pairs let a
    linear model weigh a combination on its own: "we" with an outcome word
    is a claim far more often than either alone.
    """
    names = _phrase_voice(words) | _char_voice(sentence, words)
    for word in set(words):
        names.update(_word_voice(word))
    if words and words[0] in CTA_OPENERS:
        names.add("cta-open")
    if words and words[0] in GREETINGS:
        names.add("greeting")
    if any(len(w) >= 6 and w.endswith("est") for w in words):
        names.add("superlative")
    if "number" in names and "cite" not in names:
        names.add("unsourced-number")
    if len(words) <= 4:
        names.add("short")
    elif len(words) > 30:
        names.add("long")
    feats = {f"v:{name}" for name in names}
    feats.add(f"k:{kind}")
    feats.update(f"x:{a}+{b}" for a, b in combinations(sorted(feats), 2))
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


def context_features(doc_seller: bool) -> frozenset[str]:
    """The page features: ``d:seller`` when the page speaks as a seller somewhere (see :func:`seller_page`)."""
    return frozenset({"d:seller"}) if doc_seller else frozenset()


def seller_page(texts: Iterable[str]) -> bool:
    """Whether one of ``texts`` speaks as a seller (``we``/``our``/``us``, a price or an offer)."""
    return any(_SELLER.search(text) for text in texts)


class Model:
    """A logistic model: ``bias`` plus the weights of the features present, through the sigmoid.

    Features absent from ``weights`` weigh nothing, so the training script
    keeps only those with a non-trivial weight.
    """

    def __init__(self, bias: float, weights: Mapping[str, float]) -> None:
        self.bias = float(bias)
        self.weights = dict(weights)

    def score(self, sentence: str, kind: str, context: Iterable[str] = ()) -> float:
        """Probability that ``sentence`` (in a segment of ``kind``, on a page with ``context``) is a claim."""
        words = tokens(sentence)
        get = self.weights.get
        logit = self.bias + sum(get(name, 0.0) for name in lexical_features(words))
        logit += sum(get(name, 0.0) for name in voice_features(sentence, kind, words))
        logit += sum(get(name, 0.0) for name in context)
        return sigmoid(logit)


def sigmoid(x: float) -> float:
    """The logistic function, safe for large magnitudes."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def parse_model(data: object) -> Model:
    """A :class:`Model` from the decoded JSON of a model file; ValueError says what is wrong."""
    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
        raise ValueError(f'not a claimlint classifier model (expected an object with "format": {MODEL_FORMAT})')
    bias, weights = data.get("bias"), data.get("weights")
    if not isinstance(bias, (int, float)) or isinstance(bias, bool):
        raise ValueError("'bias' must be a number")
    if not isinstance(weights, dict) or not all(
        isinstance(k, str) and isinstance(v, (int, float)) and not isinstance(v, bool) for k, v in weights.items()
    ):
        raise ValueError("'weights' must map feature names to numbers")
    return Model(bias, weights)


def load_model(path: str) -> Model:
    """Read and check a model file; every rule naming an unchanged file shares one parse.

    Keyed by the file's size and modification time as well as its path, so a
    long-lived process (an editor integration, a test run) sees an edited model.
    """
    try:
        st = Path(path).stat()
    except OSError as exc:
        raise ValueError(f"cannot read model file {path}: {exc.strerror or exc}") from None
    return _load_model(path, st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=8)
def _load_model(path: str, mtime_ns: int, size: int) -> Model:
    import json

    del mtime_ns, size
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read model file {path}: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"model file {path} is not valid JSON: {exc}") from None
    try:
        return parse_model(data)
    except ValueError as exc:
        raise ValueError(f"model file {path}: {exc}") from None


def model_path(rule: Rule) -> Path:
    """The rule's ``model`` resolved relative to the rules file that defines it."""
    return Path(rule.origin.path).parent / str(rule.params["model"])


def earlier_hits(doc: DocView) -> Sequence[Hit]:
    """The hits every other matcher found in ``doc`` (set by the engine before a ``runs_last`` matcher)."""
    found: Sequence[Hit] = doc.__dict__.get("earlier_hits", ())
    return found


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
    """One ``classifier`` rule: scores the sentences no other rule flagged."""

    runs_last = True

    def __init__(self, rule: Rule, model: Model | None = None) -> None:
        """``model`` replaces the rule's model file (the training script scores candidate models)."""
        self.rule = rule
        self.rules = [rule]
        self.model = _model(rule) if model is None else model
        self.threshold = _threshold(rule)
        self._literals = gate_literals(None, [rule])

    def literals(self) -> list[frozenset[str]] | None:
        """The topic gate's words: a file without them is never parsed for this rule."""
        return self._literals

    def scored(self, doc: DocView) -> Iterator[Scored]:
        """Each sentence of a document past the topic gate that no other line hit touches, scored.

        The gate is decided once per document before any sentence is scored,
        so pages off the pack's topic cost nothing.
        """
        if not document_gates(doc, self.rule):
            return
        flagged = _Flagged(earlier_hits(doc))
        context = context_features(seller_page((segment_index(doc).joined,)))
        scopes = self.rule.params.get("scopes")
        for seg in doc.segments:
            if scopes and seg.kind not in scopes:
                continue
            for lo, hi in sentence_spans(seg):
                if hi - lo < MIN_CHARS or flagged.touch(seg.to_original(lo, hi)):
                    continue
                sentence = seg.text[lo:hi]
                yield Scored(seg, lo, hi, self.model.score(sentence, seg.kind, context), context)

    def run(self, doc: DocView) -> Iterator[Hit]:
        """Hits for the sentences scoring at least the threshold, through the common guards."""
        scores: dict[tuple[int, int], float] = {}
        candidates = []
        for item in self.scored(doc):
            if item.score >= self.threshold:
                scores[item.segment.to_original(item.start, item.end)] = item.score
                candidates.append((self.rule, item.segment, item.start, item.end))
        for hit in guarded_hits(doc, candidates):
            note = f"seller's-voice score {scores.get((hit.start, hit.end), 0.0):.2f} (threshold {self.threshold:.2f})"
            yield Hit(hit.rule, hit.start, hit.end, hit.scope, hit.sentence, note)


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
    value = rule.params.get("model")
    if not isinstance(value, str) or not value.strip():
        raise _error(rule, "model must be the path of a model file (relative to the rules file)")
    try:
        return load_model(str(model_path(rule)))
    except ValueError as exc:
        raise _error(rule, str(exc)) from None


def _threshold(rule: Rule) -> float:
    value = rule.params.get("threshold")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1:
        raise _error(rule, f"threshold must be a number between 0 and 1 (exclusive), not {value!r}")
    return float(value)


def _compile(rules: Sequence[Rule]) -> Sequence[ClassifierMatcher]:
    return [ClassifierMatcher(r) for r in rules]


RULE_TYPE = RuleType(
    name="classifier",
    keys={
        "model": Key("file", True, "model file (JSON, from scripts/train_classifier.py), relative to the rules file"),
        "threshold": Key("number", True, "score (0-1) a sentence needs to be reported"),
    },
    compile=_compile,
    doc="Sentence-level: a trained linear model of the seller's voice; fires where no other rule did.",
)
