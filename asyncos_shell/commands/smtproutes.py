"""``smtproutes``: permanent routes from a domain (``example.com``, ``.example.com`` for its
subdomains, ``ALL`` for the default route) to destination hosts (cli.md §5.21).

A destination is ``host[:port][/pri=N]`` (priority 0-65535, 0 tried first), or ``USEDNS`` (normal
MX delivery) or ``/dev/null`` (discard) on its own.  A host in square brackets (``[host]:port``)
is resolved by its address records only; a bare host name is looked up by its MX records first
(``smtp_core.routing.route``).  In labs this is how mail reaches peer MTAs on loopback: ``smtproutes new example.net 127.0.0.5:2525``.
"""
from __future__ import annotations

import re
from typing import Optional

from cluster import model
from cluster.validate import destination_host_error, route_domain_error

from .. import strings
from ..engine.batchargs import Arg, Batch, Form, as_typed, invalid_line, literal
from ..engine.context import CommandContext
from ..engine.registry import CONFIG_ROLES, command
from . import smtproutes_strings  # noqa: F401  (registers the strings)
from ._choices import ask_export_file, fail, format_table, import_table, run_menu_batch

MAX_ROUTES = 40000          # user guide 8.0.1, ALL included [V]
MAX_DESTINATIONS = 64       # [R]: the limit exists (QA library error), its value is unknown
SPECIAL = {model.ROUTE_USEDNS.lower(): model.ROUTE_USEDNS, model.ROUTE_DEVNULL: model.ROUTE_DEVNULL}


BRACKETED = re.compile(r"^\[(?P<host>[^\]]*)\](?::(?P<port>.*))?$")   # [host] or [host]:port


def T(string_id: str, **values: object) -> str:
    return strings.text(f"smtproutes.{string_id}", **values)


class RouteError(ValueError):
    """An invalid destination list; the message is the appliance's error text."""


def normalize_domain(domain: str) -> str:
    domain = domain.strip()
    return model.ROUTE_ALL if domain.upper() == model.ROUTE_ALL else domain.lower()


def format_destination(dest: model.RouteDestination) -> str:
    text = dest.host if dest.host in SPECIAL.values() else dest.host_port()
    return text + (f"/pri={dest.priority}" if dest.priority else "")


def format_destinations(route: model.SmtpRoute) -> str:
    return ", ".join(format_destination(d) for d in route.destinations)


def parse_destination(text: str) -> model.RouteDestination:
    host, _, priority = text.partition("/pri=")
    if host.lower() in SPECIAL:
        return model.RouteDestination(SPECIAL[host.lower()])
    dest = model.RouteDestination(host)
    if priority:
        if not priority.isdigit() or int(priority) > 65535:
            raise RouteError(T("error.priority"))
        dest.priority = int(priority)
    port = None
    if bracketed := BRACKETED.match(host):
        dest.host, port = bracketed["host"], bracketed["port"]
        dest.by_address = True
    elif host.count(":") == 1:  # host:port (an IPv6 address has several colons and no port)
        dest.host, port = host.split(":")
    if port is not None:
        if not port.isdigit() or not 1 <= int(port) <= 65535:
            raise RouteError(T("error.port"))
        dest.port = int(port)
    if error := destination_host_error(dest.host):
        raise RouteError(error)
    return dest


def parse_destinations(text: str, existing: list[model.RouteDestination] = ()) -> list:
    """``existing`` plus the comma-separated destinations of ``text``; raises RouteError."""
    result = list(existing)
    for part in (p.strip() for p in text.split(",")):
        if part:
            result.append(parse_destination(part))
    if not result:
        raise RouteError(strings.text("error.required"))
    for dest in result:
        if dest.host in SPECIAL.values() and len(result) > 1:
            raise RouteError(T("error.alone", host=dest.host))
    if len(result) > MAX_DESTINATIONS:
        raise RouteError(T("error.max_destinations", max=MAX_DESTINATIONS))
    first: dict[str, model.RouteDestination] = {}
    for dest in result:
        earlier = first.setdefault(dest.host.lower(), dest)
        if earlier is not dest:  # a host may appear once, with one port
            if earlier.port == 25:
                raise RouteError(T("error.standard_port", host=dest.host))
            raise RouteError(T("error.alternate_port", host=dest.host, port=earlier.port))
    return result


