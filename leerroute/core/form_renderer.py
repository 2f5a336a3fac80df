"""Django's form renderer, with the common widgets written out in Python.

A widget rendered through its templates (``input.html`` including
``attrs.html``, a select including a template per option, ...) costs a hundred
Python calls or more; a progress review renders a few hundred widgets (a level
per work process, a note each, a box per feedback item). The functions below
write exactly the markup of Django's own widget templates: the tests compare
both for every widget and value Leerroute uses. Any other template, and any
of these that an app overrides, is rendered by the templates as before.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData
from django.utils.timezone import template_localtime

WIDGETS = "django/forms/widgets/"
DJANGO_TEMPLATES = Path(django.forms.__file__).parent / "templates"


def _text(value) -> str:
    """``{{ value }}`` in a template (localized, then autoescaped as a string)."""
    value = localize(template_localtime(value))
    if not isinstance(value, str):
        value = str(value)
    return str(conditional_escape(value))


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}``: ``str()``, escaped unless already safe."""
    if isinstance(value, SafeData):
        return str(value)
    return str(escape("%s" % (value,)))  # noqa: UP031 - the filter's own formatting


def _attrs(attrs: dict) -> str:
    """``attrs.html``: ``name="value"`` each, a bare name for True, nothing for False."""
    out = []
    for name, value in attrs.items():
        if value is not False:
            out.append(" " + _text(name))
            if value is not True:
                out.append('="' + _formatted(value) + '"')
    return "".join(out)


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = ' value="' + _formatted(value) + '"' if value != None else ""  # noqa: E711 (as the template)
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>\n"
    )


def _input_option(widget: dict) -> str:
    if not widget.get("wrap_label"):
        return _input(widget) + "\n"
    field_id = widget["attrs"].get("id")
    label = f'<label for="{_text(field_id)}">' if field_id else "<label>"
    return f"{label}{_input(widget)} {_text(widget['label'])}</label>\n"


def _select_option(widget: dict) -> str:
    return (
        f'<option value="{_formatted(widget["value"])}"{_attrs(widget["attrs"])}>'
        f"{_text(widget['label'])}</option>\n"
    )


def _textarea(widget: dict) -> str:
    value = _text(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>\n'
    )


class _Unknown(Exception):
    """An option rendered by a template this module does not write."""


def _included(option: dict) -> str:
    """``{% include option.template_name with widget=option %}``."""
    write = _OPTIONS.get(option["template_name"])
    if write is None:
        raise _Unknown(option["template_name"])
    return write(option)


def _select(widget: dict) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            parts.append("\n  " + _included(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _multiple_input(widget: dict) -> str:
    field_id = widget["attrs"].get("id")
    css = widget["attrs"].get("class")
    parts = [
        "<div"
        + (f' id="{_text(field_id)}"' if field_id else "")
        + (f' class="{_text(css)}"' if css else "")
        + ">"
    ]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_text(group)}</label>")
        for option in options:
            parts.append("<div>\n    " + _included(option) + "</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n")
    return "".join(parts)


_INPUTS = [
    "checkbox",
    "color",
    "date",
    "datetime",
    "email",
    "file",
    "hidden",
    "number",
    "password",
    "search",
    "tel",
    "text",
    "time",
    "url",
]
# Each template's output before the renderer strips it: an included template
# keeps its last newline, and so does the template that includes it.
_OPTIONS: dict[str, Callable[[dict], str]] = {
    WIDGETS + "radio_option.html": lambda w: _input_option(w) + "\n",
    WIDGETS + "checkbox_option.html": lambda w: _input_option(w) + "\n",
    WIDGETS + "select_option.html": _select_option,
}
_WRITERS: dict[str, Callable[[dict], str]] = {
    **{WIDGETS + f"{name}.html": lambda w: _input(w) + "\n" for name in _INPUTS},
    WIDGETS + "input.html": _input,
    WIDGETS + "input_option.html": _input_option,
    WIDGETS + "textarea.html": _textarea,
    WIDGETS + "select.html": _select,
    WIDGETS + "radio.html": lambda w: _multiple_input(w) + "\n",
    WIDGETS + "checkbox_select.html": lambda w: _multiple_input(w) + "\n",
    WIDGETS + "multiple_input.html": _multiple_input,
    **_OPTIONS,
}
# The templates each writer stands in for (an override of any of them by an
# app switches the writer off).
_USES = {
    "input": ["input.html", "attrs.html"],
    "option": ["input_option.html", "input.html", "attrs.html"],
    "select": ["select.html", "select_option.html", "attrs.html"],
    "multiple": ["multiple_input.html", "input_option.html", "input.html", "attrs.html"],
}


class FastWidgetRenderer(DjangoTemplates):
    """``FORM_RENDERER``: Django's templates renderer, with the widgets above
    written in Python while Django's own templates are the ones in use."""

    def render(self, template_name, context, request=None):
        write = self._writers.get(template_name)
        widget = context.get("widget") if isinstance(context, dict) else None
        if write is None or not isinstance(widget, dict) or len(context) != 1:
            return super().render(template_name, context, request)
        try:
            # A plain string, as Django's renderer returns: the widget marks it
            # safe (every value in it is escaped above).
            return write(widget).strip()
        except _Unknown:
            return super().render(template_name, context, request)

    @property
    def _writers(self) -> dict[str, Callable[[dict], str]]:
        found = self.__dict__.get("_checked_writers")
        if found is None:
            found = self.__dict__["_checked_writers"] = {
                name: write for name, write in _WRITERS.items() if self._djangos_own(name)
            }
        return found

    def _djangos_own(self, name: str) -> bool:
        short = name.removeprefix(WIDGETS)
        if short in {f"{n}.html" for n in _INPUTS} or short == "input.html":
            needed = [short, *_USES["input"]]
        elif short in {"radio_option.html", "checkbox_option.html", "input_option.html"}:
            needed = [short, *_USES["option"]]
        elif short in {"select.html", "select_option.html"}:
            needed = _USES["select"]
        elif short in {"radio.html", "checkbox_select.html", "multiple_input.html"}:
            needed = [short, *_USES["multiple"], "radio_option.html", "checkbox_option.html"]
        else:
            needed = [short, "attrs.html"]
        for template in needed:
            origin = Path(self.get_template(WIDGETS + template).origin.name)
            if not origin.is_relative_to(DJANGO_TEMPLATES):
                return False
        return True


__all__ = ["FastWidgetRenderer"]
