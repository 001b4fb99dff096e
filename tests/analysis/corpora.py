"""Small hand-written Polish corpora with obvious groups, shared by the analysis tests."""

SENIOR_CARE = [
    "Starsza pani mieszka sama i potrzebuje opieki w domu, pomocy przy zakupach i sprzątaniu.",
    "Brak opiekunki dla seniorów, seniorzy mieszkający samotnie nie mają pomocy w domu.",
    "Seniorom brakuje usług opiekuńczych w domu, opiekunka przychodzi za rzadko.",
    "Samotny senior po udarze potrzebuje opiekunki, która pomoże w domu i przy zakupach.",
    "Opieka domowa dla starszej sąsiadki, która sama nie robi już zakupów ani nie sprząta.",
]

AFTER_SCHOOL = [
    "Dzieci nie mają zajęć pozalekcyjnych po szkole, świetlica szkolna jest zamknięta.",
    "Brakuje zajęć dla dzieci po lekcjach, np. kółka plastycznego w świetlicy.",
    "Dziecko po szkole nie ma gdzie pójść, potrzebne zajęcia pozalekcyjne w świetlicy.",
    "Zajęcia sportowe i plastyczne dla dzieci po lekcjach w szkole byłyby potrzebne.",
    "Świetlica dla dzieci po szkole z zajęciami pozalekcyjnymi i pomocą w lekcjach.",
]

DOCTOR_TRANSPORT = [
    "Nie ma dowozu do lekarza, autobus do przychodni jeździ raz dziennie.",
    "Potrzebny dowóz do przychodni i do lekarza specjalisty w mieście.",
    "Mama nie ma jak dojechać do lekarza, brak transportu do przychodni.",
    "Transport do lekarza dla osób bez samochodu, autobusem do przychodni nie da się dojechać.",
    "Dowozy do przychodni na wizyty u lekarza, bo nie kursuje żaden autobus.",
]

HOUSING_REPAIR = [
    "Przecieka dach, mieszkanie wymaga remontu, a rodziny nie stać na naprawę.",
    "Remont mieszkania komunalnego: zagrzybione ściany i nieszczelne okna do naprawy.",
    "Potrzebna naprawa dachu i remont łazienki w mieszkaniu socjalnym.",
    "Mieszkanie w złym stanie, okna i dach do remontu, wilgoć na ścianach.",
    "Pomoc w remoncie mieszkania: wymiana okien, naprawa dachu, osuszenie ścian.",
]

GROUPS = {
    "seniorzy": SENIOR_CARE,
    "zajecia": AFTER_SCHOOL,
    "dowoz": DOCTOR_TRANSPORT,
    "remont": HOUSING_REPAIR,
}


def labelled_items() -> tuple[list[tuple[str, str]], dict[str, str]]:
    """(id, text) pairs in an interleaved order, and the true group of each id."""
    items: list[tuple[str, str]] = []
    truth: dict[str, str] = {}
    for i in range(5):
        for group, texts in GROUPS.items():
            need_id = f"{group}-{i}"
            items.append((need_id, texts[i]))
            truth[need_id] = group
    return items, truth
