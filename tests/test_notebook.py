"""examples/quickstart.ipynb runs top to bottom in a real Jupyter kernel without an error."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "examples" / "quickstart.ipynb"


def test_quickstart_notebook_runs(tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat", reason="nbformat is in the test extra")
    nbclient = pytest.importorskip("nbclient", reason="nbclient is in the test extra")
    pytest.importorskip("ipykernel", reason="ipykernel is in the test extra")
    pytest.importorskip("matplotlib", reason='the notebook plots (the "plot" extra)')
    pytest.importorskip("pyarrow", reason='the notebook writes Parquet (the "parquet" extra)')
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    start = time.perf_counter()
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()  # raises CellExecutionError on any error
    took = time.perf_counter() - start
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    kinds = {k for o in outputs for k in o.get("data", {})}
    assert {"text/html", "image/png"} <= kinds  # tables, the evidence view, the plots
    html = "".join(o["data"].get("text/html", "") for o in outputs if "data" in o)
    assert 'class="vnpov-ev"' in html and "vnpov.Result" in html
    assert took < 60, f"the notebook took {took:.0f} s"
    # the committed notebook carries no outputs (no article text, small diffs)
    saved = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in saved.cells if c.cell_type == "code")
