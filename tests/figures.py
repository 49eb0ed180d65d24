"""Figures the security tests measure, printed at the end of the run (docs/security.md).

A test calls ``record("S1 authorization matrix", cells=…, unexpected_allows=0)``; the root
conftest prints every record in the terminal summary, one JSON line each, so the figures in the
docs can be re-made by running the tests.
"""

import json

FIGURES: list[dict[str, object]] = []


def record(test: str, **figures: object) -> None:
    """Keep one test's figures for the summary."""
    FIGURES.append({"test": test, **figures})


def lines() -> list[str]:
    return [json.dumps(figure, sort_keys=True) for figure in FIGURES]
