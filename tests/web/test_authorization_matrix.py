"""Every route by every actor (issue 6; security-reference.md §4.1 S1, S4).

The world: Sam (A) and Alex (B) are a couple and Jordan (T1) is their invited therapist. Alex
has checked in privately, said something the analyzer withheld, kept a part private and named
it in a Self-energy check-in; Jordan has written a private session note: each holds a planted
canary. Casey (C, another couple), Morgan (T2, a therapist nobody invited) and an anonymous
browser are the outsiders. For each route the matrix says what each actor must get:

    ALLOW  the route works for them (any answer but 404 or a log-in demand)
    OWN    it works on their own things only (nothing of Alex's changes)
    DENY   404, byte for byte what a missing id gives them, and nothing in the database changes
    LOGIN  sent to log in (a page: 303 to /login; a socket: closed before it opens)

A route with no row fails the test, so a new route cannot ship without a decision. Everything
each actor receives (pages, JSON, headers, socket frames; the log too) is scanned for the
canaries that are not their own.
"""

import logging
import re
from datetime import timedelta
from typing import Any

import pytest
from fastapi.routing import APIRoute, APIWebSocketRoute
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, inspect, text
from starlette.websockets import WebSocketDisconnect

from attunement.domain.exercises.couples_dialogue import Move
from attunement.domain.exercises.workup import Move as WorkupMoveKind
from attunement.domain.ids import CoupleId, PersonId
from attunement.domain.parts import BurdenKind, CardField, PartRole, Permission
from attunement.domain.safety import ScreenAnswers
from attunement.domain.therapist import SelfCheck
from attunement.domain.visibility import Viewer as PartsViewer
from attunement.services import (
    couples,
    ifio,
    parts,
    practice,
    safety,
    six_fs,
    time_out_runs,
    time_outs,
    u_turn,
    unburdening,
    workup,
)
from attunement.services import dialogue as dialogues
from attunement.services.instruments import WEEKLY_CHECK_IN
from attunement.services.practice import HomeworkPlan
from tests.fakes import URGENT_MARKER
from tests.figures import record
from tests.web.forms import csrf_of
from tests.web.test_imago import _to_commitment as to_commitment
from tests.web.test_imago import start as start_imago_run
from tests.web.test_security import routes_of

ALLOW, OWN, DENY, LOGIN = "allow", "own", "deny", "login"
ACTORS = ("A", "B", "C", "T1", "T2", "anon")
MISSING = "0" * 32
CANARIES = ("CANARY-turn-5d1f0b7e", "CANARY-note-a93c6e21", "CANARY-workup-0c4e77d2")
PART_CANARY, SELF_CANARY, NOTE_CANARY = "CANARY-part-7b2e", "CANARY-self-41c9", "CANARY-tnote-e07a"
#: Alex's part card (a fear, a trigger, a burden) and Jordan's self-check (issue 6, sealing).
CARD_CANARY, CHECK_CANARY = "CANARY-card-3f8a", "CANARY-selfcheck-92d1"
#: Whose each canary is: nobody else may ever receive it. (SELF_CANARY is stored but shown to
#: no one, not even Alex, so only its absence can be checked.)
OWNER = {**dict.fromkeys(CANARIES, "B"), PART_CANARY: "B", SELF_CANARY: "B", NOTE_CANARY: "T1"}
OWNER |= {CARD_CANARY: "B", CHECK_CANARY: "T1"}
SHOWN_BACK = {*CANARIES, PART_CANARY, NOTE_CANARY, CARD_CANARY, CHECK_CANARY}
ORIGIN = {"origin": "http://testserver"}

