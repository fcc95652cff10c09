//! Visit frames: who sent a delegation where, when, led by whom, why.
//!
//! A frame is assembled per sentence from the cue table
//! `lexicon/visit_cues.tsv` (delegation nouns, visit verbs with the purpose
//! they carry, prepositions before the host, "the host receives" phrases) and
//! the unit mentions around them:
//! - `Đoàn công tác huyện X … VERB … tại huyện Y` (the visitor writes),
//! - `huyện Y … tiếp đoàn … của huyện X` (the host writes),
//! - `UBND huyện X … VERB … tại huyện Y` (the visitor as subject),
//! - a title with the host only, completed from the lead.
//!
//! Then the document completes it: dates from the frame's sentence (the year
//! inferred from the stamp, the hint, or the years of the text, and flagged),
//! the leader (`do … làm trưởng đoàn`, `dẫn đầu`), purpose and program.

use crate::dates::{DateMention, Day, YearKind};
use crate::document::{is_party_level, Document};
use crate::lexicon::{lexicon, Cue};
use crate::places::Place;
use crate::records::{program_name, PersonRow, VisitRow, Ymd};
use memchr::memmem::FinderRev;
use once_cell::sync::Lazy;
use rustc_hash::FxHashMap;
use std::cell::OnceCell;
use std::rc::Rc;

#[derive(Debug, Clone)]
struct Frame {
    visitor: Option<usize>,
    hosts: Vec<usize>,
    sentence: usize,
    /// the sentence names a delegation (`Đoàn …`): without a visitor, it is the document's
    delegation: bool,
    /// the host is written `tỉnh ta` / `huyện ta`: the unit the article speaks for
    host_home: bool,
}

impl Frame {
    /// A delegation of `visitor` received by `host`, stated in sentence `si`.
    fn found(visitor: usize, host: usize, si: usize) -> Frame {
        Frame {
            visitor: Some(visitor),
            hosts: vec![host],
            sentence: si,
            delegation: true,
            host_home: false,
        }
    }
}

/// `về phía`, searched from the end.
static VE_PHIA: Lazy<FinderRev<'static>> = Lazy::new(|| FinderRev::new("về phía"));

/// Whether the lowercase of `s` may hold `đoàn`: `s` holds `đ` or `Đ` (`C4 91`, `C4 90`),
/// and `à` or `À` (`C3 A0`, `C3 80`) before `n` or `N`, the only chars whose lowercase is
/// `đ`, `à` and `n`.
fn may_hold_doan(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(0xC4, b).any(|i| matches!(b.get(i + 1), Some(0x90 | 0x91)))
        && memchr::memchr_iter(0xC3, b).any(|i| {
            matches!(b.get(i + 1), Some(0xA0 | 0x80)) && matches!(b.get(i + 2), Some(b'n' | b'N'))
        })
}

/// Whether a title ends by saying its holder heads this delegation: its last part, after a
/// comma or a dash, is `trưởng đoàn` alone or of a working, survey or supervision team
/// (`Phó Chủ tịch UBND huyện - Trưởng đoàn`, `…, trưởng đoàn công tác`), not a standing
/// body's head (`Trưởng đoàn ĐBQH tỉnh`) or a deputy (`Phó trưởng đoàn`).
fn heads_the_delegation(title: &str) -> bool {
    if !may_hold_doan(title) {
        return false;
    }
    let t = title.to_lowercase();
    let last = t.rsplit([',', '-', '–', ';']).next().unwrap_or("").trim();
    last.strip_prefix("trưởng đoàn").is_some_and(|rest| {
        matches!(
            rest.trim(),
            "" | "công tác" | "kiểm tra" | "khảo sát" | "giám sát" | "học tập"
        )
    })
}

/// The roles of `visit_cues.tsv` (its first column) as numbers, read once.
struct Roles {
    /// the roles' names, each once
    names: Vec<String>,
    /// the number of each row's role
    of_row: Vec<usize>,
    /// the cues whose role is `host_prep`
    host_prep: Vec<String>,
}

static ROLES: Lazy<Roles> = Lazy::new(|| {
    let t = &lexicon().visit_cues;
    let mut names: Vec<String> = Vec::new();
    let of_row = (0..t.rows.len())
        .map(|row| {
            let r = t.value(row, 0);
            names.iter().position(|n| n == r).unwrap_or_else(|| {
                names.push(r.to_string());
                names.len() - 1
            })
        })
        .collect();
    let host_prep = t
        .rows
        .iter()
        .filter(|(_, v)| v.first().is_some_and(|r| r == "host_prep"))
        .map(|(c, _)| c.clone())
        .collect();
    Roles {
        names,
        of_row,
        host_prep,
    }
});

/// The cues of `cues` whose role (first column of `visit_cues.tsv`) is `r`.
fn role<'a>(cues: &'a [Cue], r: &'a str) -> impl Iterator<Item = &'a Cue> + 'a {
    let roles = &*ROLES;
    // (a role no row has: no cue)
    let id = roles
        .names
        .iter()
        .position(|n| n == r)
        .unwrap_or(usize::MAX);
    cues.iter()
        .filter(move |c| roles.of_row.get(c.row) == Some(&id))
}

fn d_end(c: Option<&Cue>) -> usize {
    c.map_or(0, |c| c.end)
}

/// Whether places `a` and `b` (indices into `doc.places`) name the same unit.
fn same_unit(doc: &Document, a: usize, b: usize) -> bool {
    doc.place_key(a) == doc.place_key(b)
}

/// Places that are parties, not hints, inside `[s, e)`.
fn parties(doc: &Document, s: usize, e: usize) -> Vec<usize> {
    let first = doc.place_index(s);
    doc.places_in(s, e)
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.is_hint && is_party_level(p.level))
        .map(|(i, _)| first + i)
        .collect()
}

/// Where the sentence `[s, e)` goes on after the words of time it opens with: an opener of
/// `visit_cues.tsv` (`Vừa qua, `), then a date (`Ngày 14/3/2024, `, `Sáng 5/6 `), and the
/// commas after them; `s` when it opens otherwise.
fn after_opening(doc: &Document, s: usize, e: usize, cues: &[Cue]) -> usize {
    let past_commas = |at: usize| {
        let rest = &doc.lower[at..e];
        at + (rest.len() - rest.trim_start_matches([' ', ',']).len())
    };
    let mut at = s;
    if let Some(c) = role(cues, "opener").find(|c| c.start <= s + 2) {
        at = past_commas(c.end);
    }
    if let Some(d) = doc.dates_in(at, e).first() {
        // (the date's own day word, `Ngày`, `Sáng`, may stand before the mention)
        let before = &doc.lower[at..d.start];
        if before.len() <= 12 && !before.contains(',') {
            at = past_commas(d.end);
        }
    }
    at
}

/// The host list starting at place `first`: it and the places that follow it as a list.
fn host_list(doc: &Document, first: usize, end: usize) -> Vec<usize> {
    let mut out = vec![first];
    let mut last = first;
    for j in first + 1..doc.places.len() {
        let p = &doc.places[j];
        if p.start >= end {
            break;
        }
        if p.is_hint {
            continue;
        }
        let gap = doc.lower[doc.places[last].end..p.start].trim();
        let listed = matches!(gap, "," | "và" | ", và" | ";");
        if listed
            && (p.level == doc.places[first].level || p.level == crate::gazetteer::Level::Commune)
        {
            out.push(j);
            last = j;
        } else {
            break;
        }
    }
    out
}

/// Whether `before` ends with a number of two or more (`đã tổ chức 2 `, `05 `): the words
/// before a delegation counted.
fn counted(before: &str) -> bool {
    let w = before.trim_end_matches(' ');
    let digits = w.len() - w.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    before.ends_with(' ')
        && digits > 0
        && digits <= 3
        && w[w.len() - digits..].parse::<u32>().is_ok_and(|n| n >= 2)
        && !w[..w.len() - digits].ends_with(|c: char| c.is_alphanumeric() || c == '/')
}

/// Whether `before` ends with a number and a space (`đưa 60 `, `1.200 `).
fn ends_with_number(before: &str) -> bool {
    before
        .strip_suffix(' ')
        .is_some_and(|w| w.ends_with(|c: char| c.is_ascii_digit()))
}

