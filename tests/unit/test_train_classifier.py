"""scripts/train_classifier.py: its data, its folds, its threshold rule and the model file it writes.

The trainer decides what ships (the model and its threshold), so a silent
slip in it (a held-out document leaking into its fold, a threshold rule
that compares the wrong numbers, a file the runtime reads differently)
would make every number it prints wrong without failing anything else.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from claimlint.config import Settings, load_ruleset
from claimlint.model import Rule, Severity
from claimlint.plugins import get_registry
from claimlint.ruletypes.classifier import features, load_model, parse_model
from labelcheck import load_script

REPO = Path(__file__).resolve().parents[2]

tc = load_script("train_classifier")


def _args(**changes: Any) -> argparse.Namespace:
    return tc.parse_args([f"--{k.replace('_', '-')}={v}" for k, v in changes.items()])


def _sentence(set_name: str, doc: str, feats: set[str], label: bool, cats: frozenset[str] = frozenset()) -> Any:
    return tc.Sentence(set_name, doc, "text", frozenset(feats), label, cats, True, 1, 1, 1, 5)


def _toy() -> list[Any]:
    """Three sets of sentences where ``w:cure`` marks a claim and ``w:study`` a neutral line."""
    out = []
    for k, name in enumerate(("a", "b", "c")):
        for d in range(4):
            path = f"/{name}/{d}.txt"
            out.append(_sentence(name, path, {"w:cure", "v:we", f"w:only{k}"}, True, frozenset({"cure-guarantee"})))
            out.append(_sentence(name, path, {"w:study", "v:cite"}, False))
            out.append(_sentence(name, path, {"w:fast", "w:cure"}, True, frozenset({"speed-of-relief"})))
    return out


# -- data ---------------------------------------------------------------------------------------------


def test_the_sets_are_labelled_and_the_blind_ones_are_left_out() -> None:
    """Every training set has labels; the blind sets of this session are never read."""
    assert len(tc.SETS) == len(set(tc.SETS)) == 37
    for name in tc.SETS:
        assert (REPO / name / "labels.yaml").is_file(), name
    assert {"heldout25", "heldout26", "heldout29", "heldout30", "heldout31", "heldout32"} <= set(tc.SETS)
    assert not {"heldout33", "heldout34"} & set(tc.SETS)
    assert not {"heldout29", "heldout30"} & set(tc.LEAST_TUNED)  # blind evaluation sets, then dev data
    assert {"heldout31", "heldout32"} <= set(tc.LEAST_TUNED)
    assert {"heldout35", "heldout36", "heldout37", "heldout38"} <= set(tc.LEAST_TUNED) & set(tc.SETS)
    assert set(tc.LEAST_TUNED) <= set(tc.SETS)
    assert set(tc.SHOWN_FOLDS) <= set(tc.SETS)


@pytest.fixture(scope="module")
def classifier_rules() -> list[Rule]:
    rules = [r for r in load_ruleset(Settings(), get_registry()).rules if r.type == "classifier"]
    assert rules
    return rules


def _doc(tmp_path: Path, text: str, lines: dict[int, tuple[str, ...]]) -> tuple[Any, str]:
    ev = tc.evaluate
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    labels = {n: ev.LineLabel("high", cats) for n, cats in lines.items()}
    return ev.Document("page", path, "marketing", "ketamine", (), labels), text


def test_a_sentence_on_a_labelled_line_is_a_positive_with_its_categories(
    tmp_path: Path, classifier_rules: list[Rule]
) -> None:
    text = (
        "Ketamine infusions at our clinic.\n\n"
        "Our ketamine infusion erases nerve pain for good.\n\n"
        "Sessions take about forty minutes in a quiet room.\n"
    )
    doc, text = _doc(tmp_path, text, {3: ("cure-guarantee",)})
    segments = get_registry().formats["text"].parse(text).segments
    found = {s.line: s for s in tc._sentences("x", doc, text, segments, classifier_rules, [])}
    assert found[3].label
    assert found[3].cats == {"cure-guarantee"}
    assert not found[5].label
    assert found[5].cats == frozenset()
    assert found[3].set == "x"
    assert found[3].path == os.path.realpath(doc.path)
    assert features(found[3].text, "paragraph") <= found[3].feats


def test_a_sentence_the_pack_flagged_is_not_eligible(tmp_path: Path, classifier_rules: list[Rule]) -> None:
    """The classifier fires only where no pack rule did, so a flagged sentence cannot count for it."""
    text = "Ketamine infusions at our clinic.\n\nOur ketamine infusion erases nerve pain for good.\n"
    doc, text = _doc(tmp_path, text, {3: ("cure-guarantee",)})
    segments = get_registry().formats["text"].parse(text).segments
    start = text.index("Our ketamine")
    plain = {s.line: s.eligible for s in tc._sentences("x", doc, text, segments, classifier_rules, [])}
    flagged = {
        s.line: s.eligible for s in tc._sentences("x", doc, text, segments, classifier_rules, [(start, start + 5)])
    }
    assert plain[3]
    assert not flagged[3]


def test_vocabulary_keeps_words_seen_in_enough_documents_of_enough_sets() -> None:
    sentences = _toy()
    vocab = tc.vocabulary(sentences, min_docs=3, min_sets=2)
    assert {"w:cure", "w:study", "w:fast", "v:we", "v:cite"} <= vocab
    assert not {f for f in vocab if f.startswith("w:only")}  # four documents, but of one set
    assert "w:cure" not in tc.vocabulary(sentences, min_docs=13, min_sets=1)  # in twelve documents only


# -- training -----------------------------------------------------------------------------------------


def test_fit_learns_the_sign_of_a_separating_feature() -> None:
    sentences = _toy()
    model = tc.fit(sentences, [s.label for s in sentences], tc.vocabulary(sentences, 1, 1), _args())
    assert model.weights["w:cure"] > 0 > model.weights["w:study"]


def test_training_does_not_depend_on_the_order_of_sentences_or_features() -> None:
    sentences = _toy()
    args = _args()
    first = tc.train(sentences, ["cure-guarantee", "speed-of-relief"], args)
    shuffled = [tc.replace(s, feats=frozenset(sorted(s.feats, reverse=True))) for s in reversed(sentences)]
    again = tc.train(list(reversed(shuffled)), ["cure-guarantee", "speed-of-relief"], args)
    assert first.bias == again.bias
    assert first.weights == again.weights
    assert {c: h.weights for c, h in first.heads.items()} == {c: h.weights for c, h in again.heads.items()}


_HASH_PROBE = """
import json, sys
sys.path.insert(0, {scripts!r})
import importlib.util
spec = importlib.util.spec_from_file_location("t", {script!r})
t = importlib.util.module_from_spec(spec); sys.modules["t"] = t; spec.loader.exec_module(t)
from claimlint.ruletypes.classifier import features
s = [t.Sentence("a", f"/a/{{i}}", "", frozenset(features(text, "paragraph")), i % 2 == 0, frozenset(), True, 1, 1, 1, 1)
     for i, text in enumerate(["Our infusions end pain fast!", "A trial (Lee et al., 2020) found a small effect.",
                               "We cure nerve pain for good.", "Risks include nausea and dissociation."] * 3)]
