"""The three genres of the benchmark corpus, written sentence by sentence (see :mod:`corpus`).

Each writer takes the world (actors), a random generator seeded for one document, the date and
the document number, and returns ``(title, text, publisher)``.
"""

from __future__ import annotations

import datetime as dt
import random

from corpus_text import CLAUSES, FIRST_PERSON, NGO_VOICE, QUESTIONS, TOPICS
from corpus_world import _REFERENCE_COUNTS, Person, World

STANCES = list(CLAUSES)
# posts whose holders brief the Council, and the topics they brief on (None: any)
UN_POSTS: dict[str, set[str] | None] = {
    "un-secretary-general": None,
    "un-high-commissioner-for-human-rights": None,
    "un-usg-humanitarian-affairs": None,
    "un-usg-political-peacebuilding-affairs": None,
    "un-usg-peace-operations": {"mli", "cod", "caf", "ssd", "som", "lbn", "hti"},
    "icc-prosecutor": {"lby", "sdn", "ukr", "afg", "pse", "ven", "bdi"},
    "un-deputy-secretary-general": None,
    "un-special-envoy-syria": {"syr"},
    "un-special-envoy-yemen": {"yem"},
    "un-special-envoy-myanmar": {"mmr"},
    "un-high-commissioner-for-refugees": {"syr", "ukr", "mmr", "afg", "sdn", "ssd", "ven"},
    "iaea-director-general": {"prk", "irn", "ukr"},
    "unicef-executive-director": {"yem", "sdn", "pse", "afg", "hti"},
    "special-rapporteur-dprk": {"prk"},
}
# how often each stance opens a claim, for most speakers and for the two usual objectors
STANCE_WEIGHTS = [18, 12, 14, 12, 18, 4, 4, 18]
OBJECTOR_WEIGHTS = [10, 30, 8, 14, 8, 1, 1, 28]
MISSION_POSTS = {
    "usa": "us-permanent-representative-to-the-un",
    "chn": "chn-permanent-representative-to-the-un",
    "rus": "rus-permanent-representative-to-the-un",
    "gbr": "gbr-permanent-representative-to-the-un",
    "fra": "fra-permanent-representative-to-the-un",
    "prk": "prk-permanent-representative-to-the-un",
    "kor": "kor-permanent-representative-to-the-un",
    "jpn": "jpn-permanent-representative-to-the-un",
}
FAMILY_NAME_FIRST = {"zhang-jun", "fu-cong", "kim-song", "hwang-joon-kook"}
FEMALE = {
    "navi-pillay",
    "michelle-bachelet",
    "elizabeth-salmon",
    "samantha-power",
    "nikki-haley",
    "kelly-craft",
    "linda-thomas-greenfield",
    "dorothy-shea",
    "amina-j-mohammed",
    "rosemary-dicarlo",
    "noeleen-heyzer",
    "julie-bishop",
    "fatou-bensouda",
    "catherine-russell",
    "barbara-woodward",
}
_ARTICLE = ("United ", "Russian ", "Republic ", "Democratic ", "Syrian ", "Central African ")
_ARTICLE += ("Dominican ", "Czech ", "Islamic ", "State of ", "Holy ", "Philippines", "Gambia")
_ARTICLE += ("Sudan", "Niger", "Bahamas", "Comoros", "Maldives", "Marshall ", "Solomon ")
_ARTICLE += ("Netherlands",)


def the(w: World, entity_id: str) -> str:
    """The name as running text writes it ("the United States", "the ICC", "France")."""
    name = w.name(entity_id)
    if w.ref.by_id(entity_id).entity_type != "State":
        return name if name.startswith("the ") else f"the {name}"
    if name.startswith(_ARTICLE) and name != "South Sudan":
        return f"the {name}"
    return name


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


_SMALL = {"in", "the", "of", "and", "on", "by", "for", "to"}


def _title(phrase: str) -> str:
    """'the situation in the Sudan' -> 'Situation in the Sudan' (headline case)."""
    words = phrase.removeprefix("the ").split(" ")
    return " ".join(w if i and w in _SMALL else _cap(w) for i, w in enumerate(words))


