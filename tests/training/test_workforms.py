"""The work-form catalogue."""

from django.urls import reverse

from leerroute.training.models import WorkForm


def test_oeps_is_seeded_with_its_steps_in_order(client_for):
    oeps = WorkForm.objects.get(slug="oeps")
    assert oeps.kind == "feedback"
    assert [s.title for s in oeps.steps.all()] == [
        "Observeren",
        "Effect",
        "Pauzeren/samenvatten",
        "Suggesties",
    ]
    html = (
        client_for("student1")
        .get(reverse("training:workform_detail", args=["oeps"]))
        .content.decode()
    )
    assert html.index("Observeren") < html.index("Effect") < html.index("Suggesties")
    assert "OEPS-zakkaart" in html


def test_catalogue_lists_intervision_methods(client_for):
    html = (
        client_for("werkbegeleider1")
        .get(reverse("training:workform_list"), {"soort": "intervision"})
        .content.decode()
    )
    for title in ("Incidentmethode", "Roddelmethode", "Balint-methode", "Vijf-minutenmethode"):
        assert title in html
    assert "OEPS-feedback" not in html


def test_trainer_adds_a_work_form_with_ordered_steps(client_for, demo):
    client = client_for("trainer")
    response = client.post(
        reverse("training:workform_create"),
        {
            "title": "Feedforward",
            "kind": "feedback",
            "purpose": "Vooruitkijken.",
            "duration_minutes": 10,
            "steps": "Doel: wat wil je bereiken?\n\nTip: een tip voor de volgende keer\nAfspraak",
        },
    )
    work_form = WorkForm.objects.get(title="Feedforward")
    assert response.status_code == 302
    assert work_form.slug == "feedforward"
    assert [(s.position, s.title, s.description) for s in work_form.steps.all()] == [
        (1, "Doel", "wat wil je bereiken?"),
        (2, "Tip", "een tip voor de volgende keer"),
        (3, "Afspraak", ""),
    ]
    # The creator may edit it; another trainer-like role may not.
    assert client.get(reverse("training:workform_edit", args=["feedforward"])).status_code == 200
    edit = client_for("praktijkopleider1").get(
        reverse("training:workform_edit", args=["feedforward"])
    )
    assert edit.status_code == 403


def test_bad_work_form_input_changes_nothing(client_for):
    count = WorkForm.objects.count()
    response = client_for("trainer").post(
        reverse("training:workform_create"),
        {"title": "", "kind": "feedback", "purpose": "", "duration_minutes": 0, "steps": " \n "},
    )
    html = response.content.decode()
    for message in (
        "Geef de werkvorm een naam.",
        "Beschrijf het doel.",
        "De duur is minstens 1 minuut.",
    ):
        assert message in html
    assert "Beschrijf minstens één stap." in html
    assert WorkForm.objects.count() == count


def test_workform_list_query_count_is_constant(client_for, django_assert_max_num_queries):
    client = client_for("student1")
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("training:workform_list"))
    for i in range(20):
        WorkForm.objects.create(
            slug=f"extra-{i}", title=f"Extra {i}", kind="other", purpose="-", duration_minutes=5
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("training:workform_list")).status_code == 200
