"""Named permissions for personal API tokens: a person manages their own."""

import rules


@rules.predicate
def is_self(user, person):
    return person is not None and person.pk == user.pk


@rules.predicate
def owns_token(user, token):
    return token is not None and token.user_id == user.pk


rules.add_perm("api.create_token", rules.is_authenticated & is_self)
rules.add_perm("api.revoke_token", rules.is_authenticated & owns_token)