def _day(day: dt.date) -> str:
    return f"{day.strftime('%B')} {day.day}, {day.year}"


def target(
    w: World, rng: random.Random, topic: str, *, kind: str = "state", not_: str | None = None
) -> str:
    """What a claim is about: mostly the meeting's topic, else a popular state (or, for a
    clause that takes ``any`` entity, a UN body or mechanism)."""
    x = rng.random()
    if x < 0.5 and topic != not_:
        return the(w, topic)
    if kind == "any" and x > 0.7:
        return the(w, w.bodies.draw(rng))
    state = w.states.draw(rng)
    return the(w, state if state != not_ else topic)


def stance_of(rng: random.Random, speaker: str | None = None) -> str:
    """A stance, drawn with the speaker's leanings (China and Russia mostly object)."""
    weights = OBJECTOR_WEIGHTS if speaker in ("chn", "rus") else STANCE_WEIGHTS
    return rng.choices(STANCES, weights=weights)[0]


def clause(w: World, rng: random.Random, topic: str, *, speaker: str | None = None, **kw) -> str:
    """A reporting clause ("expressed concern about ...") with its stance's verb."""
    template, kind = rng.choice(CLAUSES[stance_of(rng, speaker)])
    return template.format(t=target(w, rng, topic, kind=kind, **kw), t2=the(w, topic))


def _vote_lists(w: World, rng: random.Random, members: list[str]) -> dict[str, list[str]]:
    """How the fifteen members voted (never repeating the reference data's counts)."""
    while True:
        out: dict[str, list[str]] = {"yes": [], "no": [], "abstain": []}
        for s in members:
            p_no = {"chn": 0.8, "rus": 0.9}.get(s, 0.08)
            x = rng.random()
            out["no" if x < p_no else "abstain" if x < p_no + 0.12 else "yes"].append(s)
        counts = (len(out["yes"]), len(out["no"]), len(out["abstain"]))
        if counts not in _REFERENCE_COUNTS:
            return out


def _listed(w: World, ids: list[str]) -> str:
    names = sorted(w.name(i) for i in ids)
    return f" ({', '.join(names)})" if names else ""


def vote_sentence(w: World, votes: dict[str, list[str]], *, full: bool) -> str:
    """'by a vote of 11 in favour to 3 against (A, B, C), with 1 abstention (D)'
    (``full``: the states in favour are listed too)."""
    y, n, a = (len(votes[k]) for k in ("yes", "no", "abstain"))
    yes = _listed(w, votes["yes"]) if full else ""
    against = f"{n} against{_listed(w, votes['no'])}" if n else "none against"
    if a:
        abst = f"with {a} abstention{'s' if a > 1 else ''}{_listed(w, votes['abstain'])}"
    else:
        abst = "with no abstentions"
    return f"{y} in favour{yes} to {against}, {abst}"


