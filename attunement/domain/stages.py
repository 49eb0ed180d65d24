"""IFIO's five stages as a programme, and what shows a couple is ready to move on (§2.8).

The five stages come from a practitioner's article; the IFIO books describe a flow of
techniques instead, so this mapping is ours and awaits review by an IFIO trainer (domain.md §7,
open question 1). The software only *suggests* a move: the couple's therapist confirms it, or,
when they work without one, both partners do. Any safety flag returns the couple to stage 1;
repeated flooding returns the focus to the unblending skills of stage 3.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum, StrEnum
from typing import Final

from attunement.domain.errors import InvalidInput, MoveNotAllowed, NotYourMove
from attunement.domain.ids import PersonId


class Stage(IntEnum):
    SAFE_SPACE = 1
    IDENTIFYING_PARTS = 2
    UNBLENDING = 3
    ACCESSING_SELF = 4
    PARTS_IN_RELATIONSHIP = 5


class Sign(StrEnum):
    """A readiness sign; each belongs to one stage (``SIGNS``) and is kept per partner."""

    SCREENED = "screened"
    CONTRACT_ACCEPTED = "contract_accepted"
    TIME_OUT_WORD = "time_out_word"
    HOPE_AND_FEAR = "hope_and_fear"
    OWN_PROTECTOR = "own_protector"
    CYCLE_CONFIRMED = "cycle_confirmed"
    SEES_CYCLE_START = "sees_cycle_start"
    U_TURN_ONE_PROMPT = "u_turn_one_prompt"
    SPEAKS_FOR_PARTS = "speaks_for_parts"
    EARLY_TIME_OUTS = "early_time_outs"
    SELF_TOWARD_PARTS = "self_toward_parts"
    REFLECTS_PARTNERS_PART = "reflects_partners_part"
    COMPASSION_RISING = "compassion_rising"
    GOALS_MET = "goals_met"
    RELIABLE_IMPROVEMENT = "reliable_improvement"
    MAINTENANCE_PLAN = "maintenance_plan"


SIGNS: Final[dict[Stage, tuple[Sign, ...]]] = {
    Stage.SAFE_SPACE: (
        Sign.SCREENED,
        Sign.CONTRACT_ACCEPTED,
        Sign.TIME_OUT_WORD,
        Sign.HOPE_AND_FEAR,
    ),
    Stage.IDENTIFYING_PARTS: (Sign.OWN_PROTECTOR, Sign.CYCLE_CONFIRMED, Sign.SEES_CYCLE_START),
    Stage.UNBLENDING: (Sign.U_TURN_ONE_PROMPT, Sign.SPEAKS_FOR_PARTS, Sign.EARLY_TIME_OUTS),
    Stage.ACCESSING_SELF: (
        Sign.SELF_TOWARD_PARTS,
        Sign.REFLECTS_PARTNERS_PART,
        Sign.COMPASSION_RISING,
    ),
    Stage.PARTS_IN_RELATIONSHIP: (
        Sign.GOALS_MET,
        Sign.RELIABLE_IMPROVEMENT,
        Sign.MAINTENANCE_PLAN,
    ),
}
#: Signs only the therapist (or the app's own records) may tick, never a partner's say-so.
OBSERVED: Final = frozenset({Sign.SCREENED, Sign.RELIABLE_IMPROVEMENT})


class Setback(StrEnum):
    SAFETY_FLAG = "safety_flag"  # back to stage 1
    REPEATED_FLOODING = "repeated_flooding"  # back to stage 3 skills


@dataclass(frozen=True, slots=True)
class IfioProgramme:
    """Where a couple is in the five stages, and who has agreed to move on."""

    partners: tuple[PersonId, PersonId]
    therapist: PersonId | None = None
    stage: Stage = Stage.SAFE_SPACE
    met: frozenset[tuple[Sign, PersonId]] = frozenset()
    confirmations: frozenset[PersonId] = frozenset()
    version: int = 0

    def without_words_of(self, person: PersonId) -> IfioProgramme:
        """The programme as the other partner keeps it once ``person`` has left (issue 6).

        It holds stages, signs and agreements, never words: it stays whole.
        """
        del person
        return self

    def record(self, sign: Sign, *, for_person: PersonId, by: PersonId) -> IfioProgramme:
        """Tick one readiness sign for one partner.

        A partner ticks their own signs; the therapist ticks anyone's, and alone ticks the
        observed ones (screening, measured improvement).

        Raises:
            NotYourMove: someone else's sign, or an observed sign ticked by a partner.
            InvalidInput: the sign belongs to another stage, or the person is not a partner.
        """
        if for_person not in self.partners:
            raise InvalidInput("stages.not_a_partner")
        if sign not in SIGNS[self.stage]:
            raise InvalidInput("stages.other_stage", stage=int(self.stage))
        if by != self.therapist and (by != for_person or sign in OBSERVED):
            raise NotYourMove("stages.not_your_sign")
        return replace(self, met=self.met | {(sign, for_person)}, version=self.version + 1)

    def observe(self, sign: Sign, *, for_person: PersonId) -> IfioProgramme:
        """Tick an observed sign from the app's own records (a private screening, a measure).

        Raises:
            InvalidInput: not an observed sign, another stage's, or not a partner.
        """
        if sign not in OBSERVED or sign not in SIGNS[self.stage] or for_person not in self.partners:
            raise InvalidInput("stages.not_observed")
        return replace(self, met=self.met | {(sign, for_person)}, version=self.version + 1)

    def missing(self) -> list[tuple[Sign, PersonId]]:
        """The signs still to show in this stage, in the order of the table, per partner."""
        return [
            (sign, person)
            for sign in SIGNS[self.stage]
            for person in self.partners
            if (sign, person) not in self.met
        ]

    def ready(self) -> bool:
        return not self.missing()

    def deciders(self) -> frozenset[PersonId]:
        """Who confirms a move: the therapist, or both partners when there is none."""
        return frozenset({self.therapist}) if self.therapist else frozenset(self.partners)

    def confirm_advance(self, by: PersonId) -> IfioProgramme:
        """Agree to the next stage; it starts once every decider has agreed.

        Raises:
            NotYourMove: a partner confirming when the couple has a therapist, or an outsider.
            MoveNotAllowed: the signs are not all there yet, or this is the last stage.
        """
        if by not in self.deciders():
            raise NotYourMove("stages.not_your_decision")
        if not self.ready() or self.stage is Stage.PARTS_IN_RELATIONSHIP:
            raise MoveNotAllowed("stages.not_ready")
        agreed = self.confirmations | {by}
        if agreed != self.deciders():
            return replace(self, confirmations=agreed, version=self.version + 1)
        return self._enter(Stage(self.stage + 1))

    def set_back(self, setback: Setback) -> IfioProgramme:
        """Return to safety first (stage 1) or to the unblending skills (stage 3, §2.8)."""
        if setback is Setback.SAFETY_FLAG:
            return self._enter(Stage.SAFE_SPACE)
        return self._enter(min(self.stage, Stage.UNBLENDING))

    def _enter(self, stage: Stage) -> IfioProgramme:
        return replace(
            self, stage=stage, met=frozenset(), confirmations=frozenset(), version=self.version + 1
        )
