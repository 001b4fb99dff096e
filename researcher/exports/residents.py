"""The residents' one-page summary as PDF (the same fonts and page as the diagnosis PDF)."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph

from researcher.exports.pdf import _build, _styles
from researcher.recommendations.summary import ResidentsSummary

TITLE = "Co usłyszeliśmy od mieszkańców"


def summary_paragraphs(summary: ResidentsSummary) -> list[tuple[str, list[str]]]:
    """The page as (heading, sentences): the same text for the PDF and the public page."""
    heard = [
        f"Od {summary.period} rozmawialiśmy z mieszkańcami gminy {summary.gmina}: w domach, na "
        f"spotkaniach, przez telefon i w internecie. Przeprowadziliśmy {summary.interviews} "
        f"rozmów w domach (zgodziło się na nie {summary.response_rate} odwiedzonych osób). "
        f"Mieszkańcy powiedzieli nam o {summary.needs} potrzebach.",
    ]
    sections = [("Z kim rozmawialiśmy", heard)]
    if summary.areas:
        sections.append(("O czym mówiono najczęściej", [
            f"{label}: {n} potrzeb" for label, n in summary.areas
        ]))  # fmt: skip
    if summary.themes:
        themes = [f"{name}: {n} potrzeb" for name, n in summary.themes]
        sections.append(("Najczęstsze sprawy", themes))
    if summary.channels:
        channels = [f"{label}: {n}" for label, n in summary.channels]
        sections.append(("Jak do nas trafiły", channels))
    if summary.proposals:
        sections.append(("Co proponujemy gminie", list(summary.proposals)))
    sections.append(("Jak chronimy dane", [
        "Nie podajemy nazwisk ani adresów. Liczby mniejsze niż "
        f"{summary.k} nie są pokazywane, aby nikogo nie dało się rozpoznać.",
    ]))  # fmt: skip
    return sections


def write_residents_pdf(summary: ResidentsSummary, path: Path) -> None:
    s = _styles()
    story: list[Flowable] = [
        Paragraph(escape(TITLE), s["title"]),
        Paragraph(escape(f"{summary.campaign} – {summary.gmina}"), s["body"]),
    ]
    for heading, sentences in summary_paragraphs(summary):
        story.append(Paragraph(escape(heading), s["h2"]))
        story.extend(Paragraph(escape(text), s["body"]) for text in sentences)
    _build(story, path)
