"""The dialogue screen: who sees it, whose turn it is, and every refusal with its twin."""

import pytest

from tests.fakes import URGENT_MARKER
from tests.queries import QueryLog, recording_every_engine
from tests.web.forms import csrf_of, make_move, move_fields

CHUNK = "When you were on your phone at dinner I felt lonely. I had news about my interview."
MIRROR = "If I got that, at dinner I was on my phone and you felt lonely. Did I get it?"


@pytest.fixture
def sam_client(client_for, sam):
    return client_for(sam)


@pytest.fixture
def alex_client(client_for, alex):
    return client_for(alex)


@pytest.fixture
def at_mirror(dialogue, sam_client, alex_client):
    """Sam asked to talk, Alex said yes, Sam sent a chunk: Alex is to mirror."""
    make_move(sam_client, dialogue, "request_appointment", "Dinner last night")
    make_move(alex_client, dialogue, "accept_now")
    make_move(sam_client, dialogue, "chunk_done", CHUNK)
    return dialogue


@pytest.mark.parametrize("partner", ["sam", "alex"])
def test_both_partners_see_their_dialogue(partner, request, client_for, at_mirror):
    response = client_for(request.getfixturevalue(partner)).get(f"/dialogues/{at_mirror}")

    assert response.status_code == 200
    assert CHUNK in response.text
    assert "Dinner last night" in response.text


@pytest.mark.parametrize("intruder", ["casey", "morgan"])
def test_another_couples_dialogue_is_404_like_a_missing_one(
    intruder, request, client_for, at_mirror
):
    client = client_for(request.getfixturevalue(intruder))

    response = client.get(f"/dialogues/{at_mirror}")
    never_existed = client.get("/dialogues/no-such-dialogue")

    assert response.status_code == 404
    assert CHUNK not in response.text
    assert "Dinner" not in response.text
    assert response.content == never_existed.content


@pytest.mark.parametrize("intruder", ["casey", "morgan"])
def test_an_outsider_cannot_move_or_read_the_panel(
    intruder, request, client_for, at_mirror, alex_client
):
    client = client_for(request.getfixturevalue(intruder))
    fields = move_fields(alex_client.get(f"/dialogues/{at_mirror}"), "mirror")
    fields |= {"csrf_token": csrf_of(client.get("/")), "text": MIRROR}

    panel = client.get(f"/dialogues/{at_mirror}/panel")
    moved = client.post(f"/dialogues/{at_mirror}/moves", data=fields)

    assert panel.status_code == moved.status_code == 404
    assert CHUNK not in panel.text + moved.text
    assert MIRROR not in alex_client.get(f"/dialogues/{at_mirror}").text


def test_the_partner_reads_the_panel(at_mirror, alex_client):
    panel = alex_client.get(f"/dialogues/{at_mirror}/panel")

    assert panel.status_code == 200
    assert CHUNK in panel.text
    assert "<html" not in panel.text


def test_the_screen_says_whose_turn_it_is_and_offers_the_stem(at_mirror, sam_client, alex_client):
    alex_page = alex_client.get(f"/dialogues/{at_mirror}").text
    sam_page = sam_client.get(f"/dialogues/{at_mirror}").text

    assert "Your turn" in alex_page
    assert "If I got that, you said" in alex_page
    assert "Alex&#39;s turn" in sam_page
    assert "Alex is saying back what they heard" in sam_page
    assert 'value="mirror"' not in sam_page


def test_a_move_out_of_turn_is_409_and_keeps_the_words(at_mirror, sam_client):
    fields = move_fields(sam_client.get(f"/dialogues/{at_mirror}"), "time_out")

    refused = sam_client.post(
        f"/dialogues/{at_mirror}/moves", data={**fields, "move": "mirror", "text": MIRROR}
    )

    assert refused.status_code == 409
    assert "your partner" in refused.text
    assert MIRROR in refused.text  # the words are kept
    assert MIRROR not in sam_client.get(f"/dialogues/{at_mirror}").text


