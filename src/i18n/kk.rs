//! Kazakh case endings, chosen by the rules a reader hears: the last vowel's harmony (back
//! "а о ұ ы" or front "ә е ө ү і") and the last sound (a vowel, a sonorant, "ж з", a nasal, or
//! a voiceless consonant), of the word actually pronounced last. For "7,6 %" that is
//! "пайыз" (→ "7,6 %-ға"), for "25 000" "мың" (→ "25 000-нан"), for "76 кг" "килограмм".
//! Pure and table-driven: a few hundred bytes of wasm, not a match arm per word.

/// The cases the page needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// Барыс: "-ға/-ге/-қа/-ке" ("7 %-ға азайды").
    Dative,
    /// Шығыс: "-дан/-ден/-тан/-тен/-нан/-нен" ("20 %-дан астам").
    Ablative,
    /// Жатыс: "-да/-де/-та/-те" ("2025 жылда").
    Locative,
    /// Ілік: "-ның/-нің/-дың/-дің/-тың/-тің".
    Genitive,
    /// Табыс: "-ны/-ні/-ды/-ді/-ты/-ті".
    Accusative,
    /// Көмектес: "-мен/-бен/-пен" (no harmony: "2024 жылмен").
    Instrumental,
}

/// The last sound's class: an index into the rows of [`ONSET`].
fn class(c: char) -> usize {
    match c {
        'а' | 'ә' | 'е' | 'ё' | 'о' | 'ө' | 'ұ' | 'ү' | 'ы' | 'і' | 'э' | 'ю' | 'я' => {
            0
        }
        'л' | 'р' | 'й' | 'у' | 'и' => 1,
        'ж' | 'з' | 'ғ' => 2,
        'м' | 'н' | 'ң' => 3,
        // Voiceless, and "б в г д", which are said voiceless at the end of a word.
        _ => 4,
    }
}

/// The suffix's first letter by case (rows) and last-sound class (columns: vowel, sonorant,
/// "ж з", nasal, voiceless). The dative's "г/к" become "ғ/қ" with back vowels.
const ONSET: [[char; 5]; 6] = [
    ['г', 'г', 'г', 'г', 'к'], // dative
    ['д', 'д', 'д', 'н', 'т'], // ablative
    ['д', 'д', 'д', 'д', 'т'], // locative
    ['н', 'д', 'д', 'н', 'т'], // genitive
    ['н', 'д', 'д', 'д', 'т'], // accusative
    ['м', 'м', 'б', 'м', 'п'], // instrumental
];

/// The rest of the suffix after its first letter: (back, front).
const REST: [(&str, &str); 6] = [
    ("а", "е"),
    ("ан", "ен"),
    ("а", "е"),
    ("ың", "ің"),
    ("ы", "і"),
    ("ен", "ен"),
];

/// Whether a word's last vowel is a back one ("жыл", "миллион") or a front one ("мың",
/// "теңге"). "и" and "у" say nothing by themselves; a word without other vowels is back.
fn is_back(word: &str) -> bool {
    for c in word.chars().rev() {
        match c {
            'а' | 'о' | 'ұ' | 'ы' | 'я' | 'ё' => return true,
            'ә' | 'е' | 'ө' | 'ү' | 'і' | 'э' | 'ю' => return false,
            _ => {}
        }
    }
    true
}

/// The ending that `word` (lower case, as pronounced) takes in `case`: "жыл" → "мен",
/// "пайыз" → "ға", "мың" → "нан".
pub fn suffix(word: &str, case: Case) -> String {
    let last = word.chars().last().unwrap_or('а');
    let row = case as usize;
    let mut onset = ONSET[row][class(last)];
    let back = is_back(word);
    if back && case == Case::Dative {
        onset = if onset == 'к' { 'қ' } else { 'ғ' };
    }
    let (b, f) = REST[row];
    let mut out = String::from(onset);
    out.push_str(if back { b } else { f });
    out
}

