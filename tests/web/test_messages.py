"""Every message key raised anywhere in the package has words (style.md §5)."""

import re
from pathlib import Path

import pytest

from attunement.web.messages import FALLBACK, MESSAGES, words

PACKAGE = Path(__file__).resolve().parents[2] / "attunement"
RAISED = re.compile(
    r"(?:NotFound|InvalidInput|PausedForSafety|StaleView|MoveNotAllowed|NotYourMove|"
    r"AttunementError)\(\s*\"([a-z_]+\.[a-z_]+)\""
)
DEFAULTS = re.compile(r"default_key = \"([a-z_]+\.[a-z_]+)\"")
WEB_KEYS = re.compile(r"\"((?:error|login|dialogue)\.[a-z_]+)\"")


# Layers whose refusals can reach a page. ``language`` refuses only inside ``attunement analyze``
# and words those keys in its own JSON-lines output (language/jsonl.py).
REACHES_THE_WEB = ("domain", "store", "services", "web")


def keys_in_package() -> set[str]:
    found: set[str] = set()
    modules = [m for layer in REACHES_THE_WEB for m in (PACKAGE / layer).rglob("*.py")]
    for module in modules:
        text = module.read_text(encoding="utf-8")
        found |= set(RAISED.findall(text)) | set(DEFAULTS.findall(text))
        if "web" in module.parts:
            found |= set(WEB_KEYS.findall(text))
    return found


def test_the_search_finds_the_keys():
    assert {"turn.empty", "dialogue.not_your_move", "error.csrf"} <= keys_in_package()


@pytest.mark.parametrize("key", sorted(keys_in_package()))
def test_every_key_has_words(key):
    assert key in MESSAGES


def test_words_fill_in_their_parameters():
    sentence = words("turn.too_long", {"limit": 2000, "length": 20000})

    assert "20000" in sentence
    assert "2000" in sentence


def test_an_unknown_key_gets_neutral_words():
    assert words("no.such_key") == FALLBACK


def test_no_words_show_a_code_or_blame():
    for sentence in MESSAGES.values():
        assert "{" not in sentence.replace("{limit}", "").replace("{length}", "")
        assert "error" not in sentence.lower()
        assert "fault" not in sentence.lower()