def test_acting_for_the_partner_on_two_devices_is_409(at_mirror, sam_client, alex):
    fields = move_fields(sam_client.get(f"/dialogues/{at_mirror}"), "time_out")

    refused = sam_client.post(
        f"/dialogues/{at_mirror}/moves",
        data={**fields, "move": "mirror", "text": MIRROR, "acting_as": alex.id},
    )

    assert refused.status_code == 409
    assert MIRROR not in sam_client.get(f"/dialogues/{at_mirror}").text


def test_the_receiver_mirrors_in_turn(at_mirror, alex_client):
    response = make_move(alex_client, at_mirror, "mirror", MIRROR)

    assert response.status_code == 200
    assert MIRROR in response.text
    assert "Sam is checking whether your mirror caught it" in response.text


def test_the_receiver_sees_feedback_on_their_mirror_and_the_sender_does_not(
    at_mirror, sam_client, alex_client
):
    alex_page = make_move(alex_client, at_mirror, "mirror", MIRROR).text
    sam_page = sam_client.get(f"/dialogues/{at_mirror}").text

    assert "About your mirror" in alex_page
    assert 'role="meter"' in alex_page
    assert "About your mirror" not in sam_page
    assert "Yes, you got it" in sam_page
    assert "Partly" in sam_page


def test_only_the_sender_decides_whether_the_mirror_landed(at_mirror, sam_client, alex_client):
    make_move(alex_client, at_mirror, "mirror", MIRROR)

    assert 'value="accurate"' not in alex_client.get(f"/dialogues/{at_mirror}").text
    response = make_move(sam_client, at_mirror, "partly", "And the interview mattered most.")

    assert response.status_code == 200
    assert "And the interview mattered most." in alex_client.get(f"/dialogues/{at_mirror}").text
    assert "Your turn" in alex_client.get(f"/dialogues/{at_mirror}").text


def test_an_empty_message_is_refused_kindly(at_mirror, alex_client):
    response = make_move(alex_client, at_mirror, "mirror", "   ")

    assert response.status_code == 422
    assert "Write a few words first" in response.text
    assert "Your turn" in response.text


def test_a_very_long_message_comes_back_whole_with_a_kind_error(at_mirror, alex_client):
    long_text = "I heard you. " * 1540  # about 20,000 characters

    response = make_move(alex_client, at_mirror, "mirror", long_text)

    assert response.status_code == 422
    assert "smaller piece" in response.text
    assert long_text.strip() in response.text


def test_a_stale_tab_shows_the_latest_state_and_keeps_the_draft(at_mirror, sam_client, alex_client):
    old = move_fields(alex_client.get(f"/dialogues/{at_mirror}"), "time_out")
    make_move(alex_client, at_mirror, "mirror", MIRROR)
    draft = "A second thought I was still typing."

    stale = alex_client.post(
        f"/dialogues/{at_mirror}/moves", data={**old, "move": "mirror", "text": draft}
    )

    assert stale.status_code == 409
    assert "Things moved on" in stale.text
    assert draft in stale.text
    assert "Sam is checking" in stale.text


def test_a_double_submit_makes_the_move_once(at_mirror, alex_client):
    fields = {**move_fields(alex_client.get(f"/dialogues/{at_mirror}"), "mirror"), "text": MIRROR}

    first = alex_client.post(f"/dialogues/{at_mirror}/moves", data=fields)
    second = alex_client.post(f"/dialogues/{at_mirror}/moves", data=fields)

    assert first.status_code == second.status_code == 200
    assert second.text.count(MIRROR) == 1


def test_a_refused_move_answers_json_when_asked(at_mirror, sam_client):
    fields = move_fields(sam_client.get(f"/dialogues/{at_mirror}"), "time_out")

    response = sam_client.post(
        f"/dialogues/{at_mirror}/moves",
        data={**fields, "move": "accurate"},
        headers={"accept": "application/json"},
    )

    assert response.status_code == 409
    assert response.json()["error"] == "dialogue.move_not_allowed"


