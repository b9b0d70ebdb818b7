//! Decoding and encoding of list pages: the generated response types beside a plain
//! `#[derive(Deserialize, Serialize)]` of the same known fields and `serde_json::Value`, in
//! the same run.
//!
//! ```text
//! cargo bench -p zoom-integration --bench decode
//! ```
//!
//! Pages of 30, 300 and 3,000 items shaped like Zoom's list users, list meetings and meeting
//! participants report responses. Every item carries the fields the generated item type
//! knows plus three it does not (the rows marked "known only" repeat the pages without
//! them, which shows what keeping unknown fields costs apart from the rest of the
//! decoding), and one item per page has a value of the wrong type. The
//! generated type and `Value` decode that page; the derive, which would refuse it, decodes
//! its twin where that one value has the right type. Decoding is `serde_json::from_slice`
//! (the decoded value dropped inside the timing, as a caller drops it), encoding is
//! `serde_json::to_writer` into a reused buffer.
//!
//! The three run in interleaved batches (rotating which goes first), so that a slow moment
//! of a busy machine is shared; each figure is the median over the batches of the time per
//! page. Peak memory is the most the counting allocator below saw allocated at once during
//! one decode, above what was allocated before it (the input text is not counted).

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

mod pages;

use pages::{generated, page_text, Page, Shape, SHAPES};
use pages::{PlainMeetings, PlainParticipants, PlainUsers};

const SIZES: [usize; 3] = [30, 300, 3_000];
const BATCHES: usize = 41;
/// Items decoded or encoded per batch, whatever the page size, so that every batch takes a
/// few milliseconds.
const ITEMS_PER_BATCH: usize = 6_000;

// ---------------------------------------------------------------------------------------
// Peak memory

/// Counts the bytes allocated while `COUNTING` is on; otherwise it is the system allocator
/// with one relaxed load more, so that timing is not skewed by the counting.
struct CountingAllocator;

static COUNTING: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    if COUNTING.load(Ordering::Relaxed) {
        let live = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
        PEAK.fetch_max(live, Ordering::Relaxed);
    }
}

fn shrank(bytes: usize) {
    if COUNTING.load(Ordering::Relaxed) {
        LIVE.fetch_sub(bytes, Ordering::Relaxed);
    }
}

// SAFETY: every call is passed to `System` unchanged; only counters are updated beside it.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            grew(layout.size());
        }
        pointer
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc_zeroed(layout) };
        if !pointer.is_null() {
            grew(layout.size());
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                shrank(layout.size() - new_size);
            }
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// The most bytes allocated at once while `decode` ran, above what was allocated before.
/// What it decodes is dropped only after, so that its memory is part of the peak. A block
/// freed during the run that was allocated before it could make the live count dip below
/// zero; decoding frees nothing it did not allocate.
fn peak_bytes<T>(decode: impl FnOnce() -> T) -> usize {
    LIVE.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    let decoded = decode();
    COUNTING.store(false, Ordering::Relaxed);
    drop(decoded);
    PEAK.load(Ordering::Relaxed)
}

// ---------------------------------------------------------------------------------------
// Measuring

/// Decodes a page and drops what it decoded.
type Decode = Box<dyn Fn(&[u8])>;
/// Encodes what was decoded into the buffer.
type Encode = Box<dyn Fn(&mut Vec<u8>)>;
/// Decodes a page; the peak memory.
type Peak = Box<dyn Fn(&[u8]) -> usize>;

/// One way of decoding and encoding a page.
struct Contender {
    decode: Decode,
    encode: Encode,
    peak: Peak,
}

impl Contender {
    /// `T` decoding `text`, and encoding what it decoded from it.
    fn of<T: DeserializeOwned + Serialize + 'static>(text: &[u8]) -> Contender {
        let decoded: T = serde_json::from_slice(text).expect("the page decodes");
        Contender {
            decode: Box::new(|text| {
                let decoded: T = serde_json::from_slice(black_box(text)).expect("decodes");
                drop(black_box(decoded));
            }),
            encode: Box::new(move |out| {
                out.clear();
                serde_json::to_writer(&mut *out, black_box(&decoded)).expect("encodes");
                black_box(out);
            }),
            peak: Box::new(|text| {
                peak_bytes(|| serde_json::from_slice::<T>(text).expect("decodes"))
            }),
        }
    }
}

/// Medians of the time per page, in microseconds, for each contender, in the contenders'
/// order: batches of `runs` calls, the contenders' order rotating from batch to batch.
fn medians(contenders: usize, runs: usize, mut call: impl FnMut(usize)) -> Vec<f64> {
    let mut times = vec![Vec::with_capacity(BATCHES); contenders];
    for batch in 0..BATCHES {
        for turn in 0..contenders {
            let which = (batch + turn) % contenders;
            let started = Instant::now();
            for _ in 0..runs {
                call(which);
            }
            times[which].push(started.elapsed().as_secs_f64() * 1e6 / runs as f64);
        }
    }
    times
        .into_iter()
        .map(|mut batch_times| {
            batch_times.sort_by(f64::total_cmp);
            batch_times[batch_times.len() / 2]
        })
        .collect()
}

