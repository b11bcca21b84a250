"""Word lists the extractor shares: verbs of supply and purchase, generic weapon nouns, role words."""

from __future__ import annotations

import re

from factsheet.facts.model import SystemCategory

# Verbs whose subject supplies (active voice): "Norway will supply Ukraine with ...".
SUPPLY_VERB = (
    r"suppl(?:y|ies|ied|ying)|send(?:s|ing)?|sent|deliver(?:s|ed|ing)?|provid(?:e|es|ed|ing)|"
    r"g(?:ive|ives|ave|iven|iving)|transfer(?:s|red|ring)?|ship(?:s|ped|ping)?|export(?:s|ed|ing)?|"
    r"donat(?:e|es|ed|ing)|s(?:ell|ells|old|elling)|pledg(?:e|es|ed|ing)|hand(?:s|ed|ing)? over|"
    r"equip(?:s|ped|ping)?|licen[cs](?:e|es|ed|ing)"
)
# Verbs whose subject receives: "Russia is purchasing ... from North Korea".
PURCHASE_VERB = (
    r"purchas(?:e|es|ed|ing)|b(?:uy|uys|ought|uying)|acquir(?:e|es|ed|ing)|obtain(?:s|ed|ing)?|"
    r"pick(?:s|ed|ing)? up|receiv(?:e|es|ed|ing)|import(?:s|ed|ing)?|order(?:s|ed|ing)?|"
    r"procur(?:e|es|ed|ing)|t(?:ake|akes|ook|aking) delivery of"
)
VERB = re.compile(rf"\b(?:(?P<supply>{SUPPLY_VERB})|(?P<purchase>{PURCHASE_VERB}))\b")
PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+|also\s+|not\s+)?$")
PLANNED_BEFORE = re.compile(
    r"\b(?:will|would|shall|to|plans?|planned|planning|intends?|pledged|promised|set|due|expected|anticipated|"
    r"going|agreed|agrees|agree)\b(?:\s+\w+){0,4}\s*$"
)
AGREED_BEFORE = re.compile(r"\bagree(?:d|s)?\s+to\b(?:\s+\w+){0,2}\s*$")
ENDED_NEAR = re.compile(r"\b(?:no longer|stopped|halted|suspended|ended|cancel(?:l)?ed|ceased)\b")
LICENCE_NEAR = re.compile(r"\blicen[cs](?:e|es|ed|ing)\b")
DELIVERED_FORMS = re.compile(
    r"^(?:sent|delivered|supplied|provided|gave|given|transferred|shipped|exported|donated|handed over|"
    r"picked up|received|took delivery of|equipped)$"
)
AGREED_FORMS = re.compile(r"^(?:sold|bought|purchased|acquired|ordered|procured|obtained|imported)$")
PLANNED_FORMS = re.compile(r"^pledg(?:e|es|ed|ing)$")

# Generic weapon nouns: "artillery shells", "short-range rockets", "micro drones".
_MODIFIER = (
    r"(?:(?:short|medium|long|intermediate)-range|ballistic|cruise|anti-(?:tank|ship|aircraft|radiation)|"
    r"air[- ]defen[cs]e|surface-to-air|kamikaze|attack|combat|reconnaissance|surveillance|micro|nano|"
    r"loitering|guided|precision-guided|heavy|light|hypersonic|\d{2,3}\s?mm)"
)
GENERIC = re.compile(
    rf"\b(?P<mods>(?:{_MODIFIER}[\s-])*)"
    r"(?P<noun>unmanned aerial (?:vehicles|aircraft|systems)|unmanned aircraft|drones|UAVs|loitering munitions|"
    r"artillery (?:shells|rounds|ammunition)|(?:tank|mortar) (?:shells|rounds)|(?<=mm )shells|(?<=mm)shells|"
    r"rockets|missiles|tanks|howitzers)\b"
)
CLASS_MODIFIERS = re.compile(
    r"\b(?:ballistic|cruise|anti-tank|anti-ship|anti-aircraft|anti-radiation|air[- ]defen[cs]e|"
    r"surface-to-air|micro|nano|loitering|kamikaze|hypersonic)\b"
)
QUALIFYING_MODIFIERS = re.compile(rf"\b{_MODIFIER}\b")

