"""Locate the data files under ``templates/``.

In a wheel they live inside the package (``perfxl/templates``); in a source
checkout or editable install they are the top-level ``templates/`` folder.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from perfxl.files.parsed import load_kept

_PACKAGE = Path(__file__).resolve().parent.parent  # perfxl/


@cache
def templates_dir() -> Path:
    for candidate in (_PACKAGE / "templates", _PACKAGE.parent / "templates"):
        if (candidate / "settings.yaml").is_file():
            return candidate
    raise FileNotFoundError("perfxl's templates folder is missing from this installation")


def template_path(*parts: str) -> Path:
    return templates_dir().joinpath(*parts)


# Names what _parse_yaml returns; change it when that changes, and kept templates are parsed again.
_YAML_PARSER = "pyyaml-safe-1"


@cache
def _load_yaml_cached(path: str) -> Any:
    text = Path(path).read_bytes()
    try:
        name = Path(path).relative_to(templates_dir()).as_posix()
    except ValueError:
        return _parse_yaml(text)  # a user's file: parsed every time, nothing kept beside it
    return load_kept(name, text, _parse_yaml, parser=_YAML_PARSER)


def _parse_yaml(text: bytes) -> Any:
    import yaml  # lazy: keeps `perfxl --help` fast, and a kept template needs none

    # libyaml's parser when present (5-10x faster; the constructor, hence the types, is the same SafeConstructor).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text.decode("utf-8"), Loader=loader)


def load_yaml(path: Path) -> Any:
    return _load_yaml_cached(str(path))


def settings() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml(template_path("settings.yaml"))
    return data


def example_document() -> Path:
    """The bundled real published document (a county bureau's 2021 targets, as a text dump)."""
    return template_path("examples", "weixian-2021.txt")
