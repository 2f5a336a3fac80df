"""Intervision rules by role and state (group active or ended, meeting cancelled)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from leerroute.core.access import can
from leerroute.intervision import services
from leerroute.intervision.models import IntervisionGroup, Meeting

pytestmark = pytest.mark.django_db

RIJNHOF = "Intervisie De Rijnhof"


def _group():
    return IntervisionGroup.objects.get(name=RIJNHOF)


def _meeting():
    return Meeting.objects.upcoming().filter(group__name=RIJNHOF).first()


# account -> (change_group, plan_meeting, change_meeting, register_attendance, write_notes)
TABLE = {
    "praktijkopleider1": (True, True, True, False, False),
    "beheerder": (True, True, True, False, False),
    "studentbegeleider1": (False, True, True, True, True),  # facilitator
    "werkbegeleider1": (False, False, False, False, True),  # member
    "werkbegeleider2": (False, False, False, False, False),
    "praktijkopleider2": (False, False, False, False, False),
}


@pytest.mark.parametrize("account", TABLE)
@pytest.mark.parametrize("state", ["active", "meeting cancelled", "group ended"])
def test_rule_table(account, state, demo):
    group, meeting = _group(), _meeting()
    if state == "meeting cancelled":
        services.cancel_meeting(meeting, meeting.version, by=demo["praktijkopleider1"])
    if state == "group ended":
        services.end_group(group, group.version, by=demo["praktijkopleider1"])
        meeting.group.refresh_from_db()
    expected = TABLE[account]
    user = demo[account]
    got = (
        can(user, "intervision.change_group", group if state != "group ended" else meeting.group),
        can(user, "intervision.plan_meeting", meeting.group),
        can(user, "intervision.change_meeting", meeting),
        can(user, "intervision.register_attendance", meeting),
        can(user, "intervision.write_notes", meeting),
    )
    if state == "active":
        assert got == expected
    elif state == "meeting cancelled":
        assert got == (*expected[:2], False, False, False)
    else:
        assert got == (False, False, False, False, False)


def test_practice_educator_edits_members_and_a_stale_edit_is_refused(client_for, demo):
    group = _group()
    url = reverse("intervision:group_edit", args=[group.pk])
    members = [demo["werkbegeleider1"].pk, demo["wb.tulp3"].pk, demo["wb.iris"].pk]
    data = {
        "name": group.name,
        "facilitator": group.facilitator_id,
        "members": members,
        "version": group.version,
    }
    response = client_for("praktijkopleider1").post(url, data)
    assert response.status_code == 302
    group.refresh_from_db()
    assert set(group.members.values_list("pk", flat=True)) == set(members)
    stale = client_for("beheerder").post(url, {**data, "name": "Anders", "members": members[:2]})
    assert stale.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd" in stale.content.decode()
    group.refresh_from_db()
    assert group.name == RIJNHOF and group.members.count() == 3


def test_ended_group_keeps_its_notes_readable_for_members_only(client_for, demo):
    group = _group()
    services.end_group(group, group.version, by=demo["praktijkopleider1"])
    assert not Meeting.objects.upcoming().filter(group=group).exists()  # planned: cancelled
    with pytest.raises(PermissionDenied):  # ended once; a second end is refused
        services.end_group(group, group.version, by=demo["beheerder"])
    held = Meeting.objects.filter(group=group, notes__isnull=False).first()
    page = client_for("werkbegeleider1").get(reverse("intervision:meeting_notes", args=[held.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "halverwege de dienst" in body and "<textarea" not in body
    assert "Intervisie De Rijnhof" not in client_for("werkbegeleider1").get("/").content.decode()
    refused = client_for("werkbegeleider1").post(
        reverse("intervision:meeting_notes", args=[held.pk]), {"text": "x", "version": 1}
    )
    assert refused.status_code == 403
