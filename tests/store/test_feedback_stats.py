"""`tip-bot stats` and the Curators section of App Home, on a store filled by real requests (signed slash
commands, events and clicks through the app), on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta

from bot.cli import main
from bot.render_feedback import ACTION_VOTE_DOWN, ACTION_VOTE_UP, BLOCK_COMMENT, INPUT_COMMENT, VIEW_FEEDBACK
from bot.store.usage import user_hash
from tests.slack.blocks import all_text
from tests.store.test_feedback import ask, click, obj, post
from tests.store.test_wiring import make_app
from tests.support.signing import event_body, view_submission_body

WEEK_AGO = datetime.now(UTC) - timedelta(days=7)


def fill(settings, core, kb, store, web_api) -> None:
    """Five questions (two of them the same miss, spelled differently), a 👎 with a comment, a 👍."""
    app, deps = make_app(settings, core, kb, store)
    shelters = ask(app, "how many shelters", user="U0ONE")
    ask(app, "zebra crossings", user="U0ONE")
    ask(app, "  Zebra   crossings!", user="U0TWO")
    penalties = ask(app, "penalties 130.1", user="U0TWO")
    dm = {
        "type": "message",
        "channel_type": "im",
        "channel": "D0DM",
        "user": "U0TWO",
        "text": "who runs the shelters",
        "ts": "1700000000.000700",
    }
    assert post(app, event_body(dm, event_id="EvS"), json_body=True)[0] == 200
    click(app, shelters, ACTION_VOTE_DOWN, web_api, user="U0ONE", ts="1.1")
    meta = obj(web_api.calls_to("views.open")[0].params["view"])["private_metadata"]
    values = {BLOCK_COMMENT: {INPUT_COMMENT: {"type": "plain_text_input", "value": '=HYPERLINK("x") no 2010 count'}}}
    assert post(app, view_submission_body(VIEW_FEEDBACK, values, private_metadata=meta, user_id="U0ONE"))[0] == 200
    click(app, penalties, ACTION_VOTE_UP, web_api, user="U0TWO", ts="1.2")
    assert deps.usage.flush() == 5


def run_stats(monkeypatch, tmp_path, capsys, db_url, *args) -> tuple[int, str, str]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", db_url)
    rc = main(["stats", *args])
    out, err = capsys.readouterr()
    return rc, out, err


def test_stats_json_reports_the_counts_and_top_misses_sent(
    settings, core, kb, store, web_api, db_url, monkeypatch, tmp_path, capsys
):
    fill(settings, core, kb, store, web_api)
    rc, out, _ = run_stats(monkeypatch, tmp_path, capsys, db_url, "--json", "--csv", str(tmp_path / "s.csv"))
    assert rc == 0
    report = json.loads(out)
    assert (report["questions"], report["answered"]) == (5, 3)
    assert report["per_surface"] == {"slash": 4, "dm": 1}
    assert sum(report["per_day"].values()) == 5
    top = report["top_misses"][0]
    assert (top["query"], top["count"]) == ("zebra crossings", 2)
    first, second = report["facts"][:2]
    assert (
        first["down"] == 1 and first["comments"] == ['=HYPERLINK("x") no 2010 count'] and "shelter" in first["fact_id"]
    )
    assert first["title_ru"]  # the Russian side, where written
    assert second["up"] == 1 and second["fact_id"] == "penalty-130-1"
    assert report["latency_ms"]["p50"] is not None and report["latency_ms"]["p99"] >= report["latency_ms"]["p50"]
    rows = list(csv.reader((tmp_path / "s.csv").open(encoding="utf-8")))
    assert rows[[r[0] for r in rows].index("miss")][:3] == ["miss", "zebra crossings", "2"]
    fact = next(r for r in rows if r[0] == "fact" and r[4] == "1")
    assert fact[5].startswith("'=HYPERLINK")  # a spreadsheet shows it, does not run it

    rc, out, _ = run_stats(monkeypatch, tmp_path, capsys, db_url)
    assert rc == 0 and "5 question(s), 3 answered (60%)" in out and "2  zebra crossings" in out


def test_forget_deletes_one_users_rows_and_votes(
    settings, core, kb, store, web_api, db_url, monkeypatch, tmp_path, capsys
):
    fill(settings, core, kb, store, web_api)
    rc, out, _ = run_stats(monkeypatch, tmp_path, capsys, db_url, "--forget", "U0ONE")
    assert rc == 0 and "deleted 3 usage row(s) and vote(s) of U0ONE" in out  # two questions, one vote
    gone = user_hash(store.hash_salt(), "U0ONE")
    assert all(r.user_hash != gone for r in store.usage_since(WEEK_AGO))
    assert [v.vote for v in store.votes_since(WEEK_AGO)] == [1]
    assert run_stats(monkeypatch, tmp_path, capsys, db_url, "--forget", "not-an-id")[0] == 2


def test_stats_on_an_empty_or_unreachable_store_says_so_in_one_line(db_url, monkeypatch, tmp_path, capsys):
    rc, out, _ = run_stats(monkeypatch, tmp_path, capsys, db_url)
    assert rc == 0 and out.count("\n") == 1 and "no questions or votes recorded in the last 7 day(s)" in out
    rc, out, _ = run_stats(monkeypatch, tmp_path, capsys, f"sqlite:///{tmp_path / 'none.db'}")
    assert rc == 0 and "the store is empty" in out and not (tmp_path / "none.db").exists()  # read only: not created
    rc, _, err = run_stats(monkeypatch, tmp_path, capsys, "postgresql://postgres@127.0.0.1:1/x")
    assert rc == 2 and err.count("\n") == 1 and "cannot use the database" in err


def test_curators_see_the_curators_section_on_app_home(settings, core, kb, store, web_api):
    fill(settings, core, kb, store, web_api)
    app, _ = make_app(settings.model_copy(update={"curators": "U0CURATOR"}), core, kb, store)
    for n, user in enumerate(("U0CURATOR", "U0READER")):
        event = {"type": "app_home_opened", "user": user, "channel": "D0HOME", "tab": "home"}
        assert post(app, event_body(event, event_id=f"EvHome{n}"), json_body=True)[0] == 200
    curator, reader = (obj(c.params["view"]) for c in web_api.calls_to("views.publish"))
    shown = all_text(curator["blocks"])
    assert "Curators" in json.dumps(curator) and "Last 7 days: 5 questions, 3 answered (60%)." in shown
    assert "2 × zebra crossings" in shown and "👎 1" in shown and '=HYPERLINK("x")' in shown
    assert len(curator["blocks"]) <= 100
    assert "Curators" not in json.dumps(reader)
