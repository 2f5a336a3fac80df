"""The learning-question checker: one function, ``check``, one result type.

``check(text, qualification, steps="", support="", target_date=None)``
returns a ``CheckResult`` with

- ``suggestions``: the work processes of the qualification the question most
  likely belongs to, best first, each with its score and the student's
  words that matched;
- ``findings``: advice, each with a machine-readable ``code`` and a plain
  Dutch ``message``: ``level_too_high``, ``level_too_low``,
  ``not_concrete``, ``no_steps``, ``no_support``, ``not_own_question``,
  ``no_work_process``, ``empty`` and ``client_identifier`` (the question,
  steps or support text seem to name a client, a room number, a date of
  birth or a BSN: ``leerroute.core.privacy``; listed first).

The check is advice, never a gate. It is used by the form's live check,
the review page and ``manage.py leervraag_check``.

How the matching works (all in-process, no external service):

1. Text is lower-cased, accents are removed (``coördineren`` →
   ``coordineren``), Dutch stop words are dropped and every word is reduced
   with the Snowball Dutch stemmer (cached per word).
2. Each qualification gets an index of its work processes: title (weight
   2), description (1), core-task title (0.5), plus the everyday words of
   the matching ``lexicon.THEMES`` (1), so "insuline" finds "Voert
   verpleegtechnische handelingen uit". Indexes are cached in memory and
   dropped when a qualification file changes (``signals.py``) or after
   ``INDEX_TTL_SECONDS``.
3. A word that is not in the index vocabulary is split as a compound
   against that vocabulary (``wondverzorging`` → ``wond`` + ``verzorging``),
   the parts counting a little less than whole words.
4. Work processes are ranked with BM25 (k1=1.2, b=0.5).
5. Level, concreteness, own voice, steps and support are judged with the
   cue lists of ``lexicon.py``.
6. Client identifiers in any of the three texts are found with
   ``leerroute.core.privacy.client_identifiers`` (precompiled patterns).
"""

from __future__ import annotations

import datetime
import math
import re
import threading
import time
import unicodedata
from dataclasses import dataclass, field

import snowballstemmer
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leerroute.core.privacy import client_identifiers

from . import lexicon

K1 = 1.2
B = 0.5
TITLE_WEIGHT = 2.0
DESCRIPTION_WEIGHT = 1.0
CORE_TASK_WEIGHT = 0.5
THEME_WEIGHT = 1.0
COMPOUND_PART_WEIGHT = 0.8
MAX_SUGGESTIONS = 4
MIN_SCORE = 0.8
RELATIVE_CUTOFF = 0.35
INDEX_TTL_SECONDS = 600
CUE_WINDOW = 3

# --- words -------------------------------------------------------------------

_STEMMER = snowballstemmer.stemmer("dutch")
_STEM_CACHE: dict[str, str] = {}
_STEM_CACHE_MAX = 100_000
_WORD_RE = re.compile(r"[a-z]+(?:'[a-z]+)?")
_DATE_RE = re.compile(r"\b\d{1,2}\s*[-/.]\s*\d{1,2}(?:\s*[-/.]\s*\d{2,4})?\b|\bweek\s*\d{1,2}\b")
_DIGIT_RE = re.compile(r"\d")


def normalise(text: str) -> str:
    """Lower case, no accents, straight apostrophes."""
    text = unicodedata.normalize("NFKD", text.lower().replace("’", "'").replace("‘", "'"))
    return "".join(c for c in text if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return _WORD_RE.findall(normalise(text))


def stem(word: str) -> str:
    """The Snowball Dutch stem of a normalised word (cached).

    Work-process titles use the third person ("observeert", "coördineert"),
    students the infinitive ("observeren"); the stemmer keeps those apart,
    so "-eert" is read as "-eren" first.
    """
    found = _STEM_CACHE.get(word)
    if found is None:
        if len(_STEM_CACHE) >= _STEM_CACHE_MAX:
            _STEM_CACHE.clear()
        base = word[:-4] + "eren" if word.endswith("eert") and len(word) > 6 else word
        found = _STEM_CACHE[word] = _STEMMER.stemWord(base)
    return found


_STOP = frozenset(normalise(w) for w in lexicon.STOP_WORDS)


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in _STOP and len(w) > 1]