/// The units listed right after the visitor `v` (joined by `,` or `và`, a province in
/// brackets or after a comma read past), of its level, none of them a host: the other
/// members of a joint delegation.
fn co_visitors(doc: &Document, v: usize, hosts: &[usize], end: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let level = doc.places[v].level;
    let mut last_end = doc.places[v].end;
    for j in v + 1..doc.places.len() {
        let p = &doc.places[j];
        if p.start >= end {
            break;
        }
        // (a mention inside the one before: `Hội Nông dân xã X` and its `xã X`)
        if p.start < last_end {
            continue;
        }
        let gap = doc.lower[last_end..p.start].trim_matches(|c: char| c == ' ' || c == ')');
        if p.is_hint {
            if matches!(gap, "(" | ",") {
                last_end = p.end;
                continue;
            }
            break;
        }
        // (`Đoàn công tác huyện X do ông A … dẫn đầu và Đoàn công tác huyện Y do ông B …`: a
        // second delegation joined to the first)
        let second_delegation = gap.len() <= 200
            && !gap.contains([';', '.', ':'])
            && gap.rfind("và ").is_some_and(|k| {
                let named = &gap[k + "và ".len()..];
                let t = &lexicon().visit_cues;
                (0..t.rows.len()).any(|r| t.value(r, 0) == "delegation" && t.cue(r) == named)
            });
        if !(matches!(gap, "," | "và" | ", và") || second_delegation)
            || p.level != level
            || same_unit(doc, j, v)
            || hosts.iter().any(|&h| h == j || same_unit(doc, h, j))
        {
            break;
        }
        out.push(j);
        last_end = p.end;
    }
    out
}

/// `text[a..b]`, between a preposition and a unit, is the name of one of the unit's offices
/// (`làm việc với Sở Lao động - Thương binh và Xã hội tỉnh Lâm Đồng`, `Sở Văn hóa, Thể thao và
/// Du lịch`): it opens with a capital, runs on without a break of sentence or clause, and the
/// unit follows it with no comma (`tại Khu di tích Đền Bảo Hà, huyện Bảo Yên` is a site, with
/// its address).
fn names_its_office(text: &str, a: usize, b: usize) -> bool {
    let gap = text[a..b].trim();
    b - a <= 110
        && gap.starts_with(char::is_uppercase)
        && !gap.ends_with(',')
        && !gap.contains(['.', ';', ':', '(', ')', '"', '\n'])
        && gap.matches(',').count() <= 1
}

