"""Your data: export your own (JSON and CSV), delete your account, keep your partner's data."""

import csv
import io
import json

from attunement.services import measures
from attunement.services.instruments import WEEKLY_CHECK_IN
from attunement.services.measures import CheckIn
from attunement.store.measures import Sharing
from attunement.web.deps import Components
from tests.web.conftest import Persona
from tests.web.forms import csrf_of
from tests.web.test_progress import KEYS


def check_in(wiring: Components, persona: Persona, level: int) -> None:
    answers = dict.fromkeys(KEYS, level)
    measures.check_in(
        wiring.new_uow(),
        CheckIn(WEEKLY_CHECK_IN, answers, Sharing(with_partner=True)),
        by=persona.person.id,
        clock=wiring.clock,
    )


def test_the_json_export_has_my_answers_and_none_of_my_partners(sam, alex, wiring, client_for):
    check_in(wiring, sam, 3)
    check_in(wiring, alex, 1)

    response = client_for(sam).get("/account/export.json")

    data = json.loads(response.text)
    assert response.headers["content-disposition"].startswith("attachment")
    assert data["account"]["username"] == "sam"
    assert [c["answers"]["glad"] for c in data["check_ins"]] == [3]
    assert "alex" not in response.text.lower()


def test_the_scores_csv_has_the_total_and_subscales(sam, wiring, client_for):
    check_in(wiring, sam, 2)

    response = client_for(sam).get("/account/scores.csv")

    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows[0]["score"] == "total"
    assert float(rows[0]["value"]) == 24  # 9 items at 2, 3 reverse-keyed at 4 - 2
    assert {row["score"] for row in rows} >= {"trust", "burnout"}


def test_deleting_needs_the_password(sam, client_for):
    client = client_for(sam)

    refused = client.post(
        "/account/delete", data={"password": "wrong", "csrf_token": csrf_of(client.get("/account"))}
    )

    assert refused.status_code == 422
    assert client.get("/progress").status_code == 200  # still logged in, nothing deleted


def test_deleting_my_account_keeps_my_partners_data(sam, alex, wiring, client_for):
    check_in(wiring, sam, 3)
    check_in(wiring, alex, 1)
    client = client_for(alex)

    gone = client.post(
        "/account/delete",
        data={"password": alex.password, "csrf_token": csrf_of(client.get("/account"))},
    )

    assert gone.status_code == 200
    assert client.get("/progress", follow_redirects=False).status_code in (302, 303)
    sam_data = json.loads(client_for(sam).get("/account/export.json").text)
    assert [c["answers"]["glad"] for c in sam_data["check_ins"]] == [3]
    assert "Alex" not in client_for(sam).get("/progress").text


def test_each_download_of_my_data_is_in_the_audit_log_without_its_content(
    sam, alex, wiring, client_for
):
    check_in(wiring, sam, 2)
    client = client_for(sam)

    client.get("/account/export.json")
    client.get("/account/scores.csv")

    with wiring.new_uow() as uow:
        mine = uow.audit.of_actor(sam.person.id, ("export",))
        alexs = uow.audit.of_actor(alex.person.id, ("export",))
    assert [entry.object_kind for entry in mine] == ["scores", "person"]
    assert alexs == []  # the twin: who did not download has no entry
