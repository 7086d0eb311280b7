"""A command group that imports a command's module only when that command runs.

``perfxl --help`` must start in well under 0.2 s, but the command modules import
the library (pydantic models, the reader, the rules …) at the top, as every
module does.  So the root group knows each command by name, module and one-line
help (:class:`CommandEntry`), lists them from that table, and imports a module
the first time its command is looked up.  A test checks that each table line
matches its command's own help.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any, ClassVar

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup


@dataclass(frozen=True)
class CommandEntry:
    module: str  # defines ``app``: a typer.Typer holding the command or command group
    help: str  # the first paragraph of the command's help, shown by ``perfxl --help``


def load_command(name: str, entry: CommandEntry) -> Any:
    """The click command (or group) that ``entry.module`` defines, named ``name``."""
    module = importlib.import_module(entry.module)
    app: typer.Typer = module.app
    command = typer.main.get_command(app)
    command.name = name
    return command


class LazyCommands(MutableMapping[str, Any]):
    """Commands by name, in table order; each module is imported on first access."""

    def __init__(self, table: Mapping[str, CommandEntry], loaded: Mapping[str, Any]) -> None:
        self._table = table
        self._loaded: dict[str, Any] = dict(loaded)

    def __getitem__(self, name: str) -> Any:
        if name not in self._loaded:
            if name not in self._table:
                raise KeyError(name)
            self._loaded[name] = load_command(name, self._table[name])
        return self._loaded[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        yield from self._table
        yield from (name for name in self._loaded if name not in self._table)

    def __len__(self) -> int:
        return len(set(self._table) | set(self._loaded))

    def __contains__(self, name: object) -> bool:
        return name in self._table or name in self._loaded

    def short_help(self, name: str, limit: int) -> str:
        """The line ``--help`` shows, without importing a command that has not run."""
        if name in self._table and name not in self._loaded:
            return TyperCommand(name=name, help=self._table[name].help).get_short_help_str(limit)
        return str(self[name].get_short_help_str(limit))


class LazyGroup(TyperGroup):
    """A TyperGroup whose commands come from ``table`` (set by a subclass)."""

    table: ClassVar[Mapping[str, CommandEntry]] = {}

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        self.commands = LazyCommands(self.table, self.commands)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # names only: TyperGroup's version reads every command

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        commands = self.commands
        assert isinstance(commands, LazyCommands)
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)  # as click does
        with formatter.section("Commands"):
            formatter.write_dl([(name, commands.short_help(name, limit)) for name in names])
