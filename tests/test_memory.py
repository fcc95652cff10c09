"""Memory an extraction leaves behind: the caller's strings untouched, the engine's
working memory handed back once the tables are DataFrames."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import vnpov


def _copies(n: int) -> list[str]:
    """``n`` distinct copies of each bundled sample article (new str objects)."""
    base = list(vnpov.sample_corpus()["text"])
    return [f"{t}\n({i})" for i in range(n) for t in base]


def test_the_callers_strings_do_not_grow() -> None:
    texts = _copies(20)
    before = [sys.getsizeof(t) for t in texts]
    r = vnpov.extract(texts, progress=False)
    assert len(r.documents) == len(texts) and len(r.visits) > 0
    # (reading a str's UTF-8 through the C API caches a copy inside it for its lifetime)
    assert [sys.getsizeof(t) for t in texts] == before
    for _ in vnpov.extract_batches(texts, batch_size=7):
        pass
    assert [sys.getsizeof(t) for t in texts] == before


def test_a_text_with_lone_surrogates_is_still_read() -> None:
    text = vnpov.sample_corpus()["text"][0]
    r = vnpov.extract([text, text[:40] + "\udc80" + text[40:]], progress=False)
    assert list(r.documents["error"].isna()) == [True, False]
    assert len(r.visits[r.visits.doc_id == "1"]) == len(r.visits[r.visits.doc_id == "0"]) > 0


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads the RSS from /proc")
def test_after_a_batch_the_process_holds_about_the_tables_not_the_work() -> None:
    # a fresh process: what it holds after the call, over what it held before, with the result
    # kept (the DataFrames, about as large as the texts), for 22 MB of text
    script = textwrap.dedent(
        """
        import gc, vnpov
        def rss():
            return int(open("/proc/self/statm").read().split()[1]) * 4096 / 1e6
        base = list(vnpov.sample_corpus()["text"])
        texts = [f"{t}\\n({i})" for i in range(1000) for t in base]
        mb = sum(len(t.encode()) for t in texts) / 1e6
        vnpov.extract(texts[:50], progress=False)  # tables loaded, threads started
        gc.collect()
        before = rss()
        r = vnpov.extract(texts, n_threads=2, progress=False)
        gc.collect()
        print(mb, rss() - before, len(r.visits))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    mb, grown, visits = out.stdout.split()
    assert int(visits) > 0
    # the working memory kept and the texts' UTF-8 cached, this was 4.3 times the text; now 2.0
    assert float(grown) < 3 * float(mb), out.stdout
