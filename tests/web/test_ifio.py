"""The IFIO pages: the stage page, the cycle map picture, the U-turn with the engine's reading."""

import re

import pytest
from fastapi.testclient import TestClient

from attunement.services import time_outs
from tests.web.forms import Page, csrf_of


@pytest.fixture
def sam_client(client_for, sam, alex):
    return client_for(sam)


@pytest.fixture
def alex_client(client_for, alex):
    return client_for(alex)


def send(client: TestClient, page: Page, move: str, text: str = "", **extra: str) -> Page:
    action = re.search(r'action="(/[a-z-]+/[^"]+/moves)"', page.text)
    version = re.search(r'name="version" value="(\d+)"', page.text)
    assert action is not None
    assert version is not None
    data = {"csrf_token": csrf_of(page), "move": move, "version": version.group(1), "text": text}
    return client.post(action.group(1), data={**data, **extra})


def test_the_stage_page_shows_stage_one_and_its_signs(sam_client):
    page = sam_client.get("/ifio")
    assert page.status_code == 200
    assert "Stage 1: Creating a safe space" in page.text
    assert "can name one hope and one fear" in page.text


def test_ticking_a_sign_shows_whose_it_is(sam_client):
    page = sam_client.get("/ifio")
    run = re.search(r'action="/ifio/([^/]+)/signs"', page.text)
    assert run is not None
    response = sam_client.post(
        f"/ifio/{run.group(1)}/signs",
        data={"csrf_token": csrf_of(page), "sign": "hope_and_fear", "version": "0"},
    )
    assert response.status_code == 200
    assert '<span class="shared">Sam</span>' in response.text


def test_a_cycle_map_is_drawn_and_each_partner_writes_only_their_side(sam_client, alex_client):
    started = sam_client.post("/cycle-maps", data={"csrf_token": csrf_of(sam_client.get("/ifio"))})
    url = started.url.path
    page = send(sam_client, started, "describe_trigger", "Alex comes home late")
    page = send(sam_client, page, "describe_feeling", "<script>x</script> scared")

    alex_view = alex_client.get(url)
    refused = send(alex_client, alex_view, "describe_move", "Sam sends messages")

    assert "<svg" in alex_view.text
    assert "&lt;script&gt;" in alex_view.text
    assert "<script>x" not in alex_view.text
    assert refused.status_code == 409


def test_someone_elses_cycle_map_is_404_like_a_missing_one(sam_client, client_for, casey):
    page = sam_client.post("/cycle-maps", data={"csrf_token": csrf_of(sam_client.get("/ifio"))})
    url = page.url.path
    client = client_for(casey)
    assert client.get(url).status_code == 404
    assert client.get(url).content == client.get("/cycle-maps/no-such-map").content


def test_a_u_turn_uses_the_engines_reading_for_the_writer_only(sam_client, alex_client):
    started = sam_client.post(
        "/u-turns", data={"csrf_token": csrf_of(sam_client.get("/ifio")), "with_partner": "yes"}
    )
    url = started.url.path
    page: Page = started
    for move, text in [
        ("notice", "You never listen to me!"),
        ("breathe", ""),
        ("notice_inside", "hot face"),
        ("name_part", "the prosecutor"),
        ("name_need", "to matter"),
        ("feel_toward", "curious"),
        ("speak_for", "A part of me gets angry; underneath it wants to matter to you."),
    ]:
        page = send(sam_client, page, move, text)
        assert page.status_code == 200
    partner = alex_client.get(url)

    assert "You spoke for a part rather than from it" in page.text
    assert "wants to matter to you" in partner.text
    assert "the prosecutor" not in partner.text
    assert "You spoke for a part" not in partner.text
    done = send(alex_client, partner, "mirror", "A part of you gets angry and wants to matter.")
    assert "Done. Well turned." not in done.text  # Alex sees the end, but the prompts are Sam's
    assert "Heard:" in done.text


@pytest.fixture
def planned(wiring, sam, alex):
    time_outs.agree_time_out_plan(
        wiring.new_uow(), by=sam.person.id, code_word="pineapple", min_minutes=20,
        clock=wiring.clock,
    )  # fmt: skip


@pytest.mark.usefixtures("planned")
def test_the_code_word_on_a_cycle_map_pauses_it_for_the_couples_break(sam_client, alex_client):
    started = sam_client.post("/cycle-maps", data={"csrf_token": csrf_of(sam_client.get("/ifio"))})
    url = started.url.path
    called = send(sam_client, started, "describe_trigger", "Pineapple. I can't right now.")

    assert called.url.path.startswith("/time-outs/")
    panel = alex_client.get(f"{url}/panel")
    assert f'data-goto="{called.url.path}"' in panel.text
    assert "can't right now" not in panel.text  # the words are never kept
    assert f'href="{url}" data-way-back' in alex_client.get(called.url.path).text


@pytest.mark.usefixtures("planned")
def test_a_cycle_map_without_the_word_goes_on(sam_client, alex_client):
    started = sam_client.post("/cycle-maps", data={"csrf_token": csrf_of(sam_client.get("/ifio"))})
    moved = send(sam_client, started, "describe_trigger", "Pine cones everywhere")
    assert moved.url.path == started.url.path
    assert "data-goto" not in alex_client.get(f"{started.url.path}/panel").text


@pytest.mark.usefixtures("planned")
def test_the_code_word_in_a_u_turn_with_the_partner_calls_the_break(sam_client, alex_client):
    ifio_page = sam_client.get("/ifio")
    started = sam_client.post(
        "/u-turns", data={"csrf_token": csrf_of(ifio_page), "with_partner": "yes"}
    )
    called = send(sam_client, started, "notice", "pineapple")
    assert called.url.path.startswith("/time-outs/")
    assert "data-goto" in alex_client.get(f"{started.url.path}/panel").text


@pytest.mark.usefixtures("planned")
def test_the_code_word_in_a_u_turn_alone_is_just_a_word(sam_client):
    ifio_page = sam_client.get("/ifio")
    started = sam_client.post(
        "/u-turns", data={"csrf_token": csrf_of(ifio_page), "with_partner": "no"}
    )
    moved = send(sam_client, started, "notice", "pineapple")
    assert moved.url.path == started.url.path
