"""The progress report (voortgangsverslag) of one student as PDF, with fpdf2.

For the twice-yearly conversation (driegesprek) and the student's portfolio:
the placement and enrolment, the learning questions with their status, a
feedback summary per work process and the latest published progress reviews.
Everything is read through the viewer's own scopes (``queries.py`` of each
app): the report never holds more than the viewer's pages show.

Structure: the headings are real PDF headings (fpdf2 ``start_section``: a
document outline and marked structure elements), the document language is
Dutch and it has a title. fpdf2 does not tag body text or tables; that is the
limit of the library (decision: fpdf2 is pure Python and needs no system
packages; WeasyPrint would need pango).

Fonts: DejaVu Sans when the font files exist (``REPORT_FONT_DIR``, default
Debian's ``fonts-dejavu-core``: full Unicode); otherwise the PDF core font
Helvetica, with text reduced to Latin-1 (accents kept, other characters
simplified), so the report always renders.

Further sections come from other apps with ``register_section(function)``:
``function(student, viewer)`` returns ``None`` (nothing to show) or
``(heading, [lines])`` of what the viewer may see. The conversations app adds
the agreements of held conversations (``leerroute/conversations/report.py``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone

from leerroute.feedback import queries as feedback_queries
from leerroute.learning import queries as learning_queries
from leerroute.people import queries as people
from leerroute.people.models import Enrollment, User

Section = Callable[[User, User], tuple[str, list[str]] | None]
_SECTIONS: list[Section] = []
LATEST_REVIEWS = 2


def register_section(function: Section) -> Section:
    """Add a section (e.g. the agreements of conversations) to every report."""
    if function not in _SECTIONS:
        _SECTIONS.append(function)
    return function


def _font_dir() -> Path:
    return Path(getattr(settings, "REPORT_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))


def _new_pdf(title: str):
    from fpdf import FPDF
    from fpdf.fonts import TextStyle

    pdf = FPDF(format="A4")
    pdf.set_lang("nl")
    pdf.set_title(title)
    pdf.set_author("Leerroute")
    pdf.set_creator("Leerroute")
    regular, bold = _font_dir() / "DejaVuSans.ttf", _font_dir() / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        pdf.lr_family, pdf.lr_unicode = "DejaVu", True
    else:
        pdf.lr_family, pdf.lr_unicode = "Helvetica", False
    pdf.set_section_title_styles(
        TextStyle(font_family=pdf.lr_family, font_style="B", font_size_pt=18, b_margin=4),
        TextStyle(
            font_family=pdf.lr_family, font_style="B", font_size_pt=14, t_margin=6, b_margin=2
        ),
        TextStyle(
            font_family=pdf.lr_family, font_style="B", font_size_pt=11, t_margin=3, b_margin=1
        ),
    )
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(pdf.lr_family, "", 10)
    return pdf


class _Writer:
    def __init__(self, title: str):
        self.pdf = _new_pdf(title)

    def text(self, value) -> str:
        value = "" if value is None else str(value)
        if self.pdf.lr_unicode:
            return value
        value = value.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
        value = value.replace("–", "-").replace("—", "-").replace("…", "...")
        out = []
        for char in value:
            try:
                char.encode("latin-1")
                out.append(char)
            except UnicodeEncodeError:
                base = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore")
                out.append(base.decode("latin-1") or "?")
        return "".join(out)

    def heading(self, title: str, level: int) -> None:
        self.pdf.start_section(self.text(title), level=level)
        self.pdf.set_font(self.pdf.lr_family, "", 10)

    def paragraph(self, value, bold=False) -> None:
        self.pdf.set_font(self.pdf.lr_family, "B" if bold else "", 10)
        self.pdf.multi_cell(0, 5, self.text(value), new_x="LMARGIN", new_y="NEXT")
        self.pdf.set_font(self.pdf.lr_family, "", 10)

    def pair(self, label: str, value) -> None:
        self.paragraph(f"{label}: {value if value not in (None, '') else '–'}")

    def gap(self) -> None:
        self.pdf.ln(2)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _date(value) -> str:
    return value.strftime("%d-%m-%Y") if value else "–"


def _name(user) -> str:
    return str(user) if user else "–"


def build(student: User, viewer: User) -> bytes:
    """The PDF of ``student``'s progress as ``viewer`` may see it."""
    name = _name(student)
    w = _Writer(f"Voortgangsverslag {name}")
    w.heading(f"Voortgangsverslag van {name}", 0)
    w.paragraph(f"Gemaakt op {_date(timezone.localdate())} voor het driegesprek en het portfolio.")

    # Placement and enrolment
    w.heading("BPV-plaats en opleiding", 1)
    placement = people.current_placement(student)
    if placement is not None:
        team = placement.team
        w.pair("Team", f"{team.name}, {team.department.name}, {team.department.organisation}")
        w.pair("Periode", f"{_date(placement.start_date)} tot en met {_date(placement.end_date)}")
        w.pair("Werkbegeleider(s)", ", ".join(_name(m) for m in placement.mentors.all()))
        w.pair("Studentbegeleider", _name(placement.assessor))
    else:
        w.paragraph("Geen BPV-plaats op dit moment.")
    enrollment = (
        Enrollment.objects.active()
        .filter(student=student)
        .select_related("cohort", "qualification__level")
        .order_by("-start_date")
        .first()
    )
    if enrollment is not None:
        w.pair("Klas", str(enrollment.cohort))
        w.pair("Kwalificatie", str(enrollment.qualification))
        if enrollment.qualification.crebo:
            w.pair("Crebo", enrollment.qualification.crebo)

    # Learning questions
    w.heading("Leervragen", 1)
    questions = list(
        learning_queries.learning_questions_visible_to(viewer)
        .filter(student=student)
        .prefetch_related("work_processes")
        .order_by("-updated_at", "-pk")
    )
    if not questions:
        w.paragraph("Geen leervragen.")
    for number, question in enumerate(questions, start=1):
        w.heading(f"Leervraag {number}: {question.get_status_display()}", 2)
        w.paragraph(question.question)
        codes = ", ".join(wp.code for wp in question.work_processes.all())
        w.pair("Werkprocessen", codes)
        w.pair("Streefdatum", _date(question.target_date))
        if question.reflection:
            w.pair("Reflectie", question.reflection)

    # Feedback per work process
    w.heading("Feedback per werkproces", 1)
    feedback = feedback_queries.feedback_visible_to(viewer).filter(student=student)
    per_process = {
        row["work_process"]: row
        for row in feedback.filter(work_process__isnull=False)
        .values("work_process")
        .annotate(n=Count("pk"), last=Max("created_at"))
    }
    latest = {}
    for item in feedback.filter(work_process__isnull=False).order_by("-created_at", "-pk"):
        latest.setdefault(item.work_process_id, item)
    qualification = enrollment.qualification if enrollment else None
    processes = list(feedback_queries.work_processes_of(qualification))
    if not processes and not per_process:
        w.paragraph("Geen feedback.")
    for process in processes:
        row = per_process.get(process.pk)
        w.heading(f"{process.code} {process.title}", 2)
        if row is None:
            w.paragraph("Nog geen feedback op dit werkproces.")
            continue
        w.pair(
            "Feedback",
            f"{row['n']} keer, laatst op {_date(timezone.localtime(row['last']).date())}",
        )
        item = latest.get(process.pk)
        if item is not None and item.suggestions:
            w.pair("Laatste suggesties", item.suggestions)
    unlinked = feedback.filter(work_process__isnull=True).count()
    if unlinked:
        w.paragraph(f"Feedback zonder werkproces: {unlinked}.")

    # Latest published reviews
    w.heading("Voortgangsbeoordelingen", 1)
    reviews = list(
        feedback_queries.reviews_visible_to(viewer)
        .filter(student=student)
        .published()
        .select_related("author")
        .prefetch_related("entries__work_process")
        .order_by("-review_date", "-pk")[:LATEST_REVIEWS]
    )
    if not reviews:
        w.paragraph("Nog geen gepubliceerde beoordeling.")
    for review in reviews:
        w.heading(f"Beoordeling van {_date(review.review_date)}", 2)
        w.pair("Studentbegeleider", _name(review.author))
        w.pair("Onderbouwing", review.summary)
        for entry in sorted(review.entries.all(), key=lambda e: e.work_process.code):
            note = f" – {entry.note}" if entry.note else ""
            w.paragraph(f"{entry.work_process.code}: {entry.get_level_display()}{note}")

    # Further sections (e.g. the agreements of conversations)
    for section in _SECTIONS:
        found = section(student, viewer)
        if found is None:
            continue
        heading, lines = found
        w.heading(heading, 1)
        for line in lines:
            w.paragraph(line)
    return w.output()