fn frame_of_sentence(doc: &Document, si: usize) -> Option<Frame> {
    let lex = lexicon();
    let s = &doc.seg.sentences[si];
    // (a sentence without a party has no frame: its cues are not looked for)
    let places = parties(doc, s.start, s.end);
    if places.is_empty() {
        return None;
    }
    let mut cues = doc.cues(&lex.visit_cues, s.start, s.end);
    // `Huyện đoàn Tam Nông`: a cue inside a unit's name is not a cue
    let near = doc.places_in(s.start.saturating_sub(80), s.end);
    cues.retain(|c| !near.iter().any(|p| c.start >= p.start && c.start < p.end));
    let first_verb = role(&cues, "verb").map(|c| c.start).next();
    // an earlier trip, a plan or a request: its words open the sentence or come before the
    // visit's own verb (`UBND huyện ban hành kế hoạch tổ chức đoàn đi học tập …`)
    let first_act = first_verb
        .into_iter()
        .chain(role(&cues, "receive").map(|c| c.start))
        .min();
    if role(&cues, "not_this_visit")
        .any(|c| c.start <= s.start + 2 || first_act.is_some_and(|a| c.start < a))
    {
        return None;
    }
    // workers counted before the verb (`tiễn 35 lao động vào làm việc tại …`) leave to work
    if role(&cues, "workers").any(|c| {
        first_act.is_some_and(|a| c.start < a) && ends_with_number(&doc.lower[s.start..c.start])
    }) {
        return None;
    }
    // a day to come (`ngày 10/11 tới, đoàn sẽ đến …`; not `ngày 10/11 tới huyện Y`)
    if event_dates(doc, s.start, s.end).any(|d| {
        doc.lower[d.end..]
            .strip_prefix(" tới")
            .is_some_and(|r| r.is_empty() || r.starts_with([',', '.', ';', ')']))
    }) {
        return None;
    }
    // a count of delegations (`năm 2023 đã tổ chức 2 đoàn đi học tập …`) sums trips up; a
    // trip has its day
    if event_dates(doc, s.start, s.end).next().is_none()
        && (role(&cues, "delegation").any(|c| counted(&doc.lower[s.start..c.start]))
            || role(&cues, "receive").any(|c| lex.visit_cues.value(c.row, 1) == "several"))
    {
        return None;
    }
    // a unit right after a preposition is a place visited (or of the meeting), not the party
    // that travels or receives
    let after_prep = |i: usize| {
        let before = doc.lower[s.start..doc.places[i].start].trim_end();
        ROLES.host_prep.iter().any(|c| before.ends_with(c.as_str()))
    };
    // the delegation is received: `Đoàn cán bộ huyện X đã được lãnh đạo huyện Y đón tiếp`
    let passive = role(&cues, "delegation").find_map(|d| {
        // (`được` within the delegation's own words: at most PASSIVE_SPAN bytes on)
        let to = crate::lexicon::floor_boundary(&doc.lower, (d.end + PASSIVE_SPAN).min(s.end))
            .max(d.end);
        let k =
            d.end + memchr::memmem::find(&doc.lower.as_bytes()[d.end..to], " được ".as_bytes())?;
        let rc = role(&cues, "host_side")
            .chain(role(&cues, "receive"))
            .filter(|c| c.start > k && c.start <= k + 80)
            .map(|c| c.start)
            .min()?;
        let between = |a: usize, b: usize| {
            places
                .iter()
                .copied()
                .find(move |&i| doc.places[i].start >= a && doc.places[i].end <= b)
        };
        let v = between(d.end, k)?;
        let h = between(k, rc).filter(|&h| !same_unit(doc, v, h))?;
        Some(Frame::found(v, h, si))
    });
    if passive.is_some() {
        return passive;
    }
    // the host receives: `huyện Y … tiếp đoàn … của huyện X`
    if let Some(rc) = role(&cues, "receive").next() {
        let before: Vec<usize> = places
            .iter()
            .copied()
            .filter(|&i| doc.places[i].end <= rc.start)
            .collect();
        let after: Vec<usize> = places
            .iter()
            .copied()
            .filter(|&i| doc.places[i].start >= rc.end)
            .collect();
        // the delegation's unit: after `của`, or right after the cue (`tiếp Đoàn công tác
        // tỉnh X`, `tiếp đoàn cán bộ của huyện X`)
        // (several received, listed after a colon: `đã tiếp 2 đoàn công tác …: Đoàn công tác
        // huyện X …`, the first after it)
        let de = doc.lower[rc.end..s.end]
            .find("của")
            .or_else(|| doc.lower[rc.end..s.end].find(": "))
            .map(|k| rc.end + k);
        let visitor = after
            .iter()
            .copied()
            .find(|&i| de.is_some_and(|d| doc.places[i].start > d))
            .or_else(|| {
                after
                    .first()
                    .copied()
                    .filter(|&i| doc.places[i].start <= rc.end + 60)
            });
        // (`Tại thành phố X, đồng chí A, Phó Chủ tịch UBND tỉnh Y đã tiếp …`: the unit that
        // receives, not the place of the meeting)
        let host = before
            .iter()
            .copied()
            .find(|&i| !after_prep(i))
            .or(before.first().copied());
        if let (Some(h), Some(v)) = (host, visitor) {
            return Some(Frame::found(v, h, si));
        }
        // `Tiếp và làm việc cùng Đoàn … tỉnh X có ông A - …, Ban Dân tộc tỉnh Y`: the
        // delegation's unit first, the receiving unit last
        if rc.start <= s.start + 2 {
            if let Some(&v) = after.first() {
                let h = after.iter().copied().rev().find(|&i| !same_unit(doc, i, v));
                if let Some(h) = h {
                    return Some(Frame::found(v, h, si));
                }
            }
        }
    }
    // `Tại trụ sở Bộ X, đồng chí A, Chủ nhiệm Ủy ban Y … đã có buổi làm việc`: the seat is
    // the host, the first other unit is the visitor
    if let Some(seat) = role(&cues, "host_seat").next() {
        let host = places
            .iter()
            .copied()
            .find(|&i| doc.places[i].start >= seat.end && doc.places[i].start <= seat.end + 20);
        let verb = role(&cues, "verb").any(|c| c.start > seat.end);
        if let (Some(h), true) = (host, verb) {
            let visitor = places
                .iter()
                .copied()
                .find(|&i| doc.places[i].start > doc.places[h].end && !same_unit(doc, i, h));
            if let Some(v) = visitor {
                return Some(Frame::found(v, h, si));
            }
        }
    }
    // `Tại tỉnh X, đoàn …`: a stop of the tour; after the words of time the sentence opens
    // with, if any (`Ngày 14/3, tại huyện X, đoàn công tác của huyện Y …`); the delegation's
    // unit is the visitor when the sentence names it right after the delegation
    let opening = after_opening(doc, s.start, s.end, &cues);
    let starts_at = doc.lower[opening..s.end].starts_with("tại ");
    if let (true, Some(d)) = (starts_at, role(&cues, "delegation").next()) {
        if let Some(&h) = places
            .first()
            .filter(|&&h| doc.places[h].start <= opening + 12)
        {
            let visitor = places.iter().copied().find(|&i| {
                doc.places[i].start >= d.end
                    && doc.places[i].start <= d.end + 20
                    && !same_unit(doc, i, h)
            });
            return Some(Frame {
                visitor,
                hosts: vec![h],
                sentence: si,
                delegation: true,
                host_home: false,
            });
        }
    }
    // `Ngày 11/6, đoàn đến huyện Bắc Mê (Hà Giang).`: a stop of the tour, told by the
    // delegation's motion alone
    if let Some(d) = role(&cues, "delegation").find(|d| d.start <= opening + 2) {
        let motion = role(&cues, "host_prep").find(|c| {
            c.start >= d.end && c.start <= d.end + 2 && lex.visit_cues.value(c.row, 1) == "motion"
        });
        let stop = motion.and_then(|m| {
            places
                .iter()
                .copied()
                .find(|&i| doc.places[i].start >= m.end && doc.places[i].start <= m.end + 2)
        });
        if let Some(h) = stop {
            return Some(Frame {
                visitor: None,
                hosts: host_list(doc, h, s.end),
                sentence: si,
                delegation: true,
                host_home: false,
            });
        }
    }
    // the delegation travels: `Đoàn … huyện X … VERB … tại Y`
    let verb_at = first_verb?;
    let delegation = role(&cues, "delegation")
        .find(|c| c.start < verb_at || places.iter().any(|&i| doc.places[i].start > c.end));
    let from = delegation.map_or(s.start, |d| d.end);
    // the host: after the first preposition past a verb that is followed by a unit
    let host_first = role(&cues, "host_prep")
        .filter(|c| c.start > verb_at && c.start > from)
        .find_map(|p| {
            places.iter().copied().find(|&i| {
                doc.places[i].start >= p.end
                    && (doc.places[i].start <= p.end + 40
                        || names_its_office(doc.text(), p.end, doc.places[i].start))
            })
        });
    // `… tới huyện Y để khảo sát`: the trip written before the verb it serves
    let host_first = host_first.or_else(|| {
        role(&cues, "host_prep")
            .filter(|c| {
                c.start < verb_at && c.start > from && lex.visit_cues.value(c.row, 1) == "motion"
            })
            .find_map(|p| {
                places.iter().copied().find(|&i| {
                    doc.places[i].start >= p.end
                        && doc.places[i].start <= p.end + 20
                        && verb_at <= doc.places[i].end + 60
                })
            })
    });
    let limit = host_first.map_or(s.end, |h| doc.places[h].start);
    let subject = places
        .iter()
        .copied()
        .find(|&i| doc.places[i].end <= verb_at && !after_prep(i));
    // the delegation is described before it acts: its first verb that is not part of its
    // name (`Đoàn kiểm tra, giám sát của …`) bounds where its unit is written
    let acts_at = delegation.and_then(|d| {
        role(&cues, "verb")
            .find(|c| c.start > d.end + 25)
            .map(|c| c.start)
    });
    let limit = acts_at.map_or(limit, |a| a.min(limit).max(d_end(delegation)));
    let visitor = match delegation {
        Some(d) => places
            .iter()
            .copied()
            .find(|&i| {
                doc.places[i].start > d.start && doc.places[i].start < limit && !after_prep(i)
            })
            // `Hội Nông dân X tổ chức đoàn … tham quan`: the subject before the delegation
            .or(subject.filter(|&i| doc.places[i].end <= d.start))
            // (`Nhằm học tập kinh nghiệm …, huyện X đã tổ chức đoàn đi tham quan tại Y`: the
            // purpose clause's verb comes first)
            .or_else(|| {
                places
                    .iter()
                    .copied()
                    .find(|&i| doc.places[i].end <= d.start && !after_prep(i))
            }),
        // the unit as subject, before the verb
        None => subject,
    };
    // `… đến thăm, chúc Tết huyện Y`: without a preposition, the unit right after the verb
    // (after the host's people it names: `chúc Tết cán bộ và nhân dân các xã A, B`)
    let verb_host = role(&cues, "verb")
        .filter(|c| c.start >= verb_at && lex.visit_cues.value(c.row, 1) == "working")
        .find_map(|c| {
            let end = role(&cues, "host_people")
                .find(|p| p.start >= c.end && p.start <= c.end + 2)
                .map_or(c.end, |p| p.end);
            places.iter().copied().find(|&i| {
                doc.places[i].start >= end
                    && doc.places[i].start <= end + 30
                    && visitor.is_none_or(|v| v != i)
            })
        });
    // (`đoàn sẽ đến Hà Nội, … và đến các tỉnh …`: the earlier of the two)
    let host_first = match (host_first, verb_host) {
        (Some(p), Some(v)) => Some(p.min(v)),
        (p, v) => p.or(v),
    };
    // every later preposition of the same trip adds its hosts (`đến Hà Nội, … và đến các
    // tỉnh Quảng Ngãi, Nghệ An`)
    let more = host_first.into_iter().flat_map(|h0| {
        role(&cues, "host_prep")
            .filter(move |c| c.start >= doc.places[h0].end)
            .filter_map(|p| {
                places
                    .iter()
                    .copied()
                    .find(|&i| doc.places[i].start >= p.end && doc.places[i].start <= p.end + 40)
            })
    });
    let mut hosts: Vec<usize> = Vec::new();
    for h in host_first.into_iter().chain(more) {
        for x in host_list(doc, h, s.end) {
            if !hosts.contains(&x) {
                hosts.push(x);
            }
        }
    }
    let hosts: Vec<usize> = hosts
        .into_iter()
        .filter(|&h| visitor.is_none_or(|v| !same_unit(doc, v, h)))
        .collect();
    // a unit other than the visitor's at most `span` bytes after `at`
    let other_unit_after = |at: usize, span: usize| {
        places.iter().copied().find(|&i| {
            doc.places[i].start >= at
                && doc.places[i].start <= at + span
                && visitor.is_none_or(|v| !same_unit(doc, v, i))
        })
    };
    // `Nhận lời mời của UBND tỉnh X, Đoàn … đã sang thăm`: the host invited
    let hosts = if hosts.is_empty() {
        role(&cues, "host_invites")
            .find_map(|c| other_unit_after(c.end, 30))
            .into_iter()
            .collect()
    } else {
        hosts
    };
    // `Đoàn … huyện X đã học tập mô hình nuôi cá lồng của huyện Y`: without a preposition, the
    // unit whose model a study verb takes
    let hosts = if hosts.is_empty() {
        role(&cues, "verb")
            .filter(|c| c.start >= verb_at && lex.visit_cues.value(c.row, 1) == "study")
            .find_map(|v| {
                role(&cues, "host_owner")
                    .filter(|o| o.start >= v.end && o.start <= v.end + MODEL_SPAN)
                    .filter(|o| {
                        !doc.lower[v.end..o.start].contains([';', ':'])
                            && !role(&cues, "owner_stop")
                                .any(|c| c.start >= v.end && c.end <= o.start)
                    })
                    .find_map(|o| other_unit_after(o.end, 2))
            })
            .into_iter()
            .collect()
    } else {
        hosts
    };
    if hosts.is_empty() && visitor.is_none() {
        return None;
    }
    // `… thăm và chúc Tết tỉnh ta`, `phường ta`: the host is the article's own unit (a level
    // word, then the word `ta`; not `thành phố Tam Kỳ`)
    let host_home = hosts.is_empty()
        && doc.cues(&lex.level_words, verb_at, s.end).iter().any(|c| {
            doc.lower[c.end..s.end].starts_with(" ta")
                && crate::lexicon::is_word_edge(&doc.lower, c.end + 1, c.end + 3)
        });
    Some(Frame {
        visitor,
        hosts,
        sentence: si,
        delegation: delegation.is_some(),
        host_home,
    })
}

