import pytest


@pytest.fixture
def english(client):
    """A client whose requests prefer English."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
