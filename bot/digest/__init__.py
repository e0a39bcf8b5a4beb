"""The daily digest: rotation (which facts, from the date), post (Block Kit, the once-a-day check), scheduler."""
