"""What outlives the process that heard `app_uninstalled`: the store keeps why (for `tip-bot doctor` and
every other process) until a start-up whose auth.test passes clears it. Real SQLite file, the app put
together by `assemble` against the Web API stand-in, the event signed as Slack signs it."""

from __future__ import annotations

from pydantic import SecretStr
from slack_bolt import BoltRequest

from bot.doctor import check_app_gone
from bot.slack.app import assemble
from bot.slack.listeners.uninstall import GONE_KEY
from tests.slack.payloads import PAYLOADS

UNINSTALLED = next(p for p in PAYLOADS if p.name == "event_app_uninstalled")


def test_app_uninstalled_is_recorded_shown_by_doctor_and_cleared_by_a_working_start(tmp_path, settings):
    settings = settings.model_copy(update={"database_url": SecretStr(f"sqlite:///{tmp_path / 'tip-bot.db'}")})
    app, deps = assemble(http=True, settings=settings)
    store = deps.claims.store
    assert store is not None and check_app_gone(settings) is None

    body, headers = UNINSTALLED.http()
    assert app.dispatch(BoltRequest(body=body, headers=headers)).status == 200
    assert not deps.health.posting
    recorded = store.noted(GONE_KEY)
    assert recorded and recorded.startswith("app_uninstalled: the app was uninstalled in organization E111 (")
    gone = check_app_gone(settings)
    assert gone is not None and not gone.ok and recorded in gone.line and "reinstall" in gone.fix
    deps.close()

    # reinstalled, new token in place: the next start-up's auth.test passes and the record goes
    _, again = assemble(http=True, settings=settings)
    assert check_app_gone(settings) is None
    again.close()
