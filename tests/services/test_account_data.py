"""Export and deletion: only one's own data leaves, and deletion never removes the partner's."""

import pytest

from attunement.domain.errors import InvalidInput
from attunement.domain.ids import PersonId
from attunement.services import account_data, accounts, couples, practice
from attunement.services.account_data import Erasure, csv_cell
from attunement.store.crypto import KeyDestroyed
from tests.conftest import PERSONA_PASSWORD
from tests.dialogues import ROUND


@pytest.fixture
def played(talk, sam, alex):
    """A full round of the Couple's Dialogue: Sam sent, Alex listened."""
    dialogue = talk.start(sam)
    talk.play_all(dialogue, {"sam": sam, "alex": alex}, ROUND)
    return talk, dialogue


def test_the_export_holds_my_own_words_and_not_my_partners(uow, sam, played):
    data = account_data.export_person(uow, person=sam.id, clock=played[0].clock)

    turns = data["dialogue_turns"]
    assert isinstance(turns, list)
    said = [turn["text"] for turn in turns]
    assert "I felt alone at the sink last night." in said
    assert not any("What reached me" in text for text in said)  # Alex's mirror


def test_deleting_alex_blanks_alexs_words_and_keeps_sams(uow, hasher, sam, alex, played):
    talk, dialogue = played

    erasure = Erasure(alex.id, PERSONA_PASSWORD)
    account_data.delete_account(uow, erasure, hasher=hasher, clock=talk.clock)

    turns = talk.view(dialogue, sam).turns
    assert {turn.speaker for turn in turns} == {sam.id}
    assert "I felt alone at the sink last night." in [turn.text for turn in turns]
    view = couples.couple_view(uow, viewer=sam.id)
    assert view is not None
    assert view.partner is None  # Sam stays, alone, with the history


def test_a_deleted_account_cannot_log_in(uow, hasher, clock, lifetime, alex):
    account_data.delete_account(uow, Erasure(alex.id, PERSONA_PASSWORD), hasher=hasher, clock=clock)

    with pytest.raises(InvalidInput):
        accounts.log_in(
            uow, username="alex", password=PERSONA_PASSWORD, hasher=hasher, clock=clock,
            lifetime=lifetime,
        )  # fmt: skip


def test_the_wrong_password_deletes_nothing(uow, hasher, clock, sam, played):
    with pytest.raises(InvalidInput, match=r"account\.password"):
        account_data.delete_account(uow, Erasure(sam.id, "not it"), hasher=hasher, clock=clock)

    assert account_data.export_person(uow, person=sam.id, clock=played[0].clock)["dialogue_turns"]


def test_a_deleted_therapist_loses_the_couple_and_their_notes(uow, hasher, clock, couple, jordan):
    practice.write_note(uow, couple.id, "Private.", therapist=jordan.id, clock=clock)

    account_data.delete_account(
        uow, Erasure(jordan.id, PERSONA_PASSWORD), hasher=hasher, clock=clock
    )

    assert practice.dashboard(uow, therapist=jordan.id, clock=clock) == []
    assert account_data.export_person(uow, person=jordan.id, clock=clock)["therapist_writing"] == []


@pytest.mark.parametrize(
    ("value", "cell"),
    [("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("@x", "'@x"), ("-2", "'-2"), ("36", "36")],
)
def test_csv_cells_never_start_a_formula(value, cell):
    assert csv_cell(value) == cell


def test_when_the_inviter_leaves_the_partner_keeps_the_couple_and_its_dialogues(
    uow, hasher, sam, alex, played
):
    talk, dialogue = played

    erasure = Erasure(sam.id, PERSONA_PASSWORD)
    account_data.delete_account(uow, erasure, hasher=hasher, clock=talk.clock)

    view = couples.couple_view(uow, viewer=alex.id)
    assert view is not None
    assert view.couple.partner_a == alex.id
    assert view.partner is None
    turns = talk.view(dialogue, alex).turns
    assert {turn.speaker for turn in turns} == {alex.id}  # Sam's words are gone, Alex's stay


def test_deleting_destroys_the_data_key_so_backups_cannot_be_read(uow, hasher, alex, played):
    talk, _dialogue = played

    erasure = Erasure(alex.id, PERSONA_PASSWORD)
    account_data.delete_account(uow, erasure, hasher=hasher, clock=talk.clock)

    with uow, pytest.raises(KeyDestroyed):
        uow.sealer.open(PersonId(alex.id), ("turns", "x"), "v1:AAAA")


def test_each_export_is_audited_by_who_and_when_never_by_content(uow, clock, sam, alex, played):
    account_data.export_person(uow, person=sam.id, clock=clock)
    account_data.scores_csv(uow, person=sam.id, clock=clock)

    with uow:
        mine = uow.audit.of_actor(sam.id, ("export",))
        alexs = uow.audit.of_actor(alex.id, ("export",))
        assert uow.audit.verify_chain() >= 2
    assert [(e.action, e.object_kind, e.object_id) for e in mine] == [
        ("export", "scores", sam.id),
        ("export", "person", sam.id),
    ]
    assert alexs == []  # Alex exported nothing, so nothing is recorded for Alex
