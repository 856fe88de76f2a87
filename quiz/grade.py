"""Grade a typed answer: a suggested rating and a sentence saying why.

Dates are compared at the card's precision (exact = Good, one unit off = Hard,
further = Again). Names and short answers are matched forgivingly: case,
accents, punctuation and small spelling slips do not count, accepted answers
(aliases) count as right, and a surname alone is right when no other answer in
the decks shares it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from quiz.dates import PartialDate, Precision, describe_distance, distance, parse_user_date
from quiz.schedule import Rating

GOOD_SIMILARITY = 88.0
"""rapidfuzz ratio (0-100) at or above which a typed text counts as right (spelling slips)."""
HARD_SIMILARITY = 75.0
"""At or above this, the text is nearly right: Hard."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the grader thinks of a typed answer."""

    rating: Rating
    """Suggested rating; the person may override it."""
    message: str
    """One line for the person: what they said, the answer, how far off."""
    parsed: str | None = None
    """The typed answer as understood (a date in human form), when it could be read."""

    @property
    def correct(self) -> bool:
        return self.rating >= Rating.GOOD

    def line(self) -> str:
        """The message plus the grade it suggests, for the card back: colour alone is not enough."""
        return f"{self.message} → {int(self.rating)} {self.rating.label} suggested (enter)"


# -- dates ------------------------------------------------------------------------------


def grade_date(typed: str, answer: PartialDate) -> Verdict:
    """Grade a typed date against the card's date, at the card's precision."""
    try:
        said = parse_user_date(typed)
    except ValueError as exc:
        return Verdict(Rating.AGAIN, f"{exc}; answer {answer.human()}")
    precision = answer.precision
    shown = said.truncate(precision) if said.precision > precision else said
    if said.precision < precision:
        # They gave less than the card knows: right as far as it goes is Hard at best.
        coarse = answer.truncate(said.precision)
        off = distance(coarse, said.start_only(), said.precision)
        if off == 0:
            return Verdict(
                Rating.HARD,
                f"you said {said.human()}, answer {answer.human()}: "
                f"right, but the card knows the {_unit(precision)}",
                said.human(),
            )
        return _by_distance(said, answer, off, said.precision)
    if answer.end is not None and _inside(shown, answer):
        return Verdict(
            Rating.GOOD, f"{shown.human()}: right (the answer is {answer.human()})", shown.human()
        )
    off = distance(answer.start_only(), shown, precision)
    if answer.end is not None and off > 0:
        unit = min(precision, answer.end.precision)
        off = max(0, distance(answer.end.truncate(unit), shown.truncate(unit), unit))
    return _by_distance(shown, answer, off, precision)


def _unit(precision: Precision) -> str:
    return {Precision.YEAR: "year", Precision.MONTH: "month", Precision.DAY: "day"}[precision]


def _inside(said: PartialDate, answer: PartialDate) -> bool:
    assert answer.end is not None
    return answer.first_day() <= said.first_day() and said.last_day() <= answer.end.last_day()


def _by_distance(said: PartialDate, answer: PartialDate, off: int, precision: Precision) -> Verdict:
    if off == 0:
        return Verdict(Rating.GOOD, f"{said.human()}: right", said.human())
    rating = Rating.HARD if abs(off) == 1 else Rating.AGAIN
    return Verdict(
        rating,
        f"you said {said.human()}, answer {answer.human()}: "
        f"{describe_distance(off, precision)} off",
        said.human(),
    )


# -- names and short answers ------------------------------------------------------------

_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_LEADING = re.compile(r"^(the|a|an)\s+")


def normalize(text: str) -> str:
    """Casefolded, accents and punctuation removed, single spaces, no leading article."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = _PUNCT.sub(" ", plain.casefold())
    plain = _SPACES.sub(" ", plain).strip()
    return _LEADING.sub("", plain)


def _surname(name: str) -> str | None:
    words = normalize(name).split()
    return words[-1] if len(words) >= 2 else None


def grade_text(typed: str, accepted: Sequence[str], others: Iterable[str] = ()) -> Verdict:
    """Grade typed text against the accepted answers.

    Args:
        typed: what the person typed.
        accepted: the answer first, then aliases.
        others: answers of other cards, to tell whether a surname alone is unambiguous.
    """
    from rapidfuzz import fuzz

    answer = accepted[0] if accepted else ""
    said = normalize(typed)
    if not said:
        return Verdict(Rating.AGAIN, f"no answer; answer {answer}")
    targets = [normalize(a) for a in accepted if normalize(a)]
    if said in targets:
        return Verdict(Rating.GOOD, f"{typed.strip()}: right", typed.strip())
    numeric = any(t.replace(" ", "").isdigit() for t in targets)
    if not numeric:
        # token_sort_ratio: "Lavrov Sergei" is "Sergei Lavrov" in another order, not a new name.
        best = max((max(fuzz.ratio(said, t), fuzz.token_sort_ratio(said, t)) for t in targets),
                   default=0.0)
        if best >= GOOD_SIMILARITY:
            return Verdict(Rating.GOOD, f"{typed.strip()}: right (spelled {answer})", typed.strip())
        surnames = {s for s in (_surname(a) for a in accepted) if s}
        hit = next(
            (
                s
                for s in surnames
                if s == said or (len(said) > 4 and fuzz.ratio(said, s) >= GOOD_SIMILARITY)
            ),
            None,
        )
        if hit is not None:
            own = {normalize(a) for a in accepted}
            clash = sorted(
                {o.strip() for o in others if _surname(o) == hit and normalize(o) not in own}
            )
            if not clash:
                return Verdict(Rating.GOOD, f"{typed.strip()}: right ({answer})", typed.strip())
            return Verdict(
                Rating.HARD,
                f"{typed.strip()}: which one? answer {answer} (also {', '.join(clash[:2])})",
                typed.strip(),
            )
        near_surname = len(said) > 4 and any(fuzz.ratio(said, s) >= HARD_SIMILARITY for s in surnames)
        if best >= HARD_SIMILARITY or near_surname:
            return Verdict(
                Rating.HARD, f"you said {typed.strip()}, answer {answer}: nearly", typed.strip()
            )
    return Verdict(Rating.AGAIN, f"you said {typed.strip()}, answer {answer}", typed.strip())
