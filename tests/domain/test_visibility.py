"""Private by default; each share reaches exactly one audience."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attunement.domain.ids import PartId, PersonId
from attunement.domain.parts import Part, PartRole
from attunement.domain.visibility import Viewer, Visibility, may_see

SAM, ALEX, JORDAN, CASEY, MORGAN = (
    PersonId(n) for n in ("sam", "alex", "jordan", "casey", "morgan")
)
VIEWERS = {
    "sam": Viewer(SAM, partners=frozenset({ALEX})),
    "alex": Viewer(ALEX, partners=frozenset({SAM})),
    "jordan": Viewer(JORDAN, clients=frozenset({SAM, ALEX})),
    "casey": Viewer(CASEY),
    "morgan": Viewer(MORGAN),
}
WHO_SEES = {
    Visibility.PRIVATE: {"sam"},
    Visibility.SHARED_WITH_PARTNER: {"sam", "alex"},
    Visibility.SHARED_WITH_THERAPIST: {"sam", "jordan"},
}


def sams_part(visibility: Visibility) -> Part:
    return Part.named(PartId("p"), SAM, "the critic", PartRole.MANAGER).shared_as(visibility)


@pytest.mark.parametrize("visibility", list(Visibility))
@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_each_visibility_reaches_its_owner_and_one_audience(visibility, viewer):
    assert may_see(VIEWERS[viewer], sams_part(visibility)) == (viewer in WHO_SEES[visibility])


@given(
    owner=st.sampled_from([SAM, ALEX, CASEY]),
    visibility=st.sampled_from(Visibility),
    viewer=st.sampled_from(list(VIEWERS.values())),
)
def test_nobody_outside_the_couple_and_its_therapist_ever_sees(owner, visibility, viewer):
    part = Part.named(PartId("p"), owner, "n", PartRole.UNKNOWN).shared_as(visibility)
    if may_see(viewer, part) and viewer.person != owner:
        assert owner in viewer.partners | viewer.clients
        assert visibility is not Visibility.PRIVATE
