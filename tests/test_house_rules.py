"""House rules that a linter does not check (style.md §4, §8)."""

from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "attunement"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)
CEILING = 400
FORBIDDEN_NAMES = ("utils.py", "helpers.py", "common.py", "misc.py")
FORBIDDEN_WORDS = ("victim", "perpetrator", "abuser", "patient")


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_module_stays_under_the_ceiling(module):
    assert len(module.read_text(encoding="utf-8").splitlines()) <= CEILING


def test_there_is_no_junk_drawer():
    assert not [p for p in MODULES if p.name in FORBIDDEN_NAMES]


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_nobody_is_named_by_a_label(module):
    text = module.read_text(encoding="utf-8").lower()
    assert not [word for word in FORBIDDEN_WORDS if word in text]


def test_the_rules_see_the_package():
    assert len(MODULES) > 5