# --- result type ---------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    work_process_id: int
    code: str
    title: str
    score: float
    matched: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckResult:
    qualification_id: int
    level: int
    suggestions: tuple[Suggestion, ...] = ()
    findings: tuple[Finding, ...] = ()
    level_cues: dict = field(default_factory=dict)

    @property
    def codes(self) -> list[str]:
        return [f.code for f in self.findings]

    def finding(self, code: str) -> Finding | None:
        return next((f for f in self.findings if f.code == code), None)

    def as_dict(self) -> dict:
        return {
            "qualification_id": self.qualification_id,
            "level": self.level,
            "suggestions": [
                {
                    "code": s.code,
                    "title": s.title,
                    "score": s.score,
                    "matched_words": list(s.matched),
                }
                for s in self.suggestions
            ],
            "findings": [
                {"code": f.code, "message": f.message, "words": list(f.words)}
                for f in self.findings
            ],
            "level_cues": {str(k): v for k, v in sorted(self.level_cues.items())},
        }


# --- the per-qualification index --------------------------------------------------


@dataclass
class _Doc:
    work_process_id: int
    code: str
    title: str
    tf: dict[str, float]
    length: float


@dataclass
class Index:
    qualification_id: int
    level: int
    title: str
    docs: list[_Doc]
    idf: dict[str, float]
    avgdl: float
    surface: dict[str, str]  # normalised word in the index texts -> stem
    vocab: frozenset[str]
    built: float = field(default_factory=time.monotonic)


_INDEXES: dict[int, Index] = {}
_LOCK = threading.Lock()


def invalidate() -> None:
    """Drop every cached index (called when a qualification file changes)."""
    with _LOCK:
        _INDEXES.clear()


def _compiled_themes() -> list[tuple[list[tuple[str, ...]], list[tuple[str, str]]]]:
    themes = []
    for anchors, related in lexicon.THEMES:
        anchor_stems = [tuple(stem(w) for w in words(a)) for a in anchors]
        related_pairs = [(w, stem(w)) for r in related for w in words(r) if w not in _STOP]
        themes.append((anchor_stems, related_pairs))
    return themes


def build_index(qualification) -> Index:
    """Read the qualification's work processes (one query) and index them."""
    processes = list(qualification.work_processes.select_related("core_task").order_by("code"))
    _cues()  # compile the level cues once, here rather than on a first question
    themes = _compiled_themes()
    surface: dict[str, str] = {}
    docs: list[_Doc] = []

    def add(tf: dict[str, float], text: str, weight: float) -> set[str]:
        stems = set()
        for w in words(text):
            if w in _STOP or len(w) < 2:
                continue
            s = surface.setdefault(w, stem(w))
            tf[s] = tf.get(s, 0.0) + weight
            stems.add(s)
        return stems

    for wp in processes:
        tf: dict[str, float] = {}
        title_stems = add(tf, wp.title, TITLE_WEIGHT)
        add(tf, wp.description, DESCRIPTION_WEIGHT)
        add(tf, wp.core_task.title, CORE_TASK_WEIGHT)
        for anchors, related in themes:
            if any(set(a) <= title_stems for a in anchors):
                for w, s in related:
                    surface.setdefault(w, s)
                    tf[s] = tf.get(s, 0.0) + THEME_WEIGHT
        docs.append(_Doc(wp.pk, wp.code, wp.title, tf, sum(tf.values())))

    n = len(docs)
    df: dict[str, int] = {}
    for doc in docs:
        for s in doc.tf:
            df[s] = df.get(s, 0) + 1
    idf = {s: math.log(1 + (n - d + 0.5) / (d + 0.5)) for s, d in df.items()}
    avgdl = (sum(d.length for d in docs) / n) if n else 1.0
    return Index(
        qualification_id=qualification.pk,
        level=qualification.level_id,
        title=qualification.title,
        docs=docs,
        idf=idf,
        avgdl=avgdl or 1.0,
        surface=surface,
        vocab=frozenset(df),
    )


def get_index(qualification) -> Index:
    index = _INDEXES.get(qualification.pk)
    if index is None or time.monotonic() - index.built > INDEX_TTL_SECONDS:
        index = build_index(qualification)
        with _LOCK:
            _INDEXES[qualification.pk] = index
    return index


# --- compounds ---------------------------------------------------------------


_SUFFIXES = ("e", "en", "s", "t", "te", "de", "er", "ers", "ing", "ingen")
_PREFIXES = ("ver", "be", "ge", "ont", "her", "er", "mee", "aan", "uit", "door", "over", "voor")


