from typing import Any

__version__: str

def extract(
    texts: list[str], hints: list[str | None], n_threads: int | None = None
) -> dict[str, dict[str, list[Any]]]: ...
