"""During a time-out the Couple's Dialogue shows the last mirror, to pick up from there (#4)."""

from attunement.services import time_outs
from tests.web.forms import make_move


def test_a_time_out_shows_the_last_mirror_and_resuming_returns_to_the_step(
    client_for, wiring, sam, alex, dialogue
):
    time_outs.agree_time_out_plan(
        wiring.new_uow(),
        by=sam.person.id,
        code_word="pineapple",
        min_minutes=20,
        clock=wiring.clock,
    )
    sam_client, alex_client = client_for(sam), client_for(alex)
    make_move(sam_client, dialogue, "request_appointment", "Dinner")
    make_move(alex_client, dialogue, "accept_now")
    make_move(sam_client, dialogue, "chunk_done", "I felt lonely at dinner.")
    make_move(alex_client, dialogue, "mirror", "You felt lonely at dinner.")

    paused = make_move(sam_client, dialogue, "partly", "Pineapple, I'm flooded.")
    assert "the last thing mirrored was" in paused.text
    assert "You felt lonely at dinner." in paused.text

    back = make_move(alex_client, dialogue, "resume")
    assert "the last thing mirrored was" not in back.text
