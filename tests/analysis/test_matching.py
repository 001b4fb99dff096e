"""Matching needs to resources on a small hand-made set: order, theme ranking, gaps, capacity."""

from analysis.matching import NeedItem, ResourceItem, gaps, rank, rank_for_theme

SHOPPING = NeedItem(1, "Pomoc w zakupach i sprzątaniu dla starszej mamy", "pomoc_spoleczna",
                    ("seniorzy",), locality_id=10, urgency="pilna")
HOMEWORK = NeedItem(2, "Zajęcia popołudniowe i pomoc w lekcjach dla dzieci", "edukacja",
                    ("dzieci",), locality_id=11, urgency="12m")

VOLUNTEER = ResourceItem(101, "Zakupy i sprzątanie u seniorów", ("pomoc_spoleczna",),
                         ("seniorzy",), (10,))
OPS = ResourceItem(102, "Usługi opiekuńcze w domu", ("pomoc_spoleczna",), (), ())
ELSEWHERE = ResourceItem(103, "Zakupy i sprzątanie u seniorów", ("pomoc_spoleczna",),
                         ("seniorzy",), (11,))
WRONG_GROUP = ResourceItem(104, "Zakupy dla rodzin z dziećmi", ("pomoc_spoleczna",),
                           ("rodziny_z_dziecmi",), ())
LIBRARY = ResourceItem(105, "Pomoc w lekcjach, zajęcia dla dzieci w bibliotece", ("edukacja",),
                       ("dzieci",), (11,))
ALL = [LIBRARY, WRONG_GROUP, ELSEWHERE, OPS, VOLUNTEER]


def ids(matches):
    return [m.resource_id for m in matches]


def test_resources_that_serve_the_need_come_first_and_text_orders_them():
    [matches] = rank([SHOPPING], ALL, top=5)
    # serve it: the volunteer (text closer) before OPS; then same area and group but another
    # locality; then same area only; then another area.
    assert ids(matches) == [101, 102, 103, 104, 105]
    assert [m.serves for m in matches] == [True, True, False, False, False]
    assert matches[0].text > matches[1].text


def test_top_limits_the_suggestions():
    [matches] = rank([HOMEWORK], ALL, top=2)
    assert ids(matches) == [105, 102]  # 102 covers every group and the whole gmina


def test_no_resources_no_suggestions():
    assert rank([SHOPPING], [], top=3) == [[]]


def test_a_theme_gets_the_resources_serving_most_of_its_needs():
    other_senior = NeedItem(3, "Ktoś do pomocy w domu dla seniora", "pomoc_spoleczna",
                            ("seniorzy",), locality_id=11)
    ranked = rank_for_theme([SHOPPING, other_senior], ALL, top=3)
    assert ranked[0].resource_id == 102 and ranked[0].needs_served == 2


def test_gaps_count_needs_without_any_serving_resource():
    rows = gaps([SHOPPING, HOMEWORK], [VOLUNTEER])
    by_area = {r.area: r for r in rows}
    assert (by_area["pomoc_spoleczna"].without_resource, by_area["edukacja"].without_resource) == (
        0, 1,
    )


def test_needs_beyond_capacity_go_to_the_least_urgent():
    urgent = NeedItem(5, "zakupy", "pomoc_spoleczna", ("seniorzy",), 10, "pilna")
    later = NeedItem(4, "zakupy", "pomoc_spoleczna", ("seniorzy",), 10, "dlugofalowa")
    one_place = ResourceItem(101, "zakupy", ("pomoc_spoleczna",), (), (), capacity_left=1)
    [row] = gaps([later, urgent], [one_place])
    assert (row.needs, row.without_resource, row.beyond_capacity, row.covered) == (2, 0, 1, 1)


def test_a_resource_without_a_capacity_limit_covers_every_need():
    needs = [NeedItem(i, "zakupy", "pomoc_spoleczna", (), 10) for i in range(5)]
    [row] = gaps(needs, [OPS])
    assert row.covered == 5 and row.resource_ids == {102}
