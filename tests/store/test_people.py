"""Accounts in the store: one per username, even when two sign-ups race."""

import pytest

from attunement.domain.errors import InvalidInput
from attunement.domain.people import AccountKind
from attunement.store.people import NewPerson


def test_a_second_account_with_the_same_username_is_refused(uow, clock):
    new = NewPerson("jamie", "Jamie", AccountKind.PARTNER, "hash", clock.now())
    with uow:
        first = uow.people.add(new)

        with pytest.raises(InvalidInput) as refused:
            uow.people.add(new)  # the unique constraint answers when the check was raced

        assert refused.value.message_key == "signup.username_taken"
        assert uow.people.get(first.id) == first  # the first account survives the refusal