m = t.fit(s, [x.label for x in s], t.vocabulary(s, 1, 1), t.parse_args([]))
print(json.dumps([m.bias, sorted(m.weights.items())]))
"""


def test_the_model_is_the_same_whatever_the_hash_seed() -> None:
    """Features are sets; the trainer must not let their iteration order reach the weights."""
    code = _HASH_PROBE.format(scripts=str(REPO / "scripts"), script=str(REPO / "scripts" / "train_classifier.py"))
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1


# -- cross-validation ---------------------------------------------------------------------------------


def test_no_fold_trains_on_a_document_of_its_held_out_set(monkeypatch: pytest.MonkeyPatch) -> None:
    sentences = _toy()
    monkeypatch.setattr(tc, "SETS", ("a", "b", "c"))
    seen: list[set[str]] = []
    real_train = tc.train

    def spy(train_on: list[Any], categories: list[str], args: argparse.Namespace) -> Any:
        seen.append({s.path for s in train_on})
        return real_train(train_on, categories, args)

    monkeypatch.setattr(tc, "train", spy)
    corpus = tc.Corpus({}, {}, sentences, [])
    models, oof = tc.cross_validate(corpus, _args())
    assert list(models) == ["a", "b", "c"]
    for held, paths in zip(("a", "b", "c"), seen, strict=True):
        assert paths == {s.path for s in sentences if s.set != held}
    assert sorted(oof.scores) == list(range(len(sentences)))
    for i, s in enumerate(sentences):
        assert oof.scores[i] == pytest.approx(tc.probability(models[s.set], s.feats))


def test_a_held_out_set_is_scored_by_a_model_that_never_saw_its_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """``w:only0`` occurs only in set a: set a's fold model has no weight for it."""
    monkeypatch.setattr(tc, "SETS", ("a", "b", "c"))
    models, _oof = tc.cross_validate(tc.Corpus({}, {}, _toy(), []), _args(min_docs=1, min_sets=1))
    assert "w:only0" not in models["a"].weights
    assert "w:only0" in models["b"].weights


