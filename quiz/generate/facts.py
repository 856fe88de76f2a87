"""Named facts from body sentences.

- role + name: `Russia's Foreign Minister Sergei Lavrov`, `Chinese envoy Tang Jiaxuan`,
  `US Secretary of State Condoleezza Rice`, `President Vladimir Putin` (country
  from another mention of the same person or from the dateline city);
- correspondents: `The BBC's John Sudworth in Seoul says ...`;
- acronyms: `Korean Central News Agency (KCNA)` (initials must match);
- member lists: `six-nation negotiations - which include North and South Korea,
  China, Russia, the US and Japan`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quiz.dates import PartialDate
from quiz.generate.clean import HEADING, Document
from quiz.generate.docdate import COUNTRIES
from quiz.generate.extract import split_sentences
from quiz.generate.extract_dates import BULLET, CLOCK_ZONE

ROLE_FACT, AFFILIATION_FACT, ACRONYM_FACT, MEMBERS_FACT = (
    "role",
    "affiliation",
    "acronym",
    "members",
)

ROLES = (
    "deputy prime minister",
    "prime minister",
    "secretary of state",
    "secretary-general",
    "secretary general",
    "foreign minister",
    "foreign secretary",
    "defence minister",
    "defense minister",
    "defence secretary",
    "defense secretary",
    "finance minister",
    "interior minister",
    "home secretary",
    "trade minister",
    "energy minister",
    "chief executive",
    "vice-president",
    "vice president",
    "special envoy",
    "chief negotiator",
    "nuclear envoy",
    "president",
    "chancellor",
    "premier",
    "king",
    "queen",
    "emperor",
    "leader",
    "envoy",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "negotiator",
    "minister",
    "governor",
    "mayor",
    "senator",
    "commander",
    "chairman",
    "chairwoman",
    "director",
    "general secretary",
    "director general",
    "high commissioner",
    "commissioner",
    "secretary",
    "director-general",
    "head",
    "pope",
    "chief",
    "taoiseach",
)
_ROLE_RE = re.compile(
    r"\b(?P<role>"
    + "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in sorted(ROLES, key=len, reverse=True))
    + r")\b",
    re.I,
)
# `former President X`, `the late King Y`, `then-Secretary Z`: not who holds the post now
_PAST_HOLDER = re.compile(r"\b(?:former|late|ex|then|outgoing|previous)\b[\s-]+\S*\s*\S*\s*$", re.I)
_TOKEN = (
    r"(?:[A-Z]'[A-Z][a-z]+|(?:[A-Z][a-z]{1,2})?[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?"
    r"|(?:al|el|ad|as|ash|bin|ibn|abu)-[A-Z][a-z]+)"  # `ElBaradei`, `McCain`, `al-Bashir`
)
NOT_NAME = {
    "the",
    "a",
    "an",
    "and",
    "but",
    "mr",
    "mrs",
    "ms",
    "dr",
    "in",
    "on",
    "of",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "president",
    "minister",
    "leader",
    "envoy",
    "secretary",
    "state",
    "foreign",
    "prime",
    "says",
    "said",
    "north",
    "south",
    "east",
    "west",
    "new",
    "united",
    "council",
    "security",
    "talks",
    "news",
    "agency",
    "ministry",
    "government",
    "party",
    "republic",
    "korea",
    "china",
    "russia",
    "japan",
    "states",
    "national",
    "international",
    "nations",
    "union",
    "house",
}
# `Jaap de Hoop Scheffer`, `Frederik Willem de Klerk`, `Ludwig van Beethoven`
_PARTICLE = r"(?:(?:de|van|von|der|den|da|di|du|del|della|le|la|ter|ten)\s+){0,2}"
_NAME = re.compile(rf"(?P<name>{_TOKEN}(?:\s+(?:[A-Z]\.\s+)?{_PARTICLE}{_TOKEN}){{1,3}})")
_SURNAME = re.compile(rf"(?P<name>{_TOKEN})\b")
_QUAL_POSS = re.compile(
    r"(?:^|[\s(])(?:the\s+|The\s+)?(?P<q>(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*)'s\s+$"
)
_QUAL_ADJ = re.compile(r"(?:^|[\s(])(?P<q>(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*)\s+$")
_NATIONALITY = re.compile(
    r"(?:an|ian|ese|ish|i|ic|ch|ean|US|U\.S\.|UK|U\.K\.|UN|U\.N\.|EU|[A-Z]{2,6}"
    # demonyms without the usual endings (`Kazakh Foreign Minister`, `Uzbek President`)
    r"|^(?:Kazakh|Uzbek|Tajik|Kyrgyz|Turkmen|Afghan|Thai|Czech|Greek|Dutch|Swiss|Welsh|Serb|"
    r"Croat|Slovak|Kurd|Turk|Lao|Khmer|Maltese|Basque|Soviet))$"
)
_SENTENCE_WORDS = {
    "the",
    "a",
    "an",
    "yesterday",
    "today",
    "on",
    "in",
    "but",
    "and",
    "meanwhile",
    "last",
    "this",
    "mr",
    "when",
    "while",
    "after",
    "before",
    "then",
    "also",
    "as",
}

COUNTRY_ALIASES = {
    "european union": "eu",
    "e u": "eu",
    "united states": "us",
    "u s": "us",
    "america": "us",
    "american": "us",
    "usa": "us",
    "united kingdom": "uk",
    "britain": "uk",
    "british": "uk",
    "great britain": "uk",
    "u k": "uk",
    "united nations": "un",
    "u n": "un",
}


@dataclass(slots=True)
class FactCand:
    kind: str
    doc: str
    line: int
    subject: str
    """The person / expansion / group: what `prompt` asks for."""
    value: str
    """Role phrase / acronym / member list."""
    qualifier: str | None = None
    """`Russia` (possessive) or `North Korean` (adjective) for roles, org for affiliations."""
    possessive: bool = False
    role: str | None = None
    place: str | None = None
    members: frozenset[str] = field(default_factory=frozenset)
    surname_only: bool = False
    when: PartialDate | None = None
    """The date the fact holds at, when it comes from a dated timeline entry."""


_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def norm_key(text: str) -> str:
    text = text.lower().replace("'s", "").replace("\u2019s", "")
    return " ".join(_NON_ALNUM.sub(" ", text).split())


def country_key(text: str | None) -> str:
    if not text:
        return ""
    k = norm_key(text)
    k = COUNTRY_ALIASES.get(k, k)
    return k.replace(" ", "")


def qualifiers_compatible(a: str | None, b: str | None) -> bool:
    """`Russia` ~ `Russian`, `North Korea` ~ `North Korean`, `US` ~ `U.S.` ~ `United States`."""
    ka, kb = country_key(a), country_key(b)
    if not ka or not kb:
        return True
    n = min(len(ka), len(kb), 5)
    if ka[:n] == kb[:n] and abs(len(ka) - len(kb)) <= 3:
        return True
    # `Afghan` ~ `Afghanistan`, `Uzbek` ~ `Uzbekistan`
    short, long_ = sorted((ka, kb), key=len)
    return len(short) >= 5 and long_.startswith(short) and len(long_) - len(short) <= 5


def _name_at(text: str) -> str | None:
    m = _NAME.match(text)
    if not m:
        return None
    toks = m.group("name").split()
    while toks and toks[-1].lower() in NOT_NAME:
        toks.pop()
    if len(toks) < 2 or any(t.lower() in NOT_NAME for t in toks):
        return None
    return " ".join(toks)


def _qualifier(before: str) -> tuple[str | None, bool]:
    m = _QUAL_POSS.search(before)
    if m:
        q = m.group("q")
        toks = q.split()
        while toks and toks[0].lower() in _SENTENCE_WORDS:
            toks.pop(0)
        if toks:
            return " ".join(toks), True
    m = _QUAL_ADJ.search(before)
    if m:
        toks = m.group("q").split()
        while toks and toks[0].lower() in _SENTENCE_WORDS:
            toks.pop(0)
        if toks and _NATIONALITY.search(toks[-1]) and toks[-1].lower() not in _SENTENCE_WORDS:
            return " ".join(toks), False
        if toks and (toks[-1] in COUNTRIES or " ".join(toks[-2:]) in COUNTRIES):
            return (toks[-1] if toks[-1] in COUNTRIES else " ".join(toks[-2:])), False
        # `the United Nations Secretary-General`, `the European Union envoy`
        if len(toks) >= 2 and norm_key(" ".join(toks[-2:])) in COUNTRY_ALIASES:
            return " ".join(toks[-2:]), False
        # `The Democratic Unionist Party (DUP) leader`: a named body
        if len(toks) >= 2 and toks[-1] in _BODY_WORDS and toks[0].lower() not in NOT_NAME:
            return " ".join(toks), False
    return None, False


_BODY_WORDS = {
    "Party", "Union", "League", "Council", "Commission", "Agency", "Organisation",
    "Organization", "Front", "Movement", "Congress", "Association", "Bank", "Fund",
    "Court", "Committee", "Alliance",
}


_MODIFIERS = re.compile(
    r"(?:\b(?:chief|top|senior|deputy|special|acting|interim|caretaker|incoming|former|nuclear|"
    r"military|foreign|defence|defense|trade|energy|policy|security)\s+){1,2}$",
    re.I,
)
_ORG_BEFORE = re.compile(r"(?:^|(?<=\s))(?P<q>(?:[A-Z][\w'-]+\s+){1,3})$")
_PAREN_ACR = re.compile(r"\s*\([A-Z][A-Z0-9&.]{1,9}\)\s*$")
_CAP_BEFORE = re.compile(r"(?:^|(?<=\s))([A-Z][A-Za-z-]+)\s+$")


def role_mentions(text: str) -> list[tuple[str, str | None, bool, str, int]]:
    """(role, qualifier, possessive, following text, offset) for every role word in `text`.

    The role grows leftwards over modifiers (`chief nuclear negotiator`) and
    capitalised words that are not a country (`Senate Majority Leader`).
    """
    out = []
    for m in _ROLE_RE.finditer(text):
        start = m.start()
        base = max(0, start - 40)
        mod = _MODIFIERS.search(text, base, start)
        if mod:
            start = mod.start()
        while True:
            base = max(0, start - 30)
            cap = _CAP_BEFORE.search(text[base:start])
            if cap is None:
                break
            tok = cap.group(1)
            cstart = base + cap.start(1)
            if cap.start(1) == 0 and base > 0 and not text[base - 1].isspace():
                break  # the window cut a word
            prev = text[:cstart].rstrip()[-1:]
            if (
                _NATIONALITY.search(tok)
                or tok in COUNTRIES
                or tok.lower() in _SENTENCE_WORDS
                or tok.lower() in NOT_NAME
                or (
                    prev
                    and prev in '.:-–—("'
                    and not re.search(r"(?:^|\s)(?:[A-Z]\.){2,}$", text[:cstart].rstrip())
                )
            ):
                break
            start = cstart
        role = " ".join(text[start : m.end()].split())
        q, poss = _qualifier(_PAREN_ACR.sub(" ", text[max(0, start - 60) : start]))
        if q is None and text[start:start + 1].islower():
            # `Sinn Féin president Gerry Adams`, `Taliban spokesman X`: a named body
            # right before a lowercase role word
            ob = _ORG_BEFORE.search(text[max(0, start - 40) : start])
            if ob is not None:
                toks = ob.group("q").split()
                if not any(t.lower() in _SENTENCE_WORDS or t.lower() in NOT_NAME for t in toks):
                    q, poss = " ".join(toks), False
        out.append((role, q, poss, text[m.end() :], start))
    return out


_APPOSITION = re.compile(
    rf"(?:^|\s)(?P<name>{_TOKEN}(?:\s+(?:[A-Z]\.\s+)?{_PARTICLE}{_TOKEN}){{1,2}}),\s+(?:the\s+)?"
    r"(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*(?:'s)?\s+$"
)
_APPOSITION_END = re.compile(r"\s*(?:,|;|\.$|\s+(?:said|says|told|added)\b)")


# `High Commissioner for Human Rights`, `Secretary of State for South and Central Asia`
_ROLE_COMPL = re.compile(
    r"^\s+(?:for|of|in|to)\s+(?:the\s+)?[A-Z][\w'.-]*(?:\s+(?:and\s+|of\s+|for\s+|the\s+)*[A-Z][\w'.-]*)*"
)
# US style after the name: `Mayor Michael R. Bloomberg of New York`,
# `Senator Kirsten Gillibrand, Democrat of New York`
_US_PLACE = re.compile(
    r"^(?:\s+of|,\s+(?:a\s+)?(?:Democrat|Republican|Independent)\s+(?:of|from))\s+"
    r"(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})\b"
)


# `The top U.S. commander in Afghanistan, Gen. David Petraeus, said ...`: the name in
# apposition after the role
_NAME_AFTER = re.compile(
    r"^,\s+(?:(?:Gen|Adm|Col|Lt|Maj|Capt|Sgt|Dr|Sen|Rep|Gov|Amb)\.\s+"
    r"|(?:the\s+)?(?:Rev|Revd|Sir|Dame|Lord|Lady|Dr|General|Admiral|Colonel)\.?\s+)?"
    rf"(?P<name>{_TOKEN}(?:\s+(?:[A-Z]\.\s+)?{_PARTICLE}{_TOKEN}){{1,2}})\s*,"
)


def _split_compl(compl: str) -> tuple[str, str] | None:
    """`for Human Rights Navi Pillay` -> (`for Human Rights`, `Navi Pillay`): the last
    two (or three, with an initial) capitalised words are the name."""
    toks = compl.split()
    n = 3 if len(toks) >= 3 and re.fullmatch(r"[A-Z]\.", toks[-2]) else 2
    if len(toks) < n + 2:
        return None
    head, name = toks[:-n], " ".join(toks[-n:])
    if not head[-1][:1].isupper() or head[-1].lower() in _SMALL:
        return None
    if _name_at(name) != name:
        return None
    return " ".join(head), name


def _role_facts(doc: Document, sentence: str, line: int) -> list[FactCand]:
    out = []
    for role, qual, poss, after, pos in role_mentions(sentence):
        orig_after = after
        compl = _ROLE_COMPL.match(after)
        if compl is not None:
            rest = after[compl.end() :]
            split = None if rest.lstrip()[:1] in (",", ";") else _split_compl(compl.group(0))
            if split is not None:  # `... for Human Rights Navi Pillay said`
                role = role + " " + split[0]
                after = " " + split[1] + rest
            elif qual and _APPOSITION_END.match(rest):  # `X, the U.S. Secretary of ..., said`
                role, after = role + " " + " ".join(compl.group(0).split()), rest
        na = _NAME_AFTER.match(orig_after[compl.end() :] if compl else orig_after) if qual else None
        if na is not None and _name_at(na.group("name")) == na.group("name"):
            if compl is not None and not role.endswith(" ".join(compl.group(0).split())):
                role = role + " " + " ".join(compl.group(0).split())
            if not _PAST_HOLDER.search(sentence[max(0, pos - 30) : pos] + " "):
                out.append(
                    FactCand(
                        ROLE_FACT, doc.name, line, na.group("name"), role, qual, poss, role=role
                    )
                )
            continue
        if _PAST_HOLDER.search(sentence[max(0, pos - 30) : pos] + " ") or _PAST_HOLDER.match(
            role.split()[0] + " "
        ):
            continue
        if qual and _APPOSITION_END.match(after):
            # `Sergei Lavrov, Russia's foreign minister, said ...`
            ap = _APPOSITION.search(sentence[max(0, pos - 90) : pos])
            if ap:
                ap_name = _name_at(ap.group("name"))
                if ap_name is not None and ap_name == ap.group("name"):
                    out.append(
                        FactCand(ROLE_FACT, doc.name, line, ap_name, role, qual, poss, role=role)
                    )
            continue
        after = after.lstrip()
        if not after or after[0] in ",;:" or not after[:1].isupper():
            continue
        name = _name_at(after)
        if name is None:
            sm = _SURNAME.match(after)
            if sm and sm.group("name").lower() not in NOT_NAME:
                out.append(
                    FactCand(
                        ROLE_FACT,
                        doc.name,
                        line,
                        sm.group("name"),
                        role,
                        qual,
                        poss,
                        role=role,
                        surname_only=True,
                    )
                )
            continue
        if qual is None:
            us = _US_PLACE.match(after[after.find(name) + len(name) :])
            if us is not None:
                qual, poss = us.group("place"), True
        out.append(FactCand(ROLE_FACT, doc.name, line, name, role, qual, poss, role=role))
    return out


_AFFIL = re.compile(
    rf"(?:^|\s)(?:[Tt]he\s+)?(?P<org>[A-Z][A-Za-z&.]{{1,12}}(?:\s+[A-Z][A-Za-z&.]+)?)'s\s+(?P<name>{_TOKEN}\s+{_TOKEN})"
    rf"(?:,\s+)?\s+in\s+(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?),?\s+(?:says|said|reports|reported|writes|wrote)\b"
)
_MEDIA = re.compile(
    r"^(?:[A-Z]{2,6}|.*\b(?:News|Times|Post|Journal|Radio|TV|Television|Agency|Press|Herald|Guardian|Telegraph))$"
)


def _affiliation_facts(doc: Document, sentence: str, line: int) -> list[FactCand]:
    out = []
    for m in _AFFIL.finditer(sentence):
        org = m.group("org")
        if not _MEDIA.match(org) or _name_at(m.group("name")) is None:
            continue
        out.append(
            FactCand(
                AFFILIATION_FACT,
                doc.name,
                line,
                m.group("name"),
                f"{org} correspondent in {m.group('place')}",
                org,
                True,
                role="correspondent",
                place=m.group("place"),
            )
        )
    return out


_ACRONYM = re.compile(r"\((?P<acr>[A-Z][A-Z0-9&.]{1,9})\)")
_SMALL = {"of", "and", "for", "the", "on", "in", "to", "de", "&", "du", "des", "la"}


def _spells(letters: str, words: list[str]) -> bool:
    """`SACEUR` from `Supreme Allied Commander Europe`: every word gives its first one to
    three letters, in order, and together they spell the acronym."""
    if not words:
        return not letters
    w = words[0].upper()
    for k in (1, 2, 3):
        if k > len(w) or k > len(letters):
            break
        if letters[:k] == w[:k] and _spells(letters[k:], words[1:]):
            return True
    return False


_DEMONYM_END = re.compile(r"(?:an|ian|ese|ish|i)$")


def _extend_expansion(toks: list[str], n_picked: int, sentence_start: bool) -> int:
    """`Provisional Irish Republican Army (IRA)`: one capitalised word glued to the left of
    the expansion (not a sentence word, country, demonym or possessive) belongs to the name."""
    i = len(toks) - n_picked - 1
    if i < 0:
        return n_picked
    tok = toks[i]
    if (
        tok[:1].isupper()
        and tok[1:].islower()
        and len(tok) > 3
        and "'" not in tok
        and tok.lower() not in _SENTENCE_WORDS
        and tok.lower() not in NOT_NAME
        and tok not in COUNTRIES
        and not _DEMONYM_END.search(tok)
        and not _ROLE_RE.fullmatch(tok)
        and (i == 0 or toks[i - 1].lower() in ("the", "a", "an") or not sentence_start)
        and (i == 0 or not toks[i - 1][:1].isupper() or toks[i - 1].lower() == "the")
    ):
        return n_picked + 1
    return n_picked


def _expansion_before(before: str, acr: str) -> str | None:
    letters = acr.replace(".", "").replace("&", "")
    toks = re.findall(r"[\w'-]+|&", before)
    # walk back until the initials of the capitalised words spell the acronym
    caps: list[str] = []
    picked: list[str] = []
    for tok in reversed(toks[-12:]):
        picked.insert(0, tok)
        if tok.lower() in _SMALL and caps:
            continue
        if re.match(r"^[a-z]{1,2}'[A-Z]", tok):
            tok = tok[tok.index("'") + 1 :]  # `d'Ivoire` counts as I
        if not tok[:1].isupper():
            break
        caps.insert(0, tok)
        initials = "".join(t[0] for t in caps).upper()
        if initials == letters.upper() or (
            len(caps) >= 3 and len(letters) > len(caps) and _spells(letters.upper(), caps)
        ):
            while picked and picked[0].lower() in _SMALL:
                picked.pop(0)
            n = _extend_expansion(toks, len(picked), True)
            expansion = " ".join(toks[len(toks) - n :]) if n > len(picked) else " ".join(picked)
            if expansion.lower() != acr.lower():
                return expansion
            return None
        if len(initials) >= len(letters) + 2:
            break
    return None


def _expansion_after(inside: str, acr: str) -> str | None:
    """`NATO (North Atlantic Treaty Organisation)`: the whole parenthesis spells the acronym."""
    toks = re.findall(r"[\w'-]+|&", inside)
    caps = [t for t in toks if t.lower() not in _SMALL]
    if len(caps) < 2 or len(toks) > 10 or not all(t[:1].isupper() for t in caps):
        return None
    letters = acr.replace(".", "").replace("&", "").upper()
    if "".join(t[0] for t in caps).upper() == letters or (
        len(caps) >= 3 and _spells(letters, caps)
    ):
        return " ".join(toks)
    return None


_ACRONYM_FIRST = re.compile(r"\b(?P<acr>[A-Z][A-Z0-9&]{1,9})\s+\((?P<exp>[A-Z][^()]{3,80})\)")
# `the International Atomic Energy Agency, or IAEA,`
_OR_ACRONYM = re.compile(r",?\s+or\s+(?:the\s+)?(?P<acr>[A-Z][A-Z0-9&]{1,9})\b(?=\s*[,.;)]|\s*$)")


def _acronym_facts(doc: Document, sentence: str, line: int) -> list[FactCand]:
    out: list[FactCand] = []
    if "(" in sentence:
        for m in _ACRONYM.finditer(sentence):
            acr = m.group("acr")
            letters = acr.replace(".", "").replace("&", "")
            if len(letters) < 2 or not letters.isupper() and not letters.isalnum():
                continue
            exp = _expansion_before(sentence[: m.start()].rstrip(), acr)
            if exp is not None:
                out.append(FactCand(ACRONYM_FACT, doc.name, line, exp, acr))
        for m in _ACRONYM_FIRST.finditer(sentence):
            exp = _expansion_after(m.group("exp"), m.group("acr"))
            if exp is not None:
                out.append(FactCand(ACRONYM_FACT, doc.name, line, exp, m.group("acr")))
    if " or " in sentence:
        for m in _OR_ACRONYM.finditer(sentence):
            exp = _expansion_before(sentence[: m.start()].rstrip(), m.group("acr"))
            if exp is not None:
                out.append(FactCand(ACRONYM_FACT, doc.name, line, exp, m.group("acr")))
    return out


_MEMBERS = re.compile(
    r"(?P<subj>(?:[\w-]+\s+){0,3}[\w-]+)(?:\s*\([A-Z][A-Z0-9&.]{1,9}\))?\s*(?:,|\s[-–—]|\()\s*"
    r"(?:which|that|who)?\s*"
    r"(?:include[sd]?|including|involving|involve[sd]?|comprising|comprises?|"
    r"made up of|consisting of|groups|grouping|brings together|bringing together)\s+"
    r"(?P<list>[^.;()\-–—]+)"
)
_ITEM = re.compile(r"^(?:the\s+)?(?:[A-Z][\w.'-]*)(?:\s+[A-Z][\w.'-]*)*$")


def split_members(text: str) -> tuple[str, list[str]] | None:
    """`North and South Korea, China, Russia, the US and Japan` -> (that text, normalised items)."""
    parts = [p.strip() for p in text.split(",")]
    items: list[str] = []
    shown: list[str] = []
    for i, part in enumerate(parts):
        sub = re.split(r"\s+and\s+", part)
        last = i == len(parts) - 1 or len(sub) > 1 and i > 0
        for s in sub:
            s = s.strip()
            if not _ITEM.match(s):
                if items and len(items) >= 3:
                    return ", ".join(shown), items
                return None
            items.append(s)
        shown.append(part)
        if len(sub) > 1 and i > 0:
            break
        if last:
            break
    if len(items) < 3:
        return None
    return ", ".join(shown), items


def member_keys(items: list[str]) -> frozenset[str]:
    keys: list[str] = []
    for i, item in enumerate(items):
        k = norm_key(re.sub(r"^the\s+", "", item))
        if len(k.split()) == 1 and i + 1 < len(items) and k in ("north", "south", "east", "west"):
            nxt = norm_key(items[i + 1]).split()
            if len(nxt) == 2:
                k = f"{k} {nxt[1]}"  # `North and South Korea`
        keys.append(country_key(k) or k)
    return frozenset(keys)


_MEMBER_TRIGGER = re.compile(
    r"includ|involv|compris|made up of|consisting of|groups|grouping"
    r"|brings? together|bringing together"
)


def _member_facts(doc: Document, sentence: str, line: int) -> list[FactCand]:
    out: list[FactCand] = []
    if not _MEMBER_TRIGGER.search(sentence):
        return out
    for m in _MEMBERS.finditer(sentence):
        subj_words = m.group("subj").split()
        while subj_words and (
            subj_words[0].lower()
            in ("the", "to", "of", "in", "on", "a", "an", "with", "and", "for")
            or subj_words[0].islower()
            and not any(ch in subj_words[0] for ch in "-")
            and len(subj_words) > 2
        ):
            subj_words.pop(0)
        cut = [
            i
            for i, w in enumerate(subj_words)
            if w.lower() in ("to", "the", "of", "in", "on", "with", "for")
        ]
        if cut:
            subj_words = subj_words[cut[-1] + 1 :]
        if not subj_words or len(subj_words) > 4:
            continue
        subject = " ".join(subj_words)
        if subject[:1].isupper() and len(subj_words) == 1:
            continue
        parsed = split_members(m.group("list").strip())
        if parsed is None:
            continue
        shown, items = parsed
        out.append(
            FactCand(MEMBERS_FACT, doc.name, line, subject, shown, members=member_keys(items))
        )
    return out


_DASH_LIST = re.compile(
    r"(?P<subj>(?:[\w-]+\s+){0,3}[\w-]+)\s+[-–—]\s+(?P<list>(?:the\s+)?[A-Z][^-–—.;()]+?)\s+[-–—]\s"
)
_LIST_SUBJ_CUT = {"to", "the", "of", "in", "on", "with", "for", "and", "between", "among", "by"}


def _dash_member_facts(doc: Document, sentence: str, line: int) -> list[FactCand]:
    """`The Contact Group - the United States, Britain, ... and Russia - has been ...`,
    `six world powers — the United States, Russia, ... and Germany — ended ...`:
    a plural group followed by a dash aside that is nothing but a list of names."""
    out: list[FactCand] = []
    if "," not in sentence:
        return out
    for m in _DASH_LIST.finditer(sentence):
        ws = m.group("subj").split()
        cut = [i for i, w in enumerate(ws) if w.lower() in _LIST_SUBJ_CUT]
        if cut:
            ws = ws[cut[-1] + 1 :]
        if not ws or len(ws) > 4 or not (ws[-1].endswith("s") or ws[-1][:1].isupper()):
            continue
        if len(ws) == 1 and ws[0][:1].isupper():
            continue
        parsed = split_members(m.group("list").strip())
        if parsed is None or len(parsed[0]) < len(m.group("list").strip()) - 1:
            continue  # the aside must be the list and nothing else
        shown, items = parsed
        out.append(
            FactCand(MEMBERS_FACT, doc.name, line, " ".join(ws), shown, members=member_keys(items))
        )
    return out


_ROLE_WORDS_OF = (
    r"(?:secretary|head|chairman|chairwoman|director(?:[\s-]+general)?|chief(?:\s+executive)?|leader|"
    r"president|governor|commander|spokesman|spokeswoman|founder|(?:prime\s+)?minister|"
    r"ambassador|envoy|executive|officer|secretary[\s-]+general|chief\s+executive)"
)
_ORG_OF = (
    r"\s+(?:of|to)\s+(?:the\s+)?(?P<org>[A-Z][\w'.-]*(?:\s+(?:of\s+|for\s+|and\s+|the\s+)*"
    r"[A-Z][\w'.-]*){0,6}"
    # `President of the Russian republic`: an adjective and the body it qualifies
    r"(?:(?<=an|sh|se)\s+(?:republic|government|parliament|army|region|state|federation|"
    r"authorities|party|embassy|navy|military|province|empire|union)\b)?)"
)
# `Ali Larijani, the secretary of Iran's ...,`, `Peter Voser, chief executive of Royal
# Dutch Shell,`, `Anders Fogh Rasmussen, the Prime Minister of Denmark,`
_ROLE_OF = re.compile(
    rf"(?:^|\s)(?P<name>{_TOKEN}(?:\s+(?:[A-Z]\.\s+)?{_PARTICLE}{_TOKEN}){{1,3}}),\s+(?:the\s+)?"
    rf"(?P<role>(?:[a-z]+\s+){{0,2}}(?i:{_ROLE_WORDS_OF}){_ORG_OF}),"
)
# `the chief executive of Royal Dutch Shell, Jeroen van der Veer, said`
_ROLE_OF_NAME = re.compile(
    rf"(?:^|\s)(?:[Tt]he\s+|[Ii]ts\s+)?(?P<role>(?:[a-z]+\s+){{0,2}}(?i:{_ROLE_WORDS_OF}){_ORG_OF}),\s+"
    r"(?:(?:the\s+)?(?:Rev|Sir|Dame|Lord|Lady|Dr|General|Gen\.|Admiral|Colonel)\.?\s+)?"
    rf"(?P<name>{_TOKEN}(?:\s+(?:[A-Z]\.\s+)?{_PARTICLE}{_TOKEN}){{1,3}})\s*,"
)
_APPOINTED = re.compile(
    rf"(?P<name>{_TOKEN}(?:\s+(?:[A-Z]\.\s+)?{_TOKEN}){{1,3}})\s+(?:was|has\s+been|had\s+been)\s+"
    r"(?:appointed|named|elected|chosen|sworn\s+in)\s+(?:as\s+)?(?:the\s+)?"
    r"(?P<q>[A-Z][\w.-]*\s+)?(?P<role>(?:[a-z]+\s+){0,2}"
    r"(?:envoy|president|minister|secretary|ambassador|governor|director|chairman|commander|leader|"
    r"head|chief|prime\s+minister)"
    r"(?:\s+(?:for|of|to)\s+(?:the\s+)?[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3})?)"
)


# `The head of the commission, General John de Chastelain, said` / `X, the head of the
# agency, said`: `the commission` is the one body named earlier on the page with that word
_HONORIFIC = r"(?:(?:the\s+)?(?:Rev|Sir|Dame|Lord|Lady|Dr|General|Gen\.|Admiral|Colonel)\.?\s+)?"
_DEF_ROLE = rf"(?P<role>(?:[a-z]+\s+){{0,2}}(?i:{_ROLE_WORDS_OF}))\s+of\s+the\s+(?P<noun>[a-z]{{4,}})"
_NAME_RX = rf"(?P<name>{_TOKEN}(?:\s+(?:[A-Z]\.\s+)?{_PARTICLE}{_TOKEN}){{1,3}})"
_DEF_ROLE_NAME = re.compile(rf"(?:^|\s)[Tt]he\s+{_DEF_ROLE},\s+{_HONORIFIC}{_NAME_RX}\s*,")
_NAME_DEF_ROLE = re.compile(rf"(?:^|\s){_NAME_RX},\s+the\s+{_DEF_ROLE},")


def _definite_roles(sentence: str) -> list[tuple[str, str, str]]:
    out = []
    for rx in (_DEF_ROLE_NAME, _NAME_DEF_ROLE):
        for m in rx.finditer(sentence):
            name = _name_at(m.group("name"))
            role = _clean_role(m.group("role"))
            if name is not None and role is not None:
                out.append((name, role, m.group("noun")))
    return out


_PAST_WORD = re.compile(r"^(?:former|late|ex|then|outgoing|previous)\b", re.I)


def _clean_role(text: str) -> str | None:
    """The role phrase without a sentence's closing dot; None for a past holder's."""
    role = " ".join(text.split())
    role = re.sub(r"^(?:now|currently|still|also)\s+", "", role)  # `X, now President of Russia,`
    if role.endswith(".") and not re.search(r"(?:^|\s)(?:[A-Z]\.)+$", role):
        role = role[:-1]
    return None if _PAST_WORD.match(role) else role


def _role_phrase_facts(doc: Document, sentence: str, line: int) -> list[FactCand]:
    """`Ali Larijani, the secretary of Iran's Supreme National Security Council, said`
    and `Martti Ahtisaari was appointed UN special envoy for Kosovo`: the whole
    phrase is the role (it names its own organisation, so no country is needed)."""
    out: list[FactCand] = []
    for rx in (_ROLE_OF, _APPOINTED, _ROLE_OF_NAME):
        for m in rx.finditer(sentence):
            if _PAST_HOLDER.search(sentence[max(0, m.start("role") - 30) : m.start("role")] + " "):
                continue
            org = m.groupdict().get("org")
            if org is not None and len(org) < 2:
                continue
            toks = m.group("name").split()
            name = None
            while len(toks) >= 2 and name is None:  # `Former Finnish President Martti Ahtisaari`
                name = _name_at(" ".join(toks))
                toks.pop(0)
            if name is None:
                continue
            q = (m.groupdict().get("q") or "").strip()
            role = _clean_role(m.group("role"))
            if role is None:
                continue
            if q and q.lower() in _SENTENCE_WORDS:
                q = ""
            out.append(FactCand(ROLE_FACT, doc.name, line, name, role, q, False, role=role))
    return out


# `In 1994 he was elected the first black President of South Africa`
_PRONOUN_POST = re.compile(
    r"^(?:(?:In|By|On)\s+(?:\w+\s+){0,2}\d{4},?\s+)?(?:[Hh]e|[Ss]he)\s+"
    r"(?:was\s+(?:elected|appointed|named|chosen|sworn\s+in\s+as)|became)\s+(?:as\s+)?(?:the\s+)?"
    rf"(?P<role>(?:[a-z]+\s+){{0,3}}(?i:{_ROLE_WORDS_OF}){_ORG_OF})"
)


def _sentence_subject(s: str, people: dict[str, str]) -> str | None:
    """The person a sentence starts with (`Nelson Mandela (...) was`, `Mandela and de Klerk`):
    who a later `he`/`she` means."""
    full = _name_at(s)
    if full is not None and _NAME_AFTER_OK.match(s[len(full) :]):
        people[norm_key(full).split()[-1]] = full
        return full
    m = _SURNAME.match(s)
    if m is not None:
        return people.get(m.group("name").lower())
    return None


_NAME_AFTER_OK = re.compile(r"^(?:\s*\(|\s+(?:was|is|had|has|and|became|\w+ed)\b|,)")
_BACKREF = re.compile(
    r"\b(?:(?:that|the same)\s+(?:day|week|month|year)|at the time|then|had\s+(?:been\s+)?\w+ed)\b"
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b(?!" + CLOCK_ZONE + ")")


def extract_facts(doc: Document) -> list[FactCand]:
    out: list[FactCand] = []
    page_year = doc.date.year if doc.date is not None else None
    people: dict[str, str] = {}
    pending: list[tuple[str, str, str, int]] = []
    last_person: str | None = None
    for para in doc.paragraphs:
        year = None
        for sent in split_sentences(para):
            s = sent.text
            roles = _role_facts(doc, s, sent.line) + _role_phrase_facts(doc, s, sent.line)
            if " of the " in s:
                pending += [(n, r, noun, sent.line) for n, r, noun in _definite_roles(s)]
            last_person = _sentence_subject(s, people) or last_person
            pm = _PRONOUN_POST.match(s)
            prole = _clean_role(pm.group("role")) if pm is not None else None
            if prole is not None and last_person is not None:
                roles.append(
                    FactCand(ROLE_FACT, doc.name, sent.line, last_person, prole, "", False, role=prole)
                )
            ys = _YEAR.findall(s)
            # an earlier sentence's year holds only when this one points back to it
            # (`had lifted the ban earlier that month`, `at the time`)
            year = int(ys[-1]) if ys else year if _BACKREF.search(s) else None
            if year is not None and page_year is not None and year <= page_year - 2:
                # a paragraph about 1990 on a 2014 page: the post was held then, not now
                for c in roles:
                    c.when = PartialDate(year)
            out += roles
            out += _affiliation_facts(doc, s, sent.line)
            out += _acronym_facts(doc, s, sent.line)
            out += _member_facts(doc, s, sent.line)
            out += _dash_member_facts(doc, s, sent.line)
    if pending:
        bodies = {c.subject for c in out if c.kind == ACRONYM_FACT}
        for name, role, noun, line in pending:
            hits = {b for b in bodies if noun.capitalize() in b.split()}
            if len(hits) == 1:
                full = f"{role} of the {hits.pop()}"
                out.append(FactCand(ROLE_FACT, doc.name, line, name, full, "", False, role=full))
    # timeline entries: role + name and acronyms, dated by the entry (`Sept. 9, 2004 -
    # U.S. Secretary of State Colin Powell declares ...` -> Secretary of State in September 2004)
    for block in doc.timelines:
        for ln in block:
            if ln.lead is None:
                continue
            for c in _role_facts(doc, ln.lead.rest, ln.no):
                if c.qualifier:  # no dateline guess: the entry may be decades older than the page
                    c.when = ln.lead.date.start_only() if ln.lead.date.end else ln.lead.date
                    out.append(c)
            out += _acronym_facts(doc, ln.lead.rest, ln.no)
    # list rows (`- Vicky Bailey, Commissioner, Federal Energy Regulatory
    # Commission (FERC)`): only acronyms, whose initials must spell the expansion
    for ln in doc.lines:
        if ln.kind == HEADING and "(" in ln.text and BULLET.match(ln.text):
            out += _acronym_facts(doc, ln.text, ln.no)
    return out
