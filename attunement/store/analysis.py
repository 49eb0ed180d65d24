"""Reading a stored analysis back into ``TurnAnalysis`` (architecture.md, analysis contract).

Turns keep the analyzer's output as the contract's JSON (``TurnAnalysis.to_json``), so stored
rows stay readable by other tools; this module is the inverse. Unknown keys are ignored and
missing ones take the contract's neutral defaults, so older rows keep loading as it grows.
"""

from collections.abc import Mapping

from attunement.domain.analysis import (
    EmpathyCheck,
    Horsemen,
    MirrorCheck,
    PartsSignal,
    ResponseAnalysis,
    Safety,
    SafetyKind,
    SafetyLevel,
    TurnAnalysis,
    UtteranceAnalysis,
    ValidationCheck,
)

Json = Mapping[str, object]


def analysis_from_json(data: Json) -> TurnAnalysis:
    """The ``TurnAnalysis`` whose ``to_json()`` gave ``data``."""
    response = data.get("response")
    return TurnAnalysis(
        utterance=_utterance(_object(data.get("utterance"))),
        response=_response(response) if isinstance(response, Mapping) else None,
    )


def _utterance(data: Json) -> UtteranceAnalysis:
    horsemen = _object(data.get("horsemen"))
    parts = _object(data.get("parts"))
    safety = _object(data.get("safety"))
    rewrite = data.get("rewrite")
    return UtteranceAnalysis(
        horsemen=Horsemen(
            criticism=_float(horsemen, "criticism"),
            contempt=_float(horsemen, "contempt"),
            defensiveness=_float(horsemen, "defensiveness"),
            stonewalling=_float(horsemen, "stonewalling"),
        ),
        parts=PartsSignal(
            speaks_for_part=bool(parts.get("speaks_for_part")),
            blended=bool(parts.get("blended")),
        ),
        feelings=_strings(data, "feelings"),
        safety=Safety(
            level=SafetyLevel(str(safety.get("level", SafetyLevel.NONE.value))),
            kinds=tuple(SafetyKind(kind) for kind in _strings(safety, "kinds")),
        ),
        rewrite=rewrite if isinstance(rewrite, str) else None,
    )


def _response(data: Json) -> ResponseAnalysis:
    mirror = _object(data.get("mirror"))
    validation = _object(data.get("validation"))
    empathy = _object(data.get("empathy"))
    return ResponseAnalysis(
        mirror=MirrorCheck(
            score=_float(mirror, "score"),
            missed=_strings(mirror, "missed"),
            added=_strings(mirror, "added"),
            feelings_missed=_strings(mirror, "feelings_missed"),
        ),
        validation=ValidationCheck(
            present=bool(validation.get("present")), score=_float(validation, "score")
        ),
        empathy=EmpathyCheck(
            present=bool(empathy.get("present")),
            score=_float(empathy, "score"),
            feelings_named=_strings(empathy, "feelings_named"),
            emotional_reactions=_int(empathy, "emotional_reactions"),
            interpretations=_int(empathy, "interpretations"),
            explorations=_int(empathy, "explorations"),
        ),
        self_focus=_float(data, "self_focus"),
    )


def _object(value: object) -> Json:
    return value if isinstance(value, Mapping) else {}


def _float(data: Json, key: str) -> float:
    value = data.get(key)
    return float(value) if isinstance(value, int | float) else 0.0


def _int(data: Json, key: str) -> int:
    value = data.get(key)
    return value if isinstance(value, int) else 0


def _strings(data: Json, key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str))
