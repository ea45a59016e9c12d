"""Podręcznik: chapters (Markdown in resources/handbook/<lang>/), search, self-check quizzes.

The chapters are data: an administrator may correct a text without touching code. A missing or
damaged file becomes a UserFacingError naming it.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.core.errors import UserFacingError
from app.core.i18n import _, current_language


@dataclass(frozen=True)
class Question:
    text: str
    options: tuple[str, ...]
    answer: int
    explanation: str


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    #: Markdown
    text: str
    quiz: tuple[Question, ...]


@dataclass(frozen=True)
class SearchHit:
    chapter_id: str
    title: str
    #: the paragraph with the match, shortened
    snippet: str
    count: int


@dataclass(frozen=True)
class QuizScore:
    correct: int
    total: int
    #: (question number from 1, explanation) for each wrong or missing answer
    mistakes: tuple[tuple[int, str], ...]

    @property
    def passed(self) -> bool:
        return self.total > 0 and self.correct == self.total


def handbook_dir() -> Path:
    from app.paths import resource_path

    return resource_path("handbook")


def _lang(language: str | None) -> str:
    return "en" if (language or current_language()).startswith("en") else "pl"


@lru_cache(maxsize=4)
def _load(folder: Path, lang: str) -> tuple[Chapter, ...]:
    index = folder / "chapters.toml"
    try:
        raw = tomllib.loads(index.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UserFacingError(_("The handbook file {path} is missing.").format(path=index)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise UserFacingError(
            _("The handbook file {path} is damaged: {reason}").format(path=index, reason=exc)
        ) from exc
    out = []
    for item in raw.get("chapter", []):
        try:
            cid = str(item["id"])
            path = folder / lang / f"{cid}.md"
            text = path.read_text(encoding="utf-8")
            quiz = tuple(
                Question(
                    q[f"question_{lang}"], tuple(q[f"options_{lang}"]), int(q["answer"]), q.get(f"explain_{lang}", "")
                )
                for q in item.get("quiz", [])
            )
            for q in quiz:
                if not 0 <= q.answer < len(q.options):
                    raise ValueError(f"{cid}: answer out of range")
            out.append(Chapter(cid, str(item[f"title_{lang}"]), text, quiz))
        except FileNotFoundError as exc:
            raise UserFacingError(_("The handbook chapter {path} is missing.").format(path=exc.filename)) from exc
        except (KeyError, TypeError, ValueError) as exc:
            raise UserFacingError(
                _("The handbook file {path} is incomplete: {reason}").format(path=index, reason=exc)
            ) from exc
    return tuple(out)


def chapters(language: str | None = None, folder: Path | None = None) -> list[Chapter]:
    return list(_load(folder or handbook_dir(), _lang(language)))


def chapter(chapter_id: str, language: str | None = None, folder: Path | None = None) -> Chapter:
    for c in chapters(language, folder):
        if c.id == chapter_id:
            return c
    raise UserFacingError(_("The handbook has no chapter \u201c{id}\u201d.").format(id=chapter_id))


def chapter_title(chapter_id: str, language: str | None = None) -> str:
    try:
        return chapter(chapter_id, language).title
    except UserFacingError:
        return chapter_id


#: the chapter that teaches each tool in use; tools not listed are explained in the overview ("tools")
TOOL_CHAPTERS: dict[str, str] = {
    **dict.fromkeys(("W-01", "W-02", "W-03", "W-14"), "mkus_steps"),
    **dict.fromkeys(("W-04", "W-13"), "mkus"),
    "W-05": "routes",
    **dict.fromkeys(
        ("E-01", "E-02", "E-03", "E-08", "E-12", "E-13", "E-10", "J-01", "J-02", "J-03", "J-04", "J-09", "J-12"),
        "preparation",
    ),
    **dict.fromkeys(("E-04", "E-05", "E-06", "E-07", "E-09", "E-11", "E-14", "J-07", "J-10", "J-11"), "contract"),
    **dict.fromkeys(("J-05", "J-06", "J-08", "J-13", "J-14"), "quality"),
    **dict.fromkeys(("W-08", "W-09", "W-10", "W-12"), "cooperation"),
    "W-06": "calendar",
    **dict.fromkeys(("W-07", "W-11"), "programme"),
}


def chapter_for_tool(tool_id: str) -> str:
    """The chapter that explains a tool (E-01, J-04, W-05...) with a worked example; the overview of the
    42 tools for any other id."""
    return TOOL_CHAPTERS.get(tool_id.upper(), "tools")


#: "**E-01 Karta kosztu bazowego (realizacja własna JST)**": how a chapter names a tool (bold id + name)
_TOOL_NAMING = re.compile(r"\*\*([EJW]-\d{2})\b([^*]*)\*\*")
_TOOL_ID = re.compile(r"\b([A-Z])-(\d{2})\b")
_OPTION_NAMING = re.compile(r"^([EJW]-\d{2}) (.+)$")


def tool_name_problems(
    language: str | None = None, folder: Path | None = None, names: dict[str, str] | None = None
) -> list[str]:
    """Where the chapters disagree with the tool catalogue: a tool named (in bold, "**ID Name**") with
    another name than the catalogue's, an id the catalogue does not have, or a tool named nowhere.

    `names`: tool id → name in `language` (default: the bundled catalogue). Empty list = all agree.
    """
    lang = _lang(language)
    if names is None:
        from app.core.tools.catalogue import bundled_path, load_catalogue_file

        names = {t.id: (t.name.en if lang == "en" else t.name.pl) for t in load_catalogue_file(bundled_path()).tools}
    problems: list[str] = []
    named: set[str] = set()
    for c in chapters(lang, folder):
        for m in _TOOL_NAMING.finditer(c.text):
            tid, name = m.group(1), m.group(2).strip()
            if not name:
                continue  # "**J-07**" alone is a reference, like a plain "J-07"
            named.add(tid)
            if tid in names and name != names[tid]:
                problems.append(
                    _(
                        "Chapter \u201c{chapter}\u201d names {id} \u201c{name}\u201d; the catalogue says "
                        "\u201c{expected}\u201d."
                    ).format(chapter=c.id, id=tid, name=name, expected=names[tid])
                )
        for m in _TOOL_ID.finditer(c.text):
            tid = f"{m.group(1)}-{m.group(2)}"
            if m.group(1) in "EJW" and tid not in names:
                problems.append(
                    _("Chapter \u201c{chapter}\u201d mentions {id}, which the catalogue does not have.").format(
                        chapter=c.id, id=tid
                    )
                )
        for q in c.quiz:
            # a quiz answer naming a tool ("J-14 Plan działań korygujących") must use the catalogue's name
            for option in q.options:
                naming = _OPTION_NAMING.match(option)
                if naming and naming.group(1) in names and naming.group(2).strip() != names[naming.group(1)]:
                    problems.append(
                        _(
                            "Chapter \u201c{chapter}\u201d names {id} \u201c{name}\u201d; the catalogue "
                            "says \u201c{expected}\u201d."
                        ).format(
                            chapter=c.id,
                            id=naming.group(1),
                            name=naming.group(2).strip(),
                            expected=names[naming.group(1)],
                        )
                    )
    for tid in sorted(set(names) - named):
        problems.append(_("No chapter names the tool {id} \u201c{name}\u201d.").format(id=tid, name=names[tid]))
    return problems


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form ("Łódź" → "lodz") so "swietlica" finds "świetlica"."""
    text = text.casefold().replace("ł", "l")
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


