"""Matching needs to local resources, and the gaps left: plain functions, no Flask, no database.

A resource *serves* a need when it works in the need's area, for its target group (a resource
without groups serves everyone) and in its locality (one without localities serves the whole
gmina). Resources are ranked for a need lexicographically by: serves it, same area, a shared
target group, serves the locality, then the TF-IDF cosine of the two descriptions — so text
similarity only orders resources that are otherwise equal. The ranking is one vectorised score
(8·serves + 4·area + 2·group + 1·locality + text), computed in blocks of needs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from analysis.text import prepare
from analysis.vectors import VectorParams, make_tfidf

URGENCY_ORDER = ("pilna", "3m", "12m", "dlugofalowa")
BLOCK = 2000  # needs scored at once: 2,000 × 2,000 resources × 4 bytes = 16 MB


@dataclass(frozen=True)
class NeedItem:
    id: int
    text: str
    area: str
    target_groups: tuple[str, ...] = ()
    locality_id: int | None = None
    urgency: str = ""


@dataclass(frozen=True)
class ResourceItem:
    id: int
    text: str
    areas: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()  # empty: everyone
    locality_ids: tuple[int, ...] = ()  # empty: the whole gmina
    capacity_left: int | None = None  # None: not limited (or not known)


@dataclass(frozen=True)
class Match:
    resource_id: int
    serves: bool
    area: bool
    group: bool
    locality: bool
    text: float


def _multi_hot(rows: Sequence[Sequence], index: dict) -> sparse.csr_matrix:
    indptr, cols = [0], []
    for values in rows:
        cols.extend(index[v] for v in values if v in index)
        indptr.append(len(cols))
    data = np.ones(len(cols), dtype=np.float32)
    return sparse.csr_matrix((data, cols, indptr), shape=(len(rows), max(len(index), 1)))


def _vocabulary(*groups: Sequence[Sequence]) -> dict:
    index: dict = {}
    for rows in groups:
        for values in rows:
            for v in values:
                index.setdefault(v, len(index))
    return index


class _Features:
    """Everything about needs × resources that does not depend on which block is scored."""

    def __init__(self, needs: Sequence[NeedItem], resources: Sequence[ResourceItem]) -> None:
        areas = _vocabulary([(n.area,) for n in needs], [r.areas for r in resources])
        self.need_area = _multi_hot([(n.area,) for n in needs], areas)
        self.res_area = _multi_hot([r.areas for r in resources], areas).T.tocsr()
        groups = _vocabulary([n.target_groups for n in needs], [r.target_groups for r in resources])
        self.need_group = _multi_hot([n.target_groups for n in needs], groups)
        self.res_group = _multi_hot([r.target_groups for r in resources], groups).T.tocsr()
        self.all_groups = np.array([not r.target_groups for r in resources])
        places = _vocabulary([(n.locality_id,) for n in needs if n.locality_id is not None],
                             [r.locality_ids for r in resources])
        self.need_place = _multi_hot(
            [(n.locality_id,) if n.locality_id is not None else () for n in needs], places
        )
        self.res_place = _multi_hot([r.locality_ids for r in resources], places).T.tocsr()
        self.everywhere = np.array([not r.locality_ids for r in resources])
        self.need_text, self.res_text = _text_matrices(needs, resources)

    def block(self, start: int, stop: int) -> tuple[np.ndarray, ...]:
        """(area, group, locality, serves) as booleans and text cosine, for needs start:stop."""
        area = (self.need_area[start:stop] @ self.res_area).toarray() > 0
        group = ((self.need_group[start:stop] @ self.res_group).toarray() > 0) | self.all_groups
        place = ((self.need_place[start:stop] @ self.res_place).toarray() > 0) | self.everywhere
        text = (self.need_text[start:stop] @ self.res_text).toarray().astype(np.float32)
        return area, group, place, area & group & place, text


#: Prepared lemmas by text, kept between calls: descriptions rarely change, and preparing
#: (normalising, masking, lemmatising) is most of the cost of matching a campaign again.
_PREPARED: dict[str, list[str]] = {}
PREPARED_MAX = 200_000


def _prepared(texts: list[str]) -> list[list[str]]:
    missing = [t for t in dict.fromkeys(texts) if t not in _PREPARED]
    if len(_PREPARED) + len(missing) > PREPARED_MAX:
        _PREPARED.clear()
        missing = list(dict.fromkeys(texts))
    _PREPARED.update(zip(missing, prepare(missing), strict=True))
    return [_PREPARED[t] for t in texts]


def _text_matrices(
    needs: Sequence[NeedItem], resources: Sequence[ResourceItem]
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Unit TF-IDF rows (sublinear, lemmas) fitted on needs and resources together."""
    prepared = _prepared([n.text for n in needs] + [r.text for r in resources])
    try:
        matrix = make_tfidf(len(prepared), VectorParams(min_df=1)).fit_transform(prepared)
    except ValueError:  # not one lemma in any text
        matrix = sparse.csr_matrix((len(prepared), 1), dtype=np.float32)
    matrix = sparse.csr_matrix(matrix, dtype=np.float32)
    return matrix[: len(needs)], matrix[len(needs):].T.tocsr()


