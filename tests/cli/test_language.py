"""``attunement analyze``, ``eval`` and ``bench`` through Typer's real runner."""

import json

from typer.testing import CliRunner

import attunement.cli.language  # noqa: F401 - registers the commands on the app
from attunement.cli.app import app

runner = CliRunner()

BATCH = b"\n".join(
    [
        b'{"id": "a", "text": "You never listen to me!"}',
        b'{"id": "b", "said": "I felt lonely at dinner.", "reply": "You felt lonely at dinner."}',
        b"not json",
        b'{"id": "e", "text": ""}',
        b'{"id": "f", "text": "Je ne sais pas pourquoi tu fais toujours cela avec moi ce soir"}',
        b'{"id": "g", "text": "' + b"a " * 25_000 + b'"}',
        b'{"id": "h", "text": "caf\xff"}',
        b'{"id": "i", "said": "only said"}',
        b'{"id": "j", "text": "I felt lonely."}',
    ]
)


def _analyze(data: bytes) -> tuple[int, list[dict[str, object]]]:
    result = runner.invoke(app, ["analyze", "--backend", "lexical"], input=data)
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines()]


def test_analyze_answers_every_line_in_order_and_goes_on_after_bad_ones():
    code, lines = _analyze(BATCH)

    assert code == 0
    assert [line["id"] for line in lines] == ["a", "b", 3, "e", "f", "g", 7, "i", "j"]
    assert json.dumps(lines[0]).count('"criticism": 0.') == 1
    assert lines[0]["utterance"]["horsemen"]["criticism"] >= 0.5  # type: ignore[index]
    assert lines[1]["response"]["mirror"]["score"] > 0.5  # type: ignore[index]
    assert lines[8]["response"] is None
    errors = {line["id"]: str(line["error"]) for line in lines if "error" in line}
    assert set(errors) == {3, "e", "f", "g", 7, "i"}
    assert "JSON" in errors[3]
    assert "UTF-8" in errors[7]
    assert "English" in errors["f"]
    assert "5000" in errors["g"]
    assert "empty" in errors["e"]


def test_analyze_fails_only_when_no_line_can_be_read():
    code, lines = _analyze(b"junk\n[1, 2]\n")

    assert code == 1
    assert len(lines) == 2


def test_eval_reports_the_dev_set_and_skips_missing_public_sets(tmp_path):
    result = runner.invoke(app, ["eval", "--backend", "lexical", "--data", str(tmp_path)])

    assert result.exit_code == 0
    assert "urgent recall" in result.stdout
    assert "skipping EPITOME" in result.stderr


def test_bench_prints_latency_and_throughput():
    result = runner.invoke(app, ["bench", "--backend", "lexical", "--repeat", "1"])

    assert result.exit_code == 0
    assert "p99 ms" in result.stdout
    assert "turns/s" in result.stdout
