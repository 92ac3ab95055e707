"""The embedded reference data: complete, well-formed and consistent; a strict loader."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from kg.errors import InputError, NotFound
from kg.reference.loader import (
    DATA_DIR,
    PHRASES,
    Body,
    Reference,
    State,
    fold,
    load_reference,
)

YEARS = range(2014, 2027)
PERMANENT = {"chn", "fra", "rus", "gbr", "usa"}
HTTPS = re.compile(r"^https://[^\s/]+\.[^\s]+$")


@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference()


def all_entities(ref: Reference) -> list:
    return [*ref.states, *ref.bodies, *ref.persons, *ref.meetings]


def test_193_member_states_and_two_observers(ref: Reference) -> None:
    members = [s for s in ref.states if s.status == "member"]
    observers = {s.id: s.name for s in ref.states if s.status == "observer"}
    assert len(members) == 193
    assert observers == {"vat": "Holy See", "pse": "State of Palestine"}
    assert all(isinstance(s.un_admission, dt.date) for s in members)
    assert min(s.un_admission for s in members) == dt.date(1945, 10, 24)
    assert ref.by_id("ssd").un_admission == dt.date(2011, 7, 14)  # the most recent admission


def test_iso_codes_are_unique_and_well_formed(ref: Reference) -> None:
    iso2 = [s.iso2 for s in ref.states]
    iso3 = [s.iso3 for s in ref.states]
    assert len(set(iso2)) == len(set(iso3)) == 195
    assert all(re.fullmatch(r"[A-Z]{2}", c) for c in iso2)
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in iso3)
    assert all(s.id == s.iso3.lower() for s in ref.states)
    expected = {"chn": "CN", "prk": "KP", "kor": "KR", "usa": "US", "gbr": "GB", "civ": "CI"}
    assert {k: ref.by_id(k).iso2 for k in expected} == expected


def test_wikidata_ids_are_unique_and_well_formed(ref: Reference) -> None:
    qids = [e.wikidata for e in all_entities(ref) if getattr(e, "wikidata", None)]
    assert len(qids) == len(set(qids))
    assert all(re.fullmatch(r"Q[1-9][0-9]*", q) for q in qids)
    assert all(s.wikidata for s in ref.states)
    known = {"chn": "Q148", "prk": "Q423", "kor": "Q884", "usa": "Q30", "rus": "Q159",
             "civ": "Q1008", "syr": "Q858", "jpn": "Q17", "alb": "Q222", "mlt": "Q233",
             "moz": "Q1029", "vat": "Q159583", "pse": "Q219060", "united-nations": "Q1065",
             "un-security-council": "Q37470", "international-criminal-court": "Q47488",
             "kim-jong-un": "Q56226"}  # fmt: skip
    assert {k: ref.by_id(k).wikidata for k in known} == known


def test_china_as_the_build_expects(ref: Reference) -> None:
    china = ref.by_id("chn")
    assert isinstance(china, State)
    assert (china.name, china.official_name, china.iso2) == (
        "China",
        "People's Republic of China",
        "CN",
    )


def test_un_short_names_and_common_aliases(ref: Reference) -> None:
    names = {s.id: s.name for s in ref.states}
    assert names["rus"] == "Russian Federation" and names["usa"] == "United States"
    assert names["prk"] == "Democratic People's Republic of Korea" and names["tur"] == "Türkiye"
    assert {"North Korea", "DPRK"} <= set(ref.by_id("prk").aliases)
    assert {"South Korea", "ROK", "Korea, Republic of"} <= set(ref.by_id("kor").aliases)
    assert {"U.S.", "US", "USA", "U.S.A."} <= set(ref.by_id("usa").aliases)
    assert {"Ivory Coast", "Cote d'Ivoire"} <= set(ref.by_id("civ").aliases)
    for state in ref.states:  # every accented name has an accent-less alias
        for text in (state.name, state.official_name or ""):
            assert fold(text) == text or fold(text) in state.aliases, text


def test_demonyms_avoid_ambiguity(ref: Reference) -> None:
    assert "Korean" not in ref.by_id("prk").demonyms + ref.by_id("kor").demonyms
    assert "North Korean" in ref.by_id("prk").demonyms
    assert "South Korean" in ref.by_id("kor").demonyms
    assert (ref.by_id("prk").capital, ref.by_id("kor").capital) == ("Pyongyang", "Seoul")


def test_every_entity_and_fact_has_an_https_source(ref: Reference) -> None:
    for e in all_entities(ref):
        assert e.sources and all(HTTPS.match(u) for u in e.sources), e.id
    for p in ref.persons:
        assert all(HTTPS.match(t.source) for t in p.positions), p.id
    assert ref.security_council.sources and all(
        HTTPS.match(u) for u in ref.security_council.sources
    )
    for b in ref.bodies:
        assert b.description.strip(), b.id


def test_security_council_membership(ref: Reference) -> None:
    sc = ref.security_council
    assert set(sc.permanent) == PERMANENT
    assert set(sc.elected) == set(YEARS)
    states = {s.id for s in ref.states}
    for year in YEARS:
        members = sc.elected[year]
        assert len(members) == len(set(members)) == 10, year
        assert set(members) <= states and not set(members) & PERMANENT, year
    for year in YEARS[1:]:  # two-year terms: half the seats change each year (one seat was split)
        kept = set(sc.elected[year]) & set(sc.elected[year - 1])
        assert len(kept) == (4 if year == 2018 else 5), year
    assert set(sc.elected[2024]) == {"dza", "ecu", "guy", "jpn", "mlt", "moz", "kor", "sle",
                                     "svn", "che"}  # fmt: skip
    assert set(sc.elected[2026]) == {"bhr", "col", "cod", "lva", "lbr", "dnk", "grc", "pak",
                                     "pan", "som"}  # fmt: skip
    assert len(sc.members(2024)) == 15
    with pytest.raises(NotFound):
        sc.members(1999)


def test_tenures_reference_existing_posts_and_are_ordered(ref: Reference) -> None:
    for person in ref.persons:
        assert person.positions, person.id
        for t in person.positions:
            post = ref.by_id(t.position)
            assert isinstance(post, Body) and post.type in ("Position", "Mechanism"), t.position
            # an unverified start date is recorded as null rather than guessed
            assert t.start is None or t.end is None or t.start <= t.end, person.id
    single_holder = defaultdict(list)  # posts held by one person at a time never overlap
    for person in ref.persons:
        for t in person.positions:
            if t.position != "commission-of-inquiry-dprk":
                start = t.start or dt.date.min
                single_holder[t.position].append((start, t.end or dt.date.max, person.id))
    for post, tenures in single_holder.items():
        tenures.sort()
        for (_, end, who), (start, _, nxt) in zip(tenures, tenures[1:], strict=False):
            assert end <= start, (post, who, nxt)
    assert [p.id for p in ref.holders("un-secretary-general", dt.date(2015, 6, 1))] == [
        "ban-ki-moon"
    ]
    hc = ref.holders("un-high-commissioner-for-human-rights", dt.date(2024, 6, 12))
    assert [p.id for p in hc] == ["volker-turk"]
    assert {p.represents for p in ref.holders("us-permanent-representative-to-the-un",
                                              dt.date(2023, 8, 17))} == {"usa"}  # fmt: skip
    assert {p.id for p in ref.persons if any(t.position == "commission-of-inquiry-dprk"
                                             for t in p.positions)} == {
        "michael-kirby", "sonja-biserko", "marzuki-darusman"}  # fmt: skip


def test_meeting_votes_are_consistent(ref: Reference) -> None:
    voted = [m for m in ref.meetings if m.vote]
    assert {m.meeting_number for m in voted} == {7353, 7575, 7830, 8130, 9653}
    for m in voted:
        v = m.vote
        assert len(v.voted_in_favour) <= v.in_favour
        assert len(v.voted_against) <= v.against and len(v.abstained) <= v.abstentions
        assert v.in_favour + v.against + v.abstentions <= 15
        assert (v.result == "adopted") == (v.in_favour >= 9)  # procedural: nine votes, no veto
        sitting = set(ref.security_council.members(m.date.year))
        assert set(v.voters()) <= sitting and len(set(v.voters())) == len(v.voters()), m.id
        assert m.symbol == f"S/PV.{m.meeting_number}" and m.body == "un-security-council"
    june_2024 = ref.by_id("unsc-meeting-dprk-human-rights-2024-06-12")
    assert (june_2024.vote.in_favour, june_2024.vote.against, june_2024.vote.abstentions) == (
        12,
        2,
        1,
    )
    assert set(june_2024.vote.voted_against) == {"chn", "rus"} and june_2024.vote.abstained == (
        "moz",
    )
    assert ref.by_id("unsc-meeting-dprk-human-rights-2023-08-17").vote is None
    assert ref.by_id("unsc-meeting-dprk-human-rights-2018-planned").held is False


def test_every_referenced_id_exists(ref: Reference) -> None:
    ids = ref.ids()
    refs = []
    for b in ref.bodies:
        refs += [i for i in (b.part_of, b.post_in, b.author, *b.recommended) if i]
    for p in ref.persons:
        refs += [p.represents] if p.represents else []
        refs += [t.position for t in p.positions]
    for m in ref.meetings:
        refs += [m.body, *m.about]
    refs += [*ref.security_council.permanent, *(i for y in ref.security_council.elected.values()
                                                for i in y)]  # fmt: skip
    missing = sorted(set(refs) - ids)
    assert not missing


def test_required_entities_are_present(ref: Reference) -> None:
    required = {
        "united-nations": "Organization", "un-security-council": "Organization",
        "un-general-assembly": "Organization", "un-human-rights-council": "Organization",
        "ohchr": "Organization", "un-secretariat": "Organization", "un-dppa": "Organization",
        "commission-of-inquiry-dprk": "Mechanism", "coi-dprk-report-2014": "Report",
        "special-rapporteur-dprk": "Mechanism", "international-criminal-court": "Mechanism",
        "un-1718-committee": "Organization", "un-1718-panel-of-experts": "Mechanism",
        "un-sanctions-dprk": "Mechanism", "targeted-sanctions-dprk-human-rights": "Mechanism",
        "rule-37": "Mechanism", "un-secretary-general": "Position",
        "un-high-commissioner-for-human-rights": "Position",
        "us-permanent-representative-to-the-un": "Position", "un-charter": "Instrument",
        "universal-declaration-of-human-rights": "Instrument", "iccpr": "Instrument",
        "resolution-1718": "Instrument", "usun": "Organization",
    }  # fmt: skip
    assert {k: ref.by_id(k).entity_type for k in required} == required
    report = ref.by_id("coi-dprk-report-2014")
    assert (report.symbol, report.date, report.author) == (
        "A/HRC/25/63",
        dt.date(2014, 2, 7),
        "commission-of-inquiry-dprk",
    )
    assert set(report.recommended) == {"international-criminal-court",
                                       "targeted-sanctions-dprk-human-rights"}  # fmt: skip
    assert ref.by_id("un-security-council").part_of == "united-nations"
    assert "Council" not in ref.by_id("un-security-council").aliases


def test_gazetteer_names(ref: Reference) -> None:
    names = set(ref.names())
    assert ("China", "chn", "State", "label") in names
    assert ("People's Republic of China", "chn", "State", "official_name") in names
    assert ("Chinese", "chn", "State", "demonym") in names
    assert ("Beijing", "chn", "State", "metonym") in names
    assert ("Volker Turk", "volker-turk") in {(n.surface, n.entity_id) for n in names}
    assert ("S/PV.9653", "unsc-meeting-dprk-human-rights-2024-06-12", "Meeting", "alias") in names
    by_surface = defaultdict(set)
    for n in names:
        assert n.surface == n.surface.strip() and n.surface, n
        by_surface[fold(n.surface).casefold()].add(n.entity_id)
    assert not {s: e for s, e in by_surface.items() if len(e) > 1}  # unambiguous gazetteer
    assert [n.entity_id for n in ref.lookup("COTE D’IVOIRE")] == ["civ"]
    assert [(n.entity_id, n.is_metonym) for n in ref.lookup("pyongyang")] == [("prk", True)]
    assert ref.lookup("Korean") == []
    assert ref.state("cn") is ref.state("CHN") is ref.by_id("chn")
    with pytest.raises(NotFound):
        ref.by_id("atlantis")
    assert ref.get("atlantis") is None


def test_load_is_cached(ref: Reference) -> None:
    assert load_reference() is ref


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "reference"
    shutil.copytree(DATA_DIR, target)
    return target


def _edit(folder: Path, name: str, change) -> None:
    path = folder / name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_a_copy_of_the_data_loads(tmp_path: Path) -> None:
    assert len(load_reference(_copy(tmp_path)).states) == 195


def test_malformed_json_is_an_input_error(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "persons.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="persons.json"):
        load_reference(folder)


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "meetings.json").unlink()
    with pytest.raises(InputError, match="meetings.json"):
        load_reference(folder)


def test_unknown_keys_are_rejected(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder, "states.json", lambda d: d["states"][0].update(flag="red"))
    with pytest.raises(InputError, match=r"states.json: states\.0\.flag"):
        load_reference(folder)


def test_a_bad_code_is_rejected(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder, "states.json", lambda d: d["states"][1].update(iso2="al"))
    with pytest.raises(InputError, match="iso2"):
        load_reference(folder)


def test_a_dangling_reference_is_rejected(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder, "persons.json", lambda d: d["persons"][0].update(represents="atlantis"))
    with pytest.raises(InputError, match="atlantis"):
        load_reference(folder)


def test_more_named_voters_than_counted_is_rejected(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder, "meetings.json", lambda d: d["meetings"][0]["vote"].update(against=1))
    with pytest.raises(InputError, match="named voters"):
        load_reference(folder)


def test_shared_title_phrases_and_state_names_are_expanded(ref: Reference) -> None:
    bodies = {b.id: b for b in ref.bodies}
    prk = next(s for s in ref.states if s.id == "prk")
    situation = PHRASES["{situation}"]
    assert bodies["special-rapporteur-dprk"].label == (
        f"Special Rapporteur on the {situation} in the {prk.name}"
    )
    assert all("{" not in b.label and all("{" not in a for a in b.aliases) for b in ref.bodies)


def test_an_unknown_state_in_a_title_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    bodies = folder / "bodies.json"
    bodies.write_text(bodies.read_text().replace("{state:prk}", "{state:zzz}", 1))
    with pytest.raises(InputError, match=r"bodies\.json.*\{state:zzz\}"):
        load_reference(folder)