def _part_stem(part: str, index: Index) -> str | None:
    """The index stem a compound part stands for, if any (no stemming needed)."""
    if part in index.surface:
        return index.surface[part]
    if part in index.vocab:
        return part
    if len(part) >= 5:
        for suffix in _SUFFIXES:
            shorter = part[: -len(suffix)]
            if part.endswith(suffix) and len(shorter) >= 4 and shorter in index.vocab:
                return shorter
    return None


def _head_stem(head: str, index: Index) -> str | None:
    candidates = [head]
    if head.endswith("s") or head.endswith("e"):
        candidates.append(head[:-1])  # linking -s- / -e-
    if head.endswith("en"):
        candidates.append(head[:-2])  # linking -en-
    for c in candidates:
        if len(c) >= 3:
            found = _part_stem(c, index)
            if found:
                return found
    return None


def split_compound(word: str, index: Index) -> list[str]:
    """Stems of the known parts of a compound (``wondverzorging`` → wond, verzorg).

    Dutch puts the core of a compound last, so the tail (at least four
    letters) must be known; the head counts when it is known too.
    """
    if len(word) < 7:
        return []
    best: tuple[int, list[str]] | None = None
    for i in range(3, len(word) - 3):
        tail_stem = _part_stem(word[i:], index)
        if not tail_stem:
            continue
        head_stem = _head_stem(word[:i], index)
        if not head_stem and (i < 4 or word.startswith(_PREFIXES)):
            continue  # "ver|zorgen", "be|handelen": a prefix, not a compound
        covered = len(word) - i + (i if head_stem else 0)
        parts = [head_stem, tail_stem] if head_stem else [tail_stem]
        if best is None or covered > best[0]:
            best = (covered, parts)
    if best:
        return best[1]
    # An unknown core with a known, longer modifier ("spelletjesmiddag").
    for i in range(len(word) - 4, 4, -1):
        head_stem = _head_stem(word[:i], index)
        if head_stem:
            return [head_stem]
    return []


# --- ranking -----------------------------------------------------------------


def _query_terms(text: str, index: Index) -> dict[str, tuple[float, list[str]]]:
    terms: dict[str, tuple[float, list[str]]] = {}

    def add(s: str, weight: float, word: str) -> None:
        old_weight, found = terms.get(s, (0.0, []))
        if word not in found:
            found.append(word)
        terms[s] = (max(old_weight, weight), found)

    for w in content_words(text):
        s = index.surface.get(w) or stem(w)
        if s in index.vocab:
            add(s, 1.0, w)
            continue
        for part in split_compound(w, index):
            add(part, COMPOUND_PART_WEIGHT, w)
    return terms


def rank(text: str, index: Index) -> list[Suggestion]:
    terms = _query_terms(text, index)
    scored = []
    for doc in index.docs:
        score = 0.0
        matched: list[str] = []
        norm = K1 * (1 - B + B * doc.length / index.avgdl)
        for s, (weight, found) in terms.items():
            tf = doc.tf.get(s)
            if not tf:
                continue
            score += weight * index.idf[s] * tf * (K1 + 1) / (tf + norm)
            matched.extend(w for w in found if w not in matched)
        if score > 0:
            scored.append((score, doc, matched))
    scored.sort(key=lambda item: (-item[0], item[1].code))
    if not scored:
        return []
    cutoff = max(MIN_SCORE, scored[0][0] * RELATIVE_CUTOFF)
    return [
        Suggestion(doc.work_process_id, doc.code, doc.title, round(score, 2), tuple(matched))
        for score, doc, matched in scored[:MAX_SUGGESTIONS]
        if score >= cutoff
    ]


# --- level ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Cue:
    level: int
    phrase: str
    stems: tuple[str, ...]
    weight: float
    not_near: frozenset[str]


_CUES: list[_Cue] | None = None


def _cues() -> list[_Cue]:
    global _CUES
    if _CUES is None:
        _CUES = [
            _Cue(
                level,
                phrase,
                tuple(stem(w) for w in words(phrase)),
                weight,
                frozenset(stem(w) for w in not_near),
            )
            for level, phrase, weight, not_near in lexicon.LEVEL_CUES
        ]
    return _CUES


