// Personal data in free text, written the ways Polish people write it: PESEL (also spaced),
// phone numbers (3-3-3, 3-2-2-2, 2-3-2-2, +48/0048/(0), spaces, hyphens, dots or none),
// e-mail (also "(at)", "małpa"), account numbers, street addresses, and first name + surname
// as a softer warning. Mirrors analysis/pii.py `find_pii` / `pii_kinds`;
// tests/fixtures/pii_cases.json is run through both. Python's \w is Unicode-aware, hence
// [\p{L}\p{N}_] here.

const PESEL_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
const KINDS = ["pesel", "phone", "email", "account", "address", "name"];
const W = "[\\p{L}\\p{N}_]";
const UP = "A-ZĄĆĘŁŃÓŚŹŻ";
const LO = "a-ząćęłńóśźż";

const EMAIL = new RegExp(
  "[\\p{L}\\p{N}_.+-]+" +
    "(?:@|\\s*[(\\[{]\\s*(?:at|małpa)\\s*[)\\]}]\\s*|\\s+małpa\\s+)" +
    "[\\p{L}\\p{N}_-]+(?:(?:\\.|\\s*[(\\[]\\s*(?:dot|kropka)\\s*[)\\]]\\s*|\\s+kropka\\s+)[\\p{L}\\p{N}_-]+)+",
  "giu",
);
const PESEL = /(?<![0-9+])(?<![0-9][.-])[0-9](?:[ -]?[0-9]){10}(?![0-9])(?![.-][0-9])/gu;
const ACCOUNT = new RegExp(`(?<!${W})(?:PL ?)?[0-9]{2}[ -]?(?:[0-9]{4}[ -]?){5}[0-9]{4}(?![0-9])`, "gu");
const SEP = "[ .-]?";
const PHONE = new RegExp(
  "(?<![\\p{L}\\p{N}_+])(?<![0-9][.-])" +
    "(?:\\(?(?:\\+|00) ?48\\)? ?(?:\\(0\\) ?)?[.-]?)?" +
    "(?:" +
    `[1-9][0-9]{2}${SEP}[0-9]{3}${SEP}[0-9]{3}` +
    `|[1-9][0-9]{2}${SEP}[0-9]{2}${SEP}[0-9]{2}${SEP}[0-9]{2}` +
    `|(?:\\(0?[- ]?[1-9][0-9]\\)|0?[1-9][0-9]) ?[.-]?[0-9]{3}${SEP}[0-9]{2}${SEP}[0-9]{2}` +
    ")" +
    `(?!${W})(?![.-][0-9])(?! ?(?:zł|pln|złot|tys|mln|eur|€))`,
  "giu",
);
const NOT_A_PHONE_BEFORE = new RegExp(
  `(?:regon|nip|krs|dowod${W}*|dowód|legitymacj${W}*|paszport${W}*|spraw${W}*|faktur${W}*|umow${W}*|decyzj${W}*)[\\s.:nr]*$`,
  "iu",
);
const STREET = "(?:[Uu]l\\.|[Uu]lic[aąyę]|[Aa]l\\.|[Aa]lej[aię]|[Aa]lei|[Oo]s\\.|[Oo]siedl[eua]|[Pp]l\\.|[Pp]lac|[Pp]lacu)";
const STREET_LOWER = "(?:[Uu]l\\.|[Uu]lic[aąyę])";
const TITLE = "(?:(?:ks|gen|św|marsz|płk|kard|bp|prof|dr|im|kpt|por|mjr)\\.\\s*)?";
const NAME_WORD = `[${UP}][${UP}${LO}.'-]*`;
const HOUSE = "[0-9]{1,4}[a-zA-Z]?(?:\\s?(?:/|m\\.?|lok\\.?)\\s?[0-9]{1,4}[a-zA-Z]?)?(?![\\p{L}\\p{N}_/-])";
const ADDRESS = new RegExp(
  `(?<!${W})(?:${STREET}\\s*${TITLE}(?:[0-9]{1,2}\\s+)?${NAME_WORD}(?:[\\s-]+${NAME_WORD}){0,3}` +
    `|${STREET_LOWER}\\s*[${LO}]{3,})` +
    `\\s+(?:nr\\.?\\s*)?${HOUSE}`,
  "gu",
);
const ADDRESS_BARE = new RegExp(
  `(?:(?<=przy )|(?<=Przy )|(?<=na ))[${UP}][${LO}]*(?:ej|ego|a|i|y)(?:\\s+[${UP}][${LO}]+)?` +
    "\\s+(?:nr\\.?\\s*)?[0-9]{1,3}[a-zA-Z]?(?:\\s?(?:/|m\\.?)\\s?[0-9]{1,4}[a-zA-Z]?)?(?![\\p{L}\\p{N}_/-])" +
    "(?!\\s*(?:lat|rok|raz|dni|dzie|osob|osób|godz|km|zł|min|tyg|mies|%|r\\.))",
  "gu",
);

const PUBLIC_PLACE_BEFORE = new RegExp(
  `(?<!${W})(?:bibliotek|szkoł|szkol|przedszkol|żłob|fili[ia]|urzęd|urząd|ośrod|kultury|poradni` +
    "|przychodni|kości(?!uszk)|parafi|świetlic|klub|centrum|mbp|ops|gops|mops|dps|śds|boisk|park" +
    "|placu zabaw|plac zabaw|stadion|basen|hal[ai]|muzeum|teatr|kino|kina|sklep|aptek|poczt" +
    "|dworc|dworzec|zespo[lł]|liceum|uczelni|instytut|stowarzysz|fundacj|schronisk|siedzib" +
    "|targowisk|cmentarz|remiz|osp|pcpr|nfz|zus|chodnik|przejści|parking|postojow|przystank" +
    "|rond|skrzyżowan|sp(?!\\p{L})|zs(?!\\p{L}))",
  "iu",
);