def meeting_summary(w: World, rng: random.Random, day: dt.date, n: int) -> tuple[str, str, str]:
    """UN meetings coverage: briefers, a procedural vote, speakers, a resolution vote."""
    topic = w.topics.draw(rng)
    phrase = rng.choice(TOPICS).format(t=the(w, topic))
    members = w.council(day.year)
    number = 7090 + (day - dt.date(2014, 1, 1)).days * 2 // 3 + n % 3
    heading = _title(phrase)
    title = rng.choice(
        [
            f"Security Council Considers {heading}",
            f"{number}th Meeting: Security Council Holds Debate on {heading}",
            f"Speakers in Security Council Call for Accountability over {heading}",
        ]
    )
    paras: list[str] = []
    briefers = []
    posts = [p for p, topics in UN_POSTS.items() if topics is None or topic in topics]
    for post in rng.sample(posts, min(3, len(posts))):
        holders = w.ref.holders(post, day)
        if holders and len(briefers) < rng.choice((1, 2, 2, 3)):
            briefers.append((holders[0], w.ref.by_id(post).label))
    names = " and ".join(p.label for p, _ in briefers)
    paras.append(
        f"The Security Council met today to consider {phrase}"
        + (f", hearing briefings by {names}." if briefers else ".")
    )
    for person, post in briefers:
        text = f"{person.label}, {post}, {clause(w, rng, topic)}."
        if rng.random() < 0.6:
            pron = "She" if person.id in FEMALE else "He"
            text += f" {pron} also {clause(w, rng, topic)}."
        paras.append(text)
    if rng.random() < 0.5:
        p = w.by_kind["ngo"].draw(rng)
        paras.append(f"{p.name}, {p.role} of {p.affiliation}, {clause(w, rng, topic)}.")
    if rng.random() < 0.3:
        votes = _vote_lists(w, rng, members)
        opener = w.name(votes["no"][0]) if votes["no"] else "China"
        if len(votes["yes"]) >= 9:
            paras.append(
                f"Before the briefing, the representative of {opener} requested a procedural "
                f"vote. Members adopted the agenda that day by a vote of "
                f"{vote_sentence(w, votes, full=rng.random() < 0.5)}."
            )
        else:
            paras.append(
                "The provisional agenda was not adopted, having failed to obtain the required "
                f"nine votes. The vote was {vote_sentence(w, votes, full=True)}."
            )
    ranked = sorted(members, key=w.state_rank.index)
    speakers = ranked[: rng.randint(3, 8)] + rng.sample(ranked, 3)
    speakers += w.states.sample(rng, rng.randint(1, 6), exclude=set(members))
    for state in dict.fromkeys(speakers):
        paras.append(_statement(w, rng, state, topic))
    if rng.random() < 0.2:
        votes = _vote_lists(w, rng, members)
        if len(votes["yes"]) >= 9 and not {"chn", "fra", "rus", "gbr", "usa"} & set(votes["no"]):
            res = 2100 + (day.year - 2014) * 60 + n % 60
            paras.append(
                f"The Council adopted resolution {res} ({day.year}) on {phrase} by a vote of "
                f"{vote_sentence(w, votes, full=True)}."
            )
        else:
            paras.append(
                f"The draft resolution on {phrase} was not adopted, owing to the negative vote "
                f"of a permanent member. The vote was {vote_sentence(w, votes, full=True)}."
            )
    minutes = rng.randrange(60, 240)
    paras.append(
        f"The meeting began at 10:{rng.randrange(0, 20):02d} a.m. and ended at "
        f"{(10 + minutes // 60) % 12 or 12}:{minutes % 60:02d} "
        f"{'p.m.' if 10 + minutes // 60 >= 12 else 'a.m.'}"
    )
    return title, title + "\n\n" + "\n\n".join(paras) + "\n", "UN Meetings Coverage"


def _statement(w: World, rng: random.Random, state: str, topic: str) -> str:
    """One delegation's statement: who spoke (three ways of naming them) and what they said."""
    x = rng.random()
    demonyms = getattr(w.ref.by_id(state), "demonyms", ())
    if x < 0.2 and demonyms:
        who = f"The {demonyms[0]} representative"
    elif x < 0.35 and (diplomats := w.diplomats(state)):
        p = diplomats[min(int(rng.paretovariate(1.0)) - 1, len(diplomats) - 1)]
        who = f"{p.name}, {p.role} of {the(w, state)},"
    else:
        who = f"The representative of {the(w, state)}"
    text = f"{who} {clause(w, rng, topic, speaker=state, not_=state)}."
    if rng.random() < 0.35:
        again = clause(w, rng, topic, speaker=state, not_=state)
        text += f" {rng.choice(('He', 'She'))} also {again}."
    return text


def _first_person(
    w: World, rng: random.Random, topic: str, k: int, speaker: str | None = None
) -> str:
    out = []
    for _ in range(k):
        template = rng.choice(FIRST_PERSON[stance_of(rng, speaker)])
        out.append(template.format(t=target(w, rng, topic, not_=speaker)))
    return " ".join(out)


