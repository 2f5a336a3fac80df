"""``{% url %}`` for every template (a builtin, see settings.TEMPLATES): Django's
tag, with the url built by ``leerroute.core.reversing`` (the same url, without
matching the route again for whole-number arguments)."""

from django import template
from django.template import defaulttags
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from leerroute.core import reversing

register = template.Library()

MISSING = object()
WHERE = "_leerroute_url_where"


class URLNode(defaulttags.URLNode):
    def render(self, context):
        # As Django's URLNode.render, with reversing.reverse.
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", MISSING)
        if current_app is MISSING:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        at = request.__dict__.get(WHERE) if request is not None else None
        if at is None:
            at = reversing.where()
            if request is not None:
                request.__dict__[WHERE] = at  # the same for the whole request
        url = ""
        try:
            url = reversing.reverse(
                view_name, args=args, kwargs=kwargs, current_app=current_app, at=at
            )
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    return URLNode(node.view_name, node.args, node.kwargs, node.asvar)
