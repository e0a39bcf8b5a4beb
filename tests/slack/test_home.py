"""App Home: published on app_home_opened, within the Home tab's 100-block limit."""

from __future__ import annotations

import json

from tests.slack.blocks import all_text, assert_slack_safe
from tests.support.signing import event_body


def home_opened(tab: str = "home") -> dict:
    return {"type": "app_home_opened", "user": "U123ASKER", "channel": "D0DIRECT", "tab": tab, "event_ts": "1.1"}


def test_home_tab_is_published_for_the_user(send, web_api):
    assert send(event_body(home_opened(), event_id="EvHOME"), json_body=True).status == 200
    [call] = web_api.calls_to("views.publish")
    assert call.params["user_id"] == "U123ASKER"
    view = call.params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert view["type"] == "home"
    assert_slack_safe(view["blocks"], max_blocks=100)
    shown = all_text(view["blocks"])
    assert "DUSHANBE 000170, 10 Feb 2010" in shown
    for para in ("¶25", "¶26", "¶27", "¶28", "¶29", "¶30"):
        assert para in shown
    assert "/tip help" in shown and "@tip-bot" in shown


def test_messages_tab_publishes_nothing(send, web_api):
    send(event_body(home_opened("messages"), event_id="EvMSGTAB"), json_body=True)
    assert web_api.calls_to("views.publish") == []


def test_a_retried_home_event_is_published_once(send, web_api):
    """Events that are not messages are deduplicated by event_id in the middleware."""
    body = event_body(home_opened(), event_id="EvHOMERETRY")
    send(body, json_body=True)
    send(body, json_body=True)
    assert len(web_api.calls_to("views.publish")) == 1