/// How far after a delegation's cue the `được` of its being received may stand (bytes: `đoàn
/// cán bộ huyện Mang Yang, tỉnh Gia Lai đã được`).
const PASSIVE_SPAN: usize = 160;

/// How far after a study verb the `của` of the host whose model it takes may stand (bytes:
/// `học tập mô hình trồng cây ăn quả và chăn nuôi bò sinh sản của`).
const MODEL_SPAN: usize = 120;

/// The sentences after a visit's own that may tell what it was for.
const LATER_SENTENCES: usize = 3;

/// A study purpose told after the visit's sentences (`… đã đến thăm và làm việc tại huyện Y.
/// Chuyến đi nhằm học tập kinh nghiệm …`; `Tại buổi làm việc, hai bên đã trao đổi kinh
/// nghiệm …`): the cues of `visit_cues.tsv` marked `later`, in the `LATER_SENTENCES` sentences
/// after the last that tells the visit (`last_told`, one per visit), in its paragraph or the
/// next, up to another visit's sentence, make a `working` visit's purpose theirs.
fn later_purposes(doc: &Document, visits: &mut [VisitRow], last_told: &[usize]) {
    let lex = lexicon();
    let sents = &doc.seg.sentences;
    for (v, &si) in visits.iter_mut().zip(last_told) {
        if v.purpose != Some("working") || si >= sents.len() {
            continue;
        }
        let para = sents[si].para;
        let later = (si + 1..sents.len())
            .take(LATER_SENTENCES)
            .take_while(|&k| !last_told.contains(&k) && sents[k].para <= para + 1)
            .find_map(|k| {
                let s = sents[k];
                doc.cues(&lex.visit_cues, s.start, s.end)
                    .iter()
                    .find(|c| lex.visit_cues.value(c.row, 2) == "later")
                    .map(|c| lex.visit_cues.value(c.row, 1))
            });
        if let Some(p) = later {
            v.purpose = Some(p);
        }
    }
}

/// The purpose of a sentence's verbs: study before inspection before working.
fn purpose_in(doc: &Document, s: usize, e: usize) -> Option<&'static str> {
    let lex = lexicon();
    let cues = doc.cues(&lex.visit_cues, s, e);
    let purposes: Vec<&str> = role(&cues, "verb")
        .map(|c| lex.visit_cues.value(c.row, 1))
        .collect();
    ["study", "inspection", "working"]
        .into_iter()
        .find(|p| purposes.contains(p))
}

/// The first program the story names (in the sentences read for frames).
fn first_program(doc: &Document) -> Option<&'static str> {
    doc.frame_sentences()
        .find_map(|(_, x)| program_in(doc, x.start, x.end))
}

/// The first program named in `[s, e)`.
pub fn program_in(doc: &Document, s: usize, e: usize) -> Option<&'static str> {
    let lex = lexicon();
    doc.cues(&lex.programs, s, e)
        .first()
        .and_then(|c| program_name(lex.programs.value(c.row, 0)))
}

/// Fill in the year of a date written without one.
fn place_year(doc: &Document, d: Day, at: usize) -> (Option<Ymd>, bool) {
    if let Some(y) = d.year {
        return (Some((y, d.month, d.day)), false);
    }
    if let Some(st) = doc.stamp() {
        // an event before the stamp: the stamp's year, or the year before for a late month
        let y = if d.month > st.month + 1 {
            st.year - 1
        } else {
            st.year
        };
        return (Some((y, d.month, d.day)), true);
    }
    if let Some(h) = doc.hint {
        let y = match h.month {
            Some(m) if d.month > m + 1 => h.year - 1,
            _ => h.year,
        };
        return (Some((y, d.month, d.day)), true);
    }
    // the years of the text: a result "cuối năm Y" was reported, so the visit is after Y
    let latest = doc
        .years
        .iter()
        .filter(|y| y.kind != YearKind::Since && y.start != at)
        .map(|y| {
            let last = y.until.unwrap_or(y.year);
            if y.kind == YearKind::EndOf {
                last + 1
            } else {
                last
            }
        })
        .max();
    match latest {
        Some(y) => (Some((y, d.month, d.day)), true),
        None => (None, false),
    }
}

fn dates_of(doc: &Document, m: &DateMention) -> (Option<Ymd>, Option<Ymd>, Option<bool>) {
    let (first, inf1) = place_year(doc, m.first, m.start);
    let (last, inf2) = if m.last.year.is_none() && m.first.year.is_some() {
        (first.map(|(y, _, _)| (y, m.last.month, m.last.day)), false)
    } else {
        place_year(doc, m.last, m.start)
    };
    // a range written `29/12 - 2/1/2025` starts the year before
    let first = match (first, last) {
        (Some((y, mo, d)), Some((y2, mo2, _))) if m.first.year.is_none() && y == y2 && mo > mo2 => {
            Some((y - 1, mo, d))
        }
        _ => first,
    };
    match first {
        Some(_) => (first, last, Some(inf1 || inf2)),
        None => (None, None, None),
    }
}