_MD = re.compile(r"[*_`#>|]")


def search(query: str, language: str | None = None, folder: Path | None = None) -> list[SearchHit]:
    """Chapters containing every word of `query`, most matches first; the snippet is the first
    paragraph holding the first word."""
    words = [fold(w) for w in query.split() if w.strip()]
    if not words:
        return []
    hits = []
    for c in chapters(language, folder):
        body = fold(c.title + "\n" + c.text)
        if not all(w in body for w in words):
            continue
        count = sum(body.count(w) for w in words)
        snippet = ""
        for para in re.split(r"\n\s*\n", c.text):
            if words[0] in fold(para):
                snippet = _MD.sub("", " ".join(para.split())).strip()
                break
        if len(snippet) > 220:
            start = max(0, fold(snippet).find(words[0]) - 60)
            snippet = ("…" if start else "") + snippet[start : start + 200].strip() + "…"
        hits.append(SearchHit(c.id, c.title, snippet, count))
    hits.sort(key=lambda h: -h.count)
    return hits


def score_quiz(
    chapter_id: str, answers: dict[int, int | None], language: str | None = None, folder: Path | None = None
) -> QuizScore:
    """`answers`: question index (from 0) → chosen option index (None or absent = not answered)."""
    c = chapter(chapter_id, language, folder)
    correct = 0
    mistakes = []
    for i, q in enumerate(c.quiz):
        if answers.get(i) == q.answer:
            correct += 1
        else:
            mistakes.append((i + 1, q.explanation))
    return QuizScore(correct, len(c.quiz), tuple(mistakes))
