"""A polite client for Arbetsförmedlingen's JobSearch API (open data, no key needed): paged, with a
timeout, a User-Agent that names the app, and back-off on errors. Only the standard library, so
the scheduler needs nothing more installed; tests serve recorded responses from a local server."""
import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

log = logging.getLogger(__name__)

PAGE_SIZE = 100  # the API's largest page
MAX_OFFSET = 2000  # the API answers no further than this; a search that wide is too broad anyway
RETRY_STATUSES = {429, 500, 502, 503, 504}


class FetchFailed(Exception):
    """The API could not be read (offline, timeouts, errors after the retries): the fetch stops here.
    `refused` when the API answered but refused this query (a 4xx): other queries may still work."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.refused = status is not None and 400 <= status < 500


@dataclass(frozen=True)
class Query:
    occupation_groups: tuple[str, ...] = ()  # SSYK codes: the API takes them as occupation-group
    municipalities: tuple[str, ...] = ()  # SCB municipality codes
    text: str | None = None

    def params(self) -> list[tuple[str, str]]:
        params = [("occupation-group", code) for code in self.occupation_groups]
        params += [("municipality", code) for code in self.municipalities]
        if self.text:
            params.append(("q", self.text))
        return params


@dataclass
class JobSearchClient:
    base_url: str
    user_agent: str
    timeout: float = 10.0
    retries: int = 3
    backoff_seconds: float = 2.0  # doubled after each failed attempt
    pause_seconds: float = 0.5  # between pages, to spread the load
    page_size: int = PAGE_SIZE
    sleep: Callable[[float], None] = field(default=time.sleep)

    def pages(self, query: Query) -> Iterator[list]:
        """The query's hits page by page, until the total is reached or the API's limit."""
        offset = 0
        while offset < MAX_OFFSET:
            page = self._get("/search", [*query.params(), ("offset", str(offset)), ("limit", str(self.page_size))])
            hits = page.get("hits") if isinstance(page, dict) else None
            if not isinstance(hits, list):
                raise FetchFailed("the answer has no list of hits")
            yield hits
            offset += len(hits)
            if not hits or len(hits) < self.page_size or offset >= _total(page):
                return
            self.sleep(self.pause_seconds)
        log.warning("JobSearch: stopped at offset %s, the API's limit; narrow the search", offset)

    def _get(self, path: str, params: list[tuple[str, str]]) -> dict:
        url = f"{self.base_url.rstrip('/')}{path}?{urlencode(params)}"
        request = Request(url, headers={"Accept": "application/json", "User-Agent": self.user_agent})
        delay = self.backoff_seconds
        for attempt in range(1, self.retries + 1):
            try:
                with urlopen(request, timeout=self.timeout) as response:
                    return json.load(response)
            except HTTPError as error:
                if error.code not in RETRY_STATUSES:
                    raise FetchFailed(f"HTTP {error.code}", error.code) from error
                problem = f"HTTP {error.code}"
                wait = _retry_after(error) or delay
            except (URLError, TimeoutError, OSError) as error:
                problem, wait = f"{type(error).__name__}: {getattr(error, 'reason', error)}", delay
            except ValueError as error:  # the body is not JSON
                raise FetchFailed("the answer is not JSON") from error
            log.info("JobSearch: attempt %s of %s failed (%s)", attempt, self.retries, problem)
            if attempt < self.retries:
                self.sleep(wait)
                delay *= 2
        raise FetchFailed(problem)


def _total(page: dict) -> int:
    total = page.get("total")
    value = total.get("value") if isinstance(total, dict) else total
    return value if isinstance(value, int) else 0


def _retry_after(error: HTTPError) -> float | None:
    value = error.headers.get("Retry-After") if error.headers else None
    return min(float(value), 300.0) if value and value.isdigit() else None