/// `text` with the third person's possessive ending and then `case`'s, as a part of a whole is
/// named after its whole in the genitive ("2020 жылдың I тоқсанында", "… айларымен"): the
/// possessive is "-ы/-і" after a consonant, "-сы/-сі" after a vowel; a final "қ к п" is voiced
/// before it ("жартыжылдық" → "жартыжылдығы"); after it the case's ending begins with the
/// pronominal "н" ("-нда", "-на", "-нан", "-н", "-ның"), the instrumental stays "-мен". In place,
/// on the text's last word.
pub fn possessive(text: &mut String, case: Case) {
    let back = is_back(text);
    match text.pop() {
        Some('қ') => text.push('ғ'),
        Some('к') => text.push('г'),
        Some('п') => text.push('б'),
        Some(c) => {
            text.push(c);
            if class(c) == 0 {
                text.push('с');
            }
        }
        None => {}
    }
    let (b, f) = AFTER_POSSESSIVE[case as usize];
    text.push_str(if back { b } else { f });
}

/// The possessive's vowel and the case's ending after it, by case: (back, front).
const AFTER_POSSESSIVE: [(&str, &str); 6] = [
    ("ына", "іне"),
    ("ынан", "інен"),
    ("ында", "інде"),
    ("ының", "інің"),
    ("ын", "ін"),
    ("ымен", "імен"),
];

/// [`possessive`] of one word, as a new string.
#[cfg(test)]
fn possessed(word: &str, case: Case) -> String {
    let mut text = word.to_owned();
    possessive(&mut text, case);
    text
}

/// Ones and tens as they are said: the last word of a number that ends in them.
const ONES: [&str; 10] = [
    "нөл",
    "бір",
    "екі",
    "үш",
    "төрт",
    "бес",
    "алты",
    "жеті",
    "сегіз",
    "тоғыз",
];
const TENS: [&str; 10] = [
    "",
    "он",
    "жиырма",
    "отыз",
    "қырық",
    "елу",
    "алпыс",
    "жетпіс",
    "сексен",
    "тоқсан",
];
/// The powers of a thousand, as said after "…000".
const POWERS: [&str; 5] = ["жүз", "мың", "миллион", "миллиард", "триллион"];

/// The last word of a whole number as it is said: 76 → "алты", 40 → "қырық", 300 → "жүз",
/// 25 000 → "мың", 2 000 000 → "миллион".
pub fn number_word(n: u64) -> &'static str {
    if n == 0 {
        return ONES[0];
    }
    if !n.is_multiple_of(10) {
        return ONES[(n % 10) as usize];
    }
    if !n.is_multiple_of(100) {
        return TENS[((n / 10) % 10) as usize];
    }
    if !n.is_multiple_of(1000) {
        return POWERS[0];
    }
    let mut power = 1;
    let mut rest = n / 1000;
    while rest.is_multiple_of(1000) && power + 1 < POWERS.len() {
        rest /= 1000;
        power += 1;
    }
    POWERS[power]
}

/// Signs and abbreviations the page writes after a number, and the word said for each
/// ("п. т." is "пайыздық тармақ", a percentage point).
const SAID: [(&str, &str); 7] = [
    ("%", "пайыз"),
    ("кг", "килограмм"),
    ("₸", "теңге"),
    ("млн", "миллион"),
    ("млрд", "миллиард"),
    ("т.", "тармақ"),
    ("ж.", "жыл"),
];

/// A letter of the alphabets the page writes (Latin, Cyrillic with Kazakh's letters). Not
/// `char::is_alphabetic`: its Unicode tables cost the page's wasm kilobytes.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{400}'..='\u{4ff}').contains(&c)
}

/// `c` in lower case, for Latin and Cyrillic (Kazakh's letters Ә Ғ Қ Ң Ө Ұ Ү Һ І included).
/// Not `char::to_lowercase`: its Unicode tables cost the page's wasm kilobytes.
fn lower(c: char) -> char {
    let n = u32::from(c);
    let n = match n {
        0x41..=0x5a => n + 0x20,
        0x410..=0x42f => n + 0x20,
        0x400..=0x40f => n + 0x50,
        // Cyrillic's extended letters come in pairs, the capital first (Ғ ғ, Қ қ, Ң ң, Ү ү,
        // Ұ ұ, Һ һ, Ә ә, Ө ө); U+04C1–U+04CE pair from an odd capital, and Ӏ's small letter
        // is U+04CF.
        0x460..=0x4bf | 0x4d0..=0x4ff if n % 2 == 0 => n + 1,
        0x4c1..=0x4ce if n % 2 == 1 => n + 1,
        0x4c0 => 0x4cf,
        _ => n,
    };
    char::from_u32(n).unwrap_or(c)
}

