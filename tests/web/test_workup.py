"""The Imago Workup page: private to its owner, saved at each step, overlaps only with two yeses."""

import re

from fastapi.testclient import TestClient

from tests.web.forms import Page, csrf_of

LISTS = {
    "Who raised you": ["my mother"],
    "Their good traits": ["warm"],
    "Their hard traits": ["distant when worried"],
    "What you wanted most": ["to be noticed"],
}


def workup_move(client: TestClient, move: str, text: str | None = None, index=None) -> Page:
    page = client.get("/imago/workup")
    version = re.search(r'name="version" value="(\d+)"', page.text)
    assert version
    data = {"csrf_token": csrf_of(page), "move": move, "version": version.group(1)}
    if text is not None:
        data["text"] = text
    if index is not None:
        data["index"] = str(index)
    return client.post("/imago/workup/moves", data=data)


def fill(client: TestClient, partner_trait: str | None = None) -> Page:
    workup_move(client, "consent")
    for entries in LISTS.values():
        for text in entries:
            workup_move(client, "add", text)
        workup_move(client, "next")
    for _ in range(3):  # frustrations, feelings, reactions: optional
        workup_move(client, "next")
    page = workup_move(client, "accept")
    if partner_trait is not None:
        page = workup_move(client, "add", partner_trait)
    return page


def consent(client: TestClient) -> Page:
    page = client.get("/imago/workup")
    return client.post(
        "/imago/workup/consent", data={"csrf_token": csrf_of(page), "consent": "true"}
    )


def test_the_workup_is_reached_from_the_family_page_and_starts_with_consent(client_for, sam, alex):
    client = client_for(sam)
    assert 'href="/imago/workup"' in client.get("/imago").text
    page = client.get("/imago/workup")
    assert "private to you" in page.text
    assert ">Begin</button>" in page.text


def test_filling_the_lists_offers_a_draft_made_of_the_owners_words(client_for, sam, alex):
    client = client_for(sam)
    workup_move(client, "consent")
    for entries in LISTS.values():
        for text in entries:
            workup_move(client, "add", text)
        workup_move(client, "next")
    workup_move(client, "next")
    workup_move(client, "next")
    page = workup_move(client, "next")
    assert "I was raised by my mother." in page.text
    assert "to be noticed" in page.text


def test_a_required_list_left_empty_is_refused_with_a_gentle_word(client_for, sam, alex):
    client = client_for(sam)
    workup_move(client, "consent")
    refused = workup_move(client, "next")
    assert refused.status_code == 422
    assert "Add at least one entry" in refused.text
    workup_move(client, "add", "my aunt")
    assert "Their good traits" in workup_move(client, "next").text


def test_the_partner_never_sees_the_owners_workup(client_for, sam, alex):
    fill(client_for(sam), partner_trait="cold at times")
    alex_page = client_for(alex).get("/imago/workup")
    for secret in ("my mother", "distant when worried", "to be noticed", "cold at times"):
        assert secret not in alex_page.text
    assert "my mother" in client_for(sam).get("/imago/workup").text


def test_overlaps_appear_only_when_both_partners_say_yes(client_for, sam, alex):
    sam_client, alex_client = client_for(sam), client_for(alex)
    fill(sam_client)
    workup_move(sam_client, "next")  # to the partner's hard traits
    workup_move(sam_client, "add", "cold at times")

    consent(sam_client)
    alone = sam_client.get("/imago/workup")
    assert "Waiting for your partner to say yes too." in alone.text
    assert "distant when worried ↔ cold at times" not in alone.text

    consent(alex_client)
    both = sam_client.get("/imago/workup")
    assert "distant when worried ↔ cold at times" in both.text
    assert "cold at times" not in alex_client.get("/imago/workup").text
