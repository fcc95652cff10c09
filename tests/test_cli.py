"""The ``vnpov`` command: extract round-trips through files, show, demo, --help, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import vnpov
from conftest import EVAL
from vnpov.cli import main

SAMPLE = Path(vnpov.__file__).parent / "data" / "sample"
CORPUS = EVAL / "corpus" if (EVAL / "corpus").is_dir() else SAMPLE


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "vnpov.cli", *args], capture_output=True, timeout=300, check=False
    )


@pytest.fixture(scope="module")
def in_process() -> vnpov.Result:
    """The dev corpus (the bundled sample in a clone without ../shared), extracted in this process."""
    corpus = vnpov.read_corpus(CORPUS)
    return vnpov.extract(
        corpus["text"], ids=corpus["doc_id"].tolist(), published=corpus["published"].tolist()
    )


def test_extract_to_parquet_reads_back_with_pandas(tmp_path: Path, in_process: vnpov.Result) -> None:
    p = run("extract", str(CORPUS), "--out", str(tmp_path / "out"), "--format", "parquet", "--threads", "2")
    assert p.returncode == 0, p.stderr.decode()
    assert p.stdout == b""
    assert "documents.parquet" in p.stderr.decode()
    for name, df in in_process.tables().items():
        back = pd.read_parquet(tmp_path / "out" / f"{name}.parquet")
        pd.testing.assert_frame_equal(back, df, obj=name)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_extract_to_csv_and_jsonl(tmp_path: Path, fmt: str, in_process: vnpov.Result) -> None:
    assert main(["extract", str(CORPUS), "--out", str(tmp_path), "-f", fmt, "--no-progress"]) == 0
    back = vnpov.read_result(tmp_path / "result.jsonl" if fmt == "jsonl" else tmp_path)
    for name, df in in_process.tables().items():
        pd.testing.assert_frame_equal(back.tables()[name], df, obj=name)


def test_extract_several_inputs_and_columns(tmp_path: Path) -> None:
    a = tmp_path / "a.csv"
    pd.DataFrame(
        {"ma": ["x1"], "noi_dung_bai": ["Năm 2023, tỷ lệ hộ nghèo của tỉnh Kon Tum là 11,42%."]}
    ).to_csv(a, index=False)
    args = ["extract", str(a), str(SAMPLE / "01_bac_tra_my_con_cuong.txt"), "--out", str(tmp_path / "o")]
    assert main([*args, "--text", "noi_dung_bai", "--id", "ma", "-f", "csv"]) == 0
    docs = pd.read_csv(tmp_path / "o" / "documents.csv", dtype=str)
    assert docs["doc_id"].tolist() == ["x1", "01_bac_tra_my_con_cuong"]


def test_errors_go_to_stderr_naming_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.jsonl"
    assert main(["extract", str(missing), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert "vnpov: error:" in err and "nope.jsonl" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("title\nx\n", encoding="utf-8")
    assert main(["extract", str(bad), "--out", str(tmp_path / "o")]) == 1
    assert "bad.csv: no text column" in capsys.readouterr().err
    assert main(["show", str(SAMPLE)]) == 1
    assert "--doc" in capsys.readouterr().err
    assert main(["show", str(SAMPLE), "--doc", "zz"]) == 1
    assert "no document 'zz'" in capsys.readouterr().err
    outfile = tmp_path / "file"
    outfile.write_text("x", encoding="utf-8")
    assert main(["extract", str(SAMPLE), "--out", str(outfile)]) == 1
    assert "is not a folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["extract"],
        ["extract", "x"],
        ["extract", "x", "--out", "o", "--format", "xlsx"],
        ["frobnicate"],
        ["extract", "x", "--out", "o", "--threads", "0"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 2
    assert "usage:" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--help"], ["extract", "--help"], ["show", "--help"], ["demo", "--help"]])
def test_help_exits_0(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 0
    assert "usage: vnpov" in capsys.readouterr().out


def test_show_writes_a_page_to_stdout() -> None:
    p = run("show", str(SAMPLE / "01_bac_tra_my_con_cuong.txt"))
    assert p.returncode == 0, p.stderr.decode()
    page = p.stdout.decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "Hồ Văn Quý" in page and 'class="vp vp-person"' in page


def test_show_a_document_of_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    assert main(["show", str(SAMPLE), "--doc", "05_kon_tum_bao_cao", "-o", str(out)]) == 0
    assert 'class="vp vp-figure"' in out.read_text(encoding="utf-8")


def test_demo_still_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--rows", "3"]) == 0
    assert "== figures (" in capsys.readouterr().out


def test_console_script_is_declared() -> None:
    text = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert 'vnpov = "vnpov.cli:main"' in text