/// The word pronounced last in `text` (lower case): a number's last word, the word behind a
/// sign or abbreviation, or the last word itself. Decimals end in the fraction's last word
/// ("7,6" → "алты", said "жеті бүтін оннан алты").
pub fn last_word(text: &str) -> String {
    let text = text.trim_end();
    for (sign, word) in SAID {
        if let Some(before) = text.strip_suffix(sign) {
            // A sign after a figure or a space, not the end of another word.
            let free = before.chars().last().is_none_or(|c| !is_letter(c));
            if free {
                return word.to_owned();
            }
        }
    }
    let digits: String = text
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .filter(char::is_ascii_digit)
        .collect();
    if !digits.is_empty() {
        let n = digits.chars().rev().fold(0u64, |n, c| {
            n.saturating_mul(10).saturating_add(c as u64 - '0' as u64)
        });
        return number_word(n).to_owned();
    }
    let word: String = text.chars().rev().take_while(|c| is_letter(*c)).collect();
    word.chars().rev().map(lower).collect()
}

/// `text` with `case`'s ending for the word said last, joined as Kazakh writes it: straight
/// after a word ("жылмен", "астамға"), after a hyphen following a figure, sign or abbreviation
/// ("7 %-ға", "2024-ке", "76 кг-нан").
pub fn with_case(text: &str, case: Case) -> String {
    let text = text.trim_end();
    let word = last_word(text);
    let ends_in_word = text.chars().last().is_some_and(is_letter)
        && text.chars().map(lower).collect::<String>().ends_with(&word);
    let mut out = text.to_owned();
    if !ends_in_word {
        out.push('-');
    }
    out.push_str(&suffix(&word, case));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_follows_unicode_for_every_letter_the_page_writes() {
        let letters = ('A'..='Z').chain('\u{400}'..='\u{4ff}');
        for c in letters.filter(|c| c.is_alphabetic()) {
            let unicode: String = c.to_lowercase().collect();
            assert_eq!(lower(c).to_string(), unicode, "{c} U+{:04X}", u32::from(c));
            assert!(is_letter(c));
        }
        assert_eq!(last_word("Жалпы ҚЫЛМЫС"), "қылмыс");
        assert!(!is_letter('7') && !is_letter('%') && !is_letter(' '));
    }
    use Case::*;

    #[test]
    fn the_last_word_of_a_number_is_the_one_said_last() {
        for (n, word) in [
            (0, "нөл"),
            (1, "бір"),
            (6, "алты"),
            (10, "он"),
            (11, "бір"),
            (20, "жиырма"),
            (30, "отыз"),
            (40, "қырық"),
            (50, "елу"),
            (60, "алпыс"),
            (70, "жетпіс"),
            (80, "сексен"),
            (90, "тоқсан"),
            (100, "жүз"),
            (300, "жүз"),
            (1000, "мың"),
            (1500, "жүз"),
            (25000, "мың"),
            (123900, "жүз"),
            (2_000_000, "миллион"),
            (3_000_000_000, "миллиард"),
        ] {
            assert_eq!(number_word(n), word, "{n}");
        }
    }

    #[test]
    fn numbers_take_the_dative_and_ablative_of_their_last_word() {
        // (number, dative, ablative), from the words: бір·ге/ден, екі·ге/ден, үш·ке/тен, …
        for (text, dat, abl) in [
            ("1", "1-ге", "1-ден"),
            ("2", "2-ге", "2-ден"),
            ("3", "3-ке", "3-тен"),
            ("4", "4-ке", "4-тен"),
            ("5", "5-ке", "5-тен"),
            ("6", "6-ға", "6-дан"),
            ("7", "7-ге", "7-ден"),
            ("8", "8-ге", "8-ден"),
            ("9", "9-ға", "9-дан"),
            ("10", "10-ға", "10-нан"),
            ("20", "20-ға", "20-дан"),
            ("30", "30-ға", "30-дан"),
            ("40", "40-қа", "40-тан"),
            ("50", "50-ге", "50-ден"),
            ("60", "60-қа", "60-тан"),
            ("70", "70-ке", "70-тен"),
            ("80", "80-ге", "80-нен"),
            ("90", "90-ға", "90-нан"),
            ("100", "100-ге", "100-ден"),
            ("76", "76-ға", "76-дан"),
            ("127", "127-ге", "127-ден"),
            ("1\u{a0}000", "1\u{a0}000-ға", "1\u{a0}000-нан"),
            ("25\u{a0}000", "25\u{a0}000-ға", "25\u{a0}000-нан"),
            ("2\u{a0}500", "2\u{a0}500-ге", "2\u{a0}500-ден"),
            ("2024", "2024-ке", "2024-тен"),
            ("2025", "2025-ке", "2025-тен"),
            ("7,6", "7,6-ға", "7,6-дан"),
            ("3,8", "3,8-ге", "3,8-ден"),
        ] {
            assert_eq!(with_case(text, Dative), dat, "{text}");
            assert_eq!(with_case(text, Ablative), abl, "{text}");
        }
    }

    #[test]
    fn signs_and_units_take_the_ending_of_the_word_said() {
        assert_eq!(with_case("7\u{a0}%", Dative), "7\u{a0}%-ға");
        assert_eq!(with_case("7,6\u{a0}%", Dative), "7,6\u{a0}%-ға");
        assert_eq!(with_case("20\u{a0}%", Ablative), "20\u{a0}%-дан");
        assert_eq!(with_case("76 кг", Ablative), "76 кг-нан");
        assert_eq!(with_case("478 кг", Dative), "478 кг-ға");
        assert_eq!(
            with_case("1\u{a0}638 млн ₸", Ablative),
            "1\u{a0}638 млн ₸-ден"
        );
        assert_eq!(with_case("5 млн", Ablative), "5 млн-нан");
        assert_eq!(with_case("2 млрд", Dative), "2 млрд-қа");
        assert_eq!(with_case("1,5 п. т.", Dative), "1,5 п. т.-қа");
    }

    #[test]
    fn a_part_of_a_whole_takes_the_possessive_and_then_its_case() {
        for (word, case, form) in [
            ("тоқсан", Locative, "тоқсанында"),
            ("тоқсан", Instrumental, "тоқсанымен"),
            ("кезең", Locative, "кезеңінде"),
            ("кезең", Instrumental, "кезеңімен"),
            ("ай", Locative, "айында"),
            ("айлар", Instrumental, "айларымен"),
            ("айлар", Locative, "айларында"),
            ("жартыжылдық", Locative, "жартыжылдығында"),
            ("жартыжылдық", Instrumental, "жартыжылдығымен"),
            ("мектеп", Dative, "мектебіне"),
            ("көрсеткіш", Ablative, "көрсеткішінен"),
            ("бөлме", Locative, "бөлмесінде"),
            ("қала", Genitive, "қаласының"),
            ("облыс", Accusative, "облысын"),
        ] {
            assert_eq!(possessed(word, case), form, "{word} {case:?}");
        }
    }

    #[test]
    fn words_follow_harmony_and_their_last_sound() {
        for (word, case, ending) in [
            ("жыл", Instrumental, "мен"),
            ("жыл", Locative, "да"),
            ("жыл", Genitive, "дың"),
            ("кезең", Instrumental, "мен"),
            ("кезең", Locative, "де"),
            ("астам", Dative, "ға"),
            ("кем", Dative, "ге"),
            ("қала", Genitive, "ның"),
            ("қала", Accusative, "ны"),
            ("облыс", Genitive, "тың"),
            ("облыс", Locative, "та"),
            ("мектеп", Ablative, "тен"),
            ("қыз", Instrumental, "бен"),
            ("қыз", Dative, "ға"),
            ("үй", Accusative, "ді"),
            ("адам", Accusative, "ды"),
            ("тоқсан", Locative, "да"),
            ("теңге", Ablative, "ден"),
            ("көк", Dative, "ке"),
            ("ақ", Dative, "қа"),
            ("елу", Genitive, "дің"),
            ("су", Dative, "ға"),
        ] {
            assert_eq!(suffix(word, case), ending, "{word} {case:?}");
        }
        assert_eq!(with_case("20 %-дан астам", Dative), "20 %-дан астамға");
        assert_eq!(with_case("Ақтөбе облысы", Genitive), "Ақтөбе облысының");
    }
}
