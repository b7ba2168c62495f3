"""``scp -O`` (the legacy SCP protocol) into and out of the appliance's ``/configuration``.

The client runs ``scp -t <target>`` (upload, we are the sink) or ``scp -f <path>...``
(download, we are the source) as an exec command (clients.md §3.1 item 6).  Paths may be
``/configuration/x``, ``configuration/x`` or a bare ``x``; anything that leaves the directory
is refused.  Only administrators and operators may reach it at all: read-only operators,
guests and help-desk users "cannot access the file system, FTP, or SCP" (AsyncOS user guide,
user roles), so they cannot download the configuration either.
"""
from __future__ import annotations

import asyncio
import fnmatch
import os
import shlex
from pathlib import Path
from typing import Callable

from .. import strings
from ..engine.registry import COMMIT_ROLES

STRINGS = {
    "scp.denied": ("scp: {path}: Permission denied", "R"),
    "scp.missing": ("scp: {path}: No such file or directory", "R"),
    "scp.not_regular": ("scp: {path}: not a regular file", "R"),
    "scp.too_large": ("scp: {path}: File too large", "R"),
    "scp.name_too_long": ("scp: {path}: File name too long", "R"),
    "scp.protocol": ("scp: protocol error: {detail}", "R"),
    "scp.usage": ("usage: scp [-pv] -t|-f path", "R"),
}
strings.register(STRINGS)

FILE_ROLES = COMMIT_ROLES  # who may read and write /configuration over scp and FTP
MAX_NAME_BYTES = 255  # a file name, as on the appliance's file system
MAX_FILE_SIZE = 256 * 1024 * 1024  # configuration files, certificates: far below this
_DIRECTORY_NAMES = ("", ".", "~", "~/")


class Refused(Exception):
    """The path is outside /configuration or otherwise unusable; the text is for the client."""


def is_scp(command: str) -> bool:
    return command.split(None, 1)[:1] == ["scp"]