def _scores(area, group, place, serves, text) -> np.ndarray:
    # Text < 1 after scaling, so it never outweighs a structural criterion (lexicographic).
    scores = np.multiply(text, 0.999, dtype=np.float32)
    for weight, mask in ((8, serves), (4, area), (2, group), (1, place)):
        np.add(scores, weight, out=scores, where=mask)
    return scores


def rank(
    needs: Sequence[NeedItem], resources: Sequence[ResourceItem], top: int = 5
) -> list[list[Match]]:
    """The `top` resources for each need, best first (ties: the register's order)."""
    if not needs or not resources:
        return [[] for _ in needs]
    features = _Features(needs, resources)
    top = min(top, len(resources))
    out: list[list[Match]] = []
    for start in range(0, len(needs), BLOCK):
        stop = min(start + BLOCK, len(needs))
        area, group, place, serves, text = features.block(start, stop)
        scores = _scores(area, group, place, serves, text)
        best = np.sort(np.argpartition(-scores, top - 1, axis=1)[:, :top], axis=1)
        # Best first; equal scores keep the register's order (stable sort of sorted indices).
        order = np.argsort(-np.take_along_axis(scores, best, axis=1), axis=1, kind="stable")
        best = np.take_along_axis(best, order, axis=1)
        rows = np.arange(stop - start)[:, None]
        picked = [m[rows, best].tolist() for m in (serves, area, group, place, text)]
        ids = [r.id for r in resources]
        for row, candidates in enumerate(best.tolist()):
            s_, a_, g_, p_, t_ = (column[row] for column in picked)
            out.append([Match(ids[j], s_[k], a_[k], g_[k], p_[k], t_[k])
                        for k, j in enumerate(candidates)])
    return out


@dataclass(frozen=True)
class ThemeMatch:
    resource_id: int
    needs_served: int
    mean_text: float


def rank_for_theme(
    needs: Sequence[NeedItem], resources: Sequence[ResourceItem], top: int = 10
) -> list[ThemeMatch]:
    """Resources for a theme (a group of needs): most needs served first, then mean text
    similarity to those needs."""
    if not needs or not resources:
        return []
    features = _Features(needs, resources)
    served = np.zeros(len(resources), dtype=np.int64)
    text_sum = np.zeros(len(resources), dtype=np.float64)
    for start in range(0, len(needs), BLOCK):
        *_, serves, text = features.block(start, min(start + BLOCK, len(needs)))
        served += serves.sum(axis=0)
        text_sum += text.sum(axis=0)
    mean = text_sum / len(needs)
    order = sorted(range(len(resources)), key=lambda j: (-served[j], -mean[j], j))[:top]
    return [ThemeMatch(resources[j].id, int(served[j]), float(mean[j])) for j in order]


@dataclass
class GapRow:
    """Needs of one area in one locality: how many, how many no resource serves, how many the
    serving resources' capacity left does not cover."""

    area: str
    locality_id: int | None
    needs: int = 0
    without_resource: int = 0
    beyond_capacity: int = 0
    resource_ids: set[int] | None = None

    @property
    def covered(self) -> int:
        return self.needs - self.without_resource - self.beyond_capacity


def _urgency_key(need: NeedItem) -> tuple[int, int]:
    rank_ = URGENCY_ORDER.index(need.urgency) if need.urgency in URGENCY_ORDER else 9
    return rank_, need.id


def _serving(needs: Sequence[NeedItem], resources: Sequence[ResourceItem]) -> dict[int, list[int]]:
    """For each need (by position), the positions of the resources serving it, best first."""
    servers: dict[int, list[int]] = defaultdict(list)
    if not resources:
        return servers
    features = _Features(needs, resources)
    for start in range(0, len(needs), BLOCK):
        stop = min(start + BLOCK, len(needs))
        area, group, place, serves, text = features.block(start, stop)
        scores = _scores(area, group, place, serves, text)
        for row in range(stop - start):
            js = np.flatnonzero(serves[row])
            by_score = np.argsort(-scores[row, js], kind="stable")  # best first, then register
            servers[start + row] = js[by_score].tolist()
    return servers


def gaps(needs: Sequence[NeedItem], resources: Sequence[ResourceItem]) -> list[GapRow]:
    """Gaps per area × locality. Capacity is shared out greedily: the most urgent (then oldest)
    need takes a place at its best-ranked serving resource that still has one."""
    rows: dict[tuple[str, int | None], GapRow] = {}
    if not needs:
        return []
    left = [r.capacity_left for r in resources]
    servers = _serving(needs, resources)
    for i in sorted(range(len(needs)), key=lambda i: _urgency_key(needs[i])):
        need = needs[i]
        row = rows.setdefault((need.area, need.locality_id),
                              GapRow(need.area, need.locality_id, resource_ids=set()))
        row.needs += 1
        candidates = servers.get(i, [])
        row.resource_ids.update(resources[j].id for j in candidates)
        if not candidates:
            row.without_resource += 1
            continue
        place = next((j for j in candidates if left[j] is None or left[j] > 0), None)
        if place is None:
            row.beyond_capacity += 1
        elif left[place] is not None:
            left[place] -= 1
    return sorted(rows.values(), key=lambda r: (r.area, r.locality_id or 0))