#: Object routes: the couple's dialogue is A's and B's alone (not even their therapist's).
MEMBERS = {"A": ALLOW, "B": ALLOW, "C": DENY, "T1": DENY, "T2": DENY, "anon": LOGIN}
#: Alex's own private things (a part, a 6 Fs run on it).
B_ONLY = {"A": DENY, "B": ALLOW, "C": DENY, "T1": DENY, "T2": DENY, "anon": LOGIN}
#: The couple's file on the therapist's side: the invited therapist's alone.
T1_ONLY = {"A": DENY, "B": DENY, "C": DENY, "T1": ALLOW, "T2": DENY, "anon": LOGIN}
#: Routes about the actor's own account or couple.
MINE = {"A": OWN, "B": OWN, "C": OWN, "T1": OWN, "T2": OWN, "anon": LOGIN}
#: A partner's own pages that need a partner: a therapist has none, so gets a missing page.
PARTNERED = MINE | {"T1": DENY, "T2": DENY}
#: A therapist's own pages: a partner has no practice, so gets a missing page.
THERAPISTS = MINE | {"A": DENY, "B": DENY, "C": DENY}
PUBLIC = dict.fromkeys(ACTORS, ALLOW)
LOGS_OUT = {"/logout", "/exit", "/account/sessions/end-all", "/login", "/account/delete"}

MATRIX: dict[tuple[str, str], dict[str, str]] = {
    ("GET", "/"): PUBLIC,
    ("GET", "/signup"): PUBLIC,
    ("POST", "/signup"): PUBLIC,
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): PUBLIC,
    ("POST", "/logout"): PUBLIC,
    ("POST", "/exit"): PUBLIC,
    ("POST", "/invite"): MINE,
    ("GET", "/join"): MINE,
    ("POST", "/join"): MINE,
    ("POST", "/dialogues"): MINE,
    ("GET", "/dialogues/{dialogue_id}"): MEMBERS,
    ("GET", "/dialogues/{dialogue_id}/panel"): MEMBERS,
    ("POST", "/dialogues/{dialogue_id}/moves"): MEMBERS,
    ("WS", "/dialogues/{dialogue_id}/live"): MEMBERS,
    ("GET", "/account/sessions"): MINE,
    ("POST", "/account/sessions/end-all"): MINE,
    ("GET", "/account/confirm"): MINE,
    ("POST", "/account/confirm"): MINE,
    ("GET", "/account"): MINE,
    ("GET", "/account/export.json"): MINE,
    ("GET", "/account/scores.csv"): MINE,
    ("POST", "/account/delete"): MINE,
    ("GET", "/safety/check-in"): MINE,
    ("POST", "/safety/check-in"): MINE,
    ("GET", "/safety/help"): MINE,
    ("GET", "/safety/plan"): MINE,
    # Imago (issue 4): runs and commitments belong to the couple; the workup is one's own.
    ("GET", "/imago"): MINE,
    ("POST", "/imago/runs"): MINE,
    ("GET", "/imago/runs/{run_id}"): MEMBERS,
    ("POST", "/imago/runs/{run_id}/moves"): MEMBERS,
    ("POST", "/imago/commitments/{commitment_id}/check-ins"): MEMBERS,
    ("POST", "/imago/time-out-plan"): MINE,
    ("GET", "/imago/workup"): MINE,
    ("POST", "/imago/workup/moves"): MINE,
    ("POST", "/imago/workup/consent"): MINE,
    # Parts (IFS): a part is its owner's until shared; the 6 Fs run on it likewise.
    ("GET", "/parts"): MINE,
    ("POST", "/parts"): MINE,
    ("GET", "/parts/partner"): PARTNERED,
    ("GET", "/parts/{part_id}"): B_ONLY,
    ("POST", "/parts/{part_id}/card"): B_ONLY,
    ("POST", "/parts/{part_id}/triggers"): B_ONLY,
    ("POST", "/parts/{part_id}/burdens"): B_ONLY,
    ("POST", "/parts/{part_id}/relations"): B_ONLY,
    ("POST", "/parts/{part_id}/share"): B_ONLY,
    ("POST", "/parts/{part_id}/six-fs"): B_ONLY,
    ("GET", "/six-fs/{run_id}"): B_ONLY,
    ("POST", "/six-fs/{run_id}/moves"): B_ONLY,
    ("GET", "/check-ins"): MINE,
    ("POST", "/check-ins"): MINE,
    # IFIO: the stages, the cycle map and a U-turn with the partner are the couple's.
    ("GET", "/ifio"): MINE,
    ("POST", "/ifio/{run_id}/signs"): MEMBERS,
    ("POST", "/ifio/{run_id}/advance"): MEMBERS,
    ("POST", "/cycle-maps"): MINE,
    ("GET", "/cycle-maps/{run_id}"): MEMBERS,
    ("POST", "/cycle-maps/{run_id}/moves"): MEMBERS,
    ("POST", "/u-turns"): MINE,
    ("GET", "/u-turns/{run_id}"): MEMBERS,
    ("POST", "/u-turns/{run_id}/moves"): MEMBERS,
    # Progress, the therapist and the practice (issue 5).
    ("GET", "/check-in/{code}"): MINE,
    ("POST", "/check-in/{code}"): MINE,
    ("GET", "/progress"): MINE,
    ("GET", "/therapist"): MINE,
    ("POST", "/therapist/invite"): MINE,
    ("POST", "/therapist/revoke"): MINE,
    # Homework is done once: A (before B) marks it done, then B gets a missing id's 404.
    ("POST", "/homework/{homework_id}/done"): MEMBERS | {"B": DENY},
    ("GET", "/practice"): THERAPISTS,
    ("POST", "/practice/join"): MINE,
    ("GET", "/practice/couples/{couple_id}"): T1_ONLY,
    ("GET", "/practice/couples/{couple_id}/print"): T1_ONLY,
    ("POST", "/practice/couples/{couple_id}/homework"): T1_ONLY,
    ("POST", "/practice/couples/{couple_id}/notes"): T1_ONLY,
    ("POST", "/practice/couples/{couple_id}/self-checks"): T1_ONLY,
    # The rest of issue 4: live runs, the Parent-Child safeguard, unburdening, the time-out page.
    ("POST", "/imago/parent-child"): MINE,
    ("POST", "/imago/runs/{run_id}/distress"): MEMBERS,
    ("GET", "/imago/runs/{run_id}/panel"): MEMBERS,
    ("GET", "/cycle-maps/{run_id}/panel"): MEMBERS,
    ("GET", "/u-turns/{run_id}/panel"): MEMBERS,
    ("WS", "/imago/runs/{run_id}/live"): MEMBERS,
    ("WS", "/cycle-maps/{run_id}/live"): MEMBERS,
    ("WS", "/u-turns/{run_id}/live"): MEMBERS,
    ("POST", "/practice/couples/{couple_id}/parent-child-safeguard"): T1_ONLY,
    ("POST", "/parts/{part_id}/unburdening"): B_ONLY,
    ("GET", "/unburdening"): MINE,
    # Unburdening is therapist-led: Alex's run is Alex's and their invited therapist's.
    ("GET", "/unburdening/{run_id}"): B_ONLY | {"T1": ALLOW},
    ("POST", "/unburdening/{run_id}/moves"): B_ONLY | {"T1": ALLOW},
    ("POST", "/time-outs"): MINE,
    ("GET", "/time-outs/{run_id}"): MEMBERS,
    ("POST", "/time-outs/{run_id}/moves"): MEMBERS,
}