def press_briefing(w: World, rng: random.Random, day: dt.date, n: int) -> tuple[str, str, str]:
    """A mission's press stakeout: MODERATOR, the ambassador, QUESTION turns."""
    topic = w.topics.draw(rng)
    phrase = rng.choice(TOPICS).format(t=the(w, topic))
    state = rng.choice(list(MISSION_POSTS)) if rng.random() < 0.6 else w.states.draw(rng)
    holders = w.ref.holders(MISSION_POSTS[state], day) if state in MISSION_POSTS else []
    if holders:
        name, pid = holders[0].label, holders[0].id
        role = w.ref.by_id(MISSION_POSTS[state]).label
        surname = name.split()[0] if pid in FAMILY_NAME_FIRST else name.split()[-1]
    else:
        diplomats = w.diplomats(state) or [w.by_kind["diplomat"].draw(rng)]
        p: Person = diplomats[0]
        state = p.affiliation
        name, role, surname = p.name, f"{p.role} of {the(w, state)}", p.name.split()[-1]
    publisher = (
        "United States Mission to the United Nations"
        if state == "usa"
        else f"Permanent Mission of {the(w, state)} to the United Nations"
    )
    kind = rng.choice(("Press Stakeout", "Press Briefing", "Press Encounter"))
    title = f"Remarks by Ambassador {name} at a {kind} on {_title(phrase)}"
    label = f"AMBASSADOR {surname.upper()}"
    lines = [title, "", name, role, "New York", _day(day), ""]
    lines.append(
        f"MODERATOR: Good afternoon, everyone. Ambassador {name} will make brief remarks and "
        "then take a few questions."
    )
    lines.append(f"{label}: Thank you. {_first_person(w, rng, topic, rng.randint(3, 6), state)}")
    for i in range(rng.randint(1, 3)):
        j = w.by_kind["journalist"].draw(rng)
        outlet = the(w, j.affiliation)
        lines.append(f"MODERATOR: The {('first', 'next', 'last')[i]} question goes to {j.name} "
                     f"of {outlet[4:] if outlet.startswith('the ') else outlet}.")  # fmt: skip
        question = rng.choice(QUESTIONS).format(t=target(w, rng, topic))
        lines.append(f"QUESTION: Thank you, Ambassador. {question}")
        lines.append(f"{label}: {_first_person(w, rng, topic, rng.randint(1, 3), state)}")
    lines.append("MODERATOR: Thank you, Ambassador. That is all the time we have.")
    return title, "\n\n".join(x for x in lines if x) + "\n", publisher


def ngo_commentary(w: World, rng: random.Random, day: dt.date, n: int) -> tuple[str, str, str]:
    """An NGO's commentary in its own voice, with a quote from its staff."""
    topic = w.topics.draw(rng)
    src, ngo_key = w.ngos.draw(rng)
    ngo = w.name(ngo_key) if src == "ref" else ngo_key
    title = rng.choice(
        [
            f"{w.name(topic)}: Security Council Must Act",
            f"UN: Hold Those Responsible in {w.name(topic)} to Account",
            f"Giving {w.name(topic)} a Free Pass at the Security Council",
        ]
    )
    paras = [title]
    first = rng.choice(("call_for", "concern", "accuse"))
    paras.append(rng.choice(NGO_VOICE[first]).format(ngo=ngo, t=the(w, topic)))
    staff = w.staff(ngo) or [w.by_kind["ngo"].draw(rng)]
    p = staff[min(int(rng.paretovariate(1.0)) - 1, len(staff) - 1)]
    quote = _first_person(w, rng, topic, 1)
    paras.append(f'"{quote}" said {p.name}, {p.role} at {ngo}.')
    for _ in range(rng.randint(2, 5)):
        stance = stance_of(rng)
        who = ngo if rng.random() < 0.6 else "The group"
        paras.append(rng.choice(NGO_VOICE[stance]).format(ngo=who, t=target(w, rng, topic)))
    blockers = w.states.sample(rng, 2)
    paras.append(
        f"{_cap(the(w, blockers[0]))} and {the(w, blockers[1])} have repeatedly blocked "
        f"Council action on {the(w, topic)}."
    )
    paras.append("Donations to our work are tax deductible.")
    return title, "\n\n".join(paras) + "\n", ngo
