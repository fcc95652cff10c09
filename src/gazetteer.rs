//! Administrative units of Vietnam, both eras (before and after the 1 July 2025 reform),
//! embedded at build time from `data/gazetteer/`, and resolution of names found in text.
//!
//! PLACEHOLDER API: the data loading and resolution are being written; the
//! signatures below are the contract the rest of the crate codes against.

/// Level of an administrative unit (or of a party to a visit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Country,
    Region,
    Province,
    District,
    Commune,
    Agency,
    Foreign,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Country => "country",
            Level::Region => "region",
            Level::Province => "province",
            Level::District => "district",
            Level::Commune => "commune",
            Level::Agency => "agency",
            Level::Foreign => "foreign",
        }
    }
}

/// Which administrative structure a unit belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Era {
    /// 63 provinces, districts, communes: in force until 30 June 2025.
    Pre2025,
    /// 34 provinces, communes, no districts: from 1 July 2025.
    Post2025,
}

/// One administrative unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// GSO code (provinces 2 digits, districts 3, communes 5).
    pub code: String,
    /// Canonical name without its level word, spelled as in its era (`Thanh Hóa`, `M'Đrắk`).
    pub name: String,
    pub level: Level,
    /// The level word (`tỉnh`, `thành phố`, `huyện`, `quận`, `thị xã`, `xã`, `phường`, `thị trấn`, `đặc khu`).
    pub kind_word: String,
    pub province_code: String,
    pub province_name: String,
    pub district_code: Option<String>,
    pub era: Era,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// Outcome of resolving a name.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution<'a> {
    Unique(&'a Unit),
    Ambiguous(Vec<&'a Unit>),
    NotFound,
}

pub struct Gazetteer {
    _private: (),
}

impl Gazetteer {
    /// The process-wide read-only tables, parsed once on first use.
    pub fn get() -> &'static Gazetteer {
        static G: Gazetteer = Gazetteer { _private: () };
        &G
    }

    /// Every unit of `era` whose name or alias matches `name` (level word stripped if present).
    pub fn candidates(&self, _name: &str, _era: Era) -> Vec<&Unit> {
        Vec::new()
    }

    /// Resolve a name found in text.
    pub fn resolve(
        &self,
        _name: &str,
        _level_word: Option<&str>,
        _province_hint: Option<&str>,
        _doc_provinces: &[&str],
        _era: Era,
    ) -> Resolution<'_> {
        Resolution::NotFound
    }

    /// A province of `era` by name (`Thanh Hoá`, `Dak Lak`, `TP. Hồ Chí Minh`, `Huế`).
    pub fn province(&self, _name: &str, _era: Era) -> Option<&Unit> {
        None
    }

    /// A unit by its code.
    pub fn by_code(&self, _code: &str, _era: Era) -> Option<&Unit> {
        None
    }

    /// For a pre-2025 unit code: the 2025 province and the 2025 commune(s) it maps to.
    pub fn to_2025(&self, _code: &str) -> Option<(&Unit, Vec<&Unit>)> {
        None
    }
}
