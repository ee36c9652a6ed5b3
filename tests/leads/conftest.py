"""A local JobSearch API for the leads tests: it serves the recorded answers under responses/ (the API's
published shape), or the errors a test asks for. Nothing here reaches the internet."""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from crm.leads.client import JobSearchClient

RESPONSES = Path(__file__).parent / "responses"


class FakeJobSearch:
    """`pages` maps an offset to a recorded file (or to an int: answer with that HTTP status;
    or to "slow": answer after `slow_seconds`). Every request is kept in `requests`."""

    def __init__(self):
        self.pages: dict[int, str | int] = {}
        self.requests: list[dict] = []
        self.release = threading.Event()

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        url = urlsplit(handler.path)
        params = parse_qs(url.query)
        self.requests.append({"path": url.path, "params": params, "user_agent": handler.headers.get("User-Agent")})
        page = self.pages.get(int(params.get("offset", ["0"])[0]), 200)
        if page == "slow":
            self.release.wait(5)  # the client's timeout fires first; the test releases it at the end
            page = 503
        if isinstance(page, int):
            handler.send_response(page)
            handler.end_headers()
            return
        body = (RESPONSES / page).read_bytes()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


@pytest.fixture
def jobsearch():
    fake = FakeJobSearch()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            fake.answer(self)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    fake.sleeps = []
    fake.client = JobSearchClient(base_url=fake.url, user_agent="ips-crm-test", timeout=0.2, retries=3,
                                  backoff_seconds=2, page_size=2, sleep=fake.sleeps.append)
    yield fake
    fake.release.set()
    server.shutdown()
    server.server_close()