/// Visits of a document, and the people of it with their sides.
pub fn extract_visits(doc: &Document) -> (Vec<VisitRow>, Vec<PersonRow>) {
    let mut frames: Vec<Frame> = doc
        .frame_sentences()
        .filter_map(|(i, _)| frame_of_sentence(doc, i))
        .collect();
    // a title with the host only takes the visitor of the first body frame (and the reverse)
    let title_frame = frames
        .iter()
        .position(|f| doc.is_title(&doc.seg.sentences[f.sentence]));
    if let Some(t) = title_frame {
        let tf = frames[t].clone();
        if tf.visitor.is_none() || tf.hosts.is_empty() {
            if let Some(b) = frames
                .iter()
                .position(|f| !doc.is_title(&doc.seg.sentences[f.sentence]))
            {
                let bf = &mut frames[b];
                if bf.visitor.is_none() {
                    bf.visitor = tf.visitor;
                }
                if bf.hosts.is_empty() {
                    bf.hosts = tf.hosts.clone();
                }
            }
        }
    }
    // a district's or commune's delegation that the title sends to a province and the body
    // to a unit of it (`Huyện A học tập tại Lâm Đồng` / `… ở huyện B, tỉnh Lâm Đồng`): the
    // body's unit is the host (a province's delegation keeps the province: the body's units
    // are the stops of its tour)
    if let Some(t) = title_frame {
        let sender_below_province = frames[t]
            .visitor
            .is_some_and(|v| doc.places[v].level != crate::gazetteer::Level::Province);
        if sender_below_province {
            let body_hosts: Vec<usize> = frames
                .iter()
                .filter(|f| !doc.is_title(&doc.seg.sentences[f.sentence]))
                .flat_map(|f| f.hosts.iter().copied())
                .collect();
            frames[t].hosts.retain(|&h| {
                let p = &doc.places[h];
                p.level != crate::gazetteer::Level::Province
                    || !body_hosts.iter().any(|&b| {
                        let bp = &doc.places[b];
                        bp.level != crate::gazetteer::Level::Province
                            && bp.province.as_deref() == Some(p.name.as_str())
                    })
            });
        }
    }
    // a delegation named without its unit is the document's delegation
    let hosts_named: Vec<Rc<str>> = frames
        .iter()
        .flat_map(|f| f.hosts.iter().map(|&h| Rc::clone(doc.place_key(h))))
        .collect();
    let doc_visitor = frames
        .iter()
        .find_map(|f| f.visitor.filter(|_| !f.hosts.is_empty()))
        .or_else(|| title_frame.and_then(|t| frames[t].visitor))
        // `Ban Dân tộc tỉnh tổ chức đưa Đoàn …`: the unit the article speaks for
        .or_else(|| home_unit(doc, &hosts_named));
    for f in frames.iter_mut() {
        if f.visitor.is_none() && f.delegation && !f.hosts.is_empty() {
            f.visitor = doc_visitor;
        }
        if f.host_home {
            if let Some(v) = f.visitor {
                let sender = Rc::clone(doc.place_key(v));
                if let Some(h) = home_unit(doc, std::slice::from_ref(&sender)) {
                    f.hosts = vec![h];
                }
            }
        }
    }
    // a joint delegation (`đoàn công tác của huyện Mường Tè và huyện Nậm Nhùn`): a frame for
    // each unit listed with the visitor, right after the first
    let frames: Vec<Frame> = frames
        .into_iter()
        .flat_map(|f| {
            let more = match f.visitor {
                Some(v) if !f.hosts.is_empty() => {
                    co_visitors(doc, v, &f.hosts, doc.seg.sentences[f.sentence].end)
                }
                _ => Vec::new(),
            };
            let copies: Vec<Frame> = more
                .into_iter()
                .map(|c| Frame {
                    visitor: Some(c),
                    ..f.clone()
                })
                .collect();
            std::iter::once(f).chain(copies)
        })
        .collect();
    let mut visits: Vec<VisitRow> = Vec::new();
    let mut pairs: Vec<(Rc<str>, Rc<str>)> = Vec::new();
    // for each visit of `pairs` (same order), the purpose its sentence's words told, if any
    // (else it is `working`)
    let mut told: Vec<Option<&'static str>> = Vec::new();
    // for each visit of `pairs`, the last sentence that tells it
    let mut last_told: Vec<usize> = Vec::new();
    let mut visit_id = 0;
    let mut main_visitor: Option<usize> = None;
    let mut main_hosts: Vec<usize> = Vec::new();
    let title_span = doc
        .seg
        .title
        .map(|t| (doc.seg.paras[t].start, doc.seg.paras[t].end));
    // the purpose the title names, and the first program the story names, once asked for
    let title_purpose: OnceCell<Option<&'static str>> = OnceCell::new();
    let story_program: OnceCell<Option<&'static str>> = OnceCell::new();
    for f in &frames {
        let Some(v) = f.visitor else { continue };
        if f.hosts.is_empty() {
            continue;
        }
        let of_frame = OnceCell::new();
        let s = &doc.seg.sentences[f.sentence];
        let vp = &doc.places[v];
        let mut added = false;
        for &h in &f.hosts {
            let hp = &doc.places[h];
            let key = (Rc::clone(doc.place_key(v)), Rc::clone(doc.place_key(h)));
            if key.0 == key.1 {
                continue;
            }
            if let Some(i) = pairs.iter().position(|k| *k == key) {
                if let Some(l) = last_told.get_mut(i) {
                    *l = f.sentence;
                }
                // the purpose the visit's first sentence left unsaid (a title: `Huyện X
                // tiếp đoàn huyện Y`), from a later sentence of the same visit
                if told[i].is_none() {
                    let p = purpose_in(doc, s.start, s.end);
                    if let (Some(p), Some(v)) = (p, visits.get_mut(i)) {
                        v.purpose = Some(p);
                        told[i] = Some(p);
                    }
                }
                continue;
            }
            // a commune the gazetteer does not place, or one of the visitor's own district,
            // named once a visit is listed is part of it; so is a unit inside a host province
            // (and a commune of a host district: below, once all are listed)
            // (not a commune listed after another commune host of the same sentence: `chúc
            // Tết tại các xã Lũng Cú, Sà Phìn` visits both)
            let listed_with_a_commune = added
                && f.hosts
                    .iter()
                    .take_while(|&&x| x != h)
                    .any(|&x| doc.places[x].level == crate::gazetteer::Level::Commune);
            if hp.level == crate::gazetteer::Level::Commune
                && !visits.is_empty()
                && !listed_with_a_commune
                && commune_is_a_stop(doc, hp, vp)
            {
                continue;
            }
            let inside = visits.iter().position(|x| {
                x.visitor == vp.name
                    && x.host_level == Some("province")
                    && hp.province.is_some()
                    && hp.province.as_deref() == x.host.as_deref()
            });
            if let Some(i) = inside {
                // a headline's province (`… học tập kinh nghiệm tại Huế`) is the body's unit
                // inside it, when the body names that unit and not the province as the host
                // (`tại huyện A Lưới (Thừa Thiên Huế)`)
                let x = &mut visits[i];
                let only_in_title = doc.seg.title.is_some()
                    && doc.seg.sentences.get(last_told[i]).map(|t| t.para) == doc.seg.title;
                if only_in_title && !pairs.contains(&key) {
                    x.host = Some(hp.name.clone());
                    x.host_level = Some(hp.level.as_str());
                    x.host_province = hp.province.as_deref().map(String::from);
                    x.host_code = hp.code.map(String::from);
                    x.start = s.start;
                    x.end = s.end;
                    pairs[i] = key;
                    last_told[i] = f.sentence;
                }
                continue;
            }
            pairs.push(key);
            // (the same for every host of the frame: worked out for its first)
            let &((start_date, end_date, year_inferred), purpose, program) =
                of_frame.get_or_init(|| {
                    let purpose = title_purpose
                        .get_or_init(|| {
                            title_span
                                .and_then(|(a, b)| purpose_in(doc, a, b))
                                .filter(|p| *p != "working")
                        })
                        .or_else(|| purpose_in(doc, s.start, s.end));
                    // what the delegation came to see (`học tập kinh nghiệm trong xây dựng
                    // nông thôn mới`) before what describes it (`người có uy tín`)
                    let verb_at = doc
                        .cues(&lexicon().visit_cues, s.start, s.end)
                        .iter()
                        .find(|c| lexicon().visit_cues.value(c.row, 0) == "verb")
                        .map_or(s.start, |c| c.start);
                    let program = title_span
                        .and_then(|(a, b)| program_in(doc, a, b))
                        .or_else(|| program_in(doc, verb_at, s.end))
                        .or_else(|| program_in(doc, s.start, s.end))
                        .or_else(|| {
                            let p = doc.seg.paras[s.para];
                            program_in(doc, p.start, p.end)
                        })
                        .or_else(|| *story_program.get_or_init(|| first_program(doc)));
                    (visit_dates(doc, s), purpose, program)
                });
            visits.push(VisitRow {
                visit_id,
                visitor: vp.name.clone(),
                visitor_level: Some(vp.level.as_str()),
                visitor_province: vp.province.as_deref().map(String::from),
                visitor_code: vp.code.map(String::from),
                host: Some(hp.name.clone()),
                host_level: Some(hp.level.as_str()),
                host_province: hp.province.as_deref().map(String::from),
                host_code: hp.code.map(String::from),
                start_date,
                end_date,
                year_inferred,
                purpose: purpose.or(Some("working")),
                program,
                leader: None,
                leader_title: None,
                start: s.start,
                end: s.end,
            });
            // a headline's `làm việc` says only that there was a visit: the body may say more
            // (`Đoàn … làm việc tại xã X` over `… đã kiểm tra tiến độ … tại xã X`)
            let in_title = doc.seg.title == Some(s.para);
            told.push(purpose.filter(|&p| !(in_title && p == "working")));
            last_told.push(f.sentence);
            added = true;
            if main_visitor.is_none() {
                main_visitor = Some(v);
            }
            if main_visitor == Some(v) && !main_hosts.contains(&h) {
                main_hosts.push(h);
            }
        }
        if added {
            visit_id += 1;
        }
    }
    later_purposes(doc, &mut visits, &last_told);
    // a province that visits only in the headline (`Xã Vân Hồ đón đoàn công tác hai xã của tỉnh
    // Phú Thọ`) is the body's units of it that visit the same host
    let title_only: Vec<bool> = visits
        .iter()
        .zip(&last_told)
        .map(|(v, &si)| {
            v.visitor_level == Some("province")
                && doc.seg.title.is_some()
                && doc.seg.sentences.get(si).map(|t| t.para) == doc.seg.title
                && visits.iter().any(|w| {
                    w.host == v.host
                        && w.visitor_level != Some("province")
                        && w.visitor_province.as_deref() == Some(v.visitor.as_str())
                })
        })
        .collect();
    let mut k = 0;
    visits.retain(|_| {
        k += 1;
        !title_only.get(k - 1).copied().unwrap_or(false)
    });
    // a delegation to a region written without its units (`các tỉnh phía Nam`): one visit
    // whose host is the region (level `region`), when nothing more precise was found
    if visits.is_empty() {
        let lex = lexicon();
        let regional = frames.iter().find(|f| {
            let s = &doc.seg.sentences[f.sentence];
            f.visitor.is_some()
                && f.hosts.is_empty()
                && !doc.cues(&lex.regions, s.start, s.end).is_empty()
        });
        if let Some(f) = regional {
            let s = doc.seg.sentences[f.sentence];
            let region = doc
                .cues(&lex.regions, s.start, s.end)
                .first()
                .map(|c| lex.regions.value(c.row, 0).to_string());
            let vp = &doc.places[f.visitor.unwrap_or_default()];
            let (start_date, end_date, year_inferred) = visit_dates(doc, &s);
            visits.push(VisitRow {
                visit_id: 0,
                visitor: vp.name.clone(),
                visitor_level: Some(vp.level.as_str()),
                visitor_province: vp.province.as_deref().map(String::from),
                visitor_code: vp.code.map(String::from),
                host: region,
                host_level: Some("region"),
                host_province: None,
                host_code: None,
                start_date,
                end_date,
                year_inferred,
                purpose: purpose_in(doc, s.start, s.end).or(Some("working")),
                program: program_in(doc, s.start, s.end).or_else(|| first_program(doc)),
                leader: None,
                leader_title: None,
                start: s.start,
                end: s.end,
            });
            main_visitor = f.visitor;
        }
    }
    // a commune inside a province or a district the same delegation visits is a stop of
    // that visit
    let provinces: Vec<(String, String)> = visits
        .iter()
        .filter(|v| v.host_level == Some("province"))
        .filter_map(|v| Some((v.visitor.clone(), v.host.clone()?)))
        .collect();
    let districts: Vec<(String, String)> = visits
        .iter()
        .filter(|v| v.host_level == Some("district"))
        .filter_map(|v| Some((v.visitor.clone(), v.host_code.clone()?)))
        .collect();
    visits.retain(|v| {
        let in_province = || {
            v.host_province
                .as_ref()
                .is_some_and(|p| provinces.contains(&(v.visitor.clone(), p.clone())))
        };
        let in_district = || {
            district_of(doc, v.host_code.as_deref(), v.host.as_deref())
                .is_some_and(|d| districts.contains(&(v.visitor.clone(), d.to_string())))
        };
        v.host_level != Some("commune") || !(in_province() || in_district())
    });
    // number the visits from 0 again
    let mut ids: Vec<usize> = visits.iter().map(|v| v.visit_id).collect();
    ids.dedup();
    for v in visits.iter_mut() {
        v.visit_id = ids.iter().position(|&i| i == v.visit_id).unwrap_or(0);
    }
    let people = assign_people(doc, &mut visits, main_visitor, &main_hosts);
    (visits, people)
}

