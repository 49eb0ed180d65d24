"""A couple's side of the therapist link: a one-time code, revocation, homework."""

from datetime import timedelta

from attunement.services import practice
from attunement.services.practice import HomeworkPlan
from tests.web.forms import csrf_of, invitation_code


def test_a_partner_makes_a_code_shown_once(sam, alex, client_for):
    client = client_for(sam)

    page = client.post("/therapist/invite", data={"csrf_token": csrf_of(client.get("/therapist"))})

    assert page.status_code == 200
    assert len(invitation_code(page).replace("-", "")) == 26
    assert "code" not in client.get("/therapist").text.split("Therapist code")[0][-5:]


def test_the_page_names_the_therapist_and_either_partner_revokes(alex, jordan, client_for):
    client = client_for(alex)
    page = client.get("/therapist")
    assert "Jordan is your therapist" in page.text

    client.post("/therapist/revoke", data={"csrf_token": csrf_of(page)})

    assert "You have no therapist connected" in client.get("/therapist").text


def test_homework_shows_for_the_couple_and_is_marked_done(
    sam, jordan, client_for, wiring, couple_id
):
    plan = HomeworkPlan("couples_dialogue", wiring.clock.now().date() + timedelta(days=2), "Talk")
    practice.assign_homework(
        wiring.new_uow(), couple_id, plan, therapist=jordan.person.id, clock=wiring.clock
    )
    client = client_for(sam)
    page = client.get("/therapist")
    assert "A Couple&#39;s Dialogue" in page.text
    (homework,) = practice.homework_of(wiring.new_uow(), viewer=sam.person.id)

    client.post(f"/homework/{homework.id}/done", data={"csrf_token": csrf_of(page)})

    assert "· done" in client.get("/therapist").text


def test_another_couple_cannot_mark_the_homework_done(jordan, casey, client_for, wiring, couple_id):
    plan = HomeworkPlan("couples_dialogue", wiring.clock.now().date(), "")
    practice.assign_homework(
        wiring.new_uow(), couple_id, plan, therapist=jordan.person.id, clock=wiring.clock
    )
    homework = practice.couple_summary(
        wiring.new_uow(), couple_id, therapist=jordan.person.id, clock=wiring.clock
    ).homework[0]
    client = client_for(casey)
    token = csrf_of(client.get("/therapist"))

    refused = client.post(f"/homework/{homework.id}/done", data={"csrf_token": token})
    missing = client.post("/homework/no-such-homework/done", data={"csrf_token": token})

    assert refused.status_code == 404
    assert refused.content == missing.content
