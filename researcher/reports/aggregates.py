"""The figures of the dashboard and the exports, as `CountTable`s with labels and totals.

The counting itself is done by the database, per slice (campaign × locality × day), in
`reports.slices`; `report()` adds up the filter's slices and lays the sums out as tables.

Definitions:

* A need counts unless the Menedżer US rejected it (status "odrzucona"). Its area is the
  reviewed area when the manager corrected it, else the researcher's; likewise target groups.
* Interviews are visits with an interview outcome and consents A1–A3 (`Visit.is_interview`).
* Response rate = interviews / (visits − visits to an uninhabited dwelling). It is per visit,
  not per address: a household visited twice (e.g. "nikt" then "zrealizowany") counts twice
  in the denominator.
* Dates are calendar days in Poland (`recorded_on`); `recorded_at` is stored in UTC.
* Multi-select tables count a unit once per answer it gave; their totals count units, so
  they are not sums of cells (`multi_valued=True`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select

from forms.questionnaire import CURRENT_VERSION, UnknownVersion, get_questionnaire
from forms.vocabulary import AREAS, MATERIAL, N_, OUT_OF_SCOPE, TARGET_GROUPS
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.gminas.models import Locality
from researcher.interviews.models import CHANNEL_NAMES
from researcher.reports import slices
from researcher.reports.slices import NO_ANSWER, ReportFilter
from researcher.reports.tables import CountTable

UNINHABITED = "niezamieszkany"
MET = ("pelne", "czesciowe")
NO_ANSWER_LABEL = N_("Brak odpowiedzi")
NO_LOCALITY = "brak"

AREA_OPTIONS = [(a.key, a.label) for a in (*AREAS, OUT_OF_SCOPE, MATERIAL)]
TARGET_GROUP_OPTIONS = [(g.key, g.label) for g in TARGET_GROUPS]


@dataclass(frozen=True)
class Summary:
    """The survey's n: visits, visits counted for the response rate, interviews, needs."""

    visits: int
    eligible_visits: int  # visits minus "niezamieszkany"
    interviews: int
    needs: int

    @property
    def response_rate(self) -> float | None:
        """interviews / eligible visits, in percent; None without eligible visits."""
        if not self.eligible_visits:
            return None
        return 100 * self.interviews / self.eligible_visits


@dataclass(frozen=True)
class Report:
    """Every figure of the dashboard and the diagnosis export, in display order."""

    summary: Summary
    tables: dict[str, CountTable] = field(default_factory=dict)


@dataclass
class _NeedCounts:
    """(area, urgency, met status, locality) → needs."""

    cells: Counter = field(default_factory=Counter)

    def by(self, *positions: int) -> Counter:
        out: Counter = Counter()
        for key, n in self.cells.items():
            out[tuple(key[p] for p in positions)] += n
        return out

    @property
    def total(self) -> int:
        return sum(self.cells.values())


# --- labels ----------------------------------------------------------------------------------


def _questionnaire_version(f: ReportFilter) -> str:
    if f.campaign_id is not None:
        version = db.session.scalar(
            select(Campaign.questionnaire_version).where(Campaign.id == f.campaign_id)
        )
        if version:
            return version
    return CURRENT_VERSION


def _options(version: str, question: str) -> list[tuple[str, str]]:
    try:
        questionnaire = get_questionnaire(version)
    except UnknownVersion:
        questionnaire = get_questionnaire(CURRENT_VERSION)
    return [(o.key, o.label) for o in questionnaire.questions_by_key[question].options]


def _with_unknown(options: list[tuple[str, str]], keys: Iterable[str]) -> list[tuple[str, str]]:
    """`options`, then any key found in the data but not among them (older versions)."""
    known = {k for k, _ in options}
    extra = sorted({k for k in keys if k not in known and k is not None})
    return [*options, *((k, k) for k in extra)]


def _locality_options(f: ReportFilter, keys: Iterable[int]) -> list[tuple[str, str]]:
    query = select(Locality.id, Locality.name).order_by(Locality.name)
    if f.campaign_id is not None:
        gmina = select(Campaign.gmina_code).where(Campaign.id == f.campaign_id)
        query = query.where(Locality.gmina_code.in_(gmina))
    elif f.gmina_code:
        query = query.where(Locality.gmina_code == f.gmina_code)
    else:
        query = query.where(Locality.id.in_([k for k in keys if k]))
    options = [(str(i), name) for i, name in db.session.execute(query)]
    if 0 in keys:
        options.append((NO_LOCALITY, N_("Miejscowość nie podana")))
    return options


# --- table builders --------------------------------------------------------------------------


def _one_dimension(
    key: str,
    title: str,
    unit: str,
    row_header: str,
    options: list[tuple[str, str]],
    counts: Counter,
    total: int,
    *,
    multi_valued: bool = False,
    sensitive: bool = False,
) -> CountTable:
    options = _with_unknown(options, counts)
    return CountTable(
        key=key,
        title=title,
        unit=unit,
        row_header=row_header,
        rows=[k for k, _ in options],
        row_labels=[label for _, label in options],
        columns=["n"],
        column_labels=[N_("Liczba")],
        counts=[[counts.get(k, 0)] for k, _ in options],
        column_totals=[total],
        total=total,
        multi_valued=multi_valued,
        sensitive=sensitive,
    )