def export_text(routes: dict[str, model.SmtpRoute]) -> str:
    return "".join(f"{domain} {format_destinations(route)}\n" for domain, route in routes.items())


def import_text(text: str) -> dict[str, model.SmtpRoute]:
    """Parse a routes file; raises RouteError naming the line."""
    routes: dict[str, model.SmtpRoute] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        domain, _, hosts = line.partition(" ")
        domain = normalize_domain(domain)
        try:
            error = route_domain_error(domain, allow_all=True)
            if error is None and domain in routes:
                error = T("error.exists", domain=domain)
            if error:
                raise RouteError(error)
            routes[domain] = model.SmtpRoute(domain, parse_destinations(hosts))
        except RouteError as error:
            raise RouteError(T("error.line", number=number, error=error)) from None
    if len(routes) > MAX_ROUTES:
        raise RouteError(T("error.max_routes", max=MAX_ROUTES))
    return routes


def destinations_error(text: str, existing: list = ()) -> Optional[str]:
    try:
        parse_destinations(text, existing)
    except RouteError as error:
        return str(error)
    return None


class SmtpRoutesCommand:
    def __init__(self, ctx: CommandContext):
        self.ctx, self.dialog = ctx, ctx.dialog

    @property
    def routes(self) -> dict[str, model.SmtpRoute]:
        return self.ctx.session.read("smtproutes").routes

    def editable(self) -> dict[str, model.SmtpRoute]:
        return self.ctx.session.edit("smtproutes").routes

    def find(self, domain: str) -> Optional[str]:
        key = normalize_domain(domain)
        return key if key in self.routes else None

    def status(self) -> str:
        count = len(self.routes)
        return "\n" + (T("status", count=count) if count else T("status.none"))

    def operations(self) -> list:
        words = ["NEW", "EDIT", "DELETE", "PRINT", "IMPORT", "EXPORT", "CLEAR"]
        if not self.routes:
            words = ["NEW", "IMPORT"]
        handlers = {"NEW": self.new, "EDIT": self.edit, "DELETE": self.delete,
                    "PRINT": self.print, "IMPORT": self.import_, "EXPORT": self.export,
                    "CLEAR": self.clear}
        return [(word, T(f"menu.{word.lower()}"), handlers[word]) for word in words]

    # -- errors for the domain questions -------------------------------------------------------
    def new_domain_error(self, domain: str) -> Optional[str]:
        key = normalize_domain(domain)
        if error := route_domain_error(key, allow_all=True):
            return error
        if key in self.routes:
            return T("error.default_exists" if key == model.ROUTE_ALL else "error.exists",
                     domain=key)
        if len(self.routes) >= MAX_ROUTES:
            return T("error.max_routes", max=MAX_ROUTES)
        return None

    def existing_error(self, domain: str) -> Optional[str]:
        return None if self.find(domain) else T("error.not_found")

    # -- operations ------------------------------------------------------------------------------
    async def new(self) -> None:
        key = normalize_domain(await self.dialog.ask(T("new.domain"),
                                                     validate=self.new_domain_error))
        hosts = await self.dialog.ask(T("hosts", domain=key), validate=destinations_error)
        self.editable()[key] = model.SmtpRoute(key, parse_destinations(hosts))

    async def edit(self) -> None:
        key = self.find(await self.dialog.ask(T("edit.domain"), validate=self.existing_error))

        def rename_error(answer: str) -> Optional[str]:
            return None if normalize_domain(answer) == key else self.new_domain_error(answer)
        new_key = normalize_domain(await self.dialog.ask(T("edit.rename"), key,
                                                         validate=rename_error))
        if new_key != key:
            routes = self.editable()
            renamed = {(new_key if k == key else k): r for k, r in routes.items()}
            renamed[new_key].domain = new_key
            routes.clear()
            routes.update(renamed)
        route = self.editable()[new_key]

        async def add() -> None:
            hosts = await self.dialog.ask(T("edit.add"),
                                          validate=lambda a: destinations_error(a, route.destinations))
            route.destinations = parse_destinations(hosts, route.destinations)

        async def replace() -> None:
            hosts = await self.dialog.ask(T("hosts", domain=new_key), validate=destinations_error)
            route.destinations = parse_destinations(hosts)

        async def remove() -> None:
            if len(route.destinations) == 1:
                fail(self.dialog, T("error.last"), self.dialog.batch)
                return
            shown = [format_destination(d) for d in route.destinations]

            def pick(answer: str) -> Optional[int]:
                if answer.isdigit() and 1 <= int(answer) <= len(shown):
                    return int(answer) - 1
                matches = [i for i, d in enumerate(route.destinations)
                           if answer.lower() in (shown[i].lower(), d.host.lower())]
                return matches[0] if matches else None

            def check(answer: str) -> Optional[str]:
                return T("error.not_found") if pick(answer) is None else None
            answer = await self.dialog.ask(T("edit.remove") + "\n" + "\n".join(
                strings.text("list.item", number=i, text=s) for i, s in enumerate(shown, 1)),
                validate=check)
            del route.destinations[pick(answer)]

        def operations() -> list:
            return [("ADD", T("menu.add"), add), ("REPLACE", T("menu.replace"), replace),
                    ("REMOVE", T("menu.remove"), remove)]
        await run_menu_batch(self.dialog, operations, lambda: "\n" + T(
            "edit.current", domain=new_key, hosts=format_destinations(route)))

    async def delete(self) -> None:
        key = self.find(await self.dialog.ask(T("delete.domain"), validate=self.existing_error))
        question = (T("delete.confirm_all") if key == model.ROUTE_ALL
                    else T("delete.confirm", domain=key))
        if await self.dialog.yes_no(question, False):
            del self.editable()[key]

    async def clear(self) -> None:
        if await self.dialog.yes_no(T("clear.confirm"), False):
            self.editable().clear()

    async def print(self) -> None:
        rows = [[domain, format_destinations(route)] for domain, route in self.routes.items()]
        self.dialog.out("")
        self.dialog.out(format_table([T("print.domain"), T("print.destinations")], rows))

    async def import_(self) -> None:
        routes = await import_table(self.dialog, self.ctx.appliance, import_text, RouteError)
        if routes is not None:
            table = self.editable()
            table.clear()
            table.update(routes)

    async def export(self) -> None:
        await ask_export_file(self.dialog, self.ctx.appliance, export_text(self.routes))

