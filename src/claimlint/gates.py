"""Which matchers can fire on a text: every gate evaluated as bitmasks over one search.

A matcher's gate is a conjunction of word sets (``Matcher.literals()``),
optionally sharpened by ``all_of()`` alternatives. Evaluating those sets
word by word in Python cost four times the RE2 search itself on a corpus of
docs (hundreds of thousands of set look-ups), so each distinct set is
compiled once into bitmasks over the search's words: the per-file work is
then a few integer ``&`` per set. When the search could not check word
edges (``<fda>``) itself (non-ASCII text, see :class:`Presence`), they are
checked only for the sets that bare words alone cannot decide, in matchers
that could still fire.

A word that is not a plain run of letters and digits is never used as a
gate: the sources' ``searchable`` copies promise only such runs (markup
inside other characters may stay), so a set holding such a word always
holds. That can only make a gate looser, never lose a finding.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from claimlint import multisearch
from claimlint.multisearch import MultiSearch, Presence, core, set_bits

Gate = Sequence[frozenset[str]]
#: Texts whose gate sets are tallied before each matcher's witness set is chosen (see :meth:`Gates._count`).
WITNESS_AFTER = 128
#: Most second sets one text is searched for (see :meth:`Gates._may_fire`); past them the full search
#: costs less (each small Set scans the whole text, at about an eighth of the full Set's cost per byte).
SECOND_SEARCHES = 4


@dataclass(frozen=True)
class _WordSet:
    """One gate set as bits over the search's words: the bare words, and every word."""

    bare: int
    any: int


@dataclass(frozen=True)
class _AllOf:
    """One ``all_of()`` alternative: every bit must be set, and every marked word must pass its edge check."""

    bits: int
    marked: tuple[str, ...]


@lru_cache(maxsize=1 << 16)
def plain(word: str) -> bool:
    """Whether ``word`` without edge marks is letters and digits only (usable as a gate word).

    Remembered: the default pack's gates ask about 10,000 words, 2,000 of them distinct.
    """
    bare = core(word)
    return bool(bare) and bare.isalnum()


