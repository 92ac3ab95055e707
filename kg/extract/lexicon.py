"""Lexicons of UN prose: reporting verbs and their stances, and the phrases that mark a
call, an accusation or a concern in a speaker's own voice.

Everything is in folded form (lower case, no accents, plain quotes) because matching runs on
:func:`kg.extract.text.fold` output. Phrases that need surrounding spaces keep them inside
``|``-separated lists (``" must "``).

>>> CUES["expressed"].lemma, CUES["calling"].lemma
('express', 'call')
>>> verb_forms("urge")
('urge', 'urges', 'urged', 'urging')
"""

from __future__ import annotations

from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> tuple[str, ...]:
    """``|``-separated phrases; a phrase's own leading/trailing spaces are kept."""
    parts = [p for p in " ".join(text.split()).split(" | ")]
    return tuple(p.replace("_", " ") for p in parts if p.strip())


def verb_forms(base: str, past: str | None = None, third: str | None = None) -> tuple:
    """(base, 3rd person, past, -ing) forms of a regular or given irregular verb."""
    if third is None:
        if base.endswith(("s", "sh", "ch", "x", "z")):
            third = base + "es"
        elif base.endswith("y") and base[-2] not in "aeiou":
            third = base[:-1] + "ies"
        else:
            third = base + "s"
    if base.endswith("ie"):
        ing = base[:-2] + "ying"
    elif base.endswith("e") and not base.endswith(("ee", "ye")):
        ing = base[:-1] + "ing"
    elif base in _DOUBLE:
        ing = base + base[-1] + "ing"
    else:
        ing = base + "ing"
    if past is None:
        if base.endswith("e"):
            past = base + "d"
        elif base.endswith("y") and base[-2] not in "aeiou":
            past = base[:-1] + "ied"
        elif base in _DOUBLE:
            past = base + base[-1] + "ed"
        else:
            past = base + "ed"
    return base, third, past, ing


