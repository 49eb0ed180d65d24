"""What a joint exercise keeps once one of its people deletes their account (issue 6).

A state two people share is stored as one sealed copy per member. Destroying the departed
person's key makes their own copy unreadable, but the other member's copy repeats what the
departed person typed in that exercise, so each shared state knows which of its fields were
written by whom and rewrites those of the departed person as ``SHREDDED``: the structure and the
step stay, so the person who remains still sees that the exercise happened and where it stopped.
A field whose author cannot be told is treated as the departed person's (we err on forgetting).
"""

from typing import Final

#: Shown in place of words whose author deleted their account (their key is destroyed).
SHREDDED: Final = "(removed when its author left)"


def shredded(text: str) -> str:
    """``SHREDDED`` in place of ``text``; an empty field stays empty (nothing was written)."""
    return SHREDDED if text else text
