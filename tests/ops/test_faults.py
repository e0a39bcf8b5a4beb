"""Web API faults while answering, through the stand-in: 429 (Retry-After) and 5xx are retried by
slack_sdk's handlers and the answer is delivered; a dead token is logged once with what to do and
turns the process unhealthy (/healthz 503) instead of logging an error per request."""

from __future__ import annotations

import logging

import pytest
from slack_bolt import BoltRequest

from tests.ops.helpers import dm, healthz
from tests.support.signing import sign, slash_body


def test_429_with_retry_after_is_retried_and_delivered(app, web_api):
    web_api.respond(
        "chat.postMessage", status=429, headers={"Retry-After": "0"}, body={"ok": False, "error": "ratelimited"}
    )
    assert dm(app, "how many shelters", 1) == 200
    calls = web_api.calls_to("chat.postMessage")
    assert len(calls) == 2  # refused once, then delivered
    assert [m["text"] for m in web_api.history["D0DIRECT"]] == [calls[1].params["text"]]


@pytest.mark.parametrize("status", [500, 503])
def test_server_errors_are_retried_and_delivered(app, web_api, status):
    web_api.respond("chat.postMessage", status=status, body={"ok": False, "error": "fatal_error"})
    assert dm(app, "how many shelters", 1) == 200
    assert len(web_api.calls_to("chat.postMessage")) == 2
    assert len(web_api.history["D0DIRECT"]) == 1


def test_persistent_server_errors_are_logged_and_nothing_breaks(app, web_api, caplog, healthy_process):
    web_api.respond("chat.postMessage", status=503, body={"ok": False, "error": "service_unavailable"}, times=10)
    with caplog.at_level(logging.INFO):
        assert dm(app, "how many shelters", 1) == 200
    assert len(web_api.calls_to("chat.postMessage")) == 3  # the first try and 2 retries, then give up
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "chat.postMessage" in errors[0].getMessage()
    assert healthz(app, healthy_process)[0] == 200  # a Slack outage is not our token's fault


@pytest.mark.parametrize("error", ["invalid_auth", "token_revoked"])
def test_dead_token_is_logged_once_then_healthz_reports_unhealthy(app, web_api, caplog, healthy_process, error):
    assert healthz(app, healthy_process) == (200, "ok\n")
    web_api.fail("chat.postMessage", error, times=3)
    with caplog.at_level(logging.DEBUG, logger="bot"):
        for n in range(3):
            assert dm(app, "how many shelters", n) == 200
    assert len(web_api.calls_to("chat.postMessage")) == 3  # not retried: retrying cannot help
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1, errors
    assert error in errors[0] and "reinstall the app" in errors[0] and "SLACK_BOT_TOKEN" in errors[0]
    assert not healthy_process.ok
    status, text = healthz(app, healthy_process)
    assert status == 503 and error in text


def test_slash_command_is_answered_in_the_ack_even_with_a_dead_token(app, web_api, healthy_process):
    healthy_process.slack_error("token_revoked", "test")
    body = slash_body("how many shelters")
    resp = app.dispatch(
        BoltRequest(body=body, headers={"content-type": "application/x-www-form-urlencoded", **sign(body)})
    )
    assert resp.status == 200 and "3 shelters" in resp.body
    assert not web_api.calls_to("chat.postMessage")
