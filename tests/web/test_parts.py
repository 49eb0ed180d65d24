"""The parts pages: the map, the card, sharing one part; another's private part is a plain 404."""

import pytest

from attunement.domain.parts import PartRole
from attunement.domain.visibility import Visibility
from attunement.services import parts
from tests.web.forms import csrf_of

SECRET = "the hidden critic"


@pytest.fixture
def sam_client(client_for, sam):
    return client_for(sam)


@pytest.fixture
def alex_client(client_for, alex):
    return client_for(alex)


@pytest.fixture
def critic(wiring, sam, alex):
    """Sam's private part (Alex is Sam's partner)."""
    return parts.name_part(
        wiring.new_uow(),
        owner=sam.person.id,
        name=SECRET,
        role=PartRole.MANAGER,
        clock=wiring.clock,
    )


def post(client, path: str, data: dict[str, str]):
    page = client.get("/parts")
    return client.post(path, data={"csrf_token": csrf_of(page), **data})


def test_naming_a_part_puts_it_on_the_map_with_self_at_the_centre(sam_client):
    response = post(sam_client, "/parts", {"name": "the planner", "role": "manager"})

    assert response.status_code == 200
    assert "<h1>the planner</h1>" in response.text
    page = sam_client.get("/parts")
    assert "<svg" in page.text
    assert ">Self</text>" in page.text
    assert "the planner" in page.text


def test_an_empty_name_is_refused_with_the_form_shown_again(sam_client):
    response = post(sam_client, "/parts", {"name": "   ", "role": "manager"})
    assert response.status_code == 422
    assert "Give the part a name" in response.text


def test_a_part_name_with_a_script_tag_is_escaped_on_the_map_and_the_card(sam_client):
    card = post(sam_client, "/parts", {"name": "<script>alert(1)</script>", "role": "exile"})
    page = sam_client.get("/parts")
    for response in (card, page):
        assert "<script>alert(1)</script>" not in response.text
        assert "&lt;script&gt;" in response.text


@pytest.mark.parametrize("intruder", ["alex", "casey", "morgan"])
def test_a_private_part_is_404_byte_identical_to_a_missing_one(
    intruder, request, client_for, critic
):
    client = client_for(request.getfixturevalue(intruder))

    response = client.get(f"/parts/{critic.id}")
    never_existed = client.get("/parts/no-such-part")

    assert response.status_code == 404
    assert SECRET not in response.text
    assert response.content == never_existed.content


def test_the_owner_reads_and_edits_their_own_private_part(sam_client, critic):
    response = sam_client.get(f"/parts/{critic.id}")
    assert response.status_code == 200
    assert SECRET in response.text
    saved = post(
        sam_client,
        f"/parts/{critic.id}/card",
        {"name": SECRET, "role": "manager", "fears": "being laughed at"},
    )
    assert saved.status_code == 200
    assert "being laughed at" in saved.text


def test_sharing_one_part_shows_it_to_the_partner_read_only(
    sam_client, alex_client, critic, wiring, sam
):
    other = parts.name_part(
        wiring.new_uow(),
        owner=sam.person.id,
        name="still private",
        role=PartRole.EXILE,
        clock=wiring.clock,
    )
    shared = post(sam_client, f"/parts/{critic.id}/share", {"visibility": "shared_with_partner"})
    assert shared.status_code == 200

    card = alex_client.get(f"/parts/{critic.id}")
    partner_map = alex_client.get("/parts/partner")

    assert card.status_code == 200
    assert SECRET in card.text
    assert "Edit the card" not in card.text
    assert SECRET in partner_map.text
    assert "still private" not in partner_map.text
    assert alex_client.get(f"/parts/{other.id}").status_code == 404


def test_unsharing_hides_the_part_again(sam_client, alex_client, critic):
    post(sam_client, f"/parts/{critic.id}/share", {"visibility": "shared_with_partner"})
    post(sam_client, f"/parts/{critic.id}/share", {"visibility": "private"})
    assert alex_client.get(f"/parts/{critic.id}").status_code == 404


def test_a_shared_part_cannot_be_changed_by_the_partner(alex_client, critic, wiring):
    parts.share(
        wiring.new_uow(),
        critic.id,
        by=critic.owner,
        visibility=Visibility.SHARED_WITH_PARTNER,
        clock=wiring.clock,
    )
    refused = post(alex_client, f"/parts/{critic.id}/card", {"name": "renamed", "role": "exile"})
    resharing = post(alex_client, f"/parts/{critic.id}/share", {"visibility": "private"})

    assert refused.status_code == resharing.status_code == 404
    assert parts.visible_part(wiring.new_uow(), critic.id, viewer=critic.owner).name == SECRET


def test_triggers_burdens_and_relations_are_added_from_the_card(sam_client, critic, wiring, sam):
    little = parts.name_part(
        wiring.new_uow(),
        owner=sam.person.id,
        name="little one",
        role=PartRole.EXILE,
        clock=wiring.clock,
    )
    post(sam_client, f"/parts/{critic.id}/triggers", {"text": "raised voices"})
    post(
        sam_client,
        f"/parts/{critic.id}/burdens",
        {"description": "I must be perfect", "kind": "belief"},
    )
    post(sam_client, f"/parts/{critic.id}/relations", {"to_part": little.id, "kind": "protects"})

    card = sam_client.get(f"/parts/{critic.id}")
    page = sam_client.get("/parts")

    assert "raised voices" in card.text
    assert "I must be perfect" in card.text
    assert 'data-kind="protects"' in page.text


def test_the_partner_map_is_404_without_a_partner(client_for, casey, morgan):
    assert client_for(morgan).get("/parts/partner").status_code == 404
    assert client_for(casey).get("/parts/partner").status_code == 200


def test_the_parts_pages_need_a_login(client):
    response = client.get("/parts", follow_redirects=False)
    assert response.status_code in (302, 303)


def test_a_part_shared_with_the_therapist_reaches_the_invited_one_read_only(
    sam_client, client_for, critic, jordan, morgan
):
    post(sam_client, f"/parts/{critic.id}/share", {"visibility": "shared_with_therapist"})

    card = client_for(jordan).get(f"/parts/{critic.id}")

    assert card.status_code == 200
    assert SECRET in card.text
    assert "Edit the card" not in card.text
    assert client_for(morgan).get(f"/parts/{critic.id}").status_code == 404
