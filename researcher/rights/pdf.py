"""The dossier of a respondent code as a readable PDF in Polish (art. 15 copy)."""

from __future__ import annotations

import io
import json
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from researcher.exports.dejavu import FONT, FONT_BOLD, register_pdf_fonts


def _styles() -> dict[str, ParagraphStyle]:
    register_pdf_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, spaceAfter=4)
    return {
        "body": body,
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=16, leading=20),
        "h2": ParagraphStyle("h2", parent=body, fontName=FONT_BOLD, fontSize=12, leading=15,
                             spaceBefore=8),
    }


def _value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if value is True:
        return "tak"
    if value is False:
        return "nie"
    return "" if value is None else str(value)


def _pairs(styles, items: dict[str, Any]) -> list[Paragraph]:
    return [Paragraph(f"<b>{escape(str(k))}</b>: {escape(_value(v))}", styles["body"])
            for k, v in items.items()]


def dossier_pdf(copy: dict[str, Any]) -> bytes:
    """`copy` is `lookup.dossier_json`: the same content, laid out for a person to read."""
    styles = _styles()
    story = [
        Paragraph("Dane zapisane pod kodem respondenta", styles["title"]),
        Paragraph(escape("Kod: " + ", ".join(copy["codes"])), styles["body"]),
        Paragraph("Kopia danych (art. 15 RODO). Dane kontaktowe są przechowywane osobno, "
                  "zaszyfrowane; tekst odpowiedzi nie zawiera numerów PESEL, telefonów ani "
                  "adresów (zastąpiono je znacznikami).", styles["body"]),
    ]
    if not copy["visits"] and not copy["quarantine"]:
        story.append(Paragraph("Pod tym kodem nie ma zapisanych danych.", styles["body"]))
    for number, visit in enumerate(copy["visits"], start=1):
        story.append(Paragraph(f"Wywiad {number}", styles["h2"]))
        story += _pairs(styles, {k: visit[k] for k in (
            "campaign", "recorded_at", "visit_outcome", "consent_health", "restricted")})
        story.append(Paragraph("<b>Odpowiedzi</b>", styles["body"]))
        story += _pairs(styles, visit["answers"] | {"needs": f"{len(visit['needs'])}"})
        for need in visit["needs"]:
            story.append(Paragraph(f"Potrzeba {need['position']}", styles["h2"]))
            story += _pairs(styles, need)
        if visit["earlier_versions"]:
            story.append(Paragraph(
                f"Wcześniejsze wersje: {len(visit['earlier_versions'])}", styles["body"]))
        if visit["contact"]:
            story.append(Paragraph("<b>Dane kontaktowe</b>", styles["body"]))
            story += _pairs(styles, visit["contact"] if isinstance(visit["contact"], dict)
                            else {"kontakt": visit["contact"]})
        for followup in visit.get("followups") or []:
            story.append(Paragraph(escape(
                f"Działanie następcze (potrzeba {followup['need_position']}): "
                f"{followup['status_label']}, od {(followup['created_at'] or '')[:10]}"
                + (f", zamknięte {followup['closed_at'][:10]}" if followup["closed_at"] else "")),
                styles["body"]))
            for event in followup["events"]:
                story.append(Paragraph(escape(
                    f"{(event['at'] or '')[:10]}: {event['to_status']}"
                    + (f" – {event['note']}" if event["note"] else "")), styles["body"]))
        if visit["themes"]:
            story.append(Paragraph(escape("Tematy analizy: " + ", ".join(
                t["theme"] or "nieprzypisane" for t in visit["themes"])), styles["body"]))
        if visit["service_card_rows"]:
            story.append(Paragraph(escape("Karta usług: " + ", ".join(
                r["row"] for r in visit["service_card_rows"])), styles["body"]))
        story.append(Paragraph(
            f"Eksporty zbiorcze, które uwzględniły ten wywiad: "
            f"{len(visit['exports_counting_it'])}", styles["body"]))
    if copy["quarantine"]:
        story.append(Paragraph(
            f"Rekordy odrzucone przy synchronizacji: {len(copy['quarantine'])}", styles["h2"]))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                      title="Kopia danych respondenta", lang="pl").build(
        story + [Spacer(1, 0.5 * cm)])
    return buffer.getvalue()
