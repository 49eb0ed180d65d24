"""The demo couple: Sam and Alex, joined by a real invite, with one finished dialogue.

Made through the same services as real accounts, so the demo shows what real use stores. Running
it again finds the couple and changes nothing.
"""

import uuid
from datetime import timedelta

from attunement.cli.runtime import Runtime
from attunement.domain.errors import InvalidInput
from attunement.domain.exercises.couples_dialogue import Move
from attunement.domain.people import Person
from attunement.services import accounts, couples, dialogue
from attunement.services.dialogue import DialogueMode, MoveRequest

DEMO_USERS = ("sam", "alex")
DEMO_PASSWORD = "demo-only-password"  # noqa: S105 (printed to the person running the demo)
_CHECK_ONLY = accounts.SessionLifetime(idle=timedelta(minutes=1), absolute=timedelta(minutes=1))

SAM_SAYS = "When you were on your phone at dinner last night, I felt lonely."
SCRIPT: tuple[tuple[str, Move, str | None], ...] = (
    ("sam", Move.REQUEST_APPOINTMENT, "dinner last night"),
    ("alex", Move.ACCEPT_NOW, None),
    (
        "sam",
        Move.CHUNK_DONE,
        SAM_SAYS + " I'd been waiting all day to tell you about my interview.",
    ),
    (
        "alex",
        Move.MIRROR,
        "If I got that, when I was on my phone at dinner last night you felt "
        "lonely, because you'd waited all day to tell me about your interview. Did I get it?",
    ),
    ("sam", Move.ACCURATE, None),
    ("sam", Move.NO_MORE, None),
    (
        "alex",
        Move.SUMMARIZE,
        "So all of it: at dinner my phone took my attention, you felt "
        "lonely, and the interview news had to wait. Is that all of it?",
    ),
    ("sam", Move.COMPLETE, None),
    (
        "alex",
        Move.VALIDATE,
        "You make sense, because you'd saved your news all day and my eyes were on a screen.",
    ),
    ("sam", Move.LANDED, None),
    (
        "alex",
        Move.EMPATHIZE,
        "I imagine you might feel lonely, and maybe a little unimportant to me. Is that close?",
    ),
    ("sam", Move.CONFIRMED, None),
    ("sam", Move.APPRECIATE, "Thank you for hearing all of it without defending."),
    ("alex", Move.APPRECIATE, "Thank you for telling me. I want to hear about the interview."),
    ("alex", Move.FINISH, None),
)


def ensure_demo_couple(runtime: Runtime) -> None:
    """Make Sam and Alex and their finished dialogue, unless they already exist."""
    people = {name: _account(runtime, name) for name in DEMO_USERS}
    if people["sam"] is None or people["alex"] is None:
        return  # the names are taken by real accounts with other passwords: leave them alone
    sam, alex = people["sam"], people["alex"]
    if couples.couple_of(runtime.new_uow(), person=sam.id) is not None:
        return
    code = couples.invite_partner(runtime.new_uow(), by=sam.id, clock=runtime.clock)
    couples.join_couple(runtime.new_uow(), by=alex.id, code=code, clock=runtime.clock)
    _finished_dialogue(runtime, {"sam": sam, "alex": alex})


def _account(runtime: Runtime, username: str) -> Person | None:
    """The demo account, created on first run; None if the name belongs to someone else."""
    try:
        return accounts.sign_up(
            runtime.new_uow(),
            username=username,
            display_name=username.capitalize(),
            password=DEMO_PASSWORD,
            hasher=runtime.hasher,
        )
    except InvalidInput:
        try:
            login = accounts.log_in(
                runtime.new_uow(),
                username=username,
                password=DEMO_PASSWORD,
                hasher=runtime.hasher,
                clock=runtime.clock,
                lifetime=_CHECK_ONLY,
            )
        except InvalidInput:
            return None
        accounts.log_out(runtime.new_uow(), login.token, clock=runtime.clock)
        return login.person


def _finished_dialogue(runtime: Runtime, people: dict[str, Person]) -> None:
    run = dialogue.start_dialogue(
        runtime.new_uow(), by=people["sam"].id, mode=DialogueMode.ONE_DEVICE, clock=runtime.clock
    )
    for who, move, text in SCRIPT:
        request = MoveRequest(
            dialogue=run,
            viewer=people["sam"].id,
            acting_as=people[who].id,
            move=move,
            text=text,
            move_key=uuid.uuid4().hex,
        )
        dialogue.make_move(
            runtime.new_uow(), request, analyzer=runtime.analyzer, clock=runtime.clock
        )
