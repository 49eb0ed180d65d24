"""Private by default; each share reaches exactly one audience."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attunement.domain.ids import PartId, PersonId
from attunement.domain.parts import Part, PartRole
from attunement.domain.visibility import NotTheOwner, Sharing, Viewer, Visibility, may_see, reshared

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


PRIVATE, PARTNER, THERAPIST = (
    Visibility.PRIVATE, Visibility.SHARED_WITH_PARTNER, Visibility.SHARED_WITH_THERAPIST,
)  # fmt: skip
#: (now, change) -> after: the whole sharing machine, written out by hand.
MACHINE = {
    (PRIVATE, Sharing.SHARE_WITH_PARTNER): PARTNER,
    (PRIVATE, Sharing.SHARE_WITH_THERAPIST): THERAPIST,
    (PRIVATE, Sharing.UNSHARE): PRIVATE,
    (PRIVATE, Sharing.REVOKE_PARTNER): PRIVATE,
    (PRIVATE, Sharing.REVOKE_THERAPIST): PRIVATE,
    (PARTNER, Sharing.SHARE_WITH_PARTNER): PARTNER,
    (PARTNER, Sharing.SHARE_WITH_THERAPIST): THERAPIST,
    (PARTNER, Sharing.UNSHARE): PRIVATE,
    (PARTNER, Sharing.REVOKE_PARTNER): PRIVATE,
    (PARTNER, Sharing.REVOKE_THERAPIST): PARTNER,
    (THERAPIST, Sharing.SHARE_WITH_PARTNER): PARTNER,
    (THERAPIST, Sharing.SHARE_WITH_THERAPIST): THERAPIST,
    (THERAPIST, Sharing.UNSHARE): PRIVATE,
    (THERAPIST, Sharing.REVOKE_PARTNER): THERAPIST,
    (THERAPIST, Sharing.REVOKE_THERAPIST): PRIVATE,
}


@pytest.mark.parametrize(("now", "change"), list(MACHINE))
def test_each_change_of_sharing_lands_where_the_table_says(now, change):
    assert reshared(sams_part(now), by=SAM, change=change) is MACHINE[now, change]


@pytest.mark.parametrize("visibility", list(Visibility))
def test_the_share_form_reaches_what_it_names_from_anywhere(visibility):
    for now in Visibility:
        assert reshared(sams_part(now), by=SAM, change=Sharing.toward(visibility)) is visibility


@given(changes=st.lists(st.sampled_from(Sharing), max_size=12))
def test_after_any_changes_a_revoked_audience_sees_nothing(changes):
    part = sams_part(PRIVATE)
    for change in changes:
        part = part.shared_as(reshared(part, by=SAM, change=change))
    for change, audience in (
        (Sharing.REVOKE_PARTNER, "alex"),
        (Sharing.REVOKE_THERAPIST, "jordan"),
    ):
        revoked = part.shared_as(reshared(part, by=SAM, change=change))
        assert not may_see(VIEWERS[audience], revoked)
    unshared = part.shared_as(reshared(part, by=SAM, change=Sharing.UNSHARE))
    assert {name for name, viewer in VIEWERS.items() if may_see(viewer, unshared)} == {"sam"}


@pytest.mark.parametrize("intruder", [ALEX, JORDAN, CASEY])
def test_only_the_owner_changes_who_sees_an_item(intruder):
    with pytest.raises(NotTheOwner):
        reshared(sams_part(PRIVATE), by=intruder, change=Sharing.SHARE_WITH_PARTNER)
