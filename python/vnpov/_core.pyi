from typing import Any

__version__: str

def extract(
    texts: list[str], hints: list[str | None], n_threads: int | None = None
) -> dict[str, dict[str, list[Any]]]: ...
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
