"""The ``attunement`` command: one Typer app, one module per group of commands.

Commands translate arguments into service calls and print results; refusals become one stderr
line, ``attunement: <what happened, what to try>`` (style.md §5).
"""

from attunement.cli.app import app, main

__all__ = ["app", "main"]
