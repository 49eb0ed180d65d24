"""Sign-up, login and sessions: each refusal beside the case it permits (security-reference §0)."""

from datetime import timedelta
from typing import Any

import pytest

from attunement.domain.clock import Clock
from attunement.domain.errors import InvalidInput
from attunement.domain.people import AccountKind, Person
from attunement.services import accounts, privacy
from attunement.services.accounts import LoginResult, SessionLifetime
from attunement.services.passwords import Hasher, PasswordHasher
from attunement.services.uow import UnitOfWork

GOOD = {"username": "jamie", "display_name": "Jamie", "password": "a long enough pass"}


def sign_up(uow: UnitOfWork, hasher: Hasher, **changes: Any) -> Person:
    return accounts.sign_up(uow, hasher=hasher, **{**GOOD, **changes})


def log_in(
    uow: UnitOfWork, hasher: Hasher, clock: Clock, lifetime: SessionLifetime, **credentials: str
) -> LoginResult:
    given = {"username": "jamie", "password": GOOD["password"], **credentials}
    return accounts.log_in(uow, hasher=hasher, clock=clock, lifetime=lifetime, **given)


def test_sign_up_makes_a_partner_account(uow, hasher):
    person = sign_up(uow, hasher, display_name="  Jamie   Lee ")

    assert (person.username, person.display_name, person.kind) == (
        "jamie",
        "Jamie Lee",
        AccountKind.PARTNER,
    )


def test_sign_up_can_make_a_therapist_account(uow, hasher):
    assert sign_up(uow, hasher, kind=AccountKind.THERAPIST).kind is AccountKind.THERAPIST


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"username": "jo"}, "signup.username_invalid"),
        ({"username": "j" * 41}, "signup.username_invalid"),
        ({"username": "jamie lee"}, "signup.username_invalid"),
        ({"username": "jamie!"}, "signup.username_invalid"),
        ({"display_name": "   "}, "signup.name_invalid"),
        ({"display_name": "J" * 61}, "signup.name_invalid"),
        ({"display_name": "Ja\x00mie"}, "signup.name_invalid"),
        ({"password": "x" * 9}, "signup.password_short"),
        ({"password": "x" * 201}, "signup.password_long"),
    ],
)
def test_sign_up_refuses_unusable_details(uow, hasher, changes, key):
    with pytest.raises(InvalidInput) as refused:
        sign_up(uow, hasher, **changes)

    assert refused.value.message_key == key


@pytest.mark.parametrize(
    "changes",
    [
        {"username": "jo.l"},
        {"username": "j" * 40},
        {"username": "Jamie_Lee-2"},
        {"display_name": "J"},
        {"display_name": "J" * 60},
        {"display_name": "Jamie 💛"},
        {"password": "x" * 10},
        {"password": "x" * 200},
    ],
)
def test_sign_up_accepts_details_at_the_limits(uow, hasher, changes):
    assert sign_up(uow, hasher, **changes).id


@pytest.mark.parametrize("taken", ["jamie", "JAMIE"])
def test_a_username_is_taken_regardless_of_case(uow, hasher, taken):
    sign_up(uow, hasher)

    with pytest.raises(InvalidInput) as refused:
        sign_up(uow, hasher, username=taken)

    assert refused.value.message_key == "signup.username_taken"


def test_the_password_is_stored_hashed(uow, hasher):
    sign_up(uow, hasher)

    with uow:
        found = uow.people.credentials("jamie")
    assert found is not None
    assert GOOD["password"] not in found[1]
    assert found[1].startswith("$argon2id$")


def test_log_in_opens_a_session_for_the_token(uow, hasher, clock, lifetime):
    person = sign_up(uow, hasher)

    login = log_in(uow, hasher, clock, lifetime, username="JAMIE")

    assert login.person == person
    assert accounts.person_for_token(uow, login.token, clock=clock, lifetime=lifetime) == person


@pytest.mark.parametrize(
    "credentials",
    [{"username": "nobody"}, {"password": "the wrong password"}, {"password": ""}],
)
def test_a_wrong_user_or_password_gets_one_refusal(uow, hasher, clock, lifetime, credentials):
    sign_up(uow, hasher)

    with pytest.raises(InvalidInput) as refused:
        log_in(uow, hasher, clock, lifetime, **credentials)

    assert refused.value.message_key == "login.failed"
    assert refused.value.params == {}


