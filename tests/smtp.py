"""A fake SMTP server on a local port, for tests of what the app sends: it records each accepted
message's recipients and can refuse every message after the first `accept` (as a server over its quota).
With `tls` (a certificate chain and key) it offers STARTTLS and records whether each message came encrypted."""
import socketserver
import ssl
import threading


class _Session(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        server, recipients, in_data = self.server, [], False
        self.reply("220 fake ESMTP")
        while raw := self.rfile.readline():
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if in_data:
                if line == ".":
                    in_data = False
                    if server.accept is not None and len(server.received) >= server.accept:
                        self.reply("554 5.7.1 Refused: too many messages")
                    else:
                        server.received.append(recipients)
                        server.encrypted.append(isinstance(self.connection, ssl.SSLSocket))
                        self.reply("250 OK")
                continue
            verb = line[:4].upper()
            if verb == "EHLO":
                self.reply("250-fake")
                if server.tls and not isinstance(self.connection, ssl.SSLSocket):
                    self.reply("250-STARTTLS")
                self.reply("250 8BITMIME")
            elif verb == "STAR" and server.tls:
                self.reply("220 Ready to start TLS")
                try:
                    self.connection = server.tls.wrap_socket(self.connection, server_side=True)
                except ssl.SSLError:
                    return  # the client refused our certificate
                self.rfile = self.connection.makefile("rb")
                self.wfile = socketserver._SocketWriter(self.connection)
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(line.split(":", 1)[1].strip(" <>"))
                self.reply("250 OK")
            elif verb == "DATA":
                in_data = True
                self.reply("354 End data with <CR><LF>.<CR><LF>")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("250 OK")


class FakeSMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, tls: tuple[str, str] | None = None):
        super().__init__(("127.0.0.1", 0), _Session)
        self.tls = None
        if tls:
            self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.tls.load_cert_chain(*tls)
        self.accept: int | None = None  # accept this many messages in all, refuse the rest
        self.received: list[list[str]] = []  # the recipients of each accepted message
        self.encrypted: list[bool] = []  # whether each accepted message came under STARTTLS
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return self.server_address[1]

    def recipients(self) -> list[str]:
        return [address for message in self.received for address in message]
