"""Typed identifiers, so Sam's id cannot pass as a dialogue's (style.md §4)."""

from typing import NewType

PersonId = NewType("PersonId", str)
CoupleId = NewType("CoupleId", str)
DialogueId = NewType("DialogueId", str)
TurnId = NewType("TurnId", str)
PartId = NewType("PartId", str)
CycleId = NewType("CycleId", str)
RunId = NewType("RunId", str)
