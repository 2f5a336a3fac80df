"""Every state change of feedback and progress reviews.

Each function is one transaction: it checks the version the user edited
(optimistic locking through ``leerroute.core.versioning``, ``Conflict`` when
someone saved in between), keeps the earlier version in the history table,
and writes with a conditional update on that version. Each function checks
the person's permission through ``leerroute.core.access.require`` (views
check first to answer 403; the check here keeps the API and commands honest),
and the integrity checks that protect the data (a work process of the
student's qualification, cited feedback of the same student).

New feedback and a newly published review notify the student
(``leerroute.notifications``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from leerroute.core import access, versioning
from leerroute.core.changes import stamp
from leerroute.core.versioning import Conflict as Conflict  # raised here, caught by the views
from leerroute.learning.models import LearningQuestion
from leerroute.notifications import kinds
from leerroute.notifications.services import notify
from leerroute.people.models import User
from leerroute.people.queries import current_placement
from leerroute.qualifications.models import WorkProcess

from . import queries
from .models import (
    Feedback,
    FeedbackVersion,
    ProgressLevel,
    ProgressReview,
    ReviewEntry,
    ReviewStatus,
    ReviewVersion,
)

NEEDS_CITATION = _lazy(
    "Haal minstens één feedbackmoment aan waarop je de beoordeling baseert, voordat je publiceert."
)


def _check_work_process(student: User, work_process: WorkProcess | None) -> None:
    if work_process is None:
        return
    allowed = queries.work_processes_of(queries.current_qualification(student))
    if not allowed.filter(pk=work_process.pk).exists():
        raise ValidationError(_("Dit werkproces hoort niet bij de kwalificatie van de student."))


def _check_learning_question(student: User, learning_question: LearningQuestion | None) -> None:
    if learning_question is None:
        return
    allowed = queries.learning_questions_for_feedback(student)
    if not allowed.filter(pk=learning_question.pk).exists():
        raise ValidationError(_("Deze leervraag hoort niet bij de student."))


@transaction.atomic
def give_feedback(
    *,
    author: User,
    student: User,
    observe: str,
    effect: str,
    pause: str,
    suggestions: str,
    work_process: WorkProcess | None = None,
    learning_question: LearningQuestion | None = None,
    client_wellbeing: bool = False,
) -> Feedback:
    """Record OEPS feedback at the student's current placement."""
    access.require(author, "feedback.give_feedback_to", student)
    _check_work_process(student, work_process)
    _check_learning_question(student, learning_question)
    feedback = Feedback.objects.create(
        author=author,
        student=student,
        placement=current_placement(student),
        work_process=work_process,
        learning_question=learning_question,
        observe=observe,
        effect=effect,
        pause=pause,
        suggestions=suggestions,
        client_wellbeing=client_wellbeing,
    )
    _notify(
        student,
        kinds.FEEDBACK_NEW,
        _lazy("%(name)s heeft je feedback gegeven"),
        author,
        reverse("feedback:detail", args=[feedback.pk]),
        key=f"feedback:{feedback.pk}",
    )
    return feedback


def _notify(student: User, kind: str, line, by: User, url: str, key: str) -> None:
    """Tell the student (in the app; by e-mail after commit if they want it). The
    line names who acted, never the feedback or the review itself (PRIV-27)."""
    with translation.override("nl"):
        text = str(line) % {"name": str(by)}
    notify([student], kind, text=text, url=url, key=key)


def _notify_published(review: ProgressReview, by: User) -> None:
    _notify(
        review.student,
        kinds.REVIEW_PUBLISHED,
        _lazy("%(name)s heeft een voortgangsbeoordeling gepubliceerd"),
        by,
        reverse("feedback:review", args=[review.pk]),
        key=f"review:{review.pk}:published",
    )


def _keep_feedback_version(feedback: Feedback, by: User) -> None:
    FeedbackVersion.objects.create(
        feedback=feedback,
        version=feedback.version,
        observe=feedback.observe,
        effect=feedback.effect,
        pause=feedback.pause,
        suggestions=feedback.suggestions,
        work_process_id=feedback.work_process_id,
        learning_question_id=feedback.learning_question_id,
        client_wellbeing=feedback.client_wellbeing,
        student_response=feedback.student_response,
        valid_from=feedback.updated_at,
        replaced_by=by,
    )


@transaction.atomic
def edit_feedback(
    feedback: Feedback,
    *,
    editor: User,
    expected_version: int,
    observe: str,
    effect: str,
    pause: str,
    suggestions: str,
    work_process: WorkProcess | None = None,
    learning_question: LearningQuestion | None = None,
    client_wellbeing: bool = False,
) -> Feedback:
    """Change the OEPS text; the earlier version is kept in ``FeedbackVersion``."""
    access.require(editor, "feedback.change_feedback", feedback)
    locked = versioning.lock(feedback, expected_version)
    _check_work_process(locked.student, work_process)
    _check_learning_question(locked.student, learning_question)
    _keep_feedback_version(locked, editor)
    return versioning.update(
        locked,
        expected_version,
        observe=observe,
        effect=effect,
        pause=pause,
        suggestions=suggestions,
        work_process=work_process,
        learning_question=learning_question,
        client_wellbeing=client_wellbeing,
        updated_at=timezone.now(),
    )