# -- threshold rule -----------------------------------------------------------------------------------


def _n(precision: float | None, neutral: float) -> dict[str, Any]:
    return {"precision": precision, "neutral_per_doc": neutral, "recall_hm": 0.5, "predicted": 10}


@pytest.mark.parametrize(
    ("got", "base", "target", "expected"),
    [
        (_n(0.95, 0.10), _n(0.95, 0.10), 0.90, True),  # as precise as the pack
        (_n(0.94, 0.10), _n(0.95, 0.10), 0.90, True),  # below the pack, above the target
        (_n(0.89, 0.10), _n(0.95, 0.10), 0.90, False),  # below both
        (_n(0.86, 0.10), _n(0.85, 0.10), 0.90, True),  # the pack below the target: the pack's bar
        (_n(0.84, 0.10), _n(0.85, 0.10), 0.90, False),
        (_n(0.95, 0.16), _n(0.95, 0.10), 0.90, False),  # more than 0.05 more false findings per neutral page
        (_n(0.95, 0.15), _n(0.95, 0.10), 0.90, True),
        (_n(None, 0.0), _n(0.95, 0.0), 0.90, False),  # no finding at all: no precision
    ],
)
def test_the_threshold_rule(got: dict[str, Any], base: dict[str, Any], target: float, expected: bool) -> None:
    assert tc.passes(got, base, target, 0.05 + 1e-9) is expected