def test_only_the_hash_of_a_token_is_stored(uow, hasher, clock, lifetime):
    sign_up(uow, hasher)
    login = log_in(uow, hasher, clock, lifetime)

    with uow:
        assert uow.web_sessions.find(login.token) is None


def test_an_unknown_token_belongs_to_nobody(uow, clock, lifetime):
    assert accounts.person_for_token(uow, "made-up", clock=clock, lifetime=lifetime) is None


def test_a_logged_out_session_stops_working(uow, hasher, clock, lifetime):
    sign_up(uow, hasher)
    login = log_in(uow, hasher, clock, lifetime)
    other = log_in(uow, hasher, clock, lifetime)

    accounts.log_out(uow, login.token, clock=clock)

    assert accounts.person_for_token(uow, login.token, clock=clock, lifetime=lifetime) is None
    assert accounts.person_for_token(uow, other.token, clock=clock, lifetime=lifetime) is not None


def test_an_idle_session_expires_and_a_used_one_lives_on(uow, hasher, clock, lifetime):
    sign_up(uow, hasher)
    idle = log_in(uow, hasher, clock, lifetime)
    used = log_in(uow, hasher, clock, lifetime)

    for _ in range(3):
        clock.advance(lifetime.idle - timedelta(seconds=1))
        assert accounts.person_for_token(uow, used.token, clock=clock, lifetime=lifetime)

    assert accounts.person_for_token(uow, idle.token, clock=clock, lifetime=lifetime) is None


def last_seen(uow: UnitOfWork, login: LoginResult, clock: Clock):
    [session] = privacy.sessions_of(uow, person=login.person.id, token=login.token, clock=clock)
    return session.last_seen_at


def test_checking_a_session_writes_nothing_within_a_minute_of_its_last_use(
    uow, hasher, clock, lifetime, queries
):
    sign_up(uow, hasher)
    login = log_in(uow, hasher, clock, lifetime)
    clock.advance(accounts.TOUCH_EVERY - timedelta(seconds=1))
    queries.reset()

    assert accounts.person_for_token(uow, login.token, clock=clock, lifetime=lifetime)

    assert not [s for s in queries.statements if s.lstrip().upper().startswith("UPDATE")]
    assert last_seen(uow, login, clock) == clock.now() - accounts.TOUCH_EVERY + timedelta(seconds=1)


def test_checking_a_session_a_minute_after_its_last_use_records_the_use(
    uow, hasher, clock, lifetime
):
    sign_up(uow, hasher)
    login = log_in(uow, hasher, clock, lifetime)
    clock.advance(accounts.TOUCH_EVERY)

    assert accounts.person_for_token(uow, login.token, clock=clock, lifetime=lifetime)

    assert last_seen(uow, login, clock) == clock.now()


def test_a_session_ends_at_its_absolute_lifetime_however_used(uow, hasher, clock, lifetime):
    sign_up(uow, hasher)
    login = log_in(uow, hasher, clock, lifetime)
    step, ends = lifetime.idle / 2, clock.now() + lifetime.absolute
    while clock.now() + step < ends:
        clock.advance(step)
        assert accounts.person_for_token(uow, login.token, clock=clock, lifetime=lifetime)

    clock.advance(step)

    assert accounts.person_for_token(uow, login.token, clock=clock, lifetime=lifetime) is None


def test_a_shorter_absolute_lifetime_applies_to_open_sessions(uow, hasher, clock, lifetime):
    sign_up(uow, hasher)
    login = log_in(uow, hasher, clock, lifetime)
    clock.advance(timedelta(minutes=30))
    shorter = accounts.SessionLifetime(idle=lifetime.idle, absolute=timedelta(minutes=20))

    assert accounts.person_for_token(uow, login.token, clock=clock, lifetime=lifetime)
    assert accounts.person_for_token(uow, login.token, clock=clock, lifetime=shorter) is None


def test_a_cheaper_hash_is_upgraded_at_login(uow, hasher, clock, lifetime):
    sign_up(uow, hasher)
    stronger = PasswordHasher(time_cost=2, memory_kib=16)

    log_in(uow, stronger, clock, lifetime)

    with uow:
        found = uow.people.credentials("jamie")
    assert found is not None
    assert not stronger.needs_rehash(found[1])
    assert log_in(uow, stronger, clock, lifetime).person.username == "jamie"