def _two_dimensions(
    key: str,
    title: str,
    unit: str,
    row_header: str,
    row_options: list[tuple[str, str]],
    column_options: list[tuple[str, str]],
    counts: Counter,
    row_totals: Counter,
    column_totals: Counter,
    total: int,
    *,
    multi_valued: bool = False,
    sensitive: bool = False,
) -> CountTable:
    row_options = _with_unknown(row_options, [r for r, _ in counts] + list(row_totals))
    column_options = _with_unknown(column_options, [c for _, c in counts] + list(column_totals))
    return CountTable(
        key=key,
        title=title,
        unit=unit,
        row_header=row_header,
        rows=[k for k, _ in row_options],
        row_labels=[label for _, label in row_options],
        columns=[k for k, _ in column_options],
        column_labels=[label for _, label in column_options],
        counts=[[counts.get((r, c), 0) for c, _ in column_options] for r, _ in row_options],
        row_totals=[row_totals.get(r, 0) for r, _ in row_options],
        column_totals=[column_totals.get(c, 0) for c, _ in column_options],
        total=total,
        multi_valued=multi_valued,
        sensitive=sensitive,
    )


def _flat(counter: Counter) -> Counter:
    """A counter keyed by 1-tuples, keyed by their only element."""
    return Counter({k[0]: n for k, n in counter.items()})


def _summary(visits: Counter, needs: _NeedCounts) -> Summary:
    total = sum(visits.values())
    uninhabited = sum(n for (outcome, _), n in visits.items() if outcome == UNINHABITED)
    interviews = sum(n for (_, is_interview), n in visits.items() if is_interview)
    return Summary(total, total - uninhabited, interviews, needs.total)


def _visits_table(version: str, visits: Counter) -> CountTable:
    by_outcome = Counter()
    for (outcome, _), n in visits.items():
        by_outcome[outcome] += n
    return _one_dimension(
        "visits_by_outcome", N_("Wizyty według wyniku"), N_("wizyty"), N_("Wynik wizyty"),
        _options(version, "visit_outcome"), by_outcome, sum(visits.values()),
    )


def _area_tables(version: str, needs: _NeedCounts) -> dict[str, CountTable]:
    area, urgency, met = _flat(needs.by(0)), _flat(needs.by(1)), _flat(needs.by(2))
    total = needs.total
    urgency_options = _options(version, "urgency")
    met_options = _options(version, "met_status")
    return {
        "needs_by_area": _one_dimension(
            "needs_by_area", N_("Potrzeby według obszaru usług społecznych"), N_("potrzeby"),
            N_("Obszar"),
            AREA_OPTIONS, area, total,
        ),
        "needs_by_urgency": _one_dimension(
            "needs_by_urgency", N_("Potrzeby według pilności"), N_("potrzeby"), N_("Pilność"),
            urgency_options, urgency, total,
        ),
        "needs_by_met_status": _one_dimension(
            "needs_by_met_status", N_("Czy potrzeby są teraz zaspokajane"), N_("potrzeby"),
            N_("Zaspokojenie"), met_options, met, total,
        ),
        "area_by_urgency": _two_dimensions(
            "area_by_urgency", N_("Obszar × pilność"), N_("potrzeby"), N_("Obszar"), AREA_OPTIONS,
            urgency_options, needs.by(0, 1), area, urgency, total,
        ),
        "area_by_met_status": _two_dimensions(
            "area_by_met_status", N_("Obszar × zaspokojenie potrzeby"), N_("potrzeby"),
            N_("Obszar"),
            AREA_OPTIONS, met_options, needs.by(0, 2), area, met, total,
        ),
    }


def _target_group_tables(needs: _NeedCounts, pairs: Counter) -> dict[str, CountTable]:
    by_group: Counter = Counter()
    for (_, group), n in pairs.items():
        by_group[group] += n  # each need has one area: summing over areas counts needs
    return {
        "needs_by_target_group": _one_dimension(
            "needs_by_target_group", N_("Potrzeby według grupy docelowej"), N_("potrzeby"),
            N_("Grupa docelowa"), TARGET_GROUP_OPTIONS, by_group, needs.total,
            multi_valued=True, sensitive=True,
        ),
        "area_by_target_group": _two_dimensions(
            "area_by_target_group", N_("Obszar × grupa docelowa"), N_("potrzeby"), N_("Obszar"),
            AREA_OPTIONS, TARGET_GROUP_OPTIONS, pairs, _flat(needs.by(0)), by_group,
            needs.total, multi_valued=True, sensitive=True,
        ),
    }


