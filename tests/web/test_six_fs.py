"""The 6 Fs screens: one question per step, a private run, a stale tab kept with its words."""

import re

import pytest
from fastapi.testclient import TestClient

from attunement.domain.parts import PartRole
from attunement.services import parts
from tests.web.forms import Page, csrf_of


@pytest.fixture
def sam_client(client_for, sam):
    return client_for(sam)


@pytest.fixture
def critic(wiring, sam):
    return parts.name_part(
        wiring.new_uow(),
        owner=sam.person.id,
        name="the critic",
        role=PartRole.MANAGER,
        clock=wiring.clock,
    )


def start(client: TestClient, critic) -> Page:
    card = client.get(f"/parts/{critic.id}")
    response = client.post(f"/parts/{critic.id}/six-fs", data={"csrf_token": csrf_of(card)})
    assert response.status_code == 200
    return response


def answer(client: TestClient, page: Page, move: str, text: str = "") -> Page:
    run = re.search(r'action="(/six-fs/[^"]+/moves)"', page.text)
    version = re.search(r'name="version" value="(\d+)"', page.text)
    assert run is not None
    assert version is not None
    data = {"csrf_token": csrf_of(page), "move": move, "version": version.group(1), "text": text}
    return client.post(run.group(1), data=data)


def test_the_six_fs_walk_fills_the_card(sam_client, critic, wiring, sam):
    page = start(sam_client, critic)
    assert "Which moment would you like to start from?" in page.text
    for move, text in [
        ("choose_trailhead", "snapped at dinner"),
        ("locate", "tight jaw"),
        ("attending", ""),
        ("describe", "a sharp teacher"),
        ("feel_toward", "annoyed by it"),
    ]:
        page = answer(sam_client, page, move, text)
        assert page.status_code == 200
    assert "Could it step back" in page.text
    assert "annoyed" in page.text  # the words that decided are shown
    page = answer(sam_client, answer(sam_client, page, "stepped_back"), "feel_toward", "curious")
    page = answer(sam_client, page, "befriend", "keeps me from mistakes")

    assert "What is the critic afraid would happen" in page.text
    card = parts.visible_part(wiring.new_uow(), critic.id, viewer=sam.person.id)
    assert (card.body_location, card.does) == ("tight jaw", "keeps me from mistakes")


def test_an_empty_answer_is_refused_and_the_step_shown_again(sam_client, critic):
    page = start(sam_client, critic)
    refused = answer(sam_client, page, "choose_trailhead", "   ")
    assert refused.status_code == 422
    assert "Write a few words first" in refused.text


def test_a_stale_tab_is_refused_with_its_words_kept(sam_client, critic):
    page = start(sam_client, critic)
    answer(sam_client, page, "choose_trailhead", "first tab")
    stale = answer(sam_client, page, "choose_trailhead", "second tab words")
    assert stale.status_code == 409
    assert "second tab words" in stale.text


@pytest.mark.parametrize("intruder", ["alex", "casey"])
def test_someone_elses_run_is_404_like_a_missing_one(
    intruder, request, client_for, sam_client, critic
):
    page = start(sam_client, critic)
    run = re.search(r'action="(/six-fs/[^"]+)/moves"', page.text)
    assert run is not None
    client = client_for(request.getfixturevalue(intruder))

    response = client.get(run.group(1))
    never_existed = client.get("/six-fs/no-such-run")

    assert response.status_code == 404
    assert response.content == never_existed.content


def test_someone_elses_part_cannot_start_a_run(client_for, alex, critic):
    client = client_for(alex)
    page = client.get("/parts")
    response = client.post(f"/parts/{critic.id}/six-fs", data={"csrf_token": csrf_of(page)})
    assert response.status_code == 404
