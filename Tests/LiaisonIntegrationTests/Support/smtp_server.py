"""A test SMTP server for liaisond's integration tests (aiosmtpd, run by /usr/bin/python3).

Binds 127.0.0.1 on the given port (0: any free port), prints the port on the first line of
stdout, then serves until killed. Every accepted message is written to --dir as NNNNNN.json:
{"mail_from", "rcpt_tos", "peer": "host:port" (the client's end: one per connection),
"data_b64": the raw bytes after dot-unstuffing}. Files appear atomically (rename).
"""
import argparse
import asyncio
import base64
import json
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, args):
        self.args = args
        self.directory = args.dir
        self.data_count = 0
        self.saved = 0
        self.reject = {a.lower() for a in args.reject_rcpt}
        self.defer = {a.lower() for a in args.defer_rcpt}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.args.reject_all or address.lower() in self.reject:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if address.lower() in self.defer:
            return "450 4.2.2 <%s>: Mailbox full, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        self.data_count += 1
        if self.data_count <= self.args.fail_first:
            return "451 4.3.0 Error: queue file write error, try again later"
        if self.args.reject_data:
            return "554 5.7.1 Error: message content rejected"
        self.saved += 1
        name = "%06d" % self.saved
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "peer": "%s:%s" % tuple(session.peer[:2]),
            "data_b64": base64.b64encode(envelope.original_content or b"").decode("ascii"),
        }
        tmp = os.path.join(self.directory, name + ".tmp")
        with open(tmp, "w") as f:
            json.dump(record, f)
        os.rename(tmp, os.path.join(self.directory, name + ".json"))
        if self.args.hang_up:
            # After the reply has gone out (this coroutine pushes it before the loop runs the
            # callback), as a server that limits messages per connection does; noted once closed.
            def hang_up():
                server.transport.close()
                with open(os.path.join(self.directory, "hangups.log"), "a") as f:
                    f.write("%s\n" % name)
            asyncio.get_running_loop().call_soon(hang_up)
        return "250 2.0.0 Ok: queued as Q%s" % name


class PipeliningHandler(Handler):
    """--pipelining: the EHLO reply offers PIPELINING too. aiosmtpd reads commands one by one
    from the stream, so it answers pipelined ones in order, as RFC 2920 asks."""

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        return responses[:-1] + ["250-PIPELINING", responses[-1]]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--dir", required=True)
    p.add_argument("--fail-first", type=int, default=0, help="451 after DATA for the first N messages")
    p.add_argument("--reject-rcpt", action="append", default=[], help="550 to RCPT TO this address")
    p.add_argument("--defer-rcpt", action="append", default=[], help="450 to RCPT TO this address")
    p.add_argument("--reject-all", action="store_true", help="550 to every RCPT TO")
    p.add_argument("--reject-data", action="store_true", help="554 after DATA")
    p.add_argument("--tls-cert", help="offer STARTTLS with this certificate chain (PEM)")
    p.add_argument("--tls-key")
    p.add_argument("--auth", help="USER:PASSWORD required (AUTH PLAIN/LOGIN)")
    p.add_argument("--pipelining", action="store_true", help="offer PIPELINING in the EHLO reply")
    p.add_argument("--hang-up", action="store_true", help="close the connection after each accepted message")
    args = p.parse_args()

    handler = PipeliningHandler(args) if args.pipelining else Handler(args)
    context = None
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)

    auth = None
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
                  and auth_data.password.decode() == password)
            # One line per login attempt, for tests that count them (lock-out risk).
            with open(os.path.join(args.dir, "auth.log"), "a") as f:
                f.write("%s %s\n" % (mechanism, "ok" if ok else "refused"))
            # handled=False: aiosmtpd sends the 235 or 535 itself.
            return AuthResult(success=ok, handled=False)
        auth = authenticator

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)

    def factory():
        kwargs = dict(decode_data=False, enable_SMTPUTF8=True, hostname="test.smtp.local")
        if context is not None:
            kwargs.update(tls_context=context, require_starttls=False)
        if auth is not None:
            kwargs.update(authenticator=auth, auth_required=True, auth_require_tls=False)
        return SMTP(handler, loop=loop, **kwargs)

    server = loop.run_until_complete(loop.create_server(factory, "127.0.0.1", args.port))
    port = server.sockets[0].getsockname()[1]
    sys.stdout.write("%d\n" % port)
    sys.stdout.flush()
    try:
        loop.run_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