/// Whether a commune named once a visit is listed is a stop of it rather than a host of its
/// own, as far as can be told before all the visits are listed: a commune the gazetteer does
/// not place, or one of the visitor's own district. A commune of another district
/// (`xã Mỹ Khánh (Cần Thơ)` after `huyện Chợ Gạo (Tiền Giang)`) is a host of its own, and
/// so is a 2025 commune (no districts above it: the unit a delegation visits).
fn commune_is_a_stop(doc: &Document, commune: &Place, visitor: &Place) -> bool {
    let Some(unit) = unit_of(doc, commune.code, Some(&commune.name)) else {
        return true;
    };
    match unit.district_code.as_deref() {
        Some(d) => visitor.code == Some(d),
        None => unit.era != crate::gazetteer::Era::Post2025,
    }
}

/// The district code of a commune by its code and name (None for a 2025 commune, or one
/// the gazetteer does not place).
fn district_of(doc: &Document, code: Option<&str>, name: Option<&str>) -> Option<&'static str> {
    unit_of(doc, code, name)?.district_code.as_deref()
}

/// The gazetteer's unit of the commune `code` named `name`: the code read in the
/// document's era, else in the other (a 2025 article may name a former commune), the one
/// of that name.
fn unit_of(
    doc: &Document,
    code: Option<&str>,
    name: Option<&str>,
) -> Option<&'static crate::gazetteer::Unit> {
    use crate::gazetteer::{Gazetteer, Level};
    let (code, name) = (code?, name?);
    let gaz = Gazetteer::get();
    [doc.era, doc.era.other()]
        .into_iter()
        .filter_map(|e| gaz.by_code(code, e))
        .find(|u| u.name == name && u.level == Level::Commune)
}

/// The dates of a visit stated in sentence `s`: its own date, else the lead's
/// (`Từ ngày 26-5 đến 3-6, Ban Dân tộc tỉnh tổ chức đưa Đoàn …` and the stops in later
/// sentences).
fn visit_dates(
    doc: &Document,
    s: &crate::segment::Sentence,
) -> (Option<Ymd>, Option<Ymd>, Option<bool>) {
    event_dates(doc, s.start, s.end)
        .next()
        .or_else(|| lead_date(doc))
        .map_or((None, None, None), |d| dates_of(doc, d))
}

/// The dates in `[a, b)` that date an event, not a cited document (`Kế hoạch số 45/KH-UBND
/// ngày 5/3/2024`).
fn event_dates(doc: &Document, a: usize, b: usize) -> impl Iterator<Item = &DateMention> {
    doc.dates_in(a, b)
        .iter()
        .filter(|d| !crate::dates::dates_a_document(&doc.lower, d.start, d.end))
}

fn lead_date(doc: &Document) -> Option<&DateMention> {
    let lex = lexicon();
    let body = || {
        doc.seg
            .sentences
            .iter()
            .filter(|s| doc.seg.para_kind(s) == crate::segment::ParaKind::Body)
    };
    // the first dated body sentence that speaks of the delegation or the visit
    let acting = body().find_map(|s| {
        let d = event_dates(doc, s.start, s.end).next()?;
        let cues = doc.cues(&lex.visit_cues, s.start, s.end);
        (role(&cues, "delegation").next().is_some() || role(&cues, "verb").next().is_some())
            .then_some(d)
    });
    // else the first body paragraph's date
    acting.or_else(|| {
        let para = doc.seg.paras[body().next()?.para];
        event_dates(doc, para.start, para.end).next()
    })
}

/// A receiving cue (`đã tiếp đoàn`, `tiếp và làm việc`) right after a person's mention that
/// ends at `at` (a few words on at most), before `end`: the person receives.
fn receives(doc: &Document, at: usize, end: usize) -> bool {
    let lex = lexicon();
    let to = crate::lexicon::floor_boundary(&doc.lower, (at + 48).min(end));
    let cues = doc.cues(&lex.visit_cues, at, to);
    let near = |c: &Cue| doc.lower[at..c.start].split_whitespace().count() <= 1;
    let found = role(&cues, "receive")
        .chain(role(&cues, "host_side"))
        .any(near);
    found
}

