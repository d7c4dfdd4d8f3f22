#!/usr/bin/python3
"""wscheck lab: WAN delay and loss without tc netem.

The lab kernel has no sch_netem and no nft "queue" expression, so
scripts/lab sends the packets to delay into an NFQUEUE with the iptables-nft
xt target (iptables ... -j NFQUEUE --queue-num N --queue-bypass) and this
program holds each queued packet for DELAY_MS before accepting it, dropping
LOSS_PCT percent of them at random instead.

Usage: delayer.py QUEUE_NUM DELAY_MS [LOSS_PCT]

It speaks nfnetlink_queue over a raw netlink socket (standard library only),
asks for packet metadata only (no payload copy) and answers with verdicts.
Packets keep their order: all get the same delay, and ties are broken by
arrival sequence. With --queue-bypass the kernel passes packets undelayed when
this program is not running. SIGTERM ends it cleanly and prints counters.
"""

import errno
import heapq
import os
import random
import select
import signal
import socket
import struct
import sys
import time

NETLINK_NETFILTER = 12

# nfnetlink subsystem and message types (linux/netfilter/nfnetlink_queue.h)
SUBSYS_QUEUE = 3
MSG_PACKET = 0
MSG_VERDICT = 1
MSG_CONFIG = 2

# attributes
CFG_CMD = 1
CFG_PARAMS = 2
CFG_QUEUE_MAXLEN = 3
PKT_HDR = 1
VERDICT_HDR = 2

CMD_BIND = 1
CMD_UNBIND = 2
COPY_META = 1

VERDICT_DROP = 0
VERDICT_ACCEPT = 1

NLM_F_REQUEST = 0x1
NLM_F_ACK = 0x4
NLMSG_ERROR = 0x2

NLMSG_HDR = struct.Struct("=IHHII")  # len, type, flags, seq, pid
NFGEN_HDR = struct.Struct("=BBH")  # family, version, res_id (big endian)
NLA_HDR = struct.Struct("=HH")  # len, type

QUEUE_MAXLEN = 8192


def usage(message):
    sys.stderr.write("delayer.py: %s\nusage: delayer.py QUEUE_NUM DELAY_MS [LOSS_PCT]\n" % message)
    sys.exit(2)


def align4(n):
    return (n + 3) & ~3


def nla(kind, payload):
    raw = NLA_HDR.pack(NLA_HDR.size + len(payload), kind) + payload
    return raw + b"\0" * (align4(len(raw)) - len(raw))


class Queue:
    def __init__(self, number):
        self.number = number
        self.seq = 0
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
        self.sock.bind((0, 0))
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)

    def _send(self, msg_type, flags, attrs):
        self.seq += 1
        body = NFGEN_HDR.pack(socket.AF_UNSPEC, 0, socket.htons(self.number)) + b"".join(attrs)
        header = NLMSG_HDR.pack(NLMSG_HDR.size + len(body), (SUBSYS_QUEUE << 8) | msg_type, flags, self.seq, 0)
        self.sock.send(header + body)

    def _expect_ack(self, what):
        data = self.sock.recv(65536)
        _, msg_type, _, _, _ = NLMSG_HDR.unpack_from(data, 0)
        if msg_type == NLMSG_ERROR:
            code = struct.unpack_from("=i", data, NLMSG_HDR.size)[0]
            if code != 0:
                sys.stderr.write("delayer.py: %s failed: %s\n" % (what, os.strerror(-code)))
                sys.exit(1)

    def configure(self):
        steps = [
            ("bind queue %d" % self.number, nla(CFG_CMD, struct.pack("!BxH", CMD_BIND, socket.AF_INET))),
            ("copy mode", nla(CFG_PARAMS, struct.pack("!IB", 0, COPY_META))),
            ("queue maxlen", nla(CFG_QUEUE_MAXLEN, struct.pack("!I", QUEUE_MAXLEN))),
        ]
        for what, attr in steps:
            self._send(MSG_CONFIG, NLM_F_REQUEST | NLM_F_ACK, [attr])
            self._expect_ack(what)

    def unbind(self):
        try:
            self._send(MSG_CONFIG, NLM_F_REQUEST, [nla(CFG_CMD, struct.pack("!BxH", CMD_UNBIND, socket.AF_INET))])
        except OSError:
            pass

    def verdict(self, packet_id, verdict):
        self._send(MSG_VERDICT, NLM_F_REQUEST, [nla(VERDICT_HDR, struct.pack("!II", verdict, packet_id))])

    def packet_ids(self, data):
        """Yield the packet id of every queued-packet message in one read."""
        offset = 0
        while offset + NLMSG_HDR.size <= len(data):
            length, msg_type, _, _, _ = NLMSG_HDR.unpack_from(data, offset)
            if length < NLMSG_HDR.size:
                break
            if msg_type == (SUBSYS_QUEUE << 8) | MSG_PACKET:
                pos = offset + NLMSG_HDR.size + NFGEN_HDR.size
                end = offset + length
                while pos + NLA_HDR.size <= end:
                    alen, atype = NLA_HDR.unpack_from(data, pos)
                    if alen < NLA_HDR.size:
                        break
                    if atype & 0x3FFF == PKT_HDR:
                        yield struct.unpack_from("!I", data, pos + NLA_HDR.size)[0]
                        break
                    pos += align4(alen)
            offset += align4(length)


def main():
    if len(sys.argv) not in (3, 4):
        usage("wrong number of arguments")
    try:
        number = int(sys.argv[1])
        delay = float(sys.argv[2]) / 1000.0
        loss = float(sys.argv[3]) / 100.0 if len(sys.argv) == 4 else 0.0
    except ValueError:
        usage("arguments must be numbers")
    if not 0 <= number <= 65535 or delay < 0 or not 0.0 <= loss <= 1.0:
        usage("argument out of range")

    queue = Queue(number)
    queue.configure()

    counters = {"queued": 0, "accepted": 0, "dropped": 0, "overruns": 0}
    running = [True]

    def stop(*_):
        running[0] = False

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    print("delayer: queue %d, delay %.1f ms, loss %.2f %%" % (number, delay * 1000, loss * 100), flush=True)

    held = []  # heap of (release_time, arrival_seq, packet_id)
    arrival = 0
    while running[0]:
        timeout = max(0.0, held[0][0] - time.monotonic()) if held else 0.5
        try:
            readable, _, _ = select.select([queue.sock], [], [], timeout)
        except InterruptedError:
            continue
        if readable:
            try:
                data = queue.sock.recv(1 << 20)
            except OSError as exc:
                if exc.errno == errno.ENOBUFS:  # kernel dropped messages; keep going
                    counters["overruns"] += 1
                    continue
                if exc.errno == errno.EINTR:
                    continue
                raise
            now = time.monotonic()
            for packet_id in queue.packet_ids(data):
                counters["queued"] += 1
                if loss and random.random() < loss:
                    queue.verdict(packet_id, VERDICT_DROP)
                    counters["dropped"] += 1
                else:
                    arrival += 1
                    heapq.heappush(held, (now + delay, arrival, packet_id))
        now = time.monotonic()
        while held and held[0][0] <= now:
            queue.verdict(heapq.heappop(held)[2], VERDICT_ACCEPT)
            counters["accepted"] += 1

    # Let what is still held go through rather than losing it.
    while held:
        queue.verdict(heapq.heappop(held)[2], VERDICT_ACCEPT)
        counters["accepted"] += 1
    queue.unbind()
    print("delayer: stopped; queued %(queued)d accepted %(accepted)d dropped %(dropped)d overruns %(overruns)d"
          % counters, flush=True)


if __name__ == "__main__":
    main()
