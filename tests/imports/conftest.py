"""Helpers to walk an import through its steps as a user would, with the real files in data/."""
import re
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


def upload(client, name: str, content: bytes | None = None):
    """Upload a file from data/ (or `content` under that name); the response of the upload."""
    from io import BytesIO

    body = content if content is not None else (DATA / name).read_bytes()
    return client.post("/imports/employers", data={"file": (BytesIO(body), name)},
                       content_type="multipart/form-data")


def chosen_mapping(page: str) -> dict[str, str]:
    """The options the mapping page pre-selected, as the form would send them."""
    data = {}
    for select in re.finditer(r'<select[^>]*name="([^"]+)".*?</select>', page, re.S):
        option = re.search(r'<option selected value="([^"]*)"', select.group(0))
        data[select.group(1)] = option.group(1) if option else ""
    return data


@pytest.fixture
def import_file():
    """Upload, accept the suggested mapping, and import: import_file(client, name) -> the job id."""

    def run(client, name: str, content: bytes | None = None, include_possible_duplicates: bool = False) -> int:
        response = upload(client, name, content)
        assert response.status_code == 302, response.get_data(as_text=True)
        mapping_url = response.headers["Location"]
        job_id = int(mapping_url.split("/")[2])
        mapping = chosen_mapping(client.get(mapping_url).get_data(as_text=True))
        assert client.post(mapping_url, data=mapping).status_code == 302
        data = {"include_possible_duplicates": "y"} if include_possible_duplicates else {}
        assert client.post(f"/imports/{job_id}/run", data=data).status_code == 302
        return job_id

    return run


@pytest.fixture
def sign_in(app):
    """A client of its own for each user, so that one test can act as several people."""
    from .. import factories

    def client_of(user):
        client = app.test_client()
        assert client.post("/login", data={"email": user.email, "password": factories.PASSWORD}).status_code == 302
        return client

    return client_of
