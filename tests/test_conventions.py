"""One behavioural test per attribution convention of ../shared/corpus/GOLD_FORMAT.md.

The documents are our own (tests/fixtures/docs: Haiti meetings coverage, a Canadian
statement on Iran, a stakeout on Sudan), written in the genre but in sentence shapes of
their own. Each test names the convention it checks and asserts on the parsed extraction:
claimant, stance and the evidence span.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from kg.documents.reading import read_document
from kg.extract import extract
from tests.conftest import FIXTURE_DOCS


@cache
def extracted(name: str) -> tuple[str, dict]:
    doc = read_document(FIXTURE_DOCS / name)
    meta = doc.meta.model_dump(mode="json") | {"title": doc.title}
    return doc.text, extract(doc.text, doc_id=doc.doc_id, meta=meta)


def haiti() -> tuple[str, dict]:
    return extracted("haiti-mission-renewal.txt")


def claims_starting(result: dict, text: str, words: str) -> set[tuple[str, str]]:
    """(claimant, stance) of the claims whose evidence starts with ``words``."""
    out = set()
    for c in result["claims"]:
        ev = c["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["text"]
        if ev["text"].startswith(words):
            out.add((c["claimant"], c["stance"]))
    return out


def relations(result: dict) -> set[tuple[str, str, str]]:
    return {(r["subject"], r["predicate"], r["object"]) for r in result["relations"]}


def entity(result: dict, key: str) -> dict:
    [found] = [e for e in result["entities"] if e["id"] == key]
    return found


def test_name_and_state_in_brackets_speaks_as_the_state() -> None:
    text, result = haiti()
    assert claims_starting(result, text, "Kofi Mensah-Boateng (Ghana) stressed") == {
        ("gha", "assert")
    }
    # a person in no gazetteer becomes an entity from the pattern that introduces them
    assert entity(result, "kofi-mensah-boateng")["type"] == "Person"
    assert ("kofi-mensah-boateng", "represents", "gha") in relations(result)


def test_inverted_said_name_state() -> None:
    text, result = haiti()
    assert claims_starting(result, text, "A force without a budget") == {("arg", "assert")}
    assert entity(result, "lucia-ferreyra")["label"] == "Lucía Ferreyra"


def test_quotation_first_then_the_speaker() -> None:
    text, result = haiti()
    found = claims_starting(result, text, "\u201cThe people of Haiti cannot wait")
    assert ("ken", "call_for") in found  # "..., urging donors to honour the pledges"
    assert {c for c, _ in found} == {"ken"}


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Mexico\u2019s delegate rejected", {("mex", "oppose")}),
        ("The Ecuadorian representative said", {("ecu", "call_for")}),
        ("The representative of France condemned", {("fra", "accuse"), ("fra", "call_for")}),
    ],
    ids=["possessive-delegate", "demonym", "representative-of"],
)
def test_delegates_speak_as_their_state(words: str, expected: set) -> None:
    text, result = haiti()
    assert claims_starting(result, text, words) == expected


def test_speaking_on_behalf_of_a_group_is_the_speaker_state() -> None:
    text, result = haiti()
    found = claims_starting(result, text, "Speaking on behalf of the Caribbean Community")
    assert found == {("brb", "support")}


def test_titled_official_speaks_as_themselves() -> None:
    text, result = haiti()
    found = claims_starting(result, text, "Opening the debate, Deputy Secretary-General")
    assert found == {("amina-j-mohammed", "assert"), ("amina-j-mohammed", "concern")}
    assert ("amina-j-mohammed", "holdsPosition", "un-deputy-secretary-general") in relations(result)


def test_reported_speech_goes_on_in_the_speaker_voice() -> None:
    text, result = haiti()
    # the sentence after Ms. Mohammed's has no attribution of its own
    assert claims_starting(result, text, "The national police needed") == {
        ("amina-j-mohammed", "assert")
    }
    # "she added" resolves to her too
    assert claims_starting(result, text, "Without both, she added") == {
        ("amina-j-mohammed", "assert")
    }
    # and a delegate's continuation is the delegate's State
    assert claims_starting(result, text, "Funding, however,") == {("gha", "assert")}


def test_groups_of_speakers_and_the_headline_that_names_them() -> None:
    text, result = haiti()
    assert claims_starting(result, text, "Several speakers expressed alarm") == {
        ("speakers", "concern")
    }
    assert claims_starting(result, text, "Security Council Renews Haiti") == {
        ("speakers", "concern")  # "..., as Speakers Warn ..."; "Support Mission" is a name
    }
    # the headline starts no speech: the lead sentence is narration
    assert claims_starting(result, text, "The Security Council this morning") == set()


def test_according_to_an_organisation() -> None:
    text, result = haiti()
    assert claims_starting(result, text, "According to the World Food Programme") == {
        ("wfp", "assert")
    }


def test_unanimous_adoption_is_a_vote() -> None:
    _, result = haiti()
    [vote] = result["votes"]
    assert (vote["in_favour"], vote["against"], vote["abstentions"]) == (15, 0, 0)
    assert vote["on"] == "resolution 2785 (2025)" and vote["result"] == "adopted"


def test_a_government_statement_speaks_in_its_author_voice() -> None:
    text, result = extracted("iran-government-statement.txt")
    claimants = {c["claimant"] for c in result["claims"]}
    assert claimants == {"can"}  # the author, from the publisher; never the kind
    stances = {c["stance"] for c in result["claims"]}
    assert {"concern", "accuse", "call_for", "support"} <= stances
    assert claims_starting(result, text, "This practice must end") == {("can", "call_for")}


def test_transcript_turns_belong_to_their_speaker() -> None:
    text, result = extracted("sudan-stakeout.txt")
    speakers = {c["claimant"] for c in result["claims"]}
    assert speakers == {"ambassador-okafor"}
    assert entity(result, "ambassador-okafor")["type"] == "Person"
    assert claims_starting(result, text, "the Council must demand") == {
        ("ambassador-okafor", "call_for")
    }
    evidence = " ".join(c["evidence"]["text"] for c in result["claims"])
    assert "do you expect" not in evidence and "Good afternoon" not in evidence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The European Union remains deeply concerned by the arrests of journalists in Tehran.",
            {("european-union", "concern")},
        ),
        (
            "Japan and the Republic of Korea are encouraged by the talks held in Geneva last week.",
            {("jpn", "support"), ("kor", "support")},
        ),
        ("The hearing was short and the room was very crowded today.", set()),
    ],
    ids=["remains-concerned", "coordinated", "no-actor"],
)
def test_a_stance_stated_with_a_copula(text: str, expected: set) -> None:
    out = extract(text, doc_id="c", meta={"kind": "news", "date": "2025-05-05"})
    assert {(c["claimant"], c["stance"]) for c in out["claims"]} == expected


def test_a_cue_inside_what_is_reported_does_not_end_it() -> None:
    text = (
        "Volker Türk, the High Commissioner for Human Rights, told the Council that there "
        "were grounds to believe war crimes had been committed in Khartoum."
    )
    out = extract(text, doc_id="k", meta={"kind": "meetings-coverage", "date": "2025-05-05"})
    assert {(c["claimant"], c["stance"]) for c in out["claims"]} == {("volker-turk", "accuse")}


def test_fixture_documents_are_our_own(sample_corpus: Path) -> None:
    """No sentence of the shared corpus appears in our fixtures (copyright rule)."""
    ours = " ".join(
        " ".join(p.read_text(encoding="utf-8").split())
        for p in FIXTURE_DOCS.iterdir()
        if p.suffix in (".txt", ".md", ".html")
    )
    for doc in (sample_corpus / "docs").glob("*.txt"):
        words = doc.read_text(encoding="utf-8").split()
        for i in range(0, max(0, len(words) - 12), 12):
            assert " ".join(words[i : i + 12]) not in ours, doc.name
