import asyncio

from smtp_core import queue as q
from smtp_core.bodies import ReceivedBody
from smtp_core.queue import DELIVERED, IdCounters, QueuedMessage, Recipient, Spool


def message(mid, *rcpts):
    return QueuedMessage(mid=mid, icid=1, sender="a@b.test",
                         recipients=[Recipient(i, r) for i, r in enumerate(rcpts)],
                         size=10, received=0.0, meta={"table": "inbound"})


def test_add_survives_restart_and_outcomes_are_replayed(tmp_path):
    async def main():
        spool = Spool(tmp_path)
        spool.load()
        added = await asyncio.gather(*(spool.add(message(m, "x@y.test", "z@y.test"),
                                                 ReceivedBody.of(b"body %d" % m))
                                       for m in range(1, 6)))
        spool.mark(added[0], [0, 1], DELIVERED)
        spool.mark(added[1], [0], DELIVERED)
        await asyncio.sleep(0.2)
        spool.close()
    asyncio.run(main())

    again = Spool(tmp_path)
    pending = again.load()
    assert [m.mid for m in pending] == [2, 3, 4, 5]
    assert [r.status for r in pending[0].recipients] == [DELIVERED, "pending"]
    assert asyncio.run(again.head(pending[1])) == b"body 3"


def test_torn_tail_is_ignored_and_writing_resumes_in_a_new_segment(tmp_path):
    async def first():
        spool = Spool(tmp_path)
        spool.load()
        await spool.add(message(1, "x@y.test"), ReceivedBody.of(b"one"))
        spool.close()
    asyncio.run(first())
    (segment,) = tmp_path.glob("seg-*.q")
    with open(segment, "ab") as f:
        f.write(q._record(q._MESSAGE, b'{"mid": 2}\0partial')[:-3])   # crash mid-write

    async def second():
        spool = Spool(tmp_path)
        assert [m.mid for m in spool.load()] == [1]
        await spool.add(message(3, "x@y.test"), ReceivedBody.of(b"three"))
        spool.close()
    asyncio.run(second())
    assert len(list(tmp_path.glob("seg-*.q"))) == 2
    assert [m.mid for m in Spool(tmp_path).load()] == [1, 3]


def test_delivered_segments_are_deleted(tmp_path, monkeypatch):
    monkeypatch.setattr(q, "SEGMENT_BYTES", 200)

    async def main():
        spool = Spool(tmp_path)
        spool.load()
        done = [await spool.add(message(m, "x@y.test"), ReceivedBody.of(b"x" * 150))
                for m in range(1, 5)]
        for m in done[:3]:
            spool.mark(m, [0], DELIVERED)
        await spool.add(message(9, "x@y.test"), ReceivedBody.of(b"y"))
        await asyncio.sleep(0.2)
        spool.close()
    asyncio.run(main())
    segments = sorted(p.name for p in tmp_path.glob("seg-*.q"))
    assert "seg-00000001.q" not in segments and len(segments) <= 3
    assert [m.mid for m in Spool(tmp_path).load()] == [4, 9]


def test_id_counters_never_go_back(tmp_path):
    ids = IdCounters(tmp_path)
    assert [ids.next("mid") for _ in range(3)] == [1, 2, 3]
    assert ids.next("icid") == 1
    # a crash: the counters resume after the reserved block, never reusing an id
    again = IdCounters(tmp_path, floor={"mid": 5})
    assert again.next("mid") > 3 and again.next("icid") > 1
    many = IdCounters(tmp_path)
    values = [many.next("dcid") for _ in range(2500)]
    assert values == sorted(set(values))
    assert IdCounters(tmp_path).next("dcid") > values[-1]
