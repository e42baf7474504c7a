//! What keeps a table's figures from having a source, said once per column and fault in the
//! table's own terms, with its rows. A source that cannot be one would otherwise be refused by
//! validation and take every figure citing it along, each with an error of its own
//! (`unknown source 's1'`), none of them naming the cell to fix.

use super::ImportError;
use crate::feed::{Grade, PartialDate};

/// One fault of one column: what is wrong, and what to do.
pub(super) struct Fault {
    column: &'static str,
    wrong: &'static str,
    fix: &'static str,
}

pub(super) static SOURCE_URL_EMPTY: Fault = Fault {
    column: "source_url",
    wrong: "is empty",
    fix: "add the address of the page each figure was published on",
};
pub(super) static SOURCE_URL_NOT_WEB: Fault = Fault {
    column: "source_url",
    wrong: "is not an http(s) address",
    fix: "write the whole address, starting with https://",
};
static SOURCE_TITLE_EMPTY: Fault = Fault {
    column: "source_title",
    wrong: "is empty",
    fix:
        "add the title of the page the figures were published on (in the first row of each source)",
};
static SOURCE_DATE_EMPTY: Fault = Fault {
    column: "source_date",
    wrong: "is empty",
    fix:
        "add the date the page was published, such as 2025-12-27 (in the first row of each source)",
};
static SOURCE_DATE_NOT_A_DATE: Fault = Fault {
    column: "source_date",
    wrong: "is not a date",
    fix: "write dates as 2025-12-27 (or 2025-12, or 2025)",
};
static GRADE_UNKNOWN: Fault = Fault {
    column: "grade",
    wrong: "is not a grade",
    fix: "write primary, agency-via-mirror or secondary, or leave it empty (secondary)",
};

/// The faults found so far: each with the rows it was found in and the first value refused.
#[derive(Default)]
pub(super) struct Faults {
    found: Vec<(&'static Fault, Vec<usize>, String)>,
}

impl Faults {
    /// `fault` in row `row`, whose cell reads `value`.
    pub(super) fn note(&mut self, fault: &'static Fault, row: usize, value: &str) {
        let same = |f: &&Fault| f.column == fault.column && f.wrong == fault.wrong;
        match self.found.iter_mut().find(|(f, ..)| same(f)) {
            Some((_, rows, _)) => rows.push(row),
            None => self.found.push((fault, vec![row], value.to_owned())),
        }
    }

    /// The cells of the row that first names a source (by a valid address): they make the
    /// source, the later rows with the same address only cite it.
    pub(super) fn source(&mut self, row: usize, title: &str, date: &str, grade: &str) {
        if title.is_empty() {
            self.note(&SOURCE_TITLE_EMPTY, row, "");
        }
        if date.is_empty() {
            self.note(&SOURCE_DATE_EMPTY, row, "");
        } else if PartialDate::read(date).is_none() {
            self.note(&SOURCE_DATE_NOT_A_DATE, row, date);
        }
        if !grade.is_empty() && Grade::parse(grade).is_none() {
            self.note(&GRADE_UNKNOWN, row, grade);
        }
    }

    /// `Err` with one message per fault when there is any; `rows` is how many rows of figures
    /// the table has.
    pub(super) fn refuse(self, rows: usize) -> Result<(), ImportError> {
        if self.found.is_empty() {
            return Ok(());
        }
        let messages = self
            .found
            .into_iter()
            .map(|(f, at, value)| {
                let example = if value.is_empty() {
                    String::new()
                } else {
                    format!(" ('{}')", value.chars().take(40).collect::<String>())
                };
                let (column, wrong, fix) = (f.column, f.wrong, f.fix);
                let at = rows_named(&at, rows);
                format!("'{column}' {wrong} in {at}{example}: {fix}")
            })
            .collect();
        Err(ImportError::Input(messages))
    }
}

/// "row 3", "rows 3 and 5", "rows 3, 5 and 9", "every row"; after eight, "and 12 more".
fn rows_named(rows: &[usize], of: usize) -> String {
    const SHOWN: usize = 8;
    match rows {
        [one] => format!("row {one}"),
        _ if rows.len() == of => "every row".to_owned(),
        _ => {
            let shown: Vec<String> = rows.iter().take(SHOWN).map(usize::to_string).collect();
            let (last, rest) = match rows.len().checked_sub(SHOWN) {
                Some(more) if more > 0 => (format!("{more} more"), shown.as_slice()),
                _ => (shown[shown.len() - 1].clone(), &shown[..shown.len() - 1]),
            };
            format!("rows {} and {last}", rest.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_named_as_a_person_would() {
        assert_eq!(rows_named(&[3], 9), "row 3");
        assert_eq!(rows_named(&[3], 1), "row 3");
        assert_eq!(rows_named(&[3, 5], 9), "rows 3 and 5");
        assert_eq!(rows_named(&[3, 5, 9], 9), "rows 3, 5 and 9");
        assert_eq!(rows_named(&[2, 3, 4], 3), "every row");
        let many: Vec<usize> = (2..22).collect();
        assert_eq!(
            rows_named(&many, 40),
            "rows 2, 3, 4, 5, 6, 7, 8, 9 and 12 more"
        );
    }

    #[test]
    fn the_grade_fault_names_every_grade() {
        for name in Grade::NAMES {
            assert!(GRADE_UNKNOWN.fix.contains(name), "{name}");
        }
    }
}