def test_the_rule_takes_the_lowest_qualifying_threshold_of_a_grid(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a synthetic grid (precision rising with the threshold) the least-tuned rule stops at the first pass."""
    monkeypatch.setattr(tc, "GRID", (0.5, 0.6, 0.7, 0.8, 0.9))
    monkeypatch.setattr(tc, "SETS", ("s1", "s2"))
    monkeypatch.setattr(tc, "LEAST_TUNED", ("s2",))
    precision = {None: 0.93, 0.5: 0.80, 0.6: 0.88, 0.7: 0.91, 0.8: 0.95, 0.9: 0.96}

    def with_classifier(_corpus: Any, _oof: Any, threshold: float) -> Any:
        return threshold

    def numbers(docs: list[str], found: Any) -> dict[str, Any]:
        t = None if isinstance(found, dict) else found
        # the pooled rows are 0.01 less precise than the least-tuned rows
        return _n(precision[t] - (0.01 if len(docs) == 2 else 0.0), 0.1)

    monkeypatch.setattr(tc, "with_classifier", with_classifier)
    monkeypatch.setattr(tc, "numbers", numbers)
    corpus = tc.Corpus({"s1": ["d1"], "s2": ["d2"]}, {}, [], [])
    choice = tc.choose_threshold(corpus, tc.OutOfFold({}, {}, {}), _args(), quiet=False)
    assert choice.least_tuned == 0.7  # 0.91 >= min(0.93, 0.90)
    assert choice.pooled == 0.8  # 0.94 >= the pack's 0.92


# -- the model file -----------------------------------------------------------------------------------


def test_the_written_model_reads_back_in_the_runtime(tmp_path: Path) -> None:
    sentences = _toy()
    model = tc.train(sentences, ["cure-guarantee", "speed-of-relief"], _args())
    path = tmp_path / "model.json"
    tc.write_model(model, path, {"sets": ["a"]}, 0.875)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data) == ["format", "bias", "meta", "threshold", "weights", "heads"]
    assert data["format"] == tc.MODEL_FORMAT
    assert data["meta"] == {"sets": ["a"]}
    assert list(data["weights"]) == sorted(data["weights"])
    read = load_model(str(path))
    assert read.threshold == 0.875
    assert read.bias == model.bias
    assert read.weights == model.weights
    assert sorted(read.heads) == ["cure-guarantee", "speed-of-relief"]
    for name, head in model.heads.items():
        assert read.heads[name].weights == head.weights
        assert read.heads[name].bias == head.bias
    assert parse_model(data).weights == model.weights


def test_the_trainer_scores_a_sentence_as_the_runtime_does(tmp_path: Path) -> None:
    """The CV's scores are the shipped rule's scores: the trainer's sum equals :meth:`Model.score`."""
    texts = ["Our ketamine ends nerve pain in 40 minutes", "9 in 10 of our patients feel better.", "Risks vary."]
    sentences = [
        tc.Sentence(
            "a",
            f"/a/{i}",
            t,
            frozenset(features(t, "list", {"d:seller", "d:cta"})),
            i == 0,
            frozenset(),
            True,
            1,
            1,
            1,
            1,
        )
        for i, t in enumerate(texts * 4)
    ]
    model = tc.fit(sentences, [s.label for s in sentences], tc.vocabulary(sentences, 1, 1), _args())
    path = tmp_path / "m.json"
    tc.write_model(model, path, {}, 0.5)
    shipped = load_model(str(path))
    for s in sentences[:3]:
        expected = tc.probability(model, s.feats)
        assert shipped.score(s.text, "list", {"d:seller", "d:cta"}) == pytest.approx(expected, abs=1e-9)


def test_the_enabled_pack_points_every_classifier_rule_at_the_model() -> None:
    text = (REPO / "rules.yaml").read_text(encoding="utf-8")
    enabled = tc.rules_for(text, Path("/m.json"), True)
    assert enabled.count("model: /m.json") == text.count("type: classifier")
    assert "model: seller-voice.json" not in enabled
    with pytest.raises(SystemExit):
        tc.rules_for("rules: []\n", Path("/m.json"), True)


def test_a_category_among_fewer_heads_is_the_likeliest_of_those() -> None:
    oof = tc.OutOfFold({0: 0.9}, {0: "cure-guarantee"}, {0: {"cure-guarantee": 0.8, "cost-claim": 0.3, "x": 0.5}})
    assert oof.category_among(0, frozenset({"cost-claim", "x"})) == "x"
    assert oof.category_among(0, frozenset({"nothing"})) is None


# -- out-of-domain negatives --------------------------------------------------------------------------


def _ood(fold: str, page: str, feats: set[str]) -> Any:
    return _sentence(fold, page, feats, False)


def test_the_held_out_check_pages_are_listed() -> None:
    """The d300 pages measure the shipped model, so the list that keeps them out of training must be whole."""
    held = tc.ood_negatives.held_out()
    assert len(held) == 310
    assert all(not name.startswith(("/", "corpus-md/")) for name in held)


@pytest.fixture(scope="module")
def ood_sample() -> list[Any]:
    if not (tc.ood_negatives.SHARED / "corpus-md.tar.gz").is_file():
        pytest.skip("the shared bench corpus is not on this machine")
    return list(tc.ood_negatives.sample(40, tc.ood_negatives.held_out()))


def test_the_out_of_domain_sample_is_deterministic_and_avoids_the_held_out_pages(ood_sample: list[Any]) -> None:
    assert len(ood_sample) == 40
    assert not {p.name for p in ood_sample} & tc.ood_negatives.held_out()
    assert len({p.name for p in ood_sample}) == 40
    again = tc.ood_negatives.sample(40, tc.ood_negatives.held_out())
    assert [(p.name, p.text) for p in again] == [(p.name, p.text) for p in ood_sample]
    excluded = tc.ood_negatives.sample(40, frozenset({ood_sample[0].name}))
    assert ood_sample[0].name not in {p.name for p in excluded}


def test_every_out_of_domain_page_ends_with_its_planted_sales_paragraph(ood_sample: list[Any]) -> None:
    for page in ood_sample:
        paragraph = page.text[page.planted :]
        assert "ketamine" in paragraph.lower(), page.name
        assert "\n" not in paragraph.rstrip("\n")
        assert page.text[: page.planted].endswith("\n\n")


def test_out_of_domain_sentences_are_negatives_from_the_technical_text_only(classifier_rules: list[Rule]) -> None:
    technical = "".join(f"> Release {n} fixes the parser in version {n}.1 and later.\n\n" for n in range(8))
    paragraph = "Our ketamine infusions relieve chronic pain for most patients within days."
    page = tc.ood_negatives.Page("doc/page.md", technical + paragraph + "\n", len(technical))
    pack = tc.compile_rules([], get_registry().rule_types)
    found = tc.ood_sentences_of("ood1", page, pack, classifier_rules, 30)
    assert len(found) == 8
    assert all(s.set == "ood1" and not s.label and not s.cats for s in found)
    assert not any("ketamine" in s.text for s in found)
    capped = tc.ood_sentences_of("ood1", page, pack, classifier_rules, 3)
    assert [s.text for s in capped] == [found[0].text, found[2].text, found[5].text]


def test_out_of_domain_folds_train_on_the_other_half_and_add_no_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each OOD fold's model saw the other fold's pages; no fold learns a word that only OOD text has."""
    monkeypatch.setattr(tc, "SETS", ("a", "b", "c"))
    ood = [_ood(fold, f"/ood/{fold}{d}", {"w:parser", "v:we"}) for fold in tc.OOD_FOLDS for d in range(4)]
    sentences = _toy() + ood
    seen: list[set[str]] = []
    real_train = tc.train

    def spy(train_on: list[Any], categories: list[str], args: argparse.Namespace) -> Any:
        seen.append({s.set for s in train_on})
        return real_train(train_on, categories, args)

    monkeypatch.setattr(tc, "train", spy)
    models, oof = tc.cross_validate(tc.Corpus({}, {}, sentences, [], 8), _args(min_docs=1, min_sets=1))
    assert list(models) == ["a", "b", "c", *tc.OOD_FOLDS]
    assert seen[0] == {"b", "c", *tc.OOD_FOLDS}
    assert seen[3] == {"a", "b", "c", tc.OOD_FOLDS[1]}
    assert all("w:parser" not in m.weights for m in models.values())
    assert "v:we" in models["a"].weights
    assert sorted(oof.scores) == list(range(len(sentences)))


def test_out_of_domain_negatives_lower_the_score_of_their_structure() -> None:
    """The point of the pages: a feature seen on claims and on technical text scores lower with them."""
    args = _args(min_docs=1, min_sets=1)
    plain = tc.train(_toy(), [], args)
    ood = [_ood(fold, f"/ood/{fold}{d}", {"v:we"}) for fold in tc.OOD_FOLDS for d in range(12)]
    with_ood = tc.train(_toy() + ood, [], args)
    assert tc.probability(with_ood, frozenset({"v:we"})) < tc.probability(plain, frozenset({"v:we"}))


def test_out_of_domain_findings_count_per_page_and_never_as_labelled_findings() -> None:
    rule = Rule("CL109", "n", "efficacy-overstatement", Severity.WARNING, "classifier", "m")
    sentences = [_ood("ood1", "/ood/p1", {"v:we"}), _ood("ood2", "/ood/p2", {"v:we"}), _ood("ood2", "/ood/p3", set())]
    oof = tc.OutOfFold({0: 0.9, 1: 0.6, 2: 0.1}, {0: None, 1: None, 2: None}, {})
    corpus = tc.Corpus({}, {}, sentences, [rule], 4)
    assert tc.ood_false_findings(corpus, oof, 0.5) == 2
    assert tc.ood_per_page(corpus, oof, 0.5) == 0.5
    assert tc.ood_per_page(corpus, oof, 0.7) == 0.25
    assert tc.with_classifier(corpus, oof, 0.5) == {}
    assert tc.ood_per_page(tc.Corpus({}, {}, [], [], 0), oof, 0.5) == 0.0


def test_the_rule_skips_thresholds_with_too_many_out_of_domain_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The least-tuned rule's OOD condition: 0.7 passes on the labelled sets but gives 0.1 per page."""
    monkeypatch.setattr(tc, "GRID", (0.5, 0.6, 0.7, 0.8, 0.9))
    monkeypatch.setattr(tc, "SETS", ("s1", "s2"))
    monkeypatch.setattr(tc, "LEAST_TUNED", ("s2",))
    monkeypatch.setattr(tc, "with_classifier", lambda _c, _o, threshold: threshold)
    monkeypatch.setattr(tc, "numbers", lambda _d, found: _n(0.80 if found == 0.5 else 0.95, 0.1))
    pages = [_ood("ood1", f"/ood/{k}", set()) for k in range(20)]
    oof = tc.OutOfFold({k: (0.75, 0.72, 0.95)[k] if k < 3 else 0.1 for k in range(20)}, {}, {})
    corpus = tc.Corpus({"s1": ["d1"], "s2": ["d2"]}, {}, pages, [], 20)
    assert tc.choose_threshold(corpus, oof, _args(), quiet=True).least_tuned == 0.8  # 3/20 at 0.7, 1/20 at 0.8
    assert tc.choose_threshold(corpus, oof, _args(max_ood=0.2), quiet=True).least_tuned == 0.6


def test_an_ablation_keeps_the_out_of_domain_pages_and_their_condition() -> None:
    """Dropping a feature group must not drop the OOD page count, or the OOD condition turns vacuous."""
    corpus = tc.Corpus({}, {}, [_ood("ood1", "/ood/p", {"v:we", "x:v:we+d:cta", "w:parser"})], [], 7)
    sub = tc.dropped(corpus, frozenset({"v:we"}))
    assert sub.ood_pages == 7
    assert sub.sentences[0].feats == {"w:parser"}
