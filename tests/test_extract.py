"""Extraction: entities, claims, votes and relations, each tied to an exact span.

The fixture documents in tests/fixtures/docs are our own texts in the style of UN meeting
coverage, NGO commentary and a stakeout transcript, on topics other than the sample corpus.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from kg.documents.reading import read_document
from kg.extract import extract
from tests.conftest import FIXTURE_DOCS, SHARED


def run(path: Path) -> tuple[str, dict]:
    doc = read_document(path)
    meta = doc.meta.model_dump(mode="json") | {"title": doc.title}
    return doc.text, extract(doc.text, doc_id=doc.doc_id, meta=meta)


def claims_of(result: dict) -> set[tuple[str, str]]:
    return {(c["claimant"], c["stance"]) for c in result["claims"]}


def spans(result: dict) -> list[dict]:
    items = [c["evidence"] for c in result["claims"]]
    items += [v["evidence"] for v in result["votes"]]
    items += [r["evidence"] for r in result["relations"]]
    return items


def all_documents() -> list[Path]:
    docs = sorted(p for p in FIXTURE_DOCS.iterdir() if p.suffix in (".txt", ".md", ".html"))
    corpus = SHARED / "corpus" / "docs"
    if corpus.is_dir():
        docs += sorted(corpus.glob("*.txt"))
    return docs


def _gold_claims(path: Path) -> int | None:
    gold = path.parent.parent / "gold" / f"{path.stem}.gold.json"
    if not gold.is_file():
        return None
    return len(json.loads(gold.read_text(encoding="utf-8"))["claims"])


@pytest.mark.parametrize("path", all_documents(), ids=lambda p: p.name)
def test_every_offset_indexes_the_stored_text(path: Path) -> None:
    text, result = run(path)
    expected = _gold_claims(path)
    if expected:
        assert result["claims"], "the gold has claims here"
    for ev in spans(result):
        assert 0 <= ev["start"] < ev["end"] <= len(text)
        assert ev["text"] == text[ev["start"] : ev["end"]]
        # a span is trimmed and stays inside one paragraph
        assert ev["text"] == ev["text"].strip() and "\n\n" not in ev["text"]
    ids = {e["id"] for e in result["entities"]}
    for e in result["entities"]:  # mentions are surfaces exactly as the text has them
        assert all(m in text for m in e["mentions"]), (e["id"], e["mentions"])
    for c in result["claims"]:
        assert c["claimant"] in ids and set(c["about"]) <= ids
        assert c["stance"] in {"concern", "oppose", "support", "accuse", "call_for",
                               "recommend", "find", "assert"}  # fmt: skip
    for r in result["relations"]:
        assert r["subject"] in ids


def test_failed_vote_with_named_states() -> None:
    _, result = run(FIXTURE_DOCS / "syria-draft-resolution-vetoed.txt")
    [vote] = result["votes"]
    assert (vote["in_favour"], vote["against"], vote["abstentions"]) == (13, 1, 1)
    assert vote["voted_against"] == ["rus"] and vote["abstained"] == ["chn"]
    assert vote["result"] == "rejected" and vote["body"] == "un-security-council"
    assert vote["on"] == "draft"


def test_coordinated_subjects_give_one_claim_each() -> None:
    _, result = run(FIXTURE_DOCS / "syria-draft-resolution-vetoed.txt")
    found = claims_of(result)
    for state in ("fra", "gbr", "jpn"):
        assert (state, "support") in found and (state, "call_for") in found
    # "The representatives of Switzerland and Brazil ... expressed deep regret"
    assert {("che", "concern"), ("bra", "concern")} <= found
    # "They said ..." takes both previous claimants
    assert {("che", "assert"), ("bra", "assert")} <= found


def test_pronoun_takes_the_person_introduced_before() -> None:
    _, result = run(FIXTURE_DOCS / "syria-draft-resolution-vetoed.txt")
    found = claims_of(result)
    assert {("martin-griffiths", "concern"), ("martin-griffiths", "call_for")} <= found
    relations = {(r["subject"], r["predicate"]) for r in result["relations"]}
    assert ("martin-griffiths", "holdsPosition") in relations


def test_representative_and_demonym_forms() -> None:
    _, result = run(FIXTURE_DOCS / "syria-draft-resolution-vetoed.txt")
    found = claims_of(result)
    assert ("rus", "accuse") in found  # "He also accused ..." after "The Russian representative"
    assert ("chn", "assert") in found  # "The Chinese representative said"
    assert ("syr", "oppose") in found  # "The representative of the Syrian Arab Republic rejected"
    assert ("usa", "accuse") in found  # "condemned the veto"


def test_unanimous_adoption_and_appositions() -> None:
    _, result = run(FIXTURE_DOCS / "myanmar-briefing.txt")
    [vote] = result["votes"]
    assert (vote["in_favour"], vote["against"], vote["abstentions"]) == (15, 0, 0)
    assert vote["result"] == "adopted" and vote["on"].startswith("resolution 2669")
    found = claims_of(result)
    assert ("noeleen-heyzer", "support") in found  # "Noeleen Heyzer, Special Envoy ..., welcomed"
    assert ("tun-khin", "call_for") in found  # "Tun Khin, a Rohingya activist, ... He urged"
    assert ("ind", "concern") in found  # "The Indian delegate expressed concern"
    assert ("gbr", "call_for") in found  # "She called on the military"


def test_commentary_speaks_in_the_publisher_voice() -> None:
    _, result = run(FIXTURE_DOCS / "ngo-sudan-commentary.md")
    found = claims_of(result)
    assert ("amnesty-international", "call_for") in found
    assert ("karim-khan", "accuse") in found  # "told the Council ... crimes against humanity"
    texts = [c["evidence"]["text"] for c in result["claims"]]
    assert not any("Donate" in t for t in texts)


def test_transcript_speakers_and_questions() -> None:
    _, result = run(FIXTURE_DOCS / "stakeout-remarks.html")
    found = claims_of(result)
    assert ("barbara-woodward", "call_for") in found and ("gbr", "accuse") in found
    assert all("do you expect" not in c["evidence"]["text"] for c in result["claims"])
    labels = {e["id"]: e["label"] for e in result["entities"]}
    assert labels["barbara-woodward"] == "Barbara Woodward"
    assert "ambassador-woodward" not in labels


def test_a_document_without_claims() -> None:
    result = extract("The weather in New York was mild on Tuesday.\n", doc_id="quiet")
    assert result["claims"] == [] and result["votes"] == []
    assert extract("", doc_id="empty")["entities"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Volker Türk, the UN High Commissioner for Human Rights, welcomed the step.",
        "Volker Turk, the UN High Commissioner for Human Rights, welcomed the step.",
        "Volker\u00a0Türk, the\u00a0UN High Commissioner for Human Rights, welcomed the step.",
    ],
    ids=["accents", "no-accents", "nbsp"],
)
def test_accents_and_spaces_resolve_to_the_same_person(text: str) -> None:
    result = extract(text, doc_id="t", meta={"kind": "meeting-summary"})
    assert ("volker-turk", "support") in claims_of(result)
    rel = {(r["subject"], r["predicate"], r["object"]) for r in result["relations"]}
    assert ("volker-turk", "holdsPosition", "un-high-commissioner-for-human-rights") in rel


def test_smart_quotes_and_mojibake(tmp_path: Path) -> None:
    text = (
        "The representative of the Democratic People\u2019s Republic of Korea rejected the "
        "\u201cso-called\u201d report. Volker T\u00c3\u00bcrk said it was accurate.\n"
    )
    path = tmp_path / "garbled.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    assert "Volker Türk" in doc.text  # repaired once, stored repaired
    result = extract(doc.text, doc_id=doc.doc_id, meta={"kind": "meeting-summary"})
    assert {("prk", "oppose"), ("volker-turk", "assert")} <= claims_of(result)
    for ev in spans(result):
        assert ev["text"] == doc.text[ev["start"] : ev["end"]]


def test_a_five_megabyte_document_is_handled() -> None:
    text = (FIXTURE_DOCS / "syria-draft-resolution-vetoed.txt").read_text(encoding="utf-8")
    big = (text + "\n") * (5_000_000 // (len(text) + 1) + 1)
    result = extract(big, doc_id="big", meta={"kind": "meeting-summary"})
    assert len(result["votes"]) == big.count("by a vote of")
    last = result["claims"][-1]["evidence"]
    assert big[last["start"] : last["end"]] == last["text"]


def _scorer():
    path = SHARED / "eval" / "score.py"
    if not path.is_file():
        pytest.skip("../shared/eval/score.py is not available")
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_quality_on_the_sample_corpus(sample_corpus: Path, tmp_path: Path) -> None:
    score = _scorer()
    for path in sorted((sample_corpus / "docs").glob("*.txt")):
        _, result = run(path)
        (tmp_path / f"{path.stem}.json").write_text(json.dumps(result), encoding="utf-8")
    total = dict.fromkeys(score.COUNT_KEYS, 0)
    per_doc: dict[str, float] = {}
    for gold in sorted((sample_corpus / "gold").glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        counts = score.score_document(
            (sample_corpus / "docs" / f"{stem}.txt").read_text(encoding="utf-8"),
            score.read_annotation(gold),
            score.read_annotation(tmp_path / f"{stem}.json"),
        )
        total = {k: total[k] + counts[k] for k in score.COUNT_KEYS}
        per_doc[stem] = score.summarise(counts)["claim_strict_f1"]
    metrics = score.summarise(total)
    # A ratchet: the floors reached so far on the whole shared corpus (measured 0.907,
    # 0.842, 1.0, 0.842; lowest document 0.667). Raise them as extraction improves.
    assert metrics["entity_f1"] >= 0.90
    assert metrics["claim_strict_f1"] >= 0.84
    assert metrics["vote_f1"] == 1.0
    assert metrics["relation_f1"] >= 0.84
    assert min(per_doc.values()) >= 0.66, per_doc


@pytest.mark.parametrize(
    ("sentence", "counts", "against", "abstained", "result"),
    [
        (
            "The Council adopted the provisional agenda by a vote of nine in favour to four "
            "against (China, Russian Federation, Angola, Venezuela), with two abstentions "
            "(Chad, Nigeria).",
            (9, 4, 2),
            ["chn", "rus", "ago", "ven"],
            ["tcd", "nga"],
            "adopted",
        ),
        (
            "The draft resolution failed to be adopted, receiving 7 votes in favor to 2 "
            "against, with China and India abstaining.",
            (7, 2, 2),
            [],
            ["chn", "ind"],
            "rejected",
        ),
        (
            "The Council adopted resolution 2397 (2017) by 15 votes to none.",
            (15, 0, None),
            [],
            [],
            "adopted",
        ),
    ],
    ids=["words", "abstaining", "votes-to"],
)
def test_vote_variants(sentence, counts, against, abstained, result) -> None:
    out = extract(sentence, doc_id="v", meta={"kind": "meeting-summary"})
    [vote] = out["votes"]
    assert (vote["in_favour"], vote["against"], vote["abstentions"]) == counts
    assert vote["voted_against"] == against and vote["abstained"] == abstained
    assert vote["result"] == result


def test_no_vote_without_counts() -> None:
    text = "Do you have nine votes? Their motion was defeated by most members."
    assert extract(text, doc_id="n", meta={"kind": "press-briefing"})["votes"] == []


def test_speakers_named_in_capitals_with_their_state() -> None:
    _, result = run(FIXTURE_DOCS / "ukraine-humanitarian-press.txt")
    found = claims_of(result)
    # a delegate speaks as the state; the person represents it
    assert {("rus", "oppose"), ("rus", "accuse")} <= found  # "Mr. Nebenzia accused ..."
    assert {("gbr", "accuse"), ("gbr", "concern")} <= found
    assert ("ukr", "assert") in found
    assert not {c for c, _ in found} & {"vassily-nebenzia", "barbara-woodward"}
    assert ("dnk", "support") in found and ("european-union", "support") not in found
    relations = {(r["subject"], r["predicate"], r["object"]) for r in result["relations"]}
    assert ("vassily-nebenzia", "represents", "rus") in relations
    assert ("sergiy-kyslytsya", "represents", "ukr") in relations
    labels = {e["id"]: e for e in result["entities"]}
    assert labels["sergiy-kyslytsya"]["label"] == "Sergiy Kyslytsya"
    assert "Mr. Nebenzia" in labels["vassily-nebenzia"]["mentions"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u201cWe will never accept this,\u201d said the representative of Ukraine.",
         {("ukr", "assert")}),
        ("Briefing the Council, Rosemary DiCarlo, Under-Secretary-General for Political and "
         "Peacebuilding Affairs, said the crisis was deepening.", {("rosemary-dicarlo", "assert")}),
        ("The members of the Security Council condemned in the strongest terms the attack.",
         {("un-security-council", "accuse")}),
        ("According to the Secretary-General's report, the number of displaced people doubled.",
         {("un-secretary-general-s-report", "find")}),
        ("China, Russia and the African Union called for restraint.",
         {("chn", "call_for"), ("rus", "call_for"), ("african-union", "call_for")}),
        ("Tun Khin, a Rohingya activist, told the Council that the persecution continued.",
         {("tun-khin", "accuse")}),
    ],
    ids=["inverted", "briefing-intro", "council-members", "according-to", "mixed-list",
         "told-the-council"],
)  # fmt: skip
def test_subject_forms(text: str, expected: set) -> None:
    out = extract(text, doc_id="s", meta={"kind": "meeting-summary", "date": "2024-05-01"})
    assert claims_of(out) == expected


def test_press_release_quotes_and_roles() -> None:
    text = (
        "The Security Council should impose an arms embargo on Myanmar's military, Human "
        "Rights Watch said today.\n\n"
        "\u201cThe Council's silence has emboldened the generals,\u201d said Elaine Pearson, Asia "
        "director at Human Rights Watch. \u201cMembers need to stop hiding behind China and "
        "Russia.\u201d\n"
    )
    meta = {"kind": "ngo-commentary", "publisher": "Human Rights Watch", "date": "2024-02-01"}
    out = extract(text, doc_id="hrw", meta=meta)
    assert claims_of(out) == {
        ("human-rights-watch", "call_for"),  # "..., Human Rights Watch said": a call
        ("elaine-pearson", "assert"),
        ("elaine-pearson", "call_for"),  # the quotation goes on in her voice
    }
    relations = {(r["subject"], r["predicate"], r["object"]) for r in out["relations"]}
    assert ("elaine-pearson", "worksFor", "human-rights-watch") in relations
