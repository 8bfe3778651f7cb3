"""RTP receiver of bench:sfu (started by rtp-sink.mjs), in Python because it costs a fraction of a Node dgram
socket per packet (Node allocates a 64 KiB buffer and calls into JavaScript for every datagram): on this 2-core
machine the sink shares the CPU with the worker it measures, so the cheaper the better.

Binds SINK_SOCKETS UDP sockets on 127.0.0.1 (4 MB receive buffers) and counts the RTP packets of payload type
SINK_PAYLOAD_TYPE per SSRC with extended sequence numbers: within a window, `count` packets arrived out of
`span` = highest - first + 1 sent (mediasoup keeps the sender's gaps in a consumer's sequence numbers, so
losses on the way in count as well). Commands are JSON lines on stdin, answers JSON lines on stdout:
  {"type":"start","name":N,"id":I}  -> {"type":"started","id":I}
  {"type":"read","name":N,"id":I}   -> {"type":"read","id":I,"name":N,"ssrcs":[[ssrc,count,span,agoMs]],"other":K}
  {"type":"forget","id":I}          -> {"type":"forgotten","id":I}
and first {"type":"ready","ports":[...]}. Standard library only.
"""
import json
import os
import selectors
import socket
import struct
import sys
import time

SOCKETS = int(os.environ.get("SINK_SOCKETS", "16"))
MEDIA_PT = int(os.environ.get("SINK_PAYLOAD_TYPE", "101"))
RECV_BUFFER = 4 * 1024 * 1024

streams = {}  # ssrc -> [highest extended seq, seq of highest, last arrival (s)]
windows = {}  # name -> {ssrc: [count, first, highest]}
other = 0


def send(msg):
    sys.stdout.write(json.dumps(msg) + "\n")
    sys.stdout.flush()


def command(line):
    global streams
    msg = json.loads(line)
    kind = msg.get("type")
    if kind == "start":
        windows[msg["name"]] = {}
        send({"type": "started", "id": msg["id"]})
    elif kind == "read":
        w = windows.pop(msg["name"], {})
        now = time.monotonic()
        rows = [[ssrc, c[0], c[2] - c[1] + 1, round((now - streams[ssrc][2]) * 1000)] for ssrc, c in w.items()]
        send({"type": "read", "id": msg["id"], "name": msg["name"], "ssrcs": rows, "other": other})
    elif kind == "forget":
        streams = {}
        send({"type": "forgotten", "id": msg["id"]})


def main():
    global other
    sel = selectors.DefaultSelector()
    ports = []
    for _ in range(SOCKETS):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECV_BUFFER)
        s.bind(("127.0.0.1", 0))
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ, "udp")
        ports.append(s.getsockname()[1])
    os.set_blocking(0, False)
    sel.register(0, selectors.EVENT_READ, "stdin")
    send({"type": "ready", "ports": ports, "recvBuffer": RECV_BUFFER})

    buf = bytearray(2048)
    view = memoryview(buf)
    unpack = struct.Struct("!BBH4xI").unpack_from
    pending = b""
    while True:
        for key, _ in sel.select():
            if key.data == "stdin":
                chunk = os.read(0, 65536)
                if not chunk:
                    return
                pending += chunk
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    if line.strip():
                        command(line)
                continue
            sock = key.fileobj
            recv_into = sock.recv_into
            now = time.monotonic()
            active = list(windows.values())
            while True:
                try:
                    n = recv_into(view)
                except BlockingIOError:
                    break
                if n < 12:
                    continue
                b0, b1, seq, ssrc = unpack(buf)
                if b0 >> 6 != 2:
                    continue
                pt = b1 & 0x7F
                if 72 <= pt <= 76:
                    continue  # RTCP (RFC 5761): the consumers' sender reports
                if pt != MEDIA_PT:
                    other += 1  # e.g. the worker's bandwidth probation (PT 127, SSRC 1234)
                    continue
                st = streams.get(ssrc)
                if st is None:
                    ext = seq + 65536
                    streams[ssrc] = [ext, seq, now]
                else:
                    delta = ((seq - st[1] + 32768) & 0xFFFF) - 32768
                    ext = st[0] + delta
                    if ext > st[0]:
                        st[0] = ext
                        st[1] = seq
                    st[2] = now
                for w in active:
                    c = w.get(ssrc)
                    if c is None:
                        w[ssrc] = [1, ext, ext]
                    else:
                        c[0] += 1
                        if ext > c[2]:
                            c[2] = ext
                        elif ext < c[1]:
                            c[1] = ext


if __name__ == "__main__":
    main()
