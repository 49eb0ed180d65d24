"""The start page: a welcome for visitors, the couple and dialogues for a partner."""


def test_a_visitor_is_welcomed(client):
    response = client.get("/")

    assert "Create an account" in response.text
    assert "Start a dialogue" not in response.text


def test_a_partner_without_a_partner_is_asked_to_invite(client_for, sam):
    page = client_for(sam).get("/").text

    assert "Invite my partner" in page
    assert "Start a dialogue" not in page


def test_a_couple_can_start_a_dialogue(client_for, alex):
    page = client_for(alex).get("/").text

    assert "You and Sam are connected." in page
    assert "Start a dialogue" in page


def test_the_list_shows_only_our_own_dialogues(client_for, dialogue, casey):
    assert f"/dialogues/{dialogue}" in client_for(casey).get("/").text is False or (
        f"/dialogues/{dialogue}" not in client_for(casey).get("/").text
    )


def test_the_list_shows_the_couples_dialogue(client_for, dialogue, alex):
    assert f"/dialogues/{dialogue}" in client_for(alex).get("/").text