# A one-line ``smtproutes <verb> ...`` stands for the menu's answers (confirmations answered
# yes); one word alone answers the menu.
BATCH = Batch(
    Form("new", literal("new"), Arg("domain"), Arg("destinations", many=True),
         answers=lambda v: ["NEW", v["domain"], ",".join(v["destinations"])]),
    Form("edit", literal("edit"), Arg("domain"), Arg("how", choices=("add", "replace", "remove")),
         Arg("destinations", many=True),
         answers=lambda v: ["EDIT", v["domain"], "", v["how"].upper(), ",".join(v["destinations"])]),
    Form("delete", literal("delete"), Arg("domain"), answers=lambda v: ["DELETE", v["domain"], "Y"]),
    *(Form(verb, literal(verb), Arg("file"), answers=lambda v, verb=verb: [verb.upper(), v["file"]])
      for verb in ("import", "export")),
    Form("clear", literal("clear"), answers=lambda v: ["CLEAR", "Y"]),
    Form("print", literal("print"), answers=lambda v: ["PRINT"]),
    as_typed(single=True), error=invalid_line)


@command("smtproutes", T("description"), usage=T("usage"), roles=CONFIG_ROLES,
         sections=("smtproutes",), batch=BATCH)
async def smtproutes(ctx: CommandContext, args: list[str]) -> None:
    cmd = SmtpRoutesCommand(ctx)
    if ctx.batch.form in ("print", "clear", "export") and not cmd.routes:
        ctx.out(cmd.status())  # nothing to show or remove
        return
    await run_menu_batch(ctx.dialog, cmd.operations, cmd.status)
