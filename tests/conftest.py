from __future__ import annotations

import pytest

from tests.support.socket_mode import SocketModeStub
from tests.support.web_api import WebAPIStub


@pytest.fixture
def web_api():
    """A fresh Slack Web API stand-in on a free loopback port."""
    stub = WebAPIStub().start()
    yield stub
    stub.stop()


@pytest.fixture
def socket_mode(web_api):
    """A Socket Mode WebSocket stand-in; apps.connections.open on the Web API stand-in returns its URL."""
    stub = SocketModeStub().start()
    web_api.ws_url = stub.url
    yield stub
    stub.stop()
