"""The Slack shells: Bolt app, listeners, Web API client. The answer core never imports this."""