const FLAT = /[0-9]\s?(?:\/|m\.?)\s?[0-9]/u;
const HOME_BEFORE = /(?:mieszk|zamieszk|adres|dom)/iu;

// Keep equal to FIRST_NAMES in analysis/pii.py (tests/field/test_shared_cases.py compares them).
export const FIRST_NAMES = new Set(
  `Adam Adrian Agata Agnieszka Aleksander Aleksandra Alicja Andrzej Aneta Aniela Anna
    Antoni Antonina Arkadiusz Artur Barbara Bartosz Beata Bogdan Bogumiła Bogusław Bożena
    Cezary Czesław Czesława Damian Danuta Dariusz Dawid Dominik Dominika Dorota Edward Edyta
    Elżbieta Emil Emilia Ewa Ewelina Feliks Filip Franciszek Genowefa Grażyna Grzegorz Halina
    Helena Henryk Hanna Honorata Irena Iwona Izabela Jacek Jadwiga Jakub Jan Janina Janusz Jarosław
    Jerzy Joanna Jolanta Józef Józefa Julia Julian Justyna Kamil Kamila Karol Karolina
    Katarzyna Kazimiera Kazimierz Kinga Klaudia Krystian Krystyna Krzysztof Leszek Lucyna
    Ludwik Łukasz Maciej Magdalena Małgorzata Marcin Marek Maria Marian Marianna Mariusz
    Marta Marzena Mateusz Michał Mieczysław Mirosław Mirosława Monika Natalia Norbert Oliwia
    Paweł Patrycja Piotr Przemysław Rafał Regina Renata Robert Roman Ryszard Sebastian
    Stanisław Stanisława Stefan Stefania Sylwia Szymon Tadeusz Teresa Tomasz Urszula
    Wanda Weronika Wiesław Wiesława Wiktor Wiktoria Władysław Włodzimierz Wojciech Zbigniew
    Zdzisław Zenon Zofia Zuzanna Zygmunt`.split(/\s+/),
);
const NAME = new RegExp(
  `(?<!${W})(?=([${UP}][${LO}]+)(\\s+)([${UP}][${LO}]+(?:-[${UP}][${LO}]+)?)(?!${W}))`,
  "gu",
);
const NOT_A_SURNAME = new Set(["Pawła", "Paweł", "Chrzciciela", "Bosko"]);

/** True when `digits` is 11 ASCII digits with a valid birth date and check digit. */
export function isValidPesel(digits) {
  if (!/^[0-9]{11}$/.test(digits)) return false;
  const month = Number(digits.slice(2, 4)) % 20;
  const day = Number(digits.slice(4, 6));
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return false;
  const total = PESEL_WEIGHTS.reduce((sum, w, i) => sum + w * Number(digits[i]), 0);
  return (10 - (total % 10)) % 10 === Number(digits[10]);
}

const match = (kind, m) => ({ kind, start: m.index, end: m.index + m[0].length, text: m[0] });

function strongMatches(text) {
  const found = [];
  for (const m of text.matchAll(EMAIL)) found.push(match("email", m));
  for (const m of text.matchAll(ACCOUNT)) found.push(match("account", m));
  for (const m of text.matchAll(PESEL)) {
    if (isValidPesel(m[0].replace(/[ -]/g, ""))) found.push(match("pesel", m));
  }
  for (const m of text.matchAll(PHONE)) {
    if (!NOT_A_PHONE_BEFORE.test(text.slice(Math.max(0, m.index - 16), m.index))) found.push(match("phone", m));
  }
  for (const m of text.matchAll(ADDRESS)) {
    if (!PUBLIC_PLACE_BEFORE.test(text.slice(Math.max(0, m.index - 80), m.index))) found.push(match("address", m));
  }
  for (const m of text.matchAll(ADDRESS_BARE)) {
    const home = HOME_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index));
    if ((home || FLAT.test(m[0])) && !PUBLIC_PLACE_BEFORE.test(text.slice(Math.max(0, m.index - 80), m.index + m[0].length))) {
      found.push(match("address", m));
    }
  }
  return found;
}

/** Every piece of personal data in `text`, in order, without overlaps (names last). */
export function findPii(text) {
  const found = strongMatches(text);
  found.sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
  const kept = [];
  for (const m of found) {
    if (!kept.length || m.start >= kept[kept.length - 1].end) kept.push(m);
  }
  for (const m of text.matchAll(NAME)) {
    if (!FIRST_NAMES.has(m[1]) || NOT_A_SURNAME.has(m[3])) continue;
    const value = m[1] + m[2] + m[3];
    const start = m.index;
    const end = start + value.length;
    if (kept.some((k) => k.start < end && start < k.end)) continue;
    kept.push({ kind: "name", start, end, text: value });
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The distinct kinds found in `text`, in the stable order of KINDS. */
export function piiKinds(text) {
  const kinds = new Set(findPii(text).map((m) => m.kind));
  return KINDS.filter((k) => kinds.has(k));
}