EIGHT_CS = ("curiosity", "calm", "clarity", "compassion", "confidence", "courage", "creativity",
            "connectedness")  # fmt: skip

#: Form fields per POST route; ``{version}`` and ``{alex}`` come from the world.
FORMS: dict[str, dict[str, str]] = {
    "/signup": {"username": "newcomer", "display_name": "N", "password": "x" * 12},
    "/login": {"username": "alex", "password": "not alex's password"},
    "/join": {"code": "not-a-code"},
    "/dialogues": {"mode": "two_devices"},
    "/dialogues/{dialogue_id}/moves": {
        "move": "time_out",
        "version": "{version}",
        "move_key": "k1",
        "acting_as": "{alex}",
    },
    "/account/confirm": {"password": "a long enough password", "next": "/"},
    "/safety/check-in": {"safe_now": "yes", "hurt": "no", "note": "mine"},
    "/imago/runs": {"kind": "behavior_change", "mode": "one_device"},
    "/imago/runs/{run_id}/moves": {
        "move": "time_out",
        "version": "0",
        "move_key": "k2",
        "acting_as": "{alex}",
    },
    "/imago/commitments/{commitment_id}/check-ins": {"status": "partly", "note": "a note"},
    "/imago/time-out-plan": {"code_word": "pineapple", "minutes": "20"},
    "/imago/workup/moves": {"move": "next", "version": "0"},
    "/imago/workup/consent": {"consent": "true"},
    "/parts": {"name": "a new part", "role": "manager"},
    "/parts/{part_id}/card": {"name": "renamed", "role": "manager"},
    "/parts/{part_id}/triggers": {"text": "a trigger"},
    "/parts/{part_id}/burdens": {"description": "a burden", "kind": "feeling"},
    "/parts/{part_id}/relations": {"to_part": "{other_part}", "kind": "protects"},
    "/parts/{part_id}/share": {"visibility": "private"},
    "/six-fs/{run_id}/moves": {"move": "choose_trailhead", "version": "0", "text": "x"},
    "/check-ins": dict.fromkeys(EIGHT_CS, "3"),
    "/ifio/{run_id}/signs": {"sign": "screened", "version": "0"},
    "/ifio/{run_id}/advance": {"version": "0"},
    "/cycle-maps/{run_id}/moves": {"move": "describe_trigger", "version": "0", "text": "x"},
    "/u-turns": {"with_partner": "yes"},
    "/u-turns/{run_id}/moves": {"move": "notice", "version": "0", "text": "x"},
    "/practice/join": {"code": "not-a-code"},
    "/practice/couples/{couple_id}/homework": {"kind": "couples_dialogue", "due": "{due}"},
    "/practice/couples/{couple_id}/notes": {"text": "a note"},
    "/practice/couples/{couple_id}/self-checks": {
        "parts_stirred": "some",
        "felt_with": "",
        "back_to_self": "",
    },
    "/imago/parent-child": {"mode": "one_device", "trauma": "no", "distress": "2"},
    "/imago/runs/{run_id}/distress": {"distress": "2"},
    "/practice/couples/{couple_id}/parent-child-safeguard": {"on": "true"},
    "/unburdening/{run_id}/moves": {"move": "begin", "version": "0"},
    "/time-outs": {"minutes": "20"},
    "/time-outs/{run_id}/moves": {"move": "acknowledge", "version": "0"},
}
OBJECTS = ("dialogue_id", "run_id", "commitment_id", "part_id", "homework_id", "couple_id", "code")
#: ``{run_id}`` names a different kind of run under each prefix.
RUNS = {"/six-fs/": "six_fs_run", "/ifio/": "ifio_run", "/cycle-maps/": "cycle_run",
        "/u-turns/": "u_turn_run", "/unburdening/": "unburdening_run",
        "/time-outs/": "time_out_run"}  # fmt: skip


