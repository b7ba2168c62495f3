"""One cluster member in a process of its own, for the multi-process etcd tests.

``python etcd_member.py URL MACHINE``: a ``Lab`` over ``EtcdRegistry`` whose client lives on the
main thread's event loop, as in the emulator; commands come on stdin and run in a worker thread
(where the CLI's ``commit`` runs them).  One answer line per command:

    create NAME          create a cluster NAME                 -> ok
    join MEMBER          join the cluster MEMBER is in         -> ok
    set FIELD VALUE      delivery.FIELD = VALUE and commit     -> committed REV | unavailable WHY
    commit               commit the pending changes            -> committed REV | unavailable WHY
    pending              -> pending True|False
    get                  -> value REV MAX_CONCURRENCY RETRY_INITIAL_SECONDS
    save PATH            write the configuration with encrypted passphrases -> ok
    load PATH            read such a file with this member's key -> loaded | refused
    loop                 commit max_concurrency = revision + 1 forever, "committed REV" each

Every new revision the member is told about (its subscription) prints ``seen REV VALUES``.
"""
import asyncio
import sys
import tempfile
import threading
from pathlib import Path

from cluster import configkey, defaults, xmlconf
from cluster.backend import BackendUnavailable
from cluster.etcdstore import EtcdRegistry
from cluster.lab import Lab
from cluster.session import ConfigSession


_output = threading.Lock()


def out(line: str) -> None:
    """One whole line at a time: answers (worker thread) and ``seen`` (loop) interleave."""
    with _output:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def values(lab: Lab, machine: str) -> str:
    delivery = lab.committed(machine).appliance(machine).delivery
    return f"{delivery.max_concurrency} {delivery.retry_initial_seconds}"


def main(url: str, machine: str) -> None:
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    lab = Lab(EtcdRegistry(url, loop=loop),
              {machine: lambda: defaults.factory_config(hostname=machine)})
    lab.dispatch = loop.call_soon_threadsafe
    lab.subscribe(machine, lambda config, record: out(
        f"seen {record.revision} {values(lab, machine)}"))
    session = ConfigSession(lab, "admin", machine)
    state_dir = Path(tempfile.mkdtemp())      # no key of its own from an older emulator
    configkey.for_machine(lab, machine, state_dir)   # at start, as the emulator does

    def key() -> bytes:
        return configkey.for_machine(lab, machine, state_dir)

    def commit() -> str:
        try:
            return f"committed {session.commit('etcd test').revision}"
        except BackendUnavailable as exc:
            return f"unavailable {exc}"

    def edit(field: str, value: int) -> None:
        session.refresh()
        session.mode = session.config.level_of("delivery", machine)
        setattr(session.edit("delivery"), field, value)

    def handle(words: list[str]) -> str:
        if words[0] == "create":
            lab.create_cluster(machine, words[1], "admin")
        elif words[0] == "join":
            lab.join(machine, words[1], "admin")
        elif words[0] == "set":
            edit(words[1], int(words[2]))
            return commit()
        elif words[0] == "commit":
            return commit()
        elif words[0] == "pending":
            return f"pending {session.has_changes}"
        elif words[0] == "save":
            Path(words[1]).write_text(xmlconf.export_xml(lab.committed(machine), machine,
                                                         "encrypt", key=key()))
        elif words[0] == "load":
            try:
                xmlconf.import_xml(Path(words[1]).read_text(), key())
            except xmlconf.XmlConfigError:
                return "refused"
            return "loaded"
        elif words[0] == "get":
            return f"value {lab.revision_key(machine)[1]} {values(lab, machine)}"
        elif words[0] == "loop":
            while True:
                edit("max_concurrency", lab.revision_key(machine)[1] + 1)
                out(commit())
        return "ok"

    def serve() -> None:
        for line in sys.stdin:
            out(handle(line.split()))
        loop.call_soon_threadsafe(loop.stop)

    def start_serving() -> None:
        # Only once the loop runs: before that, a blocking call would run the loop itself.
        threading.Thread(target=serve, daemon=True).start()
        out("ready")

    loop.call_soon(start_serving)
    loop.run_forever()


if __name__ == "__main__":
    main(*sys.argv[1:3])