def _list_tables(
    version: str, needs: _NeedCounts, met_by: Counter, barriers: Counter, forms: Counter
) -> dict[str, CountTable]:
    met_total = sum(n for (status,), n in needs.by(2).items() if status in MET)
    return {
        "needs_by_met_by": _one_dimension(
            "needs_by_met_by", N_("Kto teraz pomaga (potrzeby zaspokajane w pełni lub częściowo)"),
            N_("potrzeby"), N_("Kto pomaga"), _options(version, "met_by"), met_by, met_total,
            multi_valued=True,
        ),
        "needs_by_barrier": _one_dimension(
            "needs_by_barrier", N_("Co utrudnia skorzystanie z pomocy"), N_("potrzeby"),
            N_("Bariera"),
            _options(version, "barriers"), barriers, needs.total, multi_valued=True,
        ),
        "needs_by_preferred_form": _one_dimension(
            "needs_by_preferred_form", N_("Preferowana forma wsparcia"), N_("potrzeby"),
            N_("Forma"),
            _options(version, "preferred_forms"), forms, needs.total, multi_valued=True,
        ),
    }


def _community_tables(
    version: str, summary: Summary, answers: Counter, gaps: Counter
) -> dict[str, CountTable]:
    no_answer = [(NO_ANSWER, NO_ANSWER_LABEL)]
    rating: Counter = Counter()
    volunteering: Counter = Counter()
    for (r, v), n in answers.items():
        rating[r] += n
        volunteering[v] += n
    return {
        "volunteering": _one_dimension(
            "volunteering", N_("Potencjał wspólnoty: gotowość do pomagania innym (E3)"),
            N_("wywiady"),
            N_("Odpowiedź"), _options(version, "volunteering") + no_answer, volunteering,
            summary.interviews,
        ),
        "services_rating": _one_dimension(
            "services_rating", N_("Ocena dostępności usług społecznych w miejscowości (E1)"),
            N_("wywiady"), N_("Ocena"), _options(version, "services_rating") + no_answer, rating,
            summary.interviews,
        ),
        "community_gaps": _one_dimension(
            "community_gaps", N_("Czego najbardziej brakuje w miejscowości (E2)"), N_("wywiady"),
            N_("Obszar"), _options(version, "community_gaps"), gaps,
            summary.interviews,
            multi_valued=True,
        ),
    }


def _locality_table(f: ReportFilter, needs: _NeedCounts) -> CountTable:
    by_locality = Counter(
        {(str(k) if k else NO_LOCALITY): n for k, n in _flat(needs.by(3)).items()}
    )
    keys = [k for (k,) in needs.by(3)]
    return _one_dimension(
        "needs_by_locality", N_("Potrzeby według miejscowości"), N_("potrzeby"), N_("Miejscowość"),
        _locality_options(f, keys), by_locality, needs.total,
    )


# --- public API ------------------------------------------------------------------------------


def report(f: ReportFilter, counted: slices.Counts | None = None) -> Report:
    """Every figure for `f`, in the dashboard's order, from the counts kept per slice.

    `counted`: `slices.counts(f)` when the caller has it already; else it is read here, which
    may commit the session (see `slices.counts`).
    """
    version = _questionnaire_version(f)
    counted = counted if counted is not None else slices.counts(f)
    needs = _NeedCounts(counted.needs)
    summary = _summary(counted.visits, needs)
    tables = {"visits_by_outcome": _visits_table(version, counted.visits)}
    tables.update(_area_tables(version, needs))
    tables.update(_target_group_tables(needs, counted.area_groups))
    tables.update(
        _list_tables(
            version, needs, counted.met_by, counted.barriers, counted.preferred_forms
        )
    )
    tables.update(_community_tables(version, summary, counted.answers, counted.gaps))
    tables["needs_by_locality"] = _locality_table(f, needs)
    tables["needs_by_channel"] = _one_dimension(
        "needs_by_channel", N_("Potrzeby według kanału zgłoszenia"), N_("potrzeby"),
        N_("Kanał"), [(c.value, name) for c, name in CHANNEL_NAMES.items()], counted.channels,
        needs.total,
    )  # fmt: skip
    order = [
        "visits_by_outcome", "needs_by_area", "needs_by_target_group", "needs_by_urgency",
        "needs_by_met_status", "needs_by_met_by", "needs_by_barrier", "needs_by_preferred_form",
        "area_by_urgency", "area_by_target_group", "area_by_met_status", "volunteering",
        "services_rating", "community_gaps", "needs_by_locality", "needs_by_channel",
    ]
    return Report(summary, {key: tables[key] for key in order})


def need_tables(
    needs: Counter, area_groups: Counter, version: str = CURRENT_VERSION
) -> dict[str, CountTable]:
    """The need figures of `report` from counts made elsewhere (across campaigns):
    `needs` by (area, urgency, met status), `area_groups` by (area, target group)."""
    counted = _NeedCounts(Counter({(*key, 0): n for key, n in needs.items()}))
    return {**_area_tables(version, counted), **_target_group_tables(counted, area_groups)}


def summary(f: ReportFilter) -> Summary:
    """Visits, eligible visits, interviews and needs for `f`."""
    return report(f).summary


def table(f: ReportFilter, key: str) -> CountTable:
    """One figure of `report(f)`, by its key (e.g. "area_by_urgency")."""
    return report(f).tables[key]
