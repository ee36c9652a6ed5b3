"""The signed-in client per user is shared with the contact log tests."""
from ..contacts.conftest import sign_in  # noqa: F401