def resolve(config_dir: Path, path: str) -> tuple[Path, bool]:
    """``(local path, is the directory itself)`` for a path the client named."""
    name = path.strip()
    for prefix in ("/configuration", "configuration"):
        if name == prefix or name.startswith(prefix + "/"):
            name = name[len(prefix):].lstrip("/")
            break
    else:
        if name.startswith("/"):
            raise Refused(strings.text("scp.denied", path=path))
    if name.rstrip("/") in _DIRECTORY_NAMES:
        return config_dir, True
    if len(name.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES:
        raise Refused(strings.text("scp.name_too_long", path=path))
    if not _plain_name(name):
        raise Refused(strings.text("scp.denied", path=path))
    return config_dir / name, False


def _plain_name(name: str) -> bool:
    return bool(name) and "/" not in name and "\\" not in name and name not in (".", "..") \
        and "\0" not in name


class ScpSession:
    """One ``scp`` exec request.  The channel feeds ``input``; ``run`` returns the exit status."""

    def __init__(self, command: str, config_dir: Path, role: str, send: Callable[[bytes], None]):
        self.command, self.config_dir, self.role, self.send = command, config_dir, role, send
        self.input = asyncio.StreamReader()
        self.errors = 0

    def backlog(self) -> int:
        """Bytes received and not yet read (the channel holds the client back above a bound)."""
        return len(self.input._buffer)  # StreamReader has no public size

    async def run(self) -> int:
        try:
            words = shlex.split(self.command)[1:]
        except ValueError:
            words = []
        flags, paths = _parse(words)
        try:
            if "t" in flags and len(paths) == 1:
                await self._sink(paths[0])
            elif "f" in flags and paths:
                await self._source(paths, preserve="p" in flags)
            else:
                self._fatal(strings.text("scp.usage"))
        except asyncio.IncompleteReadError:
            self.errors += 1  # the client went away mid-transfer
        return 1 if self.errors else 0

    # -- upload: we are the sink ------------------------------------------------------------------
    async def _sink(self, target: str) -> None:
        try:
            destination, is_directory = resolve(self.config_dir, target)
            if self.role not in FILE_ROLES:
                raise Refused(strings.text("scp.denied", path=target))
        except Refused as refused:
            self._warn(str(refused))
            return
        self.send(b"\0")
        while True:
            line = await self.input.readline()
            if not line:
                return  # end of input: the client is done
            kind, header = line[:1], line[1:].rstrip(b"\n").decode("utf-8", "replace")
            if kind == b"C":
                if not await self._receive_file(header, destination, is_directory):
                    return
            elif kind in (b"T", b"E"):
                self.send(b"\0")
            elif kind == b"D":
                self._warn(strings.text("scp.not_regular", path=header.split(" ", 2)[-1]))
            elif kind in (b"\x01", b"\x02"):
                self.errors += 1
                return
            else:
                self._fatal(strings.text("scp.protocol", detail="unexpected message"))
                return

    async def _receive_file(self, header: str, destination: Path, is_directory: bool) -> bool:
        """One ``C<mode> <size> <name>`` file; False when the transfer cannot go on."""
        try:
            _mode, size_text, name = header.split(" ", 2)
            size = int(size_text)
        except ValueError:
            self._fatal(strings.text("scp.protocol", detail="bad file header"))
            return False
        if is_directory and not _plain_name(name):
            self._warn(strings.text("scp.denied", path=name))
            return True  # the client skips this file
        if size < 0 or size > MAX_FILE_SIZE:
            self._warn(strings.text("scp.too_large", path=name))
            return True
        path = destination / name if is_directory else destination
        self.send(b"\0")
        data = await self.input.readexactly(size)
        await self.input.readexactly(1)  # the client's end-of-file byte
        await asyncio.to_thread(save, path, data)
        self.send(b"\0")
        return True

    # -- download: we are the source --------------------------------------------------------------
    async def _source(self, paths: list[str], preserve: bool) -> None:
        await self.input.readexactly(1)  # the client is ready
        for requested in paths:
            try:
                if self.role not in FILE_ROLES:
                    raise Refused(strings.text("scp.denied", path=requested))
                files = await asyncio.to_thread(self._matching_files, requested)
            except Refused as refused:
                self._warn(str(refused))
                continue
            for path in files:
                if not await self._send_file(path, preserve):
                    return

    def _matching_files(self, requested: str) -> list[Path]:
        folder, name = requested.rpartition("/")[0], requested.rpartition("/")[2]
        if any(char in name for char in "*?["):
            directory, _ = resolve(self.config_dir, folder or ".")
            found = sorted(p for p in directory.iterdir()
                           if p.is_file() and fnmatch.fnmatchcase(p.name, name))
        else:
            path, is_directory = resolve(self.config_dir, requested)
            if is_directory:
                raise Refused(strings.text("scp.not_regular", path=requested))
            found = [path] if path.is_file() else []
        if not found:
            raise Refused(strings.text("scp.missing", path=requested))
        return found

    async def _send_file(self, path: Path, preserve: bool) -> bool:
        data, stat = await asyncio.to_thread(lambda: (path.read_bytes(), path.stat()))
        if preserve:
            self.send(f"T{int(stat.st_mtime)} 0 {int(stat.st_atime)} 0\n".encode())
            if not await self._acknowledged():
                return False
        self.send(f"C0644 {len(data)} {path.name}\n".encode())
        if not await self._acknowledged():
            return True  # the client refused this file; go on with the next
        self.send(data + b"\0")
        return await self._acknowledged()

    async def _acknowledged(self) -> bool:
        answer = await self.input.readexactly(1)
        if answer == b"\0":
            return True
        await self.input.readline()  # the client's message
        self.errors += 1
        return False

    # -- replies ----------------------------------------------------------------------------------
    def _warn(self, text: str) -> None:
        self.errors += 1
        self.send(b"\x01" + text.encode() + b"\n")

    def _fatal(self, text: str) -> None:
        self.errors += 1
        self.send(b"\x02" + text.encode() + b"\n")


def _parse(words: list[str]) -> tuple[set[str], list[str]]:
    flags: set[str] = set()
    for index, word in enumerate(words):
        if word == "--":
            return flags, words[index + 1:]
        if not word.startswith("-") or word == "-":
            return flags, words[index:]
        flags.update(word[1:])
    return flags, []


def save(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file and rename it over ``path`` (also used by FTP)."""
    temporary = path.with_name(f".{path.name}.part")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(temporary, path)

