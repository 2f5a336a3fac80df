"""Named permissions for notifications: a person acts on their own only."""

import rules


@rules.predicate
def is_recipient(user, notification):
    return notification is not None and notification.recipient_id == user.pk


rules.add_perm("notifications.see_notifications", rules.is_authenticated)
rules.add_perm("notifications.mark_read", rules.is_authenticated & is_recipient)
rules.add_perm("notifications.change_preferences", rules.is_authenticated)