def level_cues(text: str) -> dict[int, list[tuple[str, float]]]:
    """Level → the cue phrases found in ``text`` with their weights."""
    stems = [stem(w) for w in words(text)]
    positions: dict[str, list[int]] = {}
    for i, s in enumerate(stems):
        positions.setdefault(s, []).append(i)
    found: dict[int, list[tuple[str, float]]] = {}
    seen: set[tuple[str, ...]] = set()
    for cue in _cues():
        for pos in positions.get(cue.stems[0], ()):
            near = range(max(0, pos - CUE_WINDOW), pos + CUE_WINDOW + 1)
            if not all(any(p in near for p in positions.get(s, ())) for s in cue.stems[1:]):
                continue
            if cue.not_near and any(
                stems[p] in cue.not_near for p in near if p < len(stems) and p != pos
            ):
                continue
            if cue.stems not in seen:
                seen.add(cue.stems)
                found.setdefault(cue.level, []).append((cue.phrase, cue.weight))
            break
    return found


LEVEL_WORK = {
    2: gettext_lazy("voer je afgebakende taken uit volgens afspraken en instructies"),
    3: gettext_lazy("voer je de zorg zelfstandig uit, ook verpleegtechnische handelingen"),
    4: gettext_lazy(
        "werk je volledig zelfstandig, redeneer je klinisch, coördineer je de zorg "
        "en begeleid je collega's"
    ),
}


def _level_findings(text: str, index: Index) -> tuple[list[Finding], dict]:
    cues = level_cues(text)
    weight = {lvl: sum(w for _p, w in found) for lvl, found in cues.items()}
    level = index.level
    findings = []
    higher = [lvl for lvl in cues if lvl > level and weight[lvl] >= 1.0]
    if higher:
        top = max(higher)
        phrases = tuple(p for lvl in sorted(higher) for p, _w in cues[lvl])
        findings.append(
            Finding(
                "level_too_high",
                _(
                    "Deze leervraag lijkt boven niveau %(level)d uit te gaan: "
                    "‘%(words)s’ hoort bij niveau %(top)d. Als %(title)s %(work)s. "
                    "Bespreek met je werkbegeleider wat je hierin op jouw niveau "
                    "kunt leren, of kies een doel dat bij je opleiding past."
                )
                % {
                    "level": level,
                    "words": "’, ‘".join(phrases),
                    "top": top,
                    "title": index.title,
                    "work": LEVEL_WORK.get(level, ""),
                },
                phrases,
            )
        )
    elif level >= 3:
        low = sum(w for lvl, w in weight.items() if lvl < 3)
        at_level = sum(w for lvl, w in weight.items() if lvl >= 3)
        # Work far below the level ("bedden opmaken en koffie rondbrengen" at level 3):
        # a passing "zelfstandig" (a weak level-3 cue) does not lift it.
        if low >= 1.0 and at_level < 1.0:
            phrases = tuple(p for lvl in sorted(cues) if lvl < 3 for p, _w in cues[lvl])
            findings.append(
                Finding(
                    "level_too_low",
                    _(
                        "Deze leervraag lijkt onder niveau %(level)d te blijven: "
                        "‘%(words)s’ past bij niveau 2 (assisteren, werken volgens "
                        "instructie). Als %(title)s %(work)s. Maak je vraag "
                        "uitdagender."
                    )
                    % {
                        "level": level,
                        "words": "’, ‘".join(phrases),
                        "title": index.title,
                        "work": LEVEL_WORK.get(level, ""),
                    },
                    phrases,
                )
            )
    summary = {lvl: [p for p, _w in found] for lvl, found in cues.items()}
    return findings, summary


# --- concreteness and form ---------------------------------------------------------

_VAGUE = frozenset(stem(normalise(w)) for w in lexicon.VAGUE_WORDS)
_MEASURE = frozenset(stem(normalise(w)) for w in lexicon.MEASURE_WORDS)
_TIME = frozenset(stem(normalise(w)) for w in lexicon.TIME_WORDS)
_OWN = frozenset(lexicon.OWN_WORDS)