fn assign_people(
    doc: &Document,
    visits: &mut [VisitRow],
    visitor: Option<usize>,
    hosts: &[usize],
) -> Vec<PersonRow> {
    let vname = visitor.map(|v| Rc::clone(doc.place_key(v)));
    let hnames: Vec<Rc<str>> = hosts.iter().map(|&h| Rc::clone(doc.place_key(h))).collect();
    let focus = focus_unit(doc, visitor, hosts);
    let mut rows: Vec<PersonRow> = Vec::new();
    // person key -> row index
    let mut keys: FxHashMap<Rc<str>, usize> = FxHashMap::default();
    // every head of a delegation named, where
    let mut leaders: Vec<(usize, String, Option<String>)> = Vec::new();
    for m in &doc.people {
        let k = doc.key(&m.name);
        // the unit named in the title
        let unit_place = m
            .title_span
            .and_then(|(a, b)| doc.places_in(a, b).iter().rfind(|p| !p.is_hint));
        let si = doc.sentence_of(m.start);
        let (ss, _se) = si.map_or((m.start, m.end), |i| {
            (doc.seg.sentences[i].start, doc.seg.sentences[i].end)
        });
        let before = &doc.lower[ss..m.start];
        // the words that end the title after the name (`title_stops.tsv`): `làm trưởng
        // đoàn`, `dẫn đầu` say who leads the delegation, `chủ trì` who chairs
        let after = crate::lexicon::window(&doc.lower, m.end, 40);
        let stop = lexicon()
            .title_stops
            .match_at(&doc.lower, m.end + (after.len() - after.trim_start().len()))
            .map(|c| lexicon().title_stops.value(c.row, 0));
        let is_leader = !visits.is_empty()
            && (before.ends_with("do ")
                || before.ends_with("do đồng chí ")
                || before.trim_end().ends_with(" do")
                || stop == Some("leads")
                || m.title.as_deref().is_some_and(heads_the_delegation));
        let is_chair = stop == Some("chairs");
        let unit = unit_place.map(|p| p.name.clone()).or_else(|| {
            (!is_leader)
                .then(|| party_of_title_level(doc, m.title_span, m.name_start, visitor, hosts))
                .flatten()
        });
        let ukey = unit.as_deref().map(|u| doc.key(u));
        let mut side = "other";
        // side cues count even when no visit frame was found (`Tiếp đoàn có …`)
        {
            if let Some(u) = &ukey {
                if Some(u) == vname.as_ref() {
                    side = "visitor";
                } else if hnames.contains(u) {
                    side = "host";
                }
            }
            if side == "other" {
                // the last side cue before the name (`visit_cues.tsv`: visitor_side, host_side)
                let lex = lexicon();
                // (up to the name: a cue may end with the word that announces it, `gồm các đồng chí`)
                let side_cues = doc.cues(&lex.visit_cues, ss, m.name_start);
                let last_v = role(&side_cues, "visitor_side").map(|c| c.start).max();
                let last_h = role(&side_cues, "host_side")
                    .chain(role(&side_cues, "receive"))
                    .map(|c| c.start)
                    .max();
                side = match (last_v, last_h) {
                    // `do ông A … dẫn đầu`: the head of the delegation, whatever came before
                    _ if is_leader => "visitor",
                    (Some(a), Some(b)) => {
                        if a > b {
                            "visitor"
                        } else {
                            "host"
                        }
                    }
                    (Some(_), None) => "visitor",
                    (None, Some(_)) => "host",
                    // `Phó Trưởng Ban Dân tộc tỉnh - Trưởng đoàn`
                    _ if m.title.as_deref().is_some_and(|t| {
                        may_hold_doan(t) && t.to_lowercase().contains("trưởng đoàn")
                    }) =>
                    {
                        "visitor"
                    }
                    // `…, đồng chí A, Phó Chủ tịch UBND huyện đã tiếp Đoàn …`: the subject of
                    // the receiving, right after the title
                    _ if receives(doc, m.title_span.map_or(m.end, |(_, e)| e.max(m.end)), _se) => {
                        "host"
                    }
                    // `Đồng chí A, Phó Chủ tịch UBND tỉnh làm việc tại huyện Y`: the subject
                    // of a trip
                    _ if subject_of_trip(doc, m, ss, _se) => "visitor",
                    _ => "other",
                };
                // `Về phía huyện X` names the side by its unit
                if let Some(k2) = VE_PHIA.rfind(before.as_bytes()) {
                    if let Some(p) = doc
                        .places
                        .iter()
                        .find(|p| p.start >= ss + k2 && p.start < m.start)
                    {
                        let pk = doc.key(&p.name);
                        if Some(&pk) == vname.as_ref() {
                            side = "visitor";
                        } else if hnames.contains(&pk) {
                            side = "host";
                        }
                    }
                }
            }
        }
        let unit = unit.or_else(|| match side {
            "visitor" => visitor.map(|v| doc.places[v].name.clone()),
            "host" => hosts.first().map(|&h| doc.places[h].name.clone()),
            _ => focus.clone(),
        });
        let role = if is_leader || is_chair {
            "leader"
        } else if side == "other" {
            "mentioned"
        } else {
            "member"
        };
        if is_leader && side != "host" {
            leaders.push((m.start, m.name.clone(), m.title.clone()));
        }
        let (start, end) = doc.norm.orig_span(m.start, m.end);
        if let Some(&i) = keys.get(&k) {
            // a later mention completes the first one
            let r = &mut rows[i];
            if r.title.is_none() {
                r.title = m.title.clone();
            }
            if ukey.is_some() && (r.side == "other" || r.unit.is_none() || side != "other") {
                if side != "other" {
                    r.side = side;
                }
                r.unit = unit;
            }
            if role == "leader" {
                r.role = "leader";
            }
            continue;
        }
        if m.title.is_none() {
            continue; // a person without a title is not an official (a later mention may add one)
        }
        keys.insert(k, rows.len());
        rows.push(PersonRow {
            name: m.name.clone(),
            title: m.title.clone(),
            unit,
            side,
            role,
            start,
            end,
        });
    }
    // the leader: named as such, else the most senior visitor named (the first of equals)
    let leader = leaders
        .first()
        .map(|(_, n, t)| (n.clone(), t.clone()))
        .or_else(|| {
            rows.iter()
                .enumerate()
                .filter(|(_, r)| r.side == "visitor")
                .min_by_key(|(i, r)| (std::cmp::Reverse(title_rank(r.title.as_deref())), *i))
                .map(|(_, r)| (r.name.clone(), r.title.clone()))
        });
    if let Some((name, title)) = leader {
        for v in visits.iter_mut() {
            // (a delegation of its own, told in a sentence that names its head, has that head:
            // `Ngày 10/5, Đoàn huyện A do ông X … Ngày 14/5, Đoàn huyện B do ông Y …`)
            // (of two delegations in one sentence, the head named after the visitor's unit)
            let from = doc
                .places_in(v.start, v.end)
                .iter()
                .find(|p| !p.is_hint && p.name == v.visitor)
                .map_or(v.start, |p| p.start);
            let (name, title) = leaders
                .iter()
                .find(|(at, _, _)| *at >= from && *at < v.end)
                .or_else(|| {
                    leaders
                        .iter()
                        .find(|(at, _, _)| *at >= v.start && *at < v.end)
                })
                .map_or((&name, &title), |(_, n, t)| (n, t));
            v.leader = Some(name.clone());
            v.leader_title = title.clone();
        }
        for (_, name, _) in std::iter::once(&(0, name, title)).chain(&leaders) {
            if let Some(r) = rows.iter_mut().find(|r| &r.name == name) {
                r.role = "leader";
                if r.side == "other" {
                    r.side = "visitor";
                }
            }
        }
    }
    rows
}

/// How senior a title is: the highest rank (`titles.tsv`, second column) of the heads it
/// holds (`Phó Bí thư Huyện ủy, Chủ tịch UBND huyện`: that of `chủ tịch`); 0 for none.
fn title_rank(title: Option<&str>) -> u32 {
    let Some(title) = title else {
        return 0;
    };
    let titles = &lexicon().titles;
    let lower = crate::lexicon::lowercase_aligned(&crate::normalize::normalize(title).text);
    titles
        .find_all(&lower)
        .iter()
        .filter_map(|c| titles.value(c.row, 0).parse().ok())
        .max()
        .unwrap_or(0)
}

/// The person opens a sentence (after its date) whose verb leads to a host:
/// `Thủ tướng A và lãnh đạo các Bộ … đã về thăm, làm việc tại tỉnh Y`.
fn subject_of_trip(doc: &Document, m: &crate::people::PersonMention, ss: usize, se: usize) -> bool {
    let lex = lexicon();
    let head = &doc.lower[ss..m.start];
    // only a date or a cue word before the person
    if head.chars().count() > 30 || head.split_whitespace().count() > 4 {
        return false;
    }
    let cues = doc.cues(&lex.visit_cues, m.end, se);
    if role(&cues, "receive").next().is_some() || role(&cues, "host_side").next().is_some() {
        return false;
    }
    let Some(verb) = role(&cues, "verb").next() else {
        return false;
    };
    if verb.start > m.end + 160 {
        return false;
    }
    let verb_end = verb.end;
    let leads_to_host = role(&cues, "host_prep")
        .filter(|p| p.start >= verb_end && p.start <= verb_end + 40)
        .any(|p| {
            doc.places_in(p.end, (p.end + 30).min(se))
                .iter()
                .any(|x| !x.is_hint && is_party_level(x.level))
        });
    leads_to_host
}

