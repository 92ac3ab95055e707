"""Sentence templates of the genre, for the benchmark corpus generator (:mod:`corpus`).

Each stance has clauses in the style of UN meeting coverage, mission briefings and NGO
commentary; ``{t}`` is the name of what the clause is about (a state only, or "any" entity),
``{t2}`` the meeting's topic. First-person, NGO and question templates take states. The
clauses use the reporting verbs the extractor knows (``kg/extract/lexicon.py``), so the
documents extract to claims with the intended claimant, stance and targets.

>>> sorted(CLAUSES) == sorted(["concern", "oppose", "support", "accuse", "call_for",
...                            "recommend", "find", "assert"])
True
>>> all("{t}" in c and kind in ("state", "any") for cs in CLAUSES.values() for c, kind in cs)
True
"""

from __future__ import annotations

# third person, past tense ("The representative of X ...")
CLAUSES: dict[str, list[tuple[str, str]]] = {
    "concern": [
        ("expressed concern about the humanitarian situation in {t}", "state"),
        ("expressed deep concern over the reports of arbitrary detention in {t}", "state"),
        ("warned that the crisis in {t} threatened regional stability", "state"),
        ("voiced alarm at the deteriorating situation in {t}", "state"),
        ("deplored the continued attacks on civilians in {t}", "state"),
        ("expressed concern that the measures taken by {t} would deepen divisions", "state"),
        ("expressed concern about the position taken by {t}", "any"),
    ],
    "oppose": [
        (
            "opposed any referral of the situation in {t} to the International Criminal Court",
            "state",
        ),
        ("rejected the draft text on {t} as unbalanced", "state"),
        ("objected to the Council's consideration of the human rights situation in {t}", "state"),
        ("opposed the imposition of further sanctions on {t}", "state"),
        ("rejected the accusations made against {t}", "any"),
    ],
    "support": [
        ("welcomed the efforts of {t} to reach a political settlement", "any"),
        ("commended {t} for its cooperation with the mission", "any"),
        ("welcomed the work of {t}", "any"),
        ("praised the role played by {t} in the negotiations", "any"),
        ("supported the call by {t} for an immediate ceasefire", "any"),
    ],
    "accuse": [
        ("accused {t} of obstructing humanitarian access", "any"),
        ("condemned the missile launches carried out by {t}", "state"),
        ("accused {t} of shielding those responsible from accountability", "any"),
        ("denounced the systematic violations committed by {t}", "state"),
        ("criticized {t} for blocking the Council's action on {t2}", "any"),
    ],
    "call_for": [
        ("called on {t} to release all political prisoners", "any"),
        ("urged {t} to engage in dialogue without preconditions", "any"),
        ("called for accountability for the crimes committed in {t}", "state"),
        ("urged {t} to grant unhindered humanitarian access", "state"),
        ("demanded that {t} comply with its international obligations", "any"),
    ],
    "recommend": [
        (
            "recommended that the Council refer the situation in {t} to the International "
            "Criminal Court",
            "state",
        ),
        ("recommended targeted measures against those responsible for abuses in {t}", "state"),
    ],
    "find": [
        ("found that the authorities of {t} had committed crimes against humanity", "state"),
        ("concluded that the violations in {t} were widespread and systematic", "state"),
        ("documented enforced disappearances perpetrated by {t}", "state"),
    ],
    "assert": [
        (
            "said that the situation in {t} posed a threat to international peace and security",
            "state",
        ),
        ("stressed that the sovereignty of {t} must be respected", "state"),
        ("said that sanctions against {t} had failed to change its conduct", "state"),
        ("underscored the need for genuine engagement with {t}", "state"),
        ("noted that {t} had cooperated with the Special Envoy", "any"),
        ("emphasized that the Council must remain united on {t}", "state"),
    ],
}

# first person plural, present tense, for a speaker's own turns in a press briefing
FIRST_PERSON: dict[str, list[str]] = {
    "concern": [
        "We are deeply concerned about the situation in {t}.",
        "We remain alarmed by the reports coming out of {t}.",
    ],
    "oppose": [
        "We oppose any attempt to shield {t} from scrutiny.",
        "We reject the arguments put forward by {t}.",
    ],
    "support": [
        "We welcome the work of {t}.",
        "We support the efforts of {t} to bring the parties together.",
    ],
    "accuse": [
        "We condemn the attacks carried out by {t}.",
        "We condemn the continued obstruction by {t}.",
    ],
    "call_for": [
        "We call on {t} to stop blocking humanitarian access.",
        "We urge {t} to return to the negotiating table.",
    ],
    "recommend": ["We recommend that the Council refer the situation in {t} to the Court."],
    "find": ["We found that {t} had violated the sanctions regime."],
    "assert": [
        "We believe that the Council has a responsibility to act on {t}.",
        "We think the situation in {t} deserves the attention of the whole membership.",
    ],
}

# an NGO speaking in its own voice (publisher-voice sentences) or quoted
NGO_VOICE: dict[str, list[str]] = {
    "concern": ["{ngo} expressed concern about the fate of detainees in {t}."],
    "oppose": ["{ngo} opposed the planned return of refugees to {t}."],
    "support": ["{ngo} welcomed the decision of {t} to open an investigation."],
    "accuse": ["{ngo} accused {t} of committing war crimes."],
    "call_for": [
        "{ngo} urged {t} to allow independent monitors into the country.",
        "The Security Council should refer the situation in {t} to the International "
        "Criminal Court, {ngo} said today.",
    ],
    "recommend": ["{ngo} recommended targeted sanctions against officials of {t}."],
    "find": ["{ngo} found that forces loyal to {t} had carried out summary executions."],
    "assert": ["{ngo} said that the Council had failed the people of {t}."],
}

QUESTIONS = [
    "Will the Council vote on the draft resolution on {t} this week?",
    "What is your message to {t} after today's meeting?",
    "Do you expect {t} to cooperate with the Special Rapporteur?",
    "Is there any prospect of a unified Council position on {t}?",
]

TOPICS = [
    "the situation in {t}",
    "the humanitarian situation in {t}",
    "the human rights situation in {t}",
    "non-proliferation and {t}",
    "threats to international peace and security caused by {t}",
]

NGO_WORDS = (
    ["Lantern", "Meridian", "Horizon", "Beacon", "Compass", "Harbor", "Summit", "Keystone"]
    + ["Northstar", "Bridgeway", "Open Door", "Clearwater", "Cedar", "Granite", "Silverline"]
    + ["Evergreen", "Atlas", "Lighthouse", "Crossroads", "Riverside"]
)
NGO_KINDS = [
    "Rights Watch",
    "Justice Initiative",
    "Human Rights Network",
    "Centre for Accountability",
] + ["Refugee Alliance", "Humanitarian Forum", "Peace Institute", "Civic Coalition"]
ROLES = [
    "Executive Director",
    "Advocacy Director",
    "United Nations Director",
    "Senior Researcher",
    "Director of Programmes",
]
SURNAME_PARTS = [
    "Ab",
    "Bel",
    "Cor",
    "Dal",
    "Er",
    "Fen",
    "Gar",
    "Hal",
    "Is",
    "Jor",
    "Kal",
    "Lin",
    "Mar",
] + ["Nor", "Os", "Pel", "Quin", "Ros", "Sar", "Tor", "Ul", "Val", "Wen", "Yar", "Zel"]
SURNAME_ENDS = [
    "ani",
    "berg",
    "ova",
    "enko",
    "ez",
    "son",
    "etti",
    "ard",
    "ich",
    "ado",
    "ouri",
    "elli",
]
