"""Tests of the daily digest: rotation, post, scheduler, CLI and /tip digest."""