@transaction.atomic
def respond_to_feedback(
    feedback: Feedback, *, student: User, expected_version: int, response: str
) -> Feedback:
    """The student's short reaction; reacting also marks the feedback as read."""
    access.require(student, "feedback.respond_to_feedback", feedback)
    locked = versioning.lock(feedback, expected_version)
    if locked.student_response:
        _keep_feedback_version(locked, student)
    now = timezone.now()
    return versioning.update(
        locked,
        expected_version,
        student_response=response,
        responded_at=now,
        read_at=locked.read_at or now,
        updated_at=now,
    )


def mark_feedback_read(feedback: Feedback, *, by: User) -> None:
    """Idempotent: the first time counts."""
    access.require(by, "feedback.respond_to_feedback", feedback)
    Feedback.objects.filter(pk=feedback.pk, read_at__isnull=True).update(
        **stamp(Feedback, {"read_at": timezone.now()})
    )


def _review_snapshot(review: ProgressReview) -> dict:
    return {
        "review_date": review.review_date.isoformat(),
        "status": review.status,
        "summary": review.summary,
        "cited_feedback": sorted(review.cited_feedback.values_list("pk", flat=True)),
        "entries": [
            {
                "work_process": entry.work_process_id,
                "code": entry.work_process.code,
                "title": entry.work_process.title,
                "level": entry.level,
                "note": entry.note,
            }
            for entry in review.entries.select_related("work_process")
        ],
    }


def _check_review_input(
    student: User, work_processes: Iterable[WorkProcess], cited: Iterable[Feedback]
) -> None:
    allowed = set(
        queries.work_processes_of(queries.current_qualification(student)).values_list(
            "pk", flat=True
        )
    )
    if any(wp.pk not in allowed for wp in work_processes):
        raise ValidationError(_("Dit werkproces hoort niet bij de kwalificatie van de student."))
    if any(item.student_id != student.pk for item in cited):
        raise ValidationError(_("Je kunt alleen feedback van deze student aanhalen."))


@transaction.atomic
def save_review(
    *,
    author: User,
    student: User,
    review_date: datetime.date,
    summary: str,
    levels: Mapping[WorkProcess, tuple[str, str]],
    cited: list[Feedback],
    publish: bool = False,
    review: ProgressReview | None = None,
    expected_version: int | None = None,
) -> ProgressReview:
    """Create or change a progress review (levels per work process, cited feedback).

    A change keeps the earlier version in ``ReviewVersion``. ``publish``
    makes it visible to the student; a published review stays published.
    """
    if review is None:
        access.require(author, "feedback.review_student", student)
    else:
        access.require(author, "feedback.change_review", review)
    _check_review_input(student, levels.keys(), cited)
    if publish and not cited:
        raise ValidationError(NEEDS_CITATION)
    now = timezone.now()
    publishing = {"status": ReviewStatus.PUBLISHED, "published_at": now}
    if review is None:
        qualification = queries.current_qualification(student)
        if qualification is None:
            raise ValidationError(_("Deze student heeft geen inschrijving voor een kwalificatie."))
        review = ProgressReview.objects.create(
            student=student,
            qualification=qualification,
            placement=current_placement(student),
            author=author,
            review_date=review_date,
            summary=summary,
            **(publishing if publish else {}),
        )
        if publish:
            _notify_published(review, author)
    else:
        review = versioning.lock(review, expected_version)
        ReviewVersion.objects.create(
            review=review,
            version=review.version,
            snapshot=_review_snapshot(review),
            valid_from=review.updated_at,
            replaced_by=author,
        )
        changes = {"review_date": review_date, "summary": summary, "author": author}
        newly_published = publish and not review.is_published
        if newly_published:
            changes.update(publishing)
        versioning.update(review, expected_version, updated_at=now, **changes)
        if newly_published:
            _notify_published(review, author)
    review.entries.all().delete()
    ReviewEntry.objects.bulk_create(
        ReviewEntry(review=review, work_process=wp, level=ProgressLevel(level), note=note)
        for wp, (level, note) in levels.items()
    )
    review.cited_feedback.set(cited)
    return review


@transaction.atomic
def publish_review(review: ProgressReview, *, by: User, expected_version: int) -> ProgressReview:
    """Draft -> published (a conditional update: publishing twice changes nothing)."""
    access.require(by, "feedback.change_review", review)
    locked = versioning.lock(review, expected_version)
    if locked.is_published:
        return locked
    if not locked.cited_feedback.exists():
        raise ValidationError(NEEDS_CITATION)
    ReviewVersion.objects.create(
        review=locked,
        version=locked.version,
        snapshot=_review_snapshot(locked),
        valid_from=locked.updated_at,
        replaced_by=by,
    )
    now = timezone.now()
    published = versioning.update(
        locked,
        expected_version,
        status=ReviewStatus.PUBLISHED,
        published_at=now,
        updated_at=now,
    )
    _notify_published(published, by)
    return published
