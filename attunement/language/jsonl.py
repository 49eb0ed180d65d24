"""One line of ``attunement analyze`` input in, one contract line out (architecture.md).

Every failure of one line (invalid UTF-8, invalid JSON, missing fields, unusable text) becomes
``{"id": ..., "error": "..."}`` on that line, so a batch never stops on bad input. Lines are
judged in blocks so the encoder backend can encode all idea units of a block in large batches.
"""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from attunement.domain.analysis import Analyzer, TurnAnalysis
from attunement.domain.errors import InvalidInput
from attunement.language.engine import FeedbackEngine

BLOCK = 256
UNREADABLE = ("line.not_utf8", "line.not_json", "line.not_object")

MESSAGES = {
    "analysis.not_text": "the text must be a JSON string",
    "analysis.empty": "the text is empty; write what was said",
    "analysis.too_long": "the text has {length} characters; a turn may have at most {limit}",
    "analysis.not_english": "the text does not look like English; only English is analysed",
    "line.not_utf8": "the line is not valid UTF-8",
    "line.not_json": "the line is not valid JSON",
    "line.not_object": "the line must be a JSON object",
    "line.no_text": 'the line needs "text", or "said" and "reply"',
}


@dataclass(frozen=True, slots=True)
class Request:
    id: object
    text: str | None = None
    said: str | None = None
    reply: str | None = None


def describe(error: InvalidInput) -> str:
    """Words for a refusal, from its message key and parameters."""
    template = MESSAGES.get(error.message_key, error.message_key)
    return template.format(**error.params)


def decode(raw: bytes) -> dict[str, object]:
    """The JSON object on one input line.

    Raises:
        InvalidInput: the line is not UTF-8 or not a JSON object.
    """
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInput("line.not_utf8") from error
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        raise InvalidInput("line.not_json") from error
    if not isinstance(value, dict):
        raise InvalidInput("line.not_object")
    return value


def parse(value: dict[str, object]) -> Request:
    """The request in a decoded line.

    Raises:
        InvalidInput: the line has neither ``text`` nor both ``said`` and ``reply``.
    """
    if "said" in value or "reply" in value:
        if "said" not in value or "reply" not in value:
            raise InvalidInput("line.no_text")
        return Request(value.get("id"), said=_text(value["said"]), reply=_text(value["reply"]))
    if "text" not in value:
        raise InvalidInput("line.no_text")
    return Request(value.get("id"), text=_text(value["text"]))


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidInput("analysis.not_text")
    return value


def judge(analyzer: Analyzer, request: Request) -> TurnAnalysis:
    """Run the analyzer on one request (``respond`` when it has ``said``/``reply``)."""
    if request.text is not None:
        return analyzer.analyze(request.text)
    return analyzer.respond(request.said or "", request.reply or "")


def _line(analyzer: Analyzer, raw: bytes, number: int) -> dict[str, object]:
    request_id: object = number
    try:
        value = decode(raw)
        request_id = value.get("id", number)
        request = parse(value)
        return {"id": request_id, **judge(analyzer, request).to_json()}
    except InvalidInput as error:
        return {"id": request_id, "error": describe(error)}


def _turns(raws: list[bytes]) -> Iterator[tuple[str, str | None]]:
    for raw in raws:
        try:
            request = parse(decode(raw))
        except InvalidInput:
            continue
        if request.said is not None and request.reply is not None:
            yield request.said, request.reply


def run(analyzer: Analyzer, lines: Iterable[bytes]) -> Iterator[dict[str, object]]:
    """Output lines for input lines, in order; blank input lines are skipped."""
    block: list[tuple[int, bytes]] = []
    for number, raw in enumerate(lines, start=1):
        if raw.strip():
            block.append((number, raw.rstrip(b"\r\n")))
        if len(block) >= BLOCK:
            yield from _block(analyzer, block)
            block = []
    yield from _block(analyzer, block)


def _block(analyzer: Analyzer, block: list[tuple[int, bytes]]) -> Iterator[dict[str, object]]:
    if isinstance(analyzer, FeedbackEngine):
        analyzer.prepare(_turns([raw for _, raw in block]))
    for number, raw in block:
        yield _line(analyzer, raw, number)
