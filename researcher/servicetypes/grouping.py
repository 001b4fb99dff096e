"""Service types (D3) in groups: automatic by lemmas, or as the manager reviewed them.

D3 is free text, so "usługi opiekuńcze" and "Usługa opiekuńcza" must be one group. The
automatic grouping joins wordings with the same set of lemmas (`analysis.text.tokens`) and
names a group by its commonest wording. A review maps each wording (by a hash of it, so the
review keeps no copy of the residents' text) to a group name, or to "inne". Wordings entered
after the review join the reviewed group that holds their lemma-siblings, else a group of
their own, and are reported as not reviewed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from analysis.text import tokens

OTHER = ""  # the "inne" group: in a review, the name of the wordings that fit no group


def normalise(wording: str) -> str:
    """The wording as compared: single spaces, no spaces around."""
    return " ".join(wording.split())


def wording_key(wording: str) -> str:
    """A stable short key of a wording: the review's key and the form's field name."""
    return hashlib.sha256(normalise(wording).encode("utf-8")).hexdigest()[:16]


def _lemmas(wording: str) -> tuple[str, ...]:
    return tuple(sorted(set(tokens(wording)))) or (normalise(wording).lower(),)


@dataclass
class Member:
    wording: str
    needs: int
    key: str
    new: bool = False  # entered after the review: not reviewed yet


@dataclass
class Group:
    name: str  # OTHER for "inne"
    members: list[Member] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(m.needs for m in self.members)

    @property
    def other(self) -> bool:
        return self.name == OTHER


def _ordered(groups: list[Group]) -> list[Group]:
    for group in groups:
        group.members.sort(key=lambda m: (-m.needs, m.wording))
    named = sorted((g for g in groups if not g.other), key=lambda g: (-g.total, g.name))
    return named + [g for g in groups if g.other]


def _commonest(members: list[Member]) -> str:
    return min(members, key=lambda m: (-m.needs, m.wording)).wording


def automatic(counts: Mapping[str, int]) -> list[Group]:
    """Wordings with the same lemmas in one group, named by the commonest wording."""
    by_lemmas: dict[tuple[str, ...], list[Member]] = {}
    for wording, needs in _merged(counts).items():
        by_lemmas.setdefault(_lemmas(wording), []).append(
            Member(wording, needs, wording_key(wording))
        )
    return _ordered([Group(_commonest(members), members) for members in by_lemmas.values()])


def reviewed(counts: Mapping[str, int], review: Mapping[str, str]) -> list[Group]:
    """The groups as reviewed (`review`: wording key → group name or OTHER); wordings the
    review does not know are marked `new` and placed beside their lemma-siblings."""
    groups: dict[str, Group] = {}
    by_lemmas: dict[tuple[str, ...], str] = {}
    unknown: list[Member] = []
    for wording, needs in _merged(counts).items():
        member = Member(wording, needs, wording_key(wording))
        if member.key in review:
            name = review[member.key]
            groups.setdefault(name, Group(name)).members.append(member)
            by_lemmas.setdefault(_lemmas(wording), name)
        else:
            member.new = True
            unknown.append(member)
    for group in automatic({m.wording: m.needs for m in unknown}):
        fresh = {m.key for m in unknown}
        for member in group.members:
            member.new = member.key in fresh
            name = by_lemmas.get(_lemmas(member.wording), group.name)
            groups.setdefault(name, Group(name)).members.append(member)
    return _ordered(list(groups.values()))


def _merged(counts: Mapping[str, int]) -> dict[str, int]:
    merged: dict[str, int] = {}
    for wording, needs in counts.items():
        text = normalise(wording or "")
        if text:
            merged[text] = merged.get(text, 0) + needs
    return merged
