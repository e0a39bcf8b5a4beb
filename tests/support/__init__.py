"""Test support: a Slack Web API stand-in and requests signed the way Slack signs them."""