def route_keys(app) -> set[tuple[str, str]]:
    keys = set()
    for route in routes_of(app):
        if isinstance(route, APIWebSocketRoute):
            keys.add(("WS", route.path))
        elif isinstance(route, APIRoute):
            keys.update((method, route.path) for method in route.methods or ())
    return keys


@pytest.fixture
def people(sam, alex, casey, jordan, morgan):
    return {"A": sam, "B": alex, "C": casey, "T1": jordan, "T2": morgan}


def ids_for(world, template: str) -> dict[str, str]:
    """The ids to put in ``template``: ``run_id`` depends on the route's prefix."""
    run = next((world[name] for prefix, name in RUNS.items() if template.startswith(prefix)), None)
    return {name: world[name] for name in OBJECTS} | ({"run_id": run} if run else {})


def fill(template: str, ids: dict[str, str]) -> str:
    for name, value in ids.items():
        template = template.replace("{" + name + "}", value)
    return template


def plant_dialogue(wiring, sam, alex) -> tuple[str, int]:
    """A dialogue in which Alex's urgent mirror (canary 0) is withheld from Sam."""
    dialogue = dialogues.start_dialogue(
        wiring.new_uow(), by=sam.person.id, mode=dialogues.DialogueMode.TWO_DEVICES,
        clock=wiring.clock,
    )  # fmt: skip
    for person, move, words in (
        (sam, Move.REQUEST_APPOINTMENT, "The dishes on Sunday"),
        (alex, Move.ACCEPT_NOW, None),
        (sam, Move.CHUNK_DONE, "I felt alone at the sink last night."),
        (alex, Move.MIRROR, f"I am scared to say this {URGENT_MARKER} {CANARIES[0]}"),
    ):
        request = dialogues.MoveRequest(dialogue, person.person.id, person.person.id, move, words)
        dialogues.make_move(wiring.new_uow(), request, analyzer=wiring.analyzer, clock=wiring.clock)
    view = dialogues.dialogue_view(wiring.new_uow(), dialogue, viewer=sam.person.id)
    return dialogue, view.state.version