class Gates:
    """The gates of a list of matchers, compiled against one :class:`MultiSearch`."""

    def __init__(self, gates: Sequence[Gate | None], together: Sequence[Collection[frozenset[str]] | None]) -> None:
        gates = [_plain_gate(g) for g in gates]
        together = [_plain_all_of(t) for t in together]
        words = {w for gate in gates if gate for s in gate for w in s}
        words |= {w for alts in together if alts for alt in alts for w in alt}
        self.search = MultiSearch(words, exact_after=multisearch.EXACT_AFTER)
        self._sets: list[_WordSet] = []
        index: dict[frozenset[str], int] = {}
        self._needs = [self._need(gate, index) if gate else 0 for gate in gates]
        self._all_of = [self._alternatives(alts) for alts in together]
        self._ungated = [
            i for i, (need, alts) in enumerate(zip(self._needs, self._all_of, strict=True)) if not need and not alts
        ]
        self._hits = [0] * len(self._sets)
        self._counted = 0
        self._witness = -1
        self._first: MultiSearch | None = None
        self._clauses: tuple[tuple[int, MultiSearch | None], ...] = ()
        self._together: tuple[int, ...] = ()
        self._passed = self._searched = 0
        self._tallied: list[int] = []

    def _need(self, gate: Gate, index: dict[frozenset[str], int]) -> int:
        """The gate as a bitmask over the distinct word sets (shared between matchers)."""
        need = 0
        for words in gate:
            if words not in index:
                index[words] = len(self._sets)
                self._sets.append(self._word_set(words))
            need |= 1 << index[words]
        return need

    def _word_set(self, words: frozenset[str]) -> _WordSet:
        bare = any_bits = 0
        for w in words:
            any_bits |= self.search.bit(w)
            if w == core(w):
                bare |= self.search.bit(w)
        return _WordSet(bare, any_bits)

    def _alternatives(self, alts: Collection[frozenset[str]] | None) -> tuple[_AllOf, ...]:
        if not alts:
            return ()
        out = []
        for alt in alts:
            bits = 0
            for w in alt:
                bits |= self.search.bit(w)
            out.append(_AllOf(bits, tuple(sorted(w for w in alt if w != core(w)))))
        return tuple(out)

    @property
    def settled(self) -> bool:
        """Whether the witness sets are chosen: from here on, a text costs what it will for the rest of a run.

        A process forked after this inherits them (and the searches they
        built) instead of tallying :data:`WITNESS_AFTER` texts of its own.
        """
        return self._counted >= WITNESS_AFTER

    def live(self, text: str | bytes) -> list[int]:
        """Indices of the matchers that can fire on ``text`` (the prefilter's searchable copy)."""
        if len(self._ungated) == len(self._needs):
            return list(range(len(self._needs)))
        if self._first is not None:
            self._searched += 1
            if not self._may_fire(self._first.presence(text)):
                return list(self._ungated)
            self._passed += 1
            if self._passed > WITNESS_AFTER and 2 * self._passed > self._searched:  # copy everywhere
                self._first = None
        presence = self.search.presence(text)
        mask = presence.mask
        if not mask or not mask & self._witness:
            return list(self._ungated)
        sure = maybe = 0
        for i, ws in enumerate(self._sets):
            if mask & ws.any:
                if presence.exact or mask & ws.bare:
                    sure |= 1 << i
                else:
                    maybe |= 1 << i
        if self._counted < WITNESS_AFTER:
            self._count(sure | maybe, mask)
        possible = sure | maybe
        out = []
        for i, need in enumerate(self._needs):
            if need & possible != need:
                continue
            if need & maybe:
                sure, maybe = self._resolve(need & maybe, presence, sure, maybe)
                possible = sure | maybe
                if need & sure != need:
                    continue
            alts = self._all_of[i]
            if not alts or any(_all_hold(alt, presence) for alt in alts):
                out.append(i)
        return out

    def _count(self, possible: int, mask: int) -> None:
        """Tally which sets texts hold; after :data:`WITNESS_AFTER` texts, pick each matcher's witness set.

        A matcher can fire only if every set of its gate holds, so when the
        text holds no word of one chosen set per matcher (the set texts held
        least often so far), none can: a docs corpus then skips the per-set
        loop for nine files in ten. Any choice is sound; the tally only
        makes the shortcut frequent. The witness words also get a search of
        their own, run first: on that corpus 175 of 3,096 files held one,
        and searching for those few words cost a quarter of searching for
        every gate word (0.04 against 0.15-0.19 s of CPU). Where most texts
        hold one (a site of copy), it is not built when over half of the
        tallied texts held one, and dropped once over half of the texts and
        over :data:`WITNESS_AFTER` have passed it: there it would only cost
        time and its DFA's memory (2 MB on 310 dense pages).
        """
        self._counted += 1
        self._tallied.append(mask)
        for i in range(len(self._sets)):
            if possible >> i & 1:
                self._hits[i] += 1
        if self._counted < WITNESS_AFTER:
            return
        witness = 0
        clauses: set[tuple[int, int]] = set()
        for need, alts in zip(self._needs, self._all_of, strict=True):
            if need:
                rarest = sorted(set_bits(need), key=self._hits.__getitem__)[:2]
                then = self._sets[rarest[1]].any if len(rarest) > 1 else 0
                witness |= self._sets[rarest[0]].any
                clauses.add((self._sets[rarest[0]].any, then))
            for alt in alts:
                witness |= alt.bits
        self._witness = witness
        held = sum(1 for seen in self._tallied if seen & witness)
        self._tallied = []
        if multisearch.HAVE_RE2 and 2 * held <= self._counted:
            first = self._first = MultiSearch(self._words(witness), exact_after=0)
            thens = {then: MultiSearch(self._words(then), exact_after=0) for _bits, then in clauses if then}
            self._clauses = tuple(
                (_rebased(bits, self.search, first), thens.get(then)) for bits, then in sorted(clauses)
            )
            self._together = tuple(
                sorted({_rebased(alt.bits, self.search, first) for alts in self._all_of for alt in alts})
            )

    def _words(self, bits: int) -> list[str]:
        return [self.search.words[i] for i in set_bits(bits)]

    def _may_fire(self, presence: Presence) -> bool:
        """Whether a text the first search found ``presence`` in may let a gated matcher fire.

        The witness words alone let 356 of a docs corpus's 2,968 texts on to
        the full search (0.5 ms of RE2 apiece), while 20 had a live matcher.
        So a text holding a matcher's witness set is also searched, once, for
        the words of every matcher's next rarest set (a second small Set),
        and goes on only if it holds both sets of some matcher (or every word
        of one ``all_of()`` alternative). The Sets' bits may hold more words
        than the text (edges unchecked), never fewer, which can only let
        more texts through.
        """
        mask = presence.mask
        if not mask:
            return False
        for bits in self._together:
            if mask & bits == bits:
                return True
        searched: set[int] = set()
        for bits, then in self._clauses:
            if mask & bits:
                if then is None:
                    return True
                if id(then) not in searched:
                    if len(searched) == SECOND_SEARCHES:
                        return True
                    searched.add(id(then))
                    if then.presence(presence.data).mask:
                        return True
        return False

    def _resolve(self, which: int, presence: Presence, sure: int, maybe: int) -> tuple[int, int]:
        """Check the edges of the undecided sets in ``which``; returns the updated (sure, maybe)."""
        while which:
            low = which & -which
            which ^= low
            maybe ^= low
            if _any_marked(self._sets[low.bit_length() - 1], presence):
                sure |= low
        return sure, maybe


def _rebased(bits: int, source: MultiSearch, target: MultiSearch) -> int:
    """``bits`` over ``source``'s words as bits over ``target``'s."""
    out = 0
    for i in set_bits(bits):
        out |= target.bit(source.words[i])
    return out


def _any_marked(ws: _WordSet, presence: Presence) -> bool:
    """Whether one of the set's edge-marked words passes its edge check (only those whose bit is set)."""
    found = presence.mask & ws.any & ~ws.bare
    search = presence.search
    while found:
        low = found & -found
        found ^= low
        if presence.has(search.words[low.bit_length() - 1]):
            return True
    return False


def _all_hold(alt: _AllOf, presence: Presence) -> bool:
    return presence.mask & alt.bits == alt.bits and (presence.exact or all(presence.has(w) for w in alt.marked))


def _plain_gate(gate: Gate | None) -> list[frozenset[str]] | None:
    """``gate`` without the sets that hold a word the prefilter cannot promise (None if none is left)."""
    if not gate:
        return None
    kept = [frozenset(w.lower() for w in words) for words in gate if words and all(plain(w) for w in words)]
    return kept or None


def _plain_all_of(alts: Collection[frozenset[str]] | None) -> list[frozenset[str]] | None:
    """``all_of()`` alternatives reduced to their plain words; None if one is left with none."""
    if not alts:
        return None
    kept = [frozenset(w.lower() for w in alt if plain(w)) for alt in alts]
    return None if any(not alt for alt in kept) else kept
