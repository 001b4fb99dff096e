"""Service types (D3) in groups: automatic by lemmas, and as the manager reviewed them."""

from __future__ import annotations

from researcher.servicetypes.grouping import OTHER, automatic, reviewed, wording_key

COUNTS = {"usługi opiekuńcze": 3, "Usługa opiekuńcza": 1, "dowóz do lekarza": 2,
          "  dowóz do  lekarza ": 1, "świetlica": 1}  # fmt: skip


def _partition(groups):
    return {g.name: sorted(m.wording for m in g.members) for g in groups}


def test_wordings_with_the_same_lemmas_form_one_group_named_by_the_commonest():
    groups = automatic(COUNTS)
    assert _partition(groups) == {
        "usługi opiekuńcze": ["Usługa opiekuńcza", "usługi opiekuńcze"],
        "dowóz do lekarza": ["dowóz do lekarza"],
        "świetlica": ["świetlica"],
    }
    assert [g.total for g in groups] == [4, 3, 1]  # largest first; spaces do not split


def test_a_review_renames_moves_and_sends_to_inne():
    review = {wording_key("usługi opiekuńcze"): "Opieka w domu",
              wording_key("Usługa opiekuńcza"): "Opieka w domu",
              wording_key("dowóz do lekarza"): "Opieka w domu",
              wording_key("świetlica"): OTHER}  # fmt: skip
    groups = reviewed(COUNTS, review)
    assert _partition(groups) == {
        "Opieka w domu": ["Usługa opiekuńcza", "dowóz do lekarza", "usługi opiekuńcze"],
        OTHER: ["świetlica"],
    }
    assert groups[-1].other and not any(m.new for g in groups for m in g.members)


def test_a_later_wording_joins_its_lemma_siblings_and_is_marked_new():
    review = {wording_key("usługi opiekuńcze"): "Opieka w domu"}
    groups = reviewed({"usługi opiekuńcze": 2, "usługa opiekuńcza": 1, "basen": 1}, review)
    care = next(g for g in groups if g.name == "Opieka w domu")
    assert [(m.wording, m.new) for m in care.members] == [
        ("usługi opiekuńcze", False), ("usługa opiekuńcza", True)]
    assert [(g.name, g.members[0].new) for g in groups if g.name == "basen"] == [("basen", True)]