def plant_imago(wiring, sam_client, sam) -> tuple[str, str]:
    """An Imago run through to a commitment, both the couple's."""
    run = start_imago_run(wiring, sam)
    to_commitment(sam_client, run)
    found = re.search(r"/imago/commitments/(\w+)/check-ins", sam_client.get("/imago").text)
    assert found
    return run, found.group(1)


def plant_private(wiring, alex) -> None:
    """Alex's check-in note (canary 1) and a caregiver in Alex's own workup (canary 2)."""
    safety.take_screen(
        wiring.new_uow(), person=PersonId(alex.person.id),
        answers=ScreenAnswers(frozenset({"afraid"}), CANARIES[1]), clock=wiring.clock,
    )  # fmt: skip
    owner = PersonId(alex.person.id)
    for move, words in ((WorkupMoveKind.CONSENT, None), (WorkupMoveKind.ADD, CANARIES[2])):
        workup.workup_move(
            wiring.new_uow(), workup.WorkupMove(owner, move, words), clock=wiring.clock
        )


def plant_inner(wiring, alex_client, alex, jordan, couple: str) -> dict[str, str]:
    """Alex's private part (canary) and its 6 Fs run, Alex's Self-energy check-in naming a part
    (canary), the couple's IFIO run, cycle map, U-turn and homework, Jordan's note (canary)."""
    b, t1, clock = PersonId(alex.person.id), PersonId(jordan.person.id), wiring.clock
    part = parts.name_part(
        wiring.new_uow(), owner=b, name=PART_CANARY, role=PartRole.EXILE, clock=clock
    )
    other = parts.name_part(
        wiring.new_uow(), owner=b, name="a manager", role=PartRole.MANAGER, clock=clock
    )
    fears = {CardField.FEARS: f"Fears {CARD_CANARY}"}
    parts.answer(wiring.new_uow(), part.id, by=b, answers=fears, clock=clock)
    parts.add_trigger(wiring.new_uow(), part.id, by=b, text=f"When {CARD_CANARY}", clock=clock)
    burden = parts.NewBurden(BurdenKind.BELIEF, f"I am {CARD_CANARY}")
    parts.add_burden(wiring.new_uow(), part.id, by=b, burden=burden, clock=clock)
    six_fs_run = six_fs.start_six_fs(wiring.new_uow(), part=part.id, by=b, clock=clock)
    ratings = dict.fromkeys(FORMS["/check-ins"], "4") | {"part_present": SELF_CANARY}
    page = alex_client.get("/check-ins")
    taken = alex_client.post("/check-ins", data={"csrf_token": csrf_of(page), **ratings})
    assert taken.status_code == 200  # kept; no page shows the part's name back, even to Alex
    ifio_run, _ = ifio.programme_of(wiring.new_uow(), viewer=b, clock=clock)
    cycle_run = ifio.start_cycle_map(wiring.new_uow(), by=b, clock=clock)
    partner = parts.partner_of(wiring.new_uow(), person=b)
    u_turn_run = u_turn.start_u_turn(wiring.new_uow(), by=b, partner=partner, clock=clock)
    due = clock.now().date() + timedelta(days=3)
    practice.assign_homework(
        wiring.new_uow(), CoupleId(couple), HomeworkPlan("couples_dialogue", due, ""),
        therapist=t1, clock=clock,
    )  # fmt: skip
    (homework,) = practice.homework_of(wiring.new_uow(), viewer=b)
    practice.write_note(wiring.new_uow(), CoupleId(couple), NOTE_CANARY, therapist=t1, clock=clock)
    check = SelfCheck.written(CHECK_CANARY, "curious", "yes")
    practice.write_self_check(wiring.new_uow(), CoupleId(couple), check, therapist=t1, clock=clock)
    with wiring.new_uow() as uow:  # the protector's yes that the 6 Fs would record
        found = uow.parts.get(part.id, viewer=PartsViewer(b))
        assert found is not None
        uow.parts.save(found.with_permission(Permission.GRANTED), now=clock.now())
        uow.commit()
    unburdening_run = unburdening.start_unburdening(
        wiring.new_uow(), part=part.id, by=b, clock=clock
    )
    time_outs.agree_time_out_plan(
        wiring.new_uow(), by=b, code_word="pineapple", min_minutes=20, clock=clock
    )
    time_out_run = time_out_runs.call_time_out(wiring.new_uow(), by=b, minutes=20, clock=clock)
    return {
        "unburdening_run": unburdening_run, "time_out_run": time_out_run,
        "part_id": part.id, "other_part": other.id, "six_fs_run": six_fs_run, "ifio_run": ifio_run,
        "cycle_run": cycle_run, "u_turn_run": u_turn_run, "homework_id": homework.id,
        "couple_id": couple, "code": WEEKLY_CHECK_IN, "due": due.isoformat(),
    }  # fmt: skip


