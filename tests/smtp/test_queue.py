import asyncio

from smtp_core import queue as q
from smtp_core.bodies import SPILL_BYTES, BodySink, ReceivedBody
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


def spooled(spool: Spool, mid: int, data: bytes, cuts=(1, 7, 300_001, 300_003)) -> BodySink:
    """DATA for message ``mid`` fed in uneven pieces (a body over SPILL_BYTES goes to a file)."""
    sink = BodySink(spool.body_path(mid), b"Received: test\r\n", limit=10 * 1024 * 1024)
    wire = data.replace(b"\r\n.", b"\r\n..") + b".\r\n"
    points = sorted({0, len(wire), *(cut for cut in cuts if cut < len(wire))})
    for start, end in zip(points, points[1:]):
        rest = sink.feed(wire[start:end])
    assert rest == b""
    return sink


BIG = b"Subject: big\r\n\r\n" + b"".join(b".line %d\r\n" % n for n in range(60_000))


async def read_all(spool: Spool, message: QueuedMessage) -> bytes:
    return b"".join([piece async for piece in spool.chunks(message)])


def test_a_big_body_is_a_durable_file_named_by_its_record_and_goes_once_delivered(tmp_path):
    assert len(BIG) > SPILL_BYTES

    async def first():
        spool = Spool(tmp_path)
        spool.load()
        body = await spooled(spool, 1, BIG).finish()
        assert body.data is None and body.path == spool.body_path(1)
        assert body.size == len(BIG) and body.header_lines == 1
        await spool.add(message(1, "x@y.test"), body)
        small = await spooled(spool, 2, b"Subject: small\r\n\r\nhi\r\n").finish()
        assert small.data == b"Received: test\r\nSubject: small\r\n\r\nhi\r\n" and small.path is None
        await spool.add(message(2, "x@y.test"), small)
        spool.close()
    asyncio.run(first())
    assert [p.name for p in (tmp_path / "bodies").iterdir()] == ["1.eml"]

    async def second():
        spool = Spool(tmp_path)
        queued = spool.load()
        assert [m.mid for m in queued] == [1, 2]
        assert await read_all(spool, queued[0]) == b"Received: test\r\n" + BIG
        assert await spool.head(queued[0], 30) == b"Received: test\r\nSubject: big\r\n"
        spool.mark(queued[0], [0], DELIVERED)
        for _ in range(100):           # deleted once the outcome is on disk
            if not spool.body_path(1).exists():
                break
            await asyncio.sleep(0.02)
        spool.close()
    asyncio.run(second())
    assert list((tmp_path / "bodies").iterdir()) == []
    assert [m.mid for m in Spool(tmp_path).load()] == [2]


def test_a_replay_removes_the_bodies_of_unfinished_data_and_keeps_the_acknowledged(tmp_path):
    """kill -9 in the middle of DATA leaves a body file no record names; one whose record is on
    disk is the body of an acknowledged message and stays."""
    async def crash():
        spool = Spool(tmp_path)
        spool.load()
        await spool.add(message(1, "x@y.test"), await spooled(spool, 1, BIG).finish())
        unfinished = BodySink(spool.body_path(2), b"", limit=10 * 1024 * 1024)
        unfinished.feed(BIG)           # no end of data yet
        await asyncio.sleep(0.2)       # its first pieces reached the file
        spool.close()                  # ... and the process dies here
    asyncio.run(crash())
    assert sorted(p.name for p in (tmp_path / "bodies").iterdir()) == ["1.eml", "2.eml"]
    spool = Spool(tmp_path)
    assert [m.mid for m in spool.load()] == [1]
    assert [p.name for p in (tmp_path / "bodies").iterdir()] == ["1.eml"]
    assert asyncio.run(read_all(spool, spool.messages[1])) == b"Received: test\r\n" + BIG


def test_a_body_over_the_size_limit_or_for_a_blackhole_is_not_kept(tmp_path):
    async def main():
        spool = Spool(tmp_path)
        spool.load()
        sink = BodySink(spool.body_path(1), b"", limit=1000)
        assert sink.feed(BIG + b".\r\n") == b""
        body = await sink.finish()
        assert sink.too_big and body.data is None and body.path is None
        blackhole = BodySink(spool.body_path(2), b"", limit=10**9, keep=False)
        blackhole.feed(BIG + b".\r\n")
        assert (await blackhole.finish()).size == len(BIG)
    asyncio.run(main())
    assert list((tmp_path / "bodies").iterdir()) == []