_DOUBLE = {"regret", "commit", "admit", "omit", "submit", "abet"}


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting-verb form: its lemma, default stance and grammatical form."""

    lemma: str
    stance: str  # one of the eight stances, or "resolve" (decided by what follows)
    form: str  # "base", "third", "past", "ing", "noun", "prep"


# stance -> lemmas. "resolve" lemmas get their stance from the words that follow them.
_BY_STANCE = {
    "concern": "lament regret fear deplore warn caution worry",
    "oppose": "oppose object reject block resist refuse disagree dismiss protest boycott veto",
    "support": "welcome support endorse praise commend applaud hail back appreciate salute",
    "accuse": "accuse blame condemn denounce criticize criticise decry castigate slam",
    "call_for": "urge demand appeal implore exhort encourage seek request propose",
    "resolve": (
        "press push call ask establish point describe express voice raise vote hold "
        "charge align draw"
    ),
    "recommend": "recommend",
    "find": "find conclude determine document detail identify confirm",
    "assert": (
        "say state argue note add highlight underscore underline emphasize emphasise "
        "stress assert maintain observe affirm reaffirm reiterate declare claim insist "
        "explain recall tell contend suggest acknowledge announce remark comment mention "
        "indicate believe think predict admit question reply respond report"
    ),
}
_LEMMAS = {lemma: stance for stance, lemmas in _BY_STANCE.items() for lemma in lemmas.split()}
_IRREGULAR = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "find": ("find", "finds", "found", "finding"),
    "seek": ("seek", "seeks", "sought", "seeking"),
    "hold": ("hold", "holds", "held", "holding"),
    "draw": ("draw", "draws", "drew", "drawing"),
    "think": ("think", "thinks", "thought", "thinking"),
    "veto": ("veto", "vetoes", "vetoed", "vetoing"),
}
# Forms too ambiguous as bare words to act as cues (nouns: "support", "report").
_SKIP_FORMS = _words(
    """
    add admit align aligning aligns announcing appeal appeals ask back backs believing block
    blocks boycott call calls charge charges claim claims comment comments concern conclude
    confirm demand demands detail determine document documents draw establish express fear
    fears find finding finds hail hold holding holds identify maintain mention note notes
    object objects observe point points press protest protests push question questions raise
    regret remark replies reply replying report reported reporting reports request requests
    respond responding responds say seek slam state states stating stress support supports
    tell thinking veto voice vote votes welcome worries worry
    """
)
# Third-person forms kept although they look like nouns (commentary: "urges").
_KEEP = _words(
    """
    adds argues calls describes details documents finds notes says stresses tells urges
    warns
    """
)

CUES: dict[str, Cue] = {}
for _lemma, _stance in _LEMMAS.items():
    _forms = _IRREGULAR.get(_lemma) or verb_forms(_lemma)
    for _form_name, _form in zip(("base", "third", "past", "ing"), _forms, strict=True):
        if _form in _SKIP_FORMS and _form not in _KEEP and _form_name != "base":
            continue
        # base forms count only after "we", "I" or "they" (checked by the claim finder)
        CUES.setdefault(_form, Cue(_lemma, _stance, _form_name))
CUES.update(
    {
        "concerned": Cue("concerned", "concern", "past"),
        "alarmed": Cue("alarmed", "concern", "past"),
        "recommendations": Cue("recommend", "recommend", "noun"),
        "recommendation": Cue("recommend", "recommend", "noun"),
        "according to": Cue("accord", "assert", "prep"),
    }
)

# "expressed/voiced/raised <det/adjectives> NOUN": the noun decides the stance.
_EXPRESS_BY_STANCE = {
    "concern": (
        "concern concerns alarm worry worries dismay regret disappointment fear fears "
        "unease apprehension doubt doubts"
    ),
    "accuse": "outrage indignation condemnation",
    "support": (
        "support appreciation gratitude solidarity satisfaction thanks approval "
        "condolences sympathy"
    ),
    "oppose": "opposition objection objections reservations disagreement rejection",
    "assert": "hope view views",
}
EXPRESS_NOUNS = {n: st for st, ns in _EXPRESS_BY_STANCE.items() for n in ns.split()}

EXPRESS_FILLERS = _words(
    """
    a again also an any broad clear continued continuing deep deepest firm full further
    grave great growing her his increasing its mounting my no our particular profound real
    renewed serious shared similar sincere some steadfast strong strongest strongly such the
    their unwavering utmost
    """
)
# Words that may stand between a subject and its verb ("China also called for").
SUBJECT_VERB_FILLERS = _words(
    """
    again all also always bluntly both clearly collectively consistently deeply did do does
    each earlier especially even explicitly firmly forcefully formally frequently further
    gravely had has have herself himself however immediately in itself jointly just later
    likewise meanwhile not often once only openly particularly previously publicly quickly
    repeatedly separately seriously sharply similarly specifically still strongly
    subsequently themselves then therefore thus too turn unanimously vigorously will would
    """
)

PRONOUNS = {
    "he": "single",
    "she": "single",
    "they": "group",
    "it": "thing",
    "we": "speaker",
    "i": "speaker",
}
RELATIVE = frozenset(["that", "which", "who"])
# Unnamed persons who can make claims ("a defector", "a senior official").
UNNAMED_PERSON_NOUNS = _phrases(
    """
    defector | defectors | survivor | survivors | witness | escapee | refugee | activist |
    official | diplomat | spokesperson | spokesman | spokeswoman | expert | analyst |
    briefer | victim | former_detainee | eyewitness
    """
)
# Content words that mark an accusation when nobody else is said to have said it.
WRONGDOING = _phrases(
    """
    atrocit | crimes against humanity | war crime | genocide | torture | oppression |
    exploitation | repressi | forced labo | abduction | assassination | aggression |
    persecution | enslave | extermination | massacre | brutal | totalitarian | dictatorship
    | free pass | scupper | to tank | try to block | tried to block | leaned heavily |
    divert | capitaliz | capitalis
    """
)
# Strong terms that turn a neutral "said" into an accusation.
STRONG_WRONGDOING = _phrases(
    """
    oppression | exploitation | atrocit | crimes against humanity | war crimes | genocide |
    torture | repression of | massacre | persecution | enslave
    """
)
# Marks of concern in a speaker's own voice.
CONCERN_WORDS = _phrases(
    """
    unfortunately | has not improved | have not improved | deteriorat | worsen | alarming |
    troubling | worrying | questions about | regrettabl | dire_ | grave concern | concerned
    | concern_ | concerns
    """
)
# Marks of a call for action in a speaker's own voice.
CALL_WORDS = _phrases(
    """
    _must_ | _should_ | _need_to_ | _needs_to_ | _ought_to_ | long past due | it is time |
    it is critical | so critical | is critical for | is essential | is needed | are needed |
    cannot afford | cannot become complacent | cannot remain | we urge | we call | demand
    the | demands the | should not become | must not | calls on | call on | needed more than
    ever
    """
)
# A sentence that starts like this is talk about the call itself, not a claim.
PROCEDURAL_START = _phrases(
    """
    well, thank | thank | thanks | so thank | good morning | good afternoon | good evening |
    please | let me turn | with that | sorry | i apologize | i apologise | stay tuned | hard
    to say | what was | next question | moderator | operator | yeah | okay | all right
    """
)
# A sentence that contains this is procedural wherever it is said.
PROCEDURAL = _phrases(
    """
    welcome your questions | next question | go ahead | press 1 | your line is open | tune
    into | tune_in_ | more to say | more details | what was your last point | what was the
    last point | embargoed | for your awareness | not for reporting | attributable to |
    can't give you | cannot give you | interested to see | take this opportunity | you'll
    recall | you will recall | thanks for joining | thank you for joining | i apologize |
    thanks for your question
    """
)