@pytest.fixture
def world(wiring, people, client_for, client):
    """The couple's dialogue, run and commitment; Alex's private things; the actors' clients."""
    sam, alex = people["A"], people["B"]
    run, commitment = plant_imago(wiring, client_for(sam), sam)
    dialogue, version = plant_dialogue(wiring, sam, alex)
    plant_private(wiring, alex)
    found = couples.couple_of(wiring.new_uow(), person=sam.person.id)
    assert found is not None
    inner = plant_inner(wiring, client_for(alex), alex, people["T1"], found.id)
    opened: dict[str, TestClient] = {}

    def client_of(actor: str, *, fresh: bool = False) -> TestClient:
        """One logged-in browser per actor, opened again after a route that logs out."""
        if fresh or actor not in opened:
            opened[actor] = client if actor == "anon" else client_for(people[actor])
        return opened[actor]

    return {
        "dialogue_id": dialogue,
        "run_id": run,
        "commitment_id": commitment,
        "version": str(version),
        "alex": alex.person.id,
        "client": client_of,
        **inner,
    }


def snapshot(db_url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row, but sessions' last-seen times and the audit log (reads write those)."""
    engine = create_engine(db_url)
    tables = set(inspect(engine).get_table_names()) - {"web_sessions", "audit_log"}
    with engine.connect() as connection:  # table names from the schema itself
        rows = {t: sorted(map(tuple, connection.execute(text(_all_of(t))))) for t in tables}
    engine.dispose()
    return rows


def _all_of(table: str) -> str:
    return "SELECT * FROM " + table  # noqa: S608 (names from the schema itself)


def call(
    client: TestClient, method: str, path: str, fields: dict[str, str]
) -> tuple[int, str, str]:
    """(status, body, headers) of one request, as the actor's browser would send it."""
    if method == "GET":
        response = client.get(path, follow_redirects=False)
    else:
        home = client.get("/")
        token = csrf_of(home if 'name="csrf_token"' in home.text else client.get("/login"))
        response = client.post(path, data={"csrf_token": token, **fields}, follow_redirects=False)
    return response.status_code, response.text, str(response.headers)


def watch(client: TestClient, path: str) -> tuple[int, str, str]:
    """Open the live socket: (101, first frame) when it opens, (close code, "") when refused."""
    try:
        with client.websocket_connect(path, headers=ORIGIN) as socket:
            return 101, socket.receive_text(), ""
    except WebSocketDisconnect as refused:
        return refused.code, "", ""


def destructive_last(key: tuple[str, str]) -> tuple[int, str, str]:
    """Ending sessions, then deleting accounts, go last, so the world stays whole until then."""
    method, path = key
    last = {"/therapist/revoke": 1, "/account/sessions/end-all": 2, "/account/delete": 3}
    return (last.get(path, 0), path, method)


def outcome(status: int, headers: str) -> str:
    if status == 404:
        return DENY
    if status in {401, 1008} or (status == 303 and "'location': '/login'" in headers):
        return LOGIN
    return ALLOW


def test_every_route_has_a_row_in_the_matrix(app):
    missing = route_keys(app) - MATRIX.keys()
    stale = MATRIX.keys() - route_keys(app)

    assert not missing, f"decide who may use these routes: {sorted(missing)}"
    assert not stale, f"no such routes any more: {sorted(stale)}"


class Tally:
    """What the matrix run counted, and everything the actors received."""

    def __init__(self) -> None:
        self.cells = self.unexpected = self.mismatched = self.changed = 0
        self.received: list[tuple[str, str]] = []  # (actor, what they received)

    def leaks(self) -> int:
        return sum(
            canary in chunk
            for actor, chunk in self.received
            for canary in OWNER
            if OWNER[canary] != actor
        )

    def unseen(self) -> list[str]:
        return [
            canary
            for canary, owner in OWNER.items()
            if canary in SHOWN_BACK
            and not any(actor == owner and canary in chunk for actor, chunk in self.received)
        ]

    def owners_see_their_own(self) -> bool:
        """The scan can see: each canary reaches its owner somewhere."""
        return not self.unseen()


def request_as(client: TestClient, method: str, path: str, fields: dict[str, str]):
    return watch(client, path) if method == "WS" else call(client, method, path, fields)


def run_cell(world, key: tuple[str, str], actor: str, tally: Tally, db_url: str) -> None:
    """One actor on one route: the answer, the 404 twin, the database, what came back."""
    (method, template), want = key, MATRIX[key][actor]
    fields = {k: v.format(**world) for k, v in FORMS.get(template, {}).items()}
    path = fill(template, ids_for(world, template))
    client = world["client"](actor)
    before = snapshot(db_url) if want == DENY and method != "GET" else None
    status, body, headers = request_as(client, method, path, fields)
    got = outcome(status, headers)
    if method == "WS" and status == 1008 and want in {DENY, LOGIN}:
        got = want  # a socket is refused one way for both
    tally.cells += 1
    if want in {DENY, LOGIN}:
        tally.unexpected += got == ALLOW
        assert got == want, (actor, method, template, status)
    else:  # a log-out's way back to the log-in page is it working
        assert got == ALLOW or template in LOGS_OUT, (actor, method, template, status)
    if want == DENY and "{" in template:
        missing = fill(template, dict.fromkeys(OBJECTS, MISSING))
        twin = request_as(client, method, missing, fields)
        tally.mismatched += (status, body) != twin[:2]
    if before is not None:
        tally.changed += snapshot(db_url) != before
    tally.received.append((actor, body + headers))
    if template in LOGS_OUT - {"/account/delete"}:  # after a deletion, nothing runs
        world["client"](actor, fresh=True)


def test_the_matrix_holds_for_every_route_and_actor(world, settings, caplog):
    caplog.set_level(logging.DEBUG)
    tally = Tally()
    for key in sorted(MATRIX, key=destructive_last):
        for actor in ("C", "T2", "anon", "A", "T1", "B"):  # outsiders first, world still whole
            run_cell(world, key, actor, tally, settings.resolved_database_url())
    tally.received.append(("log", caplog.text))
    record(
        "S1 authorization matrix", routes=len(MATRIX), actors=len(ACTORS), cells=tally.cells,
        unexpected_allows=tally.unexpected, not_found_mismatches=tally.mismatched,
        denied_writes_changed=tally.changed,
    )  # fmt: skip
    record("S4 canary scan (matrix)", responses_scanned=len(tally.received), hits=tally.leaks())
    assert (tally.unexpected, tally.mismatched, tally.changed, tally.leaks()) == (0, 0, 0, 0)
    assert tally.owners_see_their_own(), tally.unseen()


def test_no_canary_is_in_the_database_file(world, settings):
    """Every planted word is sealed: none is in the SQLite file's bytes, nor in its WAL."""
    path = settings.data_dir / "attunement.sqlite3"
    stored = b"".join(
        file.read_bytes() for file in (path, path.with_name(path.name + "-wal")) if file.exists()
    )

    assert b"alex" in stored  # the twin: a username is plain, and the scan sees it
    assert [canary for canary in OWNER if canary.encode() in stored] == []
