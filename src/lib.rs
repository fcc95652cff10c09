//! vnpov: study visits and poverty figures from Vietnamese local-government news.
//!
//! The flow, one module per stage:
//! `normalize` → `segment` → mentions (`quantity`, `dates`, `places` with the
//! `gazetteer`, `people`) gathered in `document` → frames (`visits`,
//! `figures`) → rows (`records`), driven by `extract`. Cue words live in
//! `src/lexicon/*.tsv` (loaded by `lexicon`). `python` is the pyo3 face.

mod blocks;
pub mod dates;
pub mod document;
pub mod extract;
pub mod figures;
pub mod frames;
pub mod gazetteer;
pub mod lexicon;
pub mod normalize;
pub mod people;
pub mod places;
pub mod quantity;
pub mod records;
pub mod segment;
pub mod visits;
mod wordbits;

#[cfg(test)]
mod test_gen;

#[cfg(feature = "python")]
mod python;

/// Many small strings and vectors per document, allocated from two threads at
/// once: mimalloc's thread-local heaps cost fewer instructions than the system
/// allocator and do not contend.
#[global_allocator]
static ALLOCATOR: Allocator = Allocator;

/// mimalloc, asked for plain `mi_malloc` blocks where those are aligned enough.
///
/// `mimalloc::MiMalloc` asks `mi_malloc_aligned` for every block, whose checks cost
/// more than the allocation itself for the small blocks the engine makes by the
/// thousand. Like std's `System` allocator, an alignment that `malloc` guarantees
/// (at most 16 bytes and at most the size, as for any C `malloc`; mimalloc is one)
/// goes to the plain functions, any other to the aligned ones.
struct Allocator;

/// Hand the memory this thread's heap holds but no longer uses back to the system:
/// blocks other threads freed are taken in, empty pages freed, and their memory
/// returned (mimalloc keeps freed memory for reuse, and takes in blocks freed by other
/// threads only when the owning thread allocates again).
pub fn release_thread_memory() {
    // SAFETY: `mi_collect` trims the calling thread's heap and, shared by all threads and
    // taken with mimalloc's own locks and atomics, its segments and arenas; other threads
    // may allocate and free (into this heap too) meanwhile
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// The alignment `malloc` guarantees on x86_64 and aarch64 (`max_align_t`).
const MALLOC_ALIGN: usize = 16;

#[inline(always)]
fn plain(align: usize, size: usize) -> bool {
    align <= MALLOC_ALIGN && align <= size
}

// SAFETY: every block comes from mimalloc and goes back to it (`mi_free` frees both kinds);
// a plain block is only handed out for a layout whose alignment `mi_malloc` guarantees.
unsafe impl std::alloc::GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if plain(layout.align(), layout.size()) {
            libmimalloc_sys::mi_malloc(layout.size()) as *mut u8
        } else {
            libmimalloc_sys::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if plain(layout.align(), layout.size()) {
            libmimalloc_sys::mi_zalloc(layout.size()) as *mut u8
        } else {
            libmimalloc_sys::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        libmimalloc_sys::mi_free(ptr as *mut std::ffi::c_void)
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        let p = ptr as *mut std::ffi::c_void;
        if plain(layout.align(), new_size) {
            libmimalloc_sys::mi_realloc(p, new_size) as *mut u8
        } else {
            libmimalloc_sys::mi_realloc_aligned(p, new_size, layout.align()) as *mut u8
        }
    }
}
