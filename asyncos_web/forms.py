"""Reading a submitted form: each refused field gets the message shown beside it.

A handler collects ``Form.errors`` (field name -> message) and, when any, renders its page again
with the values typed and the fields marked; nothing is changed in the session until the whole
form is valid.
"""
from __future__ import annotations

from typing import Optional

from . import strings
from .gui import Call


class Form:
    def __init__(self, call: Call):
        self.call = call
        self.errors: dict[str, str] = {}
        self.values: dict[str, str] = {}

    def text(self, name: str, required: bool = True) -> str:
        value = self.call.field(name).strip()
        self.values[name] = value
        if required and not value:
            self.refuse(name, strings.text("error.required"))
        return value

    def integer(self, name: str, low: int, high: int, optional: bool = False) -> Optional[int]:
        """A whole number from ``low`` to ``high``; an empty ``optional`` field is None ("use
        the default")."""
        text = self.text(name, required=not optional)
        if not text:
            return None
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            self.refuse(name, strings.text("error.integer", low=low, high=high))
            return None
        return value

    def choice(self, name: str, allowed: "list[str] | tuple[str, ...]", default: str = "") -> str:
        value = self.call.field(name, default)
        self.values[name] = value
        if value not in allowed:
            self.refuse(name, strings.text("error.required"))
        return value

    def checked(self, name: str) -> bool:
        value = self.call.field(name) == "on"
        self.values[name] = "on" if value else ""
        return value

    def refuse(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    @property
    def ok(self) -> bool:
        return not self.errors
