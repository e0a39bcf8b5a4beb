from __future__ import annotations

import pytest

from tests.support.web_api import WebAPIStub


@pytest.fixture
def web_api():
    """A fresh Slack Web API stand-in on a free loopback port."""
    stub = WebAPIStub().start()
    yield stub
    stub.stop()