def test_a_safety_hold_reads_the_same_neutral_way_to_both(at_mirror, sam_client, alex_client):
    make_move(alex_client, at_mirror, "mirror", f"{MIRROR} {URGENT_MARKER}")

    alex_page = alex_client.get(f"/dialogues/{at_mirror}/panel").text
    sam_page = sam_client.get(f"/dialogues/{at_mirror}/panel").text

    assert "This conversation is paused." in alex_page
    assert "This conversation is paused." in sam_page
    assert URGENT_MARKER not in sam_page
    assert "About your mirror" not in alex_page
    assert "safety" not in sam_page.lower()
    assert alex_page == sam_page  # nothing tells who paused it, or why


def test_a_move_while_paused_is_409_with_the_same_message(at_mirror, sam_client, alex_client):
    fields = move_fields(sam_client.get(f"/dialogues/{at_mirror}"), "time_out")
    make_move(alex_client, at_mirror, "mirror", f"{MIRROR} {URGENT_MARKER}")

    refused = sam_client.post(f"/dialogues/{at_mirror}/moves", data={**fields, "version": "2"})

    assert refused.status_code == 409
    assert "This conversation is paused." in refused.text
    assert 'value="accurate"' not in refused.text


def test_starting_needs_a_partner(client_for, sam):
    client = client_for(sam)

    response = client.post(
        "/dialogues", data={"csrf_token": csrf_of(client.get("/")), "mode": "two_devices"}
    )

    assert response.status_code == 422
    assert "Invite your partner first" in response.text


def test_starting_with_a_partner_opens_the_dialogue(client_for, sam, alex):
    client = client_for(sam)

    response = client.post(
        "/dialogues", data={"csrf_token": csrf_of(client.get("/")), "mode": "two_devices"}
    )

    assert response.status_code == 200
    assert "Ask Alex for a time to talk" in response.text


def test_pass_and_play_acts_for_whoever_has_the_turn(shared_screen, sam_client):
    make_move(sam_client, shared_screen, "request_appointment", "Weekend plans")

    page = sam_client.get(f"/dialogues/{shared_screen}").text
    accepted = make_move(sam_client, shared_screen, "accept_now")

    assert "Alex&#39;s turn" in page
    assert "Hand the device to Alex" in page
    assert accepted.status_code == 200
    assert "Sam&#39;s turn" in accepted.text


def writes(log: QueryLog) -> list[str]:
    return [s for s in log.statements if s.split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]


def test_fetching_the_panel_reads_a_pinned_number_of_queries_and_writes_nothing(
    at_mirror, alex_client
):
    alex_client.get(f"/dialogues/{at_mirror}/panel")

    with recording_every_engine() as log:
        panel = alex_client.get(f"/dialogues/{at_mirror}/panel")

    assert CHUNK in panel.text
    assert writes(log) == []
    # BEGIN, the session; BEGIN, the dialogue, both data keys, this round's turns, names, the
    # last move (a resume's recap)
    assert log.count == 8


def test_a_live_move_costs_a_pinned_number_of_queries(at_mirror, sam_client, alex_client):
    make_move(alex_client, at_mirror, "mirror", MIRROR)
    make_move(sam_client, at_mirror, "partly", "And the news was the job.")
    fields = move_fields(alex_client.get(f"/dialogues/{at_mirror}"), "mirror") | {"text": MIRROR}

    with recording_every_engine() as log:
        moved = alex_client.post(
            f"/dialogues/{at_mirror}/moves", data=fields, headers={"accept": "application/json"}
        )

    assert moved.json()["version"] == 6
    # BEGIN, the session; BEGIN IMMEDIATE, the dialogue, both data keys, move key, safety
    # hold, couple and time-out plan (code word), what was said (this round's turns), next
    # index, the turn, new state: nothing of the view is read back (the screen fetches its own)
    assert log.count == 13
    assert [s.split()[0] for s in writes(log)] == ["INSERT", "UPDATE"]
