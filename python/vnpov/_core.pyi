from typing import Any, Protocol

__version__: str

class _ArrowTable(Protocol):
    """A table with the Arrow PyCapsule interface (``pyarrow.table(x)`` reads it)."""

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    def __arrow_c_schema__(self) -> object: ...

def extract(
    texts: list[str],
    hints: list[str | None],
    n_threads: int | None = None,
    categories: dict[str, dict[str, list[str]]] | None = None,
    timings: dict[str, float] | None = None,
) -> dict[str, _ArrowTable]: ...
def num_threads(n_threads: int | None = None) -> int: ...
def release_memory(force: bool = False) -> bool: ...
def gazetteer_lookup(
    name: str,
    level: str | None = None,
    province: str | None = None,
    on: tuple[int, int, int] | None = None,
) -> dict[str, list[Any]]: ...
def gazetteer_resolve(
    name: str,
    level_word: str | None = None,
    province: str | None = None,
    on: tuple[int, int, int] | None = None,
) -> dict[str, Any] | None: ...
def gazetteer_to_2025(code: str) -> dict[str, Any]: ...
def gazetteer_stats() -> dict[str, Any]: ...
def gazetteer_keys(name: str) -> tuple[str, str]: ...
