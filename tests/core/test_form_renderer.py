"""The form renderer writes the common widgets in Python: exactly the markup of
Django's own widget templates, for every widget and kind of value Leerroute uses."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from leerroute.core.form_renderer import FastWidgetRenderer

TEMPLATES = DjangoTemplates()
FAST = FastWidgetRenderer()

TEXTS = [None, "", "gewoon", "a<b> & \"c\" 'd'", mark_safe("<b>veilig</b>"), 1234567, 0]
ATTRS = [
    {},
    {"id": "id_x", "class": "wide", "maxlength": 100, "required": True, "disabled": False},
    {"aria-describedby": "id_x_error id_x_help", "data-n": 2.5, "autofocus": True},
    {"placeholder": gettext_lazy("Maak een keuze"), "id": ""},
]
CHOICES = [
    ("", "---------"),
    (1, "één"),
    ("b", 'twee <"b">'),
    (3, gettext_lazy("student")),
    ("Groep", [("g1", "in een groep"), (5, 5)]),
]


def _both(widget, name, value, attrs=None):
    return (
        widget.render(name, value, attrs, renderer=TEMPLATES),
        widget.render(name, value, attrs, renderer=FAST),
    )


INPUT_WIDGETS = [
    forms.TextInput(),
    forms.NumberInput(),
    forms.EmailInput(),
    forms.URLInput(),
    forms.HiddenInput(),
    forms.PasswordInput(render_value=True),
    forms.PasswordInput(),
    forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    forms.DateTimeInput(),
    forms.TimeInput(),
    forms.Textarea(attrs={"rows": 5}),
    forms.SearchInput(),
    forms.TelInput(),
    forms.ColorInput(),
    forms.FileInput(),
]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("widget", INPUT_WIDGETS, ids=lambda w: type(w).__name__)
def test_inputs_are_written_as_the_templates_write_them(widget, language):
    values = [*TEXTS, datetime.date(2027, 3, 5), datetime.datetime(2027, 3, 5, 9, 30)]
    with translation.override(language):
        for value in values:
            for attrs in ATTRS:
                slow, fast = _both(widget, "veld_1", value, attrs)
                assert fast == slow, (value, attrs)


@pytest.mark.parametrize("checked", [True, False, None, "", "on"])
def test_a_checkbox_is_written_as_the_template_writes_it(checked):
    for attrs in ATTRS:
        slow, fast = _both(forms.CheckboxInput(), "akkoord", checked, attrs)
        assert fast == slow


CHOICE_WIDGETS = [
    forms.Select(),
    forms.SelectMultiple(),
    forms.NullBooleanSelect(),
    forms.RadioSelect(),
    forms.CheckboxSelectMultiple(),
    forms.RadioSelect(attrs={"class": "levels"}),
]


@pytest.mark.parametrize("widget", CHOICE_WIDGETS, ids=lambda w: type(w).__name__)
def test_choices_are_written_as_the_templates_write_them(widget):
    values = [None, "", True, False, "true", "unknown"]
    if not isinstance(widget, forms.NullBooleanSelect):
        widget.choices = CHOICES
        values = [None, "", 1, "1", "b", ["b", 5], [], "g1", True, "unknown"]
    for language in ("nl", "en"):
        with translation.override(language):
            for value in values:
                for attrs in ATTRS:
                    slow, fast = _both(widget, "keuze", value, attrs)
                    assert fast == slow, (value, attrs)


class _LevelForm(forms.Form):
    level = forms.ChoiceField(
        choices=[("a", "Nog niet"), ("b", "Op niveau")], widget=forms.RadioSelect
    )
    boxes = forms.MultipleChoiceField(
        choices=[(1, "Eén <i>"), (2, gettext_lazy("student"))],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


@pytest.mark.parametrize("data", [None, {"level": "b", "boxes": ["2"]}, {"level": "x"}])
def test_each_option_tag_is_written_as_the_template_writes_it(data):
    """The templates render radio buttons and boxes one by one (``{{ radio.tag }}``)."""
    slow_form = _LevelForm(data, renderer=TEMPLATES)
    fast_form = _LevelForm(data, renderer=FAST)
    for name in ("level", "boxes"):
        slow = [(w.tag(), w.tag(wrap_label=True), str(w)) for w in slow_form[name]]
        fast = [(w.tag(), w.tag(wrap_label=True), str(w)) for w in fast_form[name]]
        assert fast == slow
        assert str(fast_form[name]) == str(slow_form[name])


def test_model_choices_are_written_as_the_templates_write_them(demo):
    from leerroute.people.models import User

    field = forms.ModelChoiceField(queryset=User.objects.order_by("pk")[:5])
    many = forms.ModelMultipleChoiceField(
        queryset=User.objects.order_by("pk")[:5], widget=forms.CheckboxSelectMultiple
    )
    first = User.objects.order_by("pk").first()
    for form_field, value in ((field, first.pk), (many, [first.pk])):
        widget = form_field.widget
        widget.choices = form_field.choices
        slow, fast = _both(widget, "wie", value, {"id": "id_wie"})
        assert fast == slow


def test_a_widget_template_overridden_by_an_app_is_rendered_by_the_template(tmp_path):
    override = tmp_path / "django" / "forms" / "widgets"
    override.mkdir(parents=True)
    (override / "input.html").write_text('<input data-eigen name="{{ widget.name }}">')

    class Overridden(FastWidgetRenderer):
        @property
        def engine(self):
            engine = self.__dict__.get("_engine")
            if engine is None:
                engine = self.__dict__["_engine"] = self.backend(
                    {
                        "APP_DIRS": True,
                        "DIRS": [tmp_path, *TEMPLATES.engine.dirs],
                        "NAME": "overridden",
                        "OPTIONS": {},
                    }
                )
            return engine

    rendered = forms.TextInput().render("naam", "x", renderer=Overridden())
    assert rendered == '<input data-eigen name="naam">'
    # Templates that do not use the overridden one are still written in Python.
    slow, fast = _both(forms.Select(choices=CHOICES), "keuze", 1)
    assert fast == slow


def test_the_project_renders_forms_with_it(settings):
    from django.forms.renderers import get_default_renderer

    assert settings.FORM_RENDERER == "leerroute.core.form_renderer.FastWidgetRenderer"
    assert isinstance(get_default_renderer(), FastWidgetRenderer)


def test_the_common_widgets_are_written_without_a_template(monkeypatch):
    """Not a fallback in disguise: none of these goes through the templates."""
    used: list[str] = []
    render = DjangoTemplates.render

    def recording(self, template_name, context, request=None):
        used.append(template_name)
        return render(self, template_name, context, request)

    monkeypatch.setattr(DjangoTemplates, "render", recording)
    renderer = FastWidgetRenderer()
    for widget in [*INPUT_WIDGETS, forms.CheckboxInput()]:
        widget.render("veld", "waarde", {"id": "id_veld"}, renderer=renderer)
    for widget in CHOICE_WIDGETS:
        if not isinstance(widget, forms.NullBooleanSelect):
            widget.choices = CHOICES
        widget.render("keuze", "b", {"id": "id_keuze"}, renderer=renderer)
    form = _LevelForm(renderer=renderer)
    [w.tag() for w in form["level"]]
    assert used == []
    forms.ClearableFileInput().render("bestand", None, renderer=renderer)
    assert used == ["django/forms/widgets/clearable_file_input.html"]
