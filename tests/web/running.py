"""Run a coroutine to completion from a synchronous test, whatever the main thread holds.

The browser tests keep Playwright's synchronous driver, and with it an event loop, alive on the
main thread for the whole session, so ``asyncio.run`` there would refuse; a thread of its own
gets a fresh loop.
"""

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(coroutine)`` on a thread of its own."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()