def _concreteness(question: str, steps: str, target_date) -> Finding | None:
    q_words = words(question)
    q_content = [w for w in q_words if len(w) > 3 and w not in ("leren", "willen")]
    both = q_words + words(steps)
    both_stems = {stem(w) for w in both}
    vague = tuple(w for w in q_words if stem(w) in _VAGUE)
    has_measure = bool(_DIGIT_RE.search(question + steps)) or bool(both_stems & _MEASURE)
    has_steps = len(content_words(steps)) >= 3
    has_time = (
        target_date is not None
        or bool(_DATE_RE.search(question + " " + steps))
        or bool(both_stems & _TIME)
    )
    missing = []
    if len(q_content) < 4 or (vague and not has_measure):
        missing.append(
            _("wát je precies wilt leren (een handeling of situatie, niet alleen ‘beter’)")
        )
    if not (has_measure or has_steps):
        missing.append(
            _(
                "hóe jij en je werkbegeleider zien dat het gelukt is (bijvoorbeeld "
                "zelfstandig, volgens protocol, drie keer)"
            )
        )
    if not has_time:
        missing.append(_("wannéér het af is (een datum of een week)"))
    if not missing:
        return None
    return Finding(
        "not_concrete",
        _("Maak je leervraag concreter. Schrijf op: %(missing)s.")
        % {"missing": "; ".join(missing)},
        vague,
    )


def _client_finding(*texts: str) -> Finding | None:
    """One ``client_identifier`` finding for everything the texts seem to reveal."""
    hits = [hit for t in texts for hit in client_identifiers(t)]
    if not hits:
        return None
    explanations = list(dict.fromkeys(hit.explanation for hit in hits))
    return Finding(
        "client_identifier",
        " ".join(explanations),
        tuple(dict.fromkeys(hit.text for hit in hits)),
    )


def check(
    text: str,
    qualification,
    steps: str = "",
    support: str = "",
    target_date: datetime.date | None = None,
) -> CheckResult:
    """Check a learning question against ``qualification`` (advice only)."""
    text, steps, support = text or "", steps or "", support or ""
    index = get_index(qualification)
    client = _client_finding(text, steps, support)
    if not content_words(text):
        if words(text):
            # Words, but only common ones ("Ik wil beter worden"): say why that is too vague.
            empty = Finding(
                "not_concrete",
                _(
                    "Je leervraag is nog te vaag: ‘%(text)s’ zegt niet wát je wilt leren. "
                    "Noem een handeling of situatie uit je werk, bijvoorbeeld: ‘Ik wil leren "
                    "zelfstandig een wond te verzorgen volgens protocol’ of ‘Ik wil leren een "
                    "bewoner met dementie rustig te benaderen bij de ochtendzorg’."
                )
                % {"text": " ".join(text.split())[:80]},
                tuple(w for w in words(text) if stem(w) in _VAGUE),
            )
        else:
            empty = Finding("empty", _("Schrijf eerst je leervraag."))
        return CheckResult(
            index.qualification_id,
            index.level,
            findings=(client, empty) if client else (empty,),
        )
    suggestions = rank(text, index)
    level_findings, cues = _level_findings(text + "\n" + steps, index)
    findings = [client] if client else []
    findings.extend(level_findings)
    if not suggestions:
        findings.append(
            Finding(
                "no_work_process",
                _(
                    "We vinden geen werkproces van %(title)s dat duidelijk bij deze vraag "
                    "past. Noem concreter wat je gaat doen (bijvoorbeeld wondzorg, "
                    "overdracht, ADL), of kies zelf een werkproces."
                )
                % {"title": index.title},
            )
        )
    concreteness = _concreteness(text, steps, target_date)
    if concreteness:
        findings.append(concreteness)
    if not (set(words(text)) & _OWN):
        findings.append(
            Finding(
                "not_own_question",
                _(
                    "Schrijf de leervraag als je eigen vraag, in de ik-vorm, "
                    "bijvoorbeeld: ‘Ik wil leren …’."
                ),
            )
        )
    if len(content_words(steps)) < 3:
        findings.append(
            Finding(
                "no_steps",
                _(
                    "Schrijf op welke stappen je zet, bijvoorbeeld: eerst meekijken, "
                    "dan onder begeleiding oefenen, dan zelfstandig uitvoeren."
                ),
            )
        )
    if len(words(support)) < 2:
        findings.append(
            Finding(
                "no_support",
                _(
                    "Schrijf op wat je van je werkbegeleider vraagt, bijvoorbeeld "
                    "voordoen, meekijken of feedback geven."
                ),
            )
        )
    return CheckResult(
        index.qualification_id, index.level, tuple(suggestions), tuple(findings), cues
    )