/// `Phó Chủ tịch UBND huyện` with no name after the level word: the one party of the visit
/// at that level (the host district when a province visits a district).
fn party_of_title_level(
    doc: &Document,
    title: Option<(usize, usize)>,
    name_start: usize,
    visitor: Option<usize>,
    hosts: &[usize],
) -> Option<String> {
    let (a, b) = title?;
    let lex = lexicon();
    let word = doc.cues(&lex.level_words, a, b).pop()?;
    // named (`tỉnh U Đôm Xay`, even when the name is not in the gazetteer)
    let next = doc.text()[word.end..].trim_start_matches(' ');
    let next_at = doc.text().len() - next.len();
    if !doc.places_in(word.start, word.start + 1).is_empty()
        || (next.starts_with(char::is_uppercase) && next_at != name_start)
    {
        return None;
    }
    let level = match lex.level_words.value(word.row, 0) {
        "province" => crate::gazetteer::Level::Province,
        "district" => crate::gazetteer::Level::District,
        "commune" => crate::gazetteer::Level::Commune,
        _ => return None,
    };
    let mut at_level = visitor
        .into_iter()
        .chain(hosts.iter().copied())
        // a foreign party's `Huyện ủy` may be its own: every level is ambiguous then
        .filter(|&i| {
            doc.places[i].level == level || doc.places[i].level == crate::gazetteer::Level::Foreign
        })
        .map(|i| doc.places[i].name.clone());
    let first = at_level.next()?;
    at_level.all(|n| n == first).then_some(first)
}

/// The unit a document is about: the host of its visit, else the unit named most.
pub fn focus_unit(doc: &Document, visitor: Option<usize>, hosts: &[usize]) -> Option<String> {
    let _ = visitor;
    if let Some(&h) = hosts.first() {
        return Some(doc.places[h].name.clone());
    }
    focus_place(doc).map(|p| p.name.clone())
}

/// The place named most often (title mentions count double), districts before provinces on ties.
pub fn focus_place(doc: &Document) -> Option<&Place> {
    let home = home_level(doc);
    // key -> (count, first place index)
    let mut counts: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
    let title = doc.seg.title.map(|t| doc.seg.paras[t]);
    for (i, p) in doc.places.iter().enumerate() {
        if p.is_hint || !is_party_level(p.level) {
            continue;
        }
        let w = if title.is_some_and(|t| p.start >= t.start && p.start < t.end) {
            2
        } else {
            1
        };
        counts.entry(doc.place_key(i)).or_insert((0, i)).0 += w;
    }
    counts
        .values()
        .max_by_key(|&&(n, i)| {
            let l = doc.places[i].level;
            (
                usize::from(Some(l) == home),
                n,
                usize::from(l == crate::gazetteer::Level::District),
                usize::MAX - i,
            )
        })
        .map(|&(_, i)| &doc.places[i])
}

/// The unit a document speaks for: the unit of its home level named most, hosts excluded.
fn home_unit(doc: &Document, hosts: &[Rc<str>]) -> Option<usize> {
    // an article that never speaks from a level (`Tỉnh đoàn Tây Ninh tổ chức`) speaks for
    // the province it names most
    let level = home_level(doc).unwrap_or(crate::gazetteer::Level::Province);
    home_unit_at(doc, hosts, level).or_else(|| {
        // a district or commune article still names its province
        (level != crate::gazetteer::Level::Province)
            .then(|| home_unit_at(doc, hosts, crate::gazetteer::Level::Province))
            .flatten()
    })
}

fn home_unit_at(
    doc: &Document,
    hosts: &[Rc<str>],
    level: crate::gazetteer::Level,
) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None; // (count, place)
    let is_host = |i: usize| hosts.iter().any(|h| h == doc.place_key(i));
    // (no unit of the level that is not a host: no need to count names)
    if !doc
        .places
        .iter()
        .enumerate()
        .any(|(i, p)| p.level == level && !p.is_hint && !is_host(i))
    {
        return None;
    }
    let mut named: FxHashMap<&str, usize> = FxHashMap::default();
    for i in 0..doc.places.len() {
        *named.entry(doc.place_key(i)).or_default() += 1;
    }
    // provinces that contain a host
    let host_parents: Vec<&str> = doc
        .places
        .iter()
        .enumerate()
        .filter(|&(i, _)| is_host(i))
        .filter_map(|(_, h)| h.province.as_deref())
        .collect();
    for (i, p) in doc.places.iter().enumerate() {
        let k: &str = doc.place_key(i);
        if p.level != level || p.is_hint || is_host(i) {
            continue;
        }
        // a unit that contains a host is the host's parent, not the sender
        if p.level == crate::gazetteer::Level::Province && host_parents.contains(&p.name.as_str()) {
            continue;
        }
        let n = named.get(k).copied().unwrap_or(0);
        if best.is_none_or(|(c, _)| n > c) {
            best = Some((n, i));
        }
    }
    best.map(|(_, i)| i)
}

/// The level a document speaks from: the level word it uses most without a
/// name after it (`UBND huyện`, `toàn tỉnh`, `của huyện`).
fn home_level(doc: &Document) -> Option<crate::gazetteer::Level> {
    *doc.home_level.get_or_init(|| home_level_of(doc))
}

/// [`home_level`] worked out: the level most level words announce without naming a unit.
fn home_level_of(doc: &Document) -> Option<crate::gazetteer::Level> {
    use crate::gazetteer::Level;
    let lex = lexicon();
    let mut counts = [0usize; 3];
    for (_, s) in doc.frame_sentences() {
        for c in doc.cues(&lex.level_words, s.start, s.end) {
            let named = !doc.places_in(c.start, c.start + 1).is_empty();
            let before = doc.lower[..c.start].trim_end();
            let plural = ["các", "những", "mỗi", "từng"]
                .iter()
                .any(|w| before.ends_with(w))
                || before.ends_with(|ch: char| ch.is_ascii_digit());
            if named || plural {
                continue;
            }
            // `Tỉnh đoàn tổ chức`, `UBND huyện`: the level the word announces
            match lex.level_words.value(c.row, 0) {
                "province" => counts[0] += 1,
                "district" => counts[1] += 1,
                "commune" => counts[2] += 1,
                _ => {}
            }
        }
    }
    let (i, n) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
    (*n > 0).then(|| [Level::Province, Level::District, Level::Commune][i])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A title whose lowercase holds `trưởng đoàn` passes `may_hold_doan`, whatever its
    /// case; one without `đ` or `àn` does not.
    #[test]
    fn doan_in_any_case() {
        let pieces = [
            "Trưởng đoàn",
            "TRƯỞNG ĐOÀN",
            "trưởng Đoàn",
            "TrưởNg đOàN",
            "Phó ",
            "Trưởng Ban",
            "đoàn",
            "Đoàn",
            "an",
            "À",
            "àn",
            "ÀN",
            "đ",
            "Đ",
            " ",
            "-",
            "tỉnh",
        ];
        let mut g = crate::test_gen::Gen(0x00d0_a115_1234_5678);
        for _ in 0..50_000 {
            let t: String = (0..g.below(6))
                .map(|_| pieces[g.below(pieces.len())])
                .collect();
            if t.to_lowercase().contains("trưởng đoàn") {
                assert!(may_hold_doan(&t), "{t:?}");
            }
            let plain = !t.contains(['đ', 'Đ'])
                || !(t.contains("àn") || t.contains("àN") || t.contains("Àn") || t.contains("ÀN"));
            assert_eq!(may_hold_doan(&t), !plain, "{t:?}");
        }
    }

    /// `role` by the numbers of the roles picks the cues whose row's first column is the
    /// role, and `after_prep`'s list is the `host_prep` rows.
    #[test]
    fn roles_as_the_table_says() {
        let t = &lexicon().visit_cues;
        let cues: Vec<Cue> = (0..t.rows.len())
            .map(|row| Cue {
                row,
                start: row,
                end: row + 1,
            })
            .collect();
        let names = t
            .rows
            .iter()
            .filter_map(|(_, v)| v.first().map(String::as_str))
            .chain(["", "verb ", "nothing"]);
        for r in names {
            let got: Vec<usize> = role(&cues, r).map(|c| c.row).collect();
            let want: Vec<usize> = cues
                .iter()
                .filter(|c| t.value(c.row, 0) == r)
                .map(|c| c.row)
                .collect();
            assert_eq!(got, want, "{r:?}");
        }
        let prep: Vec<&str> = t
            .rows
            .iter()
            .filter(|(_, v)| v.first().is_some_and(|r| r == "host_prep"))
            .map(|(c, _)| c.as_str())
            .collect();
        assert_eq!(ROLES.host_prep, prep);
    }
}
