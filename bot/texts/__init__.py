"""Every text people read that is not a fact, one module per kind: the commands and help, the cable's
paragraph headings, Slack's error codes and what to do about them. Each exists once; the shells and
renderers compose them (tests/test_texts.py holds the surfaces to it)."""
