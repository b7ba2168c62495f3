"""DATA transformed piece by piece gives the bytes of the whole-body transform, however the
input is cut (the cuts that matter fall inside ``CRLF..``, ``CR LF`` and ``CRLF.CRLF``)."""
import re

from hypothesis import given, settings, strategies as st

from smtp_core.wire import DataReader, DotStuffer

# Bytes that make the interesting shapes likely: dots, CRs, LFs and a letter.
TEXT = st.lists(st.sampled_from([b"\r", b"\n", b".", b"x", b"\r\n", b"\r\n.", b"\r\n.."]),
                max_size=40).map(b"".join)


def whole_received(data: bytes) -> tuple[bytes, bytes]:
    """What the listener made of DATA when it held the message whole (the reference)."""
    data = b"\r\n" + data
    end = data.find(b"\r\n.\r\n")
    body = data[:end + 2].replace(b"\r\n..", b"\r\n.")[2:]
    return re.sub(rb"\r\n|\r|\n", b"\r\n", body), data[end + 5:]


def whole_stuffed(body: bytes) -> bytes:
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    body = body.replace(b"\r\n.", b"\r\n..")
    return (b"." + body if body.startswith(b".") else body) + b".\r\n"


def pieces(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({0, len(data), *(c % (len(data) + 1) for c in cuts)})
    return [data[a:b] for a, b in zip(points, points[1:])]


@settings(max_examples=400, deadline=None)
@given(TEXT, TEXT, st.lists(st.integers(0, 200), max_size=8))
def test_data_read_in_pieces_equals_data_read_whole(body, after, cuts):
    data = body + b"\r\n.\r\n" + after
    reader, got, rest, consumed = DataReader(), b"", None, 0
    for piece in pieces(data, cuts):
        out, rest = reader.feed(piece)
        got, consumed = got + out, consumed + len(piece)
        if rest is not None:
            break
    expected_body, expected_rest = whole_received(data)
    assert got == expected_body
    # the input after the end: what the last piece fed held, then the pieces never fed
    assert rest + data[consumed:] == expected_rest


@settings(max_examples=400, deadline=None)
@given(TEXT, st.lists(st.integers(0, 200), max_size=8))
def test_body_stuffed_in_pieces_equals_body_stuffed_whole(body, cuts):
    stuffer = DotStuffer()
    got = b"".join(stuffer.feed(piece) for piece in pieces(body, cuts)) + stuffer.end()
    assert got == whole_stuffed(body)


def test_a_smuggled_end_of_data_stays_in_the_body():
    reader = DataReader()
    out, rest = reader.feed(b"a\n.\r\nMAIL FROM:<x@y>\r\n")
    assert rest is None
    out2, rest = reader.feed(b".\r\n")
    assert out + out2 == b"a\r\n.\r\nMAIL FROM:<x@y>\r\n" and rest == b""
    stuffer = DotStuffer()
    assert stuffer.feed(out + out2) + stuffer.end() == b"a\r\n..\r\nMAIL FROM:<x@y>\r\n.\r\n"
