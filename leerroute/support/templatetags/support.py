"""``{% who_to_ask "practice_educator,teacher" %}``: name the actual people to ask.

For empty states and the 403 page: the first of the given kinds the signed-in
person has contacts of (``contacts.ask``), and with ``admin`` in the list also
the functional administrator; with a link to "Bij wie kan ik terecht?".
"""

from django import template

from ..contacts import ask

register = template.Library()


@register.inclusion_tag("support/partials/who_to_ask.html", takes_context=True)
def who_to_ask(context, kinds: str):
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    people = ask(user, [k.strip() for k in kinds.split(",") if k.strip()]) if signed_in else []
    return {"people": people, "signed_in": signed_in}
