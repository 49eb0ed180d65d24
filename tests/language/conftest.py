"""The analyzer under test: every language test runs on the lexical backend and, where the
sentence encoder loads on this machine, on the encoder backend too."""

import pytest

from attunement.domain.analysis import Analyzer
from attunement.language import EncoderUnavailable, get_analyzer


def _encoder_loads() -> bool:
    try:
        get_analyzer("encoder")
    except EncoderUnavailable:
        return False
    return True


@pytest.fixture(
    scope="session",
    params=["lexical", "encoder"],
)
def analyzer(request: pytest.FixtureRequest) -> Analyzer:
    if request.param == "encoder" and not _encoder_loads():
        pytest.skip("the sentence encoder does not load on this machine")
    return get_analyzer(request.param)