# A category noun right after a system's name: "Forpost UAV", "Black Hornet drones".
NAME_TAIL = re.compile(
    r"(?:[\s-]+(?:unmanned aerial (?:vehicles?|aircraft|systems?)|unmanned aircraft|(?:micro |kamikaze )?drones?|"
    r"UAVs?|UAS|loitering munitions?|(?:cruise |ballistic )?missiles?|rockets?|(?:air[- ]defen[cs]e )?systems?|"
    r"tanks?|howitzers?|launchers?|interceptors?|fighting vehicles?|infantry fighting vehicles?|IFVs?|jets?))+"
)
CATEGORY_NOUNS = {
    "micro": SystemCategory.micro_uav,
    "nano": SystemCategory.micro_uav,
    "drone": SystemCategory.uav,
    "uav": SystemCategory.uav,
    "uas": SystemCategory.uav,
    "unmanned": SystemCategory.uav,
    "loitering": SystemCategory.uav,
    "shell": SystemCategory.artillery_ammunition,
    "round": SystemCategory.artillery_ammunition,
    "ammunition": SystemCategory.artillery_ammunition,
    "rocket": SystemCategory.rocket,
    "missile": SystemCategory.missile,
    "interceptor": SystemCategory.missile,
}


def category_of(phrase: str) -> SystemCategory:
    """The system category a noun phrase names: 'micro drones' -> micro UAV, 'tanks' -> other."""
    words = [w.rstrip("s").lower() for w in re.split(r"[\s-]+", phrase) if w]
    for word in words:
        if word in ("micro", "nano"):
            return SystemCategory.micro_uav
    for word in reversed(words):
        if word in CATEGORY_NOUNS:
            return CATEGORY_NOUNS[word]
    for word in words:
        if word in CATEGORY_NOUNS:
            return CATEGORY_NOUNS[word]
    return SystemCategory.other


def compatible(generic: SystemCategory, named: SystemCategory) -> bool:
    """Whether a generic phrase of one category can refer to a named system of another."""
    if generic == named:
        return True
    return generic == SystemCategory.uav and named == SystemCategory.micro_uav


# Words that introduce or qualify a person's role: "military expert", "Defence Secretary".
ROLE_NOUN = (
    r"expert|analyst|minister|secretary|president|chancellor|spokes(?:person|man|woman)|official|general|admiral|"
    r"colonel|commander|chief|director|head|ambassador|advis[eo]r|researcher|fellow|professor|CEO|chair(?:man|woman)?|"
    r"founder|senator|lawmaker|envoy|correspondent|reporter|economist|historian|journalist|negotiator|mayor|"
    r"governor|leader|officer|diplomat|representative|coordinator|commissioner|attach[eé]"
)
ROLE_MODIFIERS = frozenset(
    (
        "military", "defence", "defense", "foreign", "senior", "former", "deputy", "security", "intelligence",
        "press", "national", "prime", "vice", "chief", "top", "interior", "finance", "economy", "trade", "industry",
        "armed", "forces", "army", "navy", "naval", "air", "force", "political", "independent", "retired",
        "executive", "first", "state", "assistant", "regional", "local", "government", "opposition", "research",
        "senior-level", "secretary", "general"
    )
)
QUANTITY = re.compile(
    r"(?P<q>(?:(?:more than|at least|up to|about|around|some|nearly|over)\s+)?"
    r"(?:millions|thousands|hundreds|dozens|tens of thousands|several|a few|(?:\d[\d,.]*|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|a dozen|a hundred|a thousand)(?:\s+(?:thousand|million))?))"
    r"(?:\s+of)?\s+(?:(?:more|additional|further|new|used|the)\s+)?$"
)
