"""Unburdening screens: only with the invited therapist, 404 for anyone else, pause keeps."""

import re

import pytest
from fastapi.testclient import TestClient

from attunement.domain.parts import PartRole, Permission
from attunement.services import parts
from tests.web.forms import Page, csrf_of


@pytest.fixture
def exile(wiring, sam):
    part = parts.name_part(
        wiring.new_uow(), owner=sam.person.id, name="little one", role=PartRole.EXILE,
        clock=wiring.clock,
    )  # fmt: skip
    uow = wiring.new_uow()
    with uow:
        uow.parts.save(part.with_permission(Permission.GRANTED), now=wiring.clock.now())
        uow.commit()
    return part


def open_run(client: TestClient, exile) -> Page:
    card = client.get(f"/parts/{exile.id}")
    return client.post(f"/parts/{exile.id}/unburdening", data={"csrf_token": csrf_of(card)})


def start(client: TestClient, exile) -> str:
    """The run's address, as the browser lands on it after the start."""
    card = client.get(f"/parts/{exile.id}")
    opened = client.post(f"/parts/{exile.id}/unburdening", data={"csrf_token": csrf_of(card)})
    assert opened.status_code == 200
    return str(opened.url.path)


def answer(client: TestClient, url: str, move: str, text: str = "") -> Page:
    page = client.get(url)
    version = re.search(r'name="version" value="(\d+)"', page.text)
    assert version is not None
    data = {"csrf_token": csrf_of(page), "move": move, "version": version.group(1), "text": text}
    return client.post(f"{url}/moves", data=data)


def test_without_a_therapist_sam_is_told_why(client_for, sam, exile):
    page = open_run(client_for(sam), exile)
    assert page.status_code == 409
    assert "only with your therapist present" in page.text


def test_with_the_invited_therapist_both_follow_one_run(client_for, sam, jordan, exile):
    sam_client, jordan_client = client_for(sam), client_for(jordan)
    url = start(sam_client, exile)
    assert "Nothing happens until they begin" in sam_client.get(url).text
    assert answer(jordan_client, url, "begin").status_code == 200
    page = answer(sam_client, url, "feel_toward", "tender")
    assert "Let it show or tell" in page.text
    paused = answer(sam_client, url, "pause")
    assert "Carry on" not in paused.text  # only the therapist resumes
    resumed = answer(jordan_client, url, "resume")
    assert "Let it show or tell" in resumed.text  # back at the exact step
    assert url in jordan_client.get("/unburdening").text


def test_the_client_cannot_make_the_therapists_move(client_for, sam, jordan, exile):
    sam_client = client_for(sam)
    url = start(sam_client, exile)
    refused = answer(sam_client, url, "begin")
    assert refused.status_code == 409
    assert answer(client_for(jordan), url, "begin").status_code == 200


@pytest.mark.parametrize("outsider", ["morgan", "alex", "casey"])
@pytest.mark.usefixtures("jordan")
def test_anyone_else_gets_the_same_404_as_a_missing_run(request, client_for, sam, exile, outsider):
    url = start(client_for(sam), exile)
    other = client_for(request.getfixturevalue(outsider))
    seen, missing = other.get(url), other.get("/unburdening/nothing-here")
    assert seen.status_code == missing.status_code == 404
    assert seen.content == missing.content
    assert client_for(request.getfixturevalue("jordan")).get(url).status_code == 200