struct Row {
    page: String,
    bytes: usize,
    /// Generated, derive, `Value`.
    decode: Vec<f64>,
    encode: Vec<f64>,
    peak: Vec<usize>,
}

fn measure<Generated, Plain>(shape: &Shape, page: &Page) -> Row
where
    Generated: DeserializeOwned + Serialize + 'static,
    Plain: DeserializeOwned + Serialize + 'static,
{
    let items = page.items;
    let text = page_text(shape, page, true);
    let clean = page_text(shape, page, false);
    check_the_setup::<Generated, Plain>(&text);
    let contenders = [
        (Contender::of::<Generated>(&text), &text),
        (Contender::of::<Plain>(&clean), &clean),
        (Contender::of::<Value>(&text), &text),
    ];
    let runs = (ITEMS_PER_BATCH / items).max(1);
    let decode = medians(contenders.len(), runs, |which| {
        let (contender, text) = &contenders[which];
        (contender.decode)(text)
    });
    let mut out = Vec::with_capacity(text.len() * 2);
    let encode = medians(contenders.len(), runs, |which| {
        (contenders[which].0.encode)(&mut out)
    });
    let peak = contenders
        .iter()
        .map(|(contender, text)| (contender.peak)(text))
        .collect();
    Row {
        page: format!(
            "{} x {items}{}",
            shape.name,
            if page.unknown_fields {
                ""
            } else {
                ", known only"
            }
        ),
        bytes: text.len(),
        decode,
        encode,
        peak,
    }
}

/// What the figures rely on, checked before measuring: the page holds a value the derive
/// refuses, and the generated type gives back the JSON it read.
fn check_the_setup<Generated, Plain>(text: &[u8])
where
    Generated: DeserializeOwned + Serialize,
    Plain: DeserializeOwned,
{
    assert!(
        serde_json::from_slice::<Plain>(text).is_err(),
        "the page has a mistyped value"
    );
    let decoded: Generated = serde_json::from_slice(text).expect("the page decodes");
    let original: Value = serde_json::from_slice(text).expect("the page is JSON");
    assert_eq!(
        serde_json::to_value(&decoded).expect("encodes"),
        original,
        "the generated type encodes back to the page"
    );
}

fn ratio(a: f64, b: f64) -> String {
    format!("{:.2}", a / b)
}

fn print_tables(rows: &[Row]) {
    println!("decode, median µs per page (generated / derive / serde_json::Value)");
    println!(
        "{:<40} {:>9} {:>11} {:>11} {:>11} {:>8} {:>8}",
        "page", "bytes", "generated", "derive", "Value", "g/derive", "g/Value"
    );
    for row in rows {
        let [g, d, v] = [row.decode[0], row.decode[1], row.decode[2]];
        println!(
            "{:<40} {:>9} {g:>11.1} {d:>11.1} {v:>11.1} {:>8} {:>8}",
            row.page,
            row.bytes,
            ratio(g, d),
            ratio(g, v)
        );
    }
    let encode = |row: &Row| row.encode.clone();
    print_table("encode, median µs per page", rows, encode);
    let peak = |row: &Row| {
        row.peak
            .iter()
            .map(|&bytes| bytes as f64 / 1024.0)
            .collect()
    };
    print_table("peak memory while decoding, KiB", rows, peak);
}

/// A table of one figure of each row, the generated type's beside the other two.
fn print_table(title: &str, rows: &[Row], figures: impl Fn(&Row) -> Vec<f64>) {
    println!();
    println!("{title}");
    println!(
        "{:<40} {:>11} {:>11} {:>11} {:>8} {:>8}",
        "page", "generated", "derive", "Value", "g/derive", "g/Value"
    );
    for row in rows {
        let figures = figures(row);
        let [g, d, v] = [figures[0], figures[1], figures[2]];
        println!(
            "{:<40} {g:>11.1} {d:>11.1} {v:>11.1} {:>8} {:>8}",
            row.page,
            ratio(g, d),
            ratio(g, v)
        );
    }
}

fn main() {
    println!(
        "{BATCHES} interleaved batches of {ITEMS_PER_BATCH} items each per figure; \
         serde_json's Map is {}",
        if map_preserves_order() {
            "an IndexMap (preserve_order)"
        } else {
            "a BTreeMap"
        }
    );
    println!();
    let mut rows = Vec::new();
    for unknown_fields in [true, false] {
        for items in SIZES {
            let page = Page {
                items,
                unknown_fields,
            };
            rows.push(measure::<generated::Users, PlainUsers>(&SHAPES[0], &page));
            rows.push(measure::<generated::Meetings, PlainMeetings>(
                &SHAPES[1], &page,
            ));
            rows.push(measure::<generated::Participants, PlainParticipants>(
                &SHAPES[2], &page,
            ));
        }
    }
    print_tables(&rows);
}

/// Whether serde_json keeps keys in insertion order, which changes what a kept field costs:
/// the feature is unified across a build, so the bench reports which one it measured.
fn map_preserves_order() -> bool {
    let mut map = serde_json::Map::new();
    map.insert("b".to_owned(), Value::Null);
    map.insert("a".to_owned(), Value::Null);
    map.keys().next().map(String::as_str) == Some("b")
}
