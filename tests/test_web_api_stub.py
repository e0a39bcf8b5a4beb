"""The stand-in must behave like Slack's Web API for the calls the bot makes."""

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError


def test_auth_and_post_round_trip(web_api):
    client = WebClient(token="xoxb-test", base_url=web_api.url)
    auth = client.auth_test()
    assert auth["user_id"] == "UBOT"
    assert "chat:write" in auth.headers["x-oauth-scopes"]
    client.chat_postMessage(channel="C1", text="hi", metadata={"event_type": "t", "event_payload": {"d": 1}})
    hist = client.conversations_history(channel="C1", include_all_metadata=True)
    assert hist["messages"][0]["metadata"]["event_payload"] == {"d": 1}
    assert web_api.calls_to("chat.postMessage")[0].token == "xoxb-test"


def test_canned_error(web_api):
    web_api.fail("chat.postMessage", "not_in_channel")
    client = WebClient(token="xoxb-test", base_url=web_api.url)
    try:
        client.chat_postMessage(channel="C1", text="hi")
    except SlackApiError as e:
        assert e.response["error"] == "not_in_channel"
    else:
        raise AssertionError("expected not_in_channel")
