"""End to end: the real `tip-bot serve` process in Socket Mode, connected over a WebSocket to the
Socket Mode stand-in (found through apps.connections.open on the Web API stand-in), stopped by SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from tests.support.signing import SIGNING_SECRET


def test_serve_connects_answers_and_stops_on_sigterm(tmp_path, web_api, socket_mode):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DIGEST_", "KNOWLEDGE_", "PORT"))}
    env.update(
        SLACK_BOT_TOKEN="xoxb-1-2-testbottoken",
        SLACK_APP_TOKEN="xapp-1-A0TIPBOT-1-test",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=web_api.url,
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"], cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        assert socket_mode.wait_connections(1, timeout=30) >= 1, "serve never opened a Socket Mode connection"
        [opened] = web_api.calls_to("apps.connections.open")
        assert opened.token == "xapp-1-A0TIPBOT-1-test"

        ack = socket_mode.wait_ack(socket_mode.slash_command("<!here> penalties 130.1"))
        assert ack is not None
        payload = ack["payload"]
        assert payload["response_type"] == "ephemeral"
        assert "¶27.B · DUSHANBE 000170" in str(payload["blocks"]) and "&lt;!here&gt;" in str(payload["blocks"])

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
        err = proc.stderr.read()
        assert "Traceback" not in err and "xapp-1-A0TIPBOT-1-test" not in err
        assert "tip-bot stopped" in err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
