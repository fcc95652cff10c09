//! Output rows, one struct per table of `shared/spec/schema.md`. Offsets here
//! are code points of the ORIGINAL text (mapped back at emit).

/// A calendar date (year, month, day).
pub type Ymd = (i32, u32, u32);

/// A date-time (year, month, day, hour, minute, second).
pub type Ymdhms = (i32, u32, u32, u32, u32, u32);

#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocumentRow {
    pub title: Option<String>,
    pub published: Option<Ymdhms>,
    pub kind: &'static str,
    pub n_chars: usize,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct VisitRow {
    pub visit_id: usize,
    pub visitor: String,
    pub visitor_level: Option<&'static str>,
    pub visitor_province: Option<String>,
    pub visitor_code: Option<String>,
    /// None when the host is a region the text names without its units (`các tỉnh phía Nam`)
    pub host: Option<String>,
    pub host_level: Option<&'static str>,
    pub host_province: Option<String>,
    pub host_code: Option<String>,
    pub start_date: Option<Ymd>,
    pub end_date: Option<Ymd>,
    pub year_inferred: Option<bool>,
    pub purpose: Option<&'static str>,
    pub program: Option<&'static str>,
    pub leader: Option<String>,
    pub leader_title: Option<String>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PersonRow {
    pub name: String,
    pub title: Option<String>,
    pub unit: Option<String>,
    pub side: &'static str,
    pub role: &'static str,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct FigureRow {
    pub unit: Option<String>,
    pub unit_level: Option<&'static str>,
    pub unit_province: Option<String>,
    pub unit_code: Option<String>,
    pub indicator: String,
    pub program: Option<&'static str>,
    pub value: f64,
    pub measure: String,
    pub year: Option<i32>,
    pub period_start: Option<i32>,
    pub period_end: Option<i32>,
    pub population: Option<&'static str>,
    pub status: &'static str,
    pub qualifier: Option<&'static str>,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extraction {
    pub document: DocumentRow,
    pub visits: Vec<VisitRow>,
    pub people: Vec<PersonRow>,
    pub figures: Vec<FigureRow>,
}

/// The program vocabulary as static strings.
pub fn program_name(s: &str) -> Option<&'static str> {
    Some(match s {
        "sustainable_poverty_reduction" => "sustainable_poverty_reduction",
        "new_rural" => "new_rural",
        "ethnic_minority" => "ethnic_minority",
        "program_135" => "program_135",
        "program_30a" => "program_30a",
        "other" => "other",
        _ => return None,
    })
}
